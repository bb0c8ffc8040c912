"""Revoking or reinstating a certificate tells its holder, by e-mail and on "My courses"."""

from django.core import mail
from django.urls import reverse

import pytest

from accounts.personal_data import erase_personal_data
from certificates.services import CertificateError, reinstate_certificate, revoke_certificate
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db


def _revoke(certificate, admin_user, capture, reason="Utfärdat till fel person"):
    with capture(execute=True):
        return revoke_certificate(certificate=certificate, by=admin_user, reason=reason)


def test_revoking_emails_the_holder_with_the_reason(certificate, admin_user, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    _revoke(certificate, admin_user, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [certificate.enrolment.learner.email]
    assert "återkallat" in message.subject
    assert certificate.serial in message.body
    assert "Utfärdat till fel person" in message.body
    assert "Utfärdat till fel person" in message.alternatives[0][0]


def test_reinstating_emails_the_holder(certificate, admin_user, django_capture_on_commit_callbacks):
    _revoke(certificate, admin_user, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reinstate_certificate(certificate=certificate, by=admin_user)

    assert len(mail.outbox) == 1
    assert "gäller igen" in mail.outbox[0].subject
    assert f"/intyg/{certificate.enrolment_id}/" in mail.outbox[0].body


def test_the_notice_is_in_the_certificates_language(course, admin_user, django_capture_on_commit_callbacks):
    certificate = complete_course(UserFactory(preferred_language="en"), course).certificate
    mail.outbox.clear()

    _revoke(certificate, admin_user, django_capture_on_commit_callbacks, reason="Issued in error")

    assert "has been revoked" in mail.outbox[0].subject
    assert "/en/certificates/" in mail.outbox[0].body


def test_a_refused_revocation_sends_nothing(certificate, admin_user, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CertificateError):
        revoke_certificate(certificate=certificate, by=admin_user, reason="  ")

    assert mail.outbox == []


def test_an_erased_holder_gets_no_notice(certificate, admin_user, django_capture_on_commit_callbacks):
    erase_personal_data(certificate.enrolment.learner)
    certificate.refresh_from_db()
    mail.outbox.clear()

    _revoke(certificate, admin_user, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_my_courses_shows_a_revoked_certificate_as_revoked(
    learner_client, certificate, admin_user, django_capture_on_commit_callbacks
):
    _revoke(certificate, admin_user, django_capture_on_commit_callbacks)

    content = learner_client.get("/mina-kurser/").content.decode()

    assert "/pdf/" not in content
    assert "Ladda ned intyget" not in content
    assert "återkallades" in content
    assert reverse("certificates:detail", kwargs={"enrolment_id": certificate.enrolment_id}) in content


def test_my_courses_offers_the_download_again_once_reinstated(
    learner_client, certificate, admin_user, django_capture_on_commit_callbacks
):
    _revoke(certificate, admin_user, django_capture_on_commit_callbacks)
    reinstate_certificate(certificate=certificate, by=admin_user)

    content = learner_client.get("/mina-kurser/").content.decode()

    assert "/pdf/" in content
    assert "återkallades" not in content
