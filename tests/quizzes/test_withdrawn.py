"""A quiz whose module (or course) is unpublished is withdrawn: it cannot be viewed, started or submitted."""

from http import HTTPStatus

from django.urls import reverse
from django.utils import translation

import pytest

from enrolments.models import StepProgress
from quizzes.models import QuizAttempt
from quizzes.services import QuizError, start_attempt, submit_attempt
from tests.factories import build_quiz, english

from .helpers import as_post, correct_answers

pytestmark = pytest.mark.django_db


def _withdraw(quiz) -> None:
    quiz.get_parent().specific.unpublish()


def test_the_page_of_a_withdrawn_quiz_is_not_found(quiz_client, quiz):
    _withdraw(quiz)

    assert quiz_client.get(quiz.url).status_code == HTTPStatus.NOT_FOUND


def test_a_withdrawn_quiz_cannot_be_started(quiz_client, quiz):
    _withdraw(quiz)

    response = quiz_client.post(reverse("quizzes:start", args=[quiz.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not QuizAttempt.objects.exists()


def test_a_withdrawn_quiz_cannot_be_started_in_english(quiz_client, course):
    quiz = build_quiz(course, english=True)
    _withdraw(quiz)

    response = quiz_client.post(reverse("quizzes:start", args=[english(quiz).pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not QuizAttempt.objects.exists()


def test_the_start_service_refuses_a_withdrawn_quiz(enrolled, quiz):
    _withdraw(quiz)

    with pytest.raises(QuizError):
        start_attempt(learner=enrolled, quiz=quiz)
    assert not QuizAttempt.objects.exists()


def test_an_attempt_at_a_quiz_withdrawn_since_it_started_is_not_graded(quiz_client, enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    _withdraw(quiz)

    with translation.override("en"):
        url = reverse("quizzes:submit", args=[attempt.pk])
    response = quiz_client.post(url, as_post(correct_answers(attempt)), follow=True)

    attempt.refresh_from_db()
    assert attempt.is_open
    assert not StepProgress.objects.exists()
    assert "withdrawn" in response.content.decode()


def test_the_submit_service_refuses_a_withdrawn_quiz(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    _withdraw(quiz)

    with pytest.raises(QuizError):
        submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    assert QuizAttempt.objects.get().is_open
