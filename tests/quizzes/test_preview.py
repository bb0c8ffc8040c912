from http import HTTPStatus

from django.test import RequestFactory

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
