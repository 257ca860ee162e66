"""A drop-down with nothing to choose from yet says what is missing and where to add it,
instead of an empty select: the posting form of a district without roles, and the council
form of a district without schools."""

from __future__ import annotations

from typing import Any

from django import forms

from lattice.lib.choices import EmptyChoice, ExplainsEmptyChoices, empty_choice_for
from lattice.people.models import School
from tests.cast import Cast


def test_a_district_without_active_roles_is_told_to_add_one_on_the_catalogue(
    cast: Cast, client_for: Any
) -> None:
    page = client_for("officer").get("/roles/postings/new/").content.decode()
    assert "No active roles yet — add one, or activate a draft, in" in page
    assert '<a href="/roles/catalogue/">the role catalogue</a>' in page
    assert '<select name="role"' not in page  # a required select with no options is not shown
    assert '<select name="school_year"' in page  # the cast has school years


def test_a_council_form_of_a_district_without_schools_says_so_beside_the_optional_select(
    cast: Cast, client_for: Any
) -> None:
    School.objects.filter(district=cast.district).update(district=cast.other_district)
    page = client_for("officer").get("/councils/new/").content.decode()
    said = "No schools yet for a body that serves one — they come with the roster; import it on"
    assert said in page
    assert '<a href="/imports/">the imports page</a>' in page  # the officer may open it
    assert '<select name="school"' in page  # optional: its blank choice still means "none"


def test_a_select_with_options_has_no_sentence_and_an_unnamed_field_gets_one_from_its_label() -> (
    None
):
    class Pick(ExplainsEmptyChoices, forms.Form):
        empty_choices = {"colour": EmptyChoice("No colours yet")}
        colour = forms.ChoiceField(choices=[("", "Choose")])
        size = forms.ChoiceField(choices=[("", "Choose")], label="Size")
        shape = forms.ChoiceField(choices=[("round", "Round")])

    form = Pick()
    assert empty_choice_for(form["colour"]) == EmptyChoice("No colours yet")
    assert empty_choice_for(form["size"]) == EmptyChoice("There is nothing to choose as “Size” yet")
    assert empty_choice_for(form["shape"]) is None


def test_checking_a_model_select_for_options_costs_no_query_of_its_own(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    from django.template.loader import render_to_string

    class Where(ExplainsEmptyChoices, forms.Form):
        empty_choices = {"school": EmptyChoice("No schools yet")}
        school = forms.ModelChoiceField(queryset=School.objects.filter(district=cast.district))

    form = Where()
    with django_assert_num_queries(1):  # the options, read once for the check and the select
        html = render_to_string("shared/field.html", {"field": form["school"]})
    assert cast.alder.name in html
    assert "No schools yet" not in html
