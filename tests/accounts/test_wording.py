"""allauth's pages in the project's wording (locale_overrides/): the sign-in page asks for a new
account in Swedish, and English says "Sign in" as the menu does."""

from django.conf import settings

import pytest

pytestmark = pytest.mark.django_db


def test_the_override_catalogue_comes_first():
    assert [path.name for path in settings.LOCALE_PATHS] == ["locale_overrides", "locale"]


def test_the_swedish_sign_in_page_offers_to_create_an_account(client):
    content = client.get("/accounts/login/").content.decode()

    assert "Har du inget konto än?" in content
    assert "Har du redan ett konto" not in content


def test_the_english_sign_in_page_says_sign_in_in_sentence_case(client):
    content = client.get("/en/accounts/login/").content.decode()

    assert "<h1>Sign in</h1>" in " ".join(content.split()).replace("<h1> ", "<h1>").replace(" </h1>", "</h1>")
    assert "Sign In" not in content


def test_the_english_sign_up_page_is_called_create_account(client):
    content = client.get("/en/accounts/signup/").content.decode()

    assert "Sign Up" not in content
    assert "Create account" in content
