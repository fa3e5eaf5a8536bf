"""Context rules: decide whether a matched phrase should be shown.

These only run on the few places where a lexicon term matched, so they can
afford to look around the match with small regular expressions.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lexicon import TOKEN_RE, Entry, Lexicon
from .words import (
    ANIMALS,
    BETWEEN_SUBJECT_AND_VERB,
    EVERYDAY_ABBREVIATIONS,
    HOMES,
    PERSON_PRONOUNS,
    STAFF,
    STAFF_TITLES,
    THINGS,
    TITLES,
)

LOOKBACK = 200


def _after_last(pattern, text):
    """The text after the last match of pattern (all of it when nothing matches)."""
    last = None
    for last in pattern.finditer(text):  # noqa: B007 (keeps the last match)
        pass
    return text[last.end() :] if last else text


# The start of the current sentence: the last full stop, question or
# exclamation mark, semicolon or blank line before the match.
_SENTENCE_END = re.compile(r"[.!?;]['\"\u2019\u201d)]*\s+|\n\s*\n")
# A short aside set off by commas or dashes; removed before looking for a
# negation so that "has not, since the move, wandered" still reads as negated.
_ASIDE = re.compile(r",[^,.;:!?\n]{1,50},|\s[\u2013\u2014-]\s[^.;:!?\n]{1,50}\s[\u2013\u2014-]\s")
# Where a new clause starts; a negation before it belongs to another claim.
_CLAUSE_START = re.compile(
    r"[,:\u2013\u2014(]|\b(?:but|and|although|though|however|whereas|while|whilst|"
    r"because|so|then|that|which|when|whether|if|unless|until|yet)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no|nor|neither|without|stopped|ceased|none)\b|n['\u2019]t\b",
    re.IGNORECASE,
)
# A negation straight after a noun-like match: "her wandering has stopped".
_NEGATION_AFTER = re.compile(
    r"(?:\s+(?!and\b|but\b)[^\W\d_]+){0,3}?\s+"
    r"(?:(?:has|have|had|is|are|was|were)\s+(?:not|now\s+stopped|stopped|ceased|no\s+longer)\b"
    r"|(?:hasn|haven|hadn|isn|aren|wasn|weren)['\u2019]t\b"
    r"|stopped\b|ceased\b|no\s+longer\b)",
    re.IGNORECASE,
)
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they|i|we)\b", re.IGNORECASE)
_NOUN_LIKE = re.compile(r"(?:ing|als?|ments?|ance|ers?|ness)$", re.IGNORECASE)
_AFTER_BRACKET = re.compile(r"\s*\(([^()\n]{2,80})\)")
_BEFORE_OPEN = re.compile(r"\(\s*$")
_CLOSE_AFTER = re.compile(r"\s*\)")
_EXPLAINING_WORD = re.compile(r"[a-z]{3,}")
# An explanation in words after an abbreviation: "DoLS, which means ...", "AF, short for ...",
# "her TIA, a short warning stroke, ...", "the MDT - a meeting of ...".
_EXPLAINED_AFTER = re.compile(
    r"\s*(?:,\s*(?:which|that)\s+(?:means|meant|stands\s+for|is\s+short\s+for|is\s+the)\b"
    r"|,?\s+(?:short\s+for|stands\s+for|meaning)\b"
    r"|,\s*(?:a|an|the)\s+[a-z][a-z '\u2019-]{2,60},"
    r"|\s[\u2013\u2014-]\s(?:a|an|the)\s+[a-z])"
)
_EXPLANATION_END = re.compile(r"[,.;:!?()\n]")
# Brackets holding a date, time or count add detail; they do not explain.
_NOT_EXPLANATION = re.compile(
    r"\d|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)(?:day)?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b"
    r"|\b(?:am|pm|today|tomorrow|yesterday|morning|afternoon|evening|night|weekly|daily|again|cancelled|booked)\b",
    re.IGNORECASE,
)
_CAPS_BEFORE = re.compile(r"(?<![^\W_])([A-Z][A-Z']+)[ \t]+$")
_CAPS_AFTER = re.compile(r"[ \t]+([A-Z][A-Z']+)(?![^\W_])")
_NEXT_WORD = re.compile(r"\s+([^\W_][^\W_'\u2019]*)")
_PREV_WORD = re.compile(r"([^\W_]+)\s+$")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (straight or curly, single or double).

    An apostrophe inside a word (don't, Khan's) is never a quotation mark."""
    ranges = []
    double_open = single_open = None
    n = len(text)
    for m in re.finditer("[\"'\u201c\u201d\u2018\u2019]", text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch == '"':
            if double_open is None:
                double_open = i
            else:
                ranges.append((double_open, i + 1))
                double_open = None
        elif ch == "\u201c":
            double_open = i
        elif ch == "\u201d":
            if double_open is not None:
                ranges.append((double_open, i + 1))
                double_open = None
        else:
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe inside a word
            opening = (not before.isalnum() and before not in ".,!?") and not after.isspace()
            if ch == "\u2018" or (opening and single_open is None):
                single_open = i
            elif single_open is not None and not before.isspace():
                ranges.append((single_open, i + 1))
                single_open = None
    return ranges


def _class_of(tok: str) -> str | None:
    low = tok.lower()
    if low in STAFF:
        return "staff"
    if low in ANIMALS:
        return "animal"
    if low in THINGS:
        return "thing"
    if low in PERSON_PRONOUNS:
        return "person"
    return None


def _leftmost_subject(tokens: list[str]) -> str:
    for tok in tokens:
        found = _class_of(tok)
        if found:
            return found
        if tok[0].isupper() and tok.lower() not in BETWEEN_SUBJECT_AND_VERB and tok.lower() not in TITLES:
            return "person"
    return "person"


class Context:
    """Context for one text: computed lazily, shared by all matches in it."""

    def __init__(self, text: str, lexicon: Lexicon):
        self.text = text
        self.lexicon = lexicon
        self._quotes: list[tuple[int, int]] | None = None
        self._quote_starts: list[int] = []
        self._sentence_starts: list[int] | None = None
        self.explained: set[str] = set()
        self.suppressed: list[tuple[int, int]] = []  # explanations in brackets

    # -- quotation -------------------------------------------------------
    def in_quotes(self, start: int, end: int) -> bool:
        if self._quotes is None:
            text = self.text
            self._quotes = (
                quoted_ranges(text) if ('"' in text or "'" in text or "\u201c" in text or "\u2018" in text) else []
            )
            self._quote_starts = [s for s, _ in self._quotes]
        i = bisect_right(self._quote_starts, start - 1) - 1
        return i >= 0 and self._quotes[i][0] < start and end <= self._quotes[i][1]

    def sentence_before(self, start: int) -> str:
        """Text from the start of the sentence (at most LOOKBACK back) to start."""
        if self._sentence_starts is None:
            self._sentence_starts = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        starts = self._sentence_starts
        i = bisect_right(starts, start) - 1
        begin = starts[i] if i >= 0 else 0
        return self.text[max(begin, start - LOOKBACK) : start]

    # -- who or what the claim is about ----------------------------------
    def subject_class(self, start: int) -> str:
        """'staff', 'animal', 'thing' or 'person' for the subject before a match."""
        sentence = self.sentence_before(start)
        tokens = TOKEN_RE.findall(sentence)
        for idx in range(len(tokens) - 1, -1, -1):
            tok = tokens[idx]
            low = tok.lower()
            if low in ("and", "or") and idx < len(tokens) - 1:
                continue
            if low in ("and", "or"):
                # "The van is old and struggles": the subject is the one at
                # the start of the clause before "and".
                return _leftmost_subject(tokens[:idx])
            if low in STAFF:
                return "staff"
            if low in ANIMALS:
                return "animal"
            if low in HOMES:
                return "home"
            if low in THINGS:
                return "thing"
            if low in PERSON_PRONOUNS:
                return "person"
            if low in BETWEEN_SUBJECT_AND_VERB:
                continue
            if tok[0].isupper() and low not in TITLES:
                # A name; a role in front of it makes it staff ("Dr Khan").
                j = idx - 1
                while j >= 0 and tokens[j][0].isupper() and tokens[j].lower() not in STAFF_TITLES:
                    j -= 1
                if j >= 0 and tokens[j].lower() in STAFF_TITLES:
                    return "staff"
                return "person"
            # Anything else (a name, or note-style text with no subject such
            # as "Refused lunch.") is taken to be about the person.
            return "person"
        return "person"

    # -- negation ----------------------------------------------------------
    def negated(self, start: int, end: int) -> bool:
        clause = _after_last(_CLAUSE_START, _ASIDE.sub(" ", self.sentence_before(start)))
        # Only words after the nearest subject pronoun can negate this claim.
        clause = _after_last(_SUBJECT_PRONOUN, clause)
        if _NEGATION.search(" ".join(clause.split()[-6:])):
            return True
        if _NOUN_LIKE.search(self.text[start:end]):
            return bool(_NEGATION_AFTER.match(self.text, end))
        return False

    # -- proper names ------------------------------------------------------
    def proper_name(self, start: int, end: int) -> bool:
        """A capitalised run of words such as "Elderly Persons Advisory Forum"."""
        hit = self.text[start:end]
        if not hit[:1].isupper() or hit.isupper():
            return False
        m = _NEXT_WORD.match(self.text, end)
        if m:
            word = m.group(1)
            if word[0].isupper() and not word.isupper() and word.lower() not in TITLES:
                return True
        m = _PREV_WORD.search(self.text, max(0, start - 40), start)
        if m:
            word = m.group(1)
            before = self.text[: m.start()].rstrip()
            sentence_start = not before or before[-1] in ".!?:\n"
            if word[0].isupper() and not word.isupper() and not sentence_start and word.lower() not in TITLES:
                return True
        return False

    def thing_follows(self, end: int) -> bool:
        m = _NEXT_WORD.match(self.text, end)
        if not m:
            return False
        word = m.group(1).lower()
        return word not in HOMES and (word in THINGS or word in ANIMALS)

    # -- other senses ------------------------------------------------------
    def excluded(self, start: int, end: int, entry: Entry) -> bool:
        rx = entry.exclude_regex
        if rx is None:
            return False
        lo, hi = max(0, start - 60), min(len(self.text), end + 60)
        return any(m.start() <= start and m.end() >= end for m in rx.finditer(self.text, lo, hi))

    # -- abbreviations -----------------------------------------------------
    def emphasis(self, start: int, end: int) -> bool:
        """An abbreviation-shaped word among other capitalised words is emphasis."""
        known = self.lexicon.abbreviation_tokens
        for m in (_CAPS_BEFORE.search(self.text, max(0, start - 30), start), _CAPS_AFTER.match(self.text, end)):
            if m:
                word = m.group(1).strip("'")
                if len(word) >= 2 and word not in known and word not in EVERYDAY_ABBREVIATIONS:
                    return True
        return False

    def explained_here(self, start: int, end: int, findings: list) -> bool:
        """Apply the bracket rule; True when this use is itself explained.

        "OT (occupational therapist)" and "package of care (POC)" both explain
        the abbreviation from that point on; the words in the brackets, or
        before them, are the explanation and are not flagged."""
        text = self.text
        m = _EXPLAINED_AFTER.match(text, end)
        if m:
            # The explanation that follows is not jargon either ("POC, short for package of care").
            stop = m.end() if m.group().endswith(",") else None
            if stop is None:
                found = _EXPLANATION_END.search(text, m.end())
                stop = found.start() if found else len(text)
            self.suppressed.append((m.start(), stop))
            return True
        m = _AFTER_BRACKET.match(text, end)
        if m and _EXPLAINING_WORD.search(m.group(1)) and not _NOT_EXPLANATION.search(m.group(1)):
            self.suppressed.append((m.start(1), m.end(1)))
            return True
        if _BEFORE_OPEN.search(text, max(0, start - 5), start):
            close = _CLOSE_AFTER.match(text, end)
            if close:
                paren = text.rfind("(", 0, start)
                # The expansion just before the bracket is not jargon here.
                findings[:] = [f for f in findings if not (f.kind == "jargon" and paren - 3 <= f.end <= paren)]
                return True
        return False

    def is_suppressed(self, start: int) -> bool:
        return any(s <= start < e for s, e in self.suppressed)
