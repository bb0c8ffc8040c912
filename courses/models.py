"""Page types editors author. Pages describe and render content; learner state lives in
enrolments/ and points at the Swedish source page of each step."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from enrolments.models import CompletionRulesPanel

from .blocks import RICH_TEXT_FEATURES, InformationStreamBlock, LessonStreamBlock, QuizQuestionStreamBlock
from .reachability import is_reachable


class HomePage(Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(InformationStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "courses.InformationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only courses whose course index is published too: Wagtail leaves children live when a parent is unpublished.
        in_live_index = Q(pk__in=[])
        for index_path in CourseIndexPage.objects.live().child_of(self).values_list("path", flat=True):
            in_live_index |= Q(path__startswith=index_path)
        context["courses"] = (
            CoursePage.objects.live()
            .public()
            .filter(in_live_index, depth=self.depth + 2)
            .defer_streamfields()
            .order_by("path")
        )
        return context


class InformationPage(Page):
    """About, privacy, accessibility statement and other plain pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(InformationStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.HomePage", "courses.InformationPage"]
    subpage_types = ["courses.InformationPage"]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")
        verbose_name_plural = _("course indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().public().child_of(self).defer_streamfields()
        return context


class CoursePage(Page):
    summary = models.TextField(_("summary"), help_text=_("One or two sentences shown in course lists."))
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    audience = models.CharField(_("who it is for"), max_length=250, blank=True)
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("audience"),
        FieldPanel("estimated_hours"),
        CompletionRulesPanel(
            "completion_rules",
            label=_("Completion rules"),
            help_text=_("Without page rules every lesson, quiz and assignment of the course is required."),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("description")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from enrolments.progress import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(self, request.user)
        return context


class ModulePage(Page):
    summary = models.TextField(_("summary"), blank=True)
    objectives = RichTextField(_("learning objectives"), features=["ul", "ol", "bold", "italic"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("objectives")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        # A module has no page of its own: it is a section of the course page.
        return redirect(f"{self.get_parent().get_url(request)}#module-{self.pk}")


class StepPage(Page):
    """A page a learner works through and completes: lessons now; quizzes and assignments later."""

    step_kind = "step"
    summary = models.TextField(_("summary"), blank=True, help_text=_("What the learner will get out of this step."))

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from enrolments.progress import course_outline_for_step

        if not getattr(request, "is_preview", False) and not is_reachable(self):
            raise Http404
        context = super().get_context(request, *args, **kwargs)
        outline = course_outline_for_step(self, request.user)
        context["outline"] = outline
        context["previous_step"], context["next_step"] = outline.neighbours(self)
        context["current_step"] = outline.step_for(self)
        context["show_body"] = outline.is_enrolled or getattr(request, "is_preview", False)
        return context


class LessonPage(StepPage):
    step_kind = "lesson"
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), null=True, blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")


class QuizFeedback(models.TextChoices):
    AFTER_ATTEMPT = "after_attempt", _("After each attempt")
    AFTER_PASS = "after_pass", _("Only after passing")
    NEVER = "never", _("Never")


class QuizCounting(models.TextChoices):
    BEST = "best", _("The best attempt")
    LATEST = "latest", _("The latest attempt")


class QuizPage(StepPage):
    """A graded quiz. Learner attempts live in quizzes/ and are graded on the revision shown."""

    step_kind = "quiz"
    template = "quizzes/quiz_page.html"

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of the points needed to pass, 0–100."),
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempt limit"), default=0, help_text=_("How many attempts a learner gets; 0 means unlimited.")
    )
    wait_minutes = models.PositiveIntegerField(
        _("wait between attempts (minutes)"), default=0, help_text=_("0 means a new attempt can start at once.")
    )
    shuffle = models.BooleanField(_("shuffle questions and answers"), default=False)
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        default=0,
        help_text=_("Draw this many questions at random for each attempt; 0 means all questions."),
    )
    feedback = models.CharField(
        _("show feedback"), max_length=20, choices=QuizFeedback.choices, default=QuizFeedback.AFTER_ATTEMPT
    )
    counting = models.CharField(
        _("attempt that counts"), max_length=10, choices=QuizCounting.choices, default=QuizCounting.BEST
    )
    questions = StreamField(QuizQuestionStreamBlock(), verbose_name=_("questions"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempt_limit"),
                FieldPanel("wait_minutes"),
                FieldPanel("shuffle"),
                FieldPanel("draw_count"),
                FieldPanel("feedback"),
                FieldPanel("counting"),
            ],
            heading=_("Quiz rules"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("intro")]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def clean(self):
        super().clean()
        if self.draw_count and self.draw_count > len(self.questions):
            raise ValidationError(
                {
                    "draw_count": _("Draw at most as many questions as the quiz has (%(count)s).")
                    % {"count": len(self.questions)}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from quizzes.questions import learner_questions, question_blocks
        from quizzes.services import quiz_overview

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # Editors see every question as a learner would, read-only; nothing is recorded.
            context["preview_questions"] = learner_questions(
                self.questions, [{"id": question_id} for question_id in question_blocks(self.questions)]
            )
        elif context["outline"].is_enrolled:
            context["overview"] = quiz_overview(quiz=self, user=request.user)
        return context
