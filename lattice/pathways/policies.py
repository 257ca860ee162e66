"""Policy texts for the app: the shipped files, district copies and the parsed-policy cache.

A district adopts a policy by storing its exact TOML text; this module turns stored text into
the engine's frozen ``Policy`` (cached by content) and lists the files shipped in
``policies/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from lattice.rules.loader import PolicyError, loads_policy
from lattice.rules.policy import Policy

SHIPPED_DIR = Path(settings.BASE_DIR) / "policies"


@dataclass(frozen=True)
class ShippedPolicy:
    file: str
    key: str
    name: str
    version: str
    effective_from: dt.date
    effective_to: dt.date | None

    @property
    def label(self) -> str:
        until = f" to {self.effective_to}" if self.effective_to else ""
        return f"{self.name} ({self.key} v{self.version}, in force {self.effective_from}{until})"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def _parse(text: str, file: str) -> Policy:
    return loads_policy(text, file)


def parse_policy(text: str, file: str = "uploaded policy") -> Policy:
    """The policy in ``text``; raises the engine's ``PolicyError`` naming line, key and fix."""
    return _parse(text, file)


def shipped_policies() -> list[ShippedPolicy]:
    """The valid policy files shipped with Lattice, by key."""
    found = []
    for path in sorted(SHIPPED_DIR.glob("*.toml")):
        try:
            policy = parse_policy(path.read_text(encoding="utf-8"), path.name)
        except (PolicyError, OSError):
            continue
        found.append(
            ShippedPolicy(
                path.name,
                policy.key,
                policy.name,
                policy.version,
                policy.effective_from,
                policy.effective_to,
            )
        )
    return found


def shipped_text(file: str) -> str:
    """The text of one shipped file; ``file`` must be one :func:`shipped_policies` lists."""
    names = {p.file for p in shipped_policies()}
    if file not in names:
        raise FileNotFoundError(file)
    return (SHIPPED_DIR / file).read_text(encoding="utf-8")


_POLICY_TABLE = re.compile(r"^\[policy\]\s*$", re.MULTILINE)
_NEXT_TABLE = re.compile(r"^\[", re.MULTILINE)
_EFFECTIVE = re.compile(r"^(effective_from|effective_to)\s*=.*$\n?", re.MULTILINE)


def district_copy(text: str, effective_from: dt.date, district_name: str) -> str:
    """The policy's text in force from ``effective_from`` with no end date.

    A district that runs a published system after its original dates adopts a copy: every
    rule is kept as written; only the ``[policy]`` dates change, and a comment says so.
    """
    head = _POLICY_TABLE.search(text)
    if head is None:
        raise ValueError("the policy has no [policy] table")
    nxt = _NEXT_TABLE.search(text, head.end())
    end = nxt.start() if nxt else len(text)
    table = _EFFECTIVE.sub("", text[head.end() : end].lstrip("\n"))
    dates = (
        f"# District copy for {district_name}: the rules below are unchanged; the dates are the\n"
        f"# district's own (in force from {effective_from.isoformat()}, no end date).\n"
        f"effective_from = {effective_from.isoformat()}\n"
    )
    return text[: head.end()] + "\n" + dates + table + text[end:]
