"""Every write of quiz state (start, submit, erase) and the reads the quiz pages need.

Invariants: an attempt is graded on the server against the revision it
stores; only an attempt in state "started" can be graded, under a row lock and a
conditional update, so a double submit records one graded attempt; bad or tampered
input raises QuizError and writes nothing.
"""

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import Revision

from courses.reachability import is_reachable
from enrolments.models import Enrolment
from enrolments.services import EnrolmentError, complete_step, course_of_step, source_page

from .grading import GradingError, grade
from .models import QuizAttempt, QuizCounting, QuizFeedback, QuizPage
from .questions import choice_ids, gradable_questions

GRADING_MESSAGES = {
    "question_not_drawn": _("The answers include a question that is not part of this attempt. Nothing was saved."),
    "unknown_question": _("This attempt refers to a question that no longer exists. Nothing was saved."),
    "unknown_choice": _("The answers include a choice that does not belong to its question. Nothing was saved."),
    "too_many_choices": _("Choose only one answer for a single-choice question. Nothing was saved."),
}


class QuizError(ValidationError):
    """A quiz action that cannot be carried out; the message is for the learner."""


def attempts_used_message(limit: int) -> str:
    return ngettext(
        "You have used your only attempt at this quiz.",
        "You have used all %(limit)s attempts at this quiz.",
        limit,
    ) % {"limit": limit}


def _format_time(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def start_blocker(
    *, quiz: QuizPage, graded_count: int, last_submitted_at: datetime | None, now: datetime
) -> tuple[str | None, datetime | None]:
    """Why a new attempt cannot start now (a message) and when it opens, or (None, None)."""
    if quiz.attempt_limit and graded_count >= quiz.attempt_limit:
        message = attempts_used_message(quiz.attempt_limit)
        return str(message), None
    if quiz.wait_minutes and last_submitted_at is not None:
        opens_at = last_submitted_at + timedelta(minutes=quiz.wait_minutes)
        if opens_at > now:
            message = _("You can start a new attempt at %(time)s.") % {"time": _format_time(opens_at)}
            return str(message), opens_at
    return None, None


def shown_revision(quiz: QuizPage) -> Revision:
    """The live revision of the quiz page in the language shown (an alias shows its source's)."""
    page = (
        QuizPage.objects.select_related("live_revision").only("pk", "live_revision").get(pk=quiz.alias_of_id or quiz.pk)
    )
    if page.live_revision is None:
        raise QuizError(_("This quiz is not published."))
    return page.live_revision


def draw_questions(content: QuizPage, rng: random.Random) -> list[dict[str, Any]]:
    """The questions of one attempt and the order of their choices: [{id, choices}]."""
    choices = choice_ids(content.questions)
    question_ids = list(choices)
    if content.draw_count and content.draw_count < len(question_ids):
        picked = set(rng.sample(question_ids, content.draw_count))
        question_ids = [question_id for question_id in question_ids if question_id in picked]
    if content.shuffle:
        rng.shuffle(question_ids)
    drawn = []
    for question_id in question_ids:
        order = list(choices[question_id])
        if content.shuffle:
            rng.shuffle(order)
        drawn.append({"id": question_id, "choices": order})
    return drawn


@transaction.atomic
def start_attempt(*, learner, quiz: QuizPage, rng: random.Random | None = None) -> tuple[QuizAttempt, bool]:
    """Start an attempt at `quiz` (the page in the language shown); returns (attempt, created).

    An open attempt is returned as it is. The attempt limit and the wait between attempts
    of the Swedish source page apply; the questions come from the live revision shown. The quiz
    must be reachable (it and its module and course live) in the language shown and in Swedish.
    """
    source = source_page(quiz)
    if not is_reachable(source) or (quiz.pk != source.pk and not is_reachable(quiz)):
        raise QuizError(_("This quiz is not published."))
    enrolment = Enrolment.objects.select_for_update().filter(learner=learner, course=course_of_step(source)).first()
    if enrolment is None:
        raise QuizError(_("Enrol on the course before you take the quiz."))
    attempts = list(QuizAttempt.objects.filter(learner=learner, quiz=source).order_by("-number"))
    open_attempt = next((attempt for attempt in attempts if attempt.is_open), None)
    if open_attempt is not None:
        return open_attempt, False
    last = attempts[0] if attempts else None
    blocker, _opens_at = start_blocker(
        quiz=source,
        graded_count=len(attempts),
        last_submitted_at=last.submitted_at if last else None,
        now=timezone.now(),
    )
    if blocker:
        raise QuizError(blocker)
    revision = shown_revision(quiz)
    content = revision.as_object()
    drawn = draw_questions(content, rng or random.SystemRandom())
    if not drawn:
        raise QuizError(_("This quiz has no questions yet."))
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                learner=learner,
                quiz=source,
                revision=revision,
                number=(last.number if last else 0) + 1,
                questions=drawn,
            )
    except IntegrityError:
        # A concurrent start (double click) won; resume its attempt.
        return QuizAttempt.objects.open().get(learner=learner, quiz=source), False
    return attempt, True


@transaction.atomic
def submit_attempt(
    *, learner, attempt: QuizAttempt, answers: Mapping[str, Collection[str]]
) -> tuple[QuizAttempt, bool]:
    """Grade `attempt` with `answers` ({question id: [choice ids]}); returns (attempt, graded_now).

    Grading happens once: a second submit (double click, replay, another tab) returns the
    already graded attempt unchanged. Passing completes the quiz step for the learner. A quiz
    withdrawn since the attempt started (no longer reachable) grades nothing.
    """
    locked = (
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "revision")
        .filter(pk=attempt.pk, learner=learner)
        .first()
    )
    if locked is None:
        raise QuizError(_("This attempt is not yours."))
    if not locked.is_open:
        return locked, False
    source = locked.quiz
    if not is_reachable(source):
        raise QuizError(_("This quiz has been withdrawn. Your answers were not submitted."))
    if source.attempt_limit and locked.number > source.attempt_limit:
        raise QuizError(attempts_used_message(source.attempt_limit))
    content = locked.revision.as_object()
    try:
        result = grade(
            gradable_questions(content.questions),
            [item["id"] for item in locked.questions],
            {str(key): [str(choice) for choice in value] for key, value in answers.items()},
        )
    except GradingError as error:
        raise QuizError(GRADING_MESSAGES[error.code], code=error.code) from error
    passed = result.passes(content.pass_mark)
    now = timezone.now()
    results = [
        {
            "id": item.question_id,
            "chosen": list(item.chosen),
            "points": str(item.points),
            "max": str(item.max_points),
            "correct": item.correct,
        }
        for item in result.results
    ]
    graded_now = (
        QuizAttempt.objects.filter(pk=locked.pk, state=QuizAttempt.State.STARTED).update(
            state=QuizAttempt.State.GRADED,
            answers={item.question_id: list(item.chosen) for item in result.results if item.chosen},
            results=results,
            score=result.score,
            max_score=result.max_score,
            percent=result.percent,
            passed=passed,
            submitted_at=now,
            updated_at=now,
        )
        == 1
    )
    if graded_now and passed:
        try:
            with transaction.atomic():
                complete_step(learner=learner, step=source)
        except EnrolmentError:
            # No longer enrolled: the graded attempt stands; progress needs an enrolment.
            pass
    locked.refresh_from_db()
    return locked, graded_now


@dataclass
class QuizOverview:
    """What the quiz page shows a learner: attempts, the one that counts, whether they may start."""

    attempts: list[QuizAttempt] = field(default_factory=list)
    open_attempt: QuizAttempt | None = None
    counting: QuizAttempt | None = None
    blocker: str | None = None
    opens_at: datetime | None = None
    attempts_left: int | None = None

    @property
    def has_passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)


def counting_attempt(attempts: list[QuizAttempt], counting: str) -> QuizAttempt | None:
    graded = [attempt for attempt in attempts if not attempt.is_open]
    if not graded:
        return None
    if counting == QuizCounting.LATEST:
        return max(graded, key=lambda attempt: attempt.number)
    return max(graded, key=lambda attempt: (attempt.percent, -attempt.number))


def quiz_overview(*, quiz: QuizPage, user, now: datetime | None = None) -> QuizOverview:
    """Read-only: never writes. Two queries or so."""
    if not user.is_authenticated:
        return QuizOverview()
    source = source_page(quiz)
    attempts = list(QuizAttempt.objects.filter(learner=user, quiz=source).order_by("-number"))
    graded = [attempt for attempt in attempts if not attempt.is_open]
    open_attempt = next((attempt for attempt in attempts if attempt.is_open), None)
    blocker, opens_at = (None, None)
    if open_attempt is None:
        blocker, opens_at = start_blocker(
            quiz=source,
            graded_count=len(graded),
            last_submitted_at=graded[0].submitted_at if graded else None,
            now=now or timezone.now(),
        )
    return QuizOverview(
        attempts=graded,
        open_attempt=open_attempt,
        counting=counting_attempt(graded, source.counting),
        blocker=blocker,
        opens_at=opens_at,
        attempts_left=max(0, source.attempt_limit - len(graded)) if source.attempt_limit else None,
    )


def shows_feedback(*, feedback: str, attempt: QuizAttempt) -> bool:
    if feedback == QuizFeedback.AFTER_ATTEMPT:
        return True
    if feedback == QuizFeedback.AFTER_PASS:
        return bool(attempt.passed)
    return False


def export_personal_data(user) -> list[dict[str, Any]]:
    attempts = QuizAttempt.objects.filter(learner=user).select_related("quiz").order_by("quiz_id", "number")
    return [
        {
            "quiz": attempt.quiz.title,
            "number": attempt.number,
            "state": attempt.state,
            "started_at": attempt.started_at.isoformat(),
            "submitted_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
            "answers": attempt.answers,
            "score": str(attempt.score) if attempt.score is not None else None,
            "max_score": str(attempt.max_score) if attempt.max_score is not None else None,
            "percent": str(attempt.percent) if attempt.percent is not None else None,
            "passed": attempt.passed,
        }
        for attempt in attempts
    ]


def erase_personal_data(user) -> None:
    QuizAttempt.objects.filter(learner=user).delete()
