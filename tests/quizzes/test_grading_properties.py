"""Property-based tests of quizzes.grading.grade: a pure function, no database."""

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from quizzes.grading import GradableQuestion, grade


@st.composite
def quizzes(draw):
    """A set of questions (each with at least one correct choice) and a learner's answers."""
    questions = {}
    answers = {}
    for index in range(draw(st.integers(min_value=1, max_value=8))):
        question_id = f"q{index}"
        several = draw(st.booleans())
        count = draw(st.integers(min_value=2, max_value=6))
        choice_ids = [f"{question_id}-c{n}" for n in range(count)]
        if several:
            flags = draw(st.lists(st.booleans(), min_size=count, max_size=count).filter(any))
        else:
            right = draw(st.integers(min_value=0, max_value=count - 1))
            flags = [n == right for n in range(count)]
        questions[question_id] = GradableQuestion(
            id=question_id,
            points=draw(st.integers(min_value=1, max_value=10)),
            choices=dict(zip(choice_ids, flags, strict=True)),
            several=several,
            partial=several and draw(st.booleans()),
        )
        if several:
            chosen = draw(st.lists(st.sampled_from(choice_ids), unique=True))
        else:
            chosen = draw(st.lists(st.sampled_from(choice_ids), max_size=1))
        if chosen:
            answers[question_id] = chosen
    return questions, answers


def fully_correct(question: GradableQuestion, chosen) -> bool:
    return set(chosen) == question.correct_ids


@given(quizzes())
def test_score_is_between_zero_and_max(case):
    questions, answers = case
    result = grade(questions, list(questions), answers)
    assert Decimal(0) <= result.score <= result.max_score
    assert result.max_score == sum(question.points for question in questions.values())


@given(quizzes())
def test_full_marks_only_for_fully_correct_answers(case):
    questions, answers = case
    result = grade(questions, list(questions), answers)
    all_correct = all(fully_correct(question, answers.get(qid, ())) for qid, question in questions.items())
    assert (result.score == result.max_score) == all_correct


@given(quizzes())
def test_each_question_gets_full_points_only_when_fully_correct(case):
    questions, answers = case
    result = grade(questions, list(questions), answers)
    for item in result.results:
        assert item.correct == fully_correct(questions[item.question_id], answers.get(item.question_id, ()))


@given(quizzes(), st.randoms(use_true_random=False))
def test_shuffling_never_changes_the_score(case, rng: random.Random):
    questions, answers = case
    expected = grade(questions, list(questions), answers)
    order = list(questions)
    rng.shuffle(order)
    shuffled_answers = {qid: rng.sample(chosen, len(chosen)) for qid, chosen in answers.items()}
    shuffled_questions = {
        qid: GradableQuestion(
            id=qid,
            points=question.points,
            choices=dict(rng.sample(list(question.choices.items()), len(question.choices))),
            several=question.several,
            partial=question.partial,
        )
        for qid, question in questions.items()
    }
    result = grade(shuffled_questions, order, shuffled_answers)
    assert (result.score, result.max_score, result.percent) == (expected.score, expected.max_score, expected.percent)
