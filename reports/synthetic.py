"""A synthetic national dataset for benchmarking the reports: learners spread over the 290
municipalities, two courses, step progress and graded quiz attempts, in known totals.

Rows go in with PostgreSQL's COPY (bulk_create elsewhere), a few hundred thousand a second, with
progress printed. Every learner's e-mail ends in @bench.invalid, so the data is easy to find
and to remove (`remove_dataset`). For benchmarks and load tests only, never on a real site.
"""

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import OrganisationType, User
from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage, ModulePage
from courses.structure import course_structure
from enrolments.models import Enrolment, StepProgress
from organisations.models import Municipality
from quizzes.models import QuizAttempt, QuizPage

EMAIL_DOMAIN = "bench.invalid"
MODULES = 4
LESSONS_PER_MODULE = 4
BATCH = 10_000

FIRST_NAMES = ["Anna", "Åsa", "Erik", "Örjan", "Maria", "Ärla", "Karl", "Eva", "Lars", "Sofia", "Ömer", "Linnéa"]
LAST_NAMES = ["Andersson", "Åberg", "Johansson", "Öberg", "Karlsson", "Ängström", "Nilsson", "Eriksson", "Ek"]


@dataclass
class DatasetSize:
    learners: int = 100_000
    progress: int = 1_000_000
    attempts: int = 300_000


@dataclass
class CourseSteps:
    course: CoursePage
    steps: list[int]
    quizzes: dict[int, tuple[int, int]]  # position in `steps` -> (quiz page pk, revision pk)


def _quiz_questions() -> str:
    import json

    choices = [
        {"type": "item", "id": f"c{n}", "value": {"text": f"Svar {n}", "is_correct": n == 0, "explanation": ""}}
        for n in range(3)
    ]
    return json.dumps(
        [{"type": "single_choice", "id": "q0", "value": {"question": "Fråga", "choices": choices, "points": 1}}]
    )


def build_courses(count: int = 2) -> list[CourseSteps]:
    """Two published Swedish courses of 4 modules, each of 4 lessons and a quiz (20 steps)."""
    home = HomePage.objects.get(locale__language_code="sv", depth=2)
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=CourseIndexPage(title="Kurser (benchmark)", slug="bench-kurser"))
    built = []
    for number in range(count):
        course = index.add_child(
            instance=CoursePage(title=f"Benchmarkkurs {number + 1}", slug=f"bench-kurs-{number + 1}", summary="…")
        )
        for module_number in range(MODULES):
            module = course.add_child(instance=ModulePage(title=f"Modul {module_number + 1}"))
            for lesson_number in range(LESSONS_PER_MODULE):
                module.add_child(
                    instance=LessonPage(title=f"Lektion {module_number + 1}.{lesson_number + 1}", body="[]")
                )
            quiz = module.add_child(
                instance=QuizPage(title=f"Test {module_number + 1}", questions=_quiz_questions(), draw_count=0)
            )
            quiz.save_revision().publish()
        structure = course_structure(course)
        steps = [step.pk for step in structure.steps]
        quizzes = {}
        for position, step in enumerate(structure.steps):
            if step.kind == "quiz":
                quiz = QuizPage.objects.get(pk=step.pk)
                quizzes[position] = (quiz.pk, quiz.latest_revision_id)
        built.append(CourseSteps(course=course, steps=steps, quizzes=quizzes))
    return built


def _copy(model, columns: list[str], rows: Iterable[tuple], total: int, report: Callable[[str], None]) -> int:
    """Insert `rows` into `model`'s table: COPY on PostgreSQL, batched INSERTs elsewhere."""
    table = model._meta.db_table
    written = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
                    if written % 100_000 == 0:
                        report(f"  {table}: {written:,} of {total:,}")
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
        batch: list[tuple] = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(row)
                if len(batch) == BATCH:
                    cursor.executemany(sql, batch)
                    written += len(batch)
                    batch = []
                    report(f"  {table}: {written:,} of {total:,}")
            if batch:
                cursor.executemany(sql, batch)
                written += len(batch)
    report(f"  {table}: {written:,} rows")
    return written


def _spread(total: int, buckets: int, maximum: int, rng: random.Random) -> list[int]:
    """`buckets` counts between 0 and `maximum` adding up to `total` (skewed: many stop early, some finish)."""
    if total > buckets * maximum:
        raise ValueError("more rows asked for than the courses have steps")
    counts = [min(maximum, int(rng.expovariate(1 / max(total / buckets, 0.1)))) for _ in range(buckets)]
    difference = total - sum(counts)
    step = 1 if difference > 0 else -1
    while difference:
        index = rng.randrange(buckets)
        if 0 <= counts[index] + step <= maximum:
            counts[index] += step
            difference -= step
    return counts


def generate(
    *, size: DatasetSize | None = None, seed: int = 12, report: Callable[[str], None] = lambda message: None
) -> dict[str, int]:
    """Create the dataset in one transaction; returns the number of rows per table."""
    size = size or DatasetSize()
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    now = timezone.now()
    with transaction.atomic():
        report("courses …")
        courses = build_courses()
        municipalities = list(Municipality.objects.values_list("pk", "county_id"))
        report(f"{size.learners:,} learners …")
        first_user_pk = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

        def learners() -> Iterator[tuple]:
            for number in range(size.learners):
                draw = rng.random()
                municipality_pk, _county = municipalities[number % len(municipalities)]
                if draw < 0.45:
                    organisation = OrganisationType.MUNICIPALITY
                elif draw < 0.9:
                    organisation = OrganisationType.POLICE
                else:
                    organisation, municipality_pk = OrganisationType.OTHER, None
                yield (
                    first_user_pk + number,
                    "!",
                    False,
                    f"learner{number}@{EMAIL_DOMAIN}",
                    rng.choice(FIRST_NAMES),
                    f"{rng.choice(LAST_NAMES)}{number}",
                    False,
                    True,
                    now,
                    organisation,
                    municipality_pk,
                    None,
                    "",
                    "sv",
                    False,
                    True,
                    now,
                )

        user_columns = [
            "id",
            "password",
            "is_superuser",
            "email",
            "first_name",
            "last_name",
            "is_staff",
            "is_active",
            "date_joined",
            "organisation_type",
            "municipality_id",
            "county_id",
            "job_title",
            "preferred_language",
            "hide_name_on_certificates",
            "receives_reminders",
            "updated_at",
        ]
        _copy(User, user_columns, learners(), size.learners, report)

        # Every learner on the first course, every second one on the second too.
        plan = [(learner, 0) for learner in range(size.learners)] + [
            (learner, 1) for learner in range(0, size.learners, 2)
        ]
        steps_per_course = len(courses[0].steps)
        counts = _spread(size.progress, len(plan), steps_per_course, rng)
        first_enrolment_pk = (Enrolment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        timeline = []
        report(f"{len(plan):,} enrolments …")

        def enrolments() -> Iterator[tuple]:
            for number, ((learner, course_index), done) in enumerate(zip(plan, counts, strict=True)):
                enrolled = now - timedelta(days=rng.uniform(1, 365))
                times = sorted(
                    enrolled + timedelta(days=rng.uniform(0, (now - enrolled).days or 1)) for _ in range(done)
                )
                timeline.append(times)
                last = times[-1] if times else enrolled
                completed = last if done == steps_per_course else None
                yield (
                    first_enrolment_pk + number,
                    first_user_pk + learner,
                    courses[course_index].course.pk,
                    enrolled,
                    last,
                    completed,
                    now,
                    None,
                )

        _copy(
            Enrolment,
            [
                "id",
                "learner_id",
                "course_id",
                "enrolled_at",
                "last_activity_at",
                "completed_at",
                "updated_at",
                "cohort_id",
            ],
            enrolments(),
            len(plan),
            report,
        )

        report(f"{size.progress:,} step progress rows …")

        def progress() -> Iterator[tuple]:
            for number, ((_learner, course_index), done) in enumerate(zip(plan, counts, strict=True)):
                steps = courses[course_index].steps
                for position in range(done):
                    yield (first_enrolment_pk + number, steps[position], timeline[number][position])

        _copy(StepProgress, ["enrolment_id", "step_id", "completed_at"], progress(), size.progress, report)

        report(f"{size.attempts:,} quiz attempts …")
        reached = [
            (number, position)
            for number, ((_learner, course_index), done) in enumerate(zip(plan, counts, strict=True))
            for position in courses[course_index].quizzes
            if position < done
        ]
        # Each quiz reached has one passed attempt, after as many failed ones as it takes to reach the total.
        extra = max(0, size.attempts - len(reached))
        base, remainder = divmod(extra, len(reached)) if reached else (0, 0)
        retried = set(rng.sample(range(len(reached)), remainder))

        def attempts() -> Iterator[tuple]:
            written = 0
            for index, (number, position) in enumerate(reached):
                learner, course_index = plan[number]
                quiz_pk, revision_pk = courses[course_index].quizzes[position]
                moment = timeline[number][position]
                tries = [False] * (base + (index in retried)) + [True]
                for attempt_number, passed in enumerate(tries, start=1):
                    if written == size.attempts:
                        return
                    percent = Decimal(100) if passed else Decimal(0)
                    yield (
                        first_user_pk + learner,
                        quiz_pk,
                        revision_pk,
                        attempt_number,
                        QuizAttempt.State.GRADED,
                        "[]",
                        "{}",
                        "[]",
                        percent / 100,
                        Decimal(1),
                        percent,
                        passed,
                        moment,
                        moment,
                        moment,
                    )
                    written += 1

        attempt_count = _copy(
            QuizAttempt,
            [
                "learner_id",
                "quiz_id",
                "revision_id",
                "number",
                "state",
                "questions",
                "answers",
                "results",
                "score",
                "max_score",
                "percent",
                "passed",
                "started_at",
                "submitted_at",
                "updated_at",
            ],
            attempts(),
            size.attempts,
            report,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (User, Enrolment):
                    table = model._meta.db_table
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
                    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "learners": size.learners,
        "enrolments": len(plan),
        "progress": size.progress,
        "attempts": attempt_count,
    }


def dataset_exists() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def remove_dataset() -> None:
    """Delete the benchmark learners (their enrolments, progress and attempts go with them) and courses."""
    with transaction.atomic():
        learners = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        QuizAttempt.objects.filter(learner__in=learners).delete()
        Enrolment.objects.filter(learner__in=learners).delete()
        learners.delete()
        for course in CoursePage.objects.filter(slug__startswith="bench-kurs-"):
            course.delete()
