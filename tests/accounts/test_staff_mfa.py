"""Staff (anyone with access to the Wagtail admin) set up two-factor authentication before the admin answers."""

from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from allauth.mfa.models import Authenticator

from ..factories import totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
TOTP_SET_UP = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _codes_survive_a_period_boundary(settings):
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def editor_without_totp(client, staff_member):
    editor = staff_member("Redaktörer")
    Authenticator.objects.filter(user=editor).delete()
    client.force_login(editor)
    return editor


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/?next=/admin/pages/"])
def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, editor_without_totp, path):
    response = client.get(path)

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, TOTP_SET_UP)


def test_a_superuser_without_an_authenticator_app_is_sent_to_set_one_up(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chef@example.com", PASSWORD))

    response = client.post("/admin/pages/search/", {"q": "kurs"})

    assert (response.status_code, response.url) == (HTTPStatus.FOUND, TOTP_SET_UP)


def test_staff_with_an_authenticator_app_reach_the_admin(client, staff_member):
    client.force_login(staff_member("Granskare"))

    assert client.get("/admin/").status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/accounts/2fa/", HTTPStatus.OK),
        ("get", "/static/css/site.css", HTTPStatus.OK),
        ("post", "/admin/logout/", HTTPStatus.FOUND),
        ("post", "/accounts/logout/", HTTPStatus.FOUND),
    ],
)
def test_allauths_pages_sign_out_and_static_files_stay_reachable(client, editor_without_totp, method, path, status):
    response = getattr(client, method)(path)

    assert response.status_code == status
    assert TOTP_SET_UP not in response.get("Location", "")


def test_staff_set_up_an_authenticator_app_and_then_reach_the_admin(client, editor_without_totp):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == TOTP_SET_UP
    secret = response.context["form"].secret

    client.post(TOTP_SET_UP, {"code": totp_code(secret)})

    assert Authenticator.objects.filter(user=editor_without_totp, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_staff_sign_in_with_password_and_code_and_reach_the_admin(client, staff_member):
    editor = staff_member("Redaktörer")

    response = client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == HTTPStatus.FOUND
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert client.get("/admin/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("who", ["learner", "editor_without_totp"])
def test_learner_pages_do_not_look_for_authenticators(client, course, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(course.url)

    assert response.status_code == HTTPStatus.OK
    assert not [query for query in queries.captured_queries if "mfa_authenticator" in query["sql"]]
