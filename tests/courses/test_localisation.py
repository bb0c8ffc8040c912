from http import HTTPStatus

import pytest

from ..factories import build_course, english, lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return build_course(english=True)


NOTICE = "This page has not been translated into English yet, so it is shown in Swedish."


def test_swedish_is_served_at_the_root_and_english_under_en(client, course):
    swedish = client.get(course.url)
    english_response = client.get(english(course).url)

    assert english(course).url.startswith("/en/")
    assert swedish.status_code == english_response.status_code == HTTPStatus.OK
    assert '<html lang="sv">' in swedish.content.decode()
    assert '<html lang="en">' in english_response.content.decode()


def test_untranslated_english_page_shows_the_notice(client, course):
    content = client.get(english(course).url).content.decode()

    assert NOTICE in content
    assert course.title in content


def test_swedish_page_shows_no_translation_notice(client, course):
    assert NOTICE not in client.get(course.url).content.decode()


def test_language_switcher_links_to_the_same_page_in_english(client, course):
    lesson = lessons_of(course)[0]

    content = client.get(lesson.url).content.decode()

    assert f'<a href="{english(lesson).url}" lang="en" hreflang="en">English</a>' in content


def test_language_switcher_links_to_the_same_page_in_swedish(client, course):
    lesson = lessons_of(course)[0]

    content = client.get(english(lesson).url).content.decode()

    assert f'<a href="{lesson.url}" lang="sv" hreflang="sv">Svenska</a>' in content


def test_language_switcher_on_a_non_page_view_keeps_the_path(learner_client):
    content = learner_client.get("/en/my-courses/").content.decode()

    assert '<a href="/mina-kurser/" lang="sv" hreflang="sv">Svenska</a>' in content


def test_account_pages_live_under_both_language_prefixes(client, db):
    assert client.get("/accounts/login/").status_code == HTTPStatus.OK
    response = client.get("/en/accounts/login/")
    assert response.status_code == HTTPStatus.OK
    assert '<html lang="en">' in response.content.decode()
