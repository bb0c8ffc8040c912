from http import HTTPStatus

from django.urls import reverse

from enrolments.services import enrol_learner
from tests.factories import build_assignment, build_course, english
from workbook.models import Answer


def test_an_answer_saved_in_english_is_the_same_answer_in_swedish(db, learner, client):
    course = build_course(modules=1, lessons_per_module=1)
    assignment = build_assignment(course, english=True)
    enrol_learner(learner=learner, course=course)
    english_page = english(assignment)
    client.force_login(learner)
    response = client.post(
        reverse("workbook:save", args=[english_page.pk]), {"base_version": 0, "action": "save", "field-f0": "Hello"}
    )
    assert response.status_code == HTTPStatus.FOUND
    answer = Answer.objects.get()
    assert answer.assignment_id == assignment.pk
    assert "Hello" in client.get(assignment.url).content.decode()
    assert "Hello" in client.get(english_page.url).content.decode()
