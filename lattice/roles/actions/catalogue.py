"""Catalogue actions: district role settings, roles, templates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from lattice.audit.log import diff, record, snapshot
from lattice.lib.actors import Actor
from lattice.people.models import District
from lattice.roles.actions.common import RoleError, clean
from lattice.roles.models import (
    LeadershipRole,
    RoleOrigin,
    RoleSettings,
    RoleStatus,
)
from lattice.roles.models.catalogue import EDITABLE_ROLE_FIELDS, SYSTEM_ROLE_FIELDS
from lattice.roles.role_templates import template

ROLE_FIELDS = [*EDITABLE_ROLE_FIELDS, *SYSTEM_ROLE_FIELDS]
SETTINGS_FIELDS = ["target_share_percent", "round_up", "coverage_fte_cost", "extra_day_cost"]


# --- catalogue -----------------------------------------------------------------------------


@transaction.atomic
def save_role_settings(actor: Actor, district: District, **fields: Any) -> RoleSettings:
    conf = RoleSettings.objects.filter(district=district).first() or RoleSettings(district=district)
    before = snapshot(conf, SETTINGS_FIELDS) if conf.pk else {}
    for name in SETTINGS_FIELDS:
        if name in fields:
            setattr(conf, name, fields[name])
    clean(conf)
    conf.save()
    b, a = diff(before, snapshot(conf, SETTINGS_FIELDS))
    record(
        actor=actor, action="roles.settings.save", obj=conf, district=district, before=b, after=a
    )
    return conf


@transaction.atomic
def save_role(
    actor: Actor, district: District, role: LeadershipRole | None = None, **fields: Any
) -> LeadershipRole:
    """Create (role=None) or update a catalogue role; the audit entry lists what changed."""
    unknown = set(fields) - set(ROLE_FIELDS)
    if unknown:
        raise RoleError(f"unknown role fields: {sorted(unknown)}")
    created = role is None
    role = role or LeadershipRole(district=district)
    before = {} if created else snapshot(role, ROLE_FIELDS)
    for name, value in fields.items():
        setattr(role, name, value)
    if role.team_min and role.team_max and role.team_min > role.team_max:
        raise RoleError("team size: the smallest team cannot be larger than the largest.")
    _refuse_same_title(district, role)
    clean(role)
    try:
        with transaction.atomic():
            role.save()
    except IntegrityError as exc:
        raise RoleError(
            f"key: the district already has a role '{role.key}'; choose another key."
        ) from exc
    b, a = diff(before, snapshot(role, ROLE_FIELDS))
    if created or a:
        record(
            actor=actor,
            action="roles.role.create" if created else "roles.role.update",
            obj=role,
            district=district,
            before=b,
            after=a,
        )
    return role


def _refuse_same_title(district: District, role: LeadershipRole) -> None:
    """One role a title in a district's catalogue: a second "Mentor teacher" (the template
    added twice, a council's or the network library's copy of a role the district has) reads
    as a duplicate row and splits its holders. A retired role's title may be used again."""
    if role.status == RoleStatus.RETIRED:
        return
    same = (
        LeadershipRole.objects.filter(district=district, title__iexact=role.title.strip())
        .exclude(status=RoleStatus.RETIRED)
        .exclude(pk=role.pk)
        .first()
    )
    if same is not None:
        raise RoleError(
            f"title: the catalogue already has “{same.title}” "
            f"({same.get_status_display().lower()}, short id {same.key}); edit that role, or "
            "give this one another title."
        )


def free_key(district: District, base: str) -> str:
    key = slugify(base)[:45] or "role"
    taken = set(
        LeadershipRole.objects.filter(district=district, key__startswith=key).values_list(
            "key", flat=True
        )
    )
    if key not in taken:
        return key
    n = 2
    while f"{key}-{n}" in taken:
        n += 1
    return f"{key}-{n}"


def install_template(
    actor: Actor, district: District, template_key: str, *, activate: bool = False
) -> LeadershipRole:
    """Add a role to the catalogue from a template (draft unless ``activate``)."""
    t = template(template_key)
    if t is None:
        raise RoleError(f"'{template_key}' is not a role template.")
    return save_role(
        actor,
        district,
        key=free_key(district, t.key),
        title=t.title,
        role_type=t.role_type,
        purpose=t.purpose,
        duties="\n".join(t.duties),
        tlms_domains=list(t.tlms_domains),
        peer_relation=t.peer_relation,
        release_percent=t.release_percent,
        extra_days=t.extra_days,
        stipend_dollars=t.stipend_dollars,
        default_share_percent=t.default_share_percent,
        term_years=t.term_years,
        position_scope=t.position_scope,
        positions=t.positions,
        selected_by=t.selected_by,
        team_min=t.team_min,
        team_max=t.team_max,
        min_rating=t.min_rating,
        min_rating_years=t.min_rating_years,
        min_years_experience=Decimal(t.min_years_experience),
        status=RoleStatus.ACTIVE if activate else RoleStatus.DRAFT,
        origin=RoleOrigin.TEMPLATE,
        template_key=t.key,
        source=t.source,
    )
