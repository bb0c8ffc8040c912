from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Locale

from allauth.account.adapter import get_adapter

from courses.models import CoursePage, LessonPage
from courses.reachability import is_reachable
from courses.structure import localized_course_structure, structure_for

from . import cohorts, services
from .forms import InvitePartnerForm
from .models import CohortInvitation, Enrolment, Pair
from .progress import learner_outlines


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    try:
        _enrolment, created = services.enrol_learner(learner=request.user, course=course)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect(course.get_url(request))
    if created:
        messages.success(request, _("You are enrolled. Welcome to the course!"))
    else:
        messages.info(request, _("You are already enrolled on this course."))
    return redirect(course.get_url(request))


@login_required
@require_POST
def complete_step(request, page_id: int):
    step = get_object_or_404(LessonPage.objects.live().public(), pk=page_id)
    if not is_reachable(step):
        raise Http404
    try:
        _progress, created = services.complete_step(learner=request.user, step=step)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect(step.get_url(request), permanent=False)
    if created:
        messages.success(request, _("“%(title)s” is marked as done.") % {"title": step.title})
    structure = structure_for(step)
    following = structure.step_after(step.pk)
    return redirect(following.url if following else structure.url)


@login_required
@require_GET
def dashboard(request):
    enrolments = list(Enrolment.objects.for_learner(request.user).select_related("course"))
    locale = Locale.get_active()
    structures = [localized_course_structure(enrolment.course, locale) for enrolment in enrolments]
    outlines = learner_outlines(enrolments=enrolments, structures=structures)
    return render(request, "enrolments/dashboard.html", {"outlines": outlines})


INVITATION_SESSION_KEY = "enrolments_invitation_token"


@require_GET
def invitation(request, token: str):
    """The link in an invitation e-mail. Signed in: join the cohort now. Otherwise: sign up through
    allauth with the invited address already counted as verified (the link proves it), and the
    `user_signed_up` receiver enrols the new account."""
    invite = CohortInvitation.objects.filter(token=token).select_related("cohort__course").first()
    if invite is None:
        raise Http404
    if request.user.is_authenticated:
        cohorts.accept_invitations(user=request.user, token=token)
        messages.success(request, _("You are enrolled. Welcome to the course!"))
        return redirect("enrolments:dashboard")
    if invite.accepted_at is not None:
        messages.info(request, _("This invitation has been used. Sign in to continue the course."))
        return redirect("account_login")
    if get_user_model().objects.filter(email__iexact=invite.email).exists():
        # An existing account (outside the inviting administrator's scope): sign in, then come back.
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
    request.session[INVITATION_SESSION_KEY] = token
    get_adapter(request).stash_verified_email(request, invite.email)
    return redirect(reverse("account_signup"))


def accept_invitation_on_signup(sender, *, request, user, **kwargs) -> None:
    """Receiver of allauth's `user_signed_up`: enrol the new account where it was invited."""
    token = request.session.pop(INVITATION_SESSION_KEY, None) if request is not None else None
    enrolments = cohorts.accept_invitations(user=user, token=token)
    if enrolments and request is not None:
        messages.success(request, _("You are enrolled on the course you were invited to."))


@login_required
@require_POST
def join_cohort(request):
    """Join a cohort with the enrolment key a course leader gave out."""
    try:
        enrolment = cohorts.join_cohort_with_key(learner=request.user, key=request.POST.get("key", "")[:40])
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect("enrolments:dashboard")
    messages.success(request, _("You have joined %(cohort)s.") % {"cohort": enrolment.cohort.name})
    return redirect("enrolments:dashboard")


@login_required
@require_POST
def invite_partner(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    form = InvitePartnerForm(request.POST)
    back = request.POST.get("next") or course.get_url(request)
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = course.get_url(request)
    if not form.is_valid():
        messages.error(request, _("Give the e-mail address of the person you want to work with."))
        return redirect(back)
    try:
        services.invite_partner(inviter=request.user, course=course, email=form.cleaned_data["email"])
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, _("The invitation is sent. You work as a pair once it is accepted."))
    return redirect(back)


@login_required
@require_POST
def accept_invitation(request, invitation_id: int):
    try:
        pair = services.accept_invitation(invitee=request.user, invitation_id=invitation_id)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect("enrolments:dashboard")
    messages.success(request, _("You now work the course with %(name)s.") % {"name": pair.first.get_full_name()})
    return redirect(pair.course.localized.get_url(request))


@login_required
@require_POST
def leave_pair(request, pair_id: int):
    pair = get_object_or_404(Pair.objects.of_learner(request.user).select_related("course"), pk=pair_id)
    course = pair.course
    services.leave_pair(learner=request.user, pair_id=pair.pk)
    messages.success(request, _("You have left the pair. Each of you keeps a copy of your joint answers."))
    return redirect(course.localized.get_url(request))
