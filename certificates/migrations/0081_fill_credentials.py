"""Give existing certificates what their Open Badges credential is built from: a random, unique
index in the revocation list, the course's key and summary in the certificate's language, and a
salted hash of the holder's e-mail (none for an erased holder)."""

import hashlib
import secrets

from django.conf import settings
from django.db import migrations

STATUS_LIST_SIZE = 131_072


def fill_credentials(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    CoursePage = apps.get_model("courses", "CoursePage")
    used = set(Certificate.objects.filter(status_index__isnull=False).values_list("status_index", flat=True))
    certificates = Certificate.objects.filter(status_index__isnull=True).select_related(
        "enrolment__learner", "enrolment__course"
    )
    for certificate in certificates.iterator(chunk_size=500):
        index = secrets.randbelow(STATUS_LIST_SIZE)
        while index in used:
            index = secrets.randbelow(STATUS_LIST_SIZE)
        used.add(index)
        certificate.status_index = index
        if certificate.enrolment_id is not None:
            course = certificate.enrolment.course
            summary = course.summary
            if certificate.language != settings.LANGUAGE_CODE:
                translated = (
                    CoursePage.objects.filter(
                        translation_key=course.translation_key, locale__language_code=certificate.language
                    )
                    .values_list("summary", flat=True)
                    .first()
                )
                summary = translated or summary
            certificate.course_key = course.translation_key
            certificate.course_description = summary
            salt = secrets.token_hex(16)
            email = certificate.enrolment.learner.email.strip().lower()
            certificate.subject_salt = salt
            certificate.subject_hash = "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()
        certificate.save(
            update_fields=["status_index", "course_key", "course_description", "subject_hash", "subject_salt"]
        )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0080_credentials"), ("courses", "0003_completion_rules")]

    operations = [migrations.RunPython(fill_credentials, migrations.RunPython.noop)]
