"""`make run`'s demo course ends each module with a short quiz a learner can pass."""

from io import StringIO

from django.core.management import call_command

import pytest

from courses.models import CoursePage, ModulePage
from enrolments.services import enrol_learner
from quizzes.models import QuizPage
from quizzes.questions import gradable_questions
from quizzes.services import start_attempt, submit_attempt
from tests.factories import english

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def test_each_demo_module_ends_with_a_published_quiz_in_both_languages():
    _load()

    modules = ModulePage.objects.filter(locale__language_code="sv")
    assert modules.count() == 2
    for module in modules:
        last_step = module.get_children().order_by("-path").first().specific
        assert isinstance(last_step, QuizPage)
        assert last_step.live
        assert len(last_step.questions) == 3
        assert english(last_step).live


def test_loading_the_demo_again_creates_nothing():
    _load()

    assert "(0 new pages)" in _load()
    assert QuizPage.objects.filter(locale__language_code="sv").count() == 2


def test_a_learner_passes_a_demo_quiz_with_its_correct_answers(learner):
    _load()
    enrol_learner(learner=learner, course=CoursePage.objects.get(locale__language_code="sv"))
    quiz = QuizPage.objects.filter(locale__language_code="sv").first()
    attempt, _created = start_attempt(learner=learner, quiz=quiz)
    questions = gradable_questions(quiz.questions)

    attempt, _graded = submit_attempt(
        learner=learner,
        attempt=attempt,
        answers={item["id"]: sorted(questions[item["id"]].correct_ids) for item in attempt.questions},
    )

    assert attempt.passed
