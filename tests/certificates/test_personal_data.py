from django.urls import reverse

import pytest

from accounts.personal_data import erase_personal_data, export_personal_data
from certificates.models import Certificate, SerialCounter
from certificates.services import store_pdf

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_certificates(certificate):
    exported = export_personal_data(certificate.enrolment.learner)

    assert exported["certificates"][0]["serial"] == certificate.serial


def test_erasure_deletes_the_certificate_and_its_pdf(certificate):
    store_pdf(certificate=certificate)
    certificate.refresh_from_db()
    storage, name = certificate.pdf.storage, certificate.pdf.name

    erase_personal_data(certificate.enrolment.learner)

    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    assert not storage.exists(name)


def test_after_erasure_the_public_check_says_not_found(client, certificate):
    url = reverse("certificates:verify", kwargs={"code": certificate.verification_code})

    erase_personal_data(certificate.enrolment.learner)

    assert client.get(url).status_code == 404


def test_erasure_does_not_reuse_the_serial(certificate):
    year = int(certificate.serial[3:7])

    erase_personal_data(certificate.enrolment.learner)

    assert SerialCounter.objects.get(year=year).last_number == int(certificate.serial[-6:])
