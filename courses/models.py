"""Page types editors author, and the completion rules of a course. Pages describe and render
content; learner state lives in the learner apps, which point at the Swedish source pages and
reach templates through their own template tags."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, InformationStreamBlock, LessonStreamBlock
from .panels import CompletionRulesPanel, StepChooserPanel


class SitePage(Page):
    """What every page type of the site shares."""

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, an alias answering with its source's,
        exactly as Wagtail finds them, but in two queries at any depth (Wagtail loads each alias's
        source one by one: five more queries for an English lesson)."""
        rows = Page.objects.ancestor_of(self, inclusive=True).values_list("pk", "alias_of", "alias_of__alias_of")
        page_ids = set()
        sources = set()
        for pk, source, source_of_source in rows:
            if source is None:
                page_ids.add(pk)
            elif source_of_source is None:
                page_ids.add(source)
            else:
                sources.add(source_of_source)
        while sources:
            resolved = dict(Page.objects.filter(pk__in=sources).values_list("pk", "alias_of"))
            page_ids.update(pk for pk, source in resolved.items() if source is None)
            sources = {source for source in resolved.values() if source is not None}
        return PageViewRestriction.objects.filter(page_id__in=page_ids)


class HomePage(SitePage):
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

    def route(self, request, path_components):
        """Find the page at the rest of the path in one query (by url_path), where Wagtail asks two
        per level (five levels down to a lesson). The page found is routed as Wagtail would (its
        own `route`, which answers 404 unless it is live), with its parents cached on it; a path
        this does not find is left to Wagtail's walk (its 404 or a page's custom route)."""
        if not path_components:
            return super().route(request, path_components)
        url_paths = [f"{self.url_path}{'/'.join(path_components[:end])}/" for end in range(1, len(path_components) + 1)]
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                slug__in=path_components, url_path__in=url_paths, path__startswith=self.path
            )
        }
        parent = self
        for url_path in url_paths:
            page = found.get(url_path)
            if page is None or page.path[: -Page.steplen] != parent.path:
                return super().route(request, path_components)
            page._cached_parent_obj = parent
            parent = page
        target = parent.specific
        target._cached_parent_obj = parent._cached_parent_obj
        return target.route(request, [])

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


class InformationPage(SitePage):
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


class CourseIndexPage(SitePage):
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


class CoursePage(SitePage):
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


class ModulePage(SitePage):
    """A section of a course. The step types that may live under it name it as their parent."""

    summary = models.TextField(_("summary"), blank=True)
    objectives = RichTextField(_("learning objectives"), features=["ul", "ol", "bold", "italic"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("objectives")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: it is a section of the course page.
        return redirect(f"{self.get_parent().get_url(request)}#module-{self.pk}")


class StepPage(SitePage):
    """A page a learner works through and completes. Each step type (a lesson here; quizzes and
    assignments in their own apps) sets `step_kind`, the kind a completion rule asks for. Serving
    a step that is not reachable answers 404 (courses.wagtail_hooks)."""

    step_kind = "step"
    summary = models.TextField(_("summary"), blank=True, help_text=_("What the learner will get out of this step."))

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True


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


def step_page_models() -> list[type[StepPage]]:
    """The concrete step page types, whichever app defines them."""
    return [model for model in apps.get_models() if issubclass(model, StepPage)]


class CompletionRequirement(models.TextChoices):
    LESSON_DONE = "lesson_done", _("Lesson done")
    QUIZ_PASSED = "quiz_passed", _("Quiz passed")
    ASSIGNMENT_APPROVED = "assignment_approved", _("Assignment approved")
    MIN_DAYS = "min_days", _("Minimum days since enrolment")


# The `step_kind` of the page type each page requirement points at.
REQUIRED_STEP_KIND = {
    CompletionRequirement.LESSON_DONE: "lesson",
    CompletionRequirement.QUIZ_PASSED: "quiz",
    CompletionRequirement.ASSIGNMENT_APPROVED: "assignment",
}


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
                name="courses_completionrule_page_or_days",
            ),
        ]

    def __str__(self) -> str:
        if self.requirement == CompletionRequirement.MIN_DAYS:
            return f"{self.get_requirement_display()}: {self.min_days}"
        return f"{self.get_requirement_display()}: {self.page}"

    @staticmethod
    def step_page_models() -> list[type[StepPage]]:
        return step_page_models()

    @staticmethod
    def requirement_choices() -> list[tuple[str, str]]:
        """The requirements an editor can choose: "minimum days", and each page requirement whose
        page type exists (no "assignment approved" before there is an assignment page type)."""
        kinds = {model.step_kind for model in step_page_models()}
        return [
            (value, label)
            for value, label in CompletionRequirement.choices
            if value == CompletionRequirement.MIN_DAYS or REQUIRED_STEP_KIND[value] in kinds
        ]

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


class ImportedPage(models.Model):
    """What `load_training` last wrote to a page: the hash of the content it came from and the
    revision the import made. A page whose latest revision is another is an editor's work."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    source = models.CharField(_("source file"), max_length=255)
    content_hash = models.CharField(_("content hash"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision made by the import"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["source"]
        verbose_name = _("imported page")
        verbose_name_plural = _("imported pages")

    def __str__(self) -> str:
        return self.source
