"""Read a policy TOML file into a frozen ``Policy``, or raise ``PolicyError``.

Every problem names the file, the line, the key and the fix. Structural problems (a missing
or mistyped key) stop reading at once; the semantic checks (unknown pathways, overlapping
effective dates, salary tables that do not increase, rating labels with no mapping, cycles in
transitions) are collected so one run reports them all. This module and ``record_json`` are
the only ones in the engine that touch files.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lattice.rules.policy import Model, Policy
from lattice.rules.reader import Reader, Stop
from lattice.rules.sections import build_sections
from lattice.rules.toml_lines import LineIndex, dotted


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    key: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}, key {self.key}: {self.message} — {self.fix}"


class PolicyError(Exception):
    """A policy file that cannot be used; ``problems`` lists each thing to fix."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]


_TOML_LINE = re.compile(r"at line (\d+)")


def load_policy(path: str | Path) -> Policy:
    """Read and check one policy file."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(
            [
                Problem(
                    file, 1, "(file)", f"cannot read the file: {error.strerror}", "check the path"
                )
            ]
        ) from error
    return loads_policy(text, file)


def loads_policy(text: str, file: str = "<policy>") -> Policy:
    """Check policy TOML text; ``file`` is the name used in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else 1
        raise PolicyError(
            [
                Problem(
                    file,
                    line,
                    "(syntax)",
                    f"this is not valid TOML ({error})",
                    "fix the syntax on that line: quote text values, close brackets, "
                    "write key = value",
                )
            ]
        ) from error
    lines = LineIndex(text)
    reader = Reader(data)
    try:
        policy = build_sections(reader, data, file)
    except Stop:
        policy = None
    if reader.problems:
        raise PolicyError(
            [
                Problem(file, lines.line_of(path), dotted(path), message, fix)
                for path, message, fix in reader.problems
            ]
        )
    assert policy is not None
    return policy


def describe(policy: Policy) -> dict[str, Any]:
    """A short summary used by ``lattice policy check``."""
    summary: dict[str, Any] = {
        "key": policy.key,
        "name": policy.name,
        "version": policy.version,
        "model": policy.model.value,
        "effective_from": policy.effective_from.isoformat(),
        "effective_to": policy.effective_to.isoformat() if policy.effective_to else None,
        "sources": len(policy.sources),
        "pathways": [p.key for p in policy.pathways],
        "transitions": len(policy.transitions),
    }
    if policy.model is Model.STEPS and policy.steps is not None:
        summary["steps"] = f"{policy.steps.first_step}-{policy.steps.top_step}"
        summary["lanes"] = [lane.key for lane in policy.steps.lanes]
    return summary


def check_versions(policies: list[Policy]) -> list[Problem]:
    """Versions of one policy key must not overlap in time (``lattice policy check a b``)."""
    problems = []
    by_key: dict[str, list[Policy]] = {}
    for policy in policies:
        by_key.setdefault(policy.key, []).append(policy)
    for versions in by_key.values():
        versions.sort(key=lambda p: p.effective_from)
        for earlier, later in itertools.pairwise(versions):
            if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
                try:
                    text = Path(later.file).read_text(encoding="utf-8")
                    line = LineIndex(text).line_of(("policy", "effective_from"))
                except OSError:
                    line = 1
                ends = earlier.effective_to or "open-ended"
                problems.append(
                    Problem(
                        later.file,
                        line,
                        "policy.effective_from",
                        f"overlapping effective dates: {later.key} version {later.version} starts "
                        f"{later.effective_from} but version {earlier.version} ({earlier.file}) "
                        f"runs until {ends}",
                        f"set effective_to in {earlier.file} before {later.effective_from}",
                    )
                )
    return problems
