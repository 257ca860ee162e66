"""Single sign-ons after the provider answered: allauth's real flow from the provider's data
on, through Lattice's district checks and account linking (lattice/accounts/adapters.py)."""

from __future__ import annotations

from typing import Any

from allauth.core import context
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory

from lattice.accounts import actions
from lattice.accounts.actions import ProviderSettings
from lattice.accounts.models import IdentityProvider, LinkRequest
from lattice.audit.models import AuditEntry
from lattice.people import actions as people_actions
from tests.accounts.test_claims import CLASSLINK_TEACHER, CLEVER_TEACHER

Kind = IdentityProvider.Kind
CLEVER_DISTRICT = CLEVER_TEACHER["data"]["district"]
# The same person with an address no Northfield record has, so no email match either.
CLEVER_STRANGER = {"data": {**CLEVER_TEACHER["data"], "email": "someone@elsewhere.example.org"}}


def _request() -> Any:
    request = RequestFactory().get("/accounts/clever/login/callback/")
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    MessageMiddleware(lambda r: HttpResponse()).process_request(request)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def _sign_in(provider_id: str, data: dict[str, Any]) -> tuple[Any, Any]:
    """allauth's flow from the provider's answer (what its callback does after the token)."""
    request = _request()
    with context.request_context(request):
        provider = get_adapter(request).get_provider(request, provider_id)
        login = provider.sociallogin_from_response(request, data)
        login.state = {"process": "login"}
        return complete_social_login(request, login), request


def _clever(cast: Any, district: Any = None, external: str = CLEVER_DISTRICT) -> IdentityProvider:
    return actions.save_identity_provider(
        None,
        district or cast.district,
        ProviderSettings(
            kind=Kind.CLEVER,
            label="Clever",
            client_id="clever-client",
            secret="clever-secret",
            external_district_id=external,
        ),
    )


def _staff_with_sourced_id(cast: Any, staff: Any, sourced_id: str) -> None:
    people_actions.save_staff_member(
        None, staff.district, employee_id=staff.employee_id, sourced_id=sourced_id
    )


def test_a_clever_sign_in_links_by_the_roster_id_and_signs_the_teacher_in(cast):
    _clever(cast)
    _staff_with_sourced_id(cast, cast.teacher_staff, CLEVER_TEACHER["data"]["id"])
    response, request = _sign_in("clever", CLEVER_TEACHER)
    assert response.status_code == 302
    assert request.user == cast.user("teacher")
    account = SocialAccount.objects.get(provider="clever")
    assert account.user == cast.user("teacher")
    assert AuditEntry.objects.filter(action="accounts.sso_link.create").count() == 1


def test_the_second_clever_sign_in_uses_the_link(cast):
    _clever(cast)
    _staff_with_sourced_id(cast, cast.teacher_staff, CLEVER_TEACHER["data"]["id"])
    _sign_in("clever", CLEVER_TEACHER)
    _response, request = _sign_in("clever", CLEVER_TEACHER)
    assert request.user == cast.user("teacher")
    assert SocialAccount.objects.count() == 1


def test_a_staff_member_without_a_log_in_gets_one_without_a_password(cast):
    actions.save_identity_provider(
        None,
        cast.district,
        ProviderSettings(
            kind=Kind.CLASSLINK,
            label="ClassLink",
            client_id="cl-client",
            secret="cl-secret",
            external_district_id="2",
        ),
    )
    staff, _ = people_actions.save_staff_member(
        None,
        cast.district,
        employee_id="N1009",
        given_name="Nia",
        family_name="New",
        email="nia.new@northfield.example.org",
        sourced_id=CLASSLINK_TEACHER["SourcedId"],
    )
    _response, request = _sign_in("classlink", CLASSLINK_TEACHER)
    staff.refresh_from_db()
    assert staff.user is not None
    assert request.user == staff.user
    assert not staff.user.has_usable_password()


def test_an_unknown_person_is_refused_with_a_clear_page_and_nothing_is_created(cast):
    _clever(cast)
    users = get_user_model().objects.count()
    response, request = _sign_in("clever", CLEVER_STRANGER)
    assert response["Location"] == "/accounts/sign-in/refused/"
    assert get_user_model().objects.count() == users
    assert not SocialAccount.objects.exists()
    refused = AuditEntry.objects.get(action="accounts.sso_sign_in.refuse")
    assert "nobody on its Lattice staff roster" in refused.after["reason"]
    client = Client()
    session = client.session
    session.update(dict(request.session.items()))
    session.save()
    page = client.get("/accounts/sign-in/refused/")
    assert page.status_code == 403
    assert "Lattice could not sign you in" in page.content.decode()
    assert "nobody on its Lattice staff roster" in page.content.decode()


def test_a_roster_id_of_another_districts_staff_links_nobody(cast):
    _clever(cast)
    _staff_with_sourced_id(cast, cast.other_district_teacher_staff, CLEVER_TEACHER["data"]["id"])
    response, _ = _sign_in("clever", CLEVER_STRANGER)
    assert response["Location"] == "/accounts/sign-in/refused/"
    assert not SocialAccount.objects.exists()


def test_a_clever_sign_in_from_an_unconnected_district_is_refused(cast):
    _clever(cast, external="another-clever-district")
    _staff_with_sourced_id(cast, cast.teacher_staff, CLEVER_TEACHER["data"]["id"])
    response, request = _sign_in("clever", CLEVER_TEACHER)
    assert response["Location"] == "/accounts/sign-in/refused/"
    assert not request.user.is_authenticated


def test_two_districts_share_one_clever_app_and_each_gets_its_own_people(cast):
    _clever(cast, external="another-clever-district")
    _clever(cast, district=cast.other_district, external=CLEVER_DISTRICT)
    _staff_with_sourced_id(cast, cast.other_district_teacher_staff, CLEVER_TEACHER["data"]["id"])
    far = cast.other_district_teacher_staff
    far.refresh_from_db()
    _response, request = _sign_in("clever", CLEVER_TEACHER)
    far.refresh_from_db()
    assert request.user == far.user


def test_an_email_only_match_waits_for_an_officer_then_signs_in(cast, client_for):
    _clever(cast)
    response, request = _sign_in("clever", CLEVER_TEACHER)
    assert response["Location"] == "/accounts/sign-in/waiting/"
    assert not request.user.is_authenticated
    link = LinkRequest.objects.get()
    assert link.staff == cast.teacher_staff
    officer = client_for("officer")
    assert (
        "ada.teacher@northfield.example.org"
        in officer.get("/accounts/sign-in-settings/").content.decode()
    )
    assert (
        client_for("other_officer")
        .post(f"/accounts/sign-in-settings/links/{link.pk}/confirm/")
        .status_code
        == 404
    )
    officer.post(f"/accounts/sign-in-settings/links/{link.pk}/confirm/")
    response, request = _sign_in("clever", CLEVER_TEACHER)
    assert request.user == cast.user("teacher")


def test_a_refused_email_match_stays_refused(cast, client_for):
    _clever(cast)
    _sign_in("clever", CLEVER_TEACHER)
    link = LinkRequest.objects.get()
    client_for("officer").post(f"/accounts/sign-in-settings/links/{link.pk}/reject/")
    link.refresh_from_db()
    assert link.status == LinkRequest.Status.REJECTED
    assert not SocialAccount.objects.exists()


def test_a_linked_person_who_left_the_district_is_refused(cast):
    _clever(cast)
    _staff_with_sourced_id(cast, cast.teacher_staff, CLEVER_TEACHER["data"]["id"])
    _sign_in("clever", CLEVER_TEACHER)
    people_actions.deactivate_staff_member(None, cast.teacher_staff, reason="left")
    response, request = _sign_in("clever", CLEVER_TEACHER)
    assert response["Location"] == "/accounts/sign-in/refused/"
    assert not request.user.is_authenticated


def test_a_turned_off_provider_cannot_start_a_sign_in(cast):
    provider = _clever(cast)
    actions.set_provider_enabled(None, provider, False)
    assert Client().post("/accounts/clever/login/").status_code == 404


def test_a_clever_portal_sign_in_without_state_starts_a_fresh_log_in_with_clever(cast):
    _clever(cast)
    response = Client().get("/accounts/clever/login/callback/?code=portal-code")
    assert response.status_code == 302
    assert response["Location"].startswith("https://clever.com/oauth/authorize?")
    assert "state=" in response["Location"]
    assert "portal-code" not in response["Location"]
