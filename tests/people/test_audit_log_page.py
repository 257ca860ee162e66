"""The audit log page and the read-only audit admin."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.people import actions


def _changes(cast):
    officer = cast.user("officer")
    actions.record_rating(officer, cast.teacher_staff, cast.year, "Highly Effective")
    actions.save_staff_member(officer, cast.district, employee_id="N1002", preferred_name="Benny")


def test_officer_sees_their_districts_changes_with_before_and_after(cast, client_for):
    _changes(cast)
    page = client_for("officer").get("/audit/").content.decode()
    assert "recorded a rating of" in page
    assert "Rating" in page
    assert "Effective" in page
    assert "Highly Effective" in page
    assert "Preferred name" in page
    assert "Benny" in page


def test_officer_never_sees_another_districts_entries(cast, client_for):
    entries = client_for("officer").get("/audit/").context["page"].object_list
    assert entries
    assert all(e.district_id == cast.district.pk for e in entries)
    assert not any("Faraway" in e.object_label for e in entries)


def test_officer_filters_by_person(cast, client_for):
    _changes(cast)
    entries = client_for("officer").get("/audit/", {"person": "Ada"}).context["page"]
    assert entries.object_list
    assert {e.staff_member_id for e in entries.object_list} == {cast.teacher_staff.pk}


def test_officer_filters_by_action(cast, client_for):
    _changes(cast)
    entries = (
        client_for("officer").get("/audit/", {"action": "people.staff.update"}).context["page"]
    )
    assert [e.object_label for e in entries.object_list] == ["Benny Other"]


def test_officer_filters_by_date_range(cast, client_for):
    _changes(cast)
    today = timezone.localdate()
    client = client_for("officer")
    assert client.get("/audit/", {"date_from": today.isoformat()}).context["page"].object_list
    past = (today - dt.timedelta(days=30)).isoformat()
    assert not client.get("/audit/", {"date_to": past}).context["page"].object_list


def test_a_backwards_date_range_is_explained(cast, client_for):
    response = client_for("officer").get(
        "/audit/", {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "The end date is before the start date" in response.content.decode()


def test_a_nonsense_date_is_an_error_message_not_a_crash(cast, client_for):
    response = client_for("officer").get("/audit/", {"date_from": "yesterday-ish"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_audit_log_query_budget(cast, client_for, django_assert_max_num_queries):
    for n in range(30):
        actions.record_rating(
            cast.user("officer"),
            cast.teacher_staff,
            cast.year,
            "Effective" if n % 2 else "Developing",
        )
    client = client_for("officer")
    with django_assert_max_num_queries(12):
        client.get("/audit/")


def test_audit_admin_is_read_only_for_the_superuser(cast, client_for):
    client = client_for("superuser")
    entry = AuditEntry.objects.first()
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"action": "tampered"})
    entry.refresh_from_db()
    assert entry.action != "tampered"


def test_officers_cannot_reach_the_admin(cast, client_for):
    response = client_for("officer").get("/admin/audit/auditentry/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_action_filter_reads_each_action_as_its_sentence(cast, client_for):
    _changes(cast)
    page = client_for("officer").get("/audit/").content.decode()
    assert '<option value="people.rating.record">Someone recorded a rating of …</option>' in page


def test_an_entry_reads_as_its_sentence_without_the_internal_name_of_its_action(cast, client_for):
    _changes(cast)
    response = client_for("officer").get("/audit/")
    text = response.content.decode()
    entry = response.context["page"].object_list[0]
    assert entry.sentence in text
    assert f'<code class="muted">{entry.action_name}</code>' not in text
    assert ">people.staff.update<" not in text
    assert ">people.rating.record<" not in text


def test_a_stored_mapping_reads_as_labelled_words_not_python(cast, client_for):
    from lattice.lib.formatting import shown_value

    assert shown_value({"strong-teacher-leader": 3}) == "Strong teacher leader: 3"
    assert shown_value({"placed": 3, "unplaced": 0}) == "Placed: 3; Unplaced: 0"
    assert shown_value([True, None]) == "yes, (none)"


def test_on_a_phone_each_audit_entry_is_a_card_with_its_columns_labelled(cast, client_for):
    _changes(cast)
    text = client_for("officer").get("/audit/").content.decode()
    for label in ("When", "Who", "What", "Changes"):
        assert f'data-label="{label}"' in text
    assert 'class="table-wrap" tabindex="0"' in text
