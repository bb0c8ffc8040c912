import re
from http import HTTPStatus

from django.core import mail
from django.utils import translation

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress

from accounts.models import User

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Lokal-Samverkan-2026!"


def _signup(client, prefix="", **overrides):
    data = {
        "email": "ny.samordnare@example.com",
        "first_name": "Nora",
        "last_name": "Nilsson",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    data.update(overrides)
    return client.post(f"{prefix}/accounts/signup/", data)


def _confirmation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/|/accounts/confirm-email/\S+/)", message.body)[
        1
    ]


def test_signup_creates_a_user_with_names_and_an_unverified_address(client):
    response = _signup(client)

    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get(email="ny.samordnare@example.com")
    assert (user.first_name, user.last_name) == ("Nora", "Nilsson")
    assert EmailAddress.objects.get(user=user).verified is False


def test_signup_sends_one_confirmation_email(client):
    _signup(client)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny.samordnare@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_signup_under_english_prefix_sends_an_english_email(client):
    _signup(client, prefix="/en")

    assert User.objects.get().preferred_language == "en"
    assert mail.outbox[0].subject == "[Samverkansakademin] Please confirm your email address"
    assert "/en/accounts/confirm-email/" in mail.outbox[0].body


def test_signup_in_swedish_sends_a_swedish_email(client):
    _signup(client)

    assert User.objects.get().preferred_language == "sv"
    assert mail.outbox[0].subject == "[Samverkansakademin] Bekräfta din e-postadress"


def test_account_emails_use_the_recipients_language_not_the_requests(client, learner, monkeypatch):
    """A Swedish-speaking learner who asks for a reset from the English site gets Swedish mail."""
    languages = []
    original = DefaultAccountAdapter.render_mail

    def recording_render_mail(self, *args, **kwargs):
        languages.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DefaultAccountAdapter, "render_mail", recording_render_mail)
    learner.preferred_language = "sv"
    learner.save()

    client.post("/en/accounts/password/reset/", {"email": learner.email})

    assert languages == ["sv"]
    assert len(mail.outbox) == 1


def test_confirming_the_email_logs_in_and_asks_for_the_profile(client):
    _signup(client)
    confirm_path = _confirmation_path(mail.outbox[0])

    response = client.post(confirm_path)

    user = User.objects.get()
    assert EmailAddress.objects.get(user=user).verified is True
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/profil/"
    assert client.get("/profil/").context["user"] == user


def test_confirmation_link_on_get_does_not_confirm(client):
    _signup(client)
    confirm_path = _confirmation_path(mail.outbox[0])

    client.get(confirm_path)

    assert EmailAddress.objects.get().verified is False


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "inte-en-adress"}, "email", "Enter a valid email address."),
        (
            {"password1": "Kort-1", "password2": "Kort-1"},
            "password1",
            "This password is too short. It must contain at least 10 characters.",
        ),
        ({"password1": "qwertyuiop", "password2": "qwertyuiop"}, "password1", "This password is too common."),
        ({"password1": "4857203918", "password2": "4857203918"}, "password1", "This password is entirely numeric."),
        ({"password2": "Something-Else-2026"}, "password2", "You must type the same password each time."),
    ],
    ids=["bad-email", "short-password", "common-password", "numeric-password", "mismatch"],
)
def test_bad_signup_shows_a_clear_error_and_creates_nothing(client, overrides, field, message):
    response = _signup(client, prefix="/en", **overrides)

    assert response.status_code == HTTPStatus.OK
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert mail.outbox == []


def test_signup_without_names_is_refused(client):
    response = _signup(client, prefix="/en", first_name="", last_name="")

    assert response.status_code == HTTPStatus.OK
    assert "first_name" in response.context["form"].errors
    assert not User.objects.exists()


def test_signup_with_a_taken_email_creates_no_second_user(client, learner):
    _signup(client, email=learner.email.upper())

    assert User.objects.count() == 1


def test_the_confirmation_email_repeats_nothing_typed_at_sign_up(client):
    """The address is not confirmed yet: names typed into the form must not reach its inbox."""
    _signup(client, prefix="/en", first_name="Vinn 5000 kr på evil.example", last_name="Svara med ditt lösenord")

    body = mail.outbox[0].body
    assert "evil.example" not in body
    assert "Vinn 5000 kr" not in body
    assert "Svara med ditt lösenord" not in body
    assert "/en/accounts/confirm-email/" in body


def test_the_confirmation_email_of_a_swedish_sign_up_is_in_swedish(client):
    _signup(client)

    assert "Du får det här mejlet eftersom din e-postadress har angetts" in mail.outbox[0].body
