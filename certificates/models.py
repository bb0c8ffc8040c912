"""Certificates issued on completing a course, and the per-year counter behind their serials."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import learner_q, sees_everyone


def private_storage() -> FileSystemStorage:
    """Storage outside MEDIA_ROOT: its files are served only by views that check permissions."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class SerialCounter(models.Model):
    """The last serial number handed out in a year; locked while the next one is allocated."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["year"]
        verbose_name = _("serial counter")
        verbose_name_plural = _("serial counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CertificateQuerySet":
        """The holder sees their own certificates; certificate administrators those of the learners in
        their scope too (`accounts.scope`)."""
        if not user.is_authenticated:
            return self.none()
        if sees_everyone(user) and user.has_perm("certificates.revoke_certificate"):
            return self.all()
        if user.has_perm("certificates.revoke_certificate"):
            return self.filter(Q(enrolment__learner=user) | learner_q(user, "enrolment__learner__"))
        return self.filter(enrolment__learner=user)

    def in_scope_of(self, admin) -> "CertificateQuerySet":
        """Certificates of the learners in an administrator's scope (`accounts.scope`); certificates
        whose holder was erased have no learner and are seen only with a national scope."""
        return self.filter(learner_q(admin, "enrolment__learner__"))

    def with_details(self) -> "CertificateQuerySet":
        return self.select_related("enrolment__learner", "enrolment__course")


class Certificate(models.Model):
    """Proof that an enrolment was completed; issued exactly once per enrolment.

    It keeps its own record of what was certified, the holder's name and the course title at
    issue, so renaming oneself or the course never changes what the public check vouches for.
    Erasing the holder's personal data blanks the name and unlinks the enrolment; the row, its
    serial and its code stay, so the check still answers (without a name).
    """

    enrolment = models.OneToOneField(
        "enrolments.Enrolment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
        verbose_name=_("enrolment"),
    )
    holder_name = models.CharField(_("holder's name at issue"), max_length=301, blank=True)
    holder_last_name = models.CharField(_("holder's last name at issue"), max_length=150, blank=True)
    course_title = models.CharField(_("course title at issue"), max_length=255)
    holder_erased_at = models.DateTimeField(_("holder's personal data erased at"), null=True, blank=True)
    serial = models.CharField(_("serial"), max_length=20, unique=True, editable=False)
    verification_code = models.CharField(_("verification code"), max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="sv")
    completed_at = models.DateTimeField(_("completed at"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="certificates/", blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [("revoke_certificate", _("Can revoke and reinstate certificates"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(serial__regex=r"^SA-[0-9]{4}-[0-9]{6}$"), name="certificates_certificate_serial_format"
            ),
            models.CheckConstraint(
                condition=Q(enrolment__isnull=False, holder_erased_at__isnull=True)
                | Q(enrolment__isnull=True, holder_erased_at__isnull=False, holder_name="", holder_last_name=""),
                name="certificates_certificate_linked_or_erased",
            ),
        ]

    def __str__(self) -> str:
        return self.serial

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def status(self) -> str:
        return CertificateStatus.REVOKED if self.is_revoked else CertificateStatus.VALID

    def get_status_display(self) -> str:
        return CertificateStatus(self.status).label

    @property
    def holder_is_erased(self) -> bool:
        return self.holder_erased_at is not None
