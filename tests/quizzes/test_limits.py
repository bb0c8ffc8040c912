from datetime import timedelta
from http import HTTPStatus

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from quizzes.models import QuizAttempt
from quizzes.services import QuizError, attempts_used_message, quiz_overview, start_attempt, submit_attempt
from tests.factories import build_quiz

from .helpers import correct_answers, wrong_answers


def take(learner, quiz):
    attempt, _created = start_attempt(learner=learner, quiz=quiz)
    return submit_attempt(learner=learner, attempt=attempt, answers=wrong_answers(attempt))[0]


def test_attempt_limit_stops_a_new_attempt(enrolled, course):
    quiz = build_quiz(course, attempt_limit=2)
    take(enrolled, quiz)
    take(enrolled, quiz)
    with translation.override("en"), pytest.raises(QuizError, match="used all 2 attempts"):
        start_attempt(learner=enrolled, quiz=quiz)
    assert QuizAttempt.objects.count() == 2


def test_attempt_over_the_limit_is_refused_through_the_site(quiz_client, enrolled, course):
    quiz = build_quiz(course, attempt_limit=1)
    take(enrolled, quiz)
    response = quiz_client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert QuizAttempt.objects.count() == 1
    with translation.override("sv"):
        expected = attempts_used_message(1)
    assert expected in response.content.decode()


def test_wait_between_attempts_says_when_the_next_attempt_opens(enrolled, course):
    quiz = build_quiz(course, wait_minutes=60)
    graded = take(enrolled, quiz)
    with pytest.raises(QuizError) as error:
        start_attempt(learner=enrolled, quiz=quiz)
    opens = timezone.localtime(graded.submitted_at + timedelta(minutes=60))
    assert opens.strftime("%H:%M") in error.value.message
    assert QuizAttempt.objects.count() == 1


def test_new_attempt_opens_once_the_wait_is_over(enrolled, course):
    quiz = build_quiz(course, wait_minutes=60)
    graded = take(enrolled, quiz)
    QuizAttempt.objects.filter(pk=graded.pk).update(submitted_at=timezone.now() - timedelta(minutes=61))
    _attempt, created = start_attempt(learner=enrolled, quiz=quiz)
    assert created


def test_quiz_page_shows_when_the_next_attempt_opens(quiz_client, enrolled, course):
    quiz = build_quiz(course, wait_minutes=60)
    take(enrolled, quiz)
    content = quiz_client.get(quiz.url).content.decode()
    assert reverse("quizzes:start", args=[quiz.pk]) not in content
    assert "message--warning" in content


def test_unlimited_quiz_allows_many_attempts(enrolled, quiz):
    for _ in range(4):
        take(enrolled, quiz)
    assert QuizAttempt.objects.graded().count() == 4
    assert list(QuizAttempt.objects.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]


def test_best_attempt_counts_by_default(quiz_client, enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    best, _graded = submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    take(enrolled, quiz)
    assert quiz_overview(quiz=quiz, user=enrolled).counting == best


def test_latest_attempt_counts_when_the_editor_says_so(enrolled, course):
    quiz = build_quiz(course, counting="latest")
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    latest = take(enrolled, quiz)
    assert quiz_overview(quiz=quiz, user=enrolled).counting == latest
