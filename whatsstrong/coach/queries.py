"""Reading what the language coach found, for the person's page."""

from __future__ import annotations

from collections import Counter

from . import services
from .models import TextSummary


def summary_for_person(person_id: int) -> dict:
    """Everything the coach finds across a person's record, from the stored summaries.

    Summaries made under older rules are checked again first, so an administrator's change to the
    rules shows on the next view of each person.
    """
    services.organisation_lexicon()
    summaries = list(TextSummary.objects.filter(person_id=person_id))
    stale = [s for s in summaries if s.lexicon_stamp != services.current_stamp()]
    for summary in stale:
        model = summary.content_type.model_class()
        record = model._base_manager.filter(pk=summary.object_id).first() if model else None
        if record is None:
            summary.delete()
            summaries.remove(summary)
        else:
            summaries[summaries.index(summary)] = services.summary_save(record)
    by_kind, by_rule = Counter(), Counter()
    for summary in summaries:
        by_kind.update(summary.by_kind)
        by_rule.update(summary.by_rule)
    return {"total": sum(by_kind.values()), "by_kind": {k: by_kind.get(k, 0) for k in ("deficit", "jargon")},
            "by_rule": dict(sorted(by_rule.items()))}
