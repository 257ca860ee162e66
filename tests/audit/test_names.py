"""One audit naming scheme: every action is registered once as app.noun.verb with the
sentence it reads as; entries keep the name they were written under, and readers map it."""

from __future__ import annotations

import pytest
from django.apps import apps

from lattice.audit import names
from lattice.audit.log import record
from lattice.audit.models import AuditEntry
from lattice.audit.names import AuditAction, UnknownAuditAction
from lattice.imports import actions as import_actions
from lattice.imports.service import prepare_hr
from lattice.people import actions as people_actions
from tests.imports.test_hr import TODAY


def test_every_action_is_named_app_noun_verb_after_an_installed_app() -> None:
    labels = {config.label for config in apps.get_app_configs()}
    for action in names.registered():
        assert action.name.split(".")[0] in labels, action.name
        assert action.sentence, action.name


def test_every_earlier_name_stands_for_one_action_now() -> None:
    earlier = [old for action in names.registered() for old in action.formerly]
    assert len(earlier) == len(set(earlier))
    assert not set(earlier) & {action.name for action in names.registered()}


def test_a_name_is_registered_once(monkeypatch) -> None:
    monkeypatch.setattr(names, "_actions", {})
    monkeypatch.setattr(names, "_by_stored_name", {})
    names.register(AuditAction("test.thing.make", "{actor} made {object}"))
    with pytest.raises(ValueError, match="registered twice"):
        names.register(AuditAction("test.other.make", "{actor}", formerly=("test.thing.make",)))


def test_a_name_that_is_not_app_noun_verb_is_refused() -> None:
    with pytest.raises(ValueError, match=r"app\.noun\.verb"):
        AuditAction("rating.record", "{actor} recorded a rating")


def test_a_sentence_reads_only_what_every_entry_has() -> None:
    with pytest.raises(ValueError, match="may only use"):
        AuditAction("test.thing.make", "{actor} made {amount}")


@pytest.mark.django_db
def test_an_unregistered_name_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(UnknownAuditAction, match=r"audited\.py"):
        record(actor=None, action="people.rating.guess")
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_an_entry_reads_as_its_actions_sentence(cast) -> None:
    officer = cast.user("officer")
    people_actions.record_rating(officer, cast.teacher_staff, cast.year, "Highly Effective")
    entry = AuditEntry.objects.filter(action="people.rating.record").latest("id")
    assert entry.sentence == (
        f"{entry.actor_label} recorded a rating of {cast.teacher_staff.display_name}"
    )


@pytest.mark.django_db
def test_an_entry_written_under_an_earlier_name_reads_and_filters_under_the_new_one(
    cast, client_for
) -> None:
    AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)  # the cast's own entries
    AuditEntry.objects.create(
        actor_label="Olive Officer (officer)",
        action="rating.record",
        district=cast.district,
        staff_member=cast.teacher_staff,
        object_label="2025-26 Effective",
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "rating.record"  # the log keeps what was written
    assert entry.action_name == "people.rating.record"
    assert "recorded a rating of" in entry.sentence
    page = client_for("officer").get("/audit/", {"action": "people.rating.record"})
    assert [e.pk for e in page.context["page"].object_list] == [entry.pk]
    assert '<option value="rating.record"' not in page.content.decode()


@pytest.mark.django_db
def test_a_rating_has_one_name_whether_an_officer_or_an_hr_file_records_it(cast, tmp_path):
    """Ada's rating comes from an HR file, Ben's from an officer: the same entry for both."""
    seen = AuditEntry.objects.latest("id").pk
    path = tmp_path / "hr.csv"
    path.write_text("employee_id,rating_2025_26\r\nN1001,Highly Effective\r\n", encoding="utf-8")
    import_actions.apply_plan(None, prepare_hr(path, cast.district, today=TODAY))
    ben = cast.teacher_other_school_staff
    people_actions.record_rating(cast.user("officer"), ben, cast.year, "Developing")
    about_people = AuditEntry.objects.filter(pk__gt=seen, staff_member__isnull=False).order_by("id")
    year = cast.year.label
    assert [(e.action, e.staff_member_id, e.before, e.after) for e in about_people] == [
        (
            "people.rating.record",
            cast.teacher_staff.pk,
            {"rating": "Effective"},
            {"rating": "Highly Effective", "school_year": year},
        ),
        (
            "people.rating.record",
            ben.pk,
            {"rating": "Highly Effective"},
            {"rating": "Developing", "school_year": year},
        ),
    ]


def test_the_hr_syncs_writes_are_derived_and_an_officers_are_not() -> None:
    assert names.is_derived("roles.assignment.create_from_hr")
    assert names.is_derived("roles.hr_assign.sync")  # an entry written before the rename
    assert not names.is_derived("roles.assignment.create")


def test_an_entry_by_the_system_reads_as_a_sentence_with_a_capital() -> None:
    from lattice.audit import names

    text = names.sentence("people.rating.record", {"actor": "system", "person": "Ada"})
    assert text.startswith("System recorded a rating of Ada")
