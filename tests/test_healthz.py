from http import HTTPStatus
from unittest import mock

from django.db import DatabaseError

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_json_when_the_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_database_fails(client):
    with mock.patch("training_site.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}


def test_healthz_answers_503_when_the_cache_fails(client):
    with mock.patch("training_site.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}


def test_healthz_is_not_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == HTTPStatus.METHOD_NOT_ALLOWED
