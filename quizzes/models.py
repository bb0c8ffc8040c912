from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import RICH_TEXT_FEATURES
from courses.models import StepPage

from .blocks import QuizQuestionStreamBlock
from .questions import learner_questions, question_blocks


class QuizFeedback(models.TextChoices):
    AFTER_ATTEMPT = "after_attempt", _("After each attempt")
    AFTER_PASS = "after_pass", _("Only after passing")
    NEVER = "never", _("Never")


class QuizCounting(models.TextChoices):
    BEST = "best", _("The best attempt")
    LATEST = "latest", _("The latest attempt")


class QuizPage(StepPage):
    """A graded quiz, a step of a module. Attempts are graded on the page revision they showed."""

    step_kind = "quiz"

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of the points needed to pass, 0–100."),
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempt limit"), default=0, help_text=_("How many attempts a learner gets; 0 means unlimited.")
    )
    wait_minutes = models.PositiveIntegerField(
        _("wait between attempts (minutes)"), default=10, help_text=_("0 means a new attempt can start at once.")
    )
    shuffle = models.BooleanField(_("shuffle questions and answers"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        default=7,
        help_text=_(
            "Draw this many questions at random for each attempt, from a larger pool (10–14 questions "
            "work well); 0 means all questions."
        ),
    )
    feedback = models.CharField(
        _("show feedback"), max_length=20, choices=QuizFeedback.choices, default=QuizFeedback.AFTER_PASS
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
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # Editors see every question as a learner would, read-only; nothing is recorded.
            context["preview_questions"] = learner_questions(
                self.questions, [{"id": question_id} for question_id in question_blocks(self.questions)]
            )
        return context


class QuizAttemptQuerySet(models.QuerySet):
    def for_learner(self, user) -> "QuizAttemptQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(learner=user)

    def graded(self) -> "QuizAttemptQuerySet":
        return self.filter(state=QuizAttempt.State.GRADED)

    def open(self) -> "QuizAttemptQuerySet":
        return self.filter(state=QuizAttempt.State.STARTED)


class QuizAttempt(models.Model):
    """One attempt at a quiz by one learner.

    Points at the Swedish source QuizPage (so it counts in every language) and at the exact
    revision the learner was shown (protected from deletion): grading always uses that
    revision, so publishing a changed quiz never changes a past or running attempt.
    """

    class State(models.TextChoices):
        STARTED = "started", _("Started")
        GRADED = "graded", _("Graded")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("learner")
    )
    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz"))
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, related_name="+", verbose_name=_("revision shown")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.STARTED)
    questions = models.JSONField(
        _("questions drawn"), default=list, help_text=_("[{id, choices: [choice ids]}] in the order shown.")
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    results = models.JSONField(_("points per question"), default=list, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = QuizAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        # Aggregate results (attempts, pass rate, how many chose each answer) name no learner;
        # view_quizattempt is for reports that do.
        permissions = [("view_item_analysis", _("Can view quiz results in aggregate"))]
        constraints = [
            models.UniqueConstraint(fields=["learner", "quiz", "number"], name="quizzes_quizattempt_unique_number"),
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=Q(state="started"),
                name="quizzes_quizattempt_one_open_per_quiz",
            ),
            models.CheckConstraint(
                condition=(Q(state="started", submitted_at__isnull=True, score__isnull=True))
                | (Q(state="graded", submitted_at__isnull=False, score__isnull=False, passed__isnull=False)),
                name="quizzes_quizattempt_graded_has_score",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="quizzes_quizattempt_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.quiz_id} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.STARTED
