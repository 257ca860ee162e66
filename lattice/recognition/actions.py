"""The recognition app's writes: achievements, awards issued as signed OB 3.0 credentials,
revocation, the teacher's choice to publish, key rotation, and automatic awards from Lattice
facts. Each is one transaction with one audit entry."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib.actors import Actor
from lattice.lib.claims_verified import ClaimVerified
from lattice.lib.placements import pathway_placements
from lattice.lib.roles_served import RoleServed
from lattice.pathways.actions import submit_claim
from lattice.pathways.models import Claim, ClaimKind, ClaimStatus
from lattice.people.models import District, StaffMember
from lattice.recognition import tlms
from lattice.recognition.models import (
    Achievement,
    AchievementType,
    Award,
    EarnedBy,
    IssuerKey,
    RoleTerm,
    StatusCounter,
)
from lattice.recognition.openbadges import baking, keys, schema, status
from lattice.recognition.openbadges import credential as ob
from lattice.recognition.openbadges.jsonld import UnsafeJsonLd, expand_safely

# The ledger's kinds of claim an honour may count as (no quantity to state, no credit window).
COUNTING_KINDS = (ClaimKind.PROJECT.value, ClaimKind.CERTIFICATE.value)
# The kinds of verified claim that may earn an achievement (a role served has its own way).
CLAIM_KINDS = tuple(k for k in ClaimKind.values if k != ClaimKind.ROLE)


class RecognitionError(ValueError):
    """A request the recognition app refuses, in a sentence that names the fix."""


# --- keys ---------------------------------------------------------------------------------


def current_key(district: District) -> IssuerKey:
    """The district's signing key, made on first use."""
    found = IssuerKey.objects.filter(district=district, retired_at__isnull=True).first()
    return found if found is not None else rotate_key(None, district)


@transaction.atomic
def rotate_key(actor: Actor, district: District) -> IssuerKey:
    """Retire the district's signing key and make a new one. Credentials signed with the old
    key still verify: its public half stays published in the key ring."""
    now = timezone.now()
    IssuerKey.objects.filter(district=district, retired_at__isnull=True).update(retired_at=now)
    kid = f"{district.key}-{now:%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
    key = IssuerKey.objects.create(district=district, kid=kid, public_jwk=keys.generate(kid))
    record(actor=actor, action="recognition.key.rotate", obj=key, district=district)
    return key


# --- achievements -------------------------------------------------------------------------


@transaction.atomic
def define_achievement(
    actor: Actor,
    district: District,
    *,
    key: str,
    name: str,
    description: str,
    criteria: str,
    achievement_type: str,
    earned_by: str = EarnedBy.REVIEW,
    evidence_required: str = "",
    role_key: str = "",
    terms_required: int = 1,
    pathway_key: str = "",
    claim_kind: str = "",
    claim_category: str = "",
    tlms_functions: str = "",
    ledger_kind: str = "",
    ledger_units: int = 0,
) -> Achievement:
    if achievement_type not in AchievementType.values:
        raise RecognitionError(f"'{achievement_type}' is not a type of achievement.")
    if earned_by not in EarnedBy.values:
        raise RecognitionError(f"'{earned_by}' is not a way of earning an achievement.")
    if earned_by == EarnedBy.ROLE_SERVED and not role_key:
        raise RecognitionError("Name the role (its kind, e.g. 'mentor') whose terms earn it.")
    if earned_by == EarnedBy.PATHWAY and not pathway_key:
        raise RecognitionError("Name the pathway (e.g. 'model') whose reaching earns it.")
    if earned_by == EarnedBy.LEDGER_CLAIM and claim_kind not in CLAIM_KINDS:
        raise RecognitionError(
            f"Name the kind of verified ledger claim that earns it: {', '.join(CLAIM_KINDS)}."
        )
    if ledger_kind and ledger_kind not in COUNTING_KINDS:
        raise RecognitionError(
            f"An honour enters the ledger as {' or '.join(COUNTING_KINDS)}, not '{ledger_kind}'."
        )
    if ledger_kind == ClaimKind.PROJECT and ledger_units < 1:
        raise RecognitionError("Units: an approved project is claimed for 1 unit or more.")
    if terms_required < 1:
        raise RecognitionError("Terms required must be a whole number of 1 or more.")
    bad = tlms.unknown(tlms_functions)
    if bad:
        raise RecognitionError(
            f"Unknown Teacher Leader Model Standards function {', '.join(bad)}: use a domain "
            f"number and letter such as {', '.join(list(tlms.FUNCTIONS)[:3])}."
        )
    for label, value in (("name", name), ("description", description), ("criteria", criteria)):
        if not value.strip():
            raise RecognitionError(f"Enter the achievement's {label}.")
    if Achievement.objects.filter(district=district, key=key).exists():
        raise RecognitionError(f"{district.name} already has an achievement keyed '{key}'.")
    achievement = Achievement.objects.create(
        district=district,
        key=key,
        name=name.strip(),
        description=description.strip(),
        criteria=criteria.strip(),
        achievement_type=achievement_type,
        earned_by=earned_by,
        evidence_required=evidence_required.strip(),
        role_key=role_key.strip(),
        terms_required=terms_required,
        pathway_key=pathway_key.strip(),
        claim_kind=claim_kind if earned_by == EarnedBy.LEDGER_CLAIM else "",
        claim_category=claim_category.strip()[:80] if earned_by == EarnedBy.LEDGER_CLAIM else "",
        tlms_functions=" ".join(tlms_functions.split()),
        ledger_kind=ledger_kind,
        ledger_units=ledger_units if ledger_kind == ClaimKind.PROJECT else 0,
    )
    record(actor=actor, action="recognition.achievement.define", obj=achievement, district=district)
    return achievement


# --- awards and credentials ---------------------------------------------------------------


def _next_index(district: District) -> int:
    counter, _ = StatusCounter.objects.select_for_update().get_or_create(district=district)
    index = counter.next_index
    StatusCounter.objects.filter(pk=counter.pk).update(next_index=F("next_index") + 1)
    return index


def recipient_email(staff: StaffMember) -> str:
    """The address the credential's identity hash is made from: the person's account email,
    or their staff email."""
    user = staff.user
    email = (user.email if user is not None and user.email else "") or staff.email
    return email.strip().lower()


@transaction.atomic
def award(
    actor: Actor,
    achievement: Achievement,
    staff: StaffMember,
    *,
    on: dt.date | None = None,
    valid_until: dt.date | None = None,
    narrative: str = "",
    source: str = "",
) -> Award:
    """Award ``achievement`` to ``staff`` and issue it as a signed OB 3.0 credential, checked
    against the 1EdTech schema and JSON-LD safe mode before it is stored."""
    district = achievement.district
    if staff.district_id != district.pk:
        raise RecognitionError(f"{staff.display_name} is not on {district.name}'s staff.")
    if not recipient_email(staff):
        raise RecognitionError(
            f"{staff.display_name} has no email address; add one before issuing a credential."
        )
    on = on or timezone.localdate()
    if valid_until is not None and valid_until <= on:
        raise RecognitionError("The expiry date must come after the award date.")
    if Award.objects.filter(
        achievement=achievement, staff_member=staff, revoked_at__isnull=True
    ).exists():
        raise RecognitionError(f"{staff.display_name} already holds {achievement.name}.")
    made = Award(
        achievement=achievement,
        staff_member=staff,
        awarded_on=on,
        valid_until=valid_until,
        narrative=narrative.strip()[:500],
        source=source[:200],
        status_index=_next_index(district),
        salt=secrets.token_hex(16),
    )
    body = ob.open_badge_credential(made, recipient_email(staff), district)
    _check(body)
    key = current_key(district)
    made.credential = body
    try:
        made.credential_jwt = keys.sign(
            ob.jwt_claims(body), key.kid, ob.key_url(district.key, key.kid)
        )
    except keys.KeyMissing as exc:
        raise RecognitionError(str(exc)) from exc
    made.key_id = key.kid
    made.issued_at = timezone.now()
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError as exc:
        raise RecognitionError(f"{staff.display_name} already holds {achievement.name}.") from exc
    if achievement.ledger_kind:
        made.ledger_note = _claim_toward_pathway(actor, made)
        made.save(update_fields=["ledger_note"])
    record(
        actor=actor,
        action="recognition.award.issue",
        obj=made,
        district=district,
        staff_member=staff,
        after={"achievement": achievement.key, "status_index": made.status_index,
               "kid": key.kid, "source": source},
    )  # fmt: skip
    return made


def _claim_toward_pathway(actor: Actor, made: Award) -> str:
    """Enter the honour in the teacher's ledger through the pathways app's own claim action,
    with the baked badge as its evidence; it then waits for the talent office like any claim.
    A district without a pathway policy takes no claims: the refusal is kept as the note."""
    achievement = made.achievement
    png = baking.bake(achievement.name, achievement.district.name, made.credential_jwt)
    badge = SimpleUploadedFile(f"badge-{made.public_id}.png", png, content_type="image/png")
    try:
        with transaction.atomic():
            claim = submit_claim(
                actor,
                made.staff_member,
                kind=achievement.ledger_kind,
                title=achievement.name,
                provider=achievement.district.name,
                category="recognition",
                completed=made.awarded_on,
                quantity=achievement.ledger_units,
                files=[badge],
            )
    except ValidationError as exc:
        return f"Not entered in the ledger: {' '.join(exc.messages)}"[:300]
    return f"Claimed toward the pathway (claim {claim.pk}, waiting for the talent office)"


def _check(body: dict[str, Any]) -> None:
    found = schema.problems(body)
    if found:
        raise RecognitionError("The credential does not match the OB 3.0 schema: " + found[0])
    try:
        expand_safely(body)
    except UnsafeJsonLd as exc:
        raise RecognitionError(f"The credential is not valid JSON-LD: {exc}") from exc


@transaction.atomic
def revoke(actor: Actor, award_: Award, *, reason: str) -> Award:
    """Revoke a credential: its bit is set in the district's status list, so every verifier
    sees it revoked. The reason is required and kept."""
    if not reason.strip():
        raise RecognitionError("Give the reason for revoking; it is kept with the record.")
    if award_.revoked:
        raise RecognitionError("This credential is already revoked.")
    award_.revoked_at = timezone.now()
    award_.revoked_reason = reason.strip()[:300]
    award_.save(update_fields=["revoked_at", "revoked_reason"])
    record(
        actor=actor,
        action="recognition.award.revoke",
        obj=award_,
        district=award_.achievement.district,
        staff_member=award_.staff_member,
        after={"reason": award_.revoked_reason, "status_index": award_.status_index},
    )
    return award_


@transaction.atomic
def set_public(actor: Actor, award_: Award, public: bool) -> Award:
    """The teacher chooses whether the credential's page and JSON are public."""
    if award_.public != public:
        award_.public = public
        award_.save(update_fields=["public"])
        record(
            actor=actor,
            action="recognition.award.publish",
            obj=award_,
            district=award_.achievement.district,
            staff_member=award_.staff_member,
            after={"public": public},
        )
    return award_


def status_list_jwt(district: District, on: dt.date | None = None) -> str:
    """The district's revocation list as a signed BitstringStatusListCredential."""
    revoked = Award.objects.filter(
        achievement__district=district, revoked_at__isnull=False
    ).values_list("status_index", flat=True)
    body = ob.status_list_credential(district, status.encode(revoked), on or timezone.localdate())
    key = current_key(district)
    claims = {"vc": body, "iss": body["issuer"], "jti": body["id"], "nbf": 0}
    return keys.sign(claims, key.kid, ob.key_url(district.key, key.kid))


# --- automatic awards ---------------------------------------------------------------------


def record_role_served(actor: Actor, served: RoleServed) -> None:
    """Registered with ``lattice.lib.roles_served``: a role the roles app assigns may complete
    the terms an achievement asks for."""
    staff = StaffMember.objects.select_related("district", "user").get(pk=served.staff_id)
    terms = _terms_served(staff, served)
    for achievement in Achievement.objects.filter(
        district_id=served.district_id,
        earned_by=EarnedBy.ROLE_SERVED,
        role_key=served.role_key,
        active=True,
    ):
        if terms >= achievement.terms_required:
            award_once(actor, achievement, staff, served.school_year_start, served.source)


def _terms_served(staff: StaffMember, served: RoleServed) -> int:
    RoleTerm.objects.get_or_create(
        staff_member=staff,
        role_key=served.role_key,
        school_year_start=served.school_year_start,
        defaults={"title": served.title[:200], "source": served.source[:200]},
    )
    return RoleTerm.objects.filter(staff_member=staff, role_key=served.role_key).count()


def award_once(
    actor: Actor, achievement: Achievement, staff: StaffMember, on: dt.date, source: str
) -> Award | None:
    if Award.objects.filter(achievement=achievement, staff_member=staff).exists():
        return None  # held, or revoked: a revoked award is never silently re-issued
    if not recipient_email(staff):
        return None
    return award(actor, achievement, staff, on=min(on, timezone.localdate()), source=source)


def award_pathways(actor: Actor, district: District, on: dt.date | None = None) -> int:
    """Award each 'pathway reached' achievement to the teachers placed on that pathway (or
    above it) on ``on``; returns how many were issued."""
    on = on or timezone.localdate()
    achievements = list(
        Achievement.objects.filter(district=district, earned_by=EarnedBy.PATHWAY, active=True)
    )
    if not achievements:
        return 0
    staff = {s.pk: s for s in StaffMember.objects.filter(district=district, active=True)}
    placements = pathway_placements(district.pk, on, staff)
    issued = 0
    for staff_id, placement in sorted(placements.items()):
        if placement is None:
            continue
        for achievement in achievements:
            if achievement.pathway_key in placement.satisfies:
                made = award_once(
                    actor, achievement, staff[staff_id], on, f"pathway:{placement.key}"
                )
                issued += made is not None
    return issued


def award_roles_served(actor: Actor, district: District) -> int:
    """Award each 'roles served' achievement to everyone whose recorded terms complete it
    (for terms announced before the achievement was defined); returns how many were issued."""
    issued = 0
    for achievement in Achievement.objects.filter(
        district=district, earned_by=EarnedBy.ROLE_SERVED, active=True
    ):
        counts: dict[int, list[RoleTerm]] = {}
        for term in RoleTerm.objects.filter(
            staff_member__district=district, role_key=achievement.role_key
        ).order_by("school_year_start"):
            counts.setdefault(term.staff_member_id, []).append(term)
        people = StaffMember.objects.select_related("user").in_bulk(list(counts))
        for staff_id, terms in sorted(counts.items()):
            if len(terms) >= achievement.terms_required:
                last = terms[-1]
                made = award_once(
                    actor, achievement, people[staff_id], last.school_year_start, last.source
                )
                issued += made is not None
    return issued


def _earned_by_claim(achievement: Achievement, kind: str, category: str) -> bool:
    return achievement.claim_kind == kind and (
        not achievement.claim_category
        or achievement.claim_category.casefold() == category.strip().casefold()
    )


def record_claim_verified(actor: Actor, verified: ClaimVerified) -> None:
    """Registered with ``lattice.lib.claims_verified``: when the talent office verifies a
    ledger claim, each active achievement that claim earns is issued (once)."""
    achievements = [
        a
        for a in Achievement.objects.filter(
            district_id=verified.district_id, earned_by=EarnedBy.LEDGER_CLAIM, active=True
        )
        if _earned_by_claim(a, verified.kind, verified.category)
    ]
    if not achievements:
        return
    staff = StaffMember.objects.select_related("district", "user").get(pk=verified.staff_id)
    for achievement in achievements:
        award_once(actor, achievement, staff, verified.completed, verified.source)


def award_ledger_claims(actor: Actor, district: District) -> int:
    """Award each 'verified ledger claim' achievement to everyone whose verified ledger already
    holds such a claim (claims verified before the achievement was defined, or imported
    verified); returns how many were issued."""
    issued = 0
    for achievement in Achievement.objects.filter(
        district=district, earned_by=EarnedBy.LEDGER_CLAIM, active=True
    ):
        claims = Claim.objects.filter(
            district_id=district.pk, status=ClaimStatus.VERIFIED, kind=achievement.claim_kind
        ).order_by("staff_member_id", "completed", "pk")
        if achievement.claim_category:
            claims = claims.filter(category__iexact=achievement.claim_category)
        first: dict[int, Claim] = {}
        for claim in claims:
            first.setdefault(claim.staff_member_id, claim)
        people = StaffMember.objects.select_related("user").in_bulk(list(first))
        for staff_id, claim in sorted(first.items()):
            made = award_once(
                actor, achievement, people[staff_id], claim.completed, f"pathways.Claim:{claim.pk}"
            )
            issued += made is not None
    return issued
