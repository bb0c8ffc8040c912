"""Course administrators (Kursadministratörer) run cohorts: view, add and change them, and see
learners (the learner page in the admin)."""

from django.db import migrations

COURSE_ADMINS = "Kursadministratörer"
PERMISSIONS = {
    ("enrolments", "cohort"): {
        "view_cohort": "Can view cohort",
        "add_cohort": "Can add cohort",
        "change_cohort": "Can change cohort",
    },
    ("enrolments", "enrolment"): {"view_enrolment": "Can view enrolment"},
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    group, _ = Group.objects.get_or_create(name=COURSE_ADMINS)
    for (app_label, model), permissions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for codename, name in permissions.items():
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=COURSE_ADMINS).first()
    if group is not None:
        for (app_label, model), permissions in PERMISSIONS.items():
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, content_type__model=model, codename__in=permissions
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("enrolments", "0030_cohorts"),
        ("accounts", "0002_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
