"""Every model says why it exists and what personal data it holds, in its docstring: the
district's data-protection officer reads the models' docstrings to answer "what do you
store about our staff?", and a reviewer reads them before a new field lands."""

from __future__ import annotations

from django.apps import apps


def test_every_lattice_model_states_its_personal_data() -> None:
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("lattice."):
            continue
        # Django writes "Name(id, field, …)" into a model without a docstring; that is no answer
        doc = model.__dict__.get("__doc__") or ""
        if "Personal data" not in doc:
            missing.append(model._meta.label)
    assert not missing, (
        "say in the model's docstring why it exists and what personal data it holds "
        "('Personal data: none.' when it holds none): " + ", ".join(missing)
    )
