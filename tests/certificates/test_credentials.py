"""The Open Badges 3.0 credential of a certificate, the issuer's did:web document and the signed
revocation list: what they say, that they verify, and that re-issuing and erasure keep them whole."""

import hashlib
import json
from http import HTTPStatus

from django.conf import settings
from django.test import override_settings

import pytest

from accounts.personal_data import erase_personal_data
from certificates import dataintegrity, keys, openbadges
from certificates.models import Certificate
from certificates.services import (
    build_credential,
    credential_url,
    publish_status_list,
    reinstate_certificate,
    revoke_certificate,
    status_list_document,
    status_list_url,
)
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db


def _site_key():
    return keys.credential_key().public_key()


def _path(url: str) -> str:
    return url.removeprefix(settings.SITE_BASE_URL)


def test_the_credential_is_an_open_badge_from_the_sites_did_web(certificate):
    credential = build_credential(certificate)

    assert credential["@context"] == openbadges.CREDENTIAL_CONTEXT
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == "did:web:127.0.0.1%3A8000"
    assert credential["id"] == credential_url(certificate)
    assert credential["validFrom"] == openbadges.xsd_datetime(certificate.issued_at)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == certificate.course_title
    assert achievement["description"] == certificate.enrolment.course.summary
    assert achievement["criteria"]["narrative"]
    assert achievement["id"] == f"urn:uuid:{certificate.enrolment.course.translation_key}"
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    dataintegrity.verify(credential, public_key=_site_key())


def test_the_subject_is_a_salted_hash_of_the_email_and_nothing_else_personal(certificate):
    learner = certificate.enrolment.learner
    credential = build_credential(certificate)

    [identity] = credential["credentialSubject"]["identifier"]
    expected = hashlib.sha256((learner.email.lower() + identity["salt"]).encode()).hexdigest()
    assert identity == {
        "type": "IdentityObject",
        "identityHash": f"sha256${expected}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": identity["salt"],
    }
    serialized = json.dumps(credential)
    for personal in (learner.email, learner.first_name, learner.last_name):
        assert personal not in serialized


def test_an_english_certificate_describes_the_achievement_in_english(course):
    learner = UserFactory(preferred_language="en")
    certificate = complete_course(learner, course).certificate

    achievement = build_credential(certificate)["credentialSubject"]["achievement"]

    assert achievement["inLanguage"] == "en"
    assert achievement["criteria"]["narrative"].startswith("Completed the course")


def test_reissuing_gives_the_same_credential_byte_for_byte(certificate):
    first = json.dumps(build_credential(certificate))
    certificate.enrolment.learner.email = "new-address@example.se"
    certificate.enrolment.learner.save()

    again = Certificate.objects.get(pk=certificate.pk)

    assert json.dumps(build_credential(again)) == first
    assert (again.serial, again.verification_code, again.status_index) == (
        certificate.serial,
        certificate.verification_code,
        certificate.status_index,
    )


def test_after_erasure_the_credential_names_no_one_and_still_verifies(client, certificate):
    before = build_credential(certificate)

    erase_personal_data(certificate.enrolment.learner)
    erased = Certificate.objects.get(pk=certificate.pk)
    credential = client.get(_path(credential_url(erased))).json()

    assert "identifier" not in credential["credentialSubject"]
    assert (erased.subject_hash, erased.subject_salt) == ("", "")
    assert credential["credentialStatus"] == before["credentialStatus"]
    assert credential["id"] == before["id"]
    dataintegrity.verify(credential, public_key=_site_key())


def test_each_certificate_gets_its_own_index_in_the_status_list(certificate, course):
    other = complete_course(UserFactory(), course).certificate

    assert certificate.status_index != other.status_index
    for issued in (certificate, other):
        assert 0 <= issued.status_index < openbadges.STATUS_LIST_SIZE
        entry = build_credential(issued)["credentialStatus"]
        assert entry["statusListIndex"] == str(issued.status_index)
        assert entry["statusListCredential"] == status_list_url()


def test_the_status_list_has_room_for_131072_certificates():
    status_list = status_list_document()

    encoded = status_list["credentialSubject"]["encodedList"]
    assert len(openbadges.decode_bitstring(encoded)) * 8 >= 131_072
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    dataintegrity.verify(status_list, public_key=_site_key())


def test_revoking_sets_the_bit_and_reinstating_clears_it(certificate, admin_user):
    def bit() -> bool:
        status_list = status_list_document()
        dataintegrity.verify(status_list, public_key=_site_key())
        return openbadges.bit_is_set(status_list["credentialSubject"]["encodedList"], certificate.status_index)

    assert bit() is False
    revoke_certificate(certificate=certificate, by=admin_user, reason="Fel kurs")
    assert bit() is True
    reinstate_certificate(certificate=certificate, by=admin_user)
    assert bit() is False


def test_the_bitstring_is_most_significant_bit_first():
    encoded = openbadges.encode_bitstring([0, 9, 131_071])
    raw = openbadges.decode_bitstring(encoded)

    assert encoded.startswith("u")
    assert (raw[0], raw[1], raw[-1]) == (0x80, 0x40, 0x01)
    assert sum(byte.bit_count() for byte in raw) == 3


def test_without_the_credential_key_a_revocation_changes_nothing(certificate, admin_user, tmp_path):
    published = publish_status_list()

    with (
        override_settings(CREDENTIAL_SIGNING_KEY_FILE=str(tmp_path / "missing.pem")),
        pytest.raises(keys.SigningKeysMissing, match="CREDENTIAL_SIGNING_KEY_FILE"),
    ):
        revoke_certificate(certificate=certificate, by=admin_user, reason="Fel kurs")

    assert not Certificate.objects.get(pk=certificate.pk).is_revoked
    assert status_list_document() == published


def test_the_public_credential_address_serves_json_to_wallets(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(_path(credential_url(certificate)))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == build_credential(certificate)


def test_an_unknown_code_has_no_credential(client, db):
    response = client.get("/verify/no-such-code/credential/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_holder_downloads_the_credential_as_a_file(client, certificate):
    client.force_login(certificate.enrolment.learner)

    response = client.get(f"/intyg/{certificate.enrolment_id}/credential/")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.serial}.json"'
    assert json.loads(response.content) == build_credential(certificate)


def test_another_learner_cannot_download_the_credential(other_client, certificate):
    response = other_client.get(f"/intyg/{certificate.enrolment_id}/credential/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_did_document_publishes_the_key_that_verifies(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        did = client.get("/.well-known/did.json").json()

    credential = build_credential(certificate)
    [method] = did["verificationMethod"]
    assert did["id"] == credential["issuer"]["id"]
    assert method["type"] == "Multikey"
    assert did["assertionMethod"] == [method["id"]] == [credential["proof"]["verificationMethod"]]
    dataintegrity.verify(credential, public_key=dataintegrity.public_key_from_multibase(method["publicKeyMultibase"]))


def test_the_status_list_is_served_at_its_stable_address(client, db, django_assert_max_num_queries):
    publish_status_list()

    with django_assert_max_num_queries(1):
        response = client.get("/credentials/status/revocation/")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["id"] == status_list_url()


def test_the_verification_page_links_to_the_credential_and_explains_the_seal(client, certificate):
    content = client.get(f"/verify/{certificate.verification_code}/").content.decode()

    assert credential_url(certificate) in content
    assert keys.fingerprints()["root"] in content
    assert "pdfsig" in content


def test_the_holders_page_offers_the_credential_and_the_wallet_link(client, certificate):
    client.force_login(certificate.enrolment.learner)

    content = client.get(f"/intyg/{certificate.enrolment_id}/").content.decode()

    assert f"/intyg/{certificate.enrolment_id}/credential/" in content
    assert credential_url(certificate) in content


def test_the_did_web_of_a_site_with_a_port_and_path():
    assert openbadges.did_web("https://example.se") == "did:web:example.se"
    assert openbadges.did_web("http://127.0.0.1:8000/lms") == "did:web:127.0.0.1%3A8000:lms"
