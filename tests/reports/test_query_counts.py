"""Each report costs the same number of queries however many learners, progress rows and attempts
there are (DESIGN.md invariant 7)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from enrolments.models import Enrolment, StepProgress
from organisations.models import Municipality
from tests.factories import UserFactory, lessons_of

pytestmark = pytest.mark.django_db

CEILINGS = {
    "learners": 18,
    "learners_search": 18,
    "overview": 16,
    "coverage": 10,
    "learners_csv": 14,
    "coverage_csv": 12,
    "home": 20,
}


def _requests(world):
    return {
        "learners": (reverse("reports:learners"), {}),
        "learners_search": (reverse("reports:learners"), {"q": "berg", "status": "inactive"}),
        "overview": (reverse("reports:overview"), {"course": world.course.pk}),
        "coverage": (reverse("reports:coverage"), {}),
        "learners_csv": (reverse("reports:learners"), {"export": "csv"}),
        "coverage_csv": (reverse("reports:coverage"), {"export": "csv"}),
        "home": (reverse("wagtailadmin_home"), {}),
    }


def _count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(context.captured_queries)


def _grow(world, learners: int) -> None:
    lessons = lessons_of(world.course)
    lund = Municipality.objects.get(code="1281")
    for index in range(learners):
        learner = UserFactory(last_name=f"Öst{index}", municipality=lund, organisation_type="police")
        enrolment = Enrolment.objects.create(learner=learner, course=world.course)
        for lesson in lessons[: index % 5]:
            StepProgress.objects.create(enrolment=enrolment, step=lesson)


@pytest.mark.parametrize("name", list(CEILINGS))
def test_a_report_costs_the_same_queries_with_more_learners(world, admin_client, name, django_assert_max_num_queries):
    url, params = _requests(world)[name]
    _count(admin_client, url, params)  # warm the course structure cache
    before = _count(admin_client, url, params)
    _grow(world, 30)
    after = _count(admin_client, url, params)

    assert after == before
    with django_assert_max_num_queries(CEILINGS[name]):
        admin_client.get(url, params)
