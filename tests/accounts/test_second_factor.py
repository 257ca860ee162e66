"""Two-factor sign-in is deny-by-default: enforced in middleware on every page (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lattice.accounts import actions
from lattice.audit.models import AuditEntry
from lattice.imports.models import ImportRun
from lattice.people import actions as people_actions
from lattice.people.models import AccessGrant
from tests.cast import PASSWORD, TOTP_SECRET, enrol_totp, sign_in, totp_code
from tests.test_access_matrix import ROWS

CODE_STEP = "/accounts/2fa/reauthenticate/"


def _password_only(client: Client, username: str) -> Any:
    return client.post("/accounts/login/", {"login": username, "password": PASSWORD})


def test_a_password_alone_does_not_sign_in_an_enrolled_officer(cast):
    client = Client()
    response = _password_only(client, "officer")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    for url in ["/district/", "/imports/", "/forecasts/", "/admin/", "/audit/"]:
        assert client.get(url).status_code == 302, url
    assert "_auth_user_id" not in client.session


def test_the_code_after_the_password_opens_the_officers_pages(cast):
    client = Client()
    _password_only(client, "officer")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/district/").status_code == 200
    assert client.get("/imports/northfield/").status_code == 200


def test_a_wrong_code_keeps_the_door_shut(cast):
    client = Client()
    _password_only(client, "officer")
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/district/")["Location"].startswith("/accounts/login/")


def test_the_admin_log_in_form_goes_through_lattices_log_in(cast):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "root", "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("url", ["/imports/northfield/", "/forecasts/", "/admin/", "/district/"])
def test_a_signed_in_session_without_its_code_is_sent_to_the_code_step(cast, client_for, url):
    response = client_for("officer_awaiting_code").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{CODE_STEP}?next={url}"


def test_an_hr_upload_without_the_code_changes_nothing(cast, client_for):
    upload = SimpleUploadedFile("hr.csv", b"employee_id,rating\nN1001,Ineffective\n")
    response = client_for("officer_awaiting_code").post(
        "/imports/northfield/hr/", {"file": upload, "school_year": cast.year.pk}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(CODE_STEP)
    assert not ImportRun.objects.exists()


def test_the_code_step_opens_the_session(cast, client_for):
    client = client_for("officer_awaiting_code")
    page = client.get(f"{CODE_STEP}?next=/district/")
    assert page.status_code == 200
    response = client.post(CODE_STEP, {"code": totp_code(), "next": "/district/"})
    assert response["Location"] == "/district/"
    assert client.get("/district/").status_code == 200


def test_the_mark_of_a_second_factor_belongs_to_one_account(cast, client_for):
    client = client_for("officer")
    sign_in(client, cast.user("other_officer"), second_factor=False)
    assert client.get("/district/")["Location"].startswith(CODE_STEP)


def _unenrolled_officer(cast: Any) -> Any:
    user = people_actions.create_login(None, username="newofficer", password=PASSWORD)
    people_actions.grant_access(
        None, user, role=AccessGrant.Role.TALENT_OFFICER, district=cast.district
    )
    return user


ENROLMENT_PAGES = {
    "account_login",
    "account_logout",
    "site:healthz",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_add_webauthn",
    "mfa_list_webauthn",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
}


def test_an_officer_who_has_not_enrolled_reaches_nothing_but_enrolment(cast):
    client = Client(HTTP_HOST="testserver")
    sign_in(client, _unenrolled_officer(cast))
    for row in ROWS:
        if row.name in ENROLMENT_PAGES:
            continue
        url = row.url(cast)
        response = client.post(url) if row.method == "POST" else client.get(url)
        assert response.status_code == 302, (row.name, url, response.status_code)
        assert response["Location"] == "/accounts/2fa/", (row.name, url)


def test_an_officer_who_must_enrol_is_told_why(cast):
    client = Client()
    sign_in(client, _unenrolled_officer(cast))
    page = client.get("/district/", follow=True).content.decode()
    assert "Your district requires two-factor sign-in for your role" in page


def test_the_superuser_must_use_two_factor_whatever_the_districts_say(cast):
    for district in (cast.district, cast.other_district):
        actions.save_sign_in_policy(None, district, two_factor_for_officers=False)
    root = cast.user("superuser")
    Authenticator.objects.filter(user=root).delete()
    client = Client()
    sign_in(client, root)
    assert client.get("/admin/")["Location"] == "/accounts/2fa/"


def test_a_district_can_require_two_factor_of_its_principals(cast, client_for):
    assert client_for("principal").get(f"/schools/{cast.alder.pk}/").status_code == 200
    actions.save_sign_in_policy(None, cast.district, two_factor_for_principals=True)
    assert client_for("principal").get(f"/schools/{cast.alder.pk}/")["Location"] == "/accounts/2fa/"
    # Southport's policy does not reach Northfield's principals
    actions.save_sign_in_policy(None, cast.district, two_factor_for_principals=False)
    actions.save_sign_in_policy(None, cast.other_district, two_factor_for_everyone=True)
    assert client_for("principal").get(f"/schools/{cast.alder.pk}/").status_code == 200


def test_a_district_that_turns_off_the_officer_rule_lets_its_officers_choose(cast):
    actions.save_sign_in_policy(None, cast.district, two_factor_for_officers=False)
    client = Client()
    sign_in(client, _unenrolled_officer(cast))
    assert client.get("/district/").status_code == 200


def _activate_totp(client: Client) -> None:
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:500]


# allauth announces a new authenticator when its transaction commits: real commits here.
@pytest.mark.django_db(transaction=True)
def test_enrolling_an_authenticator_app_opens_lattice_and_is_audited(cast):
    client = Client()
    user = _unenrolled_officer(cast)
    sign_in(client, user)
    _activate_totp(client)
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()
    assert client.get("/district/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.two_factor.turn_on", actor=user).exists()


def test_a_recovery_code_signs_in_once(cast):
    user = cast.user("officer")
    client = Client()
    sign_in(client, user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.post("/accounts/2fa/recovery-codes/generate/")
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap().get_unused_codes()
    assert len(codes) == 10
    first = Client()
    _password_only(first, "officer")
    first.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert first.get("/district/").status_code == 200
    again = Client()
    _password_only(again, "officer")
    response = again.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 200  # used up
    assert again.get("/district/").status_code == 302


def test_turning_the_app_off_is_audited(cast, django_capture_on_commit_callbacks):
    user = cast.user("principal")
    enrol_totp(user, TOTP_SECRET)
    client = Client()
    sign_in(client, user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user, type="totp").exists()
    assert AuditEntry.objects.filter(action="accounts.two_factor.turn_off", actor=user).exists()


def test_log_out_ends_the_second_factor_too(cast, client_for):
    client = client_for("officer")
    client.post("/accounts/logout/")
    sign_in(client, cast.user("officer"), second_factor=False)
    assert client.get("/district/")["Location"].startswith(CODE_STEP)
