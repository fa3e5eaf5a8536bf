"""Explicit SQL for the few reads every page makes, through Django's public cursor API.

Django compiles a queryset to SQL each time it runs. For the pages practitioners open all day
that compiling costs more than the database's answer (`bench/README.md` has the figures), so their
reads are written out in SQL in each app's `queries.py`, with these helpers:

- `columns(model, alias)` lists a model's columns (from its `_meta`), so the SQL never drifts
  from the model, and `instance(model, row, start)` makes the model instance from that part of
  a row with `Model.from_db`, as the ORM would, passing each value through the converters the ORM
  would use (the backend's, then the field's own `from_db_value`);
- `fetch(sql, params)` runs a query and gives its rows as tuples;
- `aware(value)` gives a stored time with its time zone: SQLite hands back UTC times without one.

Everything else reads through the ORM.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection, models

UTC = datetime.UTC


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model: type[models.Model]) -> str:
    return quote(model._meta.db_table)


def columns(model: type[models.Model], alias: str) -> str:
    """Every stored column of `model`, in field order, prefixed with the table's alias in the SQL."""
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def width(model: type[models.Model]) -> int:
    return len(model._meta.concrete_fields)


def aware(value: Any) -> Any:
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _converters(model: type[models.Model], vendor: str) -> list[tuple[int, list, Any]]:
    """For each column that needs it, the converters the ORM itself would apply to what is read: the
    database backend's (SQLite hands back a UUID as hex text and a decimal as a number) and then the
    field's own (`from_db_value`: a JSON field comes back as text from both)."""
    found = []
    for i, field in enumerate(model._meta.concrete_fields):
        col = field.get_col(model._meta.db_table)
        chain = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if chain:
            found.append((i, chain, col))
    return found


_CONVERTERS: dict[tuple[type[models.Model], str], list] = {}


def instance(model: type[models.Model], row: tuple, start: int = 0) -> Any:
    """The model instance for the `columns(model, ...)` part of a row that begins at `start`."""
    fields = model._meta.concrete_fields
    values = [aware(value) for value in row[start : start + len(fields)]]
    key = (model, connection.vendor)
    if key not in _CONVERTERS:
        _CONVERTERS[key] = _converters(model, connection.vendor)
    for i, chain, col in _CONVERTERS[key]:
        for convert in chain:
            values[i] = convert(values[i], col, connection)
    return model.from_db(connection.alias, [field.attname for field in fields], values)


def fetch(sql: str, params: list | tuple = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
