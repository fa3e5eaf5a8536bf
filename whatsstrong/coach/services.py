"""The organisation's lexicon, compiled once and rebuilt only when an administrator changes it;
and each record's stored language summary, kept up to date as records are saved."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from whatsstrong.core import sql
from whatsstrong.language import Lexicon, LexiconError, check, load_lexicon, summarise
from whatsstrong.language.lexicon import DEFAULT_PATH

from .models import LexiconEntry, PersonLanguageTotal, TextSummary

_compiled: dict[str, Any] = {"stamp": None, "lexicon": None}


def current_stamp() -> str | None:
    """The stamp of the rules this process compiled last (call organisation_lexicon() first)."""
    return _compiled["stamp"]


STAMP_SQL = f"SELECT COUNT(*), MAX(updated_at) FROM {sql.table(LexiconEntry)}"
# The bundled lexicon's own version: a new release of it checks stored summaries again too.
BUNDLED_STAMP = hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()[:12]


def lexicon_stamp() -> str:
    """Which version of the rules is current: the bundled lexicon's, then how many rules the
    organisation has and their latest change. One small query on every check, in explicit SQL
    (core/sql.py) as the person's page asks it too."""
    count, latest = sql.fetch(STAMP_SQL)[0]
    return f"{BUNDLED_STAMP}:{count}:{latest}"


def organisation_lexicon() -> Lexicon:
    # Every app server picks up an administrator's change on its next check.
    stamp = lexicon_stamp()
    if _compiled["stamp"] != stamp:
        entries = [e.as_entry() for e in LexiconEntry.objects.all()]
        _compiled["lexicon"] = Lexicon.from_entries(entries, base=load_lexicon()) if entries else load_lexicon()
        _compiled["stamp"] = stamp
    return _compiled["lexicon"]


def validate_entry(entry: LexiconEntry) -> None:
    """Compile one entry alone so a mistake is reported on the admin form, not at check time."""
    data = entry.as_entry()
    wordless = [t for t in data["terms"] if not any(ch.isalnum() for ch in t)]
    if wordless:
        raise ValidationError(f"Each phrase needs at least one word; this one has none: {wordless[0]}")
    try:
        Lexicon.from_entries([data])
    except (LexiconError, ValueError) as error:
        raise ValidationError(str(error)) from error


def findings_for(text: str) -> list:
    return check(text or "", organisation_lexicon())


def summary_for_texts(texts: list[str]) -> dict:
    """Counts per kind and rule across several texts, for the audit pre-screen."""
    lexicon = organisation_lexicon()
    return summarise([f for text in texts for f in check(text or "", lexicon)])


# --- Stored summaries -------------------------------------------------------------------------------


def coached_texts(record: Any) -> list[str]:
    return [getattr(record, name) or "" for name in record.coached_fields]


def person_id_of(record: Any) -> int:
    """The person a record belongs to (the person's own record is theirs)."""
    return record.person_id if hasattr(record, "person_id") else record.pk


def summary_save(record: Any, *, total: bool = True) -> TextSummary:
    """Check a saved record's long text and keep the counts, and the person's total with them.
    Called after every save of a coached model."""
    counts = summary_for_texts(coached_texts(record))
    summary, _ = TextSummary.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        defaults={
            "person_id": person_id_of(record),
            "by_kind": counts["by_kind"],
            "by_rule": counts["by_rule"],
            "lexicon_stamp": _compiled["stamp"],
        },
    )
    if total:
        person_total_save(summary.person_id)
    return summary


def person_total_save(person_id: int) -> PersonLanguageTotal:
    """Add up a person's stored summaries, checking again any made under older rules."""
    organisation_lexicon()
    by_kind, by_rule = Counter(), Counter()
    for summary in TextSummary.objects.filter(person_id=person_id).select_related("content_type"):
        if summary.lexicon_stamp != _compiled["stamp"]:
            model = summary.content_type.model_class()
            record = model._base_manager.filter(pk=summary.object_id).first() if model else None
            if record is None:
                summary.delete()
                continue
            summary = summary_save(record, total=False)
        by_kind.update(summary.by_kind)
        by_rule.update(summary.by_rule)
    total, _ = PersonLanguageTotal.objects.update_or_create(
        person_id=person_id,
        defaults={
            "by_kind": {k: by_kind.get(k, 0) for k in ("deficit", "jargon")},
            "by_rule": dict(sorted(by_rule.items())),
            "lexicon_stamp": _compiled["stamp"],
        },
    )
    return total
