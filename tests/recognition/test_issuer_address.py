"""A credential and its issuer are named by the site's configured address
(``LATTICE_SITE_URL``), never by the host a page happened to be opened on: an award issued
while the officer browsed via 127.0.0.1 still names an issuer anyone can reach."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from lattice.notifications.send import absolute
from lattice.recognition import actions
from lattice.recognition.openbadges import credential as ob
from tests.recognition.world import world

pytestmark = pytest.mark.django_db

SITE = "https://lattice.northfield.example"


@override_settings(LATTICE_SITE_URL=SITE + "/")
def test_the_issuer_profile_names_the_site_url_whatever_host_asked(cast: Any) -> None:
    page = Client().get(
        f"/recognition/issuers/{cast.district.key}/",
        HTTP_ACCEPT="application/ld+json",
        HTTP_HOST="127.0.0.1",
    )
    assert page.status_code == 200, page.content[:300]
    profile = page.json()
    assert profile["id"] == f"{SITE}/recognition/issuers/{cast.district.key}/"
    assert profile["url"] == f"{SITE}/"
    assert "127.0.0.1" not in page.content.decode()


@override_settings(LATTICE_SITE_URL=SITE)
def test_an_issued_credential_names_its_issuer_and_itself_under_the_site_url(cast: Any) -> None:
    found = world(cast)
    award = actions.award(None, found.mentor, cast.teacher_other_school_staff, narrative="Mentor")
    body = award.credential
    assert body["issuer"]["id"] == ob.issuer_id(cast.district.key)
    assert body["issuer"]["id"].startswith(SITE + "/")
    assert body["id"].startswith(SITE + "/")
    assert body["credentialStatus"]["statusListCredential"].startswith(SITE + "/")


@override_settings(LATTICE_SITE_URL=SITE)
def test_a_link_in_a_notification_uses_the_same_site_url() -> None:
    assert absolute("/recognition/") == f"{SITE}/recognition/"
    assert absolute("https://elsewhere.example/x") == "https://elsewhere.example/x"
