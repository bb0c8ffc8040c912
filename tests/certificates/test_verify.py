import json
from http import HTTPStatus

from django.urls import reverse
from django.utils import translation

import pytest

from certificates.services import revoke_certificate
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db

VERIFICATION_FIELDS = {
    "status",
    "holder",
    "holder_erased",
    "serial",
    "course",
    "completed_on",
    "revoked_on",
    "revocation_reason",
    "credential",
}


def _verify_url(certificate, language: str = "sv") -> str:
    with translation.override(language):
        return reverse("certificates:verify", kwargs={"code": certificate.verification_code})


def _json(client, url: str):
    return client.get(url, headers={"accept": "application/json"})


def test_the_verify_address_is_public_and_fixed(certificate):
    assert _verify_url(certificate) == f"/verify/{certificate.verification_code}/"
    assert _verify_url(certificate, "en") == f"/en/verify/{certificate.verification_code}/"


def test_a_valid_certificate_is_shown_as_valid(client, certificate):
    response = client.get(_verify_url(certificate, "en"))

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "certificate is genuine and valid" in content
    assert certificate.holder_name in content
    assert certificate.course_title in content


def test_the_english_address_answers_too(client, certificate):
    response = client.get(_verify_url(certificate, "en"))

    assert response.status_code == HTTPStatus.OK
    assert certificate.holder_name in response.content.decode()


def test_a_revoked_certificate_says_so_with_date_and_reason(client, certificate, admin_user):
    revoke_certificate(certificate=certificate, by=admin_user, reason="Utfärdat av misstag")

    content = client.get(_verify_url(certificate, "en")).content.decode()

    assert "was revoked on" in content
    assert "Utfärdat av misstag" in content
    assert "genuine and valid" not in content


def test_an_unknown_code_is_not_found(client, db):
    response = client.get("/en/verify/this-code-does-not-exist-anywhere-at-all/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "No certificate matches" in response.content.decode()


def test_a_tampered_code_is_not_found(client, certificate):
    code = certificate.verification_code
    tampered = ("A" if code[0] != "A" else "B") + code[1:]

    response = client.get(f"/verify/{tampered}/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert certificate.holder_name not in response.content.decode()


def test_a_hidden_name_is_not_shown(client, course):
    learner = UserFactory(first_name="Hemlig", last_name="Person", hide_name_on_certificates=True)
    certificate = complete_course(learner, course).certificate

    content = client.get(_verify_url(certificate, "en")).content.decode()

    assert "Hemlig" not in content
    assert "chosen not to show their name" in content


def test_the_json_answer_has_the_same_fields(client, certificate):
    response = _json(client, _verify_url(certificate))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["status"] == "valid"
    assert body["holder"] == certificate.holder_name
    assert body["course"] == certificate.course_title
    assert body["completed_on"] == certificate.completed_at.astimezone().date().isoformat()


def test_the_json_answer_has_no_personal_data_beyond_the_four_fields(client, certificate):
    body = json.loads(_json(client, _verify_url(certificate)).content)

    assert set(body) == VERIFICATION_FIELDS
    serialized = json.dumps(body)
    learner = certificate.enrolment.learner
    assert learner.email not in serialized
    # The serial is printed on the certificate in hand; showing it lets the reader match the two.
    assert body["serial"] == certificate.serial


def test_the_page_shows_no_personal_data_beyond_the_four_fields(client, certificate):
    content = client.get(_verify_url(certificate)).content.decode()

    assert certificate.enrolment.learner.email not in content
    assert certificate.serial in content


def test_the_json_answer_for_an_unknown_code_is_not_found(client, db):
    response = _json(client, "/verify/unknown-code-unknown-code-unknown/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert json.loads(response.content) == {"status": "not_found"}


def test_the_json_answer_of_a_revoked_certificate_has_date_and_reason(client, certificate, admin_user):
    revoke_certificate(certificate=certificate, by=admin_user, reason="Fel kurs")

    body = json.loads(_json(client, _verify_url(certificate)).content)

    assert body["status"] == "revoked"
    assert body["revocation_reason"] == "Fel kurs"
    assert body["revoked_on"]


def test_serial_and_last_name_verify_a_certificate(client, certificate):
    learner = certificate.enrolment.learner
    with translation.override("en"):
        url = reverse("certificates:verify_serial")
    response = client.post(url, {"serial": certificate.serial.lower(), "last_name": learner.last_name.upper()})

    assert response.status_code == HTTPStatus.OK
    assert "genuine and valid" in response.content.decode()


def test_a_wrong_last_name_answers_exactly_like_an_unknown_serial(client, certificate):
    wrong_name = client.post(
        reverse("certificates:verify_serial"), {"serial": certificate.serial, "last_name": "Någon Annan"}
    )
    unknown_serial = client.post(
        reverse("certificates:verify_serial"), {"serial": "SA-1999-999999", "last_name": "Någon Annan"}
    )

    assert wrong_name.status_code == unknown_serial.status_code == HTTPStatus.NOT_FOUND
    assert wrong_name.content.replace(wrong_name.context["csrf_token"].encode(), b"") == unknown_serial.content.replace(
        unknown_serial.context["csrf_token"].encode(), b""
    )


def test_the_serial_form_is_shown(client, db):
    response = client.get(reverse("certificates:verify_serial"))

    assert response.status_code == HTTPStatus.OK
    assert b'name="serial"' in response.content
    assert b'name="last_name"' in response.content


def test_verification_is_rate_limited(client, certificate, settings):
    settings.CERTIFICATE_VERIFICATIONS_PER_MINUTE = 3
    url = _verify_url(certificate, "en")
    for _ in range(3):
        assert client.get(url).status_code == HTTPStatus.OK

    response = client.get(url)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many certificate checks" in response.content.decode()


def test_the_serial_form_is_rate_limited(client, certificate, settings):
    settings.CERTIFICATE_VERIFICATIONS_PER_MINUTE = 2
    data = {"serial": "SA-1999-000001", "last_name": "Gissning"}
    for _ in range(2):
        client.post(reverse("certificates:verify_serial"), data)

    response = client.post(reverse("certificates:verify_serial"), data)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_the_verify_page_has_no_inline_script_or_style(client, certificate):
    content = client.get(_verify_url(certificate)).content.decode()

    assert "<script" not in content
    assert "style=" not in content
    assert "<style" not in content


@pytest.mark.parametrize("modules", [1, 6])
def test_the_verify_page_query_count_does_not_grow(client, django_assert_max_num_queries, modules):
    from tests.factories import build_course

    course = build_course(modules=modules, lessons_per_module=3)
    certificate = complete_course(UserFactory(), course).certificate

    client.get(_verify_url(certificate, "en"))

    # The certificate, the locale and the course title in it; the site chrome comes from the cache.
    with django_assert_max_num_queries(3):
        response = client.get(_verify_url(certificate, "en"))
    assert response.status_code == HTTPStatus.OK
