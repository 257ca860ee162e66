"""The site shell: the landing page sends each persona home; the health check is open."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client


def test_each_persona_lands_on_its_home(cast, client_for):
    expected = {
        "teacher": "/me/",
        "principal": f"/schools/{cast.alder.pk}/",
        "officer": "/district/",
        "network_officer": "/network/",
        "superuser": "/admin/",
    }
    for persona, home in expected.items():
        assert client_for(persona).get("/")["Location"] == home, persona


def test_an_account_with_no_staff_record_or_office_is_told_to_ask_the_talent_office(db):
    user = get_user_model().objects.create_user("newcomer", password="unused-password-1")
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert "ask your district's talent office" in response.content.decode().lower()


def test_the_health_check_answers_anyone_and_reveals_nothing(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
