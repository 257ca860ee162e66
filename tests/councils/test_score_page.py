"""A score vote's page draws the spread of scores behind each total, as an accessible chart
with the same numbers in a table."""

from __future__ import annotations

from lattice.councils import actions
from tests.cast import Cast
from tests.councils.world import world


def test_the_score_page_charts_each_options_spread_of_scores(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    w = world(cast)
    proposal = actions.raise_proposal(
        None, w.alder, cast.teacher_staff, title="Which PD day?", problem="p", proposal="q"
    )
    poll = actions.start_poll(
        None, proposal, kind="score", options=["Monday workshop", "Friday lab"]
    )
    monday, friday = poll.options.all()
    actions.cast_ballot(None, poll, cast.teacher_staff, {monday.pk: 5, friday.pk: 2})
    actions.cast_ballot(None, poll, cast.principal_staff, {monday.pk: 0, friday.pk: 3})
    page = client_for("teacher").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "How the ballots scored each option" in page
    assert 'role="img"' in page
    assert "<desc" in page
    assert "Monday workshop: 1 scored 0, 1 scored 5" in page  # the chart's description
    assert '<td class="num">2.5</td>' in page  # the table: Monday's mean
