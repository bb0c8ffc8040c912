"""Editors cannot delete quizzes (or pages above them) that learners have attempted."""

from http import HTTPStatus

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest

from enrolments.models import Enrolment
from quizzes.models import QuizAttempt
from quizzes.services import start_attempt
from quizzes.wagtail_hooks import refusal_message

pytestmark = pytest.mark.django_db


def _delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def _refusal(count: int) -> str:
    with translation.override("sv"):  # the admin's language
        return refusal_message(count)


@pytest.fixture
def attempt(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    # Without its enrolment only the attempt protects the pages.
    Enrolment.objects.filter(learner=enrolled).delete()
    return attempt


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_quiz_with_attempts_cannot_be_deleted(admin_client, quiz, attempt, method):
    admin_client.raise_request_exception = False

    response = getattr(admin_client, method)(_delete_url(quiz), follow=True)

    assert response.status_code == HTTPStatus.OK
    assert _refusal(1) in response.content.decode()
    assert Page.objects.filter(pk=quiz.pk).exists()
    assert QuizAttempt.objects.filter(pk=attempt.pk).exists()


def test_a_course_with_an_attempted_quiz_cannot_be_deleted(admin_client, course, attempt):
    admin_client.raise_request_exception = False

    response = admin_client.post(_delete_url(course), follow=True)

    assert response.status_code == HTTPStatus.OK
    assert Page.objects.filter(pk=course.pk).exists()
    assert QuizAttempt.objects.filter(pk=attempt.pk).exists()


def test_bulk_deleting_a_module_with_an_attempted_quiz_is_refused(admin_client, quiz, attempt):
    admin_client.raise_request_exception = False
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

    response = admin_client.post(f"{url}?id={quiz.get_parent().pk}&next=/admin/pages/", follow=True)

    assert response.status_code == HTTPStatus.OK
    assert _refusal(1) in response.content.decode()
    assert QuizAttempt.objects.filter(pk=attempt.pk).exists()


def test_a_quiz_nobody_has_attempted_can_be_deleted(admin_client, quiz):
    admin_client.post(_delete_url(quiz))

    assert not Page.objects.filter(pk=quiz.pk).exists()
