import pytest

from reports import services

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def overview(world, admin_user):
    return services.course_overview(admin_user, world.course, now=NOW)


def test_the_overview_counts_enrolled_active_and_completed(overview):
    assert (overview.enrolled, overview.active, overview.completed, overview.stopped) == (6, 4, 3, 2)


def test_the_overview_completion_rate_is_completed_over_enrolled(overview):
    assert overview.completion_rate == pytest.approx(50.0)


def test_the_overview_median_days_to_complete(overview):
    assert overview.median_days == pytest.approx(20.0)


def test_the_overview_share_who_finished_each_module(overview):
    assert [(module.finished, round(module.share, 1)) for module in overview.modules] == [(4, 66.7), (3, 50.0)]


def test_the_drop_off_counts_where_those_who_stopped_stopped(overview):
    assert [item.stopped for item in overview.drop_off] == [1, 1, 0, 0]


def test_coverage_finds_lund_covered_by_both(world, admin_user):
    coverage = services.coverage(admin_user)
    by_code = {item.code: item.level for item in coverage.municipalities}

    assert (coverage.total, coverage.both, coverage.municipal, coverage.police) == (290, 1, 2, 1)
    assert (by_code["1281"], by_code["0380"], by_code["1280"]) == ("both", "municipal", "none")


def test_coverage_totals_per_county_and_police_region(world, admin_user):
    coverage = services.coverage(admin_user)
    skane = next(group for group in coverage.counties if group.name == "Skåne län")
    mitt = next(group for group in coverage.police_regions if group.name == "Mitt")

    assert (skane.total, skane.both, skane.municipal, skane.police) == (33, 1, 1, 1)
    assert (mitt.total, mitt.both, mitt.municipal) == (28, 0, 1)
    assert sum(group.total for group in coverage.counties) == 290
