"""Editors see quiz results in aggregate only: they get view_item_analysis and lose
view_quizattempt, which per-learner reports are gated by. Reviewers and course administrators
see the aggregates too; course administrators keep view_quizattempt."""

from django.db import migrations

EDITORS = "Redaktörer"
REVIEWERS = "Granskare"
COURSE_ADMINS = "Kursadministratörer"


def permission(apps, codename, name):
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="quizzes", model="quizattempt")
    found, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    aggregate = permission(apps, "view_item_analysis", "Can view quiz results in aggregate")
    per_learner = permission(apps, "view_quizattempt", "Can view quiz attempt")
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS, COURSE_ADMINS]):
        group.permissions.add(aggregate)
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(per_learner)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    aggregate = permission(apps, "view_item_analysis", "Can view quiz results in aggregate")
    per_learner = permission(apps, "view_quizattempt", "Can view quiz attempt")
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS, COURSE_ADMINS]):
        group.permissions.remove(aggregate)
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.add(per_learner)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0020_new_quiz_defaults"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
