from http import HTTPStatus

from django.db import IntegrityError, connection, transaction
from django.test import Client

import pytest

from enrolments.models import Enrolment, StepProgress
from enrolments.services import enrol_learner

from ..factories import CoursePageFactory, UserFactory, build_course, english, lessons_of, sync_english_tree

pytestmark = pytest.mark.django_db

LESSON_TEXT = "Brott är inte jämnt fördelade över kommunen."


def _enrol_url(course) -> str:
    return f"/kurser/{course.pk}/anmal/"


def test_unenrolled_course_page_shows_the_outline_and_an_enrol_button(learner_client, course):
    content = learner_client.get(course.url).content.decode()

    for lesson in lessons_of(course):
        assert lesson.title in content
        assert f'href="{lesson.url}"' not in content
    assert f'action="{_enrol_url(course)}"' in content


def test_unenrolled_lesson_shows_an_enrol_button_not_the_body(learner_client, course):
    lesson = lessons_of(course)[0]

    response = learner_client.get(lesson.url)

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert lesson.title in content
    assert LESSON_TEXT not in content
    assert "Sju polisregioner sedan 2015." not in content
    assert f'action="{_enrol_url(course)}"' in content
    assert "/klar/" not in content


def test_anonymous_visitor_sees_the_outline_and_a_sign_in_link_not_the_body(client, course):
    lesson = lessons_of(course)[0]

    content = client.get(lesson.url).content.decode()

    assert LESSON_TEXT not in content
    assert f"/accounts/login/?next={lesson.url}" in content


def test_enrolling_takes_one_post(learner_client, learner, course):
    response = learner_client.post(_enrol_url(course))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == course.url
    enrolment = Enrolment.objects.get()
    assert (enrolment.learner, enrolment.course_id) == (learner, course.pk)


def test_enrolled_learner_reads_the_lesson_body(learner_client, learner, course):
    enrol_learner(learner=learner, course=course)

    content = learner_client.get(lessons_of(course)[0].url).content.decode()

    assert LESSON_TEXT in content
    assert "Sju polisregioner sedan 2015." in content


def test_enrolment_records_enrolled_at_and_last_activity_at(learner, course):
    enrolment, created = enrol_learner(learner=learner, course=course)

    assert created
    assert enrolment.enrolled_at is not None
    assert enrolment.last_activity_at is not None


def test_enrolling_twice_keeps_one_enrolment(learner_client, learner, course):
    learner_client.post(_enrol_url(course))
    learner_client.post(_enrol_url(course))

    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_get_on_the_enrol_url_is_refused_and_writes_nothing(learner_client, course):
    response = learner_client.get(_enrol_url(course))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not Enrolment.objects.exists()


def test_enrol_without_csrf_token_is_refused(learner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(_enrol_url(course))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Enrolment.objects.exists()


def test_enrol_form_carries_a_csrf_token_that_works(learner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    client.get(course.url)

    response = client.post(_enrol_url(course), {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})

    assert response.status_code == HTTPStatus.FOUND
    assert Enrolment.objects.count() == 1


def test_enrol_on_a_non_existent_course_is_not_found(learner_client, course):
    response = learner_client.post("/kurser/999999/anmal/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Enrolment.objects.exists()


def test_enrol_on_an_unpublished_course_is_not_found(learner_client, course):
    draft = CoursePageFactory(parent=course.get_parent(), live=False)

    response = learner_client.post(_enrol_url(draft))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Enrolment.objects.exists()


def test_enrol_with_a_page_id_that_is_not_a_course_is_not_found(learner_client, course):
    response = learner_client.post(_enrol_url(lessons_of(course)[0]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Enrolment.objects.exists()


def test_anonymous_enrol_redirects_to_login_and_writes_nothing(client, course):
    response = client.post(_enrol_url(course))

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith("/accounts/login/")
    assert not Enrolment.objects.exists()


def test_enrolling_in_english_points_at_the_swedish_course(client, learner, course):
    sync_english_tree()
    client.force_login(learner)

    client.post(f"/en/courses/{english(course).pk}/enrol/")

    assert Enrolment.objects.get().course_id == course.pk


def test_duplicate_enrolment_is_refused_by_the_database(learner, course):
    Enrolment.objects.create(learner=learner, course=course)

    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(learner=learner, course=course)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_enrolments_make_one_row():
    import threading

    course = build_course(modules=1, lessons_per_module=1)
    learner = UserFactory()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def enrol():
        try:
            barrier.wait(timeout=10)
            results.append(enrol_learner(learner=learner, course=course))
        except Exception as error:  # noqa: BLE001 - reported by the assertions below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Enrolment.objects.filter(learner=learner, course=course).count() == 1
    assert sorted(created for _enrolment, created in results) == [False, True]
    assert len({enrolment.pk for enrolment, _created in results}) == 1
    assert not StepProgress.objects.exists()
