"""Turn quiz question blocks (from a page revision) into what grading and templates need.

`learner_question` is the only shape that reaches the browser before submission: it has
no correct-answer flags and no explanations. `feedback_question` adds them afterwards, as
far as the quiz's feedback setting allows.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext

from .grading import GradableQuestion


def _choices(kind: str, value) -> list[dict[str, Any]]:
    """[{id, text, is_correct, explanation}] in the editor's order."""
    if kind == "true_false":
        is_true = bool(value.get("is_true"))
        return [
            {"id": "true", "text": gettext("True"), "is_correct": is_true, "explanation": ""},
            {"id": "false", "text": gettext("False"), "is_correct": not is_true, "explanation": ""},
        ]
    choices = value.get("choices")
    if choices is None:
        return []
    return [
        {
            "id": str(child.id),
            "text": child.value.get("text", ""),
            "is_correct": bool(child.value.get("is_correct")),
            "explanation": child.value.get("explanation", ""),
        }
        for child in choices.bound_blocks
    ]


def _several(kind: str, value) -> bool:
    if kind == "multiple_choice":
        return True
    if kind == "scenario":
        return bool(value.get("several_answers"))
    return False


def question_blocks(stream_value) -> dict[str, Any]:
    """The question blocks of a quiz's StreamField value by block id, in the editor's order."""
    return {str(child.id): child for child in stream_value}


def gradable_questions(stream_value) -> dict[str, GradableQuestion]:
    questions = {}
    for question_id, child in question_blocks(stream_value).items():
        kind, value = child.block_type, child.value
        questions[question_id] = GradableQuestion(
            id=question_id,
            points=int(value.get("points") or 1),
            choices={choice["id"]: choice["is_correct"] for choice in _choices(kind, value)},
            several=_several(kind, value),
            partial=value.get("scoring") == "partial",
        )
    return questions


def choice_ids(stream_value) -> dict[str, list[str]]:
    return {
        question_id: [choice["id"] for choice in _choices(child.block_type, child.value)]
        for question_id, child in question_blocks(stream_value).items()
    }


def _ordered(choices: list[dict[str, Any]], order: Sequence[str] | None) -> list[dict[str, Any]]:
    if not order:
        return choices
    by_id = {choice["id"]: choice for choice in choices}
    return [by_id[choice_id] for choice_id in order if choice_id in by_id]


def learner_question(kind: str, question_id: str, value, choice_order: Sequence[str] | None = None) -> dict[str, Any]:
    """A question as shown before submission. Never contains correctness or explanations."""
    return {
        "id": question_id,
        "kind": kind,
        "case": value.get("case", "") if kind == "scenario" else "",
        "text": value.get("statement") if kind == "true_false" else value.get("question", ""),
        "several": _several(kind, value),
        "points": int(value.get("points") or 1),
        "field_name": f"q-{question_id}",
        "choices": [
            {"id": choice["id"], "text": choice["text"], "input_id": f"q-{question_id}-{choice['id']}"}
            for choice in _ordered(_choices(kind, value), choice_order)
        ],
    }


def learner_questions(stream_value, drawn: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The drawn questions ([{id, choices}] in display order) ready for the attempt form."""
    blocks = question_blocks(stream_value)
    prepared = []
    for number, item in enumerate(drawn, start=1):
        child = blocks.get(item["id"])
        if child is None:
            continue
        question = learner_question(child.block_type, item["id"], child.value, item.get("choices"))
        question["number"] = number
        prepared.append(question)
    return prepared


def feedback_questions(
    stream_value,
    drawn: Iterable[Mapping[str, Any]],
    results: Mapping[str, Mapping[str, Any]],
    *,
    reveal: bool,
) -> list[dict[str, Any]]:
    """The drawn questions with the learner's choices; with `reveal`, also the points per
    question, whether it was answered correctly, which choices were right and the explanations.
    Without `reveal` nothing tells a right answer from a wrong one (only the total score does)."""
    blocks = question_blocks(stream_value)
    prepared = []
    for number, item in enumerate(drawn, start=1):
        child = blocks.get(item["id"])
        if child is None:
            continue
        kind, value = child.block_type, child.value
        result = results.get(item["id"], {})
        chosen = set(result.get("chosen", ()))
        question = learner_question(kind, item["id"], value, item.get("choices"))
        full = {choice["id"]: choice for choice in _choices(kind, value)}
        for choice in question["choices"]:
            choice["chosen"] = choice["id"] in chosen
            if reveal:
                choice["is_correct"] = full[choice["id"]]["is_correct"]
                choice["explanation"] = full[choice["id"]]["explanation"]
        question.update(number=number, reveal=reveal, explanation="")
        if reveal:
            question.update(
                awarded=result.get("points", "0"),
                correct=bool(result.get("correct")),
                explanation=value.get("explanation", "") if kind == "true_false" else "",
            )
        prepared.append(question)
    return prepared


def answer_key(stream_value) -> list[dict[str, Any]]:
    """Every question in the editor's order with its correct answers and explanations, for the
    editors' answers preview only: never for a learner before submission."""
    prepared = []
    for number, (question_id, child) in enumerate(question_blocks(stream_value).items(), start=1):
        kind, value = child.block_type, child.value
        question = learner_question(kind, question_id, value)
        full = {choice["id"]: choice for choice in _choices(kind, value)}
        for choice in question["choices"]:
            choice["is_correct"] = full[choice["id"]]["is_correct"]
            choice["explanation"] = full[choice["id"]]["explanation"]
        question.update(number=number, explanation=value.get("explanation", "") if kind == "true_false" else "")
        prepared.append(question)
    return prepared
