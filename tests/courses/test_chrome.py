"""The page chrome (home link, language links, footer links) is cached, and never stale: each test
reads a page first, so that the fragments are cached, then changes what they show."""

import pytest

from ..factories import InformationPageFactory, swedish_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(db):
    return InformationPageFactory(parent=swedish_home(), slug="om", title="Om utbildningen", show_in_menus=True)


def test_a_renamed_information_page_shows_in_the_footer_at_once(client, about):
    client.get("/")

    about.title = "Om Samverkansakademin"
    about.save_revision().publish()

    assert f'<a href="{about.url}">Om Samverkansakademin</a>' in client.get("/").content.decode()


def test_an_unpublished_information_page_leaves_the_footer_at_once(client, about):
    client.get("/")

    about.unpublish()

    assert f'href="{about.url}"' not in client.get("/").content.decode()


def test_the_language_link_follows_a_translation_published_after_the_page_was_cached(client, about):
    from wagtail.models import Locale

    assert '<a href="/en/om/" lang="en"' in client.get(about.url).content.decode()

    translation = about.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.slug = "about"
    translation.title = "About the training"
    translation.save_revision().publish()

    assert '<a href="/en/about/" lang="en"' in client.get(about.url).content.decode()


def test_language_links_of_views_without_a_page_keep_each_path(client, db):
    assert '<a href="/en/accounts/login/" lang="en"' in client.get("/accounts/login/").content.decode()

    assert '<a href="/en/accounts/signup/" lang="en"' in client.get("/accounts/signup/").content.decode()


def test_the_signed_in_header_is_never_shared(client, learner, about):
    anonymous = client.get(about.url).content.decode()
    client.force_login(learner)

    signed_in = client.get(about.url).content.decode()

    assert 'href="/accounts/login/"' in anonymous
    assert 'href="/accounts/logout/"' in signed_in
    assert 'href="/accounts/login/"' not in signed_in
