"""The template-free select renders what Django's own select renders."""

from __future__ import annotations

from django import forms
from django.test.html import parse_html

from lattice.lib.widgets import ListSelect

CHOICES = [
    ("", "Any action"),
    ("roles.posting.create", "Someone posted a role at … <b>& co</b>"),
    ("people.rating.record", 'Someone recorded a "rating" of …'),
]
GROUPED = [
    ("", "Any"),
    ("Roles", [("a", "Posted"), ("b", "Offered")]),
    ("People", [("c", "Rated")]),
]


def both(choices, value, attrs=None):
    ours = ListSelect(choices=choices, attrs={"aria-describedby": "hint"}).render(
        "action", value, attrs
    )
    django = forms.Select(choices=choices, attrs={"aria-describedby": "hint"}).render(
        "action", value, attrs
    )
    return parse_html(ours), parse_html(django)


def test_the_options_labels_and_attributes_are_django_s_and_escaped() -> None:
    ours, django = both(CHOICES, "people.rating.record", {"id": "id_action", "required": True})
    assert ours == django
    assert "&lt;b&gt;" in ListSelect(choices=CHOICES).render("action", None)


def test_nothing_chosen_selects_nothing_and_groups_keep_their_labels() -> None:
    ours, django = both(GROUPED, None)
    assert ours == django
    ours, django = both(GROUPED, "b")
    assert ours == django
    assert "selected" in ListSelect(choices=GROUPED).render("x", "b")


def test_the_audit_filter_renders_its_action_list_without_templates() -> None:
    from lattice.people.forms import AuditFilterForm

    form = AuditFilterForm({"action": "a"}, actions=[("a", "Posted"), ("b", "Offered")])
    assert isinstance(form.fields["action"].widget, ListSelect)
    html = str(form["action"])
    assert parse_html(html) == parse_html(
        forms.Select(choices=form.fields["action"].choices).render(
            "action", "a", {"id": "id_action"}
        )
    )
