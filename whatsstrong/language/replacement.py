"""The one-click replacement: the lexicon's words fitted to the sentence they go into.

A replacement takes the tense of the word it replaces ("refused" becomes "declined"), a capital
where the sentence starts, a plural "s" after a plural abbreviation ("OTs"), and "a" or "an" must
still fit the word before it. When no rule of the entry fits the words matched, there is no
replacement and the page offers no button.
"""

from __future__ import annotations

import re

from .words import IRREGULAR_VERBS

_PAST = {past: base for base, (_s, past, _ing) in IRREGULAR_VERBS.items()}
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n][\"'\u2019\u201d)]*)\s*[\"'\u2018\u201c(]?\s*$")
_ARTICLE_BEFORE = re.compile(r"\b(an?)\s+$", re.IGNORECASE)


def tense_of(word: str) -> str:
    """'s', 'ed', 'ing' or 'base' for an English verb form (regular, or in IRREGULAR_VERBS)."""
    low = word.lower()
    if low in _PAST:
        return "ed"
    if low in IRREGULAR_VERBS:
        return "base"
    if low.endswith("ing") and len(low) > 4:
        return "ing"
    if low.endswith("ed") and len(low) > 3:
        return "ed"
    if low.endswith("s") and not low.endswith("ss"):
        return "s"
    return "base"


def verb_form(base: str, tense: str) -> str:
    """The form of a verb for a tense: help -> helps, helped, helping; decline -> declined."""
    if tense == "base":
        return base
    if base in IRREGULAR_VERBS:
        s, past, ing = IRREGULAR_VERBS[base]
        return {"s": s, "ed": past, "ing": ing}[tense]
    if tense == "s":
        if re.search(r"[^aeiou]y$", base):
            return base[:-1] + "ies"
        if re.search(r"(s|x|z|ch|sh)$", base):
            return base + "es"
        return base + "s"
    if base.endswith("e"):
        if tense == "ed":
            return base + "d"  # declined, agreed
        return base + "ing" if base.endswith(("ee", "ye", "oe")) else base[:-1] + "ing"
    if tense == "ed" and re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    suffix = "ed" if tense == "ed" else "ing"
    if re.search(r"(?:^|[^aeiou])[aeiou][bdgmnpt]$", base) and len(base) <= 4:
        return base + base[-1] + suffix  # stop -> stopped
    return base + suffix


def _fill(words: list[str], groups: tuple, tense: str) -> str:
    out = []
    for word in words:
        if word.startswith("@") and word[1:].isdigit():
            n = int(word[1:])
            value = groups[n - 1] if 0 < n <= len(groups) else None
            if value:
                out.append(" ".join(value.split()))
        elif word.endswith("+") and len(word) > 1:
            out.append(verb_form(word[:-1], tense))
        else:
            out.append(word)
    return " ".join(out)


def fitted(entry, hit: str) -> str | None:
    """The entry's replacement for the words matched, ignoring the sentence around them."""
    for pattern, words in entry.replacements:
        if pattern is None:
            text = " ".join(words)
            if entry.is_abbreviation and _plural_abbreviation(entry, hit):
                text += "s"
            return text
        m = pattern.fullmatch(hit)
        if m:
            first = m.group(1) or ""
            return _fill(words, m.groups(), tense_of(first.split()[-1] if first.split() else first))
    return None


def _plural_abbreviation(entry, hit: str) -> bool:
    if not hit.endswith("s"):
        return False
    lower = {f.lower() for f in entry.exact}
    return hit[:-1].lower() in lower and hit.lower() not in {f.lower() for f in entry.terms}


def takes_an(words: str) -> bool:
    """Whether 'an' goes before these words (an older person, a urine infection, an hour)."""
    low = words.lower()
    if low.startswith(("uni", "use", "usu", "ura", "ure", "uri", "uti", "eu", "one", "once")):
        return False
    return low.startswith(("hour", "honest", "honour", "heir")) or low[:1] in ("a", "e", "i", "o", "u")


def replacement_for(ctx, start: int, end: int, entry) -> str | None:
    """The replacement fitted to its place in the text, or None when nothing fits there."""
    text = ctx.text
    hit = text[start:end]
    words = fitted(entry, hit)
    if not words:
        return None
    before = text[max(0, start - 40) : start]
    article = _ARTICLE_BEFORE.search(before)
    if article:
        wants_an = takes_an(words)
        if (article.group(1).lower() == "an") != wants_an:
            return None  # "an MDT" cannot become "an meeting"
    if _SENTENCE_START.search(before):
        words = words[:1].upper() + words[1:]
    return words
