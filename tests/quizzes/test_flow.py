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
