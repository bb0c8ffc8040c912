from http import HTTPStatus

from django.test import Client
from django.utils import timezone

import pytest

from enrolments.models import Enrolment, StepProgress
from enrolments.services import EnrolmentError, complete_step, enrol_learner

from ..factories import build_course, english, lessons_of, sync_english_tree

pytestmark = pytest.mark.django_db


def _complete_url(page) -> str:
    return f"/steg/{page.pk}/klar/"


@pytest.fixture
def enrolment(learner, course):
    return enrol_learner(learner=learner, course=course)[0]


def test_completing_a_step_records_it_and_goes_to_the_next_lesson(learner_client, enrolment, course):
    first, second = lessons_of(course)[:2]

    response = learner_client.post(_complete_url(first))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == second.url
    assert list(StepProgress.objects.values_list("enrolment", "step")) == [(enrolment.pk, first.pk)]


def test_completing_the_last_step_returns_to_the_course_page(learner_client, enrolment, course):
    response = learner_client.post(_complete_url(lessons_of(course)[-1]))

    assert response.url == course.url


def test_completing_a_step_twice_records_it_once(learner_client, enrolment, course):
    lesson = lessons_of(course)[0]

    learner_client.post(_complete_url(lesson))
    learner_client.post(_complete_url(lesson))

    assert StepProgress.objects.filter(step=lesson).count() == 1


def test_complete_step_service_reports_created_once(learner, enrolment, course):
    lesson = lessons_of(course)[0]

    _progress, first = complete_step(learner=learner, step=lesson)
    _progress, second = complete_step(learner=learner, step=lesson)

    assert (first, second) == (True, False)


def test_complete_step_advances_last_activity_at(learner, enrolment, course):
    past = timezone.now() - timezone.timedelta(days=3)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=past)

    complete_step(learner=learner, step=lessons_of(course)[0])

    enrolment.refresh_from_db()
    assert enrolment.last_activity_at > past + timezone.timedelta(days=2)
    assert enrolment.enrolled_at < enrolment.last_activity_at


def test_get_on_the_complete_url_is_refused_and_writes_nothing(learner_client, enrolment, course):
    response = learner_client.get(_complete_url(lessons_of(course)[0]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not StepProgress.objects.exists()


def test_complete_without_csrf_token_is_refused(learner, enrolment, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(_complete_url(lessons_of(course)[0]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not StepProgress.objects.exists()


def test_complete_in_a_course_the_learner_is_not_enrolled_in_writes_nothing(learner_client, enrolment, db):
    other_course = build_course(modules=1, lessons_per_module=1, index=enrolment.course.get_parent().specific)
    lesson = lessons_of(other_course)[0]

    response = learner_client.post(f"/en/steps/{lesson.pk}/done/", follow=True)

    assert "Enrol on the course before you mark its steps as done." in [str(m) for m in response.context["messages"]]
    assert not StepProgress.objects.exists()
    assert not Enrolment.objects.filter(course=other_course).exists()


def test_complete_with_a_page_that_is_not_a_lesson_is_not_found(learner_client, enrolment, course):
    module = course.get_children().first()

    for page in (course, module):
        assert learner_client.post(_complete_url(page)).status_code == HTTPStatus.NOT_FOUND
    assert learner_client.post("/steg/999999/klar/").status_code == HTTPStatus.NOT_FOUND
    assert not StepProgress.objects.exists()


def test_complete_an_unpublished_lesson_is_not_found(learner_client, enrolment, course):
    lesson = lessons_of(course)[0]
    lesson.unpublish()

    response = learner_client.post(_complete_url(lesson))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not StepProgress.objects.exists()


def test_anonymous_complete_redirects_to_login_and_writes_nothing(client, enrolment, course):
    response = client.post(_complete_url(lessons_of(course)[0]))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith("/accounts/login/")
    assert not StepProgress.objects.exists()


def test_completing_in_english_points_at_the_swedish_lesson(learner_client, enrolment, course):
    sync_english_tree()
    lesson = lessons_of(course)[0]

    learner_client.post(f"/en/steps/{english(lesson).pk}/done/")

    assert StepProgress.objects.get().step_id == lesson.pk


def test_complete_a_lesson_of_an_unpublished_course_is_not_found(learner_client, enrolment, course):
    lesson = lessons_of(course)[0]
    course.unpublish()

    response = learner_client.post(_complete_url(lesson))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not StepProgress.objects.exists()


def test_complete_a_lesson_of_an_unpublished_module_is_not_found(learner_client, enrolment, course):
    lesson = lessons_of(course)[0]
    lesson.get_parent().specific.unpublish()

    response = learner_client.post(_complete_url(lesson))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not StepProgress.objects.exists()


def test_the_complete_step_service_refuses_a_lesson_of_an_unpublished_module(learner, enrolment, course):
    lesson = lessons_of(course)[0]
    lesson.get_parent().specific.unpublish()

    with pytest.raises(EnrolmentError):
        complete_step(learner=learner, step=lesson)
    assert not StepProgress.objects.exists()
