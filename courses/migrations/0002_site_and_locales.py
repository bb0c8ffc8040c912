"""Replace Wagtail's welcome page with a Swedish HomePage, add the English locale with a
synchronised tree (an English alias of the home page), and point the default site at it."""

import uuid

from django.db import migrations


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("courses.HomePage")
    LocaleSynchronization = apps.get_model("wagtail_localize.LocaleSynchronization")

    if HomePage.objects.exists():
        return
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2, slug="home").delete()
    home_type, _ = ContentType.objects.get_or_create(app_label="courses", model="homepage")
    root = Page.objects.get(depth=1)
    translation_key = uuid.uuid4()
    common = {
        "title": "Samverkansakademin",
        "draft_title": "Samverkansakademin",
        "content_type": home_type,
        "depth": 2,
        "numchild": 0,
        "live": True,
        "translation_key": translation_key,
        "intro": "",
        "body": "[]",
    }
    home = HomePage.objects.create(path=f"{root.path}0001", slug="hem", url_path="/hem/", locale=sv, **common)
    HomePage.objects.create(
        path=f"{root.path}0002", slug="home-en", url_path="/home-en/", locale=en, alias_of=home, **common
    )
    Page.objects.filter(pk=root.pk).update(numchild=2)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Samverkansakademin"
    )
    LocaleSynchronization.objects.get_or_create(locale=en, defaults={"sync_from": sv})


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
