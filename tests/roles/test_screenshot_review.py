"""What a screenshot review of the roles pages found (issue #18), each as a sentence: a
posting's state follows its window, buttons appear only when they can act, the coverage
target reads "met" once met, one title per catalogue role, every proposal decision in its
history, postings filed under the year their dates fall in, dollars in audit values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.lib.formatting import shown_value
from lattice.people.models import SchoolYear
from lattice.people.templatetags.lattice_tags import audit_changes
from lattice.roles import actions, queries
from lattice.roles.models import LeadershipRole, Posting, PostingStatus, RoleProposal
from lattice.roles.posting_state import next_steps, posting_state
from lattice.roles.templatetags.roles_tags import school_year_note
from tests.cast import Cast
from tests.roles.world import today, world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]

MARCH = {"opens_on": dt.date(2026, 3, 2), "closes_on": dt.date(2026, 3, 20)}


def _closed_in_march(cast: Cast) -> Posting:
    """A mentor opening at Birch whose window closed in March; nobody applied."""
    return actions.create_posting(
        None, world(cast).mentor, school=cast.birch, school_year=cast.year, **MARCH
    )


# --- 3. a posting's state follows its window ---------------------------------------------


def test_a_posting_whose_window_closed_in_march_no_longer_reads_open(cast: Cast) -> None:
    posting = _closed_in_march(cast)
    state = posting_state(posting, dt.date(2026, 12, 3), applicants=0, open_positions=1)
    assert str(state) == "Closed Mar 20, 2026; nobody applied"
    assert not state.taking


def test_a_posting_reads_opens_taking_in_review_filled_and_finished_as_it_moves_on(
    cast: Cast,
) -> None:
    posting = _closed_in_march(cast)
    before, during, after = dt.date(2026, 2, 1), dt.date(2026, 3, 10), dt.date(2026, 4, 1)
    assert str(posting_state(posting, before)) == "Opens Mar 2, 2026"
    assert posting_state(posting, during).taking
    assert str(posting_state(posting, after, applicants=2, open_positions=1)) == "In review"
    assert str(posting_state(posting, after, applicants=2, open_positions=0)) == "Filled"
    posting.status = PostingStatus.CLOSED
    assert str(posting_state(posting, after, open_positions=1)) == "Selection finished"


def test_the_openings_list_and_the_posting_page_show_the_window_s_state(
    cast: Cast, client_for: Any
) -> None:
    posting = _closed_in_march(cast)
    listing = client_for("officer").get("/roles/postings/").content.decode()
    assert "Closed Mar 20, 2026; nobody applied" in listing
    assert "Taking applications" in listing  # the world's own postings are open today
    page = client_for("officer").get(f"/roles/postings/{posting.pk}/").content.decode()
    assert "<dd>Closed Mar 20, 2026; nobody applied</dd>" in page
    assert ">Open<" not in page


def test_the_staffing_suggestions_say_a_closed_window_s_posting_is_closed(
    cast: Cast, client_for: Any
) -> None:
    _closed_in_march(cast)
    html = client_for("officer").get("/roles/suggestions/").content.decode()
    assert "Closed for applications Mar 20, 2026" in html


# --- 4. actions only when they can do something ------------------------------------------


def test_a_posting_with_no_applications_offers_no_buttons_and_says_what_is_next(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    posting = actions.create_posting(
        None,
        w.lead,
        school=cast.birch,
        school_year=cast.year,
        opens_on=today(),
        closes_on=today() + dt.timedelta(days=14),
    )
    html = client_for("officer").get(f"/roles/postings/{posting.pk}/").content.decode()
    assert "Offer to the next on the waitlist" not in html
    assert "Finish selection" not in html
    closes = f"{posting.closes_on:%b} {posting.closes_on.day}, {posting.closes_on.year}"
    assert f"No applications yet; the window closes on {closes}." in html


def test_an_application_with_no_panel_asks_for_reviewers_before_any_offer(cast: Cast) -> None:
    posting = world(cast).alder_posting
    steps = next_steps(
        posting, today(), applicants=1, reviewers=0, waiting=0, open_positions=1,
        seated_decider=False,
    )  # fmt: skip
    assert not steps.can_offer
    assert not steps.can_finish
    assert "no review panel yet" in steps.words


def test_a_scored_applicant_after_the_window_can_be_offered_and_selection_finished(
    cast: Cast,
) -> None:
    posting = _closed_in_march(cast)
    steps = next_steps(
        posting, dt.date(2026, 4, 1), applicants=2, reviewers=1, waiting=1, open_positions=1,
        seated_decider=False,
    )  # fmt: skip
    assert steps.can_offer
    assert steps.can_finish
    assert steps.finish_label == "Finish selection"


def test_a_closed_window_nobody_applied_to_can_be_closed_and_says_so(cast: Cast) -> None:
    posting = _closed_in_march(cast)
    steps = next_steps(
        posting, dt.date(2026, 4, 1), applicants=0, reviewers=1, waiting=0, open_positions=1,
        seated_decider=False,
    )  # fmt: skip
    assert not steps.can_offer
    assert steps.can_finish
    assert steps.finish_label == "Close the posting"
    assert steps.words.startswith("Nobody applied; the window closed on Mar 20, 2026.")


# --- 7. the coverage target reads "met" once met --------------------------------------------


def test_the_dashboard_says_target_met_when_the_share_is_above_it(
    cast: Cast, client_for: Any
) -> None:
    world(cast)
    d = queries.dashboard(cast.district, cast.year, today())
    assert (d.in_roles, d.teachers, d.required) == (1, 3, 1)
    assert d.target_sentence == "Target met (1 of 3, 33%)"
    html = client_for("officer").get("/roles/dashboard/?year=2025-26").content.decode()
    assert "Target met (1 of 3, 33%)." in html
    assert "needed for the" not in html


def test_below_the_target_the_dashboard_counts_how_many_more_are_needed(cast: Cast) -> None:
    world(cast)
    actions.save_role_settings(None, cast.district, target_share_percent=100)
    d = queries.dashboard(cast.district, cast.year, today())
    assert d.shortfall == 2
    assert d.target_sentence.startswith("2 more role holders needed for the 100% target")


# --- 2. one title per catalogue role ---------------------------------------------------------


def test_adding_the_mentor_template_again_is_refused_naming_the_role_there(cast: Cast) -> None:
    world(cast)
    with pytest.raises(actions.RoleError, match="already has “Mentor teacher”"):
        actions.install_template(None, cast.district, "iowa-mentor", activate=True)
    assert (
        LeadershipRole.objects.filter(district=cast.district, title="Mentor teacher").count() == 1
    )


def test_the_catalogue_page_lists_each_role_once_and_refuses_a_duplicate_in_words(
    cast: Cast, client_for: Any
) -> None:
    world(cast)
    client = client_for("officer")
    response = client.post(
        "/roles/catalogue/from-template/", {"template": "iowa-mentor"}, follow=True
    )
    html = response.content.decode()
    assert "already has “Mentor teacher”" in html
    assert html.count(">Mentor teacher</a>") == 1


def test_a_retired_role_s_title_may_be_used_again(cast: Cast) -> None:
    w = world(cast)
    actions.save_role(
        None, cast.district, LeadershipRole.objects.get(pk=w.mentor.pk), status="retired"
    )
    again = actions.install_template(None, cast.district, "iowa-mentor")
    assert again.title == "Mentor teacher"
    assert again.key != w.mentor.key


# --- 5. every decision in the proposal's history ---------------------------------------------


def test_every_decision_on_a_proposal_appears_in_its_history_with_who_when_and_note(
    cast: Cast, client_for: Any
) -> None:
    proposal = world(cast).proposal
    principal, officer = cast.users["principal"], cast.users["officer"]
    actions.review_proposal(
        principal, proposal, stage="principal", decision="return", note="Say which teams."
    )
    actions.resubmit_proposal(
        cast.users["teacher"],
        proposal,
        note="The grade 3 and 4 teams.",
        duties="Lead data meetings\nGrades 3 and 4",
    )
    proposal = RoleProposal.objects.get(pk=proposal.pk)
    proposal = actions.review_proposal(
        principal, proposal, stage="principal", decision="approve", note=""
    )
    actions.review_proposal(
        officer, proposal, stage="district", decision="decline", note="No budget this year."
    )
    labels = [(e.label, e.actor, e.note) for e in proposal.events.all()]
    assert labels == [
        ("Sent to the principal", None, ""),
        ("Returned for changes by the principal", principal, "Say which teams."),
        (
            "Changed and sent again to the principal",
            cast.users["teacher"],
            "The grade 3 and 4 teams.",
        ),
        ("The principal approved it and sent it to the district", principal, ""),
        ("Declined by the district", officer, "No budget this year."),
    ]
    html = client_for("teacher").get(f"/roles/proposals/{proposal.pk}/").content.decode()
    assert "<strong>Declined by the district</strong>" in html
    assert "No budget this year." in html


# --- 6. the school year a page shows and a posting is filed under ---------------------------


def test_a_december_window_is_refused_under_the_year_that_ended_in_june(cast: Cast) -> None:
    next_year = SchoolYear.objects.create(
        district=cast.district, label="2026-27", start=dt.date(2026, 7, 1), end=dt.date(2027, 6, 30)
    )
    window = {"opens_on": dt.date(2026, 12, 1), "closes_on": dt.date(2026, 12, 20)}
    with pytest.raises(actions.RoleError, match="file the posting under 2026-27"):
        actions.create_posting(
            None, world(cast).lead, school=cast.birch, school_year=cast.year, **window
        )
    posting = actions.create_posting(
        None, world(cast).lead, school=cast.birch, school_year=next_year, **window
    )
    assert posting.school_year == next_year


def test_next_year_s_role_may_be_posted_in_the_spring_before_it(cast: Cast) -> None:
    next_year = SchoolYear.objects.create(
        district=cast.district, label="2026-27", start=dt.date(2026, 7, 1), end=dt.date(2027, 6, 30)
    )
    posting = actions.create_posting(
        None, world(cast).lead, school=cast.birch, school_year=next_year, **MARCH
    )
    assert posting.school_year == next_year


def test_the_office_pages_say_why_they_show_a_year_that_has_ended(cast: Cast) -> None:
    note = school_year_note(cast.year, dt.date(2026, 12, 3))
    assert note.startswith("Today (Dec 3, 2026) is after 2025-26 ended on Jun 30, 2026")
    assert school_year_note(cast.year, dt.date(2026, 1, 15)) == ""


def test_once_this_year_exists_the_office_pages_default_to_it(cast: Cast, client_for: Any) -> None:
    world(cast)
    on = today()
    start = dt.date(on.year if on.month >= 7 else on.year - 1, 7, 1)
    label = f"{start.year}-{(start.year + 1) % 100:02d}"
    SchoolYear.objects.get_or_create(
        district=cast.district, label=label,
        defaults={"start": start, "end": dt.date(start.year + 1, 6, 30)},
    )  # fmt: skip
    html = client_for("officer").get("/roles/dashboard/").content.decode()
    assert f"Leadership coverage, {label}</h1>" in html
    assert "is after" not in html


# --- 8. dollars in audit values ----------------------------------------------------------


def test_an_audit_entry_s_money_reads_with_a_dollar_sign(cast: Cast) -> None:
    assert shown_value({"placed": 12, "cost": 36_619}) == "Placed: 12; Cost: $36,619"
    assert shown_value(5_000, "stipend_dollars") == "$5,000"
    assert shown_value(3, "extra_days") == "3"
    world(cast)
    entry = AuditEntry.objects.get(action="roles.role.create", after__title="Mentor teacher")
    assert "<dt>Stipend dollars</dt>" in str(audit_changes(entry))
    assert "now </span>$5,000</ins>" in str(audit_changes(entry))
