"""The editorial roles and the review workflow:

- Redaktörer edit course pages and submit them for review (page permissions from accounts/0002)
  and translate them (wagtail-localize's submit_translation);
- Granskare approve or reject in the workflow's approval task, and publish;
- Kursadministratörer hold no page permission, so they cannot publish content.

The workflow covering the whole tree (so the course too) is Wagtail's default one when it exists
(another migration renames it "Granskning"); otherwise one named "Granskning" is made.
"""

from django.db import migrations

EDITORS = "Redaktörer"
REVIEWERS = "Granskare"
COURSE_ADMINS = "Kursadministratörer"
WORKFLOW_NAME = "Granskning"


def configure(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    translation_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    submit_translation, _ = Permission.objects.get_or_create(
        content_type=translation_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.add(submit_translation)
    GroupPagePermission.objects.filter(group__name=COURSE_ADMINS).delete()

    reviewers = Group.objects.filter(name=REVIEWERS).first()
    root = Page.objects.filter(depth=1).first()
    if reviewers is None or root is None:
        return
    assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assigned is not None:
        workflow = assigned.workflow
    else:
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
        WorkflowPage.objects.create(page=root, workflow=workflow)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=WORKFLOW_NAME, defaults={"content_type": task_type, "active": True}
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for link in WorkflowTask.objects.filter(workflow=workflow):
        approval = GroupApprovalTask.objects.filter(pk=link.task_id).first()
        if approval is not None:
            approval.groups.add(reviewers)
            approval.groups.remove(*Group.objects.filter(name__in=[EDITORS, COURSE_ADMINS]))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0020_training_import"),
        ("accounts", "0002_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(configure, migrations.RunPython.noop)]
