"""PostgreSQL only: concurrent submits of one attempt grade it once; different learners' are all kept."""

import threading

from django.db import connections

import pytest

from enrolments.services import enrol_learner
from quizzes.models import QuizAttempt
from quizzes.services import QuizError, start_attempt, submit_attempt
from tests.factories import UserFactory, build_course, build_quiz

from .helpers import correct_answers

THREADS = 50

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_in_threads(targets) -> list:
    barrier = threading.Barrier(len(targets))
    outcomes = []
    lock = threading.Lock()

    def worker(target):
        try:
            barrier.wait()
            outcome = target()
        except (QuizError, Exception) as error:  # noqa: BLE001 - collected and asserted on below
            outcome = error
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_many_threads_submitting_one_attempt_grade_it_once():
    course = build_course(modules=1, lessons_per_module=1)
    quiz = build_quiz(course)
    learner = UserFactory()
    enrol_learner(learner=learner, course=course)
    attempt, _created = start_attempt(learner=learner, quiz=quiz)
    answers = correct_answers(attempt)

    outcomes = run_in_threads(
        [lambda: submit_attempt(learner=learner, attempt=attempt, answers=answers) for _ in range(THREADS)]
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert sum(1 for _attempt, graded_now in outcomes if graded_now) == 1
    assert QuizAttempt.objects.count() == 1
    assert QuizAttempt.objects.get().state == QuizAttempt.State.GRADED


def test_many_learners_submitting_at_once_are_all_graded():
    course = build_course(modules=1, lessons_per_module=1)
    quiz = build_quiz(course)
    attempts = []
    for _ in range(THREADS):
        learner = UserFactory()
        enrol_learner(learner=learner, course=course)
        attempts.append(start_attempt(learner=learner, quiz=quiz)[0])

    outcomes = run_in_threads(
        [
            (
                lambda attempt=attempt: submit_attempt(
                    learner=attempt.learner, attempt=attempt, answers=correct_answers(attempt)
                )
            )
            for attempt in attempts
        ]
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert QuizAttempt.objects.graded().filter(passed=True).count() == THREADS


def test_double_click_on_start_creates_one_attempt():
    course = build_course(modules=1, lessons_per_module=1)
    quiz = build_quiz(course)
    learner = UserFactory()
    enrol_learner(learner=learner, course=course)

    outcomes = run_in_threads([lambda: start_attempt(learner=learner, quiz=quiz) for _ in range(10)])

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert QuizAttempt.objects.count() == 1
