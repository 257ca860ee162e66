"""A model's own field by name, typed as the field it is.

Django's ``_meta.get_field`` also answers reverse relations (``ForeignObjectRel``), which have
no column, verbose name or choices; code that writes columns or labels fields asks for a field
of the model itself, and says so here once instead of narrowing at every call.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models


def model_field(model: type[models.Model] | models.Model, name: str) -> models.Field[Any, Any]:
    """The field ``name`` of ``model`` (a class or an instance); FieldDoesNotExist for an unknown
    name or a reverse relation."""
    found = model._meta.get_field(name)
    if not isinstance(found, models.Field):
        raise FieldDoesNotExist(f"{model._meta.label}.{name} is a reverse relation, not a field")
    return found


def column_of(field: models.Field[Any, Any]) -> str:
    """The database column of a concrete field (a many-to-many field has none)."""
    if field.column is None:
        raise FieldDoesNotExist(f"{field.name} has no column of its own")
    return field.column
