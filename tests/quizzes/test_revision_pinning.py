"""Invariant: an attempt is graded on the revision it was shown; later edits change nothing."""

import json

from django.db.models import ProtectedError

import pytest

from quizzes.services import start_attempt, submit_attempt
from tests.factories import quiz_question

from .helpers import correct_answers


def publish_with_second_choice_correct(quiz):
    """Publish a changed quiz: every question's correct answer moves from c0 to c1."""
    quiz.questions = json.dumps([quiz_question(index=index, correct=(1,)) for index in range(3)])
    quiz.save_revision().publish()


def test_attempt_started_before_a_change_is_graded_on_its_own_revision(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    shown = attempt.revision_id
    publish_with_second_choice_correct(quiz)
    attempt, _graded = submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    assert attempt.revision_id == shown
    assert (attempt.score, attempt.passed) == (3, True)


def test_publishing_a_changed_quiz_never_changes_a_past_result(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    graded, _graded_now = submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    publish_with_second_choice_correct(quiz)
    graded.refresh_from_db()
    assert (graded.score, graded.percent, graded.passed) == (3, 100, True)


def test_attempt_started_after_a_change_uses_the_new_revision(enrolled, quiz):
    publish_with_second_choice_correct(quiz)
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    attempt, _graded = submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    assert attempt.score == 0


def test_shown_revision_is_protected_from_deletion(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    with pytest.raises(ProtectedError):
        attempt.revision.delete()
