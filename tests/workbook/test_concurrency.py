"""PostgreSQL only: two people saving one answer at once never lose work: one save wins, the other is
refused with the winner's text, and the versions are exactly the saves that were accepted."""

import threading

from django.db import connections

import pytest

from enrolments.services import enrol_learner, form_pair
from tests.factories import MunicipalLearnerFactory, PoliceLearnerFactory, build_assignment, build_course
from workbook import services
from workbook.models import Answer, AnswerVersion

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 10


def run_together(targets) -> list:
    barrier = threading.Barrier(len(targets))
    outcomes = [None] * len(targets)

    def worker(index, target):
        try:
            barrier.wait()
            outcomes[index] = target()
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(index, target)) for index, target in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_saves_of_a_joint_answer_keep_one_and_refuse_the_other(reference_data):
    course = build_course(modules=1, lessons_per_module=1)
    assignment = build_assignment(course)
    first, second = MunicipalLearnerFactory(), PoliceLearnerFactory()
    for member in (first, second):
        enrol_learner(learner=member, course=course)
    form_pair(course=course, first=first, second=second)
    for round_number in range(ROUNDS):
        outcomes = run_together(
            [
                lambda author=author, round_number=round_number: services.save_answer(
                    author=author,
                    assignment=assignment,
                    fields={"f0": f"{author.email} i runda {round_number}"},
                    base_version=round_number,
                )
                for author in (first, second)
            ]
        )
        saved = [outcome for outcome in outcomes if isinstance(outcome, Answer)]
        refused = [outcome for outcome in outcomes if isinstance(outcome, services.StaleAnswer)]
        assert (len(saved), len(refused)) == (1, 1), outcomes
        assert refused[0].current.fields["f0"] == saved[0].fields["f0"]
    answer = Answer.objects.get()
    assert answer.version == ROUNDS
    assert AnswerVersion.objects.filter(answer=answer).count() == ROUNDS
