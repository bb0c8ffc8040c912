from decimal import Decimal

import pytest

from quizzes.grading import GradableQuestion, GradingError, grade

SINGLE = GradableQuestion(id="a", points=2, choices={"a1": True, "a2": False})
SEVERAL = GradableQuestion(id="b", points=3, choices={"b1": True, "b2": True, "b3": True, "b4": False}, several=True)
PARTIAL = GradableQuestion(
    id="c", points=3, choices={"c1": True, "c2": True, "c3": True, "c4": False}, several=True, partial=True
)
QUESTIONS = {question.id: question for question in (SINGLE, SEVERAL, PARTIAL)}


def test_all_or_nothing_question_gives_nothing_for_a_partly_correct_answer():
    result = grade(QUESTIONS, ["b"], {"b": ["b1", "b2"]})
    assert result.score == 0


def test_partial_credit_gives_a_share_per_correct_choice():
    result = grade(QUESTIONS, ["c"], {"c": ["c1", "c2"]})
    assert result.score == Decimal("2.00")


def test_partial_credit_subtracts_wrong_choices():
    result = grade(QUESTIONS, ["c"], {"c": ["c1", "c2", "c3", "c4"]})
    assert result.score == Decimal("2.00")


def test_unanswered_question_scores_zero():
    result = grade(QUESTIONS, ["a", "b"], {"a": ["a1"]})
    assert (result.score, result.max_score) == (Decimal(2), Decimal(5))


def test_percent_is_rounded_down():
    questions = {f"q{n}": GradableQuestion(id=f"q{n}", points=1, choices={"x": True, "y": False}) for n in range(3)}
    result = grade(questions, list(questions), {"q0": ["x"], "q1": ["x"]})
    assert result.percent == Decimal("66.66")


@pytest.mark.parametrize(
    ("drawn", "answers", "code"),
    [
        (["a"], {"b": ["b1"]}, "question_not_drawn"),
        (["a"], {"a": ["b1"]}, "unknown_choice"),
        (["a"], {"a": ["a1", "a2"]}, "too_many_choices"),
        (["zz"], {}, "unknown_question"),
    ],
)
def test_answers_that_do_not_fit_the_questions_are_rejected(drawn, answers, code):
    with pytest.raises(GradingError) as error:
        grade(QUESTIONS, drawn, answers)
    assert error.value.code == code
