"""Cohort membership: adding learners by e-mail, invitations for addresses without an account,
and joining with an enrolment key. Every write goes through here."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .email_lists import ParsedEmails
from .models import Cohort, CohortInvitation, Enrolment
from .services import EnrolmentError, enrol_learner


@dataclass
class CohortImport:
    """What adding a list of addresses to a cohort did, for the administrator's report."""

    enrolled: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    already_in_cohort: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)


@transaction.atomic
def add_learners_to_cohort(*, cohort: Cohort, parsed: ParsedEmails, by) -> CohortImport:
    """Enrol every address with an account on the cohort's course in the cohort (moving an existing
    enrolment of that course into it), and invite every address without one. One transaction: either
    all of it is recorded or nothing is. Invitation e-mails go out after the commit.
    """
    User = get_user_model()
    result = CohortImport(duplicates=list(parsed.duplicates), invalid=list(parsed.invalid))
    if not cohort.course.live:
        raise EnrolmentError(_("The cohort's course is not published, so no one can be enrolled on it."))
    users = {user.email.lower(): user for user in User.objects.filter(email__in=parsed.emails)}
    enrolments = {
        enrolment.learner_id: enrolment
        for enrolment in Enrolment.objects.filter(course=cohort.course, learner__in=users.values())
    }
    pending = set(
        CohortInvitation.objects.filter(cohort=cohort, email__in=parsed.emails).values_list("email", flat=True)
    )
    new_invitations = []
    for email in parsed.emails:
        user = users.get(email)
        if user is None:
            if email in pending:
                result.already_invited.append(email)
            else:
                new_invitations.append(CohortInvitation(cohort=cohort, email=email, invited_by=by))
                result.invited.append(email)
            continue
        enrolment = enrolments.get(user.pk)
        if enrolment is None:
            enrol_learner(learner=user, course=cohort.course, cohort=cohort)
            result.enrolled.append(email)
        elif enrolment.cohort_id == cohort.pk:
            result.already_in_cohort.append(email)
        else:
            Enrolment.objects.filter(pk=enrolment.pk).update(cohort=cohort, updated_at=timezone.now())
            result.moved.append(email)
    created = CohortInvitation.objects.bulk_create(new_invitations)
    if created:
        from .tasks import send_invitation

        ids = [invitation.pk for invitation in created]
        transaction.on_commit(lambda: [send_invitation.enqueue(invitation_id=pk) for pk in ids])
    return result


@transaction.atomic
def accept_invitations(*, user, token: str | None = None) -> list[Enrolment]:
    """Enrol a newly signed-up `user` in every cohort that invited their address (and the one whose
    link they followed, `token`). Invitations to courses no longer published are marked accepted
    without an enrolment."""
    from django.db.models import Q

    condition = Q(email__iexact=user.email)
    if token:
        condition |= Q(token=token)
    invitations = list(
        CohortInvitation.objects.select_for_update()
        .filter(condition, accepted_at__isnull=True)
        .select_related("cohort__course")
    )
    enrolments = []
    for invitation in invitations:
        try:
            enrolment, _created = enrol_learner(learner=user, course=invitation.cohort.course, cohort=invitation.cohort)
        except EnrolmentError:
            continue
        enrolments.append(enrolment)
    CohortInvitation.objects.filter(pk__in=[invitation.pk for invitation in invitations]).update(
        accepted_at=timezone.now()
    )
    return enrolments


@transaction.atomic
def join_cohort_with_key(*, learner, key: str) -> Enrolment:
    """Enrol `learner` in the open cohort whose enrolment key is `key` (moving an enrolment of the same
    course into it)."""
    key = key.strip()
    cohort = (
        Cohort.objects.open_on(timezone.localdate()).select_related("course").filter(enrolment_key=key).first()
        if key
        else None
    )
    if cohort is None:
        raise EnrolmentError(_("No open cohort has this enrolment key. Check the key with your course leader."))
    enrolment, created = enrol_learner(learner=learner, course=cohort.course, cohort=cohort)
    if not created and enrolment.cohort_id != cohort.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(cohort=cohort, updated_at=timezone.now())
        enrolment.cohort = cohort
    return enrolment
