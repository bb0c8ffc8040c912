"""Quiz pages and submitting issue the same number of queries for 10 or 50 questions."""

import json

from django.urls import reverse

import pytest

from quizzes.services import start_attempt, submit_attempt
from tests.factories import build_quiz, quiz_question

from .helpers import as_post, correct_answers

QUIZ_PAGE_QUERIES = 17
ATTEMPT_PAGE_QUERIES = 14
SUBMIT_QUERIES = 34


def many_questions(count: int) -> str:
    kinds = ["single_choice", "multiple_choice", "true_false", "scenario"]
    return json.dumps([quiz_question(kinds[index % 4], index=index) for index in range(count)])


@pytest.mark.parametrize("questions", [10, 50])
def test_quiz_page_queries_do_not_grow_with_questions_or_attempts(
    quiz_client, enrolled, course, questions, django_assert_max_num_queries
):
    quiz = build_quiz(course, questions=many_questions(questions))
    for _ in range(questions // 10):
        attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
        submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    quiz_client.get(quiz.url)
    with django_assert_max_num_queries(QUIZ_PAGE_QUERIES):
        quiz_client.get(quiz.url)


@pytest.mark.parametrize("questions", [10, 50])
def test_attempt_page_queries_do_not_grow_with_questions(
    quiz_client, enrolled, course, questions, django_assert_max_num_queries
):
    quiz = build_quiz(course, questions=many_questions(questions))
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    quiz_client.get(url)
    with django_assert_max_num_queries(ATTEMPT_PAGE_QUERIES):
        quiz_client.get(url)


@pytest.mark.parametrize("questions", [10, 50])
def test_submit_queries_do_not_grow_with_questions(
    quiz_client, enrolled, course, questions, django_assert_max_num_queries
):
    quiz = build_quiz(course, questions=many_questions(questions))
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    with django_assert_max_num_queries(SUBMIT_QUERIES):
        quiz_client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))
    attempt.refresh_from_db()
    assert not attempt.is_open
