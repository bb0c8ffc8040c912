"""The course page, a lesson page and the dashboard issue a number of queries that does
not grow with the number of modules, lessons or enrolments (DESIGN.md invariant 7)."""

import pytest

from enrolments.services import complete_step, enrol_learner

from ..factories import CourseIndexPageFactory, build_course, english, lessons_of, swedish_home

pytestmark = pytest.mark.django_db

# Measured 21 / 26 / 34 / 16 queries (Wagtail routes one level of the page tree per query pair,
# English aliases cost a few more); the ceilings leave two queries of slack.
COURSE_PAGE_QUERIES = 23
LESSON_PAGE_QUERIES = 28
ENGLISH_LESSON_PAGE_QUERIES = 36
DASHBOARD_QUERIES = 18

SIZES = [pytest.param(3, 3, id="3x3"), pytest.param(30, 2, id="30x2")]


@pytest.fixture
def enrolled_course(learner):
    def build(modules, lessons_per_module):
        course = build_course(modules=modules, lessons_per_module=lessons_per_module)
        enrol_learner(learner=learner, course=course)
        for lesson in lessons_of(course)[::2]:
            complete_step(learner=learner, step=lesson)
        return course

    return build


@pytest.mark.parametrize(("modules", "lessons_per_module"), SIZES)
def test_course_page_queries_do_not_grow_with_the_course(
    learner_client, enrolled_course, django_assert_max_num_queries, modules, lessons_per_module
):
    course = enrolled_course(modules, lessons_per_module)
    learner_client.get(course.url)

    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        response = learner_client.get(course.url)

    assert len(response.context["outline"].steps) == modules * lessons_per_module


@pytest.mark.parametrize(("modules", "lessons_per_module"), SIZES)
def test_lesson_page_queries_do_not_grow_with_the_course(
    learner_client, enrolled_course, django_assert_max_num_queries, modules, lessons_per_module
):
    course = enrolled_course(modules, lessons_per_module)
    lesson = lessons_of(course)[lessons_per_module]
    learner_client.get(lesson.url)

    with django_assert_max_num_queries(LESSON_PAGE_QUERIES):
        response = learner_client.get(lesson.url)

    assert response.context["show_body"]


@pytest.mark.parametrize(("modules", "lessons_per_module"), SIZES)
def test_english_lesson_page_queries_do_not_grow_with_the_course(
    learner_client, enrolled_course, django_assert_max_num_queries, modules, lessons_per_module
):
    course = enrolled_course(modules, lessons_per_module)
    lesson = english(lessons_of(course)[lessons_per_module])
    learner_client.get(lesson.url)

    with django_assert_max_num_queries(ENGLISH_LESSON_PAGE_QUERIES):
        response = learner_client.get(lesson.url)

    assert response.context["outline"].done_count == (modules * lessons_per_module + 1) // 2


@pytest.mark.parametrize("enrolments", [1, 5])
def test_dashboard_queries_do_not_grow_with_enrolments(
    learner, learner_client, django_assert_max_num_queries, enrolments
):
    index = CourseIndexPageFactory(parent=swedish_home())
    for _ in range(enrolments):
        course = build_course(modules=3, lessons_per_module=2, index=index)
        enrol_learner(learner=learner, course=course)
        complete_step(learner=learner, step=lessons_of(course)[0])
    learner_client.get("/mina-kurser/")

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = learner_client.get("/mina-kurser/")

    assert len(response.context["outlines"]) == enrolments


@pytest.mark.parametrize("enrolments", [1, 5])
def test_english_dashboard_queries_do_not_grow_with_enrolments(
    learner, learner_client, django_assert_max_num_queries, enrolments
):
    index = CourseIndexPageFactory(parent=swedish_home())
    for _ in range(enrolments):
        course = build_course(modules=3, lessons_per_module=2, index=index)
        enrol_learner(learner=learner, course=course)
    learner_client.get("/en/mina-kurser/")

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = learner_client.get("/en/mina-kurser/")

    assert len(response.context["outlines"]) == enrolments
