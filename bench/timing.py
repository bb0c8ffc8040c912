"""Shared helpers for the bench_*.py modules.

Each module exposes `run() -> list[dict]`, one dict per measured row with the keys "name",
"median_ms", "p95_ms", "queries" and "note", and optionally "ratio" (the median as a multiple of
the run's baseline). Use None where a figure does not apply.
"""

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _summary(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(fn: Callable[[], object], repeat: int = 300, warmup: int = 20) -> tuple[float, float]:
    """Call `fn` `warmup` times untimed, then `repeat` times; return (median, p95) in milliseconds."""
    for _ in range(warmup):
        fn()
    return _summary([_timed(fn) for _ in range(repeat)])


def interleaved(
    cases: dict[str, Callable[[], object]], repeat: int = 300, warmup: int = 20
) -> dict[str, tuple[float, float]]:
    """Time `cases` side by side: each round calls every case once, starting one further along each
    round, so that a change in the machine's load falls on all of them alike. Returns
    {name: (median, p95)} in milliseconds."""
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            cases[name]()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(repeat):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(_timed(cases[name]))
    return {name: _summary(values) for name, values in samples.items()}


def count_queries(fn: Callable[[], object]) -> int:
    """The number of SQL queries one call of `fn` issues on the default database."""
    with CaptureQueriesContext(connection) as context:
        fn()
    return len(context.captured_queries)


def row(name: str, fn: Callable[[], object], *, note: str = "", repeat: int = 300, warmup: int = 20) -> dict:
    """Measure `fn` and count its queries (warm), as one result row."""
    median_ms, p95_ms = measure(fn, repeat=repeat, warmup=warmup)
    queries = count_queries(fn)
    return {"name": name, "median_ms": median_ms, "p95_ms": p95_ms, "queries": queries, "note": note}
