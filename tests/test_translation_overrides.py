"""The project's override catalogue (locale_overrides/) gives Swedish to Wagtail strings that
Wagtail's own catalogue lacks or gets wrong, for Python and for the admin's JavaScript."""

from http import HTTPStatus

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("msgid", "swedish"),
    [
        ("Autosave is paused", "Automatisk sparning är pausad"),
        ("Side panel width", "Sidopanelens bredd"),
        ("No %(model_name)s match your query.", "Inga %(model_name)s matchade din sökning."),
    ],
)
def test_wagtail_strings_get_swedish_from_the_override_catalogue(msgid, swedish):
    with translation.override("sv"):
        assert gettext(msgid) == swedish


def test_the_projects_own_catalogue_still_applies():
    with translation.override("sv"):
        assert gettext("Quiz rules") == "Regler för kunskapstestet"


def test_an_empty_certificate_search_says_inga_intyg(admin_client):
    response = admin_client.get(reverse("certificate_admin:index"), {"q": "SA-1999-000000"})

    content = response.content.decode()
    assert "Inga intyg matchade din sökning." in content
    assert "Ingen intyg" not in content


def test_the_admins_javascript_catalogue_has_the_overrides(admin_client):
    response = admin_client.get(reverse("wagtailadmin_javascript_catalog"))

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Sökalternativ…" in content or "S\\u00f6kalternativ\\u2026" in content
    assert "Sidopanelens bredd" not in content  # only the JavaScript domain is served here
