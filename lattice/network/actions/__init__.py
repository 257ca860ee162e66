"""The network app's writes: membership, the library and its copies, sharing choices and Teach
to Lead. Each is one transaction with one audit entry; each raises :class:`NetworkError`
naming the field and the fix when it cannot act, having written nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.formatting import day
from lattice.network import notices
from lattice.network.actions.common import NetworkError
from lattice.network.actions.common import require as _require
from lattice.network.models import (
    Convening,
    ConveningSession,
    Idea,
    IdeaFeedback,
    IdeaStatus,
    Material,
    Measure,
    Membership,
    PlanStep,
    Registration,
    Resource,
    ResourceCopy,
    ResourceKind,
    SharingChoice,
    Tag,
    TeamMember,
)
from lattice.network.models.ideas import LOGIC_MODEL_FIELDS, TeamRole
from lattice.pathways.actions.placements import save_adoption_draft
from lattice.pathways.policies import district_copy, parse_policy
from lattice.people.actions import set_district_network
from lattice.people.models import District, Network, StaffMember
from lattice.people.queries import current_school_year
from lattice.roles.actions.catalogue import free_key, save_role
from lattice.roles.actions.common import RoleError
from lattice.roles.actions.proposals import submit_proposal
from lattice.roles.models import RoleOrigin, RoleProposal, RoleStatus
from lattice.roles.queries import home_school
from lattice.rules.loader import PolicyError

ROLE_SPEC_FIELDS = (
    "title",
    "role_type",
    "purpose",
    "duties",
    "tlms_domains",
    "peer_relation",
    "release_percent",
    "extra_days",
    "stipend_dollars",
    "default_share_percent",
    "term_years",
    "position_scope",
    "positions",
    "selected_by",
)


def _user(actor: Actor) -> Any:
    return signed_in(actor)


# --- membership ---------------------------------------------------------------------------


@transaction.atomic
def join_network(
    actor: Actor, district: District, network: Network, *, on: dt.date, note: str = ""
) -> Membership:
    """Bring ``district`` into ``network`` from ``on``; a district belongs to one network."""
    if district.network_id == network.pk:
        raise NetworkError(f"network: {district} is already a member of {network}.")
    if district.network_id is not None:
        raise NetworkError(
            f"network: {district} is a member of {district.network}; leave it first."
        )
    Membership.objects.filter(district=district, left_on__isnull=True).update(left_on=on)
    membership = Membership.objects.create(
        network=network, district=district, joined_on=on, note=note[:300]
    )
    set_district_network(actor, district, network)
    record(
        actor=actor,
        action="network.membership.join",
        obj=district,
        district=district,
        after={"network": network.name, "joined_on": on.isoformat()},
    )
    return membership


@transaction.atomic
def record_joined(
    actor: Actor, district: District, *, joined_on: dt.date, note: str = ""
) -> Membership:
    """Record when a district that is already a member joined (history kept from before)."""
    if district.network is None:
        raise NetworkError(f"network: {district} is in no network; join one instead.")
    if Membership.objects.filter(district=district, left_on__isnull=True).exists():
        raise NetworkError(f"joined_on: {district}'s membership is already recorded.")
    membership = Membership.objects.create(
        network=district.network, district=district, joined_on=joined_on, note=note[:300]
    )
    record(
        actor=actor,
        action="network.membership.join",
        obj=district,
        district=district,
        after={"network": district.network.name, "joined_on": joined_on.isoformat()},
    )
    return membership


@transaction.atomic
def leave_network(actor: Actor, district: District, *, on: dt.date, note: str = "") -> District:
    """Take ``district`` out of its network from ``on``: it stops sharing and seeing the
    network's pages, and its staff's seats on the network's cabinets end that day (the
    councils app's ``vacate_seat``); what it shared in the library stays, credited to it."""
    network = district.network
    if network is None:
        raise NetworkError(f"network: {district} is in no network; there is nothing to leave.")
    open_rows = Membership.objects.filter(district=district, left_on__isnull=True)
    if not open_rows.exists():
        # a member from before the history was kept: record the period it ends
        Membership.objects.create(
            network=network, district=district, joined_on=on, left_on=on, note="joined earlier"
        )
    open_rows.update(left_on=on, note=note[:300])
    SharingChoice.objects.filter(network=network, district=district).update(shared=False)
    seats = vacate_cabinet_seats(actor, network, district, on)
    set_district_network(actor, district, None)
    record(
        actor=actor,
        action="network.membership.leave",
        obj=district,
        district=district,
        before={"network": network.name},
        after={"left_on": on.isoformat(), "cabinet_seats_vacated": seats},
    )
    return district


# --- library ------------------------------------------------------------------------------


def tags_from(text: str) -> list[Tag]:
    """Tags from a comma-separated list, created when new."""
    out = []
    for label in (part.strip() for part in (text or "").split(",")):
        slug = slugify(label)[:50]
        if not slug:
            continue
        tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"label": label[:60]})
        out.append(tag)
    return out


@transaction.atomic
def add_resource(
    actor: Actor,
    network: Network,
    *,
    kind: str,
    title: str,
    summary: str,
    source_title: str,
    source_url: str = "",
    body: str = "",
    tags: str = "",
    shared_by: District | None = None,
    role_spec: dict[str, Any] | None = None,
    policy_toml: str = "",
) -> Resource:
    """Add a resource to the library. A role description's ``role_spec`` must hold a title,
    a purpose and duties; a policy's text must parse as a Lattice policy."""
    if kind not in ResourceKind.values:
        raise NetworkError(f"kind: '{kind}' is not a kind of resource; choose one listed.")
    for name, value in (("title", title), ("summary", summary), ("source_title", source_title)):
        if not (value or "").strip():
            raise NetworkError(f"{name}: required; say what it is and where it comes from.")
    spec = dict(role_spec or {})
    unknown = set(spec) - set(ROLE_SPEC_FIELDS)
    if unknown:
        raise NetworkError(f"role_spec: unknown role fields {sorted(unknown)}.")
    if (
        kind == ResourceKind.ROLE
        and spec
        and not all(spec.get(k) for k in ("title", "purpose", "duties"))
    ):
        raise NetworkError("role_spec: a role description needs its title, purpose and duties.")
    if policy_toml:
        try:
            parse_policy(policy_toml, f"{title} (library)")
        except PolicyError as exc:
            problems = "; ".join(str(p) for p in exc.problems)
            raise NetworkError(f"policy_toml: {problems}") from exc
    resource = Resource.objects.create(
        network=network,
        kind=kind,
        title=title.strip()[:200],
        summary=summary.strip(),
        body=body.strip(),
        source_title=source_title.strip()[:300],
        source_url=source_url[:500],
        shared_by=shared_by,
        role_spec=spec,
        policy_toml=policy_toml,
        added_by=_user(actor),
    )
    resource.tags.set(tags_from(tags))
    record(
        actor=actor,
        action="network.resource.add",
        obj=resource,
        district=shared_by,
        after={"network": network.key, "kind": kind, "source": resource.source_title},
    )
    return resource


@transaction.atomic
def copy_into_district(
    actor: Actor, resource: Resource, district: District, *, effective_from: dt.date | None = None
) -> ResourceCopy:
    """Copy a role description into the district's catalogue (a draft role) or a policy into
    its adoption drafts (a preview nobody's pay follows until the office adopts it), through
    the roles and pathways apps' own actions; the source travels with the copy."""
    if district.network_id != resource.network_id:
        raise NetworkError(f"district: {district} is not a member of {resource.network}.")
    if not resource.copyable:
        raise NetworkError(
            f"resource: {resource.get_kind_display()}s are read, not copied; "
            "only role descriptions and policies copy into a district."
        )
    if resource.kind == ResourceKind.ROLE:
        spec = resource.role_spec
        duties = spec.get("duties", "")
        try:
            role = save_role(
                actor,
                district,
                key=free_key(district, spec["title"]),
                **{k: v for k, v in spec.items() if k != "duties"},
                duties="\n".join(duties) if isinstance(duties, list) else duties,
                status=RoleStatus.DRAFT,
                origin=RoleOrigin.TEMPLATE,
                source=resource.source_line[:300],
            )
        except RoleError as exc:
            raise NetworkError(f"role: {exc}") from exc
        became = f"Draft role “{role.title}” in the catalogue"
        link = reverse("roles:role-detail", args=[role.pk])
    else:
        effective = effective_from or dt.date.today()
        try:
            draft = save_adoption_draft(
                actor,
                district,
                toml_text=district_copy(resource.policy_toml, effective, district.name),
                effective_from=effective,
                origin=resource.source_line[:200],
                note=f"Copied from the {resource.network.name} library",
            )
        except (ValidationError, ValueError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise NetworkError(f"policy: {'; '.join(messages)}") from exc
        became = f"Adoption draft of {draft.policy_name} from {day(effective)}"
        link = reverse("pathways:adopt-draft", args=[draft.pk])
    made = ResourceCopy.objects.create(
        resource=resource, district=district, made_by=_user(actor), became=became, link=link
    )
    record(
        actor=actor,
        action="network.resource.copy",
        obj=resource,
        district=district,
        after={"became": became, "source": resource.source_line},
    )
    return made


# --- sharing ------------------------------------------------------------------------------


@transaction.atomic
def save_sharing(
    actor: Actor, network: Network, district: District, shared: set[str]
) -> list[SharingChoice]:
    """Record which measures the district shares with the network (the rest: not shared)."""
    if district.network_id != network.pk:
        raise NetworkError(f"district: {district} is not a member of {network}.")
    unknown = set(shared) - set(Measure.values)
    if unknown:
        raise NetworkError(f"measures: {sorted(unknown)} are not comparisons; choose listed ones.")
    before = sorted(
        SharingChoice.objects.filter(network=network, district=district, shared=True).values_list(
            "measure", flat=True
        )
    )
    out = []
    for measure in Measure.values:
        choice, _ = SharingChoice.objects.update_or_create(
            network=network,
            district=district,
            measure=measure,
            defaults={"shared": measure in shared},
        )
        out.append(choice)
    record(
        actor=actor,
        action="network.sharing.save",
        obj=district,
        district=district,
        before={"shared": before},
        after={"shared": sorted(shared)},
    )
    return out


# --- Teach to Lead --------------------------------------------------------------------------


@transaction.atomic
def post_idea(
    actor: Actor, staff: StaffMember, network: Network, *, title: str, summary: str
) -> Idea:
    """A teacher posts an idea to the network; they lead its team."""
    if staff.district.network_id != network.pk:
        raise NetworkError(f"network: {staff.district} is not a member of {network}.")
    _require(title=title, summary=summary)
    idea = Idea.objects.create(
        network=network,
        district=staff.district,
        posted_by=staff,
        title=title.strip()[:200],
        summary=summary.strip(),
    )
    TeamMember.objects.create(idea=idea, staff_member=staff, role=TeamRole.LEAD)
    record(
        actor=actor,
        action="network.idea.post",
        obj=idea,
        district=staff.district,
        staff_member=staff,
        after={"title": idea.title},
    )
    notices.tell_network_office(idea)
    return idea


@transaction.atomic
def join_team(
    actor: Actor, idea: Idea, staff: StaffMember, *, role: str = TeamRole.MEMBER
) -> TeamMember:
    """``staff`` joins the idea's team (or, ``role="friend"``, agrees to be a critical friend);
    from any member district of the idea's network."""
    if staff.district.network_id != idea.network_id:
        raise NetworkError(f"team: {staff.district} is not a member of {idea.network}.")
    if role not in (TeamRole.MEMBER, TeamRole.FRIEND):
        raise NetworkError("role: join as a team member or a critical friend.")
    if idea.team.filter(staff_member=staff).exists():
        raise NetworkError(f"team: {staff} is already on this team.")
    seat = TeamMember.objects.create(idea=idea, staff_member=staff, role=role)
    if idea.status == IdeaStatus.IDEA and role == TeamRole.MEMBER:
        idea.status = IdeaStatus.TEAM
        idea.save(update_fields=["status"])
    record(
        actor=actor,
        action="network.team.join",
        obj=idea,
        district=staff.district,
        staff_member=staff,
        after={"role": role},
    )
    return seat


def _advance(idea: Idea, to: str) -> None:
    order = list(IdeaStatus.values)
    if order.index(to) > order.index(idea.status):
        idea.status = to
        idea.save(update_fields=["status"])


def _on_team(idea: Idea, seat: TeamMember | None, *, friends: bool = False) -> TeamMember:
    allowed = {TeamRole.LEAD, TeamRole.MEMBER} | ({TeamRole.FRIEND} if friends else set())
    if seat is None or seat.idea_id != idea.pk or seat.role not in allowed:
        raise NetworkError("team: only the idea's team can do this; join the team first.")
    return seat


@transaction.atomic
def save_logic_model(actor: Actor, idea: Idea, seat: TeamMember | None, **parts: str) -> Idea:
    """The team writes the logic model: problem, inputs, activities, outputs, outcomes,
    measures (each may be left for later; all six move the idea on)."""
    _on_team(idea, seat)
    unknown = set(parts) - set(LOGIC_MODEL_FIELDS)
    if unknown:
        raise NetworkError(f"logic model: {sorted(unknown)} are not parts of a logic model.")
    for name, value in parts.items():
        setattr(idea, name, (value or "").strip())
    idea.save()
    if idea.logic_model_complete:
        _advance(idea, IdeaStatus.MODEL)
    record(
        actor=actor,
        action="network.logic_model.save",
        obj=idea,
        district=idea.district,
        after={k: v[:80] for k, v in parts.items()},
    )
    return idea


@transaction.atomic
def add_plan_step(
    actor: Actor,
    idea: Idea,
    seat: TeamMember | None,
    *,
    description: str,
    owner: TeamMember,
    due: dt.date,
    resources: str = "",
) -> PlanStep:
    """A step of the action plan, owned by someone on the team."""
    _on_team(idea, seat)
    _require(description=description)
    if owner.idea_id != idea.pk or owner.role == TeamRole.FRIEND:
        raise NetworkError("owner: choose a member of the team to own the step.")
    step = PlanStep.objects.create(
        idea=idea,
        description=description.strip()[:300],
        owner=owner,
        due=due,
        resources=resources.strip()[:300],
    )
    _advance(idea, IdeaStatus.PLAN)
    record(
        actor=actor,
        action="network.plan_step.add",
        obj=step,
        district=idea.district,
        after={"idea": idea.title, "due": due.isoformat()},
    )
    return step


@transaction.atomic
def give_feedback(actor: Actor, idea: Idea, seat: TeamMember | None, *, text: str) -> IdeaFeedback:
    """A critical friend's feedback, or (from the team) a report of progress."""
    author = _on_team(idea, seat, friends=True)
    _require(text=text)
    progress = author.role != TeamRole.FRIEND
    if progress and not idea.steps.exists():
        raise NetworkError("progress: make the action plan first; progress reports on its steps.")
    note = IdeaFeedback.objects.create(
        idea=idea, author=author, text=text.strip(), progress=progress
    )
    if progress:
        _advance(idea, IdeaStatus.UNDER_WAY)
    record(
        actor=actor,
        action="network.feedback.give",
        obj=idea,
        district=idea.district,
        after={"progress": progress, "text": text[:80]},
    )
    return note


# --- convenings -----------------------------------------------------------------------------


@transaction.atomic
def create_convening(
    actor: Actor,
    network: Network,
    *,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    place: str,
    keynote: str = "",
    summary: str = "",
) -> Convening:
    _require(title=title, place=place)
    if ends_on < starts_on:
        raise NetworkError("ends_on: a convening cannot end before it starts; check the dates.")
    convening = Convening.objects.create(
        network=network,
        title=title.strip()[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip()[:200],
        keynote=keynote.strip()[:300],
        summary=summary.strip(),
    )
    record(
        actor=actor,
        action="network.convening.create",
        obj=convening,
        after={"network": network.key, "starts_on": starts_on.isoformat()},
    )
    return convening


@transaction.atomic
def add_session(
    actor: Actor,
    convening: Convening,
    *,
    title: str,
    starts_at: dt.datetime,
    capacity: int,
    speaker: str = "",
) -> ConveningSession:
    _require(title=title)
    if capacity < 1:
        raise NetworkError("capacity: a session needs at least one seat.")
    if not convening.starts_on <= starts_at.date() <= convening.ends_on:
        raise NetworkError(
            f"starts_at: the convening runs {convening.starts_on} to {convening.ends_on}; "
            "choose a time inside it."
        )
    session = ConveningSession.objects.create(
        convening=convening,
        title=title.strip()[:200],
        speaker=speaker.strip()[:200],
        starts_at=starts_at,
        capacity=capacity,
    )
    record(
        actor=actor,
        action="network.session.add",
        obj=session,
        after={"convening": convening.title, "capacity": capacity},
    )
    return session


@transaction.atomic
def register(
    actor: Actor, session: ConveningSession, staff: StaffMember, *, on: dt.date
) -> Registration:
    """A staff member of a member district takes a seat, while seats are left and the
    convening has not ended."""
    convening = session.convening
    if staff.district.network_id != convening.network_id:
        raise NetworkError(f"registration: {staff.district} is not a member of the network.")
    if on > convening.ends_on:
        raise NetworkError("registration: the convening is over; registration is closed.")
    # lock the session so two last-seat registrations cannot both pass the count
    locked = ConveningSession.objects.select_for_update().get(pk=session.pk)
    if locked.registrations.filter(staff_member=staff).exists():
        raise NetworkError("registration: you already have a seat at this session.")
    if locked.registrations.count() >= locked.capacity:
        raise NetworkError(
            f"registration: all {locked.capacity} seats are taken; choose another session."
        )
    seat = Registration.objects.create(session=locked, staff_member=staff)
    record(
        actor=actor,
        action="network.registration.create",
        obj=locked,
        district=staff.district,
        staff_member=staff,
    )
    return seat


@transaction.atomic
def check_in(actor: Actor, registration: Registration, *, on: dt.date) -> Registration:
    """The registrant records that they attended, once the session has begun."""
    if on < registration.session.starts_at.date():
        raise NetworkError("attendance: check in on the day of the session, not before.")
    registration.attended = True
    registration.save(update_fields=["attended"])
    record(
        actor=actor,
        action="network.attendance.record",
        obj=registration.session,
        district=registration.staff_member.district,
        staff_member=registration.staff_member,
    )
    return registration


@transaction.atomic
def add_material(
    actor: Actor,
    convening: Convening,
    *,
    title: str,
    url: str = "",
    resource: Resource | None = None,
    note: str = "",
    on: dt.date,
) -> Material:
    """Share what a convening produced, once it has begun; a library resource or a link."""
    _require(title=title)
    if on < convening.starts_on:
        raise NetworkError("material: materials are shared once the convening has begun.")
    if resource is not None and resource.network_id != convening.network_id:
        raise NetworkError("resource: choose a resource of this network's library.")
    if not url and resource is None:
        raise NetworkError("url: give the material's address or choose a library resource.")
    made = Material.objects.create(
        convening=convening,
        title=title.strip()[:200],
        url=url[:500],
        resource=resource,
        note=note.strip()[:300],
    )
    record(
        actor=actor, action="network.material.add", obj=made, after={"convening": convening.title}
    )
    return made


# --- an idea becomes a proposed role --------------------------------------------------------


@transaction.atomic
def propose_role_from_idea(
    actor: Actor, idea: Idea, seat: TeamMember | None, *, on: dt.date
) -> RoleProposal:
    """A team member proposes the idea as a hybrid role at their school, through the roles
    app's ``submit_proposal`` (their principal reviews it there). Co-proposers are the team
    members of the same district; the proposal's problem, duties and measure come from the
    logic model and the plan, and the team's log says where it went."""
    author = _on_team(idea, seat)
    if not (idea.problem.strip() and idea.activities.strip() and idea.measures.strip()):
        raise NetworkError(
            "logic model: write the problem, the activities and the measures first; the "
            "proposal is made from them."
        )
    staff = author.staff_member
    year = current_school_year(staff.district, on)
    school = home_school(staff, year) if year is not None else None
    if school is None:
        raise NetworkError(f"school: {staff} has no assignment this year to propose a role at.")
    duties = [s.description for s in idea.steps.all()] or idea.activities.splitlines()
    co = [m.staff_member for m in idea.team.exclude(pk=author.pk).exclude(role=TeamRole.FRIEND)]
    try:
        proposal = submit_proposal(
            actor,
            staff,
            school=school,
            co_proposers=co,
            title=idea.title[:120],
            problem=idea.problem,
            duties="\n".join(d for d in duties if d.strip()),
            success_measure=idea.measures,
        )
    except (RoleError, ValidationError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise NetworkError(f"proposal: {'; '.join(messages)}") from exc
    IdeaFeedback.objects.create(
        idea=idea,
        author=author,
        progress=True,
        text=f"Proposed as a hybrid role at {school.name}, for the principal's review.",
    )
    return proposal


# --- split by topic (re-exported so callers keep writing ``actions.<verb>``) ------------------

from lattice.network.actions.councils import (  # noqa: E402
    convene_cabinet,
    councils_of,
    propose_idea_to_council,
    vacate_cabinet_seats,
)
from lattice.network.actions.curriculum import (  # noqa: E402
    add_team_member,
    adopt_unit,
    ask_for_review,
    create_team,
    record_service,
    report_teaching,
    revise_unit,
    school_of,
    seat_on,
    start_pilot,
    start_unit,
    submit_review,
)
from lattice.network.actions.pulse import (  # noqa: E402
    answer_pulse,
    close_round,
    has_answered,
    open_round,
)

__all__ = [
    "NetworkError",
    "add_material",
    "add_plan_step",
    "add_resource",
    "add_session",
    "add_team_member",
    "adopt_unit",
    "answer_pulse",
    "ask_for_review",
    "check_in",
    "close_round",
    "convene_cabinet",
    "copy_into_district",
    "councils_of",
    "create_convening",
    "create_team",
    "give_feedback",
    "has_answered",
    "join_network",
    "join_team",
    "leave_network",
    "open_round",
    "post_idea",
    "propose_idea_to_council",
    "propose_role_from_idea",
    "record_joined",
    "record_service",
    "register",
    "report_teaching",
    "revise_unit",
    "save_logic_model",
    "save_sharing",
    "school_of",
    "seat_on",
    "start_pilot",
    "start_unit",
    "submit_review",
    "tags_from",
    "vacate_cabinet_seats",
]
