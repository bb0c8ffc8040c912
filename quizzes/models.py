from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz")
    )
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
