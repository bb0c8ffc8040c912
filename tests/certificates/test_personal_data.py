import json
from http import HTTPStatus

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from accounts.personal_data import erase_personal_data, export_personal_data
from certificates import tasks
from certificates.models import Certificate, SerialCounter
from certificates.services import revoke_certificate, store_pdf

pytestmark = pytest.mark.django_db


def _verify(client, certificate, **headers):
    return client.get(reverse("certificates:verify", kwargs={"code": certificate.verification_code}), headers=headers)


def test_the_export_lists_the_certificates(certificate):
    exported = export_personal_data(certificate.enrolment.learner)

    assert exported["certificates"][0]["serial"] == certificate.serial
    assert exported["certificates"][0]["holder_name"] == certificate.holder_name


def test_erasure_keeps_the_certificate_without_its_holder(certificate):
    serial, code = certificate.serial, certificate.verification_code

    erase_personal_data(certificate.enrolment.learner)

    kept = Certificate.objects.get(pk=certificate.pk)
    assert (kept.serial, kept.verification_code) == (serial, code)
    assert kept.enrolment_id is None
    assert kept.holder_name == kept.holder_last_name == ""
    assert kept.holder_is_erased
    assert kept.course_title == certificate.course_title


def test_erasure_deletes_the_pdf(certificate, django_capture_on_commit_callbacks):
    store_pdf(certificate=certificate)
    certificate.refresh_from_db()
    storage, name = certificate.pdf.storage, certificate.pdf.name

    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(certificate.enrolment.learner)

    assert not storage.exists(name)
    assert not Certificate.objects.get(pk=certificate.pk).pdf


def test_after_erasure_the_public_check_vouches_without_a_name(client, certificate):
    name = certificate.holder_name

    erase_personal_data(certificate.enrolment.learner)

    response = _verify(client, certificate)
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        erased = gettext(
            "This certificate is genuine and valid. It was issued to a person whose personal data has been erased."
        )
    assert erased in content
    assert certificate.course_title in content
    assert certificate.serial in content
    assert name not in content


def test_after_erasure_the_json_answer_has_no_name(client, certificate):
    erase_personal_data(certificate.enrolment.learner)

    body = json.loads(_verify(client, certificate, accept="application/json").content)

    assert body["status"] == "valid"
    assert body["holder"] is None
    assert body["holder_erased"] is True
    assert body["serial"] == certificate.serial
    assert body["course"] == certificate.course_title


def test_a_revoked_certificate_stays_revoked_after_erasure(client, certificate, admin_user):
    revoke_certificate(certificate=certificate, by=admin_user, reason="Utfärdat av misstag")

    erase_personal_data(certificate.enrolment.learner)

    body = json.loads(_verify(client, certificate, accept="application/json").content)
    assert body["status"] == "revoked"
    assert body["holder_erased"] is True


def test_after_erasure_the_serial_and_last_name_check_finds_nothing(client, certificate):
    last_name = certificate.holder_last_name

    erase_personal_data(certificate.enrolment.learner)

    response = client.post(
        reverse("certificates:verify_serial"), {"serial": certificate.serial, "last_name": last_name}
    )
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_deleting_the_account_another_way_erases_the_holder_too(certificate):
    certificate.enrolment.learner.delete()

    kept = Certificate.objects.get(pk=certificate.pk)
    assert kept.holder_is_erased
    assert kept.holder_name == ""


def test_a_delivery_after_erasure_renders_and_sends_nothing(certificate, mailoutbox):
    erase_personal_data(certificate.enrolment.learner)

    tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)

    assert mailoutbox == []
    assert not Certificate.objects.get(pk=certificate.pk).pdf


def test_erasure_does_not_reuse_the_serial(certificate):
    year = int(certificate.serial[3:7])

    erase_personal_data(certificate.enrolment.learner)

    assert SerialCounter.objects.get(year=year).last_number == int(certificate.serial[-6:])
