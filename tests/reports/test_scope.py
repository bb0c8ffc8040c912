"""A scoped administrator's reports, exports and dashboard hold only the learners in their scope."""

import csv
import io

from django.urls import reverse

import pytest

from accounts.models import AdministratorScope, ScopeKind
from organisations.models import County, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped_client(client, staff_member):
    def make(**scope):
        administrator = staff_member("Kursadministratörer", is_staff=True)
        AdministratorScope.objects.create(user=administrator, **scope)
        client.force_login(administrator)
        return client

    return make


@pytest.fixture
def skane_client(world, scoped_client):
    return scoped_client(kind=ScopeKind.COUNTY, county=County.objects.get(code="12"))


def _last_names(response) -> list[str]:
    return [row.learner.last_name for row in response.context["object_list"]]


def test_a_county_administrator_lists_only_learners_in_their_county(skane_client):
    assert _last_names(skane_client.get(reverse("reports:learners"))) == ["Zetterberg", "Ängström", "Öberg"]


def test_a_county_administrator_cannot_search_their_way_out_of_scope(skane_client):
    assert _last_names(skane_client.get(reverse("reports:learners"), {"q": "berg"})) == ["Zetterberg", "Öberg"]


def test_a_county_administrators_csv_leaves_out_learners_elsewhere(skane_client):
    content = b"".join(skane_client.get(reverse("reports:learners"), {"export": "csv"}).streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    assert sorted(row[0] for row in rows[1:]) == ["Zetterberg", "Ängström", "Öberg"]
    assert "Åberg" not in content.decode("utf-8-sig")


def test_a_county_administrators_overview_counts_only_their_county(skane_client, world):
    overview = skane_client.get(reverse("reports:overview"), {"course": world.course.pk}).context["overview"]

    assert (overview.enrolled, overview.completed, overview.stopped) == (3, 2, 0)


def test_a_county_administrators_coverage_shows_their_countys_municipalities(skane_client):
    coverage = skane_client.get(reverse("reports:coverage")).context["coverage"]

    assert (coverage.total, coverage.both) == (33, 1)
    assert {item.county for item in coverage.municipalities} == {"Skåne län"}


def test_a_municipality_administrator_sees_one_municipality(world, scoped_client):
    client = scoped_client(kind=ScopeKind.MUNICIPALITY, municipality=Municipality.objects.get(code="0380"))

    assert _last_names(client.get(reverse("reports:learners"))) == ["Berg", "Åberg"]
    assert client.get(reverse("reports:coverage")).context["coverage"].total == 1


def test_a_national_administrator_sees_everyone(world, scoped_client):
    client = scoped_client(kind=ScopeKind.NATIONAL)

    assert len(_last_names(client.get(reverse("reports:learners")))) == 6
