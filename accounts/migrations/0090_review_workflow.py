"""The review workflow and its task get one plain Swedish name, "Granskning", instead of
Wagtail's default "Moderators approval", which showed in Swedish screens and e-mails. The
workflow on the root page is renamed (or created, for the reviewers, if there is none)."""

from django.db import migrations

NAME = "Granskning"
WAGTAIL_DEFAULT = "Moderators approval"
REVIEWERS = "Granskare"


def name_review_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Task = apps.get_model("wagtailcore.Task")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")

    root = Page.objects.get(depth=1)
    on_root = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if on_root is None:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=NAME, content_type=task_type, active=True)
        task.groups.set(Group.objects.filter(name=REVIEWERS))
        workflow = Workflow.objects.create(name=NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=root)
        return
    workflow = on_root.workflow
    if workflow.name == WAGTAIL_DEFAULT:
        workflow.name = NAME
        workflow.save(update_fields=["name"])
    Task.objects.filter(workflow_tasks__workflow=workflow, name=WAGTAIL_DEFAULT).update(name=NAME)


def restore_wagtail_names(apps, schema_editor):
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Workflow.objects.filter(name=NAME).update(name=WAGTAIL_DEFAULT)
    Task.objects.filter(name=NAME).update(name=WAGTAIL_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0040_user_receives_reminders"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_review_workflow, restore_wagtail_names)]
