"""What each staff group may do with the course (courses/0021, quizzes/0021) and the report of
translations whose source changed."""

from http import HTTPStatus

from django.urls import reverse

from wagtail.models import GroupApprovalTask

import pytest

from courses.views import outdated_translations
from tests.factories import english, lessons_of

EDITORS, REVIEWERS, COURSE_ADMINS = "Redaktörer", "Granskare", "Kursadministratörer"

# group: (edit pages, publish pages, translate, per-learner quiz results, aggregate quiz results, certificates)
MATRIX = {
    EDITORS: (True, False, True, False, True, False),
    REVIEWERS: (True, True, False, False, True, False),
    COURSE_ADMINS: (False, False, False, True, True, True),
}


@pytest.mark.parametrize("group", MATRIX)
def test_each_group_holds_the_permissions_its_work_needs(course, staff_member, group):
    user = staff_member(group)
    permissions = course.permissions_for_user(user)
    assert (
        permissions.can_edit(),
        permissions.can_publish(),
        user.has_perm("wagtail_localize.submit_translation"),
        user.has_perm("quizzes.view_quizattempt"),
        user.has_perm("quizzes.view_item_analysis"),
        user.has_perm("certificates.view_certificate"),
    ) == MATRIX[group]


def test_a_workflow_on_the_course_needs_a_reviewers_approval(course):
    workflow = course.get_workflow()
    assert workflow is not None and workflow.active
    [task] = [task.specific for task in workflow.tasks.all()]
    assert isinstance(task, GroupApprovalTask)
    assert set(task.groups.values_list("name", flat=True)) & {REVIEWERS} == {REVIEWERS}
    assert not task.groups.filter(name__in=[EDITORS, COURSE_ADMINS]).exists()


def test_an_editor_may_open_the_translation_of_a_page(client, course, staff_member):
    client.force_login(staff_member(EDITORS))
    lesson = lessons_of(course)[0]
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[lesson.pk]))
    assert response.status_code == HTTPStatus.OK


def test_a_course_administrator_may_not_translate(client, course, staff_member):
    client.force_login(staff_member(COURSE_ADMINS))
    lesson = lessons_of(course)[0]
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[lesson.pk]))
    assert response.status_code == HTTPStatus.FOUND  # Wagtail's "permission denied" redirect


def test_a_page_whose_swedish_source_changed_is_listed_for_translation(db, client, staff_member):
    from tests.factories import build_course

    course = build_course(modules=1, lessons_per_module=2, english=True)
    first, second = lessons_of(course)
    for lesson in (first, second):
        translation = english(lesson)
        translation.alias_of = None
        translation.save(update_fields=["alias_of"])
        translation.save_revision()
    assert not outdated_translations().exists()

    first.title = "Ny titel"
    first.save_revision()
    assert list(outdated_translations().values_list("pk", flat=True)) == [english(first).pk]

    client.force_login(staff_member(EDITORS))
    response = client.get(reverse("courses_outdated_translations"))
    assert response.status_code == HTTPStatus.OK
    assert english(first).title in response.content.decode()
    assert english(second).title not in response.content.decode()


def test_the_report_is_not_for_course_administrators(client, course, staff_member):
    client.force_login(staff_member(COURSE_ADMINS))
    response = client.get(reverse("courses_outdated_translations"))
    assert response.status_code == HTTPStatus.FOUND
