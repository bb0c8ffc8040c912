import pytest

from organisations.models import Municipality
from organisations.services import load_reference_data

from .factories import MunicipalLearnerFactory, UserFactory, build_course


@pytest.fixture
def reference_data(db):
    if not Municipality.objects.exists():
        load_reference_data()


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def municipal_learner(reference_data):
    return MunicipalLearnerFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def course(db):
    return build_course(modules=2, lessons_per_module=2)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters (allauth) and other cached state never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_site_root_cache_leaks():
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
    yield
