"""Completion rules are course content: edited in the course page, validated against the course,
and offered only for the step types that exist."""

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from courses.models import CompletionRequirement, CompletionRule
from tests.factories import build_course, lessons_of

pytestmark = pytest.mark.django_db


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


def test_an_editor_saves_completion_rules_in_the_course_page(admin_client, course):
    lesson = lessons_of(course)[0]
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": rich_text(""),
            "audience": "",
            "estimated_hours": "",
            "reminder_days": 14,
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
    other_course = build_course(modules=1, lessons_per_module=1, index=course.get_parent().specific)
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": rich_text(""),
            "reminder_days": 14,
            "completion_rules": inline_formset(
                [{"requirement": CompletionRequirement.LESSON_DONE, "page": lessons_of(other_course)[0].pk}]
            ),
            "action-publish": "publish",
        }
    )

    response = admin_client.post(f"/admin/pages/{course.pk}/edit/", data)

    assert response.status_code == 200
    assert not CompletionRule.objects.filter(course=course).exists()


def test_assignment_approved_is_offered_now_that_the_workbook_has_its_page_type(admin_client, course):
    content = admin_client.get(f"/admin/pages/{course.pk}/edit/").content.decode()

    assert f'value="{CompletionRequirement.QUIZ_PASSED}"' in content
    assert f'value="{CompletionRequirement.ASSIGNMENT_APPROVED}"' in content


def test_the_course_editor_refuses_an_assignment_rule_on_a_lesson(admin_client, course):
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "description": rich_text(""),
            "reminder_days": 14,
            "completion_rules": inline_formset(
                [{"requirement": CompletionRequirement.ASSIGNMENT_APPROVED, "page": lessons_of(course)[0].pk}]
            ),
            "action-publish": "publish",
        }
    )

    response = admin_client.post(f"/admin/pages/{course.pk}/edit/", data)

    assert response.status_code == 200
    assert not CompletionRule.objects.filter(course=course).exists()


def test_a_step_type_of_kind_assignment_makes_the_requirement_available(monkeypatch):
    class AssignmentPage:
        step_kind = "assignment"

    monkeypatch.setattr("courses.models.step_page_models", lambda: [AssignmentPage])

    assert [value for value, _label in CompletionRule.requirement_choices()] == [
        CompletionRequirement.ASSIGNMENT_APPROVED,
        CompletionRequirement.MIN_DAYS,
    ]
