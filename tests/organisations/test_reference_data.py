import subprocess
import sys
from collections import Counter
from io import StringIO

from django.core.management import call_command

import pytest

from organisations.models import County, Municipality, PoliceRegion
from organisations.services import DATA_DIR, load_reference_data

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return sorted(Municipality.objects.values_list("pk", "code", "name", "county__code", "county__police_region__name"))


def test_loader_creates_290_municipalities_21_counties_and_7_police_regions():
    result = load_reference_data()

    assert (Municipality.objects.count(), County.objects.count(), PoliceRegion.objects.count()) == (290, 21, 7)
    assert (result.municipalities, result.counties, result.police_regions) == (290, 21, 7)


def test_municipalities_per_police_region():
    load_reference_data()

    counts = Counter(Municipality.objects.values_list("county__police_region__name", flat=True))

    assert counts == {
        "Nord": 44,
        "Mitt": 28,
        "Stockholm": 27,
        "Öst": 35,
        "Väst": 55,
        "Syd": 58,
        "Bergslagen": 43,
    }


@pytest.mark.parametrize(
    ("code", "name", "county_code"),
    [("0114", "Upplands Väsby", "01"), ("0980", "Gotland", "09"), ("2023", "Malung-Sälen", "20")],
)
def test_municipality_spot_checks(code, name, county_code):
    load_reference_data()

    municipality = Municipality.objects.get(code=code)

    assert (municipality.name, municipality.county.code) == (name, county_code)


def test_loading_twice_creates_nothing_and_changes_nothing():
    load_reference_data()
    before = _snapshot()

    result = load_reference_data()

    assert result.created == 0
    assert _snapshot() == before


def test_loading_repairs_a_changed_name():
    load_reference_data()
    Municipality.objects.filter(code="0114").update(name="Fel namn")

    load_reference_data()

    assert Municipality.objects.get(code="0114").name == "Upplands Väsby"


def test_management_command_prints_progress():
    out = StringIO()

    call_command("load_reference_data", stdout=out)

    output = out.getvalue()
    assert "7 police regions" in output
    assert "21 counties" in output
    assert "50/290 municipalities" in output
    assert "290/290 municipalities" in output


def test_shipped_csvs_pass_the_validator():
    completed = subprocess.run(  # noqa: S603
        [sys.executable, str(DATA_DIR / "check_data.py"), str(DATA_DIR)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
