import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CohortQuerySet(models.QuerySet):
    def open_on(self, day) -> "CohortQuerySet":
        """Cohorts a learner may join on `day`: started, and not ended."""
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Cohort(models.Model):
    """A group of learners taking a course together, run by an administrator.

    Each course may have one default cohort: one-click enrolment joins it while it is open.
    With an enrolment key, a learner who knows the key can join it themselves.
    """

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("course")
    )
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    enrolment_key = models.CharField(
        _("enrolment key"),
        max_length=40,
        blank=True,
        help_text=_("Optional. Learners who are given this key can join the cohort themselves."),
    )
    is_default = models.BooleanField(
        _("default cohort of the course"),
        default=False,
        help_text=_("Learners who enrol with one click join this cohort while it is open."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(
                fields=["course"], condition=Q(is_default=True), name="enrolments_cohort_one_default_per_course"
            ),
            models.UniqueConstraint(
                fields=["enrolment_key"], condition=~Q(enrolment_key=""), name="enrolments_cohort_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="enrolments_cohort_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.pk and self.enrolments.exists():
            original_course = Cohort.objects.filter(pk=self.pk).values_list("course_id", flat=True).first()
            if original_course != self.course_id:
                raise ValidationError(
                    {"course": _("Learners are enrolled in this cohort; its course can no longer change.")}
                )

    def is_open_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


class CohortInvitation(models.Model):
    """An e-mail address without an account, added to a cohort: signing up with it enrols them."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("cohort"))
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("cohort invitation")
        verbose_name_plural = _("cohort invitations")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "email"], name="enrolments_cohortinvitation_once_per_cohort"),
        ]
        indexes = [models.Index(fields=["email"], name="enrolments_invitation_email")]

    def __str__(self) -> str:
        return f"{self.email} – {self.cohort}"


class EnrolmentQuerySet(models.QuerySet):
    def for_learner(self, user) -> "EnrolmentQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(learner=user)


class Enrolment(models.Model):
    """A learner taking a course. Points at the Swedish source CoursePage, so it counts in every language."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("learner")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("course")
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("cohort"),
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="enrolments_enrolment_one_per_course"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course_id}"


class StepProgress(models.Model):
    """A step (lesson, passed quiz, …) a learner has completed; recorded once."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="step_progress", verbose_name=_("enrolment")
    )
    step = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("step"))
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        ordering = ["completed_at", "pk"]
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "step"], name="enrolments_stepprogress_once_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.step_id}"


class PairQuerySet(models.QuerySet):
    def of_learner(self, user) -> "PairQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(first=user) | models.Q(second=user))


class Pair(models.Model):
    """A municipal coordinator and the police coordinator serving the same municipality, working a
    course together (they answer its workbook assignments jointly). A learner is in at most one pair
    per course; `services.form_pair` keeps that under row locks on both enrolments."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="pairs", verbose_name=_("course")
    )
    first = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("first member")
    )
    second = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("second member")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [
            models.UniqueConstraint(fields=["course", "first"], name="enrolments_pair_first_once_per_course"),
            models.UniqueConstraint(fields=["course", "second"], name="enrolments_pair_second_once_per_course"),
            models.CheckConstraint(condition=~models.Q(first=models.F("second")), name="enrolments_pair_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.first} + {self.second}"

    @property
    def members(self) -> list:
        return [self.first, self.second]

    def partner_of(self, user):
        return self.second if self.first_id == user.pk else self.first


class PairInvitation(models.Model):
    """One learner asking another, by e-mail address, to work a course as a pair."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="pair_invitations", verbose_name=_("course")
    )
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("inviter")
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("invitee")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("pair invitation")
        verbose_name_plural = _("pair invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "inviter", "invitee"], name="enrolments_pairinvitation_once_per_course"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inviter} → {self.invitee}"
