"""Grading: a pure function from question content and a learner's answers to points.

No database access and no Django here, so the rules can be tested exhaustively
(tests/quizzes/test_grading_properties.py). The caller (quizzes.services.submit_attempt)
builds the questions from the page revision the learner was shown.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


@dataclass(frozen=True)
class GradableQuestion:
    """What grading needs to know about one question: its choices and whether each is correct."""

    id: str
    points: int
    choices: Mapping[str, bool]
    several: bool = False
    partial: bool = False

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice_id for choice_id, is_correct in self.choices.items() if is_correct)


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    chosen: tuple[str, ...]
    points: Decimal
    max_points: Decimal

    @property
    def correct(self) -> bool:
        return self.points == self.max_points


@dataclass(frozen=True)
class Grade:
    results: tuple[QuestionResult, ...]
    score: Decimal
    max_score: Decimal

    @property
    def percent(self) -> Decimal:
        """Score as a percentage, rounded down so that 79.999 % never passes an 80 % mark."""
        if not self.max_score:
            return Decimal("0.00")
        return (self.score * 100 / self.max_score).quantize(CENT, rounding=ROUND_FLOOR)

    def passes(self, pass_mark: int | Decimal) -> bool:
        return self.percent >= Decimal(pass_mark)


class GradingError(ValueError):
    """The answers do not fit the questions (a tampered or stale form). `code` names the problem."""

    def __init__(self, code: str, question_id: str = ""):
        super().__init__(f"{code}: {question_id}")
        self.code = code
        self.question_id = question_id


def question_points(question: GradableQuestion, chosen: frozenset[str]) -> Decimal:
    """Points for one question: full points only for exactly the correct set of choices.

    Partial credit (several-answer questions only) gives a share for each correct choice and
    takes one away for each wrong one, never below zero, rounded down to the cent, so it is
    always strictly less than full points unless the answer is fully correct.
    """
    full = Decimal(question.points)
    correct = question.correct_ids
    if chosen == correct:
        return full
    if not (question.partial and question.several and correct):
        return Decimal("0.00")
    hits = len(chosen & correct)
    misses = len(chosen - correct)
    share = max(Fraction(0), Fraction(hits - misses, len(correct)))
    value = Decimal(share.numerator) * full / Decimal(share.denominator)
    return value.quantize(CENT, rounding=ROUND_FLOOR)


def grade(
    questions: Mapping[str, GradableQuestion],
    drawn: Sequence[str],
    answers: Mapping[str, Collection[str]],
) -> Grade:
    """Grade `answers` ({question id: chosen choice ids}) to the `drawn` questions.

    Unanswered questions score zero. Raises GradingError for an answer to a question that
    was not drawn, a choice that is not in its question, or several choices for a question
    that takes one. The order of questions and choices never affects the result.
    """
    drawn_set = set(drawn)
    for question_id in answers:
        if question_id not in drawn_set:
            raise GradingError("question_not_drawn", question_id)
    results = []
    for question_id in drawn:
        question = questions.get(question_id)
        if question is None:
            raise GradingError("unknown_question", question_id)
        chosen = frozenset(answers.get(question_id, ()))
        if chosen - question.choices.keys():
            raise GradingError("unknown_choice", question_id)
        if len(chosen) > 1 and not question.several:
            raise GradingError("too_many_choices", question_id)
        results.append(
            QuestionResult(
                question_id=question_id,
                chosen=tuple(sorted(chosen)),
                points=question_points(question, chosen),
                max_points=Decimal(question.points),
            )
        )
    score = sum((result.points for result in results), Decimal("0.00"))
    max_score = sum((result.max_points for result in results), Decimal(0))
    return Grade(results=tuple(results), score=score, max_score=max_score)
