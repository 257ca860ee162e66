"""Carrying decisions out in Lattice: a council votes to adopt a pathway policy the talent
office previewed, or to change a role's stipend; once the vote passes, the talent office
(and only it) carries the decision out through the pathways and roles apps' own actions,
after the preview, and what payroll pays agrees with what My path shows. No part of Lattice
is replaced by a stand-in here."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.forms import ProposalForm
from lattice.councils.models import Body, Decision, DecisionStatus, Proposal
from lattice.lib.pay import pay_lines
from lattice.pathways import actions as pathways_actions
from lattice.pathways import crosswalk as cw
from lattice.pathways.models import AdoptionDraft, PolicyAdoption
from lattice.pathways.queries import pay_statement
from lattice.people.queries import today
from lattice.roles import actions as role_actions
from lattice.roles.models import LeadershipRole, RoleAssignment, StipendChange
from tests.cast import Cast
from tests.councils.world import world
from tests.pathways.test_payroll import this_school_year
from tests.pathways.world import adopt, northfield_policy
from tests.query_budgets import BUDGETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run a writer and then what its commit triggers (the standings recompute)."""

    def run(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def mentors(cast: Cast, committed: Callable[..., Any]) -> LeadershipRole:
    """Northfield on Baltimore's rules; Ada and Rae hold the Mentor teacher role ($5,000) in
    a school year of today (the councils world is seated first, in the cast's own years)."""
    world(cast)
    adopt(cast)
    officer = cast.user("officer")
    mentor = role_actions.install_template(officer, cast.district, "iowa-mentor", activate=True)
    year = committed(this_school_year, cast)
    for person in (cast.teacher_staff, cast.reviewer_staff):
        committed(role_actions.assign_role, officer, mentor, person, year)
    return mentor


def passed(cast: Cast, body: Body, carries_out: str, fields: dict[str, Any]) -> Decision:
    """Ben raises the proposal at the district council, votes yes, and the vote passes."""
    proposal = raised(cast, body, carries_out, fields)
    poll = actions.start_poll(None, proposal, kind="yes_no")
    yes = poll.options.get(meaning="yes")
    actions.cast_ballot(None, poll, cast.teacher_other_school_staff, {yes.pk: 1})
    actions.close_poll(None, poll)
    proposal.refresh_from_db()
    return proposal.decision


def raised(cast: Cast, body: Body, carries_out: str, fields: dict[str, Any]) -> Proposal:
    return actions.raise_proposal(
        None,
        body,
        cast.teacher_other_school_staff,
        title="A change of pay",
        problem="The pay no longer fits the work.",
        proposal="Change it as named.",
        carries_out=carries_out,
        carry_out_fields=fields,
    )


def a_second_policy_draft(cast: Cast) -> AdoptionDraft:
    """The office previews a second policy from 2025-07-01 (two teachers gain, one loses)."""
    adopt(cast)
    text = northfield_policy(cast).replace("48349", "49349").replace("46774", "45774")
    return pathways_actions.save_adoption_draft(
        cast.user("officer"),
        cast.district,
        toml_text=text,
        effective_from=dt.date(2025, 7, 1),
        origin="baltimore-2010.toml (district copy)",
    )


# --- adopting a pathway policy ---------------------------------------------------------------


def test_a_passed_policy_decision_adopts_the_draft_through_the_pathways_action(
    cast: Cast,
) -> None:
    draft = a_second_policy_draft(cast)
    decision = passed(cast, world(cast).district, "adopt_policy", {"draft": draft.pk})
    shown = actions.carry_out_preview(decision)
    assert shown is not None
    assert dict(shown.preview.lines)["Pay"] == "2 gain, 1 lose, 0 the same"
    assert dict(shown.preview.lines)["Year-one cost"].startswith("+$1,000")
    assert shown.preview.refusal == ""
    assert not actions.may_carry_out(cast.user("principal"), decision)
    assert not actions.may_carry_out(cast.user("teacher_other_school"), decision)

    actions.carry_out(cast.user("officer"), decision)

    draft.refresh_from_db()
    adoption = PolicyAdoption.objects.get(pk=draft.adoption_id)
    assert adoption.effective_from == dt.date(2025, 7, 1)
    assert f"councils.Decision:{decision.pk}" in adoption.note
    assert decision.status == DecisionStatus.DONE
    assert decision.carried_out_as.startswith(f"adoption:{adoption.pk}:")
    assert AuditEntry.objects.filter(
        action="pathways.policy.adopt", object_id=str(adoption.pk)
    ).exists()
    entry = AuditEntry.objects.get(action="councils.decision.carry_out", object_id=decision.pk)
    assert entry.after["carries_out"] == "adopt_policy"
    assert entry.after["adoption"] == adoption.pk


def test_the_policy_decision_page_shows_the_offices_preview_counts_within_its_budget(
    cast: Cast, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    draft = a_second_policy_draft(cast)
    decision = passed(cast, world(cast).district, "adopt_policy", {"draft": draft.pk})
    officer = client_for("officer")
    with django_assert_max_num_queries(BUDGETS["councils:decision"]):
        page = officer.get(f"/councils/decisions/{decision.pk}/").content.decode()
    assert "3 of 3" in page  # teachers placed
    assert "2 gain, 1 lose, 0 the same" in page
    assert "Carry it out now" in page
    assert f'href="/pathways/office/policy/drafts/{draft.pk}/"' in page


def test_a_policy_draft_changed_after_the_vote_is_refused(cast: Cast) -> None:
    draft = a_second_policy_draft(cast)
    decision = passed(cast, world(cast).district, "adopt_policy", {"draft": draft.pk})
    reviewed = cw.Crosswalk.from_dict(draft.crosswalk)
    pathways_actions.save_adoption_draft(
        cast.user("officer"),
        cast.district,
        toml_text=draft.toml_text,
        effective_from=draft.effective_from,
        origin=draft.origin,
        crosswalk=replace(reviewed, carry_units=not reviewed.carry_units),
        draft=draft,
    )
    shown = actions.carry_out_preview(decision)
    assert shown is not None
    assert "changed this draft after the vote" in shown.preview.refusal
    with pytest.raises(actions.CouncilError, match="not what the body voted on"):
        actions.carry_out(cast.user("officer"), decision)
    draft.refresh_from_db()
    assert draft.adoption_id is None
    assert PolicyAdoption.objects.count() == 1


def test_a_proposal_names_a_draft_of_its_own_district_not_yet_adopted(cast: Cast) -> None:
    body = world(cast).district
    with pytest.raises(actions.CouncilError, match="choose one of the drafts"):
        raised(cast, body, "adopt_policy", {"draft": 999_999})
    draft = a_second_policy_draft(cast)
    pathways_actions.adopt_draft(cast.user("officer"), draft)
    with pytest.raises(actions.CouncilError, match="was adopted already"):
        raised(cast, body, "adopt_policy", {"draft": draft.pk})


# --- changing a role's stipend ---------------------------------------------------------------


def test_a_passed_stipend_decision_pays_the_holders_the_new_stipend_from_today(
    cast: Cast, mentors: LeadershipRole
) -> None:
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    shown = actions.carry_out_preview(decision)
    assert shown is not None
    assert dict(shown.preview.lines) == {
        "Role": "Mentor teacher",
        "Stipend": "$5,000 → $5,500 a year",
        "Paid from": f"{_day(today())}, the day it is carried out (the proposal names no day)",
        "Current holders": f"2 (paid the new stipend from {_day(today())})",
        "Cost a year": "+$1,000 ($10,000 → $11,000)",
    }

    actions.carry_out(cast.user("officer"), decision)

    mentors.refresh_from_db()
    assert mentors.stipend_dollars == 5500
    held = RoleAssignment.objects.filter(role=mentors)
    assert sorted(held.values_list("stipend_dollars", flat=True)) == [5500, 5500]
    assert StipendChange.objects.filter(assignment__role=mentors, before_dollars=5000).count() == 2
    assert decision.carried_out_as == (
        f"stipend:{mentors.pk}:Mentor teacher pays $5,500 a year from {_day(today())}"
    )
    assert shown.carry_out.link(decision.body, mentors.pk) == f"/roles/catalogue/{mentors.pk}/"


def test_the_stipend_change_is_audited_for_the_role_and_for_each_holder(
    cast: Cast, mentors: LeadershipRole
) -> None:
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    actions.carry_out(cast.user("officer"), decision)
    role_entry = AuditEntry.objects.get(action="roles.role.change_stipend")
    assert role_entry.before == {"stipend_dollars": 5000}
    assert role_entry.after["holders"] == 2
    assert role_entry.after["reference"] == f"councils.Decision:{decision.pk}"
    holders = AuditEntry.objects.filter(action="roles.assignment.change_stipend")
    assert set(holders.values_list("staff_member_id", flat=True)) == {
        cast.teacher_staff.pk,
        cast.reviewer_staff.pk,
    }
    assert AuditEntry.objects.filter(
        action="councils.decision.carry_out", object_id=decision.pk
    ).exists()


def test_payroll_pays_what_my_path_shows_after_the_stipend_change_and_says_who_changed_it(
    cast: Cast, mentors: LeadershipRole
) -> None:
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    actions.carry_out(cast.user("officer"), decision)
    shown = pay_statement(cast.teacher_staff)
    stipend = next(line for line in shown.lines if line.label == "Mentor teacher stipend")
    assert stipend.amount == 5500
    assert "as agreed when the role was assigned" not in stipend.explanation
    assert stipend.explanation == (
        f"$5,500 for holding the Mentor teacher role in {this_school_year(cast).label}, "
        f"changed from $5,000 from {_day(today())} by the Northfield Curriculum Council's "
        f"decision of {_day(decision.decided_on)}."
    )
    _, data, _ = pathways_actions.export_payroll(
        cast.user("officer"), cast.district, effective_date=today(), file_format="csv"
    )
    ada = [r for r in csv.DictReader(io.StringIO(data.decode())) if r["employee_id"] == "N1001"]
    assert [(r["pay_line"], int(r["amount"]), r["explanation"]) for r in ada] == [
        (line.label, line.amount, line.explanation) for line in shown.lines
    ]


def test_a_pay_date_before_the_change_still_pays_and_explains_the_amount_agreed_then(
    cast: Cast, mentors: LeadershipRole
) -> None:
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    actions.carry_out(cast.user("officer"), decision)
    year = this_school_year(cast)
    if year.start == today():
        pytest.skip("the school year starts today: there is no earlier pay date in it")
    before = pay_lines(cast.district.pk, today() - dt.timedelta(days=1), [cast.teacher_staff.pk])
    (line,) = [x for x in before[cast.teacher_staff.pk] if x.source == "roles"]
    assert line.amount == 5000
    assert "as agreed when the role was assigned. It becomes $5,500 a year from" in (
        line.explanation
    )


def test_a_stipend_proposal_is_checked_with_sentences_when_it_is_raised(
    cast: Cast, mentors: LeadershipRole
) -> None:
    body = world(cast).district
    with pytest.raises(actions.CouncilError, match="already pays \\$5,000 a year"):
        raised(cast, body, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5000})
    with pytest.raises(actions.CouncilError, match="choose a role of the catalogue"):
        raised(cast, body, "change_stipend", {"role": 999_999, "stipend_dollars": 10})
    form = ProposalForm(
        {"title": "t", "problem": "p", "proposal": "q", "carries_out": "change_stipend"},
        drafts=AdoptionDraft.objects.none(),
        roles=LeadershipRole.objects.filter(district=cast.district),
    )
    assert not form.is_valid()
    assert form.errors["role"] == ["Choose the role whose stipend the proposal changes."]
    assert form.errors["stipend_dollars"] == [
        "Give the new stipend in whole dollars a year, e.g. 2500."
    ]


# --- from which day a new stipend is paid ------------------------------------------------------


def _officer_exports(cast: Cast, on: dt.date) -> list[tuple[str, int, str]]:
    """Ada's rows of the payroll file the talent office exports for ``on``."""
    _, data, _ = pathways_actions.export_payroll(
        cast.user("officer"), cast.district, effective_date=on, file_format="csv"
    )
    rows = csv.DictReader(io.StringIO(data.decode()))
    return [
        (r["pay_line"], int(r["amount"]), r["explanation"])
        for r in rows
        if r["employee_id"] == "N1001"
    ]


def _a_later_day(cast: Cast) -> dt.date:
    """A day in this school year after today, as a proposal's "paid from" (the start of the
    next semester, say)."""
    year = this_school_year(cast)
    later = min(today() + dt.timedelta(days=28), year.end)
    if later <= today():
        pytest.skip("the school year ends today: there is no later day in it")
    return later


def test_a_stipend_decision_pays_the_new_stipend_from_the_day_the_proposal_states(
    cast: Cast, mentors: LeadershipRole
) -> None:
    later = _a_later_day(cast)
    fields = {"role": mentors.pk, "stipend_dollars": 5500, "effective_from": later.isoformat()}
    decision = passed(cast, world(cast).district, "change_stipend", fields)
    shown = actions.carry_out_preview(decision)
    assert shown is not None
    assert dict(shown.preview.lines)["Paid from"] == _day(later)
    actions.carry_out(cast.user("officer"), decision)
    assert set(StipendChange.objects.values_list("effective_from", flat=True)) == {later}
    entry = AuditEntry.objects.get(action="roles.role.change_stipend")
    assert entry.after["effective_from"] == later.isoformat()
    assert decision.carried_out_as.endswith(f"pays $5,500 a year from {_day(later)}")


def test_my_path_and_payroll_read_the_old_stipend_before_the_day_and_the_new_one_from_it(
    cast: Cast, mentors: LeadershipRole, client_for: Any
) -> None:
    later = _a_later_day(cast)
    fields = {"role": mentors.pk, "stipend_dollars": 5500, "effective_from": later.isoformat()}
    decision = passed(cast, world(cast).district, "change_stipend", fields)
    actions.carry_out(cast.user("officer"), decision)
    council = f"the Northfield Curriculum Council's decision of {_day(decision.decided_on)}"
    before = pay_statement(cast.teacher_staff, today())
    (line,) = [x for x in before.lines if x.label == "Mentor teacher stipend"]
    assert line.amount == 5000
    assert line.explanation.endswith(
        f"as agreed when the role was assigned. It becomes $5,500 a year from {_day(later)} "
        f"by {council}."
    )
    my_path = client_for("teacher").get("/pathways/me/").content.decode()
    assert f"It becomes $5,500 a year from {_day(later)} by" in my_path
    after = pay_statement(cast.teacher_staff, later)
    (line,) = [x for x in after.lines if x.label == "Mentor teacher stipend"]
    assert line.amount == 5500
    assert line.explanation.endswith(f"changed from $5,000 from {_day(later)} by {council}.")
    for on, statement in ((today(), before), (later, after)):
        assert _officer_exports(cast, on) == [
            (x.label, x.amount, x.explanation) for x in statement.lines
        ]


def test_a_stipend_proposal_dated_before_it_is_raised_is_refused_unless_back_dated(
    cast: Cast, mentors: LeadershipRole
) -> None:
    start = this_school_year(cast).start
    if start == today():
        pytest.skip("the school year starts today: there is no earlier day in it")
    earlier = today() - dt.timedelta(days=1)
    fields = {"role": mentors.pk, "stipend_dollars": 5500, "effective_from": earlier.isoformat()}
    with pytest.raises(actions.CouncilError, match="is before the proposal is raised"):
        raised(cast, world(cast).district, "change_stipend", fields)
    too_early = (start - dt.timedelta(days=1)).isoformat()
    with pytest.raises(actions.CouncilError, match="reaches back to the start of this school"):
        raised(
            cast, world(cast).district, "change_stipend",
            fields | {"effective_from": too_early, "backdated": True},
        )  # fmt: skip
    decision = passed(cast, world(cast).district, "change_stipend", fields | {"backdated": True})
    shown = actions.carry_out_preview(decision)
    assert shown is not None
    assert dict(shown.preview.lines)["Paid from"] == (
        f"{_day(earlier)}, back-dated: holders are owed the difference since then"
    )
    actions.carry_out(cast.user("officer"), decision)
    (line,) = [
        x for x in pay_statement(cast.teacher_staff).lines if x.label == "Mentor teacher stipend"
    ]
    assert line.amount == 5500
    assert f"changed from $5,000 from {_day(earlier)} (back-dated) by" in line.explanation


def test_a_stated_day_that_passed_before_the_carry_out_pays_from_the_carry_out_saying_so(
    cast: Cast, mentors: LeadershipRole
) -> None:
    start = this_school_year(cast).start
    if start == today():
        pytest.skip("the school year starts today: there is no earlier day in it")
    earlier = today() - dt.timedelta(days=1)
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    proposal = decision.proposal
    assert proposal is not None
    # As if raised yesterday for "from yesterday": the vote took until today.
    fields = proposal.carry_out_fields | {"effective_from": earlier.isoformat()}
    shown = actions.carry_out_preview(decision)
    assert shown is not None
    preview = shown.carry_out.preview(decision.body, fields)
    assert dict(preview.lines)["Paid from"] == (
        f"{_day(today())}, the day it is carried out: the {_day(earlier)} the proposal names "
        "has passed, and it does not say it is back-dated"
    )


def test_the_proposal_form_keeps_the_day_and_whether_it_is_back_dated(
    cast: Cast, mentors: LeadershipRole
) -> None:
    data = {
        "title": "t", "problem": "p", "proposal": "q", "carries_out": "change_stipend",
        "role": mentors.pk, "stipend_dollars": "5500", "stipend_from": "2027-01-04",
    }  # fmt: skip
    form = ProposalForm(
        data, drafts=AdoptionDraft.objects.none(), roles=LeadershipRole.objects.all()
    )
    assert form.is_valid(), form.errors
    assert form.carry_out() == (
        "change_stipend",
        {"role": mentors.pk, "stipend_dollars": 5500, "effective_from": "2027-01-04",
         "backdated": False},
    )  # fmt: skip
    bad = ProposalForm(
        data | {"stipend_from": "next term"},
        drafts=AdoptionDraft.objects.none(),
        roles=LeadershipRole.objects.all(),
    )
    assert bad.errors["stipend_from"] == [
        "Write the day the new stipend is paid from, e.g. 2027-01-01."
    ]


# --- who carries out, and when -----------------------------------------------------------------


def test_nothing_is_carried_out_before_the_vote_passes(cast: Cast, mentors: LeadershipRole) -> None:
    body = world(cast).district
    proposal = raised(cast, body, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500})
    decision = actions.record_decision(None, body, statement="Premature", proposal=proposal)
    with pytest.raises(actions.CouncilError, match="has not passed"):
        actions.carry_out(cast.user("officer"), decision)
    mentors.refresh_from_db()
    assert mentors.stipend_dollars == 5000
    assert not StipendChange.objects.exists()


@pytest.mark.parametrize("persona", ["teacher_other_school", "principal"])
def test_only_the_talent_office_carries_out_a_change_of_pay(
    cast: Cast, mentors: LeadershipRole, persona: str
) -> None:
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    assert not actions.may_carry_out(cast.user(persona), decision)
    with pytest.raises(actions.CouncilError, match="only the talent office carries"):
        actions.carry_out(cast.user(persona), decision)
    assert not StipendChange.objects.exists()
    assert actions.may_carry_out(cast.user("superuser"), decision)


def test_the_decision_page_shows_the_preview_and_the_confirm_button_to_the_office_only(
    cast: Cast, mentors: LeadershipRole, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    url = f"/councils/decisions/{decision.pk}/"
    officer = client_for("officer")
    with django_assert_max_num_queries(BUDGETS["councils:decision"]):
        office = officer.get(url).content.decode()
    assert "$5,000 → $5,500 a year" in office
    assert "Carry it out now" in office
    ben = client_for("teacher_other_school").get(url).content.decode()
    assert "$5,000 → $5,500 a year" in ben
    assert "Carry it out now" not in ben
    assert "The talent office carries it out." in ben
    refused = client_for("teacher_other_school").post(f"{url}carry-out/", {"confirm": "on"})
    assert refused.status_code == 404


def test_the_office_confirms_on_the_page_and_the_page_links_to_the_changed_role(
    cast: Cast, mentors: LeadershipRole, client_for: Any
) -> None:
    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    office = client_for("officer")
    url = f"/councils/decisions/{decision.pk}/"
    office.post(f"{url}carry-out/")  # without ticking "I checked the preview"
    assert not StipendChange.objects.exists()
    assert office.post(f"{url}carry-out/", {"confirm": "on"}).status_code == 302
    page = office.get(url).content.decode()
    assert f'href="/roles/catalogue/{mentors.pk}/"' in page
    assert "Mentor teacher pays $5,500 a year" in page


def _day(value: dt.date) -> str:
    from lattice.lib.formatting import day

    return day(value)


def test_a_passed_decision_waits_on_the_offices_home_until_it_is_carried_out(
    cast: Cast, mentors: LeadershipRole
) -> None:
    from lattice.notifications.waiting import waiting_for

    decision = passed(
        cast, world(cast).district, "change_stipend", {"role": mentors.pk, "stipend_dollars": 5500}
    )
    url = f"/councils/decisions/{decision.pk}/"
    office = [i for i in waiting_for(cast.user("officer")) if i.url == url]
    assert [(i.label, i.detail) for i in office] == [
        (
            "Carry out the decision of Northfield Curriculum Council",
            "change a leadership role's stipend for its holders",
        )
    ]
    assert not [i for i in waiting_for(cast.user("teacher_other_school")) if i.url == url]
    actions.carry_out(cast.user("officer"), decision)
    assert not [i for i in waiting_for(cast.user("officer")) if i.url == url]
