"""allauth's e-mails name the site, not the host the request came in on."""

from django.core import mail

import pytest

pytestmark = pytest.mark.django_db


def _signup(client, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "ny.samordnare@example.com",
            "first_name": "Nora",
            "last_name": "Nilsson",
            "password1": "Lokal-Samverkan-2026!",
            "password2": "Lokal-Samverkan-2026!",
        },
        HTTP_HOST="127.0.0.1",
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_confirmation_email_greets_from_the_sites_name(client, settings, prefix):
    settings.SITE_BASE_URL = "https://samverkansakademin.example.se"

    _signup(client, prefix)

    body = mail.outbox[0].body
    assert "Samverkansakademin!" in body
    assert "127.0.0.1" not in body.split("http")[0]
    assert "samverkansakademin.example.se" in body
