import pytest

from courses.reachability import is_reachable

from ..factories import InformationPageFactory, build_quiz, english, lessons_of, swedish_home

pytestmark = pytest.mark.django_db


def test_a_live_step_of_a_live_module_and_course_is_reachable(course):
    assert is_reachable(lessons_of(course)[0])


@pytest.mark.parametrize("withdrawn", ["step", "module", "course"])
def test_a_step_is_unreachable_when_it_or_an_ancestor_up_to_the_course_is_unpublished(course, withdrawn):
    lesson = lessons_of(course)[0]
    page = {"step": lesson, "module": lesson.get_parent(), "course": course}[withdrawn]
    page.specific.unpublish()

    assert not is_reachable(lesson)


def test_a_withdrawn_module_leaves_the_other_module_reachable(course):
    lessons = lessons_of(course)  # two modules of two lessons
    lessons[0].get_parent().specific.unpublish()

    assert not is_reachable(lessons[1])
    assert is_reachable(lessons[2])


def test_ancestors_above_the_course_do_not_count(course):
    course.get_parent().specific.unpublish()

    assert is_reachable(lessons_of(course)[0])


def test_a_page_outside_any_course_is_unreachable(db):
    assert not is_reachable(InformationPageFactory(parent=swedish_home()))


def test_an_english_quiz_follows_its_english_module(course):
    quiz = build_quiz(course, english=True)
    english(quiz.get_parent()).unpublish()

    assert is_reachable(quiz)
    assert not is_reachable(english(quiz))
