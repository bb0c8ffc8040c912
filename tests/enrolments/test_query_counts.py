"""Learner pages keep their query budgets, and issue the same number of queries for a course of
2 modules x 3 steps as for one of 8 x 6, in Swedish and in English. The course structure and the
page chrome come from the cache; a learner's progress costs two queries; routing finds a page
below the home page in one lookup."""

from http import HTTPStatus

from django.test import Client

import pytest

from enrolments.services import complete_step, enrol_learner
from quizzes.services import start_attempt, submit_attempt

from ..factories import (
    CourseIndexPageFactory,
    InformationPageFactory,
    UserFactory,
    build_course,
    build_quiz,
    english,
    lessons_of,
    swedish_home,
    sync_english_tree,
)
from ..quizzes.helpers import correct_answers

pytestmark = pytest.mark.django_db

# Warm, signed in and enrolled (the information page: anonymous).
BUDGETS = {"lesson": 15, "course": 15, "quiz": 17, "dashboard": 12, "information": 7}
SIZES = [(2, 3), (8, 6)]


def _learner_on(*courses):
    """A learner enrolled on `courses`, half of the lessons done and the quiz passed."""
    learner = UserFactory()
    for course, quiz in courses:
        enrol_learner(learner=learner, course=course)
        lessons = lessons_of(course)
        for lesson in lessons[: len(lessons) // 2]:
            complete_step(learner=learner, step=lesson)
        attempt, _created = start_attempt(learner=learner, quiz=quiz)
        submit_attempt(learner=learner, attempt=attempt, answers=correct_answers(attempt))
    client = Client()
    client.force_login(learner)
    return client


def _queries(client, url, budget, django_assert_max_num_queries) -> int:
    client.get(url)
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured.captured_queries)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_learner_pages_cost_the_same_queries_whatever_the_size_of_the_course(
    db, language, django_assert_max_num_queries
):
    index = CourseIndexPageFactory(parent=swedish_home())
    courses = []
    for modules, steps in SIZES:
        course = build_course(modules=modules, lessons_per_module=steps, index=index)
        courses.append((course, build_quiz(course)))
    sync_english_tree()
    small, large = courses
    clients = [_learner_on(small), _learner_on(large, small)]

    def localized(page):
        return english(page) if language == "en" else page

    counts = {}
    for (course, quiz), client in zip(courses, clients, strict=True):
        urls = {
            "lesson": localized(lessons_of(course)[-1]).url,
            "course": localized(course).url,
            "quiz": localized(quiz).url,
            "dashboard": "/en/my-courses/" if language == "en" else "/mina-kurser/",
        }
        for page, url in urls.items():
            counts.setdefault(page, []).append(_queries(client, url, BUDGETS[page], django_assert_max_num_queries))

    assert {page: len(set(found)) for page, found in counts.items()} == dict.fromkeys(counts, 1), counts


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_information_page_costs_an_anonymous_visitor_few_queries(db, language, django_assert_max_num_queries):
    page = InformationPageFactory(parent=swedish_home(), title="Om utbildningen", show_in_menus=True)
    if language == "en":
        sync_english_tree()
        page = english(page)

    _queries(Client(), page.url, BUDGETS["information"], django_assert_max_num_queries)
