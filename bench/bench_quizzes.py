"""Quiz pages and submitting, with 10 and with 50 questions; concurrency on PostgreSQL.

A learner enrolled on a one-module course requests the quiz page (with earlier attempts listed)
and the attempt page of an open attempt, and submits a fully answered attempt through
`django.test.Client`. Each submit grades a fresh attempt (set up untimed). On PostgreSQL, 50
threads submit the same attempt (exactly one must be graded) and 50 threads submit 50
learners' attempts (all must be graded).
"""

import json
import statistics
import threading
import time
from http import HTTPStatus

from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from enrolments import services as enrolment_services
from quizzes.models import QuizAttempt
from quizzes.services import start_attempt, submit_attempt
from tests.factories import (
    CourseIndexPageFactory,
    UserFactory,
    build_course,
    build_quiz,
    quiz_question,
    swedish_home,
)

from .timing import count_queries, row

REPEAT = 200
SUBMIT_REPEAT = 60
THREADS = 50
KINDS = ["single_choice", "multiple_choice", "true_false", "scenario"]


def _questions(count: int) -> str:
    return json.dumps([quiz_question(KINDS[index % 4], index=index) for index in range(count)])


def _answers(attempt: QuizAttempt) -> dict[str, list[str]]:
    return {f"q-{item['id']}": [item["choices"][0]] for item in attempt.questions}


def _get(client: Client, url: str):
    def request():
        response = client.get(url)
        if response.status_code != HTTPStatus.OK:
            raise AssertionError(f"GET {url} answered {response.status_code}")
        return response

    return request


def _learner(course) -> tuple:
    learner = UserFactory()
    enrolment_services.enrol_learner(learner=learner, course=course)
    client = Client()
    client.force_login(learner)
    return learner, client


def _submit_row(course, quiz, count: int) -> dict:
    """Median/p95 of one submit POST; each sample grades its own freshly started attempt."""
    learner, client = _learner(course)

    def fresh():
        attempt = start_attempt(learner=learner, quiz=quiz)[0]
        return reverse("quizzes:submit", args=[attempt.pk]), _answers(attempt)

    url, data = fresh()
    queries = count_queries(lambda: client.post(url, data))
    samples = []
    for _ in range(SUBMIT_REPEAT):
        url, data = fresh()
        start = time.perf_counter()
        response = client.post(url, data)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != HTTPStatus.FOUND:
            raise AssertionError(f"POST {url} answered {response.status_code}")
    samples.sort()
    graded = QuizAttempt.objects.graded().filter(learner=learner).count()
    if graded != SUBMIT_REPEAT + 1:
        raise AssertionError(f"expected {SUBMIT_REPEAT + 1} graded attempts, found {graded}")
    return {
        "name": f"quiz submit, {count} questions",
        "median_ms": statistics.median(samples),
        "p95_ms": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))],
        "queries": queries,
        "note": f"POST, grade, complete the step, redirect; {SUBMIT_REPEAT} attempts",
    }


def _threads(targets) -> tuple[list, float]:
    barrier = threading.Barrier(len(targets))
    outcomes, lock = [], threading.Lock()

    def worker(target):
        try:
            barrier.wait()
            outcome = target()
        except Exception as error:  # noqa: BLE001 - counted below
            outcome = error
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(target,)) for target in targets]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, (time.perf_counter() - start) * 1000


def _concurrency_rows(course, quiz) -> list[dict]:
    if connection.vendor != "postgresql":
        note = "skipped: needs PostgreSQL (run with DATABASE_URL=postgres://…)"
        return [
            {
                "name": f"{THREADS} threads submit one attempt",
                "median_ms": None,
                "p95_ms": None,
                "queries": None,
                "note": note,
            }
        ]

    learner, _client = _learner(course)
    attempt = start_attempt(learner=learner, quiz=quiz)[0]
    answers = {item["id"]: [item["choices"][0]] for item in attempt.questions}
    outcomes, same_ms = _threads(
        [lambda: submit_attempt(learner=learner, attempt=attempt, answers=answers) for _ in range(THREADS)]
    )
    errors = sum(isinstance(outcome, Exception) for outcome in outcomes)
    graded_now = sum(1 for outcome in outcomes if not isinstance(outcome, Exception) and outcome[1])
    rows_for_attempt = QuizAttempt.objects.filter(learner=learner).count()

    attempts = [start_attempt(learner=_learner(course)[0], quiz=quiz)[0] for _ in range(THREADS)]
    outcomes, many_ms = _threads(
        [
            (
                lambda attempt=attempt: submit_attempt(
                    learner=attempt.learner,
                    attempt=attempt,
                    answers={item["id"]: [item["choices"][0]] for item in attempt.questions},
                )
            )
            for attempt in attempts
        ]
    )
    many_errors = sum(isinstance(outcome, Exception) for outcome in outcomes)
    graded = QuizAttempt.objects.graded().filter(pk__in=[attempt.pk for attempt in attempts]).count()
    return [
        {
            "name": f"{THREADS} threads submit one attempt",
            "median_ms": None,
            "p95_ms": None,
            "queries": None,
            "note": f"wall {same_ms:.0f} ms; graded once: {graded_now == 1} ({graded_now}); "
            f"attempt rows: {rows_for_attempt}; errors: {errors}",
        },
        {
            "name": f"{THREADS} threads submit {THREADS} learners' attempts",
            "median_ms": None,
            "p95_ms": None,
            "queries": None,
            "note": f"wall {many_ms:.0f} ms; graded: {graded}/{THREADS} (none lost: {graded == THREADS}); "
            f"errors: {many_errors}",
        },
    ]


def run() -> list[dict]:
    # All bench modules share one database: each builds its own course index (own slug).
    index = CourseIndexPageFactory(parent=swedish_home(), title="Kurser bench_quizzes")
    course = build_course(modules=1, lessons_per_module=2, index=index)
    rows = []
    quizzes = {}
    for count in (10, 50):
        quiz = build_quiz(course, questions=_questions(count), title=f"Kunskapstest {count} frågor")
        quizzes[count] = quiz
        learner, client = _learner(course)
        for _ in range(3):
            attempt = start_attempt(learner=learner, quiz=quiz)[0]
            submit_attempt(learner=learner, attempt=attempt, answers={})
        open_attempt = start_attempt(learner=learner, quiz=quiz)[0]
        rows.append(
            row(
                f"quiz page, {count} questions",
                _get(client, quiz.url),
                note="enrolled learner; 3 earlier attempts listed, one open",
                repeat=REPEAT,
            )
        )
        rows.append(
            row(
                f"quiz attempt page, {count} questions",
                _get(client, reverse("quizzes:attempt", args=[open_attempt.pk])),
                note="questions rendered from the pinned revision, without answers",
                repeat=REPEAT,
            )
        )
        rows.append(_submit_row(course, quiz, count))
    rows.extend(_concurrency_rows(course, quizzes[10]))
    return rows
