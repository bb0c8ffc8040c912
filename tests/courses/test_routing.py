"""Routing below the home page finds a page in one lookup and keeps Wagtail's checks: only live
pages are served, and view restrictions (on a page, an ancestor or an alias's source) still apply."""

from http import HTTPStatus

from wagtail.models import PageViewRestriction, Site

import pytest

from ..factories import InformationPageFactory, english, lessons_of, swedish_home, sync_english_tree

pytestmark = pytest.mark.django_db


def test_a_page_five_levels_down_is_served(client, course):
    lesson = lessons_of(course)[0]

    response = client.get(lesson.url)

    assert response.status_code == HTTPStatus.OK
    assert lesson.title in response.content.decode()


def test_a_path_without_a_page_is_not_found(client, course):
    lesson = lessons_of(course)[0]

    for path in (f"{course.url}finns-inte/", "/finns-inte/alls/", f"{lesson.url}extra/"):
        assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_a_draft_page_is_not_found(client, db):
    InformationPageFactory(parent=swedish_home(), slug="utkast", live=False)

    assert client.get("/utkast/").status_code == HTTPStatus.NOT_FOUND


def test_a_live_page_below_a_draft_is_served_as_wagtail_does(client, db):
    draft = InformationPageFactory(parent=swedish_home(), slug="utkast", live=False)
    InformationPageFactory(parent=draft, slug="publicerad", title="Publicerad sida")

    assert client.get("/utkast/publicerad/").status_code == HTTPStatus.OK


def test_a_lesson_of_a_private_course_asks_visitors_to_sign_in(client, course):
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    sync_english_tree()

    for lesson in (lessons_of(course)[0], english(lessons_of(course)[0])):
        response = client.get(lesson.url)
        assert response.status_code == HTTPStatus.FOUND
        assert response.url.endswith(f"login/?next={lesson.url}")


def test_a_password_protected_page_asks_for_the_password(client, db):
    page = InformationPageFactory(parent=swedish_home(), title="Intern sida", intro="Hemlig inledning.")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt")

    content = client.get(page.url).content.decode()

    assert 'name="password"' in content
    assert "Hemlig inledning." not in content


def test_an_alias_of_an_alias_keeps_the_restriction_of_the_source(client, db):
    page = InformationPageFactory(parent=swedish_home(), slug="intern", title="Intern sida")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    sync_english_tree()
    english_alias = english(page)
    second_alias = english_alias.create_alias(update_slug="intern-kopia")

    assert second_alias.alias_of_id == english_alias.pk
    assert list(second_alias.get_view_restrictions()) == list(page.get_view_restrictions())
    assert client.get(second_alias.url).status_code == HTTPStatus.FOUND


def test_a_new_site_for_a_host_is_used_at_once(client, db):
    page = InformationPageFactory(parent=swedish_home(), slug="egen-webbplats", title="Egen webbplats")
    assert "Egen webbplats" not in client.get("/", HTTP_HOST="127.0.0.1").content.decode()

    Site.objects.create(hostname="127.0.0.1", port=80, root_page=page, site_name="Egen")

    assert "Egen webbplats" in client.get("/", HTTP_HOST="127.0.0.1").content.decode()
