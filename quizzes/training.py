"""Reading `quiz.<lang>.yaml` files of the training content into QuizPage fields (registered with
courses' `register_training_step_loader` hook in wagtail_hooks.py)."""

from typing import Any

from courses.training_import import ContentProblem, LineDict, SourceFile, markdown_html

from .models import QuizFeedback, QuizPage

QUESTION_TYPES = ("single_choice", "multiple_choice", "true_false", "scenario")
SCORING = ("all", "partial")


class QuizLoader:
    name = "quiz"
    page_model = QuizPage

    def fields(self, source: SourceFile) -> dict[str, Any]:
        feedback = source.optional("feedback", str, QuizFeedback.AFTER_PASS)
        if feedback not in QuizFeedback.values:
            raise ContentProblem(
                source.path, source.line_of("feedback"), f"feedback is one of {', '.join(QuizFeedback.values)}"
            )
        questions = source.require("questions", list)
        values = {
            **source.common_fields(),
            "summary": source.optional("summary").strip(),
            "intro": markdown_html(source.optional("intro"), source.path, source.line_of("intro") + 1),
            "pass_mark": source.optional("pass_mark", int, 70),
            "draw_count": source.optional("draw_count", int, 0),
            "wait_minutes": source.optional("wait_minutes", int, 0),
            "shuffle": source.optional("shuffle", bool, True),
            "feedback": feedback,
            "questions": [self.question(item, source) for item in questions],
        }
        if not 0 <= values["pass_mark"] <= 100:
            raise ContentProblem(source.path, source.line_of("pass_mark"), "the pass mark is a percentage, 0–100")
        if values["draw_count"] > len(questions):
            raise ContentProblem(
                source.path, source.line_of("draw_count"), f"draw_count is more than the {len(questions)} questions"
            )
        ids = [question["id"] for question in values["questions"]]
        duplicate = next((qid for n, qid in enumerate(ids) if qid in ids[:n]), None)
        if duplicate:
            raise ContentProblem(
                source.path, source.line_of("questions"), f"the question id “{duplicate}” is used twice"
            )
        return values

    def question(self, item: Any, source: SourceFile) -> dict[str, Any]:
        path = source.path
        if not isinstance(item, LineDict):
            raise ContentProblem(path, source.line_of("questions"), "each question is a mapping")
        line = item.line
        kind = item.get("type")
        if kind not in QUESTION_TYPES:
            raise ContentProblem(path, item.line_of("type"), f"unknown question type “{kind}”")
        question_id = item.get("id")
        if not question_id or not isinstance(question_id, str):
            raise ContentProblem(path, line, "a question needs an id")
        points = item.get("points", 1)
        if not isinstance(points, int) or points < 1:
            raise ContentProblem(path, item.line_of("points"), "points is a whole number, at least 1")
        if kind == "true_false":
            if not isinstance(item.get("is_true"), bool):
                raise ContentProblem(path, line, "a true/false question needs is_true: true or false")
            value = {
                "statement": self.text(item, "statement", path),
                "is_true": item["is_true"],
                "explanation": self.text(item, "explanation", path, required=False),
                "points": points,
            }
            return {"type": kind, "id": question_id, "value": value}
        value = {"question": self.text(item, "question", path), "points": points}
        several = kind == "multiple_choice" or bool(item.get("several_answers"))
        if kind == "scenario":
            value["case"] = self.text(item, "case", path)
            value["several_answers"] = bool(item.get("several_answers"))
        if kind in ("multiple_choice", "scenario"):
            scoring = item.get("scoring", "all")
            if scoring not in SCORING:
                raise ContentProblem(path, item.line_of("scoring"), "scoring is all or partial")
            value["scoring"] = scoring
        value["choices"] = self.choices(item, question_id, several, path)
        return {"type": kind, "id": question_id, "value": value}

    def choices(self, item: LineDict, question_id: str, several: bool, path: str) -> list[dict[str, Any]]:
        choices = item.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            raise ContentProblem(path, item.line_of("choices"), "a question needs at least two choices")
        items = []
        for choice in choices:
            if not isinstance(choice, LineDict) or not choice.get("id") or not isinstance(choice.get("text"), str):
                raise ContentProblem(path, getattr(choice, "line", item.line), "each choice needs an id and a text")
            items.append(
                {
                    "type": "item",
                    "id": f"{question_id}-{choice['id']}",
                    "value": {
                        "text": choice["text"].strip(),
                        "is_correct": choice.get("correct") is True,
                        "explanation": self.text(choice, "explanation", path, required=False),
                    },
                }
            )
        correct = sum(1 for choice in items if choice["value"]["is_correct"])
        if correct == 0:
            raise ContentProblem(path, item.line, f"the question {question_id} has no correct answer")
        if correct > 1 and not several:
            raise ContentProblem(
                path, item.line, f"the question {question_id} has one answer but marks {correct} correct"
            )
        return items

    @staticmethod
    def text(item: LineDict, name: str, path: str, *, required: bool = True) -> str:
        value = item.get(name) or ""
        if not isinstance(value, str):
            raise ContentProblem(path, item.line_of(name), f"“{name}” must be text")
        if required and not value.strip():
            raise ContentProblem(path, item.line, f"missing “{name}”")
        return value.strip()

    def check_translation(self, swedish: dict[str, Any], english: dict[str, Any], source: SourceFile) -> None:
        """The English quiz has the same rules, questions, choices and correct answers."""
        for name in ("pass_mark", "draw_count", "wait_minutes", "shuffle", "feedback"):
            if swedish[name] != english[name]:
                raise ContentProblem(source.path, source.line_of(name), f"“{name}” differs from the Swedish quiz")
        questions = source.data.get("questions") or []
        for index, (sv, en) in enumerate(zip(swedish["questions"], english["questions"], strict=False)):
            line = getattr(questions[index], "line", 1) if index < len(questions) else 1
            if _answer_key(sv) != _answer_key(en):
                raise ContentProblem(
                    source.path, line, f"the question {en['id']} differs from the Swedish one in more than its text"
                )
        if len(swedish["questions"]) != len(english["questions"]):
            raise ContentProblem(source.path, source.line_of("questions"), "the English quiz has other questions")


def _answer_key(question: dict[str, Any]) -> tuple:
    value = question["value"]
    choices = tuple((choice["id"], choice["value"]["is_correct"]) for choice in value.get("choices", []))
    return (
        question["type"],
        question["id"],
        value.get("is_true"),
        value.get("several_answers"),
        value.get("scoring"),
        value["points"],
        choices,
    )
