from accounts import personal_data
from quizzes.models import QuizAttempt
from quizzes.services import start_attempt, submit_attempt

from .helpers import correct_answers


def test_personal_data_export_includes_quiz_attempts(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    exported = personal_data.export_personal_data(enrolled)["quizzes"]
    assert [(row["quiz"], row["number"], row["passed"]) for row in exported] == [(quiz.title, 1, True)]


def test_erasing_personal_data_removes_quiz_attempts(enrolled, quiz):
    start_attempt(learner=enrolled, quiz=quiz)
    personal_data.erase_personal_data(enrolled)
    assert not QuizAttempt.objects.exists()
