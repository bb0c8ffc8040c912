"""Every write of certificate state: issue, render, revoke, reinstate, erase."""

import re
import secrets
import uuid
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

from courses.models import CoursePage
from enrolments.models import Enrolment

from . import keys, openbadges
from .models import Certificate, CertificateStatus, SerialCounter, StatusList
from .pdf import render_certificate
from .seal import seal_pdf
from .signals import certificate_issued, certificate_reinstated, certificate_revoked

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


# What new_verification_code() produces; anything else (a NUL byte, say) is not looked up at all.
VERIFICATION_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def new_verification_code() -> str:
    """192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def new_status_index() -> int:
    """A random free index in the revocation list, so that neighbouring bits say nothing about
    when or to whom a certificate was issued. The unique constraint backs the check."""
    for _attempt in range(64):
        index = secrets.randbelow(openbadges.STATUS_LIST_SIZE)
        if not Certificate.objects.filter(status_index=index).exists():
            return index
    raise CertificateError(_("The revocation list is full."))


@transaction.atomic
def issue_certificate(*, enrolment: Enrolment) -> tuple[Certificate, bool]:
    """Issue the certificate of a completed `enrolment`; returns (certificate, created).

    Exactly once per enrolment: the enrolment row is locked while checking and issuing, and a
    unique constraint backs it. The certificate records the holder's name and the course title
    (in the certificate's language) as they are now. `certificate_issued` is sent once this
    commits (the PDF and the e-mail follow in a task).
    """
    existing = Certificate.objects.filter(enrolment_id=enrolment.pk).first()
    if existing is not None:
        return existing, False
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",)).select_related("learner", "course").get(pk=enrolment.pk)
    )
    existing = Certificate.objects.filter(enrolment_id=enrolment.pk).first()
    if existing is not None:
        return existing, False
    if enrolment.completed_at is None:
        raise CertificateError(_("The course is not completed yet."))
    learner = enrolment.learner
    language = learner.preferred_language or settings.LANGUAGE_CODE
    course = course_in(enrolment.course, language)
    salt = secrets.token_hex(16)
    serial = allocate_serial(year=timezone.localdate().year)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    enrolment=enrolment,
                    serial=serial,
                    verification_code=new_verification_code(),
                    language=language,
                    completed_at=enrolment.completed_at,
                    holder_name=learner.get_full_name(),
                    holder_last_name=learner.last_name,
                    course_title=course.title,
                    course_key=enrolment.course.translation_key,
                    course_description=course.summary,
                    status_index=new_status_index(),
                    subject_salt=salt,
                    subject_hash=openbadges.salted_identity_hash(learner.email, salt),
                )
            break
        except IntegrityError:
            existing = Certificate.objects.filter(enrolment_id=enrolment.pk).first()
            if existing is not None:
                return existing, False
            # Another issuer took the same random status index meanwhile: draw again.
    else:
        raise CertificateError(_("The certificate could not be issued. Try again."))
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


def course_in(course: CoursePage, language: str) -> CoursePage:
    """`course` (the Swedish page) in `language` where it is translated, else the Swedish page."""
    if language == settings.LANGUAGE_CODE:
        return course
    translated = course.get_translation_or_none(Locale.objects.get_for_language(language))
    return translated.specific if translated else course


def course_title_in(course: CoursePage, language: str) -> str:
    """The title of `course` (the Swedish page) in `language` where it is translated, else the Swedish title."""
    return course_in(course, language).title


def render_unsealed_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF in its language, before the seal (deterministic: same row, same bytes)."""
    return render_certificate(
        serial=certificate.serial,
        holder=certificate.holder_name,
        course=certificate.course_title,
        completed_at=certificate.completed_at,
        issued_at=certificate.issued_at,
        verification_url=verification_url(certificate),
        language=certificate.language,
    )


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, sealed. Without readable keys this raises keys.SigningKeysMissing:
    a certificate is never handed out unsealed."""
    with translation.override(certificate.language):
        reason = translation.gettext("Certificate %(serial)s issued by Samverkansakademin") % {
            "serial": certificate.serial
        }
    return seal_pdf(
        render_unsealed_pdf(certificate), keys=keys.seal_keys(), reason=reason, location=settings.SITE_BASE_URL
    )


def site_issuer() -> openbadges.Issuer:
    return openbadges.site_issuer(
        site_base_url=settings.SITE_BASE_URL, private_key=keys.credential_key(), name=settings.WAGTAIL_SITE_NAME
    )


def status_list_url() -> str:
    return f"{settings.SITE_BASE_URL}{reverse('status_list')}"


def credential_url(certificate: Certificate) -> str:
    """The public address of the certificate's Open Badges credential (a wallet fetches it)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificates:credential", kwargs={"code": certificate.verification_code})
    return f"{settings.SITE_BASE_URL}{path}"


def achievement_of(certificate: Certificate) -> openbadges.Achievement:
    """The course as an OB Achievement, in the certificate's language, as it was at issue."""
    key = certificate.course_key or uuid.uuid5(
        uuid.NAMESPACE_URL, f"{settings.SITE_BASE_URL}#{certificate.course_title}"
    )
    with translation.override(certificate.language):
        criteria = translation.gettext(
            "Completed the course on Samverkansakademin: every required lesson, quiz and assignment, as set "
            "by the course's completion rules."
        )
    return openbadges.Achievement(
        id=f"urn:uuid:{key}",
        name=certificate.course_title,
        description=certificate.course_description or certificate.course_title,
        criteria=criteria,
        language=certificate.language,
    )


def build_credential(certificate: Certificate, *, issuer: openbadges.Issuer | None = None) -> dict[str, Any]:
    """The certificate's signed OpenBadgeCredential, rebuilt from the row: the same certificate gives
    the same document (serial, code and status index never change). Once the holder is erased the
    subject carries no identifier, and the credential still verifies."""
    return openbadges.achievement_credential(
        issuer=issuer or site_issuer(),
        credential_id=credential_url(certificate),
        achievement=achievement_of(certificate),
        subject=openbadges.Subject(identity_hash=certificate.subject_hash, salt=certificate.subject_salt),
        valid_from=certificate.issued_at,
        status=openbadges.status_entry(list_url=status_list_url(), index=certificate.status_index),
    )


def did_document() -> dict[str, Any]:
    return openbadges.did_document(site_issuer())


@transaction.atomic
def publish_status_list() -> dict[str, Any]:
    """Re-sign the revocation list from the certificates revoked now and store it; returns it.

    Runs inside revoke and reinstate, under a lock on the list's row, so the published list
    always matches the committed revocations.
    """
    StatusList.objects.get_or_create(purpose=openbadges.STATUS_PURPOSE, defaults={"credential": {}})
    status_list = StatusList.objects.select_for_update().get(purpose=openbadges.STATUS_PURPOSE)
    revoked = Certificate.objects.filter(revoked_at__isnull=False).values_list("status_index", flat=True)
    status_list.credential = openbadges.status_list_credential(
        issuer=site_issuer(), list_url=status_list_url(), revoked=revoked, valid_from=timezone.now()
    )
    status_list.save(update_fields=["credential", "updated_at"])
    return status_list.credential


def status_list_document() -> dict[str, Any]:
    """The revocation list as last published (published now if it never was)."""
    stored = StatusList.objects.filter(purpose=openbadges.STATUS_PURPOSE).values_list("credential", flat=True).first()
    return stored or publish_status_list()


def _stored_content(certificate: Certificate) -> bytes | None:
    """The bytes of the PDF the row names, or None when it names none or the file is gone."""
    if not certificate.pdf:
        return None
    try:
        with certificate.pdf.storage.open(certificate.pdf.name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


@transaction.atomic
def store_pdf(*, certificate: Certificate) -> bytes:
    """Render the PDF and store it in private storage unless it is stored already; returns its bytes.

    Under a row lock on the certificate, so parallel first downloads and the delivery task
    render and store it once: the others wait, then read what was stored. The file is saved
    once through the storage API (no rename, so it works on object storage) and its name goes
    on the row only after the save has completed. A file the row names is never deleted or
    overwritten, so a reader that has its name always finds it whole.
    """
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.holder_is_erased:
        raise CertificateError(_("The holder's personal data has been erased, and the PDF with it."))
    content = _stored_content(locked)
    if content is not None:
        return content
    content = render_pdf(locked)
    name = locked.pdf.field.generate_filename(locked, f"{locked.serial}.pdf")
    if name != locked.pdf.name:
        # Serials are never reused and readers only learn names from the row, so a file under
        # this name that the row does not name is left over from a rendering that rolled back.
        locked.pdf.storage.delete(name)
    locked.pdf.save(f"{locked.serial}.pdf", ContentFile(content), save=False)
    Certificate.objects.filter(pk=locked.pk).update(pdf=locked.pdf.name, updated_at=timezone.now())
    return content


def pdf_content(*, certificate: Certificate) -> bytes:
    """The PDF for a reader: the stored file, or rendered and stored now if the delivery task
    has not done it yet (see store_pdf)."""
    content = _stored_content(certificate)
    return content if content is not None else store_pdf(certificate=certificate)


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
    publish_status_list()
    log(certificate, CERTIFICATE_LOG_REVOKE, user=by, data={"reason": reason})
    transaction.on_commit(lambda: certificate_revoked.send(sender=Certificate, certificate=certificate))
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
    publish_status_list()
    log(certificate, CERTIFICATE_LOG_REINSTATE, user=by)
    transaction.on_commit(lambda: certificate_reinstated.send(sender=Certificate, certificate=certificate))
    return certificate


@dataclass(frozen=True)
class Verification:
    """What the public check shows: the serial (to match the certificate in hand), the holder's name
    at issue (unless hidden or erased), the course title at issue, completion date and status."""

    status: str
    holder: str | None
    holder_erased: bool
    serial: str
    course: str
    completed_on: date
    revoked_on: date | None
    revocation_reason: str
    credential_url: str

    @property
    def is_revoked(self) -> bool:
        return self.status == CertificateStatus.REVOKED

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "holder": self.holder,
            "holder_erased": self.holder_erased,
            "serial": self.serial,
            "course": self.course,
            "completed_on": self.completed_on.isoformat(),
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
            "revocation_reason": self.revocation_reason or None,
            "credential": self.credential_url,
        }


def _verification(certificate: Certificate) -> Verification:
    erased = certificate.holder_is_erased
    shows_name = not erased and not certificate.enrolment.learner.hide_name_on_certificates
    return Verification(
        status=certificate.status,
        holder=certificate.holder_name if shows_name else None,
        holder_erased=erased,
        serial=certificate.serial,
        course=certificate.course_title,
        completed_on=timezone.localdate(certificate.completed_at),
        revoked_on=timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None,
        revocation_reason=certificate.revocation_reason if certificate.revoked_at else "",
        credential_url=credential_url(certificate),
    )


def verify_code(*, code: str) -> Verification | None:
    """The public answer for a verification code, or None when no certificate has it."""
    if not VERIFICATION_CODE.fullmatch(code):
        return None
    certificate = Certificate.objects.with_details().filter(verification_code=code).first()
    return _verification(certificate) if certificate else None


def verify_serial(*, serial: str, last_name: str) -> Verification | None:
    """The public answer for a serial plus the holder's last name at issue (case-insensitive).

    None both when the serial does not exist and when the name does not match, so the
    answer never reveals whether a serial exists. An erased holder has no name to match.
    """
    certificate = (
        Certificate.objects.with_details()
        .filter(serial__iexact=serial.strip(), holder_last_name__iexact=last_name.strip())
        .first()
    )
    if certificate is None or not last_name.strip():
        return None
    return _verification(certificate)


def export_personal_data(user) -> list[dict[str, Any]]:
    certificates = Certificate.objects.filter(enrolment__learner=user)
    return [
        {
            "serial": certificate.serial,
            "holder_name": certificate.holder_name,
            "course": certificate.course_title,
            "completed_at": certificate.completed_at.isoformat(),
            "issued_at": certificate.issued_at.isoformat(),
            "status": certificate.status,
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "revocation_reason": certificate.revocation_reason,
        }
        for certificate in certificates
    ]


@transaction.atomic
def erase_holder(*, certificate: Certificate) -> None:
    """Erase what `certificate` holds about its holder: the name is blanked, the link to the
    enrolment dropped and the PDF (which prints the name) deleted once this commits.

    The certificate itself stays, with its serial, code, course, dates, status and status index,
    so the public check answers "issued to a person whose personal data has been erased" and the
    Open Badges credential is rebuilt without the salted hash of the holder's e-mail. The row is
    locked as in store_pdf, so a PDF being stored meanwhile is deleted too.
    """
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    now = timezone.now()
    Certificate.objects.filter(pk=locked.pk).update(
        enrolment=None,
        holder_name="",
        holder_last_name="",
        subject_hash="",
        subject_salt="",
        pdf="",
        holder_erased_at=now,
        updated_at=now,
    )
    if locked.pdf:
        storage, name = locked.pdf.storage, locked.pdf.name
        transaction.on_commit(lambda: storage.delete(name))


def erase_personal_data(user) -> None:
    """Erasure keeps the holder's certificates without their name (see erase_holder)."""
    for certificate in Certificate.objects.filter(enrolment__learner=user):
        erase_holder(certificate=certificate)


def erase_holder_of_deleted_enrolment(sender, *, instance: Enrolment, **kwargs) -> None:
    """Receiver of pre_delete for Enrolment: an enrolment deleted any other way (a user deleted
    in the admin, say) erases its certificate's holder too, before the link is set to NULL."""
    certificate = Certificate.objects.filter(enrolment_id=instance.pk).first()
    if certificate is not None:
        erase_holder(certificate=certificate)


def dashboard_url(*, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_BASE_URL}{reverse('enrolments:dashboard')}"


def holder_page_url(certificate: Certificate, *, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_BASE_URL}{reverse('certificates:detail', kwargs={'enrolment_id': certificate.enrolment_id})}"


def _send_holder_email(*, certificate: Certificate, template: str, extra: dict[str, Any] | None = None) -> None:
    """E-mail the holder, in the certificate's language, from `template`_subject.txt, .txt and .html."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    learner = certificate.enrolment.learner
    language = certificate.language
    with translation.override(language):
        context = {
            "learner": learner,
            "certificate": certificate,
            "course_title": certificate.course_title,
            "certificate_url": holder_page_url(certificate, language=language),
            "dashboard_url": dashboard_url(language=language),
            "verification_url": verification_url(certificate, language=language),
            "contact_email": settings.CONTACT_EMAIL,
            **(extra or {}),
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body=render_to_string(f"{template}.txt", context),
            to=[learner.email],
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
        message.send()


def send_certificate_email(*, certificate: Certificate) -> None:
    """Tell the holder, in their language, that the certificate is ready (text and HTML)."""
    _send_holder_email(certificate=certificate, template="certificates/email/certificate_issued")


def send_revocation_email(*, certificate: Certificate) -> None:
    """Tell the holder that the certificate was revoked, and why; or, once reinstated, that it is valid again."""
    if certificate.is_revoked:
        _send_holder_email(
            certificate=certificate,
            template="certificates/email/certificate_revoked",
            extra={"revoked_on": timezone.localdate(certificate.revoked_at)},
        )
    else:
        _send_holder_email(certificate=certificate, template="certificates/email/certificate_reinstated")
