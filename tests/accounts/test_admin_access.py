"""Staff find the admin: an "Administration" link in the site header and the admin after sign-in.
Whether a user may open the admin is cached per user, so learner pages keep their query budgets."""

from http import HTTPStatus

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from ..factories import TOTPAuthenticatorFactory, UserFactory, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
DASHBOARD = "/mina-kurser/"


def _menu_links(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {link.get_text(strip=True): link["href"] for link in soup.select(".site-nav a")}


def _sign_in_with_code(client, user, **extra) -> str:
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD, **extra})
    assert response.url == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    return response.url


@pytest.mark.parametrize("group", ["Redaktörer", "Granskare", "Kursadministratörer"])
def test_staff_are_sent_to_the_admin_after_signing_in(client, staff_member, group):
    assert _sign_in_with_code(client, staff_member(group)) == "/admin/"


def test_staff_go_where_next_says_after_signing_in(client, staff_member):
    url = _sign_in_with_code(client, staff_member("Redaktörer"), next=DASHBOARD)

    assert url == DASHBOARD


def test_a_superuser_is_sent_to_the_admin_after_signing_in(client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    TOTPAuthenticatorFactory(user=superuser)

    assert _sign_in_with_code(client, superuser) == "/admin/"


def test_staff_see_an_administration_link_in_the_header(client, staff_member):
    client.force_login(staff_member("Granskare"))

    links = _menu_links(client.get(DASHBOARD))

    assert links.get("Administration") == "/admin/"


@pytest.mark.parametrize("who", ["learner", "anonymous"])
def test_learners_and_visitors_see_no_administration_link(client, learner, who):
    if who == "learner":
        client.force_login(learner)

    response = client.get("/" if who == "anonymous" else DASHBOARD)

    assert response.status_code == HTTPStatus.OK
    assert "/admin/" not in _menu_links(response).values()


@pytest.mark.parametrize("who", ["learner", "editor"])
def test_a_warm_page_asks_the_database_nothing_about_admin_access(client, learner, staff_member, who):
    client.force_login(learner if who == "learner" else staff_member("Redaktörer"))
    client.get(DASHBOARD)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)

    assert response.status_code == HTTPStatus.OK
    assert not [query for query in queries.captured_queries if "auth_permission" in query["sql"]]


def test_a_staff_page_costs_the_same_queries_as_a_learner_page(client, learner, staff_member):
    counts = []
    for user in (learner, staff_member("Redaktörer")):
        client.force_login(user)
        client.get(DASHBOARD)
        with CaptureQueriesContext(connection) as queries:
            client.get(DASHBOARD)
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1]


def test_joining_a_staff_group_shows_the_link_at_once(client, learner):
    client.force_login(learner)
    assert "Administration" not in _menu_links(client.get(DASHBOARD))

    learner.groups.add(Group.objects.get(name="Redaktörer"))

    assert "Administration" in _menu_links(client.get(DASHBOARD))


def test_leaving_the_staff_groups_hides_the_link_at_once(client, staff_member):
    editor = staff_member("Redaktörer")
    client.force_login(editor)
    assert "Administration" in _menu_links(client.get(DASHBOARD))

    Group.objects.get(name="Redaktörer").user_set.remove(editor)

    assert "Administration" not in _menu_links(client.get(DASHBOARD))


def test_a_group_losing_admin_access_hides_the_link_at_once(client, staff_member):
    client.force_login(staff_member("Granskare"))
    assert "Administration" in _menu_links(client.get(DASHBOARD))

    group = Group.objects.get(name="Granskare")
    group.permissions.remove(group.permissions.get(codename="access_admin"))

    assert "Administration" not in _menu_links(client.get(DASHBOARD))
