"""Proxies: where a body's bylaws allow, a member hands their vote in one poll to another
voter present, who casts it as a ballot apart from their own. It is revocable until either
has voted, one a giver, no chains, at most the bylaws' number a holder; an absent member may
give one even where absentee votes are not allowed; every step is audited.

The weighted council: Ada holds 2 votes, Pat 1, Ben 1 and Rae 3; one proxy a holder.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import Ballot, Body, Poll, Proxy
from tests import query_budgets
from tests.cast import Cast
from tests.councils.world import weighted_council, weighted_poll, world


@pytest.fixture
def council(cast: Cast) -> Body:
    return weighted_council(cast)


@pytest.fixture
def poll(cast: Cast, council: Body) -> Poll:
    return weighted_poll(council, cast.teacher_staff, kind="yes_no")


def _pick(poll: Poll, meaning: str) -> dict[int, int]:
    return {poll.options.get(meaning=meaning).pk: 1}


def test_a_named_proxy_ballot_records_who_gave_and_who_cast_it_apart_from_the_holders(
    cast: Cast, poll: Poll
) -> None:
    ada, rae = cast.teacher_staff, cast.reviewer_staff
    actions.give_proxy(None, poll, rae, ada)
    actions.cast_proxy_ballot(None, poll, ada, rae, _pick(poll, "no"), "As Rae asked")
    actions.cast_ballot(None, poll, ada, _pick(poll, "yes"))
    theirs = Ballot.objects.get(poll=poll, voter=rae)
    assert (theirs.cast_by, theirs.weight, theirs.reason) == (ada, 3, "As Rae asked")
    assert Ballot.objects.get(poll=poll, voter=ada).cast_by is None
    outcome = actions.count(poll)
    assert (outcome.figures["yes"], outcome.figures["no"]) == (2, 3)
    poll.refresh_from_db()
    assert (poll.proxy_ballots, poll.eligible.filter(voted=True).count()) == (1, 2)


def test_the_holder_may_change_a_named_proxy_ballot_counted_once(cast: Cast, poll: Poll) -> None:
    ada, rae = cast.teacher_staff, cast.reviewer_staff
    actions.give_proxy(None, poll, rae, ada)
    actions.cast_proxy_ballot(None, poll, ada, rae, _pick(poll, "no"))
    actions.cast_proxy_ballot(None, poll, ada, rae, _pick(poll, "yes"))
    assert actions.count(poll).figures["yes"] == 3
    poll.refresh_from_db()
    assert poll.proxy_ballots == 1


def test_a_secret_proxy_ballot_cannot_be_changed(cast: Cast, council: Body) -> None:
    poll = weighted_poll(council, cast.teacher_staff, kind="yes_no", anonymous=True)
    actions.give_proxy(None, poll, cast.reviewer_staff, cast.teacher_staff)
    actions.cast_proxy_ballot(
        None, poll, cast.teacher_staff, cast.reviewer_staff, _pick(poll, "yes")
    )
    with pytest.raises(actions.CouncilError, match="a secret ballot cannot be changed"):
        actions.cast_proxy_ballot(
            None, poll, cast.teacher_staff, cast.reviewer_staff, _pick(poll, "no")
        )
    assert Ballot.objects.filter(poll=poll).count() == 3


def test_the_bylaws_must_allow_proxies(cast: Cast) -> None:
    poll = world(cast).open_poll
    with pytest.raises(actions.CouncilError, match="allow no proxies"):
        actions.give_proxy(None, poll, cast.principal_staff, cast.teacher_staff)
    assert not Proxy.objects.filter(poll=poll).exists()


def test_a_giver_votes_only_after_revoking_and_may_revoke_until_either_has_voted(
    cast: Cast, poll: Poll
) -> None:
    ada, pat = cast.teacher_staff, cast.principal_staff
    actions.give_proxy(None, poll, pat, ada)
    with pytest.raises(actions.CouncilError, match="revoke the proxy first"):
        actions.cast_ballot(None, poll, pat, _pick(poll, "yes"))
    actions.revoke_proxy(None, poll, pat)
    actions.cast_ballot(None, poll, pat, _pick(poll, "yes"))
    with pytest.raises(actions.CouncilError, match="has voted; a vote cast cannot be handed on"):
        actions.give_proxy(None, poll, pat, ada)


def test_a_proxy_cannot_be_revoked_once_the_holder_has_voted_or_cast_it(
    cast: Cast, poll: Poll
) -> None:
    ada, pat, ben, rae = (
        cast.teacher_staff,
        cast.principal_staff,
        cast.teacher_other_school_staff,
        cast.reviewer_staff,
    )
    actions.give_proxy(None, poll, pat, ada)
    actions.cast_ballot(None, poll, ada, _pick(poll, "yes"))
    with pytest.raises(actions.CouncilError, match="revocable only before either of you"):
        actions.revoke_proxy(None, poll, pat)
    actions.give_proxy(None, poll, rae, ben)
    actions.cast_proxy_ballot(None, poll, ben, rae, _pick(poll, "no"))
    with pytest.raises(actions.CouncilError, match="a proxy used cannot be revoked"):
        actions.revoke_proxy(None, poll, rae)
    assert Proxy.objects.filter(poll=poll).count() == 2


def test_one_proxy_a_giver_and_no_chains(cast: Cast, poll: Poll) -> None:
    ada, pat, ben, rae = (
        cast.teacher_staff,
        cast.principal_staff,
        cast.teacher_other_school_staff,
        cast.reviewer_staff,
    )
    actions.give_proxy(None, poll, pat, ada)
    with pytest.raises(actions.CouncilError, match="already gave their vote to Ada"):
        actions.give_proxy(None, poll, pat, ben)
    with pytest.raises(actions.CouncilError, match="no chains"):
        actions.give_proxy(None, poll, rae, pat)  # Pat gave theirs away
    with pytest.raises(actions.CouncilError, match="no chains"):
        actions.give_proxy(None, poll, ada, ben)  # Ada holds Pat's
    with pytest.raises(actions.CouncilError, match="another member"):
        actions.give_proxy(None, poll, ben, ben)


def test_a_holder_holds_no_more_proxies_than_the_bylaws_allow(cast: Cast) -> None:
    one = weighted_council(cast)
    poll = weighted_poll(one, cast.teacher_staff, kind="yes_no")
    actions.give_proxy(None, poll, cast.principal_staff, cast.teacher_staff)
    with pytest.raises(actions.CouncilError, match=r"already holds 1 proxy; the bylaws .* allow 1"):
        actions.give_proxy(None, poll, cast.reviewer_staff, cast.teacher_staff)
    Body.objects.filter(pk=one.pk).update(proxies_per_holder=2)
    actions.give_proxy(None, poll, cast.reviewer_staff, cast.teacher_staff)
    assert len(actions.proxies_held(poll, cast.teacher_staff)) == 2


def test_the_holder_must_be_a_voter_of_the_poll(cast: Cast, poll: Poll) -> None:
    with pytest.raises(actions.CouncilError, match="not eligible to vote when the poll opened"):
        actions.give_proxy(None, poll, cast.principal_staff, cast.other_principal_staff)


def test_an_absent_member_may_give_a_proxy_to_one_present_but_not_to_one_absent(
    cast: Cast, council: Body
) -> None:
    meeting = _meeting(council)
    ada, pat, ben, rae = (
        cast.teacher_staff,
        cast.principal_staff,
        cast.teacher_other_school_staff,
        cast.reviewer_staff,
    )
    for who, presence in ((ada, "present"), (ben, "present"), (pat, "excused"), (rae, "absent")):
        actions.record_attendance(None, meeting, who, presence)
    poll = weighted_poll(council, ada, kind="yes_no", base="present")
    poll.meeting = meeting
    poll.save()
    with pytest.raises(actions.CouncilError, match="allow no absentee votes"):
        actions.cast_ballot(None, poll, rae, _pick(poll, "yes"))
    with pytest.raises(
        actions.CouncilError,
        match="Pat Principal is recorded absent from Weighted Council: Cabinet",
    ):
        actions.give_proxy(None, poll, rae, pat)
    actions.give_proxy(None, poll, rae, ben)
    assert actions.present_shares(poll) == 2 + 1 + 3  # Ada, Ben, and Rae through Ben
    actions.cast_proxy_ballot(None, poll, ben, rae, _pick(poll, "yes"))
    poll.refresh_from_db()
    assert (poll.proxy_ballots, poll.absentee_ballots) == (1, 0)
    assert actions.quorum(meeting) == (2, 4, False)  # quorum stays a count of people


def test_an_election_takes_no_proxies(cast: Cast) -> None:
    body = weighted_council(cast)
    seat = actions.add_seat(None, body, label="Open seat", position="member", selection="elected")
    poll = actions.call_election(None, body, [seat])
    actions.nominate(None, poll, cast.teacher_staff, "")
    actions.open_voting(None, poll)
    with pytest.raises(actions.CouncilError, match="election"):
        actions.give_proxy(None, poll, cast.principal_staff, cast.teacher_staff)


@pytest.mark.parametrize(
    ("kind", "options"), [("consent", ()), ("score", ("X", "Y")), ("ranked", ("X", "Y"))]
)
def test_a_proxy_ballot_weighs_the_givers_share_in_every_kind(
    cast: Cast, council: Body, kind: str, options: tuple[str, ...]
) -> None:
    poll = weighted_poll(council, cast.teacher_staff, kind=kind, options=options)
    first = poll.options.first()
    assert first is not None
    actions.give_proxy(None, poll, cast.reviewer_staff, cast.principal_staff)
    actions.cast_proxy_ballot(
        None,
        poll,
        cast.principal_staff,
        cast.reviewer_staff,
        {first.pk: 5 if kind == "score" else 1},
    )
    shown = actions.figures(poll)
    assert shown.get(str(first.pk), shown.get(first.meaning)) == (15 if kind == "score" else 3)


def test_giving_revoking_and_casting_are_audited_without_a_secret_ballots_content(
    cast: Cast, council: Body
) -> None:
    poll = weighted_poll(council, cast.teacher_staff, kind="yes_no", anonymous=True)
    actions.give_proxy(None, poll, cast.principal_staff, cast.teacher_staff)
    actions.revoke_proxy(None, poll, cast.principal_staff)
    actions.give_proxy(None, poll, cast.principal_staff, cast.reviewer_staff)
    actions.cast_proxy_ballot(
        None, poll, cast.reviewer_staff, cast.principal_staff, _pick(poll, "no")
    )
    entries = AuditEntry.objects.filter(object_id=str(poll.pk), action__startswith="councils.proxy")
    assert [(e.action, e.before, e.after) for e in entries.order_by("pk")] == [
        ("councils.proxy.give", {}, {"holder": "Ada Teacher"}),
        ("councils.proxy.revoke", {"holder": "Ada Teacher"}, {}),
        ("councils.proxy.give", {}, {"holder": "Rae Reviewer"}),
        ("councils.proxy.cast", {}, {"cast_by": "Rae Reviewer"}),
    ]


def test_the_poll_page_lets_a_member_give_revoke_and_the_holder_cast_a_proxy(
    cast: Cast, poll: Poll, client_for
) -> None:  # type: ignore[no-untyped-def]
    pat, ada = client_for("principal"), client_for("teacher")
    url = f"/councils/polls/{poll.pk}/"
    assert "Give your vote as a proxy" in pat.get(url).content.decode()
    pat.post(f"{url}proxy/", {"holder": str(cast.teacher_staff.pk)})
    page = pat.get(url).content.decode()
    assert "You gave your vote in this poll to <strong>Ada Teacher</strong>" in page
    assert "Revoke the proxy" in page
    page = ada.get(url).content.decode()
    assert "You hold a proxy from Pat Principal" in page
    no = poll.options.get(meaning="no")
    ada.post(f"{url}ballot/", {"option": str(no.pk), "proxy_for": str(cast.principal_staff.pk)})
    assert Ballot.objects.get(poll=poll, voter=cast.principal_staff).cast_by == cast.teacher_staff
    page = ada.get(url).content.decode()
    assert "Pat Principal, cast by Ada Teacher as proxy: No" in page
    assert "1 of the ballots was cast by proxy" in page
    assert "Revoke the proxy" not in pat.get(url).content.decode()


def test_a_ballot_for_a_proxy_one_does_not_hold_is_refused(
    cast: Cast, poll: Poll, client_for
) -> None:  # type: ignore[no-untyped-def]
    yes = poll.options.get(meaning="yes")
    response = client_for("teacher").post(
        f"/councils/polls/{poll.pk}/ballot/",
        {"option": str(yes.pk), "proxy_for": str(cast.principal_staff.pk)},
        follow=True,
    )
    assert "you hold no proxy from that member" in response.content.decode()
    assert not Ballot.objects.filter(poll=poll).exists()


def test_the_body_form_records_the_proxy_bylaws(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    office = client_for("officer")
    office.post(
        "/councils/new/",
        {
            "name": "Proxy Cabinet",
            "kind": "advisory_cabinet",
            "purpose": "Advises.",
            "scope": "district",
            "workflow": "simple",
            "quorum_percent": "50",
            "allows_proxies": "on",
            "proxies_per_holder": "2",
        },
    )
    body = Body.objects.get(name="Proxy Cabinet")
    assert (body.allows_proxies, body.proxies_per_holder) == (True, 2)
    page = office.get(f"/councils/{body.pk}/").content.decode()
    assert "a member holds at most 2 proxies a poll" in page


def _meeting(body: Body):  # type: ignore[no-untyped-def]
    when = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(15))
    )
    return actions.schedule_meeting(
        None, body, title="Cabinet", starts_at=when, ends_at=when + dt.timedelta(hours=1)
    )


def test_once_a_secret_proxy_is_cast_the_page_says_so_and_offers_no_ballot(
    cast: Cast, council: Body, client_for
) -> None:  # type: ignore[no-untyped-def]
    poll = weighted_poll(council, cast.teacher_staff, kind="yes_no", anonymous=True)
    actions.give_proxy(None, poll, cast.principal_staff, cast.teacher_staff)
    actions.cast_proxy_ballot(
        None, poll, cast.teacher_staff, cast.principal_staff, _pick(poll, "yes")
    )
    page = client_for("teacher").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert "You have cast it; a secret ballot cannot be changed." in page
    assert 'name="proxy_for"' not in page
    assert "Who voted what" not in page


def _home_waiting(client) -> str:  # type: ignore[no-untyped-def]
    """The councils home's "Waiting for your vote" card ('' when there is none)."""
    page = client.get("/councils/").content.decode()
    start = page.find('id="vote-h"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_the_councils_home_tells_a_holder_of_an_uncast_proxy_where_to_cast_it(
    cast: Cast, poll: Poll, client_for
) -> None:  # type: ignore[no-untyped-def]
    ada, pat, ben = (
        client_for("teacher"),
        client_for("principal"),
        client_for("teacher_other_school"),
    )
    actions.give_proxy(None, poll, cast.principal_staff, cast.teacher_staff)
    weighted_poll(poll.body, cast.teacher_staff, kind="yes_no", title="Another")  # 2 to vote
    link = f'<a href="/councils/polls/{poll.pk}/">Weighted</a>'
    with CaptureQueriesContext(connection) as queries:
        card = _home_waiting(ada)
    query_budgets.check("/councils/", len(queries.captured_queries), "for a proxy's holder")
    assert f"You hold Pat Principal's proxy: a vote to cast for them in {link}" in card
    assert "proxy" not in _home_waiting(pat)  # the giver holds none, and has none to cast
    assert "proxy" not in _home_waiting(ben)
    actions.cast_ballot(None, poll, cast.teacher_staff, _pick(poll, "yes"))
    assert "Pat Principal's proxy" in _home_waiting(ada)  # her own vote is not the proxy's
    actions.cast_proxy_ballot(
        None, poll, cast.teacher_staff, cast.principal_staff, _pick(poll, "no")
    )
    card = _home_waiting(ada)
    assert link not in card  # both cast: only the other poll waits
    assert "proxy" not in card
    assert ">Another</a>" in card


def test_the_home_lists_no_proxy_of_a_closed_poll(cast: Cast, poll: Poll, client_for) -> None:  # type: ignore[no-untyped-def]
    actions.give_proxy(None, poll, cast.principal_staff, cast.teacher_staff)
    actions.close_poll(None, poll)
    assert "proxy" not in _home_waiting(client_for("teacher"))
