"""The kinds of notice, registered by the apps that send them.

Each app registers its :class:`NoticeKind` records from its ``AppConfig.ready``;
:func:`lattice.notifications.send.notify` refuses a kind nobody registered, so a typo fails in
the tests rather than sending a notice no page explains. The label names the kind on the
notifications page ("A role proposal came back to you").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEY = re.compile(r"^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$")


class UnknownNoticeKind(LookupError):
    """A notice was about to be sent under a kind no app registered."""


@dataclass(frozen=True)
class NoticeKind:
    """``key`` is ``app.what`` (``roles.proposal_returned``); ``label`` says it in words."""

    key: str
    label: str

    def __post_init__(self) -> None:
        if not KEY.match(self.key):
            raise ValueError(f"notice kind {self.key!r}: name it app.what (lowercase)")


_kinds: dict[str, NoticeKind] = {}


def register(*kinds: NoticeKind) -> None:
    """Register kinds (registering a key again replaces it)."""
    for kind in kinds:
        _kinds[kind.key] = kind


def get(key: str) -> NoticeKind:
    """The registered kind ``key``; raises :class:`UnknownNoticeKind` otherwise."""
    try:
        return _kinds[key]
    except KeyError:
        raise UnknownNoticeKind(f"no app registered the notice kind {key!r}") from None


def all_kinds() -> list[NoticeKind]:
    """Every registered kind, by key (for the documentation and tests)."""
    return [_kinds[k] for k in sorted(_kinds)]
