"""The API never returns what the token's owner could not see on the pages.

For every persona of the cast, a token with every scope acting as them is compared, person
by person, with what the same persona's signed-in pages answer: the staff page, the office's
path page (standing and pay) and the role assignment page. Built on one cast per module.
"""

from __future__ import annotations

from typing import Any

import pytest

from lattice.councils.models import Decision
from lattice.pathways.models import Claim
from lattice.people.models import StaffMember
from lattice.recognition.models import Award
from lattice.roles.models import LeadershipRole, Posting, RoleAssignment
from tests.api.tokens import api, token_secret
from tests.cast import Cast
from tests.councils.world import world as councils_world
from tests.pathways.world import w as pathways_world
from tests.recognition.world import world as recognition_world
from tests.roles.world import world

PERSONAS = [
    "teacher",
    "teacher_other_school",
    "principal",
    "other_principal",
    "moved_principal",
    "officer",
    "other_officer",
    "network_officer",
    "reviewer",
    "superuser",
]


@pytest.fixture
def cast(once_cast: Cast) -> Cast:
    world(once_cast)  # role assignments to compare
    pathways_world(once_cast)  # claims to compare
    return once_cast


def _token_district(cast: Cast, persona: str) -> int:
    """Every token is bound to one district: Southport's officer's to Southport, the rest
    (the superuser's too) to Northfield (tests/api/tokens.py)."""
    return (cast.other_district if persona == "other_officer" else cast.district).pk


def _all(client: Any, url: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        body = response.json()
        rows += body["results"]
        url = body["next"]
    return rows


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_person_is_in_the_api_exactly_when_their_page_opens(
    persona: str, cast: Cast, client_for: Any
) -> None:
    token = api(token_secret(cast, persona))
    page = client_for(persona)
    listed = {row["id"] for row in _all(token, "/api/v1/staff/?page_size=2")}
    for staff in StaffMember.objects.order_by("pk"):
        opens = page.get(f"/staff/{staff.pk}/").status_code == 200 or (
            cast.user(persona) is not None
            and staff.user_id == cast.user(persona).pk
            and page.get("/me/").status_code == 200
        )
        expected = opens and staff.district_id == _token_district(cast, persona)
        detail = token.get(f"/api/v1/staff/{staff.pk}/").status_code
        assert (detail == 200) == expected, (persona, staff.display_name, detail)
        assert (staff.pk in listed) == expected, (persona, staff.display_name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_standing_is_in_the_api_only_when_the_pages_show_it(
    persona: str, cast: Cast, client_for: Any
) -> None:
    token = api(token_secret(cast, persona))
    page = client_for(persona)
    listed = {row["staff_id"] for row in _all(token, "/api/v1/standings/")}
    user = cast.user(persona)
    for staff in StaffMember.objects.filter(pk__in=listed):
        own = user is not None and staff.user_id == user.pk
        office = page.get(f"/pathways/office/staff/{staff.pk}/").status_code == 200
        assert own or office, (persona, staff.display_name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_role_assignment_is_in_the_api_only_when_its_page_opens(
    persona: str, cast: Cast, client_for: Any
) -> None:
    token = api(token_secret(cast, persona))
    page = client_for(persona)
    listed = {row["id"] for row in _all(token, "/api/v1/role-assignments/")}
    for assignment in RoleAssignment.objects.all():
        opens = page.get(f"/roles/assignments/{assignment.pk}/").status_code == 200
        in_district = assignment.role.district_id == _token_district(cast, persona)
        assert (assignment.pk in listed) == (opens and in_district), (persona, assignment.pk)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_claim_is_in_the_api_exactly_when_its_page_opens(
    persona: str, cast: Cast, client_for: Any
) -> None:
    token = api(token_secret(cast, persona))
    page = client_for(persona)
    listed = {row["id"] for row in _all(token, "/api/v1/claims/?page_size=2")}
    claims = Claim.objects.all()
    assert claims
    for claim in claims:
        opens = page.get(f"/pathways/claims/{claim.pk}/").status_code == 200
        expected = opens and claim.district_id == _token_district(cast, persona)
        detail = token.get(f"/api/v1/claims/{claim.pk}/").status_code
        assert (detail == 200) == expected, (persona, claim.pk, detail)
        assert (claim.pk in listed) == expected, (persona, claim.pk)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_role_and_a_posting_are_in_the_api_exactly_when_their_pages_open(
    persona: str, cast: Cast, client_for: Any
) -> None:
    token = api(token_secret(cast, persona))
    page = client_for(persona)
    roles = {row["id"] for row in _all(token, "/api/v1/roles/?page_size=2")}
    postings = {row["id"] for row in _all(token, "/api/v1/postings/?page_size=2")}
    for role in LeadershipRole.objects.all():
        opens = page.get(f"/roles/catalogue/{role.pk}/").status_code == 200
        expected = opens and role.district_id == _token_district(cast, persona)
        assert (role.pk in roles) == expected, (persona, role.key)
    for posting in Posting.objects.all():
        opens = page.get(f"/roles/postings/{posting.pk}/").status_code == 200
        expected = opens and posting.role.district_id == _token_district(cast, persona)
        detail = token.get(f"/api/v1/postings/{posting.pk}/").status_code
        assert (detail == 200) == expected, (persona, posting.pk, detail)
        assert (posting.pk in postings) == expected, (persona, posting.pk)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_audit_log_is_in_the_api_exactly_for_whom_its_page_opens(
    persona: str, cast: Cast, client_for: Any
) -> None:
    opens = client_for(persona).get("/audit/").status_code == 200
    assert (api(token_secret(cast, persona)).get("/api/v1/audit/").status_code == 200) == opens


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_decision_and_an_award_are_in_the_api_exactly_when_their_pages_open(
    persona: str, cast: Cast, client_for: Any
) -> None:
    councils_world(cast)
    recognition_world(cast)
    token = api(token_secret(cast, persona))
    page = client_for(persona)
    decisions = {row["id"] for row in _all(token, "/api/v1/decisions/")}
    awards = {row["id"] for row in _all(token, "/api/v1/awards/")}
    assert Decision.objects.exists()
    assert Award.objects.exists()
    for decision in Decision.objects.select_related("body"):
        opens = page.get(f"/councils/decisions/{decision.pk}/").status_code == 200
        expected = opens and decision.body.district_id == _token_district(cast, persona)
        assert (decision.pk in decisions) == expected, (persona, decision.pk)
    for award in Award.objects.select_related("achievement"):
        opens = page.get(f"/recognition/awards/{award.pk}/").status_code == 200
        expected = opens and award.achievement.district_id == _token_district(cast, persona)
        assert (award.pk in awards) == expected, (persona, award.pk)


def test_another_districts_officer_sees_none_of_northfield(cast: Cast) -> None:
    token = api(token_secret(cast, "other_officer"))
    staff = _all(token, "/api/v1/staff/")
    assert staff
    assert {row["district"] for row in staff} == {"southport"}
    assert token.get(f"/api/v1/staff/{cast.teacher_staff.pk}/").status_code == 404
    assert token.get("/api/v1/payroll/?district=northfield").status_code == 404
