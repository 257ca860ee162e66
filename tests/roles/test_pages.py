"""The roles pages: coverage dashboard, postings, proposals, catalogue — with query budgets."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.audit.models import AuditEntry
from lattice.people import actions as people_actions
from lattice.people.models import Position
from lattice.roles import actions, queries
from lattice.roles.models import LeadershipRole, ProposalStatus, RoleOrigin, RoleStatus
from tests.cast import Cast
from tests.roles.world import today, world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]


def test_the_dashboard_shows_share_cost_equity_and_pipeline(cast: Cast) -> None:
    world(cast)
    d = queries.dashboard(cast.district, cast.year, today())
    assert (d.teachers, d.in_roles, d.required) == (3, 1, 1)  # Ada, Ben, Rae; Ada leads
    alder = next(r for r in d.schools if r.school == cast.alder)
    assert (alder.teachers, alder.in_roles, alder.release_fte) == (1, 1, 0.5)
    assert alder.coverage_cost == 32_500  # 0.5 FTE × the $65,000 default
    assert d.cost.total == 10_000 + 32_500 + 15 * 350
    high = next(b for b in d.bands if b[0].startswith("High poverty"))
    assert high[1:] == (1, 1, 1, 10_000)
    # Ben and Rae meet the mentor and council roles' requirements and hold none
    people = queries.pipeline_people(d.pipeline)
    assert [p.display_name for p in people] == ["Ben Other", "Rae Reviewer"]


def test_the_pipeline_page_lists_the_qualified_teachers_outside_a_role(
    cast: Cast, client_for: Any
) -> None:
    world(cast)
    html = client_for("officer").get("/roles/dashboard/pipeline/?year=2025-26").content.decode()
    assert "2 teachers." in html
    assert html.index("Ben Other") < html.index("Rae Reviewer")
    assert "Ada" not in html.split("<tbody>")[1]  # she leads a role already


def add_teachers(cast: Cast, n: int) -> None:
    for i in range(n):
        staff, _ = people_actions.save_staff_member(
            None, cast.district, employee_id=f"X{i}", given_name="Extra", family_name=f"T{i}"
        )
        people_actions.add_assignment(
            None, staff, school=cast.birch, school_year=cast.year, position=Position.TEACHER
        )


@pytest.mark.parametrize("more_teachers", [0, 12])
def test_the_dashboard_page_renders_charts_within_a_query_budget(
    cast: Cast, client_for: Any, django_assert_max_num_queries: Any, more_teachers: int
) -> None:
    world(cast)
    add_teachers(cast, more_teachers)
    client = client_for("officer")
    # +1 since the standings reader checks which adoption is in force (freshness).
    with django_assert_max_num_queries(24):  # 23 + the header's unread notices
        page = client.get("/roles/dashboard/?year=2025-26")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<svg") == 5
    assert "Role holders per 100 teachers, 2025-26" in html
    assert "target 25%" in html
    assert f"1 / {3 + more_teachers}" in html


def test_the_suggestions_page_stays_within_a_query_budget_as_staff_grow(
    cast: Cast, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    world(cast)
    add_teachers(cast, 12)
    client = client_for("officer")
    # +1 since the standings reader checks which adoption is in force (freshness).
    with django_assert_max_num_queries(31):  # + the header; + who sees each posting
        assert client.get("/roles/suggestions/?year=2025-26").status_code == 200


def test_the_posting_list_stays_within_a_query_budget_as_postings_grow(
    cast: Cast, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    w = world(cast)
    for _ in range(15):
        actions.create_posting(
            None,
            w.mentor,
            school=cast.birch,
            school_year=cast.year,
            opens_on=today(),
            closes_on=today(),
        )
    client = client_for("officer")
    with django_assert_max_num_queries(15):
        page = client.get("/roles/postings/")
    assert page.content.decode().count("Mentor teacher</a>") == 16


def test_a_teacher_sees_roles_they_qualify_for_and_what_they_would_need(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    actions.create_posting(
        None, w.lead, school=cast.birch, school_year=cast.year, opens_on=today(), closes_on=today()
    )
    html = client_for("teacher_other_school").get("/roles/").content.decode()
    assert "Roles you qualify for" in html
    assert "Leadership council member — district-wide" in html
    assert "Mentor teacher — Alder Elementary" not in html  # Ben works at Birch
    assert (
        'Lead teacher — Birch Middle, 2025-26</a> — <span class="gap">needs one more '
        "Effective rating</span>" in html
    )


def test_a_proposal_goes_principal_then_district_and_joins_the_catalogue(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    url = f"/roles/proposals/{w.proposal.pk}/review/"
    district_first = client_for("officer").post(url, {"stage": "district", "decision": "approve"})
    assert district_first.status_code == 302
    w.proposal.refresh_from_db()
    assert w.proposal.status == ProposalStatus.SUBMITTED
    client_for("principal").post(url, {"stage": "principal", "decision": "approve"})
    client_for("officer").post(url, {"stage": "district", "decision": "approve", "note": ""})
    w.proposal.refresh_from_db()
    assert w.proposal.status == ProposalStatus.APPROVED
    role = LeadershipRole.objects.get(pk=w.proposal.role_id)
    assert (role.origin, role.status, role.stipend_dollars) == (
        RoleOrigin.PROPOSAL,
        RoleStatus.ACTIVE,
        1500,
    )
    assert AuditEntry.objects.filter(action__startswith="roles.proposal.").count() == 3


def test_returning_a_proposal_needs_a_note(cast: Cast) -> None:
    w = world(cast)
    with pytest.raises(actions.RoleError, match="note"):
        actions.review_proposal(
            cast.user("principal"), w.proposal, stage="principal", decision="return", note=" "
        )


def test_a_teacher_proposes_a_role_with_a_colleague(cast: Cast, client_for: Any) -> None:
    page = client_for("teacher").post(
        "/roles/proposals/new/",
        {
            "title": "Family liaison",
            "school": cast.alder.pk,
            "problem": "Families miss conferences.",
            "duties": "Run family nights",
            "scope": "school",
            "positions": 1,
            "release_percent": 0,
            "extra_days": 2,
            "stipend_dollars": 800,
            "success_measure": "Conference attendance above 80%.",
            "co_proposers": [cast.reviewer_staff.pk],
        },
    )
    assert page.status_code == 302
    from lattice.roles.models import RoleProposal

    p = RoleProposal.objects.get(title="Family liaison")
    assert set(p.proposers.all()) == {cast.teacher_staff, cast.reviewer_staff}


def test_the_officer_edits_a_role_and_the_audit_lists_only_the_change(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    form = client_for("officer").get(f"/roles/catalogue/{w.mentor.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["tlms_domains"] = w.mentor.tlms_domains
    data["required_certificates"] = ""
    data["stipend_dollars"] = 5500
    page = client_for("officer").post(f"/roles/catalogue/{w.mentor.pk}/edit/", data)
    assert page.status_code == 302, page.context["form"].errors
    entry = AuditEntry.objects.filter(action="roles.role.update").get()
    assert entry.after == {"stipend_dollars": 5500}


def test_a_principal_posts_only_at_their_own_school(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    data = {
        "role": w.mentor.pk,
        "school": cast.birch.pk,
        "school_year": cast.year.pk,
        "opens_on": today(),
        "closes_on": today(),
        "positions": 1,
    }
    page = client_for("principal").post("/roles/postings/new/", data)
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    data["school"] = cast.alder.pk
    assert client_for("principal").post("/roles/postings/new/", data).status_code == 302


def test_suggestions_page_explains_each_candidate(cast: Cast, client_for: Any) -> None:
    world(cast)
    actions.save_interest(
        None, cast.teacher_other_school_staff, role_types=["council"], max_roles=1
    )
    html = client_for("officer").get("/roles/suggestions/?year=2025-26").content.decode()
    assert "said they are interested in council member roles" in html
    assert "applied to this posting" in html


def test_an_officer_posts_with_their_own_rubric(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    data = {
        "role": w.council.pk,
        "school": "",
        "school_year": cast.year.pk,
        "opens_on": today(),
        "closes_on": today(),
        "positions": 3,
        "rubric": "Knows the schools | 5\n"
        + "".join(f"{n}: Knows {n} of the five\n" for n in range(1, 6))
        + "Listens to colleagues | 5\n"
        + "".join(f"{n}: Listens at level {n}\n" for n in range(1, 6)),
    }
    assert client_for("officer").post("/roles/postings/new/", data).status_code == 302
    posting = w.council.postings.order_by("-pk").first()
    assert [c["max"] for c in posting.rubric] == [5, 5]
    assert posting.school is None


def test_apply_for_this_role_is_offered_to_a_teacher_and_not_to_a_talent_officer(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    url = f"/roles/postings/{w.district_posting.pk}/"
    assert "You and this role" in client_for("teacher").get(url).content.decode()
    officer = client_for("officer").get(url)
    assert officer.context["can_apply"] is False
    assert "Apply for this role" not in officer.content.decode()
    assert "You and this role" not in officer.content.decode()
