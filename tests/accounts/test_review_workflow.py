"""The review workflow has one plain Swedish name, "Granskning", for the workflow and its task."""

import importlib

from django.apps import apps

from wagtail.models import Page, Task, Workflow, WorkflowPage

import pytest

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0090_review_workflow")


def _root_workflow() -> Workflow:
    return WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow


def test_the_workflow_and_its_task_are_named_granskning():
    workflow = _root_workflow()

    assert workflow.name == "Granskning"
    assert [task.name for task in workflow.tasks] == ["Granskning"]
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


def test_the_reviewers_approve_in_the_workflow():
    task = _root_workflow().tasks.get().specific

    assert "Granskare" in set(task.groups.values_list("name", flat=True))


def test_running_the_migration_again_changes_nothing():
    migration.name_review_workflow(apps, None)

    assert Workflow.objects.count() == 1
    assert _root_workflow().name == "Granskning"
    assert list(Task.objects.values_list("name", flat=True)) == ["Granskning"]


def test_without_a_workflow_the_migration_creates_one_for_the_reviewers():
    WorkflowPage.objects.all().delete()
    Workflow.objects.all().delete()
    Task.objects.all().delete()

    migration.name_review_workflow(apps, None)

    workflow = _root_workflow()
    assert workflow.name == "Granskning"
    assert list(workflow.tasks.get().specific.groups.values_list("name", flat=True)) == ["Granskare"]
