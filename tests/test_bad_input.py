"""Malformed input answers 404 or 400, never 500, on SQLite and on PostgreSQL."""

from http import HTTPStatus

import pytest

pytestmark = pytest.mark.django_db

# Wider than 64 bits: SQLite cannot compare a column with it.
TOO_BIG = "99999999999999999999"


@pytest.mark.parametrize(
    ("method", "url", "data", "expected"),
    [
        # PostgreSQL refuses NUL bytes in text.
        ("get", "/verify/abc%00def/", None, HTTPStatus.NOT_FOUND),
        ("get", "/en/verify/abc%00def/", None, HTTPStatus.NOT_FOUND),
        ("post", "/verify/", {"serial": "SA-2026-\x00", "last_name": "A\x00"}, HTTPStatus.BAD_REQUEST),
        ("get", "/abc%00def/", None, HTTPStatus.NOT_FOUND),
        # Ids out of range of any id column.
        ("get", f"/intyg/{TOO_BIG}/", None, HTTPStatus.NOT_FOUND),
        ("get", f"/intyg/{TOO_BIG}/pdf/", None, HTTPStatus.NOT_FOUND),
        ("post", f"/kurser/{TOO_BIG}/anmal/", None, HTTPStatus.NOT_FOUND),
        ("post", f"/steg/{TOO_BIG}/klar/", None, HTTPStatus.NOT_FOUND),
        ("post", f"/prov/{TOO_BIG}/starta/", None, HTTPStatus.NOT_FOUND),
        ("get", f"/prov/forsok/{TOO_BIG}/", None, HTTPStatus.NOT_FOUND),
        ("post", f"/prov/forsok/{TOO_BIG}/lamna-in/", None, HTTPStatus.NOT_FOUND),
        ("get", f"/admin/quiz-results/{TOO_BIG}/", None, HTTPStatus.NOT_FOUND),
        ("get", f"/admin/certificate_admin/revoke/{TOO_BIG}/", None, HTTPStatus.NOT_FOUND),
        ("get", f"/admin/certificate_admin/reinstate/{TOO_BIG}/", None, HTTPStatus.NOT_FOUND),
        # The largest id that fits is looked up as usual.
        ("get", "/intyg/9223372036854775807/", None, HTTPStatus.NOT_FOUND),
    ],
)
def test_malformed_input_is_answered_without_a_server_error(admin_client, method, url, data, expected):
    admin_client.raise_request_exception = False

    response = getattr(admin_client, method)(url, data)

    assert response.status_code == expected
