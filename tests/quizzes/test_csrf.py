"""The quiz forms carry a working CSRF token, checked as a browser would (the test client skips
CSRF unless told otherwise, so an include `with … only` that drops `csrf_token` went unnoticed)."""

import re
from http import HTTPStatus

from django.test import Client
from django.urls import reverse

import pytest

from enrolments.models import Enrolment
from quizzes.models import QuizAttempt

from .helpers import as_post, correct_answers


def _token_in_form(html: str, action: str) -> str:
    """The csrfmiddlewaretoken inside the form posting to `action`."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.DOTALL)
    assert form, f"no form posting to {action}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1))
    assert token, f"the form posting to {action} has no CSRF token"
    return token.group(1)


@pytest.fixture
def csrf_client(learner) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    return client


def test_enrol_form_on_the_quiz_page_passes_csrf_checks(csrf_client, learner, course, quiz):
    action = reverse("enrolments:enrol", args=[course.pk])
    token = _token_in_form(csrf_client.get(quiz.url).content.decode(), action)

    response = csrf_client.post(action, {"csrfmiddlewaretoken": token})

    assert response.status_code == HTTPStatus.FOUND
    assert Enrolment.objects.filter(learner=learner, course=course).exists()


def test_start_form_on_the_quiz_page_passes_csrf_checks(csrf_client, enrolled, quiz):
    action = reverse("quizzes:start", args=[quiz.pk])
    token = _token_in_form(csrf_client.get(quiz.url).content.decode(), action)

    response = csrf_client.post(action, {"csrfmiddlewaretoken": token})

    attempt = QuizAttempt.objects.get(learner=enrolled)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("quizzes:attempt", args=[attempt.pk])


def test_submit_form_on_the_attempt_page_passes_csrf_checks(csrf_client, enrolled, quiz):
    start = reverse("quizzes:start", args=[quiz.pk])
    csrf_client.post(start, {"csrfmiddlewaretoken": _token_in_form(csrf_client.get(quiz.url).content.decode(), start)})
    attempt = QuizAttempt.objects.get(learner=enrolled)
    action = reverse("quizzes:submit", args=[attempt.pk])
    token = _token_in_form(csrf_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode(), action)

    response = csrf_client.post(action, {"csrfmiddlewaretoken": token, **as_post(correct_answers(attempt))})

    attempt.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert attempt.state == QuizAttempt.State.GRADED
