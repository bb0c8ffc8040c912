"""The administrators' reports on the synthetic national dataset (reports.synthetic).

On PostgreSQL the dataset is the full one: 100,000 learners, 2 courses (150,000 enrolments),
1,000,000 step-progress rows, 300,000 quiz attempts (generation time reported, untimed
otherwise); elsewhere one tenth of it (set BENCH_REPORT_LEARNERS etc. to change the sizes).
A national administrator (a superuser with MFA) requests each report page through
`django.test.Client`, the pages interleaved round by round; then the learners report is
exported as CSV and as XLSX (every enrolment), timed for rows per second, and once more under
tracemalloc for the peak of Python memory allocated while producing the file.
"""

import os
import time
import tracemalloc

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import County, Municipality
from organisations.services import load_reference_data
from reports import synthetic
from tests.factories import TOTPAuthenticatorFactory, UserFactory

from .timing import count_queries, interleaved

REPEAT = int(os.environ.get("BENCH_REPORT_REPEAT", "10"))


def _size() -> synthetic.DatasetSize:
    full = connection.vendor == "postgresql"
    return synthetic.DatasetSize(
        learners=int(os.environ.get("BENCH_REPORT_LEARNERS", "100000" if full else "10000")),
        progress=int(os.environ.get("BENCH_REPORT_PROGRESS", "1000000" if full else "100000")),
        attempts=int(os.environ.get("BENCH_REPORT_ATTEMPTS", "300000" if full else "30000")),
    )


def _get(client: Client, url: str, params: dict):
    def request():
        response = client.get(url, params)
        if response.status_code != 200:
            raise AssertionError(f"GET {url} answered {response.status_code}")
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        return response

    return request


def _export(client: Client, export_format: str) -> tuple[float, int, int]:
    """(seconds, bytes, queries) of one full export of the learners report."""
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(reverse("reports:learners"), {"export": export_format})
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
        seconds = time.perf_counter() - start
    return seconds, size, len(queries.captured_queries)


def _peak_memory(client: Client, export_format: str) -> int:
    tracemalloc.start()
    try:
        response = client.get(reverse("reports:learners"), {"export": export_format})
        for _chunk in response.streaming_content:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run() -> list[dict]:
    if not Municipality.objects.exists():
        load_reference_data()
    size = _size()
    start = time.perf_counter()
    counts = synthetic.generate(size=size, report=lambda message: print(message, flush=True))
    generated_s = time.perf_counter() - start

    administrator = UserFactory(is_staff=True, is_superuser=True)
    TOTPAuthenticatorFactory(user=administrator)
    client = Client()
    client.force_login(administrator)
    course = synthetic.CoursePage.objects.filter(slug="bench-kurs-1").first()
    skane = County.objects.get(code="12")
    cases = {
        "course overview (first course)": (reverse("reports:overview"), {"course": course.pk}),
        "learners, page 1": (reverse("reports:learners"), {}),
        "learners, page 500": (reverse("reports:learners"), {"p": 500}),
        "learners, Skåne, inactive, search 'åberg'": (
            reverse("reports:learners"),
            {"county": skane.pk, "status": "inactive", "q": "åberg"},
        ),
        "coverage (290 municipalities)": (reverse("reports:coverage"), {}),
        "admin home page with the panel": (reverse("wagtailadmin_home"), {}),
    }
    requests = {name: _get(client, url, params) for name, (url, params) in cases.items()}
    timings = interleaved(requests, repeat=REPEAT, warmup=2)
    rows = [
        {
            "name": "generate the dataset",
            "median_ms": generated_s * 1000,
            "p95_ms": None,
            "queries": None,
            "note": ", ".join(f"{count:,} {name}" for name, count in counts.items()),
        }
    ]
    for name, request in requests.items():
        median_ms, p95_ms = timings[name]
        rows.append(
            {"name": name, "median_ms": median_ms, "p95_ms": p95_ms, "queries": count_queries(request), "note": ""}
        )

    enrolments = counts["enrolments"]
    for export_format in ("csv", "xlsx"):
        seconds, size_bytes, queries = _export(client, export_format)
        # The XLSX is assembled in memory by openpyxl (Wagtail's writer); only the CSV streams.
        peak = _peak_memory(client, export_format) if export_format == "csv" else None
        memory = f", peak Python memory {peak / 1e6:.1f} MB (tracemalloc)" if peak is not None else ""
        rows.append(
            {
                "name": f"export learners {export_format.upper()} ({enrolments:,} rows)",
                "median_ms": seconds * 1000,
                "p95_ms": None,
                "queries": queries,
                "note": f"one run: {enrolments / seconds:,.0f} rows/s, {size_bytes / 1e6:.1f} MB{memory}",
            }
        )
    return rows
