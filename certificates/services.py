"""Every write of certificate state: issue, render, revoke, reinstate, erase."""

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Locale

from enrolments.models import Enrolment

from .models import Certificate, CertificateStatus, SerialCounter
from .pdf import render_certificate
from .signals import certificate_issued

CERTIFICATE_LOG_REVOKE = "certificates.revoke"
CERTIFICATE_LOG_REINSTATE = "certificates.reinstate"


class CertificateError(ValidationError):
    """A certificate action that cannot be carried out; the message is for the person asking."""


def allocate_serial(*, year: int) -> str:
    """The next serial of `year`, e.g. SA-2026-000123: no gaps, no duplicates.

    The year's counter row is locked until the caller's transaction ends, so concurrent
    issuers queue; a rolled-back issue rolls its number back too.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_serial must run inside the issuing transaction.")
    SerialCounter.objects.get_or_create(year=year)
    counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"SA-{year:04d}-{counter.last_number:06d}"


def new_verification_code() -> str:
    """192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


@transaction.atomic
def issue_certificate(*, enrolment: Enrolment) -> tuple[Certificate, bool]:
    """Issue the certificate of a completed `enrolment`; returns (certificate, created).

    Exactly once per enrolment: the enrolment row is locked while checking and issuing, and a
    unique constraint backs it. `certificate_issued` is sent once this commits (the PDF and the
    e-mail follow in a task).
    """
    existing = Certificate.objects.filter(enrolment_id=enrolment.pk).first()
    if existing is not None:
        return existing, False
    enrolment = Enrolment.objects.select_for_update().select_related("learner").get(pk=enrolment.pk)
    existing = Certificate.objects.filter(enrolment_id=enrolment.pk).first()
    if existing is not None:
        return existing, False
    if enrolment.completed_at is None:
        raise CertificateError(_("The course is not completed yet."))
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                enrolment=enrolment,
                serial=allocate_serial(year=timezone.localdate().year),
                verification_code=new_verification_code(),
                language=enrolment.learner.preferred_language or settings.LANGUAGE_CODE,
                completed_at=enrolment.completed_at,
            )
    except IntegrityError:
        return Certificate.objects.get(enrolment_id=enrolment.pk), False
    transaction.on_commit(lambda: certificate_issued.send(sender=Certificate, certificate=certificate))
    return certificate, True


def issue_on_completion(sender, *, enrolment: Enrolment, **kwargs) -> None:
    """Receiver of enrolments.signals.course_completed."""
    issue_certificate(enrolment=enrolment)


def verification_url(certificate: Certificate, *, language: str | None = None) -> str:
    """The absolute public address of the certificate's check, in `language` (tasks have no request)."""
    with translation.override(language or certificate.language):
        path = reverse("certificates:verify", kwargs={"code": certificate.verification_code})
    return f"{settings.SITE_BASE_URL}{path}"


def course_title_in(certificate: Certificate, language: str) -> str:
    """The course title in `language` where the course is translated, else the Swedish title."""
    course = certificate.enrolment.course
    if language == settings.LANGUAGE_CODE:
        return course.title
    translated = course.get_translation_or_none(Locale.objects.get_for_language(language))
    return translated.title if translated else course.title


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF in its language."""
    return render_certificate(
        serial=certificate.serial,
        holder=certificate.holder_name,
        course=course_title_in(certificate, certificate.language),
        completed_at=certificate.completed_at,
        verification_url=verification_url(certificate),
        language=certificate.language,
    )


@transaction.atomic
def store_pdf(*, certificate: Certificate) -> Certificate:
    """(Re)generate the PDF into private storage; the same certificate gives the same bytes."""
    content = render_pdf(certificate)
    storage = certificate.pdf.storage
    name = f"{certificate.serial}.pdf"
    # A serial is never reused, so a file under its name can only be an earlier rendering of this one.
    for stale in {certificate.pdf.name, certificate.pdf.field.generate_filename(certificate, name)} - {""}:
        storage.delete(stale)
    certificate.pdf.save(name, ContentFile(content), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name, updated_at=timezone.now())
    return certificate


def pdf_content(*, certificate: Certificate) -> bytes:
    """The stored PDF, generated now if the background task has not done it yet."""
    if not certificate.pdf or not certificate.pdf.storage.exists(certificate.pdf.name):
        store_pdf(certificate=certificate)
    with certificate.pdf.open("rb") as handle:
        return handle.read()


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke with a reason; logged in Wagtail's log with who and when."""
    reason = reason.strip()
    if not reason:
        raise CertificateError(_("Give a reason for revoking the certificate."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise CertificateError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "updated_at"])
    log(certificate, CERTIFICATE_LOG_REVOKE, user=by, data={"reason": reason})
    return certificate


@transaction.atomic
def reinstate_certificate(*, certificate: Certificate, by) -> Certificate:
    """Make a revoked certificate valid again; logged with who and when."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not certificate.is_revoked:
        raise CertificateError(_("This certificate is not revoked."))
    certificate.revoked_at = None
    certificate.revoked_by = None
    certificate.revocation_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "updated_at"])
    log(certificate, CERTIFICATE_LOG_REINSTATE, user=by)
    return certificate


@dataclass(frozen=True)
class Verification:
    """What the public check shows: the holder (unless hidden), course, completion date, status."""

    status: str
    holder: str | None
    course: str
    completed_on: date
    revoked_on: date | None
    revocation_reason: str

    @property
    def is_revoked(self) -> bool:
        return self.status == CertificateStatus.REVOKED

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "holder": self.holder,
            "course": self.course,
            "completed_on": self.completed_on.isoformat(),
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
            "revocation_reason": self.revocation_reason or None,
        }


def _verification(certificate: Certificate, *, language: str) -> Verification:
    learner = certificate.enrolment.learner
    return Verification(
        status=certificate.status,
        holder=None if learner.hide_name_on_certificates else learner.get_full_name(),
        course=course_title_in(certificate, language),
        completed_on=timezone.localdate(certificate.completed_at),
        revoked_on=timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None,
        revocation_reason=certificate.revocation_reason if certificate.revoked_at else "",
    )


def verify_code(*, code: str, language: str) -> Verification | None:
    """The public answer for a verification code, or None when no certificate has it."""
    certificate = Certificate.objects.with_details().filter(verification_code=code).first()
    return _verification(certificate, language=language) if certificate else None


def verify_serial(*, serial: str, last_name: str, language: str) -> Verification | None:
    """The public answer for a serial plus the holder's last name (case-insensitive).

    None both when the serial does not exist and when the name does not match, so the
    answer never reveals whether a serial exists.
    """
    certificate = (
        Certificate.objects.with_details()
        .filter(serial__iexact=serial.strip(), enrolment__learner__last_name__iexact=last_name.strip())
        .first()
    )
    if certificate is None or not last_name.strip():
        return None
    return _verification(certificate, language=language)


def export_personal_data(user) -> list[dict[str, Any]]:
    certificates = Certificate.objects.filter(enrolment__learner=user).select_related("enrolment__course")
    return [
        {
            "serial": certificate.serial,
            "course": certificate.course_title,
            "completed_at": certificate.completed_at.isoformat(),
            "issued_at": certificate.issued_at.isoformat(),
            "status": certificate.status,
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "revocation_reason": certificate.revocation_reason,
        }
        for certificate in certificates
    ]


def erase_personal_data(user) -> None:
    """Erasure deletes the holder's certificates and their PDFs: afterwards the public check
    answers "not found", as for any unknown code. Serials are not reused (the counter stays)."""
    for certificate in Certificate.objects.filter(enrolment__learner=user):
        if certificate.pdf:
            certificate.pdf.storage.delete(certificate.pdf.name)
        certificate.delete()


def dashboard_url(*, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_BASE_URL}{reverse('enrolments:dashboard')}"


def holder_page_url(certificate: Certificate, *, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_BASE_URL}{reverse('certificates:detail', kwargs={'enrolment_id': certificate.enrolment_id})}"


def send_certificate_email(*, certificate: Certificate) -> None:
    """Tell the holder, in their language, that the certificate is ready (text and HTML)."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    learner = certificate.enrolment.learner
    language = certificate.language
    with translation.override(language):
        context = {
            "learner": learner,
            "certificate": certificate,
            "course_title": course_title_in(certificate, language),
            "certificate_url": holder_page_url(certificate, language=language),
            "dashboard_url": dashboard_url(language=language),
            "verification_url": verification_url(certificate, language=language),
        }
        subject = render_to_string("certificates/email/certificate_issued_subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=render_to_string("certificates/email/certificate_issued.txt", context),
            to=[learner.email],
        )
        message.attach_alternative(render_to_string("certificates/email/certificate_issued.html", context), "text/html")
        message.send()
