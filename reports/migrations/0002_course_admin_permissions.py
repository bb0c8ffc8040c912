"""Course administrators may view and export the learner reports (reports.view_reports); on
PostgreSQL the ICU collation the reports sort names with is created where the server lacks it."""

from django.db import migrations

COURSE_ADMINS = "Kursadministratörer"


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="reports", model="reminder")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_reports",
        defaults={"name": "Can view learner reports and export them"},
    )
    for group in Group.objects.filter(name=COURSE_ADMINS):
        group.permissions.add(permission)


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('CREATE COLLATION IF NOT EXISTS "sv-SE-x-icu" (provider = icu, locale = \'sv-SE\')')


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(create_collation, migrations.RunPython.noop),
    ]
