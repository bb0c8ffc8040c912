"""Admin validation of question blocks and quiz rules."""

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from quizzes.blocks import MultipleChoiceQuestionBlock, ScenarioQuestionBlock, SingleChoiceQuestionBlock
from tests.factories import build_quiz


def value(block, *flags, **extra):
    choices = [{"text": f"Svar {n}", "is_correct": flag, "explanation": ""} for n, flag in enumerate(flags)]
    return block.to_python({"question": "Fråga", "case": "Fall", "choices": choices, "points": 1, **extra})


def messages(error) -> str:
    return " ".join(str(item.message) for item in error.non_block_errors.as_data())


def test_single_choice_question_needs_a_correct_answer():
    block = SingleChoiceQuestionBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(value(block, False, False))
    with translation.override("en"):
        assert "at least one answer as correct" in messages(error.value)


def test_single_choice_question_allows_only_one_correct_answer():
    block = SingleChoiceQuestionBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(value(block, True, True))
    with translation.override("en"):
        assert "exactly one correct answer" in messages(error.value)


def test_multiple_choice_question_needs_a_correct_answer():
    block = MultipleChoiceQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(value(block, False, False, scoring="all"))


def test_multiple_choice_question_accepts_several_correct_answers():
    block = MultipleChoiceQuestionBlock()
    assert block.clean(value(block, True, True, False, scoring="partial"))


def test_scenario_with_one_answer_allows_only_one_correct_answer():
    block = ScenarioQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(value(block, True, True, several_answers=False, scoring="all"))


def test_question_block_rendering_hides_correct_answers_and_explanations():
    block = SingleChoiceQuestionBlock()
    html = block.render(
        block.to_python(
            {
                "question": "Fråga",
                "choices": [
                    {"text": "Rätt", "is_correct": True, "explanation": "Hemlig förklaring"},
                    {"text": "Fel", "is_correct": False, "explanation": ""},
                ],
                "points": 1,
            }
        )
    )
    assert "Hemlig förklaring" not in html
    assert "correct" not in html.lower()


@pytest.mark.parametrize("pass_mark", [-1, 101])
def test_pass_mark_must_be_between_0_and_100(course, pass_mark):
    quiz = build_quiz(course)
    quiz.pass_mark = pass_mark
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "pass_mark" in error.value.message_dict


def test_cannot_draw_more_questions_than_the_quiz_has(course):
    quiz = build_quiz(course)
    quiz.draw_count = 4
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "draw_count" in error.value.message_dict
