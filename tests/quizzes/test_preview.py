import re
from http import HTTPStatus

from django.test import RequestFactory

import pytest

from quizzes.models import QuizAttempt
from tests.factories import UserFactory


def preview(quiz):
    editor = UserFactory(is_superuser=True, is_staff=True)
    request = RequestFactory().get("/admin/")
    request.user = editor
    return quiz.make_preview_request(original_request=request)


def test_editor_preview_shows_every_question(quiz):
    response = preview(quiz)
    content = response.rendered_content if hasattr(response, "rendered_content") else response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert all(f"Fråga {index}" in content for index in range(3))
    assert 'type="radio"' in content and "disabled" in content


def test_editor_preview_records_nothing_and_shows_no_answers(quiz):
    response = preview(quiz)
    content = response.rendered_content if hasattr(response, "rendered_content") else response.content.decode()
    assert not QuizAttempt.objects.exists()
    assert "Förklaring" not in content
    assert "<form" not in content.split('id="preview-heading"')[1]


def answers_preview(quiz):
    editor = UserFactory(is_superuser=True, is_staff=True)
    request = RequestFactory().get("/admin/")
    request.user = editor
    return quiz.make_preview_request(original_request=request, preview_mode="answers")


def test_quiz_offers_an_answers_preview_mode(quiz):
    assert [mode for mode, _label in quiz.preview_modes] == ["", "answers"]
    assert quiz.default_preview_mode == ""


def test_answers_preview_marks_the_correct_answers_and_shows_the_explanations(quiz):
    response = answers_preview(quiz)
    content = response.rendered_content

    assert response.status_code == HTTPStatus.OK
    assert "Förklaring 0 till fråga 1" in content
    correct = re.findall(r'<li class="quiz-choice quiz-choice--correct">\s*([^<]+?)\s*<', content)
    assert correct == ["Svar 0 på fråga 0", "Svar 0 på fråga 1", "Svar 0 på fråga 2"]
    assert "<input" not in content
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "enrolled", "superuser"])
def test_the_live_quiz_page_never_shows_answers_or_explanations(client, quiz, enrolled, admin_user, who):
    if who == "enrolled":
        client.force_login(enrolled)
    elif who == "superuser":
        client.force_login(admin_user)

    content = client.get(quiz.url).content.decode()
    answers_content = client.get(quiz.url, {"preview_mode": "answers", "mode": "answers"}).content.decode()

    for page in (content, answers_content):
        assert quiz.title in page
        assert "Förklaring" not in page
        assert "quiz-choice--correct" not in page
        assert "preview-heading" not in page
