from http import HTTPStatus

from django.urls import reverse

import pytest

from enrolments.models import StepProgress
from enrolments.services import enrol_learner
from quizzes.models import QuizAttempt
from quizzes.services import QuizError, start_attempt, submit_attempt
from tests.factories import UserFactory, build_quiz

from .helpers import as_post, correct_answers, wrong_answers


def test_viewing_the_quiz_page_never_writes(quiz_client, quiz):
    response = quiz_client.get(quiz.url)
    assert response.status_code == HTTPStatus.OK
    assert not QuizAttempt.objects.exists()


def test_viewing_an_attempt_never_writes(quiz_client, quiz, enrolled):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    before = QuizAttempt.objects.values().get()
    quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert QuizAttempt.objects.values().get() == before


def test_starting_is_a_post(quiz_client, quiz):
    response = quiz_client.get(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_starting_twice_resumes_the_open_attempt(enrolled, quiz):
    first, created = start_attempt(learner=enrolled, quiz=quiz)
    second, created_again = start_attempt(learner=enrolled, quiz=quiz)
    assert (created, created_again, first.pk) == (True, False, second.pk)


def test_learner_must_be_enrolled_to_start(learner, quiz):
    with pytest.raises(QuizError):
        start_attempt(learner=learner, quiz=quiz)


def test_attempt_stores_the_source_quiz_revision_and_drawn_questions(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    assert attempt.quiz_id == quiz.pk
    assert attempt.revision_id == quiz.live_revision_id
    assert [item["id"] for item in attempt.questions] == ["q0", "q1", "q2"]
    assert attempt.questions[0]["choices"] == ["q0-c0", "q0-c1", "q0-c2"]


def test_submitting_records_answers_points_and_score(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    answers = correct_answers(attempt)
    answers["q2"] = ["q2-c1"]
    attempt, graded_now = submit_attempt(learner=enrolled, attempt=attempt, answers=answers)
    assert graded_now
    assert attempt.answers == answers
    assert [item["points"] for item in attempt.results] == ["1", "1", "0.00"]
    assert (attempt.score, attempt.max_score, str(attempt.percent), attempt.passed) == (2, 3, "66.66", True)


def test_passing_completes_the_quiz_step(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    assert StepProgress.objects.filter(enrolment__learner=enrolled, step=quiz).exists()


def test_failing_does_not_complete_the_quiz_step(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    attempt, _graded = submit_attempt(learner=enrolled, attempt=attempt, answers=wrong_answers(attempt))
    assert attempt.passed is False
    assert not StepProgress.objects.filter(step=quiz).exists()


def test_submitting_twice_records_one_graded_attempt(quiz_client, enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    url = reverse("quizzes:submit", args=[attempt.pk])
    quiz_client.post(url, as_post(correct_answers(attempt)))
    quiz_client.post(url, as_post(wrong_answers(attempt)))
    graded = QuizAttempt.objects.get()
    assert (graded.state, graded.passed, graded.answers) == ("graded", True, correct_answers(attempt))


def test_replayed_submit_returns_the_graded_attempt_unchanged(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    first, graded_now = submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    again, graded_again = submit_attempt(learner=enrolled, attempt=attempt, answers=wrong_answers(attempt))
    assert (graded_now, graded_again) == (True, False)
    assert (again.score, again.submitted_at) == (first.score, first.submitted_at)


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda answers: {**answers, "q0": ["q1-c0"]}, id="choice-from-another-question"),
        pytest.param(lambda answers: {**answers, "q0": ["made-up"]}, id="unknown-choice"),
        pytest.param(lambda answers: {**answers, "q9": ["q9-c0"]}, id="question-not-drawn"),
        pytest.param(lambda answers: {**answers, "q0": ["q0-c0", "q0-c1"]}, id="two-choices-single-question"),
    ],
)
def test_tampered_answers_are_rejected_and_write_nothing(quiz_client, enrolled, quiz, tamper):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    before = QuizAttempt.objects.values().get()
    response = quiz_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), as_post(tamper(correct_answers(attempt))), follow=True
    )
    assert QuizAttempt.objects.values().get() == before
    assert not StepProgress.objects.exists()
    assert "Nothing was saved" in response.content.decode() or "Inget sparades" in response.content.decode()


def test_tampered_answers_raise_a_quiz_error(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    with pytest.raises(QuizError) as error:
        submit_attempt(learner=enrolled, attempt=attempt, answers={"q0": ["q1-c0"]})
    assert error.value.code == "unknown_choice"


def test_another_learners_attempt_is_not_found(client, quiz, course):
    owner = UserFactory()
    enrol_learner(learner=owner, course=course)
    attempt, _created = start_attempt(learner=owner, quiz=quiz)
    intruder = UserFactory()
    client.force_login(intruder)
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == HTTPStatus.NOT_FOUND
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert QuizAttempt.objects.get().is_open


def test_service_refuses_another_learners_attempt(quiz, course, enrolled):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    with pytest.raises(QuizError):
        submit_attempt(learner=UserFactory(), attempt=attempt, answers=correct_answers(attempt))
    assert QuizAttempt.objects.get().is_open


def test_attempt_over_the_limit_cannot_be_graded(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    QuizAttempt.objects.filter(pk=attempt.pk).update(number=2)
    quiz.attempt_limit = 1
    quiz.save_revision().publish()
    with pytest.raises(QuizError):
        submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    assert QuizAttempt.objects.get().is_open


def test_unanswered_submission_is_graded_as_zero(enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    attempt, _graded = submit_attempt(learner=enrolled, attempt=attempt, answers={})
    assert (attempt.score, attempt.passed) == (0, False)


def test_drawing_picks_the_configured_number_of_questions(enrolled, course):
    quiz = build_quiz(course, draw_count=2, shuffle=True)
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    assert len(attempt.questions) == 2
    assert {item["id"] for item in attempt.questions} <= {"q0", "q1", "q2"}


def test_attempt_is_graded_even_if_the_learner_left_the_course(enrolled, quiz):
    from enrolments.models import Enrolment

    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    Enrolment.objects.filter(learner=enrolled).delete()
    attempt, graded_now = submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    assert (graded_now, attempt.passed) == (True, True)
    assert not StepProgress.objects.exists()
