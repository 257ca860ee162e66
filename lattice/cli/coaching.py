"""``lattice coaching``: coaching from the shell, behind the same wall as the pages.

- ``overview`` prints "whom and what on" — who coaches whom, at which school and year, why,
  the focus, the teacher's consent, and the counts and last date of the interactions — for
  the assignments the user may know of (the pair, the school's principal that year, the
  district's talent office). It never prints what was written: coaching content stays on
  the pair's own pages, where each read by anyone but its author is audited.

``--as`` is required: the wall needs to know who is asking.
"""

from __future__ import annotations

import click

from lattice.cli.demo import open_database


def _n(count: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count} {noun if count == 1 else plural}"


@click.group("coaching")
def coaching_group() -> None:
    """Coaching assignments, as "whom and what on" (never their content)."""


@coaching_group.command("overview")
@click.option("--as", "as_username", required=True, help="Act as this user (checks their access).")
@click.option("--year", "year_label", help="Only this school year, e.g. 2025-26.")
@click.option("--school", "school_name", help="Only this school (its name).")
def overview_command(as_username: str, year_label: str | None, school_name: str | None) -> None:
    """Who coaches whom and on what; counts and dates only."""
    open_database()
    from django.contrib.auth import get_user_model

    from lattice.coaching import queries, wall

    user = get_user_model().objects.filter(username=as_username, is_active=True).first()
    if user is None:
        raise click.ClickException(f"no active user {as_username!r} — check the username")
    rows = wall.overview_assignments(user)
    if year_label:
        rows = rows.filter(school_year__label=year_label)
    if school_name:
        rows = rows.filter(school__name__iexact=school_name)
    found = list(rows.order_by("-school_year__start", "school__name", "teacher__family_name", "pk"))
    counts = queries.overview_counts(rows)
    if not found:
        click.echo(
            f"No coaching {as_username} may see" + (f" in {year_label}" if year_label else "") + "."
        )
        return
    for a in found:
        consent = {True: "agreed", False: "declined", None: "not answered yet"}[a.teacher_consent]
        cycles, entries, last_on = counts.get(a.pk, (0, 0, None))
        last = last_on.isoformat() if last_on else "no contact yet"
        click.echo(
            f"{a.school_year.label}  {a.school.name}: {a.coach} coaches {a.teacher} "
            f"({a.get_reason_display().lower()}) on {a.focus!r} since {a.starts_on.isoformat()}; "
            f"teacher {consent}; {_n(cycles, 'cycle')}, {_n(entries, 'entry')}, "
            f"last {last}"
        )
    click.echo(
        f"{_n(len(found), 'coaching assignment')}. Content is read on the pair's pages only."
    )
