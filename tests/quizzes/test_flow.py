from http import HTTPStatus

from django.urls import reverse

from quizzes.models import QuizAttempt

from .helpers import as_post, correct_answers


def test_learner_passes_quiz_through_the_site(quiz_client, quiz):
    response = quiz_client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("quizzes:attempt", args=[attempt.pk])

    page = quiz_client.get(response.url)
    assert page.status_code == HTTPStatus.OK

    quiz_client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))
    attempt.refresh_from_db()
    assert attempt.state == QuizAttempt.State.GRADED
    assert attempt.passed is True
    result = quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert result.status_code == HTTPStatus.OK


def test_quiz_page_offers_an_enrolled_learner_to_start(quiz_client, quiz):
    content = quiz_client.get(quiz.url).content.decode()
    assert f'action="{reverse("quizzes:start", args=[quiz.pk])}"' in content


def test_quiz_page_asks_a_learner_who_is_not_enrolled_to_enrol(learner_client, quiz):
    content = learner_client.get(quiz.url).content.decode()
    assert reverse("quizzes:start", args=[quiz.pk]) not in content
    assert reverse("enrolments:enrol", args=[quiz.get_parent().get_parent().pk]) in content


def test_quiz_page_lists_previous_attempts_with_score(quiz_client, quiz):
    quiz_client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    quiz_client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))
    content = quiz_client.get(quiz.url).content.decode()
    assert "3 / 3 (100 %)" in content
