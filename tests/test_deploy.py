"""deploy/compose.yaml names only commands that exist in the project, and runs the periodic jobs."""

import re
import shlex
from importlib.util import find_spec
from pathlib import Path

from django.core.management import get_commands

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
DEPLOY = BASE_DIR / "deploy"
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = sorted(name for name, service in SERVICES.items() if "build" in service)
MANAGE_COMMAND = re.compile(r"manage\.py\s+([A-Za-z0-9_]+)")

# Jobs the scheduler must run whatever else is added to it.
REQUIRED_JOBS = {"record_due_completions", "publish_scheduled", "clearsessions"}


def _argv(service: dict) -> list[str]:
    command = service.get("command") or service.get("entrypoint")
    return shlex.split(command) if isinstance(command, str) else list(command)


def _management_commands(argv: list[str]) -> list[str]:
    """Every `manage.py <name>` in a command, whether an argument list or a shell script."""
    return MANAGE_COMMAND.findall(" ".join(argv))


def test_the_stack_has_web_worker_scheduler_database_cache_and_object_store():
    images = {name: service.get("image", "") for name, service in SERVICES.items()}

    assert {"web", "worker", "scheduler"} <= set(APP_SERVICES)
    assert images["postgres"].startswith("postgres:")
    assert images["redis"].startswith("redis:")
    assert images["minio"].startswith("minio/minio")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_app_service_runs_a_command_of_the_project(name):
    argv = _argv(SERVICES[name])

    if argv[0] == "gunicorn":
        assert find_spec(argv[1].split(":")[0]) is not None, argv[1]
        return
    commands = _management_commands(argv)
    assert commands, f"{name} runs neither gunicorn nor manage.py"
    unknown = set(commands) - set(get_commands())
    assert not unknown, f"{name} runs unknown management commands: {unknown}"


def test_the_worker_runs_the_database_task_worker():
    assert _management_commands(_argv(SERVICES["worker"])) == ["db_worker"]


def test_the_scheduler_runs_the_periodic_jobs():
    jobs = set(_management_commands(_argv(SERVICES["scheduler"])))

    assert jobs >= REQUIRED_JOBS
    assert jobs <= set(get_commands())


def test_the_scheduler_runs_every_job_the_readme_lists():
    readme = (BASE_DIR / "README.md").read_text()
    table = readme.split("Jobs to schedule", 1)[1].split("\n\n", 2)[1]
    listed = set(re.findall(r"^\| `manage\.py (\w+)`", table, flags=re.MULTILINE))

    assert listed
    assert listed <= set(_management_commands(_argv(SERVICES["scheduler"])))


def test_every_variable_the_stack_sets_is_explained_in_the_readme():
    readme = (BASE_DIR / "README.md").read_text()
    names = set(COMPOSE["x-app"]["environment"])
    names |= {
        line.split("=", 1)[0]
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    # Variables only the compose file itself uses (to configure PostgreSQL and MinIO).
    names -= {"POSTGRES_PASSWORD", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"}

    undocumented = sorted(name for name in names if f"`{name}`" not in readme)
    assert not undocumented
