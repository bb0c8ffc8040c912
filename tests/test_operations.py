"""Request ids on responses, log lines and error pages; the friendly 503 during a database outage;
the Permissions-Policy header; JSON logs in production."""

import io
import json
import logging
from contextlib import contextmanager
from http import HTTPStatus
from unittest import mock

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.db import OperationalError, connection, connections
from django.test import Client

import pytest
import redis
from pythonjsonlogger.json import JsonFormatter

from tests.test_settings import GOOD_ENV, _run
from training_site.request_log import RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_client():
    """A client that gets the error page Django serves, instead of the exception."""
    return Client(raise_request_exception=False)


@contextmanager
def json_log_lines():
    """Collect what the root logger writes, formatted as production formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    options = {key: value for key, value in settings.LOGGING["formatters"]["json"].items() if key != "()"}
    handler.setFormatter(JsonFormatter(**options))
    root, request_logger = logging.getLogger(), logging.getLogger("training_site.request")
    old_level = request_logger.level
    root.addHandler(handler)
    request_logger.setLevel(logging.INFO)
    lines: list[dict] = []
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        request_logger.setLevel(old_level)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines())


@contextmanager
def database_refusing_connections():
    """Every new or used connection fails as when the server is down."""
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(connections["default"], "ensure_connection", side_effect=refused):
        yield


def test_every_response_carries_a_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_sane_request_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "proxy-1234abcd"})

    assert response["X-Request-ID"] == "proxy-1234abcd"


@pytest.mark.parametrize("incoming", ["short", "<script>alert(1)</script>", "a" * 200, "id with spaces"])
def test_an_odd_request_id_from_outside_is_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_every_log_line_of_a_request_carries_its_id(client):
    with json_log_lines() as lines, mock.patch("training_site.views.cache.set", side_effect=ConnectionError):
        response = client.get("/healthz")

    request_id = response["X-Request-ID"]
    assert len(lines) >= 2  # Django's "Service Unavailable" warning and our request line
    assert {line["request_id"] for line in lines} == {request_id}
    request_line = next(line for line in lines if line["logger"] == "training_site.request")
    assert request_line["status"] == HTTPStatus.SERVICE_UNAVAILABLE
    assert request_line["path"] == "/healthz"
    assert {"time", "level", "message", "duration_ms"} <= set(request_line)


def test_an_error_page_shows_the_request_id_that_is_logged(failing_client):
    with json_log_lines() as lines, mock.patch("certificates.views.services.verify_code", side_effect=RuntimeError):
        response = failing_client.get("/verify/abcdefgh/")

    request_id = response["X-Request-ID"]
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert request_id in response.content.decode()
    error = next(line for line in lines if line["level"] == "ERROR")
    assert error["request_id"] == request_id
    assert "RuntimeError" in error["exc_info"]


def test_a_database_outage_answers_the_friendly_503_page(failing_client):
    with database_refusing_connections():
        response = failing_client.get("/")

    body = response.content.decode()
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert "Tillfälligt otillgänglig" in body
    assert response["X-Request-ID"] in body


def test_the_503_page_is_in_english_under_en(failing_client):
    with database_refusing_connections():
        response = failing_client.get("/en/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert '<html lang="en">' in response.content.decode()
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_broken_database_connection_answers_503_and_healthz_says_so(failing_client, learner):
    failing_client.force_login(learner)
    settings_dict = connection.settings_dict
    original_port = settings_dict["PORT"]
    connection.close()
    settings_dict["PORT"] = "1"  # nothing listens there: the connection is refused
    try:
        page = failing_client.get("/")
        health = failing_client.get("/healthz")
    finally:
        connection.close()
        settings_dict["PORT"] = original_port

    assert page.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "Tillfälligt otillgänglig" in page.content.decode()
    assert health.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert health.json()["database"] == "unavailable"
    assert failing_client.get("/healthz").status_code == HTTPStatus.OK


def test_the_permissions_policy_switches_off_unused_features(client):
    policy = client.get("/healthz")["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert 'fullscreen=(self "https://www.youtube-nocookie.com"' in policy


def test_production_logs_json_lines_with_a_request_id():
    env = {**GOOD_ENV, "DJANGO_SETTINGS_MODULE": "training_site.settings.production"}

    result = _run("import django, logging; django.setup(); logging.getLogger('x').warning('hello')", env)

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "-"


def test_a_cache_outage_answers_the_friendly_503_page(failing_client):
    with mock.patch.object(LocMemCache, "get", side_effect=redis.ConnectionError("Connection refused")):
        response = failing_client.get("/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "Tillfälligt otillgänglig" in response.content.decode()
