"""A small world of learners in known states, built once per test module; the report tests
check the figures computed by hand from it.

Course: 2 modules of 2 lessons (steps L1 L2 | L3 L4). Days are before `NOW`, the time the tests start.

| learner | organisation, municipality | state | enrolled | last activity | completed |
| --- | --- | --- | --- | --- | --- |
| Åsa Öberg | municipal, Lund | all steps | 20 | 10 | 10 (10 days) |
| Ärla Ängström | police, Lund | all steps | 40 | 10 | 10 (30 days) |
| Karl Åberg | municipal, Uppsala | all steps | 25 | 5 | 5 (20 days) |
| Olle Zetterberg | municipal, Malmö | L1 L2 | 8 | 5 | – |
| Örjan Berg | police, Uppsala | L1 | 60 | 45 | – |
| Eva Ek | other | – | 70 | 60 | – |

Hence: 6 enrolled, 4 active in the last 30 days, 3 completed (50 %), median 20 days;
module 1 finished by 4 (66.7 %), module 2 by 3 (50 %); 2 stopped (inactive 30 days, not
completed): Berg before L2, Ek before L1. Coverage: Lund both, Uppsala municipal only,
Malmö none: 1 of 290 municipalities has both.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

import pytest

from accounts.models import OrganisationType, User
from courses.models import CoursePage
from enrolments.models import Enrolment, StepProgress
from organisations.models import Municipality
from organisations.services import load_reference_data
from tests.factories import UserFactory, build_course, lessons_of

NOW = timezone.now().replace(microsecond=0)

PEOPLE = [
    # first, last, organisation type, municipality code, steps done, enrolled, last activity, completed (days ago)
    ("Åsa", "Öberg", OrganisationType.MUNICIPALITY, "1281", 4, 20, 10, 10),
    ("Ärla", "Ängström", OrganisationType.POLICE, "1281", 4, 40, 10, 10),
    ("Karl", "Åberg", OrganisationType.MUNICIPALITY, "0380", 4, 25, 5, 5),
    ("Olle", "Zetterberg", OrganisationType.MUNICIPALITY, "1280", 2, 8, 5, None),
    ("Örjan", "Berg", OrganisationType.POLICE, "0380", 1, 60, 45, None),
    ("Eva", "Ek", OrganisationType.OTHER, None, 0, 70, 60, None),
]


@dataclass
class World:
    course: CoursePage
    learners: dict[str, User]
    enrolments: dict[str, Enrolment]


def _days_ago(days: int | None) -> datetime | None:
    return None if days is None else NOW - timedelta(days=days)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        if not Municipality.objects.exists():
            load_reference_data()
        course = build_course(modules=2, lessons_per_module=2)
        lessons = lessons_of(course)
        learners, enrolments = {}, {}
        for first, last, organisation, code, done, enrolled, active, completed in PEOPLE:
            learner = UserFactory(
                first_name=first,
                last_name=last,
                email=f"{first.lower()}.{last.lower()}@example.se",
                organisation_type=organisation,
                municipality=Municipality.objects.get(code=code) if code else None,
            )
            enrolment = Enrolment.objects.create(learner=learner, course=course)
            for lesson in lessons[:done]:
                StepProgress.objects.create(enrolment=enrolment, step=lesson)
            Enrolment.objects.filter(pk=enrolment.pk).update(
                enrolled_at=_days_ago(enrolled), last_activity_at=_days_ago(active), completed_at=_days_ago(completed)
            )
            enrolment.refresh_from_db()
            learners[last] = learner
            enrolments[last] = enrolment
        yield World(course=course, learners=learners, enrolments=enrolments)
        transaction.set_rollback(True)
