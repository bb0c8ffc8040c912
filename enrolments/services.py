"""Every write of enrolment and progress state. Views and other apps call these."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

from accounts.models import OrganisationType, User
from courses.models import CompletionRequirement, CompletionRule, CoursePage, StepPage
from courses.reachability import is_reachable

from .models import Cohort, CohortInvitation, Enrolment, Pair, PairInvitation, StepProgress
from .signals import course_completed


class EnrolmentError(ValidationError):
    """A learner action that cannot be carried out; the message is for the learner."""


def source_page(page: Page) -> Page:
    """The page in the default (Swedish) locale that `page` translates or aliases.

    Learner state always points at this page so that it is shared by every language.
    """
    default_locale = Locale.get_default()
    if page.locale_id == default_locale.pk:
        return page
    return page.get_translation(default_locale).specific


def course_of_step(step: Page) -> CoursePage:
    course = CoursePage.objects.ancestor_of(step).first()
    if course is None:
        raise EnrolmentError(_("This page is not part of a course."))
    return course


@transaction.atomic
def enrol_learner(*, learner, course: CoursePage, cohort: Cohort | None = None) -> tuple[Enrolment, bool]:
    """Enrol `learner` on the live `course` (any language); returns (enrolment, created).

    A new enrolment joins `cohort`, or else the course's default cohort while it is open.
    One enrolment per learner and course is a database constraint; a second or
    concurrent call returns the existing enrolment (its cohort unchanged).
    """
    course = source_page(course)
    if not course.live:
        raise EnrolmentError(_("This course is not open for enrolment."))
    if cohort is None:
        cohort = default_cohort(course)
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(learner=learner, course=course, defaults={"cohort": cohort})
    except IntegrityError:
        return Enrolment.objects.get(learner=learner, course=course), False


def default_cohort(course: CoursePage) -> Cohort | None:
    """The course's default cohort if it is open today."""
    return Cohort.objects.filter(course=course, is_default=True).open_on(timezone.localdate()).first()


@transaction.atomic
def complete_step(*, learner, step: StepPage) -> tuple[StepProgress, bool]:
    """Record that `learner` has completed `step` (any language); returns (progress, created).

    Completing a step twice records it once. The learner must be enrolled on the step's course,
    and the step reachable (it and its module and course live).
    """
    step = source_page(step)
    if not is_reachable(step):
        raise EnrolmentError(_("This page is not published."))
    course = course_of_step(step)
    enrolment = Enrolment.objects.select_for_update().filter(learner=learner, course=course).first()
    if enrolment is None:
        raise EnrolmentError(_("Enrol on the course before you mark its steps as done."))
    progress, created = StepProgress.objects.get_or_create(enrolment=enrolment, step=step)
    record_activity(enrolment=enrolment)
    record_completion(enrolment=enrolment)
    return progress, created


def evaluate_completion(*, enrolment: Enrolment, now: datetime | None = None) -> bool:
    """Whether `enrolment` meets the completion rules of its (Swedish, live) course now.

    Page rules require a StepProgress for their page (rules on unpublished pages are skipped);
    without page rules every published step of the course is required. A "minimum days" rule
    requires that many days since enrolment. A course with nothing to do is never complete.
    Reads only: four queries whatever the size of the course.
    """
    now = now or timezone.now()
    course = enrolment.course
    rules = list(CompletionRule.objects.filter(course_id=enrolment.course_id).select_related("page"))
    min_days = max(
        (rule.min_days or 0 for rule in rules if rule.requirement == CompletionRequirement.MIN_DAYS), default=0
    )
    if min_days and enrolment.enrolled_at + timedelta(days=min_days) > now:
        return False
    page_rules = [rule for rule in rules if rule.requirement != CompletionRequirement.MIN_DAYS]
    if page_rules:
        required = {rule.page_id for rule in page_rules if rule.page.live}
    else:
        # CoursePage > ModulePage > step: the steps are the live pages two levels down, in live modules.
        pages = (
            Page.objects.live()
            .descendant_of(course)
            .filter(depth__in=[course.depth + 1, course.depth + 2])
            .values_list("pk", "path", "depth")
        )
        live_modules = {path for _pk, path, depth in pages if depth == course.depth + 1}
        required = {
            pk for pk, path, depth in pages if depth == course.depth + 2 and path[: -Page.steplen] in live_modules
        }
    if not required:
        return False
    done = set(StepProgress.objects.filter(enrolment=enrolment, step_id__in=required).values_list("step_id", flat=True))
    return done == required


@transaction.atomic
def record_completion(*, enrolment: Enrolment, now: datetime | None = None) -> bool:
    """Record that `enrolment` is complete if its rules are met; returns whether it was recorded now.

    Completion is recorded once, with its time, under a row lock, so concurrent calls record it
    once; later rule changes never take it away. `course_completed` is sent in the same
    transaction (certificates issue theirs there, exactly once).
    """
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    if enrolment.completed_at is not None:
        return False
    if not evaluate_completion(enrolment=enrolment, now=now):
        return False
    enrolment.completed_at = now or timezone.now()
    enrolment.save(update_fields=["completed_at", "updated_at"])
    course_completed.send(sender=Enrolment, enrolment=enrolment)
    return True


def record_due_completions(*, now: datetime | None = None) -> int:
    """Re-check unfinished enrolments (for "minimum days" rules that fall due); returns how many completed."""
    pending = Enrolment.objects.filter(completed_at__isnull=True, course__completion_rules__requirement="min_days")
    return sum(record_completion(enrolment=enrolment, now=now) for enrolment in pending.distinct())


def record_activity(*, enrolment: Enrolment) -> None:
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=timezone.now())


def export_personal_data(user) -> list[dict[str, Any]]:
    enrolments = (
        Enrolment.objects.filter(learner=user)
        .select_related("course", "cohort")
        .prefetch_related("step_progress__step")
    )
    return [
        {
            "course": enrolment.course.title,
            "enrolled_at": enrolment.enrolled_at.isoformat(),
            "last_activity_at": enrolment.last_activity_at.isoformat(),
            "completed_at": enrolment.completed_at.isoformat() if enrolment.completed_at else None,
            "cohort": enrolment.cohort.name if enrolment.cohort_id else None,
            "completed_steps": [
                {"step": progress.step.title, "completed_at": progress.completed_at.isoformat()}
                for progress in enrolment.step_progress.all()
            ],
        }
        for enrolment in enrolments
    ]


def erase_personal_data(user) -> None:
    Pair.objects.filter(Q(first=user) | Q(second=user)).delete()
    PairInvitation.objects.filter(Q(inviter=user) | Q(invitee=user)).delete()
    Enrolment.objects.filter(learner=user).delete()
    CohortInvitation.objects.filter(email__iexact=user.email).delete()


# Pairs -------------------------------------------------------------------------------------------


def pair_of(*, learner, course: CoursePage) -> Pair | None:
    """The pair `learner` works `course` with (the Swedish source course), if any."""
    if not learner.is_authenticated:
        return None
    return Pair.objects.of_learner(learner).filter(course=course).select_related("first", "second").first()


@dataclass
class Pairing:
    course: CoursePage | None = None
    pair: Pair | None = None
    partner: Any = None
    received: list[PairInvitation] = field(default_factory=list)
    sent: list[PairInvitation] = field(default_factory=list)


def pairing(*, learner, step: StepPage) -> Pairing:
    """Read-only: `learner`'s pair on the course of `step` (any language) and their open invitations."""
    if not learner.is_authenticated:
        return Pairing()
    course = course_of_step(source_page(step))
    pair = Pair.objects.of_learner(learner).filter(course=course).select_related("first", "second").first()
    if pair is not None:
        return Pairing(course=course, pair=pair, partner=pair.partner_of(learner))
    invitations = list(
        PairInvitation.objects.filter(course=course)
        .filter(Q(inviter=learner) | Q(invitee=learner))
        .select_related("inviter", "invitee")
    )
    return Pairing(
        course=course,
        received=[invitation for invitation in invitations if invitation.invitee_id == learner.pk],
        sent=[invitation for invitation in invitations if invitation.inviter_id == learner.pk],
    )


def check_pair(*, course: CoursePage, first, second) -> None:
    """Raise EnrolmentError unless `first` and `second` may form a pair on `course`: two people, both
    enrolled in the same cohort, one municipal and one police coordinator serving the same municipality, neither paired yet."""
    if first.pk == second.pk:
        raise EnrolmentError(_("A pair is two different people."))
    cohorts = dict(
        Enrolment.objects.filter(course=course, learner__in=[first, second]).values_list("learner_id", "cohort_id")
    )
    if set(cohorts) != {first.pk, second.pk}:
        raise EnrolmentError(_("Both people must be enrolled on the course."))
    if cohorts[first.pk] != cohorts[second.pk]:
        raise EnrolmentError(_("A pair is formed within one cohort."))
    kinds = {first.organisation_type, second.organisation_type}
    if kinds != {OrganisationType.MUNICIPALITY, OrganisationType.POLICE}:
        raise EnrolmentError(_("A pair is one municipal coordinator and one police coordinator."))
    if first.municipality_id is None or first.municipality_id != second.municipality_id:
        raise EnrolmentError(_("Both coordinators of a pair must serve the same municipality."))
    if Pair.objects.filter(course=course).filter(Q(first__in=[first, second]) | Q(second__in=[first, second])).exists():
        raise EnrolmentError(_("One of you already works this course in a pair."))


@transaction.atomic
def form_pair(*, course: CoursePage, first, second) -> Pair:
    """Make `first` and `second` a pair on `course`, under row locks on both enrolments so that a
    learner never ends up in two pairs of one course. Pending invitations between them go."""
    course = source_page(course)
    list(Enrolment.objects.select_for_update().filter(course=course, learner__in=[first, second]).order_by("pk"))
    check_pair(course=course, first=first, second=second)
    pair = Pair.objects.create(course=course, first=first, second=second)
    PairInvitation.objects.filter(course=course).filter(
        Q(inviter__in=[first, second]) | Q(invitee__in=[first, second])
    ).delete()
    return pair


@transaction.atomic
def invite_partner(*, inviter, course: CoursePage, email: str) -> PairInvitation:
    """Invite the learner of the inviter's cohort of `course` with e-mail address `email` to form a pair;
    they are told by e-mail."""
    course = source_page(course)
    enrolment = Enrolment.objects.filter(learner=inviter, course=course).first()
    if enrolment is None:
        raise EnrolmentError(_("Enrol on the course first."))
    invitee = User.objects.filter(
        email__iexact=email.strip(), enrolments__course=course, enrolments__cohort_id=enrolment.cohort_id
    ).first()
    if invitee is None:
        raise EnrolmentError(_("No one in your cohort of this course has that e-mail address."))
    check_pair(course=course, first=inviter, second=invitee)
    invitation, _created = PairInvitation.objects.get_or_create(course=course, inviter=inviter, invitee=invitee)
    transaction.on_commit(lambda: _send_invitation(invitation))
    return invitation


def _send_invitation(invitation: PairInvitation) -> None:
    invitee = invitation.invitee
    with translation.override(invitee.preferred_language):
        subject = _("%(name)s invites you to work the course as a pair") % {"name": invitation.inviter.get_full_name()}
        body = _(
            "%(name)s (%(email)s) invites you to work the course “%(course)s” together, as a pair. "
            "Accept or ignore the invitation on the course page:\n\n%(url)s\n"
        ) % {
            "name": invitation.inviter.get_full_name(),
            "email": invitation.inviter.email,
            "course": invitation.course.title,
            "url": invitation.course.full_url,
        }
        send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, [invitee.email])


@transaction.atomic
def accept_invitation(*, invitee, invitation_id: int) -> Pair:
    invitation = (
        PairInvitation.objects.select_related("course", "inviter").filter(pk=invitation_id, invitee=invitee).first()
    )
    if invitation is None:
        raise EnrolmentError(_("This invitation is no longer open."))
    return form_pair(course=invitation.course, first=invitation.inviter, second=invitee)


@transaction.atomic
def leave_pair(*, learner, pair_id: int) -> None:
    """End the pair; each member keeps a copy of the joint work (the workbook reacts to the deletion)."""
    pair = Pair.objects.of_learner(learner).select_for_update().filter(pk=pair_id).first()
    if pair is None:
        raise EnrolmentError(_("You are not in this pair."))
    pair.delete()
