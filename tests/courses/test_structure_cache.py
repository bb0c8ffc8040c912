"""The cached course structure never shows a learner a stale title, an unpublished step, the other
language's pages or another learner's progress: each test reads a page first, so that the cache
is warm, then changes the content the way editors do."""

import re
from http import HTTPStatus

from django.test import Client, RequestFactory

import pytest

from courses.models import ModulePage
from enrolments.services import complete_step, enrol_learner

from ..factories import UserFactory, english, lessons_of, sync_english_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(learner, course):
    enrol_learner(learner=learner, course=course)
    return learner


def _outline_links(content: str) -> list[str]:
    return re.findall(r'<li class="step[^"]*">\s*<a href="([^"]+)"', content)


def test_a_published_title_shows_in_the_outline_at_once(learner_client, enrolled, course):
    lesson = lessons_of(course)[0]
    learner_client.get(course.url)

    lesson.title = "Lägesbilden steg för steg"
    lesson.save_revision().publish()

    assert "Lägesbilden steg för steg" in learner_client.get(course.url).content.decode()


def test_a_published_course_title_shows_on_the_dashboard_at_once(learner_client, enrolled, course):
    learner_client.get("/mina-kurser/")

    course.title = "Samordnarutbildningen"
    course.save_revision().publish()

    assert "Samordnarutbildningen" in learner_client.get("/mina-kurser/").content.decode()


def test_an_unpublished_lesson_leaves_the_outline_at_once(learner_client, enrolled, course):
    lesson = lessons_of(course)[0]
    learner_client.get(course.url)

    lesson.unpublish()

    assert lesson.url not in _outline_links(learner_client.get(course.url).content.decode())


def test_a_lesson_of_a_module_unpublished_after_it_was_read_is_not_found(learner_client, enrolled, course):
    lesson = lessons_of(course)[0]
    assert learner_client.get(lesson.url).status_code == HTTPStatus.OK

    lesson.get_parent().specific.unpublish()

    assert learner_client.get(lesson.url).status_code == HTTPStatus.NOT_FOUND
    assert learner_client.post(f"/steg/{lesson.pk}/klar/").status_code == HTTPStatus.NOT_FOUND


def test_a_moved_lesson_moves_in_the_outline_at_once(learner_client, enrolled, course):
    lessons = lessons_of(course)
    learner_client.get(course.url)

    lessons[-1].move(ModulePage.objects.child_of(course).order_by("path").first(), pos="first-child")

    moved = lessons_of(course)[0]
    assert moved.pk == lessons[-1].pk
    assert _outline_links(learner_client.get(course.url).content.decode())[0] == moved.url


def test_a_deleted_lesson_leaves_the_outline_at_once(learner_client, enrolled, course):
    lesson = lessons_of(course)[0]
    url = lesson.url
    learner_client.get(course.url)

    lesson.delete()

    assert url not in _outline_links(learner_client.get(course.url).content.decode())


def test_two_learners_in_turn_each_see_their_own_progress(course):
    first, second = UserFactory(), UserFactory()
    for learner in (first, second):
        enrol_learner(learner=learner, course=course)
    complete_step(learner=first, step=lessons_of(course)[0])
    clients = {}
    for learner in (first, second):
        clients[learner] = Client()
        clients[learner].force_login(learner)

    for _ in range(2):
        assert 'max="4" value="1"' in clients[first].get(course.url).content.decode()
        assert 'max="4" value="0"' in clients[second].get(course.url).content.decode()


def test_the_english_outline_links_to_english_pages_after_the_swedish_one_was_read(learner_client, enrolled, course):
    sync_english_tree()
    swedish_links = _outline_links(learner_client.get(course.url).content.decode())

    english_links = _outline_links(learner_client.get(english(course).url).content.decode())

    assert swedish_links == [lesson.url for lesson in lessons_of(course)]
    assert english_links == [english(lesson).url for lesson in lessons_of(course)]


def test_an_editors_preview_of_a_draft_never_reaches_learners(learner_client, enrolled, course):
    lesson = lessons_of(course)[0]
    learner_client.get(course.url)
    learner_client.get(lesson.url)
    lesson.title = "Utkast som inte är publicerat"
    lesson.save_revision()
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)

    preview = lesson.get_latest_revision_as_object().make_preview_request(original_request=request)

    assert "Utkast som inte är publicerat" in preview.rendered_content
    for url in (course.url, lesson.url):
        assert "Utkast som inte är publicerat" not in learner_client.get(url).content.decode()
