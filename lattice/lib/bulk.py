"""The one writer of many new rows: ``COPY`` on PostgreSQL, batched ``executemany`` elsewhere.

Django's ``bulk_create`` spends about 100 µs per row preparing values (measured: 4.6 s for
30,000 rows on SQLite), too slow for a 100,000-person roster or a generated 100,000-teacher
district, and INSERT batches are slow on PostgreSQL, which parses and plans every row's
INSERT; ``COPY … FROM STDIN`` streams them into the table in one command (psycopg's
``cursor.copy``, https://www.psycopg.org/psycopg3/docs/basic/copy.html). This writes the same
columns through the backend's own value adapters, inside the caller's transaction (a failure
rolls it back with everything else). Callers audit the rows: the roster import per change,
``lattice.people.actions.bulk_load`` once for a whole generated district.

- :func:`insert_rows`: plain value tuples for rows whose ids nobody needs back.
- :func:`insert_objects`: unsaved model instances whose ids later rows need (staff members).
  On PostgreSQL the ids are drawn from the table's own sequence first (one query), set on the
  instances and copied with the rows, so the sequence stays ahead of every id; elsewhere
  ``bulk_create`` sets them.
- :func:`update_values`: the same values on many inserted rows, in as few statements as the
  database's parameter limit allows.

ADR 0023 has the figures.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models

from lattice.lib.fields import column_of, model_field

BATCH = 5000  # rows per executemany (not PostgreSQL)
BULK_BATCH_SIZE = 2000  # instances per bulk_create statement (not PostgreSQL)


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How to turn a Python value into a database value; None when it passes as it is."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda v: None if v is None else ops.adapt_datetimefield_value(v)
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if isinstance(field, models.DecimalField):
        return lambda v: (
            None
            if v is None
            else ops.adapt_decimalfield_value(Decimal(v), field.max_digits, field.decimal_places)
        )
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda v: json.dumps(v, cls=encoder)  # text; jsonb parses it
    return None


def insert_rows(
    model: type[models.Model],
    columns: list[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    ready: frozenset[str] = frozenset(),
) -> int:
    """INSERT ``rows`` (tuples in ``columns`` order, Python values) into ``model``'s table.

    Columns named in ``ready`` already hold database values (see :func:`db_value`).
    """
    meta = model._meta
    fields = [model_field(model, name) for name in columns]
    adapters = [
        None if name in ready else _adapter(f) for name, f in zip(columns, fields, strict=True)
    ]
    adapted = [i for i, a in enumerate(adapters) if a is not None]
    quote = connection.ops.quote_name
    names = ", ".join(quote(column_of(f)) for f in fields)
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
    count = 0
    if connection.vendor == "postgresql":
        # COPY is several times faster than INSERT batches on PostgreSQL.
        copy_sql = f"COPY {quote(meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(_adapted(row, adapters, adapted))
                count += 1
        return count
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(_adapted(row, adapters, adapted))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _adapted(row: tuple[Any, ...], adapters: list[Any], adapted: list[int]) -> tuple[Any, ...]:
    if not adapted:
        return row
    values = list(row)
    for i in adapted:
        values[i] = adapters[i](values[i])
    return tuple(values)


def db_value(model: type[models.Model], column: str, value: Any) -> Any:
    """``value`` adapted for ``column`` once, for a column that repeats it on every row."""
    adapt = _adapter(model_field(model, column))
    return value if adapt is None else adapt(value)


def uses_copy() -> bool:
    """Whether rows go in with COPY (PostgreSQL) rather than INSERT batches."""
    return connection.vendor == "postgresql"


def _next_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh ids from the primary key's own sequence, in one query."""
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, column_of(pk), count],
        )
        return [int(row[0]) for row in cursor.fetchall()]


def insert_objects(objs: Sequence[models.Model]) -> int:
    """Insert unsaved instances of one model and set their primary keys; returns how many.

    The instances end as ``bulk_create`` leaves them: saved, ``pk`` set. Field values are
    taken with ``pre_save``, as ``save()`` takes them (``auto_now`` dates and the like)."""
    if not objs:
        return 0
    model = type(objs[0])
    if not uses_copy():
        model._default_manager.bulk_create(objs, batch_size=BULK_BATCH_SIZE)
        return len(objs)
    meta = model._meta
    for obj, new_id in zip(objs, _next_ids(model, len(objs)), strict=True):
        obj.pk = new_id
    fields = list(meta.concrete_fields)
    insert_rows(
        model,
        [f.attname for f in fields],
        (tuple(f.pre_save(obj, True) for f in fields) for obj in objs),
    )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return len(objs)


def update_values(objs: Sequence[models.Model], values: dict[str, Any]) -> int:
    """Give already-inserted rows of one model the same ``values``; returns how many."""
    if not objs:
        return 0
    model = type(objs[0])
    pk = model._meta.pk
    assert pk is not None
    pks = [obj.pk for obj in objs]
    size = connection.ops.bulk_batch_size([pk], objs) or len(pks)
    for start in range(0, len(pks), size):
        model._default_manager.filter(pk__in=pks[start : start + size]).update(**values)
    return len(pks)


def analyze(tables: Iterable[type[models.Model]]) -> None:
    """Give PostgreSQL's planner fresh statistics for tables just filled in bulk.

    A table loaded with a million rows in one transaction has no statistics until autovacuum
    next analyzes it (never, where it is off), and the planner then guesses its size and
    picks plans for an empty table. ``ANALYZE`` samples each table (a fixed number of rows,
    whatever its size: about a second per large table) and may run inside the transaction.
    Other databases plan without it."""
    if not uses_copy():
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in dict.fromkeys(tables):
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
