"""Editors and course administrators may see quiz results in the Wagtail admin
(the view_quizattempt permission)."""

from django.db import migrations

GROUPS = ["Redaktörer", "Kursadministratörer"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="quizzes", model="quizattempt")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_quizattempt", defaults={"name": "Can view quiz attempt"}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
