"""The shape every non-position model shares in the forecast: per-slot pay and a category.

Ledger and step-and-lane policies are *position* models: a slot's pay, pathway and leader
flag are functions of one 16-bit position, which the summaries count in one pass. The other
models (rating ladders, annual roles, pay elements, designations) keep richer state — run
counters, a base salary, a designation and its remaining years — so their state object
reports each slot's ``pay`` (salary-table dollars, before the cost-of-living factor) and
``category`` (the stage, role, degree or designation counted as its "pathway"; the last
category is an empty slot) each year, plus named ``extras`` (dollars per slot, e.g. role
supplements) that budgets read.

Every model reads the block's shared state (ratings, experience, certificate, school group)
and never changes it, so policies of different models stay on common random numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lattice.rules.policy import Policy

if TYPE_CHECKING:
    from lattice.forecast.kernel import Block
    from lattice.forecast.workforce import Workforce

I32 = npt.NDArray[np.int32]
U16 = npt.NDArray[np.uint16]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


class PayState:
    """One policy's per-slot state in a block (see the module docstring)."""

    pay: I32
    category: U16

    def before_rating(self, block: Block) -> None:
        """Moves decided on last year's facts (before this year's rating is drawn)."""

    def after_rating(self, block: Block, ua13: U16) -> None:
        """This year's rating is known: move, pay and categorise every slot."""

    def leave(self, block: Block, rows: npt.NDArray[np.intp], new: npt.NDArray[np.intp],
              gone: npt.NDArray[np.intp], hire_experience: U16) -> None:  # fmt: skip
        """Year end: ``rows`` left; ``new`` are replaced by hires, ``gone`` stay empty."""

    def extras(self) -> dict[str, I32]:
        return {}

    def snapshot(self) -> dict[str, npt.NDArray[Any]]:
        """This year's state for the logs tests replay in the rules engine."""
        return {"pay": self.pay.copy(), "category": self.category.copy()}


@dataclass(frozen=True, eq=False)
class PayTables:
    """A non-position policy as the forecast runs it (subclassed per model)."""

    policy: Policy
    category_keys: tuple[str, ...]
    category_names: tuple[str, ...]
    leader: B  # by category, then False for an empty slot
    extra_names: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.policy.key

    @property
    def pathway_keys(self) -> tuple[str, ...]:
        return self.category_keys

    @property
    def pathway_names(self) -> tuple[str, ...]:
        return self.category_names

    @property
    def reads_degrees(self) -> bool:
        """Whether the model reads the block's degrees and graduate credits."""
        return False

    @property
    def empty(self) -> int:
        """The category of an empty slot."""
        return len(self.category_keys)

    def start(self, workforce: Workforce) -> Any:
        raise NotImplementedError

    def state(self, block: Block, start: Any) -> PayState:
        raise NotImplementedError
