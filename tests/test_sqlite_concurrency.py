"""The embedded SQLite default takes concurrent writes without "database is locked"."""

import json
import os
import sqlite3
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

from django.db import connection

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="copies the suite's migrated SQLite database; runs in the SQLite run"
    ),
]


@pytest.fixture(scope="module")
def sqlite_file(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A file copy of the suite's migrated database, taken outside any test's transaction."""
    database = tmp_path_factory.mktemp("sqlite") / "db.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        copy = sqlite3.connect(database)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    return database


def test_twenty_learners_enrol_mark_done_and_submit_at_once_on_a_sqlite_file(sqlite_file):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "training_site.settings.test",
        "DATABASE_URL": f"sqlite:///{sqlite_file}",
    }

    result = subprocess.run(
        [sys.executable, "-m", "tests.concurrent_writes"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "database is locked" not in result.stderr
    statuses = json.loads(result.stdout)
    assert statuses == {name: [HTTPStatus.FOUND] * 20 for name in ("enrol", "mark done", "start quiz", "submit quiz")}
