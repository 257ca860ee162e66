"""The preference form: how a person wants notices by email."""

from __future__ import annotations

from django import forms

from lattice.notifications.models import Delivery


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How to email you",
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you want to receive notifications."},
        help_text="Every notice also stays on your notifications page.",
    )
