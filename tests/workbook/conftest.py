import pytest

from accounts.models import AdministratorScope, ScopeKind
from enrolments.services import enrol_learner, form_pair
from tests.factories import MunicipalLearnerFactory, PoliceLearnerFactory, build_assignment, build_course


@pytest.fixture
def assignment_course(db):
    return build_course(modules=2, lessons_per_module=1)


@pytest.fixture
def assignment(assignment_course):
    return build_assignment(assignment_course)


@pytest.fixture
def enrolled(assignment_course, learner):
    enrol_learner(learner=learner, course=assignment_course)
    return learner


@pytest.fixture
def pair(reference_data, assignment_course, assignment):
    first, second = MunicipalLearnerFactory(), PoliceLearnerFactory()
    for member in (first, second):
        enrol_learner(learner=member, course=assignment_course)
    return form_pair(course=assignment_course, first=first, second=second)


@pytest.fixture
def reviewer(staff_member):
    """A course administrator with a national scope."""
    user = staff_member("Kursadministratörer")
    AdministratorScope.objects.create(user=user, kind=ScopeKind.NATIONAL)
    return user
