import re

import pytest

from enrolments.services import complete_step, enrol_learner

from ..factories import build_course, english, lessons_of, sync_english_tree

pytestmark = pytest.mark.django_db


def _bars(content: str) -> list[tuple[int, int]]:
    """(total, done) of each progress bar, in page order."""
    return [(int(total), int(done)) for total, done in re.findall(r'<progress max="(\d+)" value="(\d+)"', content)]


def _steps_done(content: str) -> list[bool]:
    """Whether each step of the course outline is marked done, in outline order."""
    return [bool(done) for done in re.findall(r'<li class="step( step--done)?">', content)]


@pytest.fixture
def course_3x3(db):
    return build_course(modules=3, lessons_per_module=3)


def _complete(learner, course, count):
    for lesson in lessons_of(course)[:count]:
        complete_step(learner=learner, step=lesson)


def test_course_page_shows_progress_per_module_and_course(learner_client, learner, course_3x3):
    enrol_learner(learner=learner, course=course_3x3)
    _complete(learner, course_3x3, 4)

    content = learner_client.get(course_3x3.url).content.decode()

    assert _bars(content) == [(9, 4), (3, 3), (3, 1), (3, 0)]


def test_dashboard_shows_progress_per_course_and_module(learner_client, learner, course_3x3):
    enrol_learner(learner=learner, course=course_3x3)
    _complete(learner, course_3x3, 4)

    response = learner_client.get("/en/my-courses/")

    content = response.content.decode()
    assert course_3x3.title in content
    assert 'max="9" value="4"' in content
    assert "4 of 9 steps done" in content
    assert "3 of 3" in content
    assert "1 of 3" in content


def test_dashboard_lists_only_the_learners_own_courses(learner_client, learner, course, db):
    other = build_course(modules=1, lessons_per_module=1, index=course.get_parent().specific)
    enrol_learner(learner=learner, course=course)

    content = learner_client.get("/mina-kurser/").content.decode()

    assert course.title in content
    assert other.title not in content


def test_dashboard_requires_login(client, db):
    response = client.get("/mina-kurser/")

    assert response.url.startswith("/accounts/login/")


def test_done_lessons_are_marked_on_the_course_page(learner_client, learner, course):
    enrol_learner(learner=learner, course=course)
    _complete(learner, course, 1)

    content = learner_client.get(course.url).content.decode()

    assert _steps_done(content) == [True, False, False, False]
    assert content.count("step--done") == 1


def test_progress_made_in_english_shows_in_swedish(learner_client, learner, course):
    sync_english_tree()
    english_course = english(course)
    learner_client.post(f"/en/courses/{english_course.pk}/enrol/")
    learner_client.post(f"/en/steps/{english(lessons_of(course)[0]).pk}/done/")

    content = learner_client.get(course.url).content.decode()

    assert _bars(content)[0] == (4, 1)
    assert _steps_done(content) == [True, False, False, False]


def test_progress_made_in_swedish_shows_in_english(learner_client, learner, course):
    sync_english_tree()
    learner_client.post(f"/kurser/{course.pk}/anmal/")
    learner_client.post(f"/steg/{lessons_of(course)[0].pk}/klar/")

    content = learner_client.get(english(course).url).content.decode()

    assert _bars(content)[0] == (4, 1)
    assert _steps_done(content) == [True, False, False, False]
    assert f'href="{english(lessons_of(course)[1]).url}"' in content


def test_english_dashboard_links_to_english_pages(learner_client, learner, course):
    sync_english_tree()
    enrol_learner(learner=learner, course=course)

    content = learner_client.get("/en/my-courses/").content.decode()

    assert f'href="{english(course).url}"' in content
    assert f'href="{english(lessons_of(course)[0]).url}"' in content


def test_enrolled_english_lesson_shows_its_body(learner_client, learner, course):
    sync_english_tree()
    enrol_learner(learner=learner, course=course)

    content = learner_client.get(english(lessons_of(course)[0]).url).content.decode()

    assert "Brott är inte jämnt fördelade över kommunen." in content


def test_english_dashboard_falls_back_to_swedish_when_the_english_course_is_not_live(learner_client, learner, course):
    sync_english_tree()
    enrol_learner(learner=learner, course=course)
    english_course = english(course)
    english_course.live = False
    english_course.save()

    content = learner_client.get("/en/my-courses/").content.decode()

    assert f'href="{english_course.url}"' not in content
    assert f'href="{course.url}"' in content
