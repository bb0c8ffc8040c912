"""Course administrators (Kursadministratörer) may view, revoke and reinstate certificates."""

from django.db import migrations

COURSE_ADMINS = "Kursadministratörer"
PERMISSIONS = {
    "view_certificate": "Can view certificate",
    "revoke_certificate": "Can revoke and reinstate certificates",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="certificates", model="certificate")
    group, _ = Group.objects.get_or_create(name=COURSE_ADMINS)
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=COURSE_ADMINS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="certificates", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
