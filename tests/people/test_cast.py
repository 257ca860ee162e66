"""The persona cast resolves to the scopes the access layer promises."""

from lattice.people.access import scope_for, staff_visible_to


def test_each_persona_resolves_to_its_home_persona(cast):
    expected = {
        "teacher": "teacher",
        "teacher_other_school": "teacher",
        "reviewer": "teacher",
        "principal": "principal",
        "other_principal": "principal",
        "officer": "officer",
        "other_officer": "officer",
        "network_officer": "network",
        "superuser": "superuser",
    }
    for persona, key in expected.items():
        assert scope_for(cast.user(persona)).persona.key == key, persona


def test_principal_sees_only_staff_of_the_school_they_lead(cast):
    visible = set(staff_visible_to(cast.user("principal")))
    assert cast.teacher_staff in visible
    assert cast.teacher_other_school_staff not in visible
    assert cast.other_district_teacher_staff not in visible


def test_network_officer_sees_no_individual_records(cast):
    assert not staff_visible_to(cast.user("network_officer")).exists()
