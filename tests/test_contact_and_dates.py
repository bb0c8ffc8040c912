"""The contact address is shown where learners look for it, and English dates read like the Swedish ones."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, translation

import pytest

from tests.factories import InformationPageFactory, swedish_home

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _contact(settings):
    settings.CONTACT_EMAIL = "samordning@example.se"


def test_the_footer_shows_the_contact_address(client):
    content = client.get("/").content.decode()

    assert 'href="mailto:samordning@example.se"' in content.split('class="site-footer"')[1]


def test_the_privacy_page_shows_the_contact_address(client):
    privacy = InformationPageFactory(parent=swedish_home(), title="Så behandlar vi personuppgifter")
    privacy.save_revision().publish()

    content = client.get(privacy.url).content.decode()

    assert 'href="mailto:samordning@example.se"' in content.split("<article")[1]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_verification_sent_page_gives_the_address_instead_of_contact_us(client, prefix):
    content = client.get(f"{prefix}/accounts/confirm-email/").content.decode()

    assert 'href="mailto:samordning@example.se"' in content.split("<main")[1].split('class="site-footer"')[0]
    assert "Kontakta oss" not in content
    assert "contact us" not in content


@pytest.mark.parametrize(
    ("language", "date", "date_time"),
    [("sv", "26 november 2026", "2026-11-26 16:14"), ("en", "26 November 2026", "26 Nov 2026, 16:14")],
)
def test_dates_are_day_month_year_in_both_languages(language, date, date_time):
    moment = datetime(2026, 11, 26, 16, 14, tzinfo=ZoneInfo("Europe/Stockholm"))
    with translation.override(language):
        assert formats.date_format(moment, "DATE_FORMAT") == date
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == date_time
