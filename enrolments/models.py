from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
