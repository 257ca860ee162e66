"""The audit log's "Changes" cell, written in Python, reads as the template loops did."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import Context, Template
from django.test.html import parse_html

from lattice.people.templatetags.lattice_tags import audit_changes

LOOPS = Template(
    "{% load lattice_tags lattice %}"
    '{% if e.changed_fields %}<dl class="changes">{% for name in e.changed_fields %}'
    "{% with before=e.before|get_item:name after=e.after|get_item:name %}"
    "<div><dt>{{ name|field_label }}</dt><dd>{% if name in e.before %}<del>"
    '<span class="visually-hidden">was </span>{{ before|shown_value:name }}</del> → {% endif %}'
    '<ins><span class="visually-hidden">now </span>{% if name in e.after %}'
    "{{ after|shown_value:name }}{% else %}(removed){% endif %}</ins></dd></div>"
    "{% endwith %}{% endfor %}</dl>{% else %}—{% endif %}"
)


def entry(before: dict, after: dict) -> SimpleNamespace:
    keys = set(before) | set(after)
    changed = sorted(k for k in keys if before.get(k) != after.get(k))
    return SimpleNamespace(before=before, after=after, changed_fields=changed)


def test_changed_removed_and_added_fields_read_as_before() -> None:
    e = entry(
        {"stipend": 5000, "active": True, "note": "<b>old</b>"},
        {"stipend": 5500, "active": False, "title": "Mentor & coach"},
    )
    assert parse_html(audit_changes(e)) == parse_html(LOOPS.render(Context({"e": e})))
    assert "&lt;b&gt;" in audit_changes(e)
    assert "now </span>$5,500</ins>" in audit_changes(e)  # a stipend reads in dollars


def test_an_entry_without_changes_shows_a_dash() -> None:
    e = entry({"a": 1}, {"a": 1})
    assert audit_changes(e) == "—" == LOOPS.render(Context({"e": e}))
