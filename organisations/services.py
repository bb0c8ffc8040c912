"""Loading the shipped reference data (counties, municipalities, police regions)."""

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import County, Municipality, PoliceRegion
from .signals import reference_data_loaded

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class LoadResult:
    police_regions: int
    counties: int
    municipalities: int
    created: int


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_reference_data(*, progress: Callable[[str], None] | None = None) -> LoadResult:
    """Create or update regions, counties and municipalities from the CSVs in organisations/data.

    Idempotent: natural keys (region name, county code, municipality code) are matched,
    so running it again changes nothing. Then sends `reference_data_loaded`.
    """
    report = progress or (lambda message: None)
    counties = _read("counties.csv")
    municipalities = _read("municipalities.csv")
    created = 0

    regions: dict[str, PoliceRegion] = {}
    for name in sorted({row["police_region"] for row in counties}):
        regions[name], was_created = PoliceRegion.objects.get_or_create(name=name)
        created += was_created
    report(f"{len(regions)} police regions")

    county_by_code: dict[str, County] = {}
    for row in counties:
        county, was_created = County.objects.update_or_create(
            code=row["county_code"],
            defaults={"name": row["county_name"], "police_region": regions[row["police_region"]]},
        )
        county_by_code[county.code] = county
        created += was_created
    report(f"{len(county_by_code)} counties")

    for index, row in enumerate(municipalities, start=1):
        _, was_created = Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={"name": row["municipality_name"], "county": county_by_code[row["county_code"]]},
        )
        created += was_created
        if index % 50 == 0 or index == len(municipalities):
            report(f"{index}/{len(municipalities)} municipalities")

    reference_data_loaded.send(sender=LoadResult, progress=report)
    return LoadResult(
        police_regions=len(regions),
        counties=len(county_by_code),
        municipalities=len(municipalities),
        created=created,
    )
