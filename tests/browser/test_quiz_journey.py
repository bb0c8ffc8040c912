"""An enrolled coordinator takes a module quiz in headless Chromium: fails once, passes, and sees
the quiz marked done in the course outline.

Elements are found by form action, name and value attributes, href, role and the content's own
text (question and choice texts come from the factories), never by interface wording, so the tests
keep passing whichever language the interface strings are shown in.
"""

import json
import re

from django.urls import reverse

import pytest
from playwright.sync_api import Page, expect

from enrolments.services import enrol_learner
from quizzes.models import QuizAttempt
from tests.factories import UserFactory, build_course, build_quiz, quiz_question

from .conftest import axe_check, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WITH_AND_WITHOUT_JAVASCRIPT = pytest.mark.parametrize(
    "browser_context_options",
    [{}, {"java_script_enabled": False}],
    ids=["javascript", "no-javascript"],
)


def _quiz_course():
    """One module with a lesson and a quiz of three questions: single choice (first choice right),
    multiple choice (first and third right, all needed) and true/false (true)."""
    course = build_course(modules=1, lessons_per_module=1)
    questions = [
        quiz_question("single_choice", index=0),
        quiz_question("multiple_choice", index=1, correct=(0, 2)),
        quiz_question("true_false", index=2, is_true=True),
    ]
    quiz = build_quiz(course, questions=json.dumps(questions), pass_mark=100)
    return course, quiz


def _check(page: Page, name: str, *, javascript: bool) -> None:
    screenshot(page, name)
    if javascript:  # axe-core runs as a script in the page
        axe_check(page)


def _start(page: Page, quiz) -> None:
    page.locator(f"main form[action='{reverse('quizzes:start', args=[quiz.pk])}'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/prov/forsok/\d+/$"))


def _submit(page: Page) -> None:
    page.locator("main form.quiz-form button[type=submit]").click()


@WITH_AND_WITHOUT_JAVASCRIPT
def test_learner_fails_then_passes_a_quiz_and_sees_it_done(browser_page: Page, sign_in, browser_context_options):
    javascript = browser_context_options.get("java_script_enabled", True)
    suffix = "" if javascript else "-nojs"
    learner = UserFactory()
    course, quiz = _quiz_course()
    enrol_learner(learner=learner, course=course)
    page = browser_page
    sign_in(page, learner)

    page.goto(quiz.url)
    expect(page.locator("h1")).to_have_text(quiz.title)
    _check(page, f"20-quiz-page{suffix}", javascript=javascript)

    _start(page, quiz)
    expect(page.locator("main .quiz-question fieldset")).to_have_count(3)
    _check(page, f"21-quiz-attempt{suffix}", javascript=javascript)
    page.get_by_role("radio", name="Svar 1 på fråga 0", exact=True).check()
    page.get_by_role("checkbox", name="Svar 0 på fråga 1", exact=True).check()
    page.locator("input[name='q-q2'][value='false']").check()
    _submit(page)
    expect(page.locator("main .quiz-result--failed")).to_be_visible()
    expect(page.locator("main .quiz-result")).to_contain_text(re.compile(r"\b0\D+\b3\D+\b0\b"))
    _check(page, f"22-quiz-result-failed{suffix}", javascript=javascript)

    page.locator(f"main .quiz-result a[href='{quiz.url}']").click()
    expect(page.locator("main table.quiz-attempts tbody tr")).to_have_count(1)
    _start(page, quiz)
    page.get_by_role("radio", name="Svar 0 på fråga 0", exact=True).check()
    page.get_by_role("checkbox", name="Svar 0 på fråga 1", exact=True).check()
    page.get_by_role("checkbox", name="Svar 2 på fråga 1", exact=True).check()
    page.locator("input[name='q-q2'][value='true']").check()
    _submit(page)
    expect(page.locator("main .quiz-result--passed")).to_be_visible()
    expect(page.locator("main .quiz-result")).to_contain_text(re.compile(r"\b3\b\D+\b3\b\D+\b100\b"))
    expect(page.locator("main .quiz-choice--correct")).to_have_count(4)
    _check(page, f"23-quiz-result-passed{suffix}", javascript=javascript)

    page.goto(course.url)
    expect(page.locator("main li.step--done", has=page.locator(f"a[href='{quiz.url}']"))).to_have_count(1)
    _check(page, f"24-course-quiz-done{suffix}", javascript=javascript)

    attempts = QuizAttempt.objects.filter(learner=learner).order_by("pk")
    assert [(attempt.score, attempt.passed) for attempt in attempts] == [(0, False), (3, True)]
