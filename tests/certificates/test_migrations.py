"""Migration 0081 gives certificates issued before the credentials what their credential is built from."""

import hashlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from certificates import openbadges
from certificates.models import Certificate
from tests.factories import UserFactory, complete_course


def _migrate(target: str) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("certificates", target)])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_certificates_get_a_status_index_course_key_and_salted_hash(course):
    learners = [UserFactory(), UserFactory()]
    issued = [complete_course(learner, course).certificate for learner in learners]
    _migrate("0080_credentials")
    Certificate.objects.update(
        status_index=None, course_key=None, course_description="", subject_hash="", subject_salt=""
    )

    _migrate("0082_status_index_required")

    filled = list(Certificate.objects.filter(pk__in=[certificate.pk for certificate in issued]).order_by("pk"))
    assert len({certificate.status_index for certificate in filled}) == 2
    for certificate, learner in zip(filled, learners, strict=True):
        assert 0 <= certificate.status_index < openbadges.STATUS_LIST_SIZE
        assert certificate.course_key == course.translation_key
        assert certificate.course_description == course.summary
        expected = hashlib.sha256((learner.email.lower() + certificate.subject_salt).encode()).hexdigest()
        assert certificate.subject_hash == f"sha256${expected}"
