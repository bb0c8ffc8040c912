from django.core import mail

import pytest
from django_tasks import TaskResultStatus

from certificates import tasks
from certificates.models import Certificate
from tests.factories import UserFactory, complete_course

pytestmark = pytest.mark.django_db


def test_completing_a_course_generates_the_pdf_and_sends_the_email(learner, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(learner, course)

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.pdf.name.endswith(".pdf")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.email]


def test_the_email_has_a_text_and_an_html_version(certificate):
    tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)

    message = mail.outbox[-1]
    assert certificate.serial in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert certificate.serial in html


def test_the_email_links_to_the_certificate(certificate, settings):
    tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)

    assert f"{settings.SITE_BASE_URL}/intyg/{certificate.enrolment_id}/" in mail.outbox[-1].body


def test_the_email_is_in_the_learners_language(course, settings):
    learner = UserFactory(preferred_language="en")
    certificate = complete_course(learner, course).certificate

    tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)

    message = mail.outbox[-1]
    assert "Congratulations" in message.body
    assert f"{settings.SITE_BASE_URL}/en/certificates/{certificate.enrolment_id}/" in message.body
    assert '<html lang="en">' in message.alternatives[0][0]


def test_a_failing_task_is_recorded_as_failed(certificate, monkeypatch):
    def broken(certificate):
        raise RuntimeError("disk full")

    monkeypatch.setattr("certificates.services.render_pdf", broken)

    result = tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)

    assert result.status == TaskResultStatus.FAILED
    assert mail.outbox == []


def test_a_successful_task_returns_the_serial(certificate):
    result = tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == certificate.serial


def test_a_failed_task_leaves_the_certificate_issued(learner, course, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("certificates.services.render_pdf", lambda certificate: 1 / 0)

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(learner, course)

    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_regenerating_keeps_one_file(certificate):
    tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)
    tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)
    certificate.refresh_from_db()

    assert certificate.pdf.name == f"certificates/{certificate.serial}.pdf"


def test_the_email_subject_and_text_carry_the_course_title_unescaped(learner, course):
    course.title = "Brott & straff <grund>"
    course.save_revision().publish()
    certificate = complete_course(learner, course).certificate

    tasks.deliver_certificate.enqueue(certificate_id=certificate.pk)

    message = mail.outbox[-1]
    assert "Brott & straff <grund>" in message.subject
    assert "Brott & straff <grund>" in message.body
    assert "Brott &amp; straff &lt;grund&gt;" in message.alternatives[0][0]
