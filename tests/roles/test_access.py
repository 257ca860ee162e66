"""Who sees which applications, postings and scores (beyond the URL matrix)."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.roles import access, actions
from tests.cast import Cast
from tests.roles.world import world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]


def test_a_teacher_never_sees_another_teachers_application(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    ben = cast.user("teacher_other_school")
    assert list(access.applications_visible_to(ben)) == [w.ben_app]
    assert (
        client_for("teacher_other_school")
        .get(f"/roles/applications/{w.ada_council_app.pk}/")
        .status_code
        == 404
    )


def test_a_principal_sees_applicants_to_their_own_schools_postings_only(cast: Cast) -> None:
    w = world(cast)
    seen = set(access.applications_visible_to(cast.user("principal")))
    assert seen == {w.ada_app}  # not the district-wide council applicants
    assert set(access.applications_visible_to(cast.user("other_principal"))) == set()


def test_a_principal_lists_applicants_only_on_their_schools_posting(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    page = client_for("principal").get(f"/roles/postings/{w.alder_posting.pk}/")
    assert "Ada Teacher" in page.content.decode()
    council = client_for("principal").get(f"/roles/postings/{w.district_posting.pk}/")
    assert "Ben Other" not in council.content.decode()


def test_a_reviewer_never_sees_or_scores_someone_from_their_own_school(cast: Cast) -> None:
    w = world(cast)
    rae = cast.user("reviewer")
    assert w.ben_app not in set(access.applications_visible_to(rae))
    with pytest.raises(actions.RoleError, match="own school"):
        actions.record_scores(rae, w.rae_council, w.ben_app, {"practice": 3, "peers": 3, "plan": 3})


def test_a_declared_conflict_removes_the_application_from_the_reviewer(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    rae = cast.user("reviewer")
    assert w.ada_app in set(access.applications_visible_to(rae))
    actions.declare_conflict(rae, w.rae_alder, w.ada_app, "She is my mentee")
    rae.__dict__.pop("_lattice_scope", None)
    assert w.ada_app not in set(access.applications_visible_to(rae))
    assert (
        client_for("reviewer").get(f"/roles/applications/{w.ada_app.pk}/score/").status_code == 404
    )
    with pytest.raises(actions.RoleError):
        actions.record_scores(rae, w.rae_alder, w.ada_app, {"practice": 3, "peers": 3, "plan": 3})


def test_evidence_is_served_only_to_those_who_may_read_the_application(
    cast: Cast, client_for: Any, settings: Any
) -> None:
    ev = world(cast).ben_app.evidence.get()
    assert ev.file.path.startswith(str(settings.MEDIA_ROOT))  # the private store, not the web root
    ok = client_for("teacher_other_school").get(f"/roles/evidence/{ev.pk}/")
    assert ok.status_code == 200
    assert b"".join(ok.streaming_content) == b"What I learned leading my team."
    assert ok["Content-Disposition"].startswith("attachment")
    assert client_for("teacher").get(f"/roles/evidence/{ev.pk}/").status_code == 404
    assert client_for("reviewer").get(f"/roles/evidence/{ev.pk}/").status_code == 404
    assert client_for("officer").get(f"/roles/evidence/{ev.pk}/").status_code == 200


def test_uploads_are_checked_by_content_and_size() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lattice.roles.evidence import UploadError, check_uploads
    from tests.files import pdf_bytes

    good = check_uploads([SimpleUploadedFile("a.pdf", pdf_bytes())])
    assert good[0].content_type == "application/pdf"
    assert good[0].stored_name() != "a.pdf"  # stored under a random name
    with pytest.raises(UploadError, match=r"a\.exe is a \.exe file, which is not accepted"):
        check_uploads([SimpleUploadedFile("a.exe", b"MZ")])
    with pytest.raises(UploadError, match=r"big\.txt is 5\.0 MB; files may be at most 5 MB"):
        check_uploads([SimpleUploadedFile("big.txt", b"x" * (5 * 1024 * 1024 + 1))])
