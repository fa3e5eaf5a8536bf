"""Reading what the language coach found, for the person's page (explicit SQL: core/sql.py)."""

from __future__ import annotations

import json
from collections import Counter

from django.contrib.contenttypes.models import ContentType

from whatsstrong.core import sql

from . import services
from .models import TextSummary

SUMMARIES_SQL = f"""SELECT content_type_id, object_id, by_kind, by_rule, lexicon_stamp
                    FROM {sql.table(TextSummary)} WHERE person_id = %s"""


def _decoded(value):
    return json.loads(value) if isinstance(value, str) else value


def summary_for_person(person_id: int) -> dict:
    """Everything the coach finds across a person's record, from the stored summaries.

    Summaries made under older rules are checked again first, so an administrator's change to the
    rules shows on the next view of each person.
    """
    services.organisation_lexicon()
    current = services.current_stamp()
    by_kind, by_rule = Counter(), Counter()
    for content_type_id, object_id, kinds, rules, stamp in sql.fetch(SUMMARIES_SQL, [person_id]):
        if stamp != current:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            record = model._base_manager.filter(pk=object_id).first() if model else None
            if record is None:
                TextSummary.objects.filter(content_type_id=content_type_id, object_id=object_id).delete()
                continue
            summary = services.summary_save(record)
            kinds, rules = summary.by_kind, summary.by_rule
        by_kind.update(_decoded(kinds))
        by_rule.update(_decoded(rules))
    return {"total": sum(by_kind.values()), "by_kind": {k: by_kind.get(k, 0) for k in ("deficit", "jargon")},
            "by_rule": dict(sorted(by_rule.items()))}
