"""Behind the TLS proxy every request comes from the proxy's address: rate limits key on the client's."""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

import pytest

from accounts.client_ip import client_ip

from .factories import UserFactory, complete_course

PROXY = "10.0.0.2"
PASSWORD = "correct-horse-battery"


def _request(**headers):
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, headers=headers)


def test_without_trusted_proxies_the_client_is_the_connecting_address():
    assert client_ip(_request(x_forwarded_for="203.0.113.7")) == PROXY


def test_with_one_trusted_proxy_the_client_is_the_address_it_appended(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    assert client_ip(_request(x_forwarded_for="198.51.100.9, 203.0.113.7")) == "203.0.113.7"


def test_with_a_trusted_header_the_client_is_the_address_it_names(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"

    assert client_ip(_request(x_real_ip="203.0.113.7", x_forwarded_for="198.51.100.9")) == "203.0.113.7"


def test_with_a_trusted_header_a_request_without_it_is_refused(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"

    with pytest.raises(PermissionDenied):
        client_ip(_request())


@pytest.fixture
def behind_the_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def _from(client_address: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}


def test_one_clients_certificate_checks_do_not_use_up_anothers(client, learner, course, settings, behind_the_proxy):
    settings.CERTIFICATE_VERIFICATIONS_PER_MINUTE = 2
    certificate = complete_course(learner, course).certificate
    url = reverse("certificates:verify", kwargs={"code": certificate.verification_code})
    for _ in range(3):
        client.get(url, **_from("203.0.113.7"))
    assert client.get(url, **_from("203.0.113.7")).status_code == HTTPStatus.TOO_MANY_REQUESTS

    response = client.get(url, **_from("198.51.100.9"))

    assert response.status_code == HTTPStatus.OK


def test_one_clients_failed_logins_do_not_lock_another_out(client, db, behind_the_proxy):
    attacked, other = UserFactory(), UserFactory()
    for _ in range(7):
        client.post("/en/accounts/login/", {"login": attacked.email, "password": "wrong"}, **_from("203.0.113.7"))

    client.post("/en/accounts/login/", {"login": other.email, "password": PASSWORD}, **_from("198.51.100.9"))

    assert client.session["_auth_user_id"] == str(other.pk)
