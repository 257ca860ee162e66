"""Typed readers for settings from environment variables.

Each reader rejects a malformed value with a message that names the variable, so a
misconfigured deployment fails at start-up rather than behaving oddly later.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit


class SettingError(ValueError):
    """An environment variable holds a value Lattice cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingError(f"{name}={raw!r} is not a whole number") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


# SQLite's locking, the same however SQLite is configured: a writer waits up to 20 s for the
# lock instead of failing with "database is locked", and every transaction takes the write
# lock when it begins (BEGIN IMMEDIATE), so two requests that read then write never deadlock
# on upgrading their locks. The journal is a write-ahead log (readers never wait for the
# writer, and a commit appends to the log instead of rewriting pages), synced at checkpoints
# rather than at every commit (synchronous=NORMAL: a crash of Lattice loses nothing; a power
# cut may lose the last commits, never corrupts the file). Every signed-in page writes its
# session, so a full sync per commit would cost every page a disk flush (bench/pages.py).
# SQLite still serves one server process well, not a production pool of workers: that is
# PostgreSQL's job.
SQLITE_OPTIONS: dict[str, object] = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def sqlite_database(path: Path) -> dict[str, object]:
    """Django DATABASES['default'] for the SQLite file at ``path``, with :data:`SQLITE_OPTIONS`."""
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": path, "OPTIONS": dict(SQLITE_OPTIONS)}


def database_from_url(url: str | None, sqlite_path: Path) -> dict[str, object]:
    """Django DATABASES['default'] from a DATABASE_URL; SQLite at ``sqlite_path`` when unset.

    Accepts ``postgres://``, ``postgresql://`` and ``sqlite:///path/to/file`` (an absolute
    path); SQLite gets the same locking options either way.
    """
    if not url:
        return sqlite_database(sqlite_path)
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return sqlite_database(Path(unquote(parts.path)) if parts.path else sqlite_path)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise SettingError(
            f"DATABASE_URL scheme {parts.scheme!r} is not supported; "
            "use postgres://user:password@host:port/name or sqlite:///path"
        )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
