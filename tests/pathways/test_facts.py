"""Every fact the rules engine reads, changed through its own action, reaches pay: afterwards
the teacher's standing is fresh and payroll pays exactly what their My path shows.

Each test commits its write the way a request does (``committed``), so the listener's
after-commit recompute runs for real; nothing of Lattice is replaced by a stand-in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lattice.lib.facts import Fact
from lattice.pathways import actions
from lattice.pathways.actions.payroll import payroll
from lattice.pathways.models import Standing
from lattice.pathways.queries import pay_statement, standing_for
from lattice.people import actions as people_actions
from lattice.people.models import Position, StaffMember
from lattice.people.queries import today
from lattice.roles import actions as role_actions
from tests.cast import Cast
from tests.pathways.test_payroll import this_school_year
from tests.pathways.world import adopt, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    def run(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def northfield(cast: Cast, committed: Callable[..., Any]) -> Cast:
    adopt(cast)
    committed(this_school_year, cast)
    return cast


def agree(cast: Cast, staff: StaffMember) -> int:
    """Assert payroll pays ``staff`` what My path shows them; return the total."""
    read = standing_for(staff)
    assert read.fresh, read.why
    plan = payroll(cast.district, today())
    assert staff.pk not in {b.staff_id for b in plan.blockers}
    file_lines = [(x.label, x.amount) for x in plan.lines_by_staff.get(staff.pk, [])]
    shown = pay_statement(staff)
    assert file_lines == [(x.label, x.amount) for x in shown.lines]
    return shown.total


def test_a_rating_moves_pay_and_payroll_follows(northfield: Cast, committed: Any) -> None:
    ada = northfield.teacher_staff
    before = agree(northfield, ada)
    # Developing then Ineffective earns 3 units: not enough for interval 2 any more.
    committed(people_actions.record_rating, None, ada, northfield.year, "Ineffective")
    assert agree(northfield, ada) < before


def test_a_verified_claim_moves_pay_and_payroll_follows(northfield: Cast, committed: Any) -> None:
    ada = northfield.teacher_staff
    before = agree(northfield, ada)
    claim = actions.submit_claim(
        ada.user, ada, kind="credits", title="EDU 610", quantity=12,
        completed=today() - dt.timedelta(days=10), files=[pdf()],
    )  # fmt: skip
    committed(actions.verify_claim, northfield.user("officer"), claim)
    assert agree(northfield, ada) > before


def test_a_certificate_pays_its_bonus_and_payroll_follows(northfield: Cast, committed: Any) -> None:
    ben = northfield.teacher_other_school_staff
    before = agree(northfield, ben)
    committed(
        people_actions.add_certificate, None, ben, kind="National Board Certified Teacher",
        issued=dt.date(2021, 7, 1),
    )  # fmt: skip
    assert agree(northfield, ben) == before + 4000


def test_a_degree_and_credits_are_announced_and_payroll_follows(
    northfield: Cast, committed: Any
) -> None:
    ada = northfield.teacher_staff
    committed(people_actions.add_degree, None, ada, level="masters",
              conferred_on=dt.date(2018, 5, 1))  # fmt: skip
    committed(people_actions.add_credit, None, ada, credits=Decimal(6),
              earned_on=dt.date(2024, 12, 1))  # fmt: skip
    agree(northfield, ada)


def test_an_assignment_and_a_school_profile_are_announced(northfield: Cast, committed: Any) -> None:
    rae = northfield.reviewer_staff
    year = this_school_year(northfield)
    committed(
        people_actions.add_assignment, None, rae, school=northfield.alder, school_year=year,
        position=Position.TEACHER,
    )  # fmt: skip
    committed(
        people_actions.save_school_year_profile, None, northfield.alder, year,
        level="elementary", frl_share=Decimal("0.80"),
    )  # fmt: skip
    agree(northfield, rae)


def test_a_decision_moves_pay_and_payroll_follows(northfield: Cast, committed: Any) -> None:
    ada = northfield.teacher_staff
    before = agree(northfield, ada)
    committed(
        actions.record_starting_placement, northfield.user("officer"), ada,
        on=dt.date(2024, 7, 1), pathway="professional", interval=3, reason="corrected",
    )  # fmt: skip
    assert agree(northfield, ada) > before


def test_a_role_held_is_paid_once_and_payroll_follows(northfield: Cast, committed: Any) -> None:
    ada = northfield.teacher_staff
    before = agree(northfield, ada)
    officer = northfield.user("officer")
    lead = role_actions.install_template(officer, northfield.district, "iowa-lead", activate=True)
    committed(role_actions.assign_role, officer, lead, ada, this_school_year(northfield))
    assert agree(northfield, ada) == before + lead.stipend_dollars


def test_a_hire_is_placed_and_paid(northfield: Cast, committed: Any) -> None:
    hire, _ = committed(
        people_actions.save_staff_member, None, northfield.district, employee_id="N1009",
        given_name="Nia", family_name="New", hire_date=today() - dt.timedelta(days=30),
    )  # fmt: skip
    committed(
        people_actions.add_assignment, None, hire, school=northfield.birch,
        school_year=this_school_year(northfield), position=Position.TEACHER,
    )  # fmt: skip
    assert agree(northfield, hire) > 0


def test_an_exit_takes_the_teacher_off_payroll(northfield: Cast, committed: Any) -> None:
    ben = northfield.teacher_other_school_staff
    committed(people_actions.deactivate_staff_member, None, ben, reason="moved away")
    assert not Standing.objects.filter(staff_member=ben).exists()
    assert ben.pk not in payroll(northfield.district, today()).lines_by_staff


def test_prior_experience_is_announced_and_payroll_follows(
    northfield: Cast, committed: Any
) -> None:
    ada = northfield.teacher_staff
    committed(
        people_actions.save_staff_member, None, northfield.district, employee_id="N1001",
        prior_years_experience=Decimal(9),
    )  # fmt: skip
    agree(northfield, ada)


def test_a_new_school_year_recomputes_everyone(northfield: Cast, committed: Any) -> None:
    start = this_school_year(northfield).end + dt.timedelta(days=1)
    committed(
        people_actions.add_school_year, None, northfield.district,
        label=f"{start.year}-{(start.year + 1) % 100:02d}", start=start,
        end=dt.date(start.year + 1, 6, 30),
    )  # fmt: skip
    for staff in (northfield.teacher_staff, northfield.reviewer_staff):
        agree(northfield, staff)


def test_an_hr_import_of_ratings_reaches_pay(
    northfield: Cast, committed: Any, tmp_path: Path
) -> None:
    from lattice.imports.actions import apply_plan
    from lattice.imports.hr.plan import plan_hr

    ada = northfield.teacher_staff
    before = agree(northfield, ada)
    path = tmp_path / "hr.csv"
    path.write_text("employee_id,rating_2025_26\nN1001,Ineffective\n")
    plan = plan_hr(path, northfield.district, {})
    assert not plan.errors
    committed(apply_plan, None, plan)
    assert agree(northfield, ada) < before


def test_every_writer_says_which_fact_it_changed(northfield: Cast, committed: Any) -> None:
    """The listener hears each kind (here: the ones the tests above wrote)."""
    from lattice.lib import facts

    heard: list[Fact] = []
    facts.listen("test.heard", lambda event: heard.append(event.kind))
    try:
        ada = northfield.teacher_staff
        committed(people_actions.record_rating, None, ada, northfield.year, "Developing")
        committed(people_actions.add_certificate, None, ada, kind="APC", issued=today())
    finally:
        facts._listeners.pop("test.heard", None)
    assert heard == [Fact.RATING, Fact.CERTIFICATE]


def test_a_teacher_added_by_a_roster_import_is_placed_and_paid(
    northfield: Cast, committed: Any, tmp_path: Path
) -> None:
    from tests.imports.files import write_package_12
    from tests.imports.helpers import import_roster

    committed(import_roster, write_package_12(tmp_path / "roster"), northfield.district)
    nia = StaffMember.objects.get(district=northfield.district, sourced_id="u-new")
    read = standing_for(nia)
    assert read.placed, read.why
    assert agree(northfield, nia) > 0


def test_under_a_roles_model_a_role_is_paid_once_by_the_roles_app(
    northfield: Cast, committed: Any
) -> None:
    """Iowa TLC's roles table lists a $5,000 Mentor supplement; the roles app pays the
    assignment's stipend. The standing keeps the table's line as paid by the roles app."""
    from lattice.pathways.policies import district_copy, shipped_text

    day = today()
    text = district_copy(shipped_text("iowa-tlc-2013.toml"), day, northfield.district.name)
    committed(
        actions.adopt_policy, northfield.user("officer"), northfield.district, toml_text=text,
        effective_from=day, origin="iowa-tlc-2013.toml (district copy)",
    )  # fmt: skip
    ada = northfield.teacher_staff
    before = agree(northfield, ada)
    officer = northfield.user("officer")
    mentor = role_actions.install_template(officer, northfield.district, "iowa-mentor",
                                           activate=True)  # fmt: skip
    committed(role_actions.assign_role, officer, mentor, ada, this_school_year(northfield))
    lines = pay_statement(ada).lines
    assert [line.label for line in lines if "Mentor" in line.label] == ["Mentor teacher stipend"]
    assert agree(northfield, ada) == before + 5000
    standing = Standing.objects.get(staff_member=ada)
    assert [line["paid_by_roles"] for line in standing.pay_lines if "Mentor" in line["label"]] == [
        True
    ]
