from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable


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


class CompletionRequirement(models.TextChoices):
    LESSON_DONE = "lesson_done", _("Lesson done")
    QUIZ_PASSED = "quiz_passed", _("Quiz passed")
    ASSIGNMENT_APPROVED = "assignment_approved", _("Assignment approved")
    MIN_DAYS = "min_days", _("Minimum days since enrolment")


# The `step_kind` of the page type each page requirement points at (see courses.models.StepPage).
REQUIRED_STEP_KIND = {
    CompletionRequirement.LESSON_DONE: "lesson",
    CompletionRequirement.QUIZ_PASSED: "quiz",
    CompletionRequirement.ASSIGNMENT_APPROVED: "assignment",
}


class StepChooserPanel(PageChooserPanel):
    """A page chooser offering the step page types that exist (quizzes and assignments arrive in other apps)."""

    def get_form_options(self):
        from courses.models import StepPage

        self.page_type = [
            model for model in apps.get_models() if issubclass(model, StepPage) and not model._meta.abstract
        ]
        return super().get_form_options()


class CompletionRuleFormSet(BaseChildFormSet):
    """Checks that each rule's page lies inside the course being edited (the form alone cannot know it)."""

    def clean(self):
        super().clean()
        outside = False
        for form in self.forms:
            page = getattr(form, "cleaned_data", {}).get("page")
            if page is None or form.cleaned_data.get("DELETE"):
                continue
            if not self.instance.pk or not page.is_descendant_of(self.instance):
                form.add_error("page", _("Choose a page inside this course."))
                outside = True
        if outside:
            raise ValidationError(_("Every completion rule must point at a page of this course."))


class CompletionRulesPanel(InlinePanel):
    """The completion rules of a course page, validated against the course."""

    def __init__(self, relation_name: str = "completion_rules", **kwargs):
        super().__init__(relation_name, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = CompletionRuleFormSet
        return options


class CompletionRule(Orderable):
    """One condition for completing a course, edited in the course page (saved with its revisions).

    A course without page rules requires every step; a "minimum days" rule adds a waiting time.
    Rules of the live Swedish course are the ones that count. A lesson is done, a quiz passed
    and an assignment approved when the learner has a StepProgress for that page.
    """

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="completion_rules", verbose_name=_("course")
    )
    requirement = models.CharField(
        _("requirement"),
        max_length=30,
        choices=CompletionRequirement.choices,
        default=CompletionRequirement.LESSON_DONE,
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("The lesson, quiz or assignment of this course that the requirement is about."),
    )
    min_days = models.PositiveSmallIntegerField(
        _("minimum days since enrolment"),
        null=True,
        blank=True,
        help_text=_("Only for the requirement “minimum days”."),
    )

    panels = [FieldPanel("requirement"), StepChooserPanel("page"), FieldPanel("min_days")]

    class Meta(Orderable.Meta):
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(requirement="min_days", page__isnull=True, min_days__isnull=False))
                | (~models.Q(requirement="min_days") & models.Q(page__isnull=False, min_days__isnull=True)),
                name="enrolments_completionrule_page_or_days",
            ),
        ]

    def __str__(self) -> str:
        if self.requirement == CompletionRequirement.MIN_DAYS:
            return f"{self.get_requirement_display()}: {self.min_days}"
        return f"{self.get_requirement_display()}: {self.page}"

    def clean(self) -> None:
        super().clean()
        if self.requirement == CompletionRequirement.MIN_DAYS:
            if self.min_days is None:
                raise ValidationError({"min_days": _("Give the number of days.")})
            if self.page_id is not None:
                raise ValidationError({"page": _("A minimum number of days is not about a page; leave it empty.")})
            return
        if self.min_days is not None:
            raise ValidationError({"min_days": _("Only the requirement “minimum days” takes a number of days.")})
        if self.page_id is None:
            raise ValidationError({"page": _("Choose the page this requirement is about.")})
        page = self.page.specific
        if getattr(page, "step_kind", None) != REQUIRED_STEP_KIND[self.requirement]:
            raise ValidationError({"page": _("This page is not of the kind the requirement asks for.")})
        course = getattr(self, "course", None) if self.course_id else None
        if course is not None and not page.is_descendant_of(course):
            raise ValidationError({"page": _("Choose a page inside this course.")})
