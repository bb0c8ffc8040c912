from datetime import timedelta

from django.utils import timezone

import pytest

from courses.models import CompletionRequirement, CompletionRule, ModulePage
from enrolments.models import Enrolment
from enrolments.services import complete_step, enrol_learner, evaluate_completion, record_completion
from tests.factories import LessonPageFactory, build_quiz, complete_course, lessons_of

pytestmark = pytest.mark.django_db


def _rule(course, **kwargs) -> CompletionRule:
    return CompletionRule.objects.create(course=course, **kwargs)


def _completed_at(enrolment: Enrolment):
    enrolment.refresh_from_db()
    return enrolment.completed_at


def test_completing_every_step_records_completion(learner, course):
    enrolment = complete_course(learner, course)

    assert enrolment.completed_at is not None


def test_without_rules_every_step_is_required(learner, course):
    enrolment, _ = enrol_learner(learner=learner, course=course)
    for lesson in lessons_of(course)[:-1]:
        complete_step(learner=learner, step=lesson)

    assert _completed_at(enrolment) is None


def test_a_required_lesson_rule_needs_only_that_lesson(learner, course):
    required = lessons_of(course)[1]
    _rule(course, requirement=CompletionRequirement.LESSON_DONE, page=required)
    enrolment, _ = enrol_learner(learner=learner, course=course)

    complete_step(learner=learner, step=lessons_of(course)[0])
    assert _completed_at(enrolment) is None
    complete_step(learner=learner, step=required)
    assert _completed_at(enrolment) is not None


def test_a_quiz_rule_needs_the_quiz_passed(learner, course):
    quiz = build_quiz(course)
    _rule(course, requirement=CompletionRequirement.QUIZ_PASSED, page=quiz)
    enrolment, _ = enrol_learner(learner=learner, course=course)
    for lesson in lessons_of(course):
        complete_step(learner=learner, step=lesson)
    assert _completed_at(enrolment) is None

    complete_step(learner=learner, step=quiz)  # how quizzes record a pass
    assert _completed_at(enrolment) is not None


def test_a_minimum_days_rule_waits_until_the_days_have_passed(learner, course):
    _rule(course, requirement=CompletionRequirement.MIN_DAYS, min_days=14)
    enrolment = complete_course(learner, course)
    assert enrolment.completed_at is None

    assert record_completion(enrolment=enrolment, now=timezone.now() + timedelta(days=15))
    assert _completed_at(enrolment) is not None


def test_a_rule_change_after_completion_keeps_the_completion(learner, course):
    enrolment = complete_course(learner, course)
    completed_at = enrolment.completed_at
    new_lesson = LessonPageFactory(parent=ModulePage.objects.child_of(course).first())
    _rule(course, requirement=CompletionRequirement.LESSON_DONE, page=new_lesson)

    assert not evaluate_completion(enrolment=enrolment)
    assert not record_completion(enrolment=enrolment)
    assert _completed_at(enrolment) == completed_at


def test_completion_is_recorded_once(learner, course):
    enrolment = complete_course(learner, course)
    first = enrolment.completed_at

    assert not record_completion(enrolment=enrolment, now=timezone.now() + timedelta(days=1))
    assert _completed_at(enrolment) == first


def test_completion_issues_the_certificate(learner, course):
    enrolment = complete_course(learner, course)

    assert enrolment.certificate.serial.startswith("SA-")


def test_the_daily_command_completes_enrolments_whose_days_have_passed(learner, course):
    from io import StringIO

    from django.core.management import call_command

    _rule(course, requirement=CompletionRequirement.MIN_DAYS, min_days=1)
    enrolment = complete_course(learner, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - timedelta(days=2))

    out = StringIO()
    call_command("record_due_completions", stdout=out)

    assert _completed_at(enrolment) is not None
    assert "1 enrolment(s) completed." in out.getvalue()


def test_steps_of_an_unpublished_module_are_not_required(learner, course):
    first_module, second_module = ModulePage.objects.child_of(course).order_by("path")
    second_module.unpublish()
    enrolment, _ = enrol_learner(learner=learner, course=course)

    for lesson in lessons_of(course):
        if lesson.is_descendant_of(first_module):
            complete_step(learner=learner, step=lesson)

    assert _completed_at(enrolment) is not None
