"""Fill the record of existing certificates from what they showed until now: the holder's profile
name and the course title in the certificate's language (the Swedish title where untranslated)."""

from django.conf import settings
from django.db import migrations


def fill_record(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    CoursePage = apps.get_model("courses", "CoursePage")
    certificates = Certificate.objects.filter(enrolment__isnull=False).select_related(
        "enrolment__learner", "enrolment__course"
    )
    for certificate in certificates.iterator(chunk_size=500):
        learner, course = certificate.enrolment.learner, certificate.enrolment.course
        title = course.title
        if certificate.language != settings.LANGUAGE_CODE:
            translated = (
                CoursePage.objects.filter(
                    translation_key=course.translation_key, locale__language_code=certificate.language
                )
                .values_list("title", flat=True)
                .first()
            )
            title = translated or title
        certificate.holder_name = f"{learner.first_name} {learner.last_name}".strip()
        certificate.holder_last_name = learner.last_name
        certificate.course_title = title
        certificate.save(update_fields=["holder_name", "holder_last_name", "course_title"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificate_record_at_issue"),
        ("courses", "0003_completion_rules"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(fill_record, migrations.RunPython.noop)]
