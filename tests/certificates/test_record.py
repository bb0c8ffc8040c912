"""A certificate vouches for what was certified: the holder's name and the course title at issue."""

import importlib
import json
from http import HTTPStatus
from io import BytesIO

from django.apps import apps
from django.urls import reverse

import pypdf
import pytest

from certificates.models import Certificate
from certificates.services import render_pdf
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(certificate):
    """The certificate after its holder renamed themselves and the course was renamed."""
    learner = certificate.enrolment.learner
    learner.first_name, learner.last_name = "Någon", "Annan"
    learner.save()
    course = certificate.enrolment.course
    course.title = "Ett nytt namn på kursen"
    course.save_revision().publish()
    return Certificate.objects.with_details().get(pk=certificate.pk)


def test_the_certificate_records_the_name_and_course_title_at_issue(course):
    learner = UserFactory(first_name="Åsa", last_name="Öberg")

    certificate = complete_course(learner, course).certificate

    assert (certificate.holder_name, certificate.holder_last_name) == ("Åsa Öberg", "Öberg")
    assert certificate.course_title == course.title


def test_the_public_check_shows_the_name_and_title_at_issue(client, certificate, renamed):
    content = client.get(reverse("certificates:verify", kwargs={"code": certificate.verification_code})).content

    assert certificate.holder_name in content.decode()
    assert certificate.course_title in content.decode()
    assert b"Annan" not in content
    assert b"Ett nytt namn" not in content


def test_the_json_check_shows_the_name_and_title_at_issue(client, certificate, renamed):
    url = reverse("certificates:verify", kwargs={"code": certificate.verification_code})

    body = json.loads(client.get(url, headers={"accept": "application/json"}).content)

    assert (body["holder"], body["course"]) == (certificate.holder_name, certificate.course_title)


def test_the_serial_checks_against_the_last_name_at_issue(client, certificate, renamed):
    url = reverse("certificates:verify_serial")

    printed = client.post(url, {"serial": certificate.serial, "last_name": certificate.holder_last_name})
    current = client.post(url, {"serial": certificate.serial, "last_name": "Annan"})

    assert printed.status_code == HTTPStatus.OK
    assert current.status_code == HTTPStatus.NOT_FOUND


def test_the_pdf_prints_the_name_and_title_at_issue(certificate, renamed):
    text = " ".join(pypdf.PdfReader(BytesIO(render_pdf(renamed))).pages[0].extract_text().split())

    assert certificate.holder_name in text
    assert certificate.course_title in text
    assert "Annan" not in text


def test_the_data_migration_fills_the_record_from_the_profile_and_course(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="", holder_last_name="", course_title="")
    migration = importlib.import_module("certificates.migrations.0004_fill_certificate_record")

    migration.fill_record(apps, None)

    filled = Certificate.objects.get(pk=certificate.pk)
    learner = certificate.enrolment.learner
    assert filled.holder_name == learner.get_full_name()
    assert filled.holder_last_name == learner.last_name
    assert filled.course_title == certificate.enrolment.course.title
