"""Background work of enrolments (django-tasks: immediate locally, db worker in production)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from django_tasks import task

from .models import CohortInvitation


def invitation_url(invitation: CohortInvitation) -> str:
    return f"{settings.SITE_BASE_URL}{reverse('enrolments:invitation', kwargs={'token': invitation.token})}"


@task()
def send_invitation(invitation_id: int) -> str:
    """E-mail an invited address the sign-up link that enrols them in the cohort (in Swedish: the
    address has no account, so no language preference yet; the message carries both languages)."""
    invitation = CohortInvitation.objects.select_related("cohort__course").get(pk=invitation_id)
    if invitation.accepted_at is not None:
        return invitation.email
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "course_title": invitation.cohort.course.title,
            "cohort_name": invitation.cohort.name,
            "url": invitation_url(invitation),
        }
        subject = render_to_string("enrolments/email/invitation_subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=render_to_string("enrolments/email/invitation.txt", context),
            to=[invitation.email],
        )
        message.attach_alternative(render_to_string("enrolments/email/invitation.html", context), "text/html")
    message.send()
    return invitation.email
