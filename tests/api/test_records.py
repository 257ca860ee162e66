"""Reads of the roles catalogue, postings, the audit log, import runs, forecast runs, the
decision register and awards — each answers what its page would show the token's owner,
inside the token's district — and HR rows imported as an HR file is."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lattice.audit.models import AuditEntry
from lattice.forecasts import actions as forecast_actions
from lattice.imports.models import ImportRun
from lattice.roles.models import RoleStatus
from tests.api.tokens import api, token_secret
from tests.cast import Cast
from tests.councils.world import world as councils_world
from tests.recognition.world import world as recognition_world
from tests.roles.world import World
from tests.roles.world import world as roles_world


@pytest.fixture
def roles(cast: Cast) -> World:
    return roles_world(cast)


def _results(client: Any, url: str) -> list[dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return list(response.json()["results"])


def _hr_upload(cast: Cast, client_for: Any, content: bytes) -> ImportRun:
    """An HR file uploaded on the imports page, read by the (immediate) task worker."""
    page = client_for("officer")
    response = page.post(
        f"/imports/{cast.district.key}/hr/", {"file": SimpleUploadedFile("hr.csv", content)}
    )
    assert response.status_code == 302, response.content[:300]
    return ImportRun.objects.filter(district=cast.district).latest("pk")


# --- the role catalogue ----------------------------------------------------------------------


def test_the_talent_office_reads_every_role_of_its_catalogue_drafts_included(
    cast: Cast, roles: World
) -> None:
    roles.lead.status = RoleStatus.DRAFT
    roles.lead.save()
    listed = _results(api(token_secret(cast, "officer", ["roles:read"])), "/api/v1/roles/")
    keys = {row["key"] for row in listed}
    assert {roles.mentor.key, roles.lead.key, roles.council.key} <= keys
    mentor = next(row for row in listed if row["key"] == roles.mentor.key)
    assert mentor["district"] == "northfield"
    assert mentor["stipend_dollars"] == roles.mentor.stipend_dollars
    assert mentor["duties"]
    assert all(isinstance(d, str) for d in mentor["duties"])


def test_a_teacher_reads_only_the_active_roles_of_her_district(cast: Cast, roles: World) -> None:
    roles.lead.status = RoleStatus.DRAFT
    roles.lead.save()
    token = api(token_secret(cast, "teacher", ["roles:read"]))
    keys = {row["key"] for row in _results(token, "/api/v1/roles/")}
    assert roles.mentor.key in keys
    assert roles.lead.key not in keys
    assert token.get(f"/api/v1/roles/{roles.lead.pk}/").status_code == 404
    assert token.get(f"/api/v1/roles/{roles.mentor.pk}/").json()["title"] == roles.mentor.title


def test_another_districts_officer_reads_none_of_northfields_roles(
    cast: Cast, roles: World
) -> None:
    token = api(token_secret(cast, "other_officer", ["roles:read"]))
    assert {row["district"] for row in _results(token, "/api/v1/roles/")} <= {"southport"}
    assert token.get(f"/api/v1/roles/{roles.mentor.pk}/").status_code == 404


def test_a_token_without_roles_read_may_not_read_the_catalogue(cast: Cast, roles: World) -> None:
    token = api(token_secret(cast, "officer", ["people:read"]))
    assert token.get("/api/v1/roles/").status_code == 403
    assert token.get("/api/v1/postings/").status_code == 403


# --- postings --------------------------------------------------------------------------------


def test_a_principal_reads_her_schools_postings_and_the_district_wide_ones(
    cast: Cast, roles: World
) -> None:
    ids = {
        row["id"]
        for row in _results(
            api(token_secret(cast, "principal", ["roles:read"])), "/api/v1/postings/"
        )
    }
    assert ids == {roles.alder_posting.pk, roles.district_posting.pk}


def test_a_principal_of_another_school_does_not_read_alders_posting(
    cast: Cast, roles: World
) -> None:
    token = api(token_secret(cast, "other_principal", ["roles:read"]))
    ids = {row["id"] for row in _results(token, "/api/v1/postings/")}
    assert roles.alder_posting.pk not in ids
    assert roles.district_posting.pk in ids
    assert token.get(f"/api/v1/postings/{roles.alder_posting.pk}/").status_code == 404


def test_a_posting_reads_with_its_role_school_year_window_and_rubric(
    cast: Cast, roles: World
) -> None:
    token = api(token_secret(cast, "officer", ["roles:read"]))
    body = token.get(f"/api/v1/postings/{roles.alder_posting.pk}/").json()
    assert body["role_key"] == roles.mentor.key
    assert body["school"] == "alder"
    assert body["school_year"] == cast.year.label
    assert body["opens_on"] == roles.alder_posting.opens_on.isoformat()
    assert [c["max_points"] for c in body["rubric"]] == [
        int(c["max"]) for c in roles.alder_posting.rubric
    ]
    district_wide = token.get(f"/api/v1/postings/{roles.district_posting.pk}/").json()
    assert district_wide["school"] is None


def test_postings_filter_by_school_year_and_status_and_refuse_an_unknown_status(
    cast: Cast, roles: World
) -> None:
    token = api(token_secret(cast, "officer", ["roles:read"]))
    assert _results(token, f"/api/v1/postings/?school_year={cast.last_year.label}") == []
    assert len(_results(token, f"/api/v1/postings/?school_year={cast.year.label}")) == 2
    assert _results(token, "/api/v1/postings/?status=closed") == []
    refused = token.get("/api/v1/postings/?status=shut")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "status"


# --- the audit log ---------------------------------------------------------------------------


def test_the_talent_office_reads_its_districts_audit_log_oldest_first(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["audit:read"]))
    rows = _results(token, "/api/v1/audit/?page_size=500")
    expected = AuditEntry.objects.filter(district=cast.district).count()
    assert expected
    assert len(rows) == min(expected, 500)
    assert {row["district"] for row in rows} == {"northfield"}
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    assert all(row["sentence"] for row in rows)


def test_the_audit_log_filters_by_action_and_person(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["audit:read"]))
    rows = _results(token, "/api/v1/audit/?action=people.rating.record&employee_id=N1001")
    assert rows
    assert {row["action"] for row in rows} == {"people.rating.record"}
    assert {row["employee_id"] for row in rows} == {"N1001"}
    assert {row["staff_id"] for row in rows} == {cast.teacher_staff.pk}


def test_the_audit_log_pages_by_cursor_without_repeating_an_entry(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["audit:read"]))
    seen: list[int] = []
    url: str | None = "/api/v1/audit/?page_size=3"
    while url:
        body = token.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == AuditEntry.objects.filter(district=cast.district).count()


def test_the_audit_log_reads_entries_since_a_moment_and_refuses_a_non_date(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["audit:read"]))
    assert _results(token, "/api/v1/audit/?since=2999-01-01T00:00:00Z") == []
    assert _results(token, "/api/v1/audit/?until=2000-01-01") == []
    refused = token.get("/api/v1/audit/?since=yesterday")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "since"


@pytest.mark.parametrize("persona", ["teacher", "principal", "reviewer"])
def test_a_teacher_or_principal_may_not_read_the_audit_log(cast: Cast, persona: str) -> None:
    token = api(token_secret(cast, persona, ["audit:read"]))
    assert token.get("/api/v1/audit/").status_code == 404


def test_another_districts_officer_reads_none_of_northfields_audit_log(cast: Cast) -> None:
    token = api(token_secret(cast, "other_officer", ["audit:read"]))
    rows = _results(token, "/api/v1/audit/?page_size=500")
    assert "northfield" not in {row["district"] for row in rows}
    assert _results(token, "/api/v1/audit/?district=northfield") == []


def test_a_token_without_audit_read_may_not_read_the_audit_log(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["people:read", "pay:read"]))
    assert token.get("/api/v1/audit/").status_code == 403


# --- import runs -----------------------------------------------------------------------------


def test_the_talent_office_reads_an_import_runs_status_counts_and_errors(
    cast: Cast, client_for: Any
) -> None:
    run = _hr_upload(
        cast, client_for, b"employee_id,rating_2025_26\r\nN1001,Effective\r\nN9999,Effective\r\n"
    )
    run.refresh_from_db()
    assert run.status == "invalid"
    assert run.error_total == 1
    token = api(token_secret(cast, "officer", ["imports:read"]))
    body = token.get(f"/api/v1/imports/{run.pk}/").json()
    assert body["kind"] == "hr"
    assert body["status"] == run.status
    assert body["file_names"] == ["hr.csv"]
    assert body["error_total"] == run.error_total
    assert len(body["errors"]) == len(run.errors)
    assert body["errors"][0]["file"] == "hr.csv"
    assert body["errors"][0]["value"] == "N9999"
    assert body["errors"][0]["fix"]
    assert [row["id"] for row in _results(token, "/api/v1/imports/")] == [run.pk]
    assert _results(token, "/api/v1/imports/?kind=oneroster") == []


@pytest.mark.parametrize("persona", ["teacher", "principal"])
def test_teachers_and_principals_read_no_import_run(
    cast: Cast, client_for: Any, persona: str
) -> None:
    run = _hr_upload(cast, client_for, b"employee_id,rating_2025_26\r\nN1001,Effective\r\n")
    token = api(token_secret(cast, persona, ["imports:read"]))
    assert _results(token, "/api/v1/imports/") == []
    assert token.get(f"/api/v1/imports/{run.pk}/").status_code == 404


def test_another_districts_officer_reads_none_of_northfields_imports(
    cast: Cast, client_for: Any
) -> None:
    run = _hr_upload(cast, client_for, b"employee_id,rating_2025_26\r\nN1001,Effective\r\n")
    token = api(token_secret(cast, "other_officer", ["imports:read"]))
    assert _results(token, "/api/v1/imports/") == []
    assert token.get(f"/api/v1/imports/{run.pk}/").status_code == 404


# --- forecast runs ---------------------------------------------------------------------------


def _forecast(cast: Cast) -> Any:
    return forecast_actions.request_forecast(
        cast.user("officer"), cast.district, "Five years on the current rules", {"years": 5}
    )


def test_the_talent_office_reads_a_forecasts_inputs_status_and_summary(cast: Cast) -> None:
    run = _forecast(cast)
    token = api(token_secret(cast, "officer", ["forecasts:read"]))
    body = token.get(f"/api/v1/forecasts/{run.pk}/").json()
    assert body["title"] == "Five years on the current rules"
    assert body["inputs"] == {"years": 5}
    assert body["status"] == "queued"
    assert body["result"] is None
    run.status = run.Status.DONE
    run.result = {"inputs": {"years": 5}, "policies": [], "comparisons": []}
    run.save()
    done = token.get("/api/v1/forecasts/?status=done").json()["results"]
    assert [(row["id"], row["result"]["inputs"]) for row in done] == [(run.pk, {"years": 5})]


@pytest.mark.parametrize("persona", ["teacher", "principal", "other_officer"])
def test_no_one_but_the_districts_talent_office_reads_its_forecasts(
    cast: Cast, persona: str
) -> None:
    run = _forecast(cast)
    token = api(token_secret(cast, persona, ["forecasts:read"]))
    assert _results(token, "/api/v1/forecasts/") == []
    assert token.get(f"/api/v1/forecasts/{run.pk}/").status_code == 404


# --- HR rows, imported as an HR file is --------------------------------------------------------

HR_WRITE = ["imports:read", "imports:write"]


def test_hr_rows_sent_as_json_are_read_into_a_preview_and_written_only_when_applied(
    cast: Cast,
) -> None:
    token = api(token_secret(cast, "officer", HR_WRITE))
    started = token.post(
        "/api/v1/imports/hr/",
        {"rows": [{"employee_id": "N1002", "rating_2025_26": "Effective"}]},
        content_type="application/json",
    )
    assert started.status_code == 202, started.content[:500]
    run = started.json()
    assert run["kind"] == "hr"
    assert run["origin"] == "api"
    assert started["Location"] == f"/api/v1/imports/{run['id']}/"
    ready = token.get(started["Location"]).json()
    assert ready["status"] == "ready", ready
    ben = cast.teacher_other_school_staff
    before = ben.ratings.get(school_year=cast.year).label
    assert before != "Effective"

    applied = token.post(f"/api/v1/imports/{run['id']}/apply/", {}, content_type="application/json")
    assert applied.status_code == 202, applied.content[:500]
    assert token.get(started["Location"]).json()["status"] == "applied"
    assert ben.ratings.get(school_year=cast.year).label == "Effective"
    audited = AuditEntry.objects.filter(action="imports.hr.apply", object_id=str(run["id"]))
    assert audited.get().actor_id == cast.user("officer").pk


def test_hr_rows_with_an_unknown_person_stop_at_the_preview_naming_the_row(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", HR_WRITE))
    started = token.post(
        "/api/v1/imports/hr/",
        {"rows": [{"employee_id": "N1002", "rating_2025_26": "Effective"}, {"employee_id": "N9"}]},
        content_type="application/json",
    )
    body = token.get(started["Location"]).json()
    assert body["status"] == "invalid"
    assert body["errors"][0]["line"] == 3
    assert body["errors"][0]["value"] == "N9"
    refused = token.post(
        f"/api/v1/imports/{body['id']}/apply/", {}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "cannot be applied" in refused.json()["errors"][0]["message"]
    assert cast.teacher_other_school_staff.ratings.get(school_year=cast.year).label != "Effective"


def test_a_retried_hr_import_with_the_same_idempotency_key_starts_one_run(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", HR_WRITE))
    body = {"rows": [{"employee_id": "N1002", "rating_2025_26": "Effective"}]}
    first, again = (
        token.post(
            "/api/v1/imports/hr/",
            body,
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="hr-nightly-2026-12-01",
        )
        for _ in range(2)
    )
    assert first.json()["id"] == again.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    assert ImportRun.objects.filter(district=cast.district, origin="api").count() == 1


@pytest.mark.parametrize("persona", ["teacher", "principal"])
def test_a_teacher_or_principal_may_not_import_hr_rows(cast: Cast, persona: str) -> None:
    token = api(token_secret(cast, persona, HR_WRITE))
    refused = token.post(
        "/api/v1/imports/hr/",
        {"rows": [{"employee_id": "N1002", "rating_2025_26": "Effective"}]},
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert not ImportRun.objects.exists()


def test_a_read_only_token_may_not_import_or_apply(cast: Cast, client_for: Any) -> None:
    run = _hr_upload(cast, client_for, b"employee_id,rating_2025_26\r\nN1002,Effective\r\n")
    token = api(token_secret(cast, "officer", ["imports:read"]))
    rows = {"rows": [{"employee_id": "N1002"}]}
    assert (
        token.post("/api/v1/imports/hr/", rows, content_type="application/json").status_code == 403
    )
    apply = token.post(f"/api/v1/imports/{run.pk}/apply/", {}, content_type="application/json")
    assert apply.status_code == 403


def test_another_districts_officer_may_not_apply_northfields_import(
    cast: Cast, client_for: Any
) -> None:
    run = _hr_upload(cast, client_for, b"employee_id,rating_2025_26\r\nN1002,Effective\r\n")
    token = api(token_secret(cast, "other_officer", HR_WRITE))
    apply = token.post(f"/api/v1/imports/{run.pk}/apply/", {}, content_type="application/json")
    assert apply.status_code == 404
    run.refresh_from_db()
    assert run.status == "ready"


def test_a_column_name_that_is_not_a_column_is_refused_before_any_run(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", HR_WRITE))
    refused = token.post(
        "/api/v1/imports/hr/",
        {"rows": [{"employee_id": "N1002", "bad,name": "x"}]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"].startswith("rows")
    assert not ImportRun.objects.exists()


def test_a_cell_sent_as_a_number_is_refused_before_any_run(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", HR_WRITE))
    refused = token.post(
        "/api/v1/imports/hr/",
        {"rows": [{"employee_id": 1002}]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert not ImportRun.objects.exists()


# --- the decision register -------------------------------------------------------------------


def test_alders_staff_read_the_decisions_of_alders_council(cast: Cast) -> None:
    decision = councils_world(cast).decision
    token = api(token_secret(cast, "teacher", ["councils:read"]))
    rows = _results(token, "/api/v1/decisions/")
    assert [row["id"] for row in rows] == [decision.pk]
    body = token.get(f"/api/v1/decisions/{decision.pk}/").json()
    assert body["statement"] == decision.statement
    assert body["body"] == "Alder Leadership Council"
    assert body["decided_on"] == decision.decided_on.isoformat()
    assert body["district"] == "northfield"


@pytest.mark.parametrize("persona", ["teacher_other_school", "other_principal", "other_officer"])
def test_no_one_outside_alder_or_its_district_office_reads_alders_decisions(
    cast: Cast, persona: str
) -> None:
    decision = councils_world(cast).decision
    token = api(token_secret(cast, persona, ["councils:read"]))
    assert decision.pk not in {row["id"] for row in _results(token, "/api/v1/decisions/")}
    assert token.get(f"/api/v1/decisions/{decision.pk}/").status_code == 404


def test_the_register_filters_by_status_and_body_and_refuses_a_bad_one(cast: Cast) -> None:
    decision = councils_world(cast).decision
    token = api(token_secret(cast, "officer", ["councils:read"]))
    assert _results(
        token, f"/api/v1/decisions/?status={decision.status}&body_id={decision.body_id}"
    )
    assert _results(token, "/api/v1/decisions/?status=superseded") == []
    assert token.get("/api/v1/decisions/?status=vetoed").status_code == 400
    assert token.get("/api/v1/decisions/?body_id=alder").status_code == 400


def test_a_token_without_councils_read_may_not_read_the_register(cast: Cast) -> None:
    councils_world(cast)
    assert (
        api(token_secret(cast, "teacher", ["people:read"])).get("/api/v1/decisions/").status_code
        == 403
    )


# --- awards ----------------------------------------------------------------------------------


def test_a_teacher_reads_her_own_awards_and_no_one_elses(cast: Cast) -> None:
    awards = recognition_world(cast)
    token = api(token_secret(cast, "teacher", ["recognition:read"]))
    rows = _results(token, "/api/v1/awards/")
    assert {row["id"] for row in rows} == {awards.ada_award.pk}
    assert token.get(f"/api/v1/awards/{awards.ben_award.pk}/").status_code == 404
    ada = token.get(f"/api/v1/awards/{awards.ada_award.pk}/").json()
    assert ada["employee_id"] == "N1001"
    assert ada["achievement"] == awards.ada_award.achievement.name
    assert ada["public_url"] == f"/recognition/credentials/{awards.ada_award.public_id}/"


def test_the_talent_office_reads_its_districts_awards(cast: Cast) -> None:
    awards = recognition_world(cast)
    token = api(token_secret(cast, "officer", ["recognition:read"]))
    ids = {row["id"] for row in _results(token, "/api/v1/awards/")}
    assert {awards.ada_award.pk, awards.ben_award.pk} <= ids
    only_ben = _results(token, "/api/v1/awards/?employee_id=N1002")
    assert {row["id"] for row in only_ben} == {awards.ben_award.pk}


@pytest.mark.parametrize("persona", ["principal", "other_officer"])
def test_a_principal_or_another_districts_officer_reads_no_ones_awards(
    cast: Cast, persona: str
) -> None:
    awards = recognition_world(cast)
    token = api(token_secret(cast, persona, ["recognition:read"]))
    assert _results(token, "/api/v1/awards/") == []
    assert token.get(f"/api/v1/awards/{awards.ada_award.pk}/").status_code == 404


def test_the_register_lists_only_decisions_due_for_review_when_asked(cast: Cast) -> None:
    decision = councils_world(cast).decision
    token = api(token_secret(cast, "officer", ["councils:read"]))
    decision.review_on = None
    decision.save()
    assert _results(token, "/api/v1/decisions/?due=true") == []
    decision.review_on = cast.year.start
    decision.save()
    assert [row["id"] for row in _results(token, "/api/v1/decisions/?due=true")] == [decision.pk]
    assert token.get("/api/v1/decisions/?due=soon").status_code == 400
