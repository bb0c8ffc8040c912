import pytest

from tests.factories import UserFactory, complete_course


@pytest.fixture
def certificate(learner, course):
    return complete_course(learner, course).certificate


@pytest.fixture
def other_client(client, db):
    client.force_login(UserFactory())
    return client
