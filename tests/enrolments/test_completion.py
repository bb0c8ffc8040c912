from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from courses import models as course_models
from courses.models import ModulePage
from enrolments.models import CompletionRequirement, CompletionRule, Enrolment
from enrolments.services import complete_step, enrol_learner, evaluate_completion, record_completion
from tests.factories import LessonPageFactory, build_course, complete_course, lessons_of

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
    if not hasattr(course_models, "QuizPage"):
        pytest.skip("quizzes are not in this tree")
    from tests.factories import build_quiz

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


def test_a_rule_for_a_page_outside_the_course_is_invalid(course):
    other_course = build_course(modules=1, lessons_per_module=1, index=course.get_parent().specific)
    other_lesson = lessons_of(other_course)[0]
    rule = CompletionRule(course=course, requirement=CompletionRequirement.LESSON_DONE, page=other_lesson)

    with pytest.raises(ValidationError) as error:
        rule.clean()
    assert "page" in error.value.message_dict


def test_a_rule_whose_page_is_of_the_wrong_kind_is_invalid(course):
    rule = CompletionRule(course=course, requirement=CompletionRequirement.QUIZ_PASSED, page=lessons_of(course)[0])

    with pytest.raises(ValidationError) as error:
        rule.clean()
    assert "page" in error.value.message_dict


def test_a_minimum_days_rule_needs_a_number_of_days(course):
    rule = CompletionRule(course=course, requirement=CompletionRequirement.MIN_DAYS)

    with pytest.raises(ValidationError) as error:
        rule.clean()
    assert "min_days" in error.value.message_dict


def test_the_course_editor_shows_the_completion_rules(admin_client, course):
    response = admin_client.get(f"/admin/pages/{course.pk}/edit/")

    assert b"completion_rules-TOTAL_FORMS" in response.content


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


def test_an_editor_saves_completion_rules_in_the_course_page(admin_client, course):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    lesson = lessons_of(course)[0]
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": rich_text(""),
            "audience": "",
            "estimated_hours": "",
            "completion_rules": inline_formset(
                [
                    {"requirement": CompletionRequirement.LESSON_DONE, "page": lesson.pk, "min_days": ""},
                    {"requirement": CompletionRequirement.MIN_DAYS, "page": "", "min_days": "7"},
                ]
            ),
            "action-publish": "publish",
        }
    )

    response = admin_client.post(f"/admin/pages/{course.pk}/edit/", data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    rules = list(CompletionRule.objects.filter(course=course).order_by("sort_order"))
    assert [(rule.requirement, rule.page_id, rule.min_days) for rule in rules] == [
        (CompletionRequirement.LESSON_DONE, lesson.pk, None),
        (CompletionRequirement.MIN_DAYS, None, 7),
    ]


def test_the_course_editor_rejects_a_rule_for_another_courses_page(admin_client, course):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    other_course = build_course(modules=1, lessons_per_module=1, index=course.get_parent().specific)
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": rich_text(""),
            "completion_rules": inline_formset(
                [{"requirement": CompletionRequirement.LESSON_DONE, "page": lessons_of(other_course)[0].pk}]
            ),
            "action-publish": "publish",
        }
    )

    response = admin_client.post(f"/admin/pages/{course.pk}/edit/", data)

    assert response.status_code == 200
    assert not CompletionRule.objects.filter(course=course).exists()


def test_steps_of_an_unpublished_module_are_not_required(learner, course):
    first_module, second_module = ModulePage.objects.child_of(course).order_by("path")
    second_module.unpublish()
    enrolment, _ = enrol_learner(learner=learner, course=course)

    for lesson in lessons_of(course):
        if lesson.is_descendant_of(first_module):
            complete_step(learner=learner, step=lesson)

    assert _completed_at(enrolment) is not None
