"""Load lexicon entries and compile them into regular expressions.

An entry is a flat record so that a database table can hold the same fields
as lexicon.json:

    id       stable rule id, e.g. "refuses"
    kind     "deficit" or "jargon"
    context  which context rules apply: conduct, label, done_to, sense,
             abbreviation or service_speak
    terms    phrases to find (a list, or one phrase per line)
    suggest  a plainer or more respectful alternative
    reason   one line, in plain English, saying why
    exclude  phrases that mean another sense and are never flagged (optional)
    enabled  false turns the entry off (optional, default true)
    replace  the one-click replacement, made to fit the sentence (optional;
             without it the coach offers advice but no button). One rule a
             line: "refuse+ => decline+" replaces a match of the left side
             with the right, a word+ on the right taking the tense of the
             first word matched ("refused" becomes "declined"), @2 the words
             matched by the second word of the left side. A line with no
             "=>" replaces any match. A match no rule fits gets no button.

Term syntax, kept small so that an administrator can write it:

    [is|was] word  lead-in words that must come just before (separated by one
                   space or line break); they are not part of the flagged span
    word+          the word with its inflections (refuse+ finds refuses,
                   refused, refusing)
    (a|her|his)    one of several words; add ? after it to make it optional
    word?          an optional word
    *              any one word
    #              any token that starts with a digit (postcode halves, times)
    a space        any run of spaces, line breaks or dashes, and a short
                   aside between commas or dashes ("struggles, at times, with")
    a hyphen       the same as a space, or nothing ("bed-blocker" also finds
                   "bed blocker" and "bedblocker")

Abbreviation entries also find a plural "s" (OT finds OTs) and any letter
case ("Dols", "poc"), except where the abbreviation in lower case is an
everyday word (salt, peg): then only the letter case given counts. Every
other entry ignores letter case.

The file may also hold "medical_abbreviations": a list of {"abbr", "means"}
(with optional "forms", "exclude" and "replace"), each made into an
abbreviation entry whose suggestion and one-click replacement are the plain
words ("replace": [] for a short form with two meanings: no button).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .words import ORDINARY_WORDS

KINDS = ("deficit", "jargon")
CONTEXTS = ("conduct", "label", "done_to", "sense", "abbreviation", "service_speak")
DEFAULT_PATH = Path(__file__).with_name("lexicon.json")

# A word character as far as matching goes: letters and digits, not "_".
WORD = r"[^\W_]"
TOKEN_RE = re.compile(r"[^\W_]+")
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
# Between two words of a phrase: spaces, line breaks or dashes, or a short
# aside set off by commas or spaced dashes.
_GAP = (
    rf"(?:[\s{_DASHES}]+"
    r"|\s*,[^,.;:!?\n]{1,30},\s*"
    rf"|\s+[{_DASHES}]\s[^.;:!?\n{_DASHES}]{{1,30}}\s[{_DASHES}]\s+)"
)
# Inside a hyphenated term the parts may also be written joined up.
_JOIN = rf"[\s{_DASHES}]*"
_ANY_WORD = rf"{WORD}+(?:['\u2019]{WORD}+)?"
_DIGIT_TOKEN = rf"\d{WORD}*"


class LexiconError(ValueError):
    """An entry in a lexicon is malformed."""


def inflect(word: str) -> list[str]:
    """Return the regular inflections of an English verb or noun."""
    forms = {word}
    low = word.lower()
    if low.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", low):
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif re.search(r"(s|x|z|ch|sh)$", low):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        # Short verbs double their last consonant (stop, stopped).
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", low) and len(low) <= 4:
            d = word + word[-1]
            forms |= {d + "ed", d + "ing"}
    return sorted(forms, key=len, reverse=True)


def _word_pattern(word: str, abbreviation: bool) -> tuple[str, list[str]]:
    """Return (regex, literal forms) for one word of a term."""
    if word == "*":
        return _ANY_WORD, []
    if word == "#":
        return _DIGIT_TOKEN, []
    if word.endswith("+"):
        forms = inflect(word[:-1])
    else:
        forms = [word]
    if abbreviation:
        forms = sorted({f for w in forms for f in (w, w + "s")}, key=len, reverse=True)
    pats = [re.escape(f).replace("'", "['\u2019]") for f in forms]
    return "(?:" + "|".join(pats) + ")", forms


@dataclass
class _Element:
    pattern: str
    forms: list[str]
    optional: bool
    joined_to_previous: bool  # written with a hyphen before it


def _lead_in(term: str) -> tuple[str, str]:
    """Split a leading [a|b c] off a term; return (lookbehind regex, rest)."""
    term = term.strip()
    if not term.startswith("["):
        return "", term
    close = term.find("]")
    if close < 0:
        raise LexiconError(f"unclosed [ in {term!r}")
    alts = [a.split() for a in term[1:close].split("|") if a.strip()]
    if not alts:
        raise LexiconError(f"empty [ ] in {term!r}")
    # Each alternative is a fixed-width lookbehind, as Python requires.
    behind = "|".join(
        r"(?<=\b" + r"\s".join(re.escape(w).replace("'", "['\u2019]") for w in words) + r"\s)" for words in alts
    )
    return f"(?:{behind})", term[close + 1 :]


def _parse_term(term: str, abbreviation: bool) -> list[_Element]:
    elements: list[_Element] = []
    # Split on spaces, keeping hyphens as their own pieces.
    pieces = re.findall(r"\([^)]*\)\??|[^\s\-()]+\??|-", term.strip())
    hyphen = False
    for piece in pieces:
        if piece == "-":
            hyphen = True
            continue
        optional = piece.endswith("?") and len(piece) > 1
        if optional:
            piece = piece[:-1]
        if piece.startswith("("):
            pats, forms = [], []
            for alt in piece[1:-1].split("|"):
                p, f = _word_pattern(alt.strip(), abbreviation)
                pats.append(p)
                forms += f
            pattern = "(?:" + "|".join(pats) + ")"
        else:
            pattern, forms = _word_pattern(piece, abbreviation)
        elements.append(_Element(pattern, forms, optional, hyphen))
        hyphen = False
    if not elements:
        raise LexiconError(f"empty term {term!r}")
    return elements


def _term_regex(elements: list[_Element]) -> str:
    out = [elements[0].pattern]
    for el in elements[1:]:
        gap = _JOIN if el.joined_to_previous else _GAP
        part = gap + el.pattern
        out.append(f"(?:{part})?" if el.optional else part)
    return "".join(out)


def _first_tokens(elements: list[_Element]) -> set[str] | None:
    """Tokens that must appear in a text for the term to match.

    Returns None when the first word is a wildcard, in which case the term
    cannot be used (every term must start with a real word)."""
    tokens: set[str] = set()
    for el in elements:
        if not el.forms:
            return None
        for form in el.forms:
            found = TOKEN_RE.findall(form)
            if found:
                tokens.add(found[0])
        if not el.optional:
            break
    return tokens


def _last_tokens(elements: list[_Element]) -> set[str] | None:
    """Words (lower case) one of which ends any match of the term, or None when there is no such
    short list. A hyphenated ending may be written apart or joined up ("non-engagement" ends with
    "engagement" or is the one word "nonengagement"), so each way is listed."""
    start = len(elements) - 1
    while start > 0 and elements[start].joined_to_previous:
        start -= 1
    chain = elements[start:]
    if any(el.optional or not el.forms for el in chain):
        return None
    words: set[str] = set()
    for j in range(len(chain)):
        joined = [""]
        for el in chain[j:]:
            joined = [a + b for a in joined for b in el.forms]
            if len(joined) > 200:
                return None
        for form in joined:
            found = TOKEN_RE.findall(form)
            if found:
                words.add(found[-1].lower())
    return words


@dataclass
class Entry:
    """One compiled lexicon entry."""

    rule: str
    kind: str
    context: str
    terms: list[str]
    suggest: str
    reason: str
    exclude: list[str] = field(default_factory=list)
    enabled: bool = True
    replace: list[str] = field(default_factory=list)
    regex: re.Pattern = field(init=False, repr=False)
    exclude_regex: re.Pattern | None = field(init=False, repr=False)
    triggers: set[str] = field(init=False, repr=False)
    needs: frozenset[str] | None = field(init=False, repr=False)
    # Abbreviations: the forms as written in the entry, and whether other letter cases count.
    exact: frozenset[str] = field(init=False, repr=False, default=frozenset())
    any_case: bool = field(init=False, repr=False, default=False)
    replacements: list = field(init=False, repr=False, default_factory=list)

    @property
    def is_abbreviation(self) -> bool:
        return self.context == "abbreviation"

    def compile(self) -> None:
        abbr = self.is_abbreviation
        patterns, triggers = [], set()
        exact: set[str] = set()
        # Words of which at least one must be in a text for any term to match.
        needs: set[str] | None = set()
        for term in self.terms:
            behind, term = _lead_in(term)
            elements = _parse_term(term, abbr)
            if abbr:
                exact.update(f for el in elements for f in el.forms)
            toks = _first_tokens(elements)
            if toks is None:
                raise LexiconError(f"{self.rule}: a term must start with a word: {term!r}")
            triggers |= toks
            # A hyphenated first pair can be written as one word: add that token.
            if len(elements) > 1 and elements[1].joined_to_previous:
                for a in elements[0].forms:
                    for b in elements[1].forms:
                        found = TOKEN_RE.findall(a + b)
                        if found:
                            triggers.add(found[0])
            patterns.append(behind + _term_regex(elements))
            if needs is not None:
                last_words = _last_tokens(elements)
                if last_words is None:
                    needs = None  # no cheap test for this term
                else:
                    needs |= last_words
        self.needs = frozenset(needs) if needs else None
        patterns.sort(key=len, reverse=True)
        # Every entry is found in any letter case; an abbreviation whose lower case is an everyday
        # word keeps only its own letter case (the context rules check `exact`).
        flags = re.IGNORECASE
        body = "|".join(patterns)
        self.regex = re.compile(rf"(?<!{WORD})(?:{body})(?!{WORD})", flags)
        self.triggers = {t.lower() for t in triggers}
        self.exact = frozenset(exact)
        self.any_case = abbr and not any(t.lower() in ORDINARY_WORDS for t in self.terms)
        self.replacements = [_replacement_rule(line, abbr) for line in self.replace]
        self.exclude_regex = None
        if self.exclude:
            ex = []
            for t in self.exclude:
                behind, t = _lead_in(t)
                ex.append(behind + _term_regex(_parse_term(t, abbr)))
            self.exclude_regex = re.compile(rf"(?<!{WORD})(?:{'|'.join(ex)})(?!{WORD})", flags)

    def as_dict(self) -> dict:
        return {
            "id": self.rule,
            "kind": self.kind,
            "context": self.context,
            "terms": list(self.terms),
            "suggest": self.suggest,
            "reason": self.reason,
            "exclude": list(self.exclude),
            "enabled": self.enabled,
            "replace": list(self.replace),
        }


def _replacement_rule(line: str, abbreviation: bool) -> tuple[re.Pattern | None, list[str]]:
    """Compile one replace line into (pattern the whole match must fit, words of the replacement)."""
    if "=>" in line:
        left, right = (part.strip() for part in line.split("=>", 1))
    else:
        left, right = "", line.strip()
    if not right:
        raise LexiconError(f"replace rule {line!r} has nothing after =>")
    if not left:
        return None, right.split()
    elements = _parse_term(left, abbreviation)
    out = [f"({elements[0].pattern})"]
    for el in elements[1:]:
        gap = _JOIN if el.joined_to_previous else _GAP
        part = f"{gap}({el.pattern})"
        out.append(f"(?:{part})?" if el.optional else part)
    return re.compile("".join(out), re.IGNORECASE), right.split()


def _lines(value) -> list[str]:
    """Accept a list of phrases or one phrase per line (as a text field stores them)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def entry_from_dict(data: dict) -> Entry:
    rule = str(data.get("id") or data.get("rule") or "").strip()
    if not rule:
        raise LexiconError(f"entry without an id: {data!r}")
    kind = data.get("kind")
    if kind not in KINDS:
        raise LexiconError(f"{rule}: kind must be one of {KINDS}, not {kind!r}")
    context = data.get("context") or data.get("context_class")
    if context not in CONTEXTS:
        raise LexiconError(f"{rule}: context must be one of {CONTEXTS}, not {context!r}")
    terms = _lines(data.get("terms")) + _lines(data.get("variants"))
    if not terms:
        raise LexiconError(f"{rule}: no terms")
    entry = Entry(
        rule=rule,
        kind=kind,
        context=context,
        terms=terms,
        suggest=str(data.get("suggest") or "").strip(),
        reason=str(data.get("reason") or "").strip(),
        exclude=_lines(data.get("exclude")),
        enabled=bool(data.get("enabled", True)),
        replace=_lines(data.get("replace")),
    )
    try:
        entry.compile()
    except re.error as exc:
        raise LexiconError(f"{rule}: a term could not be compiled: {exc}") from exc
    return entry


class Lexicon:
    """A compiled set of entries, indexed by the words that start their terms."""

    def __init__(self, entries: list[Entry]):
        self.entries = [e for e in entries if e.enabled]
        # Indexed by the lower case of the words that start their terms.
        self.by_lower: dict[str, list[Entry]] = {}
        for e in self.entries:
            for t in e.triggers:
                self.by_lower.setdefault(t, []).append(e)
        self.lower_tokens = frozenset(self.by_lower)
        # Every form of every abbreviation as written, for telling emphasis from jargon.
        self.abbreviation_tokens = frozenset(
            t for e in self.entries if e.is_abbreviation for f in e.exact for t in TOKEN_RE.findall(f)
        )

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, rule: str) -> Entry | None:
        return next((e for e in self.entries if e.rule == rule), None)

    @classmethod
    def from_entries(cls, entries, base: Lexicon | None = None) -> Lexicon:
        """Build a lexicon from dicts with the lexicon.json field names.

        With base, entries replace base entries of the same id, new ids are
        added, and an entry with enabled false removes that rule."""
        merged: dict[str, Entry] = {}
        if base is not None:
            merged = {e.rule: e for e in base.entries}
        for data in entries:
            e = entry_from_dict(dict(data))
            merged[e.rule] = e
        return cls(list(merged.values()))

    def as_dicts(self) -> list[dict]:
        return [e.as_dict() for e in self.entries]


def _read_entries(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if isinstance(data, dict):
        data = data.get("entries", []) + medical_entries(data.get("medical_abbreviations", []))
    if not isinstance(data, list):
        raise LexiconError(f"{path}: expected a list of entries")
    return data


MEDICAL_REASON = "A medical short form the person and their family may not know; write the words out."


def medical_entries(rows: list[dict]) -> list[dict]:
    """Entries for the medical abbreviations kept as a plain list of {abbr, means} in the lexicon."""
    entries = []
    for row in rows:
        abbr, means = str(row.get("abbr") or "").strip(), str(row.get("means") or "").strip()
        if not abbr or not means:
            raise LexiconError(f"a medical abbreviation needs abbr and means: {row!r}")
        entries.append(
            {
                "id": abbr,
                "kind": "jargon",
                "context": "abbreviation",
                "terms": [abbr, *row.get("forms", [])],
                "suggest": means,
                "reason": MEDICAL_REASON,
                # A short form with two meanings ("OD") gives its own advice and no button.
                "replace": row.get("replace", [means]),
                "exclude": row.get("exclude", []),
            }
        )
    return entries


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Lexicon:
    return Lexicon.from_entries(_read_entries(Path(path)))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load and compile a lexicon file (the bundled one by default); cached."""
    p = Path(path) if path else DEFAULT_PATH
    return _load_cached(str(p.resolve()), p.stat().st_mtime)
