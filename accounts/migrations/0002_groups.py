"""The three Wagtail groups: editors write, reviewers approve and publish, course
administrators follow learners. Reviewers also join the default moderation workflow."""

from django.db import migrations

EDITORS = "Redaktörer"
REVIEWERS = "Granskare"
COURSE_ADMINS = "Kursadministratörer"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    REVIEWERS: ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
    COURSE_ADMINS: [],
}
COLLECTION_PERMISSIONS = {
    EDITORS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    REVIEWERS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    COURSE_ADMINS: [],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    for name in (EDITORS, REVIEWERS, COURSE_ADMINS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in PAGE_PERMISSIONS[name]:
            permission, _ = Permission.objects.get_or_create(
                content_type=page_type, codename=codename, defaults={"name": codename}
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for codename in COLLECTION_PERMISSIONS[name]:
            model = codename.split("_", 1)[1]
            app_label = {"image": "wagtailimages", "document": "wagtaildocs"}[model]
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename}
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    reviewers = Group.objects.get(name=REVIEWERS)
    for task in GroupApprovalTask.objects.filter(active=True):
        task.groups.add(reviewers)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
