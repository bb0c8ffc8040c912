"""Small helpers shared by the quiz tests (not fixtures: plain functions)."""

from quizzes.models import QuizAttempt


def correct_answers(attempt: QuizAttempt) -> dict[str, list[str]]:
    """Factory questions mark their first choice (c0, or "true") correct; unshuffled it is shown first."""
    return {item["id"]: [item["choices"][0]] for item in attempt.questions}


def wrong_answers(attempt: QuizAttempt) -> dict[str, list[str]]:
    return {item["id"]: [item["choices"][1]] for item in attempt.questions}


def as_post(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{question_id}": choices for question_id, choices in answers.items()}
