"""The organisation's lexicon, compiled once and rebuilt only when an administrator changes it."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Max

from whatsstrong.language import Lexicon, LexiconError, check, load_lexicon, summarise

from .models import LexiconEntry

_compiled = {"stamp": None, "lexicon": None}


def organisation_lexicon():
    # One cheap query tells whether any rule changed since this process compiled the lexicon,
    # so every app server picks up an administrator's change on its next check.
    stamp = tuple(LexiconEntry.objects.aggregate(n=Count("id"), at=Max("updated_at")).values())
    if _compiled["stamp"] != stamp:
        entries = [e.as_entry() for e in LexiconEntry.objects.all()]
        _compiled["lexicon"] = Lexicon.from_entries(entries, base=load_lexicon()) if entries else load_lexicon()
        _compiled["stamp"] = stamp
    return _compiled["lexicon"]


def validate_entry(entry):
    """Compile one entry alone so a mistake is reported on the admin form, not at check time."""
    data = entry.as_entry()
    wordless = [t for t in data["terms"] if not any(ch.isalnum() for ch in t)]
    if wordless:
        raise ValidationError(f"Each phrase needs at least one word; this one has none: {wordless[0]}")
    try:
        Lexicon.from_entries([data])
    except (LexiconError, ValueError) as error:
        raise ValidationError(str(error)) from error


def findings_for(text):
    return check(text or "", organisation_lexicon())


def summary_for_texts(texts):
    """Counts per kind and rule across several fields of one record, for the audit pre-screen."""
    lexicon = organisation_lexicon()
    findings = [f for text in texts for f in check(text or "", lexicon)]
    return summarise(findings)
