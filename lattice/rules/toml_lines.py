"""Find the line of a key in TOML text, since ``tomllib`` reports none for valid files.

A key path is a tuple such as ``("transitions", 2, "from")`` (the ``from`` key of the third
``[[transitions]]`` table). ``line_of`` falls back to the nearest enclosing table or key, then
to line 1, so an error always points somewhere a person can look.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r'^\s*("[^"]*"|\'[^\']*\'|[A-Za-z0-9_\-.]+)\s*=')


def _parts(name: str) -> list[str]:
    return [part.strip().strip("\"'") for part in name.split(".")]


class LineIndex:
    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        counters: dict[KeyPath, int] = {}
        current: KeyPath = ()
        depth = 0  # bracket depth of a multi-line value
        for number, line in enumerate(text.splitlines(), start=1):
            if depth > 0:
                depth += _bracket_balance(line)
                continue
            array = _ARRAY_HEADER.match(line)
            table = None if array else _TABLE_HEADER.match(line)
            if array:
                prefix = self._resolve(_parts(array.group(1))[:-1], counters)
                name = (*prefix, _parts(array.group(1))[-1])
                counters[name] = counters.get(name, -1) + 1
                current = (*name, counters[name])
                self._lines.setdefault(name, number)
                self._lines[current] = number
                continue
            if table:
                current = self._resolve(_parts(table.group(1)), counters)
                self._lines.setdefault(current, number)
                continue
            key = _KEY.match(line)
            if key:
                path = (*current, *_parts(key.group(1)))
                self._lines.setdefault(path, number)
                value = line[key.end() :]
                depth = max(_bracket_balance(value), 0)

    @staticmethod
    def _resolve(parts: list[str], counters: dict[KeyPath, int]) -> KeyPath:
        path: KeyPath = ()
        for part in parts:
            path = (*path, part)
            if path in counters:
                path = (*path, counters[path])
        return path

    def line_of(self, path: KeyPath) -> int:
        probe = path
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            probe = probe[:-1]
        return 1


def _bracket_balance(text: str) -> int:
    balance = 0
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            balance += 1
        elif char in "]}":
            balance -= 1
    return balance


def dotted(path: KeyPath) -> str:
    """``("transitions", 2, "from")`` -> ``transitions[3].from`` (1-based, as people count)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
    return text
