"""A meeting's page: agenda, attendance with the quorum it gives, minutes and their history;
the iCalendar invite and the published minutes as PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lattice.councils import access, actions
from lattice.councils.forms import AgendaItemForm, MeetingForm, MinutesForm
from lattice.councils.models import AgendaItem, MinutesStage, Presence
from lattice.councils.views.common import body_for, meeting_for, post_only, run
from lattice.people.models import StaffMember


def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_for(request, pk)
    if not access.runs(request.user, body):
        raise Http404
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meeting = actions.schedule_meeting(
                request.user,
                body,
                title=d["title"],
                starts_at=d["starts_at"],
                ends_at=d["ends_at"],
                location=d["location"],
                agenda=d["agenda"].splitlines(),
            )
        except actions.CouncilError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Meeting scheduled; send the invite from its page.")
            return HttpResponseRedirect(reverse("councils:meeting", args=[meeting.pk]))
    return render(request, "councils/meeting_form.html", {"form": form, "body": body})


def _tree(items: list[AgendaItem]) -> list[tuple[AgendaItem, int]]:
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    out: list[tuple[AgendaItem, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for item in children.get(parent, []):
            out.append((item, depth))
            walk(item.pk, depth + 1)

    walk(None, 0)
    return out


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk)
    body = meeting.body
    drafts = access.sees_drafts(request.user, body)
    runs = access.runs(request.user, body)
    minutes = actions.current_minutes(meeting)
    published = minutes is not None and minutes.stage == MinutesStage.PUBLISHED
    day = timezone.localtime(meeting.starts_at).date()
    members = actions.members_on(body, day)
    marks = {a.member_id: a for a in meeting.attendance.all()}
    present, filled, met = actions.quorum(meeting)
    items = list(meeting.agenda.select_related("owner"))
    return render(
        request,
        "councils/meeting.html",
        {
            "meeting": meeting,
            "body": body,
            "agenda": _tree(items),
            "runs": runs,
            "drafts": drafts,
            "minutes": minutes if (published or drafts) else None,
            "published": published,
            "history": list(meeting.minutes.order_by("-number")) if drafts else [],
            "attendance": [(m, marks.get(m.pk)) for m in members],
            "presence": Presence.choices,
            "present": present,
            "filled": filled,
            "quorum_met": met,
            "needed": filled * body.quorum_percent // 100 + 1,
            "agenda_form": AgendaItemForm(
                items=meeting.agenda.all(),
                people=StaffMember.objects.filter(pk__in=[m.pk for m in members]),
            )
            if runs and not published
            else None,
            # Published minutes lock the record: the agenda and attendance are read-only.
            "edits": runs and not published,
            "minutes_form": MinutesForm(initial={"text": minutes.text if minutes else ""})
            if runs and not published
            else None,
            "decisions": meeting.decisions.all(),
        },
    )


def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    meeting = meeting_for(request, pk)
    if not access.runs(request.user, meeting.body):
        raise Http404
    back = reverse("councils:meeting", args=[meeting.pk])
    form = AgendaItemForm(
        request.POST,
        items=meeting.agenda.all(),
        people=StaffMember.objects.filter(district=meeting.body.district),
    )
    if not form.is_valid():
        messages.error(
            request,
            "agenda: " + "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items()),
        )
        return HttpResponseRedirect(back)
    d = form.cleaned_data
    return run(
        request,
        "Agenda item added.",
        back,
        actions.add_agenda_item,
        request.user,
        meeting,
        title=d["title"],
        owner=d["owner"],
        parent=d["parent"],
        minutes=d["minutes"],
    )


def _time(value: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if value else None
    except ValueError:
        return None


def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record everyone's attendance from one form; each member is a row."""
    post_only(request)
    meeting = meeting_for(request, pk)
    if not access.runs(request.user, meeting.body):
        raise Http404
    back = reverse("councils:meeting", args=[meeting.pk])
    day = timezone.localtime(meeting.starts_at).date()
    done = 0
    for member in actions.members_on(meeting.body, day):
        presence = request.POST.get(f"presence-{member.pk}", "")
        if not presence:
            continue
        try:
            actions.record_attendance(
                request.user,
                meeting,
                member,
                presence,
                arrived_at=_time(request.POST.get(f"arrived-{member.pk}", "")),
                left_at=_time(request.POST.get(f"left-{member.pk}", "")),
            )
            done += 1
        except actions.CouncilError as exc:
            messages.error(request, str(exc))
    present, filled, met = actions.quorum(meeting)
    messages.success(
        request,
        f"Attendance recorded for {done}. {present} of {filled} present: "
        f"{'quorum' if met else 'no quorum'}.",
    )
    return HttpResponseRedirect(back)


def minutes_write(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    meeting = meeting_for(request, pk)
    if not access.runs(request.user, meeting.body):
        raise Http404
    back = reverse("councils:meeting", args=[meeting.pk])
    return run(
        request,
        "Minutes saved as a new version.",
        back,
        actions.write_minutes,
        request.user,
        meeting,
        request.POST.get("text", ""),
        access.own_staff(request.user),
    )


def minutes_advance(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    meeting = meeting_for(request, pk)
    if not access.runs(request.user, meeting.body):
        raise Http404
    back = reverse("councils:meeting", args=[meeting.pk])
    return run(
        request,
        "Minutes moved to the next stage.",
        back,
        actions.advance_minutes,
        request.user,
        meeting,
        access.own_staff(request.user),
    )


MINUTES_CSS = Path(__file__).resolve().parent.parent / "pdf" / "minutes.css"


def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for(request, pk)
    minutes = actions.current_minutes(meeting)
    if minutes is None or minutes.stage != MinutesStage.PUBLISHED:
        raise Http404("Minutes are not published")
    from weasyprint import CSS, HTML

    present, filled, met = actions.quorum(meeting)
    html = render_to_string(
        "councils/minutes_pdf.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "agenda": _tree(list(meeting.agenda.all())),
            "attendance": meeting.attendance.select_related("member"),
            "present": present,
            "filled": filled,
            "quorum_met": met,
            "decisions": meeting.decisions.all(),
        },
    )
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(MINUTES_CSS))])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
    return response


def invite_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """An iCalendar (RFC 5545) invite for the meeting, with the agenda as its description."""
    from icalendar import Calendar, Event

    meeting = meeting_for(request, pk)
    cal = Calendar()
    cal.add("prodid", "-//Lattice//Councils//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@lattice")
    event.add("summary", f"{meeting.body}: {meeting.title}")
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("dtstamp", timezone.now())
    if meeting.location:
        event.add("location", meeting.location)
    event.add(
        "description",
        "\n".join(f"{'  ' * d}- {i.title}" for i, d in _tree(list(meeting.agenda.all()))),
    )
    cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
