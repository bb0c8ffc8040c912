"""`make bench`: run every bench/bench_*.py module against a throwaway test database.

Each module's `run()` returns rows {"name", "median_ms", "p95_ms", "queries", "note"} and
optionally "ratio" (see bench/timing.py). The figures and the machine's load average at the start
and at the end are printed and written to bench/RESULTS.md; a "## Before and after" section
already in that file is kept. A module that raises is reported as failed and the others still run.
`python -m bench reports quizzes` runs only bench_reports and bench_quizzes and replaces only their
sections of RESULTS.md (each with its own machine and load-average lines), keeping the others.
Timings are never asserted anywhere.
"""

import importlib
import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
KEPT_SECTION = "## Before and after"

INTRODUCTION = """\
Figures from `make bench` (`python -m bench`): each benchmark runs in-process against a throwaway
test database created from the migrations, with the test settings (local-memory cache, database
sessions, MD5 password hashing) but without the test runner's template instrumentation. Page
timings are the server time of a request made through `django.test.Client` (URL routing,
middleware, session and user lookup, Wagtail page serving and template rendering; no network, no
browser), after a warm-up; *queries* is the number of SQL queries of one such request, warm.
Medians show the typical cost, p95 the slow tail; compare rows of one run with each other rather
than across machines or runs: a loaded machine (see the load average) slows every row.
*× baseline* is a row's median as a multiple of its baseline's (in bench_pages: the plain page with
the same body, requested by the same visitor in the same rounds). Timings are never asserted in
the test suite: query ceilings are pinned there with `django_assert_max_num_queries` instead.
"""


def _machine() -> dict[str, str]:
    from django.db import connection

    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "Platform": platform.platform(),
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "Python": platform.python_version(),
        "Database": f"{connection.display_name} {'.'.join(map(str, connection.get_database_version()))}",
    }


def _load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 minutes, {os.cpu_count()} cores)"


def _modules() -> list[str]:
    return sorted(f"bench.{path.stem}" for path in BENCH_DIR.glob("bench_*.py"))


def _run_module(name: str) -> tuple[list[dict], str | None]:
    try:
        module = importlib.import_module(name)
        return list(module.run()), None
    except Exception as error:  # noqa: BLE001 - one failing benchmark must not stop the others
        traceback.print_exc()
        return [], f"{type(error).__name__}: {error}"


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(rows: list[dict]) -> list[str]:
    lines = [
        "| benchmark | median ms | p95 ms | × baseline | queries | note |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        cells = [row["name"], _fmt(row.get("median_ms")), _fmt(row.get("p95_ms")), _fmt(row.get("ratio"))]
        cells += [_fmt(row.get("queries")), row.get("note") or ""]
        lines.append("| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |")
    return lines


def _print_results(results: list[tuple[str, list[dict], str | None]]) -> None:
    width = max([len(row["name"]) for _name, rows, _error in results for row in rows] + [40])
    print(f"\n{'benchmark':<{width}}  {'median ms':>10}  {'p95 ms':>10}  {'×':>5}  {'queries':>7}  note")
    for name, rows, error in results:
        print(f"-- {name}")
        if error:
            print(f"{'FAILED':<{width}}  {'':>10}  {'':>10}  {'':>5}  {'':>7}  {error}")
        for row in rows:
            print(
                f"{row['name']:<{width}}  {_fmt(row.get('median_ms')):>10}  {_fmt(row.get('p95_ms')):>10}  "
                f"{_fmt(row.get('ratio')):>5}  {_fmt(row.get('queries')):>7}  {row.get('note') or ''}"
            )


def _kept_section() -> str:
    previous = RESULTS.read_text() if RESULTS.exists() else ""
    return previous[previous.index(KEPT_SECTION) :] if KEPT_SECTION in previous else ""


def _section(name: str, rows: list[dict], error: str | None, machine: dict[str, str] | None = None) -> list[str]:
    lines = ["", f"## {name.removeprefix('bench.')}", ""]
    if machine:
        lines += [f"Run on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}."]
        lines += [f"- **{key}:** {value}" for key, value in machine.items()] + [""]
    if error:
        rows = [{"name": "FAILED", "note": error}, *rows]
    return lines + _table(rows)


def _replace_sections(results: list[tuple[str, list[dict], str | None]], machine: dict[str, str]) -> None:
    """Replace the sections of the modules run in RESULTS.md (or add them before the kept section)."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    for name, rows, error in results:
        section = "\n".join(_section(name, rows, error, machine)).lstrip("\n") + "\n"
        heading = f"## {name.removeprefix('bench.')}\n"
        if heading in text:
            start = text.index(heading)
            end = text.find("\n## ", start + len(heading))
            text = text[:start] + section + (text[end:] if end != -1 else "")
        elif KEPT_SECTION in text:
            start = text.index(KEPT_SECTION)
            text = text[:start] + section + "\n" + text[start:]
        else:
            text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


def _write_results(results: list[tuple[str, list[dict], str | None]], machine: dict[str, str]) -> None:
    kept = _kept_section()
    lines = ["# Benchmark results", "", INTRODUCTION, f"Run on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.", ""]
    lines += [f"- **{key}:** {value}" for key, value in machine.items()]
    for name, rows, error in results:
        lines += _section(name, rows, error)
    RESULTS.write_text("\n".join(lines) + "\n" + (f"\n{kept}" if kept else ""))


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training_site.settings.test")
    sys.path.insert(0, str(BENCH_DIR.parent))

    import django

    django.setup()

    from django.db import connection

    from certificates import keys

    # Certificates are sealed and signed: the test settings name a throwaway folder for the keys.
    paths = keys.configured_paths()
    if not all(path.exists() for path in paths.values()):
        keys.create_key_set(paths, root_key_path=None, organisation="Samverkansakademin (bench)")

    # No setup_test_environment(): its template instrumentation would slow template-heavy pages.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        machine = {**_machine(), "Load average at the start": _load_average()}
        print(f"load average at the start: {machine['Load average at the start']}", flush=True)
        selected = [f"bench.bench_{name}" for name in sys.argv[1:]]
        results = []
        for name in selected or _modules():
            print(f"running {name} …", flush=True)
            rows, error = _run_module(name)
            results.append((name, rows, error))
        machine["Load average at the end"] = _load_average()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    _print_results(results)
    if selected:
        _replace_sections(results, machine)
    else:
        _write_results(results, machine)
    print(f"\nwritten to {RESULTS.relative_to(BENCH_DIR.parent)}")
    return 1 if any(error for _name, _rows, error in results) else 0


if __name__ == "__main__":
    sys.exit(main())
