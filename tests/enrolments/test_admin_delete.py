"""Editors cannot delete course pages that learners' enrolments or progress point at."""

from http import HTTPStatus

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest

from enrolments.models import Enrolment, StepProgress
from enrolments.services import complete_step, enrol_learner
from enrolments.wagtail_hooks import refusal_message

from ..factories import lessons_of

pytestmark = pytest.mark.django_db


def _delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def _bulk_delete_url(*pages) -> str:
    ids = "&".join(f"id={page.pk}" for page in pages)
    return f"{reverse('wagtail_bulk_action', args=['wagtailcore', 'page', 'delete'])}?{ids}&next=/admin/pages/"


def _refusal(count: int) -> str:
    with translation.override("sv"):  # the admin's language
        return refusal_message(count)


@pytest.fixture
def enrolment(learner, course):
    return enrol_learner(learner=learner, course=course)[0]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_course_with_enrolments_cannot_be_deleted(admin_client, course, enrolment, method):
    admin_client.raise_request_exception = False

    response = getattr(admin_client, method)(_delete_url(course), follow=True)

    assert response.status_code == HTTPStatus.OK
    assert _refusal(1) in response.content.decode()
    assert Page.objects.filter(pk=course.pk).exists()
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


def test_a_lesson_with_progress_cannot_be_deleted(admin_client, learner, course, enrolment):
    lesson = lessons_of(course)[0]
    complete_step(learner=learner, step=lesson)

    response = admin_client.post(_delete_url(lesson), follow=True)

    assert _refusal(1) in response.content.decode()
    assert Page.objects.filter(pk=lesson.pk).exists()
    assert StepProgress.objects.filter(step=lesson).exists()


def test_a_module_with_progress_below_it_cannot_be_deleted(admin_client, learner, course, enrolment):
    lesson = lessons_of(course)[0]
    complete_step(learner=learner, step=lesson)

    admin_client.post(_delete_url(lesson.get_parent()))

    assert Page.objects.filter(pk=lesson.pk).exists()
    assert StepProgress.objects.filter(step=lesson).exists()


def test_a_lesson_nobody_has_done_can_be_deleted(admin_client, learner, course, enrolment):
    done, untouched = lessons_of(course)[:2]
    complete_step(learner=learner, step=done)

    admin_client.post(_delete_url(untouched))

    assert not Page.objects.filter(pk=untouched.pk).exists()
    assert StepProgress.objects.filter(step=done).exists()


def test_a_course_nobody_is_enrolled_on_can_be_deleted(admin_client, course):
    admin_client.post(_delete_url(course))

    assert not Page.objects.filter(pk=course.pk).exists()


def test_bulk_deleting_a_course_with_enrolments_is_refused(admin_client, course, enrolment):
    admin_client.raise_request_exception = False

    response = admin_client.post(_bulk_delete_url(course), follow=True)

    assert response.status_code == HTTPStatus.OK
    assert _refusal(1) in response.content.decode()
    assert Page.objects.filter(pk=course.pk).exists()


def test_bulk_deleting_a_module_with_progress_below_it_is_refused(admin_client, learner, course, enrolment):
    lesson = lessons_of(course)[0]
    complete_step(learner=learner, step=lesson)

    admin_client.post(_bulk_delete_url(lesson.get_parent()))

    assert StepProgress.objects.filter(step=lesson).exists()
