"""The selection flow: apply, withdraw, score, rank, offer, decline, next on the waitlist,
accept, role assignment and feedback — every step audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.people import actions as people_actions
from lattice.people.models import Position
from lattice.roles import actions, queries
from lattice.roles.models import ApplicationStatus, OfferResponse, RoleAssignment
from tests.cast import Cast
from tests.roles.world import today, world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]

RUBRIC_TOTAL = {"practice": 4, "peers": 4, "plan": 4}


def actions_logged() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def council_with_three_scored(cast: Cast) -> tuple[Any, list[Any]]:
    """The council posting with a third applicant (Carl, Alder), everyone scored."""
    w = world(cast)
    carl, _ = people_actions.save_staff_member(
        None, cast.district, employee_id="N1010", given_name="Carl", family_name="Third"
    )
    people_actions.add_assignment(
        None, carl, school=cast.alder, school_year=cast.year, position=Position.TEACHER
    )
    carl_app = actions.submit_application(
        None, w.district_posting, carl, statement="Me too", files=[], today=today()
    )
    rae = cast.user("reviewer")
    actions.record_scores(
        rae, w.rae_council, w.ada_council_app, {"practice": 4, "peers": 4, "plan": 4}
    )
    actions.record_scores(rae, w.rae_council, carl_app, {"practice": 2, "peers": 3, "plan": 3})
    # Ben is from Rae's school: a second reviewer from Alder scores him.
    pat = actions.seat_reviewer(None, w.district_posting, cast.principal_staff)
    actions.record_scores(
        cast.user("principal"), pat, w.ben_app, {"practice": 3, "peers": 3, "plan": 3}
    )
    return w, [w.ada_council_app, w.ben_app, carl_app]


def test_applications_are_ranked_by_the_mean_reviewer_total(cast: Cast) -> None:
    w, (ada, ben, carl) = council_with_three_scored(cast)
    ranked = queries.ranking(w.district_posting)
    assert [r.application for r in ranked] == [ada, ben, carl]
    assert [r.mean_total for r in ranked] == [12, 9, 8]


def test_offer_decline_next_on_waitlist_accept_creates_an_assignment(cast: Cast) -> None:
    w, (ada, ben, _carl) = council_with_three_scored(cast)
    w.district_posting.positions = 1
    w.district_posting.save(update_fields=["positions"])
    officer = cast.user("officer")
    first = actions.offer_next(officer, w.district_posting)
    assert first.application == ada
    with pytest.raises(actions.RoleError, match="offer out"):
        actions.offer_next(officer, w.district_posting)  # one position, one pending offer
    actions.respond_to_offer(cast.user("teacher"), first, accept=False, today=today())
    ada.refresh_from_db()
    assert ada.status == ApplicationStatus.DECLINED
    second = ben.offers.get()
    assert second.response == OfferResponse.PENDING
    actions.respond_to_offer(cast.user("teacher_other_school"), second, accept=True, today=today())
    held = RoleAssignment.objects.get(staff_member=cast.teacher_other_school_staff, role=w.council)
    assert (held.school, held.stipend_dollars) == (cast.birch, w.council.stipend_dollars)
    log = actions_logged()
    for step in (
        "roles.offer.make",
        "roles.offer.decline",
        "roles.offer.accept",
        "roles.assignment.create",
    ):
        assert step in log
    assert log.count("roles.offer.make") == 2
    auto = AuditEntry.objects.filter(action="roles.offer.make").order_by("id").last()
    assert auto.actor is None
    assert "waitlist" in auto.summary


def test_an_offer_cannot_be_answered_twice(cast: Cast) -> None:
    w, _ = council_with_three_scored(cast)
    offer = actions.offer_next(cast.user("officer"), w.district_posting)
    actions.respond_to_offer(cast.user("teacher"), offer, accept=True, today=today())
    with pytest.raises(actions.RoleError, match="already"):
        actions.respond_to_offer(cast.user("teacher"), offer, accept=False, today=today())


def test_unsuccessful_applicants_get_feedback_they_can_read(cast: Cast, client_for: Any) -> None:
    _w, (_, _, carl) = council_with_three_scored(cast)
    actions.send_feedback(cast.user("officer"), carl, "Strong plan; add evidence of growth.")
    carl.refresh_from_db()
    assert carl.status == ApplicationStatus.UNSUCCESSFUL
    page = client_for("officer").get(f"/roles/applications/{carl.pk}/")
    assert "add evidence of growth" in page.content.decode()
    assert "roles.application.give_feedback" in actions_logged()


def test_a_teacher_withdraws_before_the_window_closes_but_not_after(cast: Cast) -> None:
    w = world(cast)
    with pytest.raises(actions.RoleError, match="window has closed"):
        actions.withdraw_application(
            None, w.ada_app, today=w.alder_posting.closes_on + dt.timedelta(days=1)
        )
    actions.withdraw_application(cast.user("teacher"), w.ada_app, today=today())
    w.ada_app.refresh_from_db()
    assert w.ada_app.status == ApplicationStatus.WITHDRAWN
    assert "roles.application.withdraw" in actions_logged()


def test_applying_outside_the_window_is_refused_with_the_dates(cast: Cast) -> None:
    w = world(cast)
    with pytest.raises(actions.RoleError, match="not taking applications"):
        actions.submit_application(
            None,
            w.alder_posting,
            cast.reviewer_staff,
            statement="x",
            files=[],
            today=w.alder_posting.closes_on + dt.timedelta(1),
        )


def test_scores_outside_the_rubric_are_refused_and_nothing_is_saved(cast: Cast) -> None:
    w = world(cast)
    with pytest.raises(actions.RoleError, match="from 0 to 4"):
        actions.record_scores(
            cast.user("reviewer"), w.rae_alder, w.ada_app, {"practice": 3, "peers": 9, "plan": 1}
        )
    assert not w.ada_app.scores.exists()


def test_the_apply_page_reports_a_fake_pdf_by_name(
    cast: Cast, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    w = world(cast)
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf", "application/pdf")
    page = client_for("principal").post(
        f"/roles/postings/{w.alder_posting.pk}/apply/", {"statement": "Hello", "evidence": [fake]}
    )
    assert page.status_code == 200
    assert "plan.pdf was refused as PDF: it does not begin as a PDF does" in page.content.decode()
    assert not w.alder_posting.applications.filter(applicant=cast.principal_staff).exists()


def test_a_panel_member_cannot_apply_to_the_posting_they_review(cast: Cast) -> None:
    w = world(cast)
    with pytest.raises(actions.RoleError, match="review panel"):
        actions.submit_application(
            None, w.alder_posting, cast.reviewer_staff, statement="x", files=[], today=today()
        )


def test_an_applicant_cannot_be_seated_on_the_panel(cast: Cast) -> None:
    w = world(cast)
    with pytest.raises(actions.RoleError, match="cannot review"):
        actions.seat_reviewer(None, w.alder_posting, cast.teacher_staff)


def test_the_whole_flow_through_the_pages(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    rae = client_for("reviewer")
    r = rae.post(
        f"/roles/applications/{w.ada_app.pk}/score/",
        {"points_practice": 4, "points_peers": 3, "points_plan": 4},
    )
    assert r.status_code == 302
    officer = client_for("officer")
    assert officer.post(f"/roles/postings/{w.alder_posting.pk}/offer/").status_code == 302
    offer = w.ada_app.offers.get()
    ada = client_for("teacher")
    assert ada.post(f"/roles/offers/{offer.pk}/respond/", {"answer": "accept"}).status_code == 302
    assert RoleAssignment.objects.filter(application=w.ada_app).exists()


def test_a_posting_rubric_is_read_from_lines_and_bad_lines_are_named() -> None:
    from django import forms

    from lattice.roles.forms import parse_rubric

    growth = ["None shown", "One class", "Several classes", "Every class, every year"]
    text = "Evidence of growth | 4\n" + "".join(f"{n}: {w}\n" for n, w in enumerate(growth, 1))
    coaching = "Peer coaching | 2\n1: Once\n2: Regularly"
    assert parse_rubric(text + coaching) == [
        {"key": "evidence-of-growth", "label": "Evidence of growth", "max": 4, "levels": growth},
        {
            "key": "peer-coaching",
            "label": "Peer coaching",
            "max": 2,
            "levels": ["Once", "Regularly"],
        },
    ]
    with pytest.raises(forms.ValidationError, match="Line 6: the most points"):
        parse_rubric(text + "Plan | 40")
    assert [c["key"] for c in parse_rubric("")] == ["practice", "peers", "plan"]
