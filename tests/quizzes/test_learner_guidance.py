"""What the quiz pages tell a learner: questions per attempt, trying again, the case before the question."""

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import formats, timezone, translation

import pytest

from quizzes.models import QuizAttempt
from tests.factories import build_quiz, quiz_question

from .helpers import as_post, wrong_answers
from .test_preview import preview

pytestmark = pytest.mark.django_db


def _fail_once(client, quiz) -> QuizAttempt:
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.filter(quiz=quiz).latest("number")
    client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(wrong_answers(attempt)))
    return attempt


def test_the_quiz_page_says_how_many_questions_an_attempt_has(quiz_client, quiz):
    content = quiz_client.get(quiz.url).content.decode()

    assert "Frågor per försök</dt><dd>3</dd>" in content


def test_the_quiz_page_says_when_questions_are_drawn(quiz_client, course):
    quiz = build_quiz(course, draw_count=2)

    content = quiz_client.get(quiz.url).content.decode()

    assert "2, slumpvis valda av 3" in content


def test_a_failed_result_offers_to_try_again(quiz_client, quiz):
    attempt = _fail_once(quiz_client, quiz)

    content = quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()

    assert f'action="{reverse("quizzes:start", args=[quiz.pk])}"' in content
    assert "Försök igen" in content


def test_a_failed_result_says_when_the_next_attempt_opens(quiz_client, course):
    quiz = build_quiz(course, wait_minutes=60)
    attempt = _fail_once(quiz_client, quiz)
    attempt.refresh_from_db()
    opens = timezone.localtime(attempt.submitted_at + timedelta(minutes=60))

    content = quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()

    assert reverse("quizzes:start", args=[quiz.pk]) not in content
    assert "Du kan börja ett nytt försök" in content
    assert opens.strftime("%H:%M") in content


def test_a_failed_last_attempt_offers_no_retry(quiz_client, course):
    quiz = build_quiz(course, attempt_limit=1)
    attempt = _fail_once(quiz_client, quiz)

    content = quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()

    assert "Försök igen" not in content
    assert "ditt enda försök" in content


def _scenario_quiz(course):
    return build_quiz(course, questions=json.dumps([quiz_question("scenario", index=0)]))


def _case_comes_first(content: str) -> bool:
    case, question = content.find("Fall 0: skadegörelse"), content.find("Vad gör ni först? (0)")
    return -1 < case < question


def test_the_attempt_form_shows_the_case_before_the_question(quiz_client, course):
    quiz = _scenario_quiz(course)
    quiz_client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get(quiz=quiz)

    content = quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()

    assert _case_comes_first(content)
    assert 'aria-describedby="case-q0"' in content


def test_the_preview_shows_the_case_before_the_question(course):
    response = preview(_scenario_quiz(course))
    content = response.rendered_content if hasattr(response, "rendered_content") else response.content.decode()

    assert _case_comes_first(content)


def test_english_points_are_singular_for_one_point(quiz_client, course):
    quiz = build_quiz(course, english=True, questions=json.dumps([quiz_question(index=0)]))
    attempt = _fail_once(quiz_client, quiz)

    with translation.override("en"):
        url = reverse("quizzes:attempt", args=[attempt.pk])
    content = quiz_client.get(url).content.decode()

    assert "0 of 1 point (0 %)" in content
    assert "0 of 1 points" not in content


def test_the_english_attempts_table_has_no_us_dates(quiz_client, course):
    quiz = build_quiz(course, english=True)
    quiz_client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    quiz_client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(wrong_answers(attempt)))
    attempt.refresh_from_db()

    content = quiz_client.get(f"/en{quiz.url}").content.decode()

    translation.activate("sv")
    with translation.override("en"):
        expected = formats.date_format(attempt.submitted_at.astimezone(ZoneInfo("Europe/Stockholm")), "j M Y, H:i")
    assert expected in content
    assert "a.m." not in content and "p.m." not in content
