"""Reading what the language coach found, for the person's page (explicit SQL: core/sql.py)."""

from __future__ import annotations

import json

from whatsstrong.core import sql

from . import services
from .models import PersonLanguageTotal

TOTAL_SQL = f"SELECT by_kind, by_rule, lexicon_stamp FROM {sql.table(PersonLanguageTotal)} WHERE person_id = %s"


def _decoded(value):
    return json.loads(value) if isinstance(value, str) else value


def summary_for_person(person_id: int) -> dict:
    """Everything the coach finds across a person's record: one stored row, kept as texts are saved.

    A total made under older rules is added up again first, so an administrator's change to the
    rules shows on the next view of each person.
    """
    services.organisation_lexicon()
    rows = sql.fetch(TOTAL_SQL, [person_id])
    if rows and rows[0][2] == services.current_stamp():
        by_kind, by_rule = _decoded(rows[0][0]), _decoded(rows[0][1])
    else:
        total = services.person_total_save(person_id)
        by_kind, by_rule = total.by_kind, total.by_rule
    return {"total": sum(by_kind.values()), "by_kind": by_kind, "by_rule": by_rule}
