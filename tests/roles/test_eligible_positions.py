"""Who may hold a leadership role is the district's choice per role, read from the staff
records' positions (New Bedford opened teacher leadership to counselors, specialists and
paraprofessionals), never the word "teacher" hard-coded."""

from __future__ import annotations

import pytest

from lattice.people import actions as people_actions
from lattice.people.models import Position
from lattice.roles import actions, queries
from lattice.roles.models import LeadershipRole
from lattice.roles.models.catalogue import default_eligible_positions
from tests.cast import Cast
from tests.roles.world import today, world

pytestmark = pytest.mark.django_db


def _counselor(cast: Cast):  # type: ignore[no-untyped-def]
    cleo, _ = people_actions.save_staff_member(
        None, cast.district, employee_id="N2020", given_name="Cleo", family_name="Counselor"
    )
    people_actions.add_assignment(
        None, cleo, school=cast.alder, school_year=cast.year, position=Position.COUNSELOR
    )
    return cleo


def test_a_role_is_open_to_teachers_and_coaches_unless_the_district_says_otherwise() -> None:
    assert default_eligible_positions() == ["teacher", "instructional_coach"]


def test_a_counselor_may_apply_once_the_district_opens_the_role_to_counselors(
    cast: Cast,
) -> None:
    w = world(cast)
    posting = w.district_posting
    cleo = _counselor(cast)
    assert not queries.may_hold(cleo, posting.role, posting.school_year)
    with pytest.raises(actions.RoleError, match="open to teacher, instructional coach"):
        actions.submit_application(None, posting, cleo, statement="I", files=[], today=today())
    LeadershipRole.objects.filter(pk=posting.role_id).update(
        eligible_positions=[Position.TEACHER, Position.COUNSELOR]
    )
    posting.role.refresh_from_db()
    assert queries.may_hold(cleo, posting.role, posting.school_year)
    app = actions.submit_application(
        None, posting, cleo, statement="Advisory lead", files=[], today=today()
    )
    assert app.applicant == cleo


def test_the_role_form_keeps_the_default_when_nothing_is_ticked(cast: Cast) -> None:
    from lattice.roles.forms import RoleForm

    role = world(cast).district_posting.role
    form = RoleForm(instance=role)
    field = form.fields["eligible_positions"]
    assert "counselor" in [value for value, _ in field.choices]  # type: ignore[attr-defined]
    form.cleaned_data = {"eligible_positions": []}
    assert form.clean_eligible_positions() == ["teacher", "instructional_coach"]


def _staff_in(cast: Cast, employee_id: str, given: str, position: str):  # type: ignore[no-untyped-def]
    person, _ = people_actions.save_staff_member(
        None, cast.district, employee_id=employee_id, given_name=given, family_name="Beyond"
    )
    people_actions.add_assignment(
        None, person, school=cast.alder, school_year=cast.year, position=position
    )
    return person


def test_a_role_open_to_librarians_takes_a_librarian_and_refuses_a_nurse_naming_the_positions(
    cast: Cast,
) -> None:
    posting = world(cast).district_posting
    LeadershipRole.objects.filter(pk=posting.role_id).update(
        eligible_positions=[Position.TEACHER, Position.LIBRARIAN]
    )
    posting.role.refresh_from_db()
    lena = _staff_in(cast, "N2030", "Lena", Position.LIBRARIAN)
    rosa = _staff_in(cast, "N2031", "Rosa", Position.NURSE)
    app = actions.submit_application(
        None, posting, lena, statement="Research skills lead", files=[], today=today()
    )
    assert app.applicant == lena
    with pytest.raises(actions.RoleError) as refused:
        actions.submit_application(None, posting, rosa, statement="I", files=[], today=today())
    assert str(refused.value).startswith(
        f"This role is open to teacher, librarian in {posting.school_year}; your staff record "
        "lists school nurse that year, none of these."
    )


def test_the_role_form_offers_nurses_librarians_and_specialists(cast: Cast) -> None:
    from lattice.roles.forms import RoleForm

    field = RoleForm(instance=world(cast).district_posting.role).fields["eligible_positions"]
    offered = dict(field.choices)  # type: ignore[attr-defined]
    assert (offered["nurse"], offered["librarian"], offered["specialist"]) == (
        "School nurse", "Librarian", "Specialist",
    )  # fmt: skip
