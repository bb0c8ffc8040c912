import pytest

from enrolments.services import enrol_learner
from tests.factories import build_quiz


@pytest.fixture
def quiz(course):
    return build_quiz(course)


@pytest.fixture
def enrolled(learner, course):
    enrol_learner(learner=learner, course=course)
    return learner


@pytest.fixture
def quiz_client(learner_client, enrolled):
    return learner_client
