"""What counts as a high-poverty school: the one definition.

A school is high-poverty in a school year when at least a threshold share of its students are
eligible for free or reduced-price lunch (FRL). A policy that pays by it declares its own
threshold — DC LIFT's ladder pays its stage increases at schools with at least
``pay_min_frl_percent`` FRL, and its bonuses name ``min_frl_percent`` (60 % in both: DCPS's
definition of a high-poverty school). Pages and the forecast that group schools read the
threshold of the district's policy, and DC LIFT's 60 % when the policy declares none.
"""

from __future__ import annotations

from collections.abc import Iterable

from lattice.rules.policy import Policy

DEFAULT_HIGH_POVERTY_PERCENT = 60  # DCPS (DC LIFT): at least 60 % FRL


def declared_percent(policy: Policy) -> int | None:
    """The FRL percent from which ``policy`` pays a school as high-poverty, if it says."""
    if policy.ladder is not None and policy.ladder.pay_min_frl_percent > 0:
        return policy.ladder.pay_min_frl_percent
    bonuses = [b.min_frl_percent for b in policy.bonuses if b.min_frl_percent]
    return min(bonuses) if bonuses else None


def high_poverty_percent(policies: Iterable[Policy | None]) -> int:
    """The threshold the first of ``policies`` to declare one uses, else the default."""
    for policy in policies:
        if policy is not None and (percent := declared_percent(policy)) is not None:
            return percent
    return DEFAULT_HIGH_POVERTY_PERCENT


def is_high_poverty(frl_percent: float, threshold: int) -> bool:
    return frl_percent >= threshold
