"""The career rules engine: district policies as data, placements with explanations.

Pure Python (standard library + NumPy), no Django. The public surface:

- ``load_policy(path) -> Policy`` / ``loads_policy(text, file)``; ``PolicyError``
- ``place(policy, record, as_of) -> Standing`` and ``standing_by_year(...)``
- ``eligibility(policy, record, as_of) -> tuple[Move, ...]``
- ``explain_data(...)`` / ``explain_text(...)``
- ``credit_claim_check(policy, course_end, submitted) -> ClaimCheck``
- ``role_plan(policy, teachers, mix=None) -> RolePlan``
- ``lattice.rules.batch``: ``compile_policy``, ``advance_year``, ``run_batch``
- ``lattice.rules.batch_steps``: ``compile_steps``, ``advance_steps_year``, ``run_steps_batch``
"""

from lattice.rules.context import RecordError
from lattice.rules.eligibility import eligibility
from lattice.rules.engine import place, standing_by_year
from lattice.rules.explain import explain_data, explain_text
from lattice.rules.ledger import ClaimCheck, credit_claim_check
from lattice.rules.loader import PolicyError, Problem, load_policy, loads_policy
from lattice.rules.policy import Policy
from lattice.rules.roles import RolePlan, role_plan
from lattice.rules.standing import Move, Requirement, Standing, TraceLine, YearStanding

__all__ = [
    "ClaimCheck",
    "Move",
    "Policy",
    "PolicyError",
    "Problem",
    "RecordError",
    "Requirement",
    "RolePlan",
    "Standing",
    "TraceLine",
    "YearStanding",
    "credit_claim_check",
    "eligibility",
    "explain_data",
    "explain_text",
    "load_policy",
    "loads_policy",
    "place",
    "role_plan",
    "standing_by_year",
]
