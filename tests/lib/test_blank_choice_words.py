"""A select's blank option says what to do ("Choose a school"), never Django's "---------"."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string

from lattice.lib.choices import blank_sentence
from lattice.people.models import School


class PickForm(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.all())
    owner = forms.ModelChoiceField(queryset=School.objects.all(), required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "Alpha")])
    worded = forms.ModelChoiceField(queryset=School.objects.all(), empty_label="District-wide")


def _page(form: forms.Form) -> str:
    return "".join(render_to_string("shared/field.html", {"field": f}) for f in form)


def test_the_blank_option_says_choose_and_whether_it_may_stay_blank() -> None:
    assert blank_sentence("School", required=True) == "Choose a school"
    assert blank_sentence("Owner", required=False) == "Choose an owner (optional)"


@pytest.mark.django_db
def test_no_select_in_a_shared_field_shows_a_row_of_dashes(cast: Any) -> None:
    page = _page(PickForm())
    assert "---------" not in page
    assert ">Choose a school</option>" in page
    assert ">Choose an owner (optional)</option>" in page
    assert ">Choose a kind</option>" in page


@pytest.mark.django_db
def test_a_blank_option_the_form_words_itself_keeps_its_words(cast: Any) -> None:
    assert ">District-wide</option>" in _page(PickForm())


@pytest.mark.django_db
def test_wording_one_form_leaves_the_next_form_as_declared(cast: Any) -> None:
    _page(PickForm())
    assert PickForm.base_fields["school"].empty_label == "---------"  # type: ignore[attr-defined]
