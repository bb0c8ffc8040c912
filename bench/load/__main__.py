"""`make bench-load`: load and fault runs on real engines, written to bench/RESULTS.md.

Starts its own PostgreSQL cluster (initdb in a temporary folder, its own port, run as the
`postgres` user: initdb and pg_ctl refuse to run as root) and its own Redis, migrates, loads the
reference data and the demo course, creates the learners (signed in already: a session each),
serves the app with gunicorn on
127.0.0.1 and runs locust headless against it, in three scenarios:

- steady: the load alone;
- postgres-restart: PostgreSQL stopped in the middle of the run and started again after
  --outage seconds;
- redis-restart: the same for Redis.

After each run it counts, in the database, that every quiz submission the server acknowledged is
there exactly once and that nothing is half-written, and it counts the learners sent back to the
sign-in page (a lost session). Everything listens on 127.0.0.1 only and is removed at the end.
"""

import argparse
import contextlib
import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from certificates.keys import KEY_FILES

BASE_DIR = Path(__file__).resolve().parents[2]
RESULTS = BASE_DIR / "bench" / "RESULTS.md"
SECTION = "## Load and faults"
VENV_BIN = Path(sys.executable).parent
SCENARIOS = ("steady", "postgres-restart", "redis-restart")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, check=True, **kwargs)


def _as_postgres(*argv: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv]


class Postgres:
    def __init__(self, workdir: Path):
        self.data = workdir / "pgdata"
        self.port = _free_port()
        self.data.mkdir()
        shutil.chown(self.data, "postgres", "postgres")
        _run(
            _as_postgres("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"),
            stdout=subprocess.DEVNULL,
        )
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=200"
        _run(
            _as_postgres(
                "pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-o", options, "-w", "start"
            ),
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        _run(_as_postgres("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"), stdout=subprocess.DEVNULL)


class Redis:
    def __init__(self, workdir: Path):
        self.port = _free_port()
        self.dir = workdir
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("Redis did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


def _stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv") as handle:
        return list(csv.DictReader(handle))


def _load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def run_scenario(
    name: str, *, args, env: dict, web_url: str, workdir: Path, postgres: Postgres, redis: Redis, state_file: Path
) -> dict:
    prefix = workdir / name
    outcome_file = workdir / f"{name}-outcome.json"
    fault: dict = {}

    def inject() -> None:
        time.sleep(args.duration / 2)
        service = postgres if name == "postgres-restart" else redis
        fault["stopped_at"] = time.time()
        service.stop()
        time.sleep(args.outage)
        service.start()
        fault["started_at"] = time.time()

    injector = threading.Thread(target=inject) if name != "steady" else None
    load_before = _load_average()
    started = time.time()
    if injector:
        injector.start()
    subprocess.run(
        [
            str(VENV_BIN / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.spawn_rate),
            "-t",
            f"{args.duration}s",
            "--host",
            web_url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
        ],
        env={**env, "BENCH_STATE": str(state_file), "BENCH_OUTCOME": str(outcome_file)},
        cwd=BASE_DIR,
        check=False,
    )
    if injector:
        injector.join()
    check = subprocess.run(
        [sys.executable, "-m", "bench.load.check", str(outcome_file)],
        env=env,
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    outcome = json.load(open(outcome_file))  # noqa: SIM115
    return {
        "name": name,
        "seconds": round(time.time() - started),
        "load_before": load_before,
        "load_after": _load_average(),
        "stats": _stats(prefix),
        "statuses": outcome["statuses"],
        "session_losses": len(outcome["session_losses"]),
        "check": json.loads(check.stdout),
        "outage_seconds": round(fault["started_at"] - fault["stopped_at"], 1) if fault else None,
    }


def _fmt_ms(value: str) -> str:
    return "–" if value in ("", "N/A") else f"{float(value):.0f}"


def report(results: list[dict], args) -> str:
    lines = [
        SECTION,
        "",
        (
            f"`make bench-load` (`python -m bench.load`), run {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: "
            f"{args.users} simulated learners (spawned {args.spawn_rate}/s, 1–3 s between actions) for "
            f"{args.duration} s per scenario against gunicorn ({args.workers} sync workers) on PostgreSQL "
            f"{_pg_version()} and Redis, all on 127.0.0.1 of this machine ({os.cpu_count()} cores). "
            "The load generator, gunicorn, PostgreSQL and Redis share those cores (and the machine is "
            "shared with other work: see the load average), so the times are upper bounds of what the "
            "app needs, not what it would do on its own server. Times in ms."
        ),
    ]
    for result in results:
        lines += ["", f"### {result['name']}", ""]
        outage = f"; outage of {result['outage_seconds']} s in the middle" if result["outage_seconds"] else ""
        lines.append(
            f"{result['seconds']} s{outage}; load average (1/5/15 min) {result['load_before']} before, "
            f"{result['load_after']} after."
        )
        lines += [
            "",
            "| endpoint | requests | failures | req/s | p50 | p95 | p99 | max |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in result["stats"]:
            lines.append(
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
                f"{float(row['Requests/s']):.1f} | {_fmt_ms(row['50%'])} | {_fmt_ms(row['95%'])} | "
                f"{_fmt_ms(row['99%'])} | {_fmt_ms(row['Max Response Time'])} |"
            )
        codes: dict[str, int] = {}
        for key, count in result["statuses"].items():
            code = key.rsplit(" ", 1)[-1]
            codes[code] = codes.get(code, 0) + count
        lines += ["", "Status codes: " + ", ".join(f"{code}: {count}" for code, count in sorted(codes.items())) + "."]
        check = result["check"]
        lines.append(
            f"Quiz submissions acknowledged: {check['acknowledged_submissions']}; found in the database exactly "
            f"once: {check['found_submitted_exactly_once']} of {check['distinct_acknowledged_attempts']} attempts; "
            f"missing {check['missing']}, acknowledged but not submitted {check['acknowledged_but_not_submitted']}, "
            f"duplicate attempt numbers {check['duplicate_attempt_numbers']}, submitted without a score "
            f"{check['submitted_without_score']}, duplicate enrolments {check['duplicate_enrolments']}, duplicate "
            f"step progress {check['duplicate_step_progress']}. Sessions lost (sent back to sign in): "
            f"{result['session_losses']}."
        )
    return "\n".join(lines) + "\n"


def _pg_version() -> str:
    output = subprocess.run(["initdb", "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"\d+\.\d+", output)
    return match.group(0) if match else "?"


def _warm_up(web_url: str, state_file: Path, *, rounds: int) -> None:
    """Each gunicorn worker loads the app and compiles templates on its first requests: do that
    before the clock starts, so a scenario measures the app warm."""
    state = json.loads(state_file.read_text())
    paths = ["/healthz", "/accounts/login/", "/", *(lesson["url"] for lesson in state["lessons"])]
    for _ in range(rounds):
        for path in paths:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{web_url}{path}", timeout=120).read()  # noqa: S310 - http://127.0.0.1 only


def write_results(section: str) -> None:
    previous = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if SECTION in previous:
        previous = previous[: previous.index(SECTION)].rstrip("\n") + "\n"
    RESULTS.write_text(previous + "\n" + section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=300, help="seconds per scenario")
    parser.add_argument("--outage", type=float, default=5, help="seconds PostgreSQL or Redis stays down")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--no-write", action="store_true", help="print the report, leave RESULTS.md alone")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs) at the end")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="samverkan-load-"))
    workdir.chmod(0o755)
    postgres, redis = Postgres(workdir), Redis(workdir)
    web_port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "SECRET_KEY": "load-test-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": postgres.url,
        "REDIS_URL": redis.url,
        "EMAIL_HOST": "127.0.0.1",
        "CONTACT_EMAIL": "kontakt@127.0.0.1",
        **{name: str(workdir / "keys" / file) for name, file in KEY_FILES.items()},
        "SITE_BASE_URL": f"http://127.0.0.1:{web_port}",
        "LOG_LEVEL": "WARNING",
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
        "PYTHONPATH": str(BASE_DIR),
    }
    gunicorn = None
    try:
        postgres.start()
        redis.start()
        manage = [sys.executable, "manage.py"]
        # Production refuses to start without signing keys: a throwaway set, made as on an offline machine.
        keys_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "training_site.settings.dev"}
        _run(
            manage + ["create_signing_keys", "--directory", str(workdir / "keys")],
            env=keys_env,
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
        )
        for command in (["migrate", "--noinput", "-v", "0"], ["load_reference_data"], ["load_demo_content"]):
            _run(manage + command, env=env, cwd=BASE_DIR, stdout=subprocess.DEVNULL)
        state_file = workdir / "state.json"
        _run([sys.executable, "-m", "bench.load.seed", str(state_file), str(args.users)], env=env, cwd=BASE_DIR)
        gunicorn_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
        gunicorn = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "training_site.wsgi",
                "-b",
                f"127.0.0.1:{web_port}",
                "-w",
                str(args.workers),
                "--timeout",
                "60",
            ],
            env=env,
            cwd=BASE_DIR,
            stdout=gunicorn_log,
            stderr=subprocess.STDOUT,
        )
        web_url = f"http://127.0.0.1:{web_port}"
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", web_port)) == 0:
                    break
            time.sleep(0.2)
        _warm_up(web_url, state_file, rounds=args.workers * 2)
        results = []
        for name in args.scenarios.split(","):
            print(f"scenario {name}: {args.users} learners for {args.duration} s", flush=True)
            results.append(
                run_scenario(
                    name,
                    args=args,
                    env=env,
                    web_url=web_url,
                    workdir=workdir,
                    postgres=postgres,
                    redis=redis,
                    state_file=state_file,
                )
            )
        section = report(results, args)
        print(section)
        if not args.no_write:
            write_results(section)
        return 0
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        redis.stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
