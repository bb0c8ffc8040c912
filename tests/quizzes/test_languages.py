"""Progress is shared across languages: a quiz taken under /en/ counts for the Swedish source."""

from django.urls import reverse
from django.utils import translation

import pytest

from courses.structure import course_structure
from enrolments.models import StepProgress
from enrolments.progress import learner_outline
from quizzes.models import QuizAttempt
from tests.factories import build_quiz, english

from .helpers import as_post, correct_answers


@pytest.fixture
def quiz(course):
    return build_quiz(course, english=True)


def test_quiz_taken_in_english_counts_for_the_swedish_quiz(quiz_client, enrolled, quiz, course):
    english_quiz = english(quiz)
    assert english_quiz.url.startswith("/en/")
    with translation.override("en"):
        start_url = reverse("quizzes:start", args=[english_quiz.pk])
    response = quiz_client.post(start_url)
    attempt = QuizAttempt.objects.get()
    assert response.url.startswith("/en/")
    quiz_client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))

    assert attempt.quiz_id == quiz.pk
    assert StepProgress.objects.filter(enrolment__learner=enrolled, step_id=quiz.pk).exists()
    outline = learner_outline(structure=course_structure(course), user=enrolled)
    assert outline.step_for(quiz.pk).done


def test_english_quiz_page_lists_attempts_made_in_swedish(quiz_client, enrolled, quiz):
    quiz_client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    quiz_client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))
    content = quiz_client.get(english(quiz).url).content.decode()
    assert reverse("quizzes:attempt", args=[attempt.pk]) in content or f"/forsok/{attempt.pk}/" in content


def test_result_page_in_english_links_back_to_the_english_quiz(quiz_client, enrolled, quiz):
    quiz_client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    with translation.override("en"):
        url = reverse("quizzes:attempt", args=[attempt.pk])
    content = quiz_client.get(url).content.decode()
    assert f'href="{english(quiz).url}"' in content
