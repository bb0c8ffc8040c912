from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """A reminder e-mail sent to an inactive learner, at most one per enrolment and period.

    `due_at` is the end of the period of inactivity it was sent for (the last activity plus the
    course's reminder days, or a multiple of them): the unique constraint makes sending
    idempotent, so the command can run twice, or concurrently, and each period sends one.
    """

    enrolment = models.ForeignKey(
        "enrolments.Enrolment", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("enrolment")
    )
    due_at = models.DateTimeField(_("due at"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "due_at"], name="reports_reminder_once_per_period"),
        ]
        permissions = [("view_reports", _("Can view learner reports and export them"))]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.due_at:%Y-%m-%d}"


class ReportExport(models.Model):
    """One download of a report as a spreadsheet: the object its audit-log entry is about."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    report = models.CharField(_("report"), max_length=40)
    export_format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    filters = models.TextField(_("filters"), blank=True, help_text=_("The query string of the report, as filtered."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("exported by"),
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")

    def __str__(self) -> str:
        return f"{self.report} ({self.export_format})"
