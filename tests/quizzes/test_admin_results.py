from http import HTTPStatus

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from bs4 import BeautifulSoup

from enrolments.services import enrol_learner
from quizzes.results import item_analysis
from quizzes.services import start_attempt, submit_attempt
from tests.factories import TOTPAuthenticatorFactory, UserFactory

from .helpers import correct_answers


def take(course, quiz, answers_for):
    learner = UserFactory()
    enrol_learner(learner=learner, course=course)
    attempt, _created = start_attempt(learner=learner, quiz=quiz)
    return submit_attempt(learner=learner, attempt=attempt, answers=answers_for(attempt))[0]


def half_right(attempt):
    """q0 right, q1 wrong (c2), q2 unanswered."""
    return {"q0": ["q0-c0"], "q1": ["q1-c2"]}


@pytest.fixture
def results_admin(admin_client):
    return admin_client


def test_results_list_shows_attempts_pass_rate_and_average(results_admin, course, quiz):
    take(course, quiz, correct_answers)
    take(course, quiz, half_right)
    response = results_admin.get(reverse("quizzes_results"))
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert quiz.title in content
    assert "50.0" in content or "50,0" in content
    assert "66.7" in content or "66,7" in content


def test_item_analysis_gives_share_correct_and_most_chosen_wrong_choice(course, quiz, admin_user):
    take(course, quiz, correct_answers)
    take(course, quiz, half_right)
    take(course, quiz, half_right)
    items = {item.question_id: item for item in item_analysis(quiz, admin_user)}
    assert (items["q0"].answered, items["q0"].share_correct) == (3, 100)
    assert items["q1"].most_chosen_wrong == ("Svar 2 på fråga 1", 2)
    assert items["q0"].most_chosen_wrong is None


def test_results_detail_page_shows_item_analysis(results_admin, course, quiz):
    take(course, quiz, half_right)
    response = results_admin.get(reverse("quizzes_results_detail", args=[quiz.pk]))
    assert response.status_code == HTTPStatus.OK
    assert "Svar 2 på fråga 1" in response.content.decode()


def test_admin_user_without_the_results_permission_cannot_see_quiz_results(client, learner):
    learner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    TOTPAuthenticatorFactory(user=learner)
    client.force_login(learner)
    response = client.get(reverse("quizzes_results"))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, reverse("wagtailadmin_home"))


def test_learner_without_admin_access_cannot_see_quiz_results(client, learner):
    client.force_login(learner)
    response = client.get(reverse("quizzes_results"))
    assert response.status_code == HTTPStatus.FOUND
    assert "Quiz results" not in response.content.decode()


@pytest.mark.parametrize("group", ["Redaktörer", "Kursadministratörer"])
def test_editors_and_course_administrators_see_quiz_results(client, group, quiz, staff_member):
    client.force_login(staff_member(group))
    assert client.get(reverse("quizzes_results")).status_code == HTTPStatus.OK


def test_results_detail_query_count_does_not_grow_with_attempts(
    results_admin, course, quiz, django_assert_max_num_queries
):
    take(course, quiz, half_right)
    url = reverse("quizzes_results_detail", args=[quiz.pk])
    results_admin.get(url)
    with django_assert_max_num_queries(25) as small:
        results_admin.get(url)
    for _ in range(8):
        take(course, quiz, correct_answers)
    with django_assert_max_num_queries(len(small.captured_queries)):
        results_admin.get(url)


def _visible_crumbs(response) -> list[str]:
    """The breadcrumbs shown in the admin header (the earlier ones are collapsed, `hidden`)."""
    soup = BeautifulSoup(response.content, "html.parser")
    crumbs = soup.select("header nav ol > li")
    return [crumb.get_text(" ", strip=True) for crumb in crumbs if not crumb.has_attr("hidden")]


def test_the_results_list_heading_is_its_title(results_admin):
    response = results_admin.get(reverse("quizzes_results"))

    with translation.override("sv"):
        assert _visible_crumbs(response) == [gettext("Quiz results")]


def test_the_results_detail_heading_is_the_quiz_title(results_admin, quiz):
    response = results_admin.get(reverse("quizzes_results_detail", args=[quiz.pk]))

    assert _visible_crumbs(response) == [quiz.title]
