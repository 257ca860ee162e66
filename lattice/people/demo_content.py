"""Demo content: what each app adds to a generated demo district, registered by the app.

The demo (``lattice.demo``, above every app) generates a district's people, then runs each
registered :class:`DemoContent` on the main district: the pathways app adds a policy, the
ledger, claims and a cohort; roles a catalogue, role holders and a posting; budgets a
scenario. Each app registers its populator when Django starts, so the demo names no app and
an app that is not installed adds nothing. The registry lives in the people app because
every populator works on a people :class:`~lattice.people.models.District`; the people app
runs none of them (docs/decisions/0008).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from lattice.lib.actors import Actor
from lattice.people.models import District


class Populate(Protocol):
    """Add the app's demo content to ``district`` through its actions, every choice drawn
    from ``seed``; return counts by what was made (``{"roles": 5}``). Its people are
    invented: a populator never emails them."""

    def __call__(
        self, district: District, seed: int, *, actor: Actor = None
    ) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class DemoContent:
    """``app``'s populator; it runs after the populators of the apps named in ``after``
    (the roles app's holders enter the ledger under the policy the pathways content adopts)."""

    app: str
    populate: Populate
    after: tuple[str, ...] = ()


_contents: dict[str, DemoContent] = {}


def register(content: DemoContent) -> None:
    """Register ``content`` (registering an app again replaces it)."""
    _contents[content.app] = content


def in_order() -> list[DemoContent]:
    """The registered contents, each after those it names in ``after`` (when registered),
    otherwise by app name; raises ValueError when they name each other in a cycle."""
    pending = dict(sorted(_contents.items()))
    done: list[DemoContent] = []
    while pending:
        ready = [
            c for c in pending.values() if all(a not in pending or a == c.app for a in c.after)
        ]
        if not ready:
            raise ValueError(f"demo contents wait for each other: {', '.join(pending)}")
        done.append(ready[0])
        del pending[ready[0].app]
    return done
