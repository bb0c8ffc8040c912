"""The administrator scope: who sees which learners (DESIGN.md invariant 5, issue 12)."""

from django.db import IntegrityError, transaction

import pytest

from accounts.models import AdministratorScope, OrganisationType, ScopeKind
from accounts.scope import can_see_learner, learner_q, learners_in_scope, municipality_q, scope_label
from enrolments.models import Enrolment
from organisations.models import County, Municipality, PoliceRegion
from tests.factories import UserFactory


@pytest.fixture
def world(reference_data):
    """Learners in Lund and Malmö (Skåne, region Syd), Uppsala (region Mitt), a county board in Skåne
    and one with no municipality on their profile."""
    lund = Municipality.objects.get(name="Lund")
    malmo = Municipality.objects.get(name="Malmö")
    uppsala = Municipality.objects.get(name="Uppsala")
    return {
        "lund": UserFactory(organisation_type=OrganisationType.MUNICIPALITY, municipality=lund),
        "malmo_police": UserFactory(organisation_type=OrganisationType.POLICE, municipality=malmo),
        "uppsala": UserFactory(organisation_type=OrganisationType.MUNICIPALITY, municipality=uppsala),
        "skane_board": UserFactory(
            organisation_type=OrganisationType.COUNTY_BOARD, county=County.objects.get(name="Skåne län")
        ),
        "nowhere": UserFactory(organisation_type=OrganisationType.OTHER),
    }


def administrator(**scope):
    user = UserFactory()
    if scope:
        AdministratorScope.objects.create(user=user, **scope)
    return user


def visible(admin, world) -> set[str]:
    pks = set(learners_in_scope(admin).filter(pk__in=[u.pk for u in world.values()]).values_list("pk", flat=True))
    return {name for name, user in world.items() if user.pk in pks}


def test_no_scope_row_sees_no_learner(world):
    admin = administrator()
    assert visible(admin, world) == set()
    assert not can_see_learner(admin, world["lund"])


def test_national_scope_sees_every_learner(world):
    admin = administrator(kind=ScopeKind.NATIONAL)
    assert visible(admin, world) == set(world)
    assert learner_q(admin) == learner_q(admin, "learner__")  # no filter at all


def test_superuser_sees_every_learner(world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert visible(admin, world) == set(world)


def test_county_scope_sees_its_municipalities_and_county_board(world):
    admin = administrator(kind=ScopeKind.COUNTY, county=County.objects.get(name="Skåne län"))
    assert visible(admin, world) == {"lund", "malmo_police", "skane_board"}
    assert not can_see_learner(admin, world["uppsala"])
    assert can_see_learner(admin, world["lund"].pk)


def test_police_region_scope_follows_its_counties(world):
    admin = administrator(kind=ScopeKind.POLICE_REGION, police_region=PoliceRegion.objects.get(name="Syd"))
    assert visible(admin, world) == {"lund", "malmo_police", "skane_board"}
    mitt = administrator(kind=ScopeKind.POLICE_REGION, police_region=PoliceRegion.objects.get(name="Mitt"))
    assert visible(mitt, world) == {"uppsala"}


def test_municipality_scope_sees_only_that_municipality(world):
    admin = administrator(kind=ScopeKind.MUNICIPALITY, municipality=Municipality.objects.get(name="Lund"))
    assert visible(admin, world) == {"lund"}
    assert not can_see_learner(admin, world["malmo_police"])


def test_inactive_administrator_sees_nothing(world):
    admin = administrator(kind=ScopeKind.NATIONAL)
    admin.is_active = False
    admin.save()
    assert visible(admin, world) == set()


def test_prefix_filters_a_related_model(world, course):
    for user in world.values():
        Enrolment.objects.create(learner=user, course=course)
    admin = administrator(kind=ScopeKind.MUNICIPALITY, municipality=Municipality.objects.get(name="Lund"))
    rows = Enrolment.objects.filter(learner_q(admin, "learner__"))
    assert [row.learner for row in rows] == [world["lund"]]
    assert not Enrolment.objects.filter(learner_q(administrator(), "learner__")).exists()


def test_municipality_q_limits_coverage_to_the_scope(reference_data):
    skane = County.objects.get(name="Skåne län")
    admin = administrator(kind=ScopeKind.COUNTY, county=skane)
    names = set(Municipality.objects.filter(municipality_q(admin)).values_list("county__name", flat=True))
    assert names == {"Skåne län"}
    assert Municipality.objects.filter(municipality_q(administrator(kind=ScopeKind.NATIONAL))).count() == 290
    assert not Municipality.objects.filter(municipality_q(administrator())).exists()


def test_scope_is_read_once_per_user_object(world, django_assert_num_queries):
    admin = administrator(kind=ScopeKind.COUNTY, county=County.objects.get(name="Skåne län"))
    admin = type(admin).objects.get(pk=admin.pk)
    with django_assert_num_queries(1):
        learner_q(admin)
        learner_q(admin, "learner__")
        scope_label(admin)
    nobody = type(admin).objects.get(pk=administrator().pk)
    with django_assert_num_queries(1):
        learner_q(nobody)
        learner_q(nobody)


def test_scope_labels(reference_data):
    assert scope_label(administrator(kind=ScopeKind.NATIONAL)) != scope_label(administrator())
    lund = administrator(kind=ScopeKind.MUNICIPALITY, municipality=Municipality.objects.get(name="Lund"))
    assert "Lund" in scope_label(lund)
    syd = administrator(kind=ScopeKind.POLICE_REGION, police_region=PoliceRegion.objects.get(name="Syd"))
    assert "Syd" in scope_label(syd)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": ScopeKind.COUNTY},
        {"kind": ScopeKind.NATIONAL, "county_name": "Skåne län"},
        {"kind": ScopeKind.MUNICIPALITY, "county_name": "Skåne län"},
    ],
)
def test_database_refuses_an_area_that_does_not_match_the_kind(reference_data, fields):
    county_name = fields.pop("county_name", None)
    if county_name:
        fields["county"] = County.objects.get(name=county_name)
    with pytest.raises(IntegrityError), transaction.atomic():
        AdministratorScope.objects.create(user=UserFactory(), **fields)
