from django.contrib.auth.models import Group
from django.db import connection

import pytest

from organisations.models import Municipality
from organisations.services import load_reference_data

from .factories import MunicipalLearnerFactory, TOTPAuthenticatorFactory, UserFactory, build_course


def pytest_runtest_setup(item):
    """Tests marked `postgres` (row locks, concurrency) run on PostgreSQL only."""
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); run with DATABASE_URL=postgres://…")


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
def staff_member(db):
    """Make a member of a staff group (Redaktörer, Granskare, Kursadministratörer) with the
    authenticator app that staff must set up before the admin answers."""

    def make(group: str, **fields):
        user = UserFactory(**fields)
        user.groups.add(Group.objects.get(name=group))
        TOTPAuthenticatorFactory(user=user)
        return user

    return make


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser (behind `admin_client`), with the authenticator app staff must have."""
    TOTPAuthenticatorFactory(user=admin_user)
    return admin_user


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
def _swedish_between_tests():
    """A request to /en/ leaves English active in the thread (LocaleMiddleware never switches it
    back), which would change what reverse() and gettext give the next test."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_site_root_cache_leaks():
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
    yield


@pytest.fixture(autouse=True, scope="session")
def _locale_sync_ignores_raw_saves():
    """Serialized rollback re-creates LocaleSynchronization before the Locale rows it points at
    (raw saves, constraints deferred); wagtail-localize's post_save receiver would then query the
    missing Locale. Let it act on real saves only, for the whole test session."""
    from django.db.models.signals import post_save

    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    def sync_unless_raw(sender, instance, raw=False, **kwargs):
        if not raw:
            sync_trees_on_locale_sync_save(instance, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(sync_unless_raw, sender=LocaleSynchronization, weak=False)
    yield
    post_save.disconnect(sync_unless_raw, sender=LocaleSynchronization)
    post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
