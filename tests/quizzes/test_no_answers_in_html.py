"""Invariant: no correct-answer flag or explanation reaches the browser before submission."""

import json
import re
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation

from quizzes.services import start_attempt, submit_attempt
from tests.factories import build_quiz, quiz_question

from .helpers import as_post, correct_answers, wrong_answers

QUESTIONS = json.dumps(
    [
        quiz_question("single_choice", index=0),
        quiz_question("multiple_choice", index=1, correct=(0, 2), scoring="partial"),
        quiz_question("true_false", index=2, is_true=False),
        quiz_question("scenario", index=3, correct=(1,)),
    ]
)


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs: list[dict] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attributes.extend(f"{name}={value}" for name, value in attrs)
        if tag == "input" and dict(attrs).get("name", "").startswith("q-"):
            self.inputs.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def parse(response) -> PageParser:
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def test_attempt_page_has_no_correct_flags_or_explanations(quiz_client, enrolled, course):
    quiz = build_quiz(course, questions=QUESTIONS)
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    page = parse(quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])))
    assert len(page.inputs) == 3 + 3 + 2 + 3
    assert all(set(attrs) == {"type", "name", "id", "value"} for attrs in page.inputs)
    assert not any("correct" in attribute.lower() for attribute in page.attributes)
    assert "Förklaring" not in " ".join(page.text)


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_attempt_page_is_the_same_whichever_answer_is_correct(quiz_client, enrolled, course):
    quiz = build_quiz(course, questions=QUESTIONS)
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    before = without_csrf(quiz_client.get(url))
    revision = attempt.revision
    stored = revision.content["questions"]
    blocks = json.loads(stored) if isinstance(stored, str) else stored
    for block in blocks:
        for item in block["value"].get("choices", []):
            item["value"]["is_correct"] = not item["value"]["is_correct"]
            item["value"]["explanation"] = "Changed"
        if "is_true" in block["value"]:
            block["value"]["is_true"] = not block["value"]["is_true"]
    revision.content["questions"] = json.dumps(blocks) if isinstance(stored, str) else blocks
    revision.save(update_fields=["content"])
    assert without_csrf(quiz_client.get(url)) == before


def test_quiz_page_shows_no_questions_before_an_attempt(quiz_client, enrolled, course):
    quiz = build_quiz(course, questions=QUESTIONS)
    page = parse(quiz_client.get(quiz.url))
    assert page.inputs == []
    assert "Förklaring" not in " ".join(page.text)


def test_result_page_reveals_explanations_after_submission(quiz_client, enrolled, quiz):
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    quiz_client.post(reverse("quizzes:submit", args=[attempt.pk]), as_post(correct_answers(attempt)))
    page = parse(quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])))
    assert "Förklaring 0 till fråga 0" in " ".join(page.text)


def test_result_page_hides_explanations_when_feedback_is_never(quiz_client, enrolled, course):
    quiz = build_quiz(course, feedback="never")
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    submit_attempt(learner=enrolled, attempt=attempt, answers=correct_answers(attempt))
    page = parse(quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])))
    assert "Förklaring" not in " ".join(page.text)


def test_result_page_hides_explanations_until_passed_when_feedback_is_after_pass(quiz_client, enrolled, course):
    quiz = build_quiz(course, feedback="after_pass")
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    submit_attempt(learner=enrolled, attempt=attempt, answers={})
    page = parse(quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk])))
    assert "Förklaring" not in " ".join(page.text)


def test_a_failed_attempt_under_feedback_after_pass_marks_no_question_right_or_wrong(quiz_client, enrolled, course):
    quiz = build_quiz(course, feedback="after_pass")  # three one-point questions, pass mark 60 %
    attempt, _created = start_attempt(learner=enrolled, quiz=quiz)
    answers = {
        **wrong_answers(attempt),
        attempt.questions[0]["id"]: correct_answers(attempt)[attempt.questions[0]["id"]],
    }
    submit_attempt(learner=enrolled, attempt=attempt, answers=answers)

    with translation.override("en"):
        response = quiz_client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    page = parse(response)
    text = " ".join(" ".join(page.text).split())

    assert "You scored 1 of 3 points" in text
    assert not any(marker in attribute for attribute in page.attributes for marker in ("--correct", "--wrong"))
    assert "of 1 points" not in text
    assert not any("correct" in question or "awarded" in question for question in response.context["questions"])
