import re
import threading

from django.db import connection
from django.utils import timezone

import pytest

from certificates.models import Certificate
from certificates.services import CertificateError, issue_certificate
from enrolments.models import Enrolment
from enrolments.services import complete_step, enrol_learner
from tests.factories import UserFactory, build_course, complete_course, lessons_of


@pytest.mark.django_db
def test_completion_issues_one_certificate(learner, course):
    enrolment = complete_course(learner, course)

    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


@pytest.mark.django_db
def test_issuing_again_returns_the_same_certificate(certificate):
    again, created = issue_certificate(enrolment=certificate.enrolment)

    assert not created
    assert again.pk == certificate.pk


@pytest.mark.django_db
def test_an_unfinished_enrolment_gets_no_certificate(learner, course):
    enrolment, _ = enrol_learner(learner=learner, course=course)

    with pytest.raises(CertificateError):
        issue_certificate(enrolment=enrolment)


@pytest.mark.django_db
def test_the_serial_is_sa_year_and_six_digits(certificate):
    assert re.fullmatch(rf"SA-{timezone.localdate().year}-\d{{6}}", certificate.serial)


@pytest.mark.django_db
def test_serials_follow_each_other(course):
    first = complete_course(UserFactory(), course).certificate
    second = complete_course(UserFactory(), course).certificate

    assert int(second.serial[-6:]) == int(first.serial[-6:]) + 1


@pytest.mark.django_db
def test_the_verification_code_has_at_least_128_random_bits_and_is_url_safe(certificate):
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", certificate.verification_code)


@pytest.mark.django_db
def test_the_certificate_is_in_the_learners_language(course):
    learner = UserFactory(preferred_language="en")

    assert complete_course(learner, course).certificate.language == "en"


def _run_in_threads(count: int, target) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            target(index)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_completion_issues_exactly_one_certificate():
    course = build_course(modules=1, lessons_per_module=4)
    learner = UserFactory()
    enrol_learner(learner=learner, course=course)
    lessons = lessons_of(course)

    errors = _run_in_threads(len(lessons), lambda index: complete_step(learner=learner, step=lessons[index]))

    assert errors == []
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issues_for_one_enrolment_give_one_certificate():
    course = build_course(modules=1, lessons_per_module=1)
    enrolment = complete_course(UserFactory(), course)
    Certificate.objects.filter(enrolment=enrolment).delete()
    results = []

    errors = _run_in_threads(8, lambda index: results.append(issue_certificate(enrolment=enrolment)))

    assert errors == []
    assert sorted(created for _certificate, created in results) == [False] * 7 + [True]
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_issues_get_fifty_consecutive_serials():
    course = build_course(modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    learners = [UserFactory() for _ in range(50)]
    for learner in learners:
        enrol_learner(learner=learner, course=course)

    errors = _run_in_threads(50, lambda index: complete_step(learner=learners[index], step=lesson))

    assert errors == []
    numbers = sorted(int(serial[-6:]) for serial in Certificate.objects.values_list("serial", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 50))
