from django.core.management import call_command

import pytest

from enrolments.models import Enrolment, StepProgress
from quizzes.models import QuizAttempt
from reports import synthetic

pytestmark = pytest.mark.django_db


def test_the_benchmark_dataset_has_the_sizes_asked_for(reference_data):
    call_command(
        "generate_report_dataset", "--learners=120", "--progress=900", "--attempts=150", "--allow-sqlite", verbosity=0
    )

    assert Enrolment.objects.count() == 180
    assert StepProgress.objects.count() == 900
    assert QuizAttempt.objects.count() == 150
    completed = Enrolment.objects.filter(completed_at__isnull=False)
    assert all(enrolment.step_progress.count() == 20 for enrolment in completed)


def test_a_second_run_leaves_the_dataset_alone(reference_data):
    size = synthetic.DatasetSize(learners=10, progress=50, attempts=5)
    synthetic.generate(size=size)
    call_command("generate_report_dataset", "--allow-sqlite", verbosity=0)

    assert StepProgress.objects.count() == 50
