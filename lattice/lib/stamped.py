"""Results computed from a district's facts, kept until one of those facts changes.

Some pages derive a lot from the facts the rules engine reads (who could apply for a move,
who qualifies for which role): a projection of every teacher, costly on a large district, and
the same answer until a fact changes. :func:`remember` keeps such a result in Django's cache
under the district's *facts stamp*, and every writer already says when a fact changes
(:func:`lattice.lib.facts.facts_changed`): :func:`on_facts_changed`, registered as a listener
by the people app, gives the district a new stamp, so the next read computes afresh and the
old entry is never read again (it expires).

The stamp changes when the change is announced (inside the writer's transaction) and again
once the transaction commits, so a reader that computed between the two, from facts not yet
committed, stores its result under a stamp nobody asks for any more. Callers add to ``parts``
whatever else their result depends on (the date, the policy in force, the rows they pass in).
The cache is shared by the server processes (``CACHES`` in the settings: a folder under
``LATTICE_VAR_DIR``), so one process's change is seen by all.

A caller whose result is large and read on every request of a busy page may also keep it in
the process (``in_process=True``): reading a few thousand rows back from the shared cache
costs more than the page's own work (unpickling is most of it). The entry is kept under the
same key, which holds the stamp, so it is never read once a fact changes; the stamp itself is
still read from the shared cache on every call. Only the last few such results are kept, and
a result kept so is shared by every request: the caller must never change it.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db import transaction

from lattice.lib.facts import FactsChanged

T = TypeVar("T")
KEEP_SECONDS = 24 * 60 * 60  # an entry outlives no day: the date is in most callers' parts
_MISSING = object()
IN_PROCESS_ENTRIES = 8  # results kept in the process (``in_process``), the most recent ones
_in_process: OrderedDict[str, Any] = OrderedDict()
_in_process_lock = threading.Lock()


def _stamp_key(district_id: int) -> str:
    return f"lattice:facts-stamp:{district_id}"


def stamp(district_id: int) -> str:
    """The district's current facts stamp (a new one when the cache has none)."""
    key = _stamp_key(district_id)
    found = cache.get(key)
    if found is None:
        found = uuid.uuid4().hex
        if not cache.add(key, found, None):
            found = cache.get(key) or found
    return str(found)


def restamp(district_id: int) -> None:
    """Give the district a new facts stamp: every result remembered so far is out of date."""
    cache.set(_stamp_key(district_id), uuid.uuid4().hex, None)


def on_facts_changed(event: FactsChanged) -> None:
    """Listener for :func:`lattice.lib.facts.facts_changed`: restamp now and on commit."""
    district_id = event.district_id
    restamp(district_id)
    transaction.on_commit(lambda: restamp(district_id))


def remember(
    name: str,
    district_id: int,
    parts: tuple[Any, ...],
    compute: Callable[[], T],
    *,
    in_process: bool = False,
) -> T:
    """``compute()``, or the result it gave for the same ``name``, district facts stamp and
    ``parts`` (which must have a stable ``repr``). The result must pickle. With
    ``in_process`` the result is also kept in this process (see the module docstring), and
    the caller must not change it."""
    digest = hashlib.sha256(repr((stamp(district_id), parts)).encode()).hexdigest()[:32]
    key = f"lattice:stamped:{name}:{district_id}:{digest}"
    if in_process:
        with _in_process_lock:
            kept = _in_process.get(key, _MISSING)
            if kept is not _MISSING:
                _in_process.move_to_end(key)
                return cast(T, kept)
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        value = cast(T, found)  # what compute() gave for this key
    else:
        value = compute()
        cache.set(key, value, KEEP_SECONDS)
    if in_process:
        with _in_process_lock:
            _in_process[key] = value
            _in_process.move_to_end(key)
            while len(_in_process) > IN_PROCESS_ENTRIES:
                _in_process.popitem(last=False)
    return value
