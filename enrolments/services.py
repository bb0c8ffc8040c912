"""Every write of enrolment and progress state. Views and other apps call these."""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

from courses.models import CompletionRequirement, CompletionRule, CoursePage, StepPage
from courses.reachability import is_reachable

from .models import Cohort, CohortInvitation, Enrolment, StepProgress
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
    Enrolment.objects.filter(learner=user).delete()
    CohortInvitation.objects.filter(email__iexact=user.email).delete()
