"""Editing a quiz in the Wagtail admin: the rules' tab, new questions, the draw-count check."""

from http import HTTPStatus

from django.utils import translation
from django.utils.translation import gettext

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from quizzes.blocks import MultipleChoiceQuestionBlock, ScenarioQuestionBlock, SingleChoiceQuestionBlock
from quizzes.models import QuizPage
from tests.factories import build_quiz


def _edit_url(quiz) -> str:
    return f"/admin/pages/{quiz.pk}/edit/"


def _tab_of(soup, field_name: str) -> str:
    """The heading of the admin tab holding the field `field_name`."""
    panel = soup.find(attrs={"name": field_name}).find_parent(attrs={"role": "tabpanel"})
    tab = soup.find(id=panel["aria-labelledby"])
    return _label(tab)


def _label(tab) -> str:
    return tab.find(string=True).strip()


def test_the_quiz_rules_have_a_tab_of_their_own_next_to_the_content(admin_client, course):
    quiz = build_quiz(course)

    soup = BeautifulSoup(admin_client.get(_edit_url(quiz)).content, "html.parser")

    with translation.override("sv"):
        rules, content = gettext("Quiz rules"), gettext("Content")
    tabs = [_label(tab) for tab in soup.find_all(attrs={"role": "tab"})]
    assert tabs[:2] == [content, rules]
    for field in ("pass_mark", "attempt_limit", "wait_minutes", "shuffle", "draw_count", "feedback", "counting"):
        assert _tab_of(soup, field) == rules
    assert _tab_of(soup, "slug") != rules


@pytest.mark.parametrize("block_class", [SingleChoiceQuestionBlock, MultipleChoiceQuestionBlock, ScenarioQuestionBlock])
def test_a_new_choice_question_starts_with_two_empty_choices(block_class):
    block = block_class()
    block.set_name("question")

    state = block.get_form_state(block.get_default())

    assert len(state["choices"]) == 2
    assert all(not choice["value"]["text"] and not choice["value"]["is_correct"] for choice in state["choices"])


def _choices(*correct: bool) -> dict:
    data = {"count": len(correct)}
    for index, flag in enumerate(correct):
        data.update(
            {
                f"{index}-deleted": "",
                f"{index}-order": index,
                f"{index}-id": f"c{index}",
                f"{index}-value-text": f"Svar {index}",
                f"{index}-value-explanation": "",
                **({f"{index}-value-is_correct": "on"} if flag else {}),
            }
        )
    return data


def _question(text: str, *correct: bool) -> tuple:
    return ("single_choice", {"question": text, "choices": _choices(*correct), "points": 1})


def _quiz_form(quiz, *, questions: list, draw_count: int) -> dict:
    return nested_form_data(
        {
            "title": quiz.title,
            "slug": quiz.slug,
            "summary": quiz.summary,
            "intro": rich_text(""),
            "questions": streamfield(questions),
            "pass_mark": 60,
            "attempt_limit": 0,
            "wait_minutes": 0,
            "draw_count": draw_count,
            "feedback": "after_attempt",
            "counting": "best",
        }
    )


def _draw_count_errors(response) -> list[str]:
    form = response.context["form"]
    return form.errors.get("draw_count", [])


def test_the_draw_count_error_counts_the_submitted_questions_when_another_question_is_invalid(admin_client, course):
    quiz = build_quiz(course)  # three questions stored
    questions = [_question(f"Fråga {n}", True, False) for n in range(4)] + [_question("Utan rätt svar", False, False)]

    response = admin_client.post(_edit_url(quiz), _quiz_form(quiz, questions=questions, draw_count=6))

    assert response.status_code == HTTPStatus.OK
    errors = _draw_count_errors(response)
    assert len(errors) == 1
    assert "(5)" in errors[0]
    assert QuizPage.objects.get(pk=quiz.pk).get_latest_revision().content["draw_count"] == 0


def test_a_draw_count_within_the_submitted_questions_is_no_error_when_another_question_is_invalid(admin_client, course):
    quiz = build_quiz(course)
    questions = [_question(f"Fråga {n}", True, False) for n in range(4)] + [_question("Utan rätt svar", False, False)]

    response = admin_client.post(_edit_url(quiz), _quiz_form(quiz, questions=questions, draw_count=5))

    assert response.status_code == HTTPStatus.OK
    assert _draw_count_errors(response) == []
    assert response.context["form"].errors.get("questions")


def test_a_valid_quiz_with_too_high_a_draw_count_gets_one_error(admin_client, course):
    quiz = build_quiz(course)
    questions = [_question(f"Fråga {n}", True, False) for n in range(2)]

    response = admin_client.post(_edit_url(quiz), _quiz_form(quiz, questions=questions, draw_count=3))

    assert len(_draw_count_errors(response)) == 1
    assert "(2)" in _draw_count_errors(response)[0]


def test_a_valid_quiz_saves(admin_client, course):
    quiz = build_quiz(course)
    questions = [_question(f"Fråga {n}", True, False) for n in range(2)]

    response = admin_client.post(_edit_url(quiz), _quiz_form(quiz, questions=questions, draw_count=2))

    assert response.status_code == HTTPStatus.FOUND
    assert QuizPage.objects.get(pk=quiz.pk).get_latest_revision().content["draw_count"] == 2
