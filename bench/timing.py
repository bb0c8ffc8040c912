"""Shared helpers for the bench_*.py modules.

Each module exposes `run() -> list[dict]`, one dict per measured row with the keys
"name", "median_ms", "p95_ms", "queries" and "note" (use None where a figure does not apply).
"""

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def measure(fn: Callable[[], object], repeat: int = 300, warmup: int = 20) -> tuple[float, float]:
    """Call `fn` `warmup` times untimed, then `repeat` times; return (median, p95) in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def count_queries(fn: Callable[[], object]) -> int:
    """The number of SQL queries one call of `fn` issues on the default database."""
    with CaptureQueriesContext(connection) as context:
        fn()
    return len(context.captured_queries)


def row(name: str, fn: Callable[[], object], *, note: str = "", repeat: int = 300, warmup: int = 20) -> dict:
    """Measure `fn` and count its queries, as one result row."""
    queries = count_queries(fn)
    median_ms, p95_ms = measure(fn, repeat=repeat, warmup=warmup)
    return {"name": name, "median_ms": median_ms, "p95_ms": p95_ms, "queries": queries, "note": note}
