"""Find deficit language and jargon in a text.

Speed comes from doing almost nothing for most text: the words of the text
are put in a set and intersected with the set of words that start any
lexicon term. Only the entries whose first word is present are searched, and
only their matches go through the context rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from .context import Context
from .lexicon import TOKEN_RE, Entry, Lexicon, load_lexicon
from .replacement import replacement_for
from .words import ORDINARY_WORDS

# Which rules apply to which context class.
_NEGATABLE = frozenset({"conduct"})
_ANY_NON_PERSON = frozenset({"conduct", "sense"})
_THING_ONLY = frozenset({"label", "done_to"})
_BRACKETS = frozenset({"abbreviation", "service_speak"})
SHORT_TEXT = 400  # characters; below this a different search is faster


@dataclass(frozen=True)
class Finding:
    """One flagged phrase. start and end are code point offsets into the text."""

    start: int
    end: int
    kind: str
    rule: str
    suggest: str
    reason: str
    # The words one click puts in place of text[start:end], fitted to the sentence; None when no
    # word fits (then the suggestion asks the writer to describe what happened).
    replacement: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _candidates(text: str, lexicon: Lexicon) -> list[tuple[int, int, Entry]]:
    words = TOKEN_RE.findall(text.lower())
    lower = lexicon.lower_tokens.intersection(words)
    if not lower:
        return []  # most sentences stop here
    lowered = set(words)
    # Keep only entries whose last word is in the text too.
    wanted: dict[str, list[Entry]] = {}
    for t in lower:
        for e in lexicon.by_lower[t]:
            if e.needs is None or not e.needs.isdisjoint(lowered):
                wanted.setdefault(t, []).append(e)
    if not wanted:
        return []
    found = []
    if len(text) < SHORT_TEXT:
        # A sentence or two: scanning with each wanted entry is quickest.
        for e in {id(e): e for es in wanted.values() for e in es}.values():
            for hit in e.regex.finditer(text):
                found.append((hit.start(), hit.end(), e))
        found.sort(key=lambda c: (c[0], c[0] - c[1]))
        return found
    # A long note: every term starts with one of its trigger words, so each
    # entry is only tried where such a word starts, not at every position.
    for m in TOKEN_RE.finditer(text):
        entries = wanted.get(m.group().lower())
        if not entries:
            continue
        pos = m.start()
        for e in entries:
            hit = e.regex.match(text, pos)
            if hit:
                found.append((pos, hit.end(), e))
    # Earliest first; of two matches at one place, the longer first.
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    return found


def _keep(ctx: Context, start: int, end: int, entry: Entry, findings: list) -> bool:
    """Apply the context rules for the entry's context class."""
    cls = entry.context
    if ctx.in_quotes(start, end):
        return False
    if ctx.excluded(start, end, entry):
        return False
    if cls in _BRACKETS:
        if cls == "abbreviation" and ctx.text[start:end] not in entry.exact:
            if not entry.any_case or ctx.text[start:end].lower() in ORDINARY_WORDS:
                return False  # "salt", "Mar", "bias": an everyday word in this letter case
        if ctx.is_suppressed(start):
            return False
        if cls == "abbreviation" and ctx.emphasis(start, end):
            return False
        if entry.rule in ctx.explained:
            return False
        if ctx.explained_here(start, end, findings):
            ctx.explained.add(entry.rule)
            return False
        return True
    if ctx.proper_name(start, end):
        return False
    if cls == "label" and ctx.thing_follows(end):
        return False  # "an elderly laptop" is about a thing ("a cluttered flat" is about a home)
    subject = ctx.subject_class(start)
    if cls in _ANY_NON_PERSON and subject != "person":
        return False
    if cls in _THING_ONLY and subject in ("animal", "thing"):
        return False
    if cls in _NEGATABLE and ctx.negated(start, end):
        return False
    return True


def check(text: str, lexicon: Lexicon | None = None) -> list[Finding]:
    """Return the findings in text, in order of position."""
    if not text:
        return []
    lex = lexicon if lexicon is not None else load_lexicon()
    candidates = _candidates(text, lex)
    if not candidates:
        return []
    ctx = Context(text, lex)
    findings: list[Finding] = []
    last_end = -1
    for start, end, entry in candidates:
        if start < last_end:
            continue  # overlaps a phrase already flagged
        if not _keep(ctx, start, end, entry, findings):
            continue
        replacement = replacement_for(ctx, start, end, entry) if entry.replacements else None
        findings.append(Finding(start, end, entry.kind, entry.rule, entry.suggest, entry.reason, replacement))
        last_end = end
    return findings


def summarise(findings) -> dict:
    """Counts per kind and per rule, for reports and audit pre-screens."""
    by_kind = Counter(f.kind for f in findings)
    by_rule = Counter(f.rule for f in findings)
    return {
        "total": sum(by_kind.values()),
        "by_kind": {k: by_kind.get(k, 0) for k in ("deficit", "jargon")},
        "by_rule": dict(sorted(by_rule.items())),
    }
