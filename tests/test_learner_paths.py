"""The learner's own pages have English paths under /en/; the Swedish ones stay, and old English-
prefixed Swedish links redirect. /verify/ and allauth's /accounts/ never change."""

from http import HTTPStatus

from django.urls import reverse
from django.utils import translation

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _swedish_afterwards():
    """Requests under /en/ leave English active in this thread; later tests reverse in Swedish."""
    yield
    translation.activate("sv")


PATHS = [
    ("enrolments:dashboard", {}, "/mina-kurser/", "/en/my-courses/"),
    ("enrolments:enrol", {"course_id": 7}, "/kurser/7/anmal/", "/en/courses/7/enrol/"),
    ("enrolments:complete_step", {"page_id": 7}, "/steg/7/klar/", "/en/steps/7/done/"),
    ("quizzes:start", {"page_id": 7}, "/prov/7/starta/", "/en/quizzes/7/start/"),
    ("quizzes:attempt", {"attempt_id": 7}, "/prov/forsok/7/", "/en/quizzes/attempts/7/"),
    ("quizzes:submit", {"attempt_id": 7}, "/prov/forsok/7/lamna-in/", "/en/quizzes/attempts/7/submit/"),
    ("certificates:detail", {"enrolment_id": 7}, "/intyg/7/", "/en/certificates/7/"),
    ("certificates:download", {"enrolment_id": 7}, "/intyg/7/pdf/", "/en/certificates/7/pdf/"),
    ("accounts:profile", {}, "/profil/", "/en/profile/"),
    ("accounts:export", {}, "/profil/mina-uppgifter.json", "/en/profile/my-data.json"),
    ("accounts:delete", {}, "/profil/radera/", "/en/profile/delete/"),
    ("certificates:verify", {"code": "abc"}, "/verify/abc/", "/en/verify/abc/"),
    ("certificates:verify_serial", {}, "/verify/", "/en/verify/"),
    ("account_login", {}, "/accounts/login/", "/en/accounts/login/"),
    ("account_signup", {}, "/accounts/signup/", "/en/accounts/signup/"),
]


@pytest.mark.parametrize(("name", "kwargs", "swedish", "english"), PATHS, ids=[row[0] for row in PATHS])
def test_each_language_has_its_path(name, kwargs, swedish, english):
    with translation.override("sv"):
        assert reverse(name, kwargs=kwargs) == swedish
    with translation.override("en"):
        assert reverse(name, kwargs=kwargs) == english


def test_the_english_dashboard_answers_at_its_english_path(learner_client):
    response = learner_client.get("/en/my-courses/")

    assert response.status_code == HTTPStatus.OK
    assert '<html lang="en">' in response.content.decode()


def test_the_swedish_dashboard_keeps_its_path(learner_client):
    assert learner_client.get("/mina-kurser/").status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/en/mina-kurser/", "/en/my-courses/"),
        ("/en/intyg/7/", "/en/certificates/7/"),
        ("/en/profil/?next=/en/", "/en/profile/?next=/en/"),
    ],
)
def test_an_old_english_link_with_a_swedish_path_redirects(learner_client, old, new):
    response = learner_client.get(old)

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == new


def test_an_unknown_english_path_is_still_not_found(learner_client):
    assert learner_client.get("/en/finns-inte/").status_code == HTTPStatus.NOT_FOUND


def test_the_language_switcher_links_to_the_translated_path(learner_client):
    content = learner_client.get("/mina-kurser/").content.decode()

    assert 'href="/en/my-courses/"' in content


def test_a_not_found_certificate_check_in_english_stays_not_found(client):
    assert client.get("/en/verify/no-such-code/").status_code == HTTPStatus.NOT_FOUND
