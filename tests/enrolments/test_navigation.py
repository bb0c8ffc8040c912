import re

import pytest

from enrolments.services import enrol_learner

from ..factories import build_course, english, lessons_of, sync_english_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(learner, db):
    course = build_course(modules=2, lessons_per_module=2)
    enrol_learner(learner=learner, course=course)
    return lessons_of(course)


def _nav(client, page) -> tuple[str | None, str | None]:
    """The addresses of the previous and the next step linked from `page`."""
    content = client.get(page.url).content.decode()
    previous = re.search(r'href="([^"]+)" rel="prev"', content)
    following = re.search(r'href="([^"]+)" rel="next"', content)
    return (previous[1] if previous else None, following[1] if following else None)


def test_first_lesson_has_a_next_link_but_no_previous(learner_client, lessons):
    content = learner_client.get(lessons[0].url).content.decode()

    assert _nav(learner_client, lessons[0]) == (None, lessons[1].url)
    assert 'rel="prev"' not in content
    assert f'href="{lessons[1].url}" rel="next"' in content


def test_last_lesson_has_a_previous_link_but_no_next(learner_client, lessons):
    content = learner_client.get(lessons[-1].url).content.decode()

    assert _nav(learner_client, lessons[-1]) == (lessons[-2].url, None)
    assert 'rel="next"' not in content
    assert f'href="{lessons[-2].url}" rel="prev"' in content


def test_navigation_crosses_module_boundaries(learner_client, lessons):
    assert lessons[1].get_parent().pk != lessons[2].get_parent().pk

    assert _nav(learner_client, lessons[1]) == (lessons[0].url, lessons[2].url)
    assert _nav(learner_client, lessons[2]) == (lessons[1].url, lessons[3].url)


def test_english_navigation_links_stay_in_english(learner_client, lessons):
    sync_english_tree()
    content = learner_client.get(english(lessons[1]).url).content.decode()

    assert f'href="{english(lessons[0]).url}" rel="prev"' in content
    assert f'href="{english(lessons[2]).url}" rel="next"' in content
