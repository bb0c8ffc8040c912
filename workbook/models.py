"""The assignment page type and the learners' answers to it: versioned, shared by a pair,
reviewed by a course leader, and compiled into the situation picture and action plan document."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.scope import learner_q, sees_everyone
from courses.blocks import RICH_TEXT_FEATURES
from courses.models import StepPage

from .blocks import AnswerFieldStreamBlock


def private_storage() -> FileSystemStorage:
    """Storage outside MEDIA_ROOT: its files are served only by views that check permissions."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class AssignmentPage(StepPage):
    """A workbook assignment, a step of a module: a prompt, guidance and the named fields to fill in."""

    step_kind = "assignment"

    prompt = RichTextField(_("prompt"), features=RICH_TEXT_FEATURES)
    guidance = RichTextField(_("guidance"), features=RICH_TEXT_FEATURES, blank=True)
    fields = StreamField(AnswerFieldStreamBlock(), verbose_name=_("answer fields"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("prompt"),
        FieldPanel("guidance"),
        FieldPanel("fields"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("prompt")]

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def field_definitions(self) -> list[dict]:
        """[{id, label, help_text, rows}] in the editor's order."""
        return [
            {
                "id": child.id,
                "label": child.value["label"],
                "help_text": child.value["help_text"],
                "rows": child.value["rows"],
            }
            for child in self.fields
        ]


def _in_scope(user) -> Q:
    """Rows whose learner, or either member of whose pair, is in `user`'s administrator scope."""
    if sees_everyone(user):
        return Q()
    return learner_q(user, "learner__") | learner_q(user, "pair__first__") | learner_q(user, "pair__second__")


class AnswerState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVISION = "revision", _("Revision requested")
    APPROVED = "approved", _("Approved")


class AnswerQuerySet(models.QuerySet):
    def of_author(self, user) -> "AnswerQuerySet":
        """Answers `user` writes: their own, and their pairs' joint answers."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(learner=user) | Q(pair__first=user) | Q(pair__second=user))

    def reviewable_by(self, user) -> "AnswerQuerySet":
        """Answers a course leader may review: they need the permission, and the learner (or a member
        of the pair) must be in their administrator scope."""
        if not user.is_authenticated or not user.has_perm("workbook.review_answer"):
            return self.none()
        return self.filter(_in_scope(user))

    def visible_to(self, user) -> "AnswerQuerySet":
        if not user.is_authenticated:
            return self.none()
        return (self.of_author(user) | self.reviewable_by(user)).distinct()


class Answer(models.Model):
    """The answer of one learner, or of one pair jointly, to one assignment (its Swedish source page).

    `version` counts the saved versions; a save names the version it was based on and is refused
    when another save came first (optimistic locking), so two people never overwrite each other.
    """

    assignment = models.ForeignKey(
        AssignmentPage, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assignment")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="workbook_answers",
        verbose_name=_("learner"),
    )
    pair = models.ForeignKey(
        "enrolments.Pair",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workbook_answers",
        verbose_name=_("pair"),
    )
    state = models.CharField(_("state"), max_length=10, choices=AnswerState.choices, default=AnswerState.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=0)
    fields = models.JSONField(_("answer fields"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        permissions = [("review_answer", _("Can review workbook answers"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(learner__isnull=False, pair__isnull=True) | Q(learner__isnull=True, pair__isnull=False),
                name="workbook_answer_learner_or_pair",
            ),
            models.UniqueConstraint(
                fields=["assignment", "learner"],
                condition=Q(learner__isnull=False),
                name="workbook_answer_one_per_learner",
            ),
            models.UniqueConstraint(
                fields=["assignment", "pair"], condition=Q(pair__isnull=False), name="workbook_answer_one_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.learner or self.pair}"

    @property
    def authors(self) -> list:
        return self.pair.members if self.pair_id else [self.learner]

    @property
    def is_editable(self) -> bool:
        return self.state in (AnswerState.DRAFT, AnswerState.REVISION)


class AnswerVersion(models.Model):
    """One saved version of an answer, with who wrote it."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="versions", verbose_name=_("answer"))
    number = models.PositiveIntegerField(_("number"))
    fields = models.JSONField(_("answer fields"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    submitted = models.BooleanField(_("submitted with this version"), default=False)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["answer", "-number"]
        verbose_name = _("answer version")
        verbose_name_plural = _("answer versions")
        constraints = [
            models.UniqueConstraint(fields=["answer", "number"], name="workbook_answerversion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} v{self.number}"


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REVISION = "revision", _("Revision requested")


class AnswerReview(models.Model):
    """A course leader's decision on a submitted answer and the comment the learners see."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("answer"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(_("version reviewed"))
    created_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("answer review")
        verbose_name_plural = _("answer reviews")

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.decision}"


class WorkbookDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "WorkbookDocumentQuerySet":
        """Its authors, and the course leaders who may review their answers."""
        if not user.is_authenticated:
            return self.none()
        mine = Q(learner=user) | Q(pair__first=user) | Q(pair__second=user)
        if user.has_perm("workbook.review_answer"):
            if sees_everyone(user):
                return self.all()
            mine |= _in_scope(user)
        return self.filter(mine)


class WorkbookDocument(models.Model):
    """The compiled "Lägesbild och åtgärdsplan" of one learner or pair for one course, as PDF and .docx."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="workbook_documents",
        verbose_name=_("learner"),
    )
    pair = models.ForeignKey(
        "enrolments.Pair",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="workbook_documents",
        verbose_name=_("pair"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="sv")
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="workbook/", blank=True)
    docx = models.FileField(_("Word document"), storage=private_storage, upload_to="workbook/", blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkbookDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("workbook document")
        verbose_name_plural = _("workbook documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(learner__isnull=False, pair__isnull=True) | Q(learner__isnull=True, pair__isnull=False),
                name="workbook_workbookdocument_learner_or_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: {self.learner or self.pair}"

    @property
    def authors(self) -> list:
        return self.pair.members if self.pair_id else [self.learner]
