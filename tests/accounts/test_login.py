import re
from http import HTTPStatus

from django.core import mail

import pytest

from accounts.models import OrganisationType

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_with_email_and_password_signs_in_and_goes_to_my_courses(client, learner):
    response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/mina-kurser/"
    assert _is_signed_in(client)


def test_login_is_case_insensitive_on_the_email(client, learner):
    client.post("/accounts/login/", {"login": learner.email.upper(), "password": PASSWORD})

    assert _is_signed_in(client)


def test_login_with_an_incomplete_profile_goes_to_the_profile(client, db):
    user = UserFactory(organisation_type="")

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.url == "/profil/"


def test_login_with_a_wrong_password_is_refused(client, learner):
    response = client.post("/en/accounts/login/", {"login": learner.email, "password": "wrong-password"})

    assert response.status_code == HTTPStatus.OK
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert not _is_signed_in(client)


def test_logout_needs_a_post_and_signs_out(client, learner):
    client.force_login(learner)

    client.get("/accounts/logout/")
    assert _is_signed_in(client)

    response = client.post("/accounts/logout/")
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/"
    assert not _is_signed_in(client)


def test_repeated_failed_logins_are_rate_limited(client, learner):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": learner.email, "password": "wrong-password"})

    response = client.post("/en/accounts/login/", {"login": learner.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert not _is_signed_in(client)


def test_a_few_failed_logins_are_not_rate_limited(client, learner):
    for _ in range(4):
        client.post("/en/accounts/login/", {"login": learner.email, "password": "wrong-password"})

    client.post("/en/accounts/login/", {"login": learner.email, "password": PASSWORD})

    assert _is_signed_in(client)


def test_password_reset_sends_a_link_that_sets_a_new_password(client, learner):
    client.post("/en/accounts/password/reset/", {"email": learner.email})
    assert len(mail.outbox) == 1
    reset_path = re.search(r"https?://[^/\s]+(/\S+/password/reset/key/\S+/)", mail.outbox[0].body)[1]

    response = client.get(reset_path, follow=True)
    set_password_path = response.redirect_chain[-1][0]
    response = client.post(
        set_password_path, {"password1": "Ett-Nytt-Losenord-2026", "password2": "Ett-Nytt-Losenord-2026"}
    )

    assert response.status_code == HTTPStatus.FOUND
    learner.refresh_from_db()
    assert learner.check_password("Ett-Nytt-Losenord-2026")


def test_password_reset_for_an_unknown_address_sends_no_reset_link(client, db):
    client.post("/en/accounts/password/reset/", {"email": "okand@example.com"})

    assert all("/password/reset/key/" not in message.body for message in mail.outbox)


def test_organisation_types_cover_the_four_kinds_of_workplace():
    assert set(OrganisationType.values) == {"municipality", "police", "county_board", "other"}
