"""Typed access to parsed TOML that records problems by key path instead of raising TypeError.

``Reader`` methods return the value or record a problem and raise ``Stop``; ``note`` records
a problem and carries on. The loader turns key paths into file lines.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from lattice.lib.formatting import money
from lattice.rules.toml_lines import KeyPath

MISSING: Any = object()


class Stop(Exception):
    """Reading cannot continue; the problem is already recorded."""


class Reader:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[tuple[KeyPath, str, str]] = []

    def note(self, path: KeyPath, message: str, fix: str) -> None:
        self.problems.append((path, message, fix))

    def stop(self, path: KeyPath, message: str, fix: str) -> Stop:
        self.note(path, message, fix)
        return Stop()

    def _get(self, table: dict[str, Any], key: str, path: KeyPath, default: Any) -> Any:
        if key in table:
            return table[key]
        if default is MISSING:
            raise self.stop((*path, key), f"'{key}' is required here", f"add {key} = ...")
        return default

    def table(self, table: dict[str, Any], key: str, path: KeyPath, required: bool = True) -> Any:
        value = self._get(table, key, path, MISSING if required else None)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.stop((*path, key), f"'{key}' must be a table", f"write it as [{key}]")
        return value

    def tables(self, table: dict[str, Any], key: str, path: KeyPath) -> list[dict[str, Any]]:
        value = self._get(table, key, path, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.stop(
                (*path, key), f"'{key}' must be a list of tables", f"write each as [[{key}]]"
            )
        return value

    def text(self, table: dict[str, Any], key: str, path: KeyPath, default: Any = MISSING) -> Any:
        value = self._get(table, key, path, default)
        if value is not default and not isinstance(value, str):
            raise self.stop((*path, key), f"'{key}' must be text", f'write {key} = "..."')
        return value

    def integer(
        self, table: dict[str, Any], key: str, path: KeyPath, default: Any = MISSING
    ) -> Any:
        value = self._get(table, key, path, default)
        if value is not default and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.stop(
                (*path, key), f"'{key}' must be a whole number", f"write {key} = 12 (no quotes)"
            )
        return value

    def boolean(self, table: dict[str, Any], key: str, path: KeyPath, default: bool) -> bool:
        value = self._get(table, key, path, default)
        if not isinstance(value, bool):
            raise self.stop((*path, key), f"'{key}' must be true or false", f"write {key} = true")
        return value

    def day(self, table: dict[str, Any], key: str, path: KeyPath, default: Any = MISSING) -> Any:
        value = self._get(table, key, path, default)
        if value is not default and (not isinstance(value, date) or hasattr(value, "hour")):
            raise self.stop(
                (*path, key), f"'{key}' must be a date", f"write {key} = 2010-07-01 (no quotes)"
            )
        return value

    def texts(self, table: dict[str, Any], key: str, path: KeyPath) -> list[str]:
        value = self._get(table, key, path, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.stop(
                (*path, key), f"'{key}' must be a list of text", f'write {key} = ["a", "b"]'
            )
        return value

    def integers(self, table: dict[str, Any], key: str, path: KeyPath) -> list[int]:
        value = self._get(table, key, path, [])
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise self.stop(
                (*path, key),
                f"'{key}' must be a list of whole numbers",
                f"write {key} = [46774, 48100] (no quotes or decimals)",
            )
        return value

    def decimal(
        self, table: dict[str, Any], key: str, path: KeyPath, default: Any = MISSING
    ) -> Any:
        """A number given as TOML integer or float, read exactly (``3.7`` is ``Decimal("3.7")``)."""
        value = self._get(table, key, path, default)
        if value is default:
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.stop((*path, key), f"'{key}' must be a number", f"write {key} = 3.7")
        return Decimal(str(value))

    def percent_bp(self, table: dict[str, Any], key: str, path: KeyPath) -> int:
        value = self._get(table, key, path, 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.stop((*path, key), f"'{key}' must be a number", f"write {key} = 6.4")
        basis_points = round(value * 100)
        if abs(value * 100 - basis_points) > 1e-6:
            raise self.stop(
                (*path, key),
                f"'{key}' has more than two decimals",
                "give percentages to at most two decimals, e.g. 6.45",
            )
        return basis_points


def choice(reader: Reader, value: str, allowed: list[str], path: KeyPath, what: str) -> str:
    if value not in allowed:
        raise reader.stop(path, f"unknown {what} '{value}'", "use one of: " + ", ".join(allowed))
    return value


def increasing(reader: Reader, amounts: list[int], path: KeyPath, what: str) -> None:
    for position, (low, high) in enumerate(itertools.pairwise(amounts), start=1):
        if high <= low:
            reader.note(
                path,
                f"salary table not increasing: {what} {position + 1} pays {money(high)}, "
                f"not more than {what} {position} ({money(low)})",
                f"make every {what} pay more than the one before it",
            )
            return
