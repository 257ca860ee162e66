"""Settings readers reject bad values with messages that name the variable."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from lattice.lib.env import SettingError, database_from_url, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def test_it_reads_common_spellings_of_true_and_false(monkeypatch):
    for raw, expected in [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG") is expected


def test_it_rejects_a_boolean_it_cannot_read_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(SettingError, match="DEBUG='maybe' is not a boolean"):
        env_bool("DEBUG")


def test_it_rejects_a_non_numeric_number(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(SettingError, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)


def test_a_postgres_url_becomes_a_postgresql_database(tmp_path):
    db = database_from_url("postgres://app:s%40cret@db.internal:6543/lattice", tmp_path / "x")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "lattice",
        "app",
        "s@cret",
        "db.internal",
        "6543",
    )


def test_no_url_means_sqlite_under_the_var_directory(tmp_path):
    db = database_from_url("", tmp_path / "lattice.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == tmp_path / "lattice.sqlite3"


def test_an_unsupported_database_scheme_is_refused():
    with pytest.raises(SettingError, match="mysql"):
        database_from_url("mysql://x@y/z", Path("unused"))


def _start_django(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    base = {
        "PATH": "/usr/bin:/bin",
        "LATTICE_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "lattice.settings",
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_lattice_refuses_to_start_with_debug_off_and_no_secret_key(tmp_path):
    result = _start_django({}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_lattice_refuses_a_short_secret_key_in_production(tmp_path):
    result = _start_django({"SECRET_KEY": "short"}, tmp_path)
    assert result.returncode != 0
    assert "at least 32 random characters" in result.stderr


def test_lattice_starts_with_a_real_secret_key_and_debug_off(tmp_path):
    result = _start_django(
        {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "lattice.example.org"}, tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_the_deploy_checklist_is_clean_with_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "LATTICE_VAR_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "lattice.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
