"""The Django admin: superusers browse people records; nobody else gets in."""

from __future__ import annotations

import pytest

ADMIN_PAGES = [
    "/admin/people/network/",
    "/admin/people/district/",
    "/admin/people/schoolyear/",
    "/admin/people/school/",
    "/admin/people/staffmember/",
    "/admin/people/assignment/",
    "/admin/people/ratingrecord/",
    "/admin/people/accessgrant/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_superuser_browses_people_records_in_the_admin(cast, client_for, url):
    assert client_for("superuser").get(url).status_code == 200


def test_superuser_opens_a_persons_record_with_its_history(cast, client_for):
    response = client_for("superuser").get(
        f"/admin/people/staffmember/{cast.teacher_staff.pk}/change/"
    )
    assert response.status_code == 200
    assert "Ada" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "principal", "teacher", "network_officer"])
def test_no_one_else_reaches_the_admin(cast, client_for, persona):
    response = client_for(persona).get("/admin/people/staffmember/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
