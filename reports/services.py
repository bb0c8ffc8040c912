"""What the reports show, computed in the database, always within the viewer's scope; and the reminders.

Every read here starts from `accounts.scope.learner_q`, so a scoped administrator's figures,
rows and files hold only the learners their scope covers. The number of queries of each
report is fixed: it does not grow with learners, enrolments, progress rows or attempts.
"""

import re
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.log_actions import log
from wagtail.models import Locale

from accounts.models import OrganisationType
from accounts.scope import learner_q, municipality_q
from courses.models import CoursePage
from courses.structure import CourseStructure, course_structure
from enrolments.models import Enrolment, StepProgress
from organisations.models import Municipality
from quizzes.models import QuizAttempt

from .aggregates import Median
from .collation import swedish
from .models import Reminder, ReportExport

ACTIVE_DAYS = 30
EXPORT_LOG_ACTION = "reports.export"


class Status:
    COMPLETED = "completed"
    ACTIVE = "active"
    INACTIVE = "inactive"


def courses() -> QuerySet[CoursePage]:
    """The Swedish source courses, which enrolments point at."""
    return CoursePage.objects.filter(locale=Locale.get_default()).order_by("path").defer_streamfields()


def scoped_enrolments(user) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(learner_q(user, "learner__"))


def status_q(status: str, *, now: datetime | None = None) -> Q:
    cutoff = (now or timezone.now()) - timedelta(days=ACTIVE_DAYS)
    if status == Status.COMPLETED:
        return Q(completed_at__isnull=False)
    if status == Status.ACTIVE:
        return Q(completed_at__isnull=True, last_activity_at__gte=cutoff)
    if status == Status.INACTIVE:
        return Q(completed_at__isnull=True, last_activity_at__lt=cutoff)
    return Q()


def search_q(term: str) -> Q:
    """Name or e-mail containing `term`, ignoring case, å, ä and ö included, on both databases.

    A case-insensitive regular expression: PostgreSQL's `~*` and, on SQLite, Django's REGEXP
    function (Python's `re`) both fold the case of every letter, unlike SQLite's LIKE (ASCII only).
    """
    query = Q()
    for word in term.split():
        pattern = re.escape(word)
        query &= (
            Q(learner__first_name__iregex=pattern)
            | Q(learner__last_name__iregex=pattern)
            | Q(learner__email__iregex=pattern)
        )
    return query


def _course_steps() -> dict[int, tuple[int, list[int]]]:
    """Per course: (number of steps, pks of its quizzes), from the cached course structures."""
    result = {}
    for course in courses():
        steps = course_structure(course).steps
        result[course.pk] = (len(steps), [step.pk for step in steps if step.kind == "quiz"])
    return result


def learner_rows(user) -> QuerySet[Enrolment]:
    """One row per enrolment in `user`'s scope with the learner, place, course and cohort, in
    Swedish name order. Lean on purpose: the listing sorts and pages these rows, then
    `with_figures` adds progress and quiz results for the rows shown only."""
    return (
        scoped_enrolments(user)
        .select_related("learner")
        .only(
            "pk",
            "course_id",
            "enrolled_at",
            "last_activity_at",
            "completed_at",
            "learner__id",
            "learner__first_name",
            "learner__last_name",
            "learner__email",
            "learner__organisation_type",
        )
        .annotate(
            course_title=F("course__title"),
            cohort_name=F("cohort__name"),
            municipality_name=F("learner__municipality__name"),
            county_name=Coalesce("learner__municipality__county__name", "learner__county__name"),
            police_region_name=Coalesce(
                "learner__municipality__county__police_region__name", "learner__county__police_region__name"
            ),
            certificate_serial=F("certificate__serial"),
        )
        .order_by(swedish("learner__last_name"), swedish("learner__first_name"), "learner__email", "pk")
    )


FIGURES = ("steps_done", "progress_percent", "quizzes_passed", "best_quiz_percent")


def with_figures(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """`queryset` with each enrolment's steps done, progress %, quizzes passed and best quiz
    score: correlated subqueries on the (enrolment, step) and (learner, quiz) indexes, with the
    course's quiz pages taken from the cached structure, so each row costs a few index lookups."""
    course_steps = _course_steps()
    steps_done = (
        StepProgress.objects.filter(enrolment=OuterRef("pk"))
        .order_by()
        .values("enrolment")
        .annotate(count=Count("pk"))
        .values("count")
    )

    def per_course(make, output_field):
        return Case(
            *[When(course_id=pk, then=make(total, quizzes)) for pk, (total, quizzes) in course_steps.items()],
            default=Value(None),
            output_field=output_field,
        )

    def attempts(quizzes: list[int]):
        return QuizAttempt.objects.filter(
            learner=OuterRef("learner"), quiz_id__in=quizzes, state=QuizAttempt.State.GRADED
        ).order_by()

    def passed(total, quizzes):
        if not quizzes:
            return Value(0)
        counted = attempts(quizzes).filter(passed=True).values("learner").annotate(n=Count("quiz", distinct=True))
        return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)

    def best(total, quizzes):
        if not quizzes:
            return Value(None)
        return Subquery(attempts(quizzes).values("learner").annotate(best=Max("percent")).values("best"))

    def percent(total, quizzes):
        if not total:
            return Value(0)
        return Least(Value(100), F("steps_done") * 100 / total)

    return queryset.annotate(
        steps_done=Coalesce(Subquery(steps_done, output_field=IntegerField()), 0),
        progress_percent=per_course(percent, IntegerField()),
        quizzes_passed=per_course(passed, IntegerField()),
        best_quiz_percent=per_course(best, DecimalField(max_digits=5, decimal_places=2)),
    )


def add_figures(rows: list[Enrolment]) -> list[Enrolment]:
    """Set the `with_figures` values on already fetched rows (one page): one query."""
    figures = {
        values["pk"]: values
        for values in with_figures(Enrolment.objects.filter(pk__in=[row.pk for row in rows])).values("pk", *FIGURES)
    }
    for row in rows:
        for name in FIGURES:
            setattr(row, name, figures.get(row.pk, {}).get(name))
    return rows


# Course overview --------------------------------------------------------------------------


@dataclass
class ModuleShare:
    title: str
    finished: int
    share: float

    @property
    def share_label(self) -> str:
        return f"{self.share:.0f} %"


@dataclass
class DropOff:
    title: str
    stopped: int
    share: float


@dataclass
class CourseOverview:
    course: CoursePage
    enrolled: int = 0
    active: int = 0
    completed: int = 0
    stopped: int = 0
    median_days: float | None = None
    modules: list[ModuleShare] = field(default_factory=list)
    drop_off: list[DropOff] = field(default_factory=list)

    @property
    def completion_rate(self) -> float:
        return self.completed / self.enrolled * 100 if self.enrolled else 0.0


def _median_days(enrolments: QuerySet[Enrolment]) -> float | None:
    """Median days from enrolment to completion: PostgreSQL's percentile_cont, Python elsewhere."""
    duration = F("completed_at") - F("enrolled_at")
    completed = enrolments.filter(completed_at__isnull=False)
    if connection.vendor == "postgresql":
        median = completed.aggregate(median=Median(duration))["median"]
    else:
        durations = [done - started for started, done in completed.values_list("enrolled_at", "completed_at")]
        median = statistics.median(durations) if durations else None
    return None if median is None else median.total_seconds() / 86400


def course_overview(user, course: CoursePage, *, now: datetime | None = None) -> CourseOverview:
    """Enrolled, active in the last 30 days, completed, completion rate, median days to complete,
    the share who finished each module, and where those who stopped (not completed, inactive for
    30 days) stopped: the step after the furthest one they completed. Four queries."""
    now = now or timezone.now()
    structure: CourseStructure = course_structure(course)
    enrolments = scoped_enrolments(user).filter(course=course)
    figures = enrolments.aggregate(
        enrolled=Count("pk"),
        active=Count("pk", filter=Q(last_activity_at__gte=now - timedelta(days=ACTIVE_DAYS))),
        completed=Count("pk", filter=status_q(Status.COMPLETED)),
        stopped=Count("pk", filter=status_q(Status.INACTIVE, now=now)),
    )
    overview = CourseOverview(course=course, **figures, median_days=_median_days(enrolments))
    steps = structure.steps
    if not steps:
        return overview
    progress = StepProgress.objects.filter(enrolment__in=enrolments).order_by().values("enrolment")
    per_module = progress.annotate(
        **{
            f"module_{index}": Count("pk", filter=Q(step_id__in=[step.pk for step in module.steps]))
            for index, module in enumerate(structure.modules)
        }
    )
    finished = per_module.aggregate(
        **{
            f"finished_{index}": Count("enrolment", filter=Q(**{f"module_{index}": len(module.steps)}))
            for index, module in enumerate(structure.modules)
            if module.steps
        }
    )
    for index, module in enumerate(structure.modules):
        count = finished.get(f"finished_{index}", 0)
        share = count / overview.enrolled * 100 if overview.enrolled else 0.0
        overview.modules.append(ModuleShare(title=module.title, finished=count, share=share))

    position = Case(
        *[When(step_id=step.pk, then=Value(index)) for index, step in enumerate(steps)],
        default=None,
        output_field=IntegerField(),
    )
    stopped = StepProgress.objects.filter(
        enrolment__in=enrolments.filter(status_q(Status.INACTIVE, now=now))
    ).order_by()
    furthest = stopped.values("enrolment").annotate(furthest=Max(position))
    after = furthest.aggregate(
        **{f"after_{index}": Count("enrolment", filter=Q(furthest=index)) for index in range(len(steps))}
    )
    stopped_at = [0] * len(steps)
    for index in range(len(steps)):
        if index + 1 < len(steps):
            stopped_at[index + 1] = after[f"after_{index}"]
    stopped_at[0] = overview.stopped - sum(after.values())
    for step, count in zip(steps, stopped_at, strict=True):
        share = count / overview.stopped * 100 if overview.stopped else 0.0
        overview.drop_off.append(DropOff(title=step.title, stopped=count, share=share))
    return overview


# Coverage ---------------------------------------------------------------------------------


@dataclass
class MunicipalityCoverage:
    code: str
    name: str
    county: str
    county_code: str
    police_region: str
    municipal: bool
    police: bool

    @property
    def both(self) -> bool:
        return self.municipal and self.police

    @property
    def level(self) -> str:
        if self.both:
            return "both"
        if self.municipal:
            return "municipal"
        if self.police:
            return "police"
        return "none"


class Tally:
    """Counts over `municipalities`: how many have a municipal, a police or both coordinators trained."""

    municipalities: list[MunicipalityCoverage]

    @property
    def total(self) -> int:
        return len(self.municipalities)

    @property
    def municipal(self) -> int:
        return sum(item.municipal for item in self.municipalities)

    @property
    def police(self) -> int:
        return sum(item.police for item in self.municipalities)

    @property
    def both(self) -> int:
        return sum(item.both for item in self.municipalities)


@dataclass
class CoverageGroup(Tally):
    name: str
    municipalities: list[MunicipalityCoverage] = field(default_factory=list)

    @property
    def none(self) -> int:
        return sum(item.level == "none" for item in self.municipalities)

    @property
    def both_share(self) -> float:
        return self.both / self.total * 100 if self.total else 0.0


@dataclass
class Coverage(Tally):
    municipalities: list[MunicipalityCoverage]
    counties: list[CoverageGroup]
    police_regions: list[CoverageGroup]


def coverage(user, *, course: CoursePage | None = None) -> Coverage:
    """For each of the municipalities in `user`'s scope (all 290 nationally): whether a municipal
    and whether a police coordinator serving it has completed `course` (any course if None).
    One query."""
    completed = scoped_enrolments(user).filter(completed_at__isnull=False)
    if course is not None:
        completed = completed.filter(course=course)
    here = completed.filter(learner__municipality=OuterRef("pk"))
    rows = (
        Municipality.objects.filter(municipality_q(user))
        .select_related("county__police_region")
        .annotate(
            municipal=Exists(here.filter(learner__organisation_type=OrganisationType.MUNICIPALITY)),
            police=Exists(here.filter(learner__organisation_type=OrganisationType.POLICE)),
        )
        .order_by("code")
    )
    municipalities = [
        MunicipalityCoverage(
            code=row.code,
            name=row.name,
            county=row.county.name,
            county_code=row.county.code,
            police_region=row.county.police_region.name,
            municipal=row.municipal,
            police=row.police,
        )
        for row in rows
    ]
    counties: dict[str, CoverageGroup] = {}
    regions: dict[str, CoverageGroup] = {}
    for item in municipalities:
        counties.setdefault(item.county_code, CoverageGroup(name=item.county)).municipalities.append(item)
        regions.setdefault(item.police_region, CoverageGroup(name=item.police_region)).municipalities.append(item)
    return Coverage(
        municipalities=municipalities,
        counties=[counties[code] for code in sorted(counties)],
        police_regions=[regions[name] for name in sorted(regions)],
    )


@dataclass
class DashboardFigures:
    enrolled: int
    active: int
    completed: int
    covered_both: int
    municipalities: int


def dashboard_figures(user, *, now: datetime | None = None) -> DashboardFigures:
    now = now or timezone.now()
    figures = scoped_enrolments(user).aggregate(
        enrolled=Count("pk"),
        active=Count("pk", filter=Q(last_activity_at__gte=now - timedelta(days=ACTIVE_DAYS))),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
    )
    result = coverage(user)
    return DashboardFigures(**figures, covered_both=result.both, municipalities=result.total)


# Exports ----------------------------------------------------------------------------------


@transaction.atomic
def record_export(*, user, report: str, export_format: str, filters: str) -> ReportExport:
    """Record a download in Wagtail's audit log: who, when, which report, format and filter."""
    export = ReportExport.objects.create(user=user, report=report, export_format=export_format, filters=filters)
    log(
        instance=export,
        action=EXPORT_LOG_ACTION,
        user=user,
        data={"report": report, "format": export_format, "filters": filters},
    )
    return export


# Reminders --------------------------------------------------------------------------------


def due_period(*, last_activity_at: datetime, days: int, now: datetime) -> datetime | None:
    """The end of the latest whole period of `days` without activity, or None within the first."""
    periods = (now - last_activity_at) // timedelta(days=days)
    if periods < 1:
        return None
    return last_activity_at + periods * timedelta(days=days)


def _send_reminder(enrolment: Enrolment, course: CoursePage) -> None:
    learner = enrolment.learner
    language = learner.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "learner": learner,
            "course_title": course.localized.title if language != "sv" else course.title,
            "course_url": settings.SITE_BASE_URL.rstrip("/") + (course.localized.url or course.url or "/"),
            "days": course.reminder_days,
            "profile_url": settings.SITE_BASE_URL + reverse("accounts:profile"),
        }
        subject = render_to_string("reports/email/reminder_subject.txt", context).strip()
        body = render_to_string("reports/email/reminder_body.txt", context)
    send_mail(subject, body, None, [learner.email])


def send_reminders(*, now: datetime | None = None) -> int:
    """E-mail every learner who has not completed a course and has not been active on it for the
    course's reminder days, once per such period; returns how many were sent.

    Safe to run twice or concurrently: a Reminder row per (enrolment, period end) is a unique
    constraint, and the e-mail goes out in the transaction that creates it, so a failed e-mail
    leaves no row and is tried again on the next run. Learners who opted out get none.
    """
    now = now or timezone.now()
    sent = 0
    for course in courses().filter(live=True):
        pending = (
            Enrolment.objects.filter(
                course=course,
                completed_at__isnull=True,
                last_activity_at__lte=now - timedelta(days=course.reminder_days),
                learner__is_active=True,
                learner__receives_reminders=True,
            )
            .select_related("learner")
            .order_by("pk")
        )
        for enrolment in pending.iterator(chunk_size=500):
            due_at = due_period(last_activity_at=enrolment.last_activity_at, days=course.reminder_days, now=now)
            if due_at is None or Reminder.objects.filter(enrolment=enrolment, due_at=due_at).exists():
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(enrolment=enrolment, due_at=due_at)
                    _send_reminder(enrolment, course)
            except IntegrityError:
                continue
            sent += 1
    return sent
