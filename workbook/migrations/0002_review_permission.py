"""Course administrators (Kursadministratörer) review workbook answers (the review_answer permission)."""

from django.db import migrations

GROUPS = ["Kursadministratörer"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="workbook", model="answer")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="review_answer", defaults={"name": "Can review workbook answers"}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("workbook", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
