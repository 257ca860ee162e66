"""The audit log's rows, written in Python, read as the template loop did: the time in the
site's time zone, the sentence, the person linked or what changed, every value escaped."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.template import Context, Template
from django.test import override_settings
from django.test.html import parse_html

from lattice.people.templatetags.lattice_tags import audit_rows

# The loop the tag replaces (people/audit_log.html before docs/decisions/0017's fourth round).
LOOP = Template(
    "{% load lattice_tags lattice %}{% for e in entries %}<tr>"
    '<td data-label="When"><time datetime="{{ e.at|date:\'c\' }}">{{ e.at|moment }}</time></td>'
    '<td data-label="Who">{{ e.actor_label }}</td>'
    '<th scope="row">{{ e.sentence }}</th>'
    '<td data-label="What">{% if e.staff_member %}'
    "<a href=\"{% url 'people:staff-detail' e.staff_member.pk %}\">"
    "{{ e.staff_member.display_name }}</a>"
    "{% if e.object_label != e.staff_member.display_name %}"
    '<br><span class="muted">{{ e.object_label }}</span>{% endif %}'
    '{% else %}{{ e.object_label|default:"—" }}{% endif %}'
    '{% if e.summary %}<br><span class="muted">{{ e.summary }}</span>{% endif %}</td>'
    '<td data-label="Changes">{% audit_changes e %}</td>'
    "</tr>{% endfor %}"
)


def entry(**kw):
    before, after = kw.pop("before", {}), kw.pop("after", {})
    keys = set(before) | set(after)
    values = {
        "at": dt.datetime(2026, 3, 4, 22, 5, 9, 120000, tzinfo=dt.UTC),
        "actor_label": "Olu Officer <office>",
        "sentence": 'Olu Officer changed Ada\'s "pay" & more',
        "staff_member": None,
        "object_label": "",
        "summary": "",
        "before": before,
        "after": after,
        "changed_fields": sorted(k for k in keys if before.get(k) != after.get(k)),
    }
    return SimpleNamespace(**(values | kw))


ENTRIES = [
    entry(
        staff_member=SimpleNamespace(pk=12, display_name="Ada O'Teacher"),
        object_label="Ada O'Teacher",
        before={"stipend": 5000},
        after={"stipend": 5500},
    ),
    entry(
        staff_member=SimpleNamespace(pk=13, display_name="Cleo Nguyen"),
        object_label="Mentor <role> 2026-27",
        summary="Offer accepted & signed",
    ),
    entry(object_label="", after={"name": "Alder"}),
    entry(object_label="Maplewood policy", before={"a": 1}, after={"a": 1}),
]


def test_rows_read_as_the_template_loop() -> None:
    ours = audit_rows(ENTRIES)
    assert parse_html(ours) == parse_html(LOOP.render(Context({"entries": ENTRIES})))
    assert "&lt;office&gt;" in ours
    assert "&quot;pay&quot; &amp; more" in ours


@override_settings(TIME_ZONE="America/Chicago")
def test_the_time_is_the_site_s_local_time_as_the_template_showed_it() -> None:
    ours = audit_rows(ENTRIES[:1])
    assert parse_html(ours) == parse_html(LOOP.render(Context({"entries": ENTRIES[:1]})))
    assert 'datetime="2026-03-04T16:05:09.120000-06:00"' in ours
