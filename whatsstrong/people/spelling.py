"""Spelling tolerance for names, as pure functions (no Django here).

Names are searched by token: the words of a person's family, given and preferred names, in their
key form (rules.name_key: lower case, in any script, without the optional accents and vowel
marks of Latin, Greek, Cyrillic, Arabic and Hebrew writing), split at spaces and hyphens, with
apostrophes dropped ("O'Brien-Smith" gives "obrien" and "smith").

Typo tolerance uses a deletion index (the SymSpell idea). Every token is stored under the keys
made by deleting up to one or two of its letters. Two words within edit distance k always share
a key made by deleting at most k letters from each, so a search looks up the keys of the typed
word, then checks each token it finds with the true edit distance. Letters are counted as
Unicode characters; in Indic scripts a vowel sign counts as one. Chinese, Japanese and Korean
names are matched exactly (see typos_allowed).
"""

import re

from .rules import name_key, written_without_spaces

# Words this long or longer may have two typos; shorter ones one; very short ones none.
TWO_TYPOS_FROM = 8
ONE_TYPO_FROM = 3
# A token needs its two-letter deletions once a typed word of TWO_TYPOS_FROM letters can reach it.
TWO_DELETIONS_FROM = TWO_TYPOS_FROM - 2
# Longer tokens keep one-letter deletions only, so one odd record cannot bloat the index.
TWO_DELETIONS_UP_TO = 20

_SPLIT = re.compile(r"[\s\-]+")


def tokens(text):
    """The searchable words in a name or a typed query, in order, without repeats."""
    seen = []
    for part in _SPLIT.split(name_key(text).replace("'", "")):
        if part and part not in seen:
            seen.append(part)
    return seen


def person_tokens(*names):
    """Every token in a person's names (given, family, preferred), as a set."""
    found = set()
    for name in names:
        found.update(tokens(name))
    return found


def typos_allowed(word):
    if written_without_spaces(word):
        # A Chinese, Japanese or Korean name is a few characters, each a syllable or a word: one
        # character different is another name, not a slip, so these words must match exactly.
        return 0
    if len(word) >= TWO_TYPOS_FROM:
        return 2
    if len(word) >= ONE_TYPO_FROM:
        return 1
    return 0


def deletions(word, depth):
    """The word and every string made by deleting up to `depth` of its letters (never empty)."""
    keys = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        keys |= frontier
    keys.discard("")
    return keys


def index_keys(token):
    """The keys a stored token is filed under (only itself when no typed word may have a slip)."""
    if written_without_spaces(token):
        return {token}
    depth = 2 if TWO_DELETIONS_FROM <= len(token) <= TWO_DELETIONS_UP_TO else 1
    return deletions(token, depth)


def query_keys(word):
    """The keys to look up for a typed word (one deletion only for a word too long to be a name)."""
    depth = typos_allowed(word) if len(word) <= TWO_DELETIONS_UP_TO else 1
    return deletions(word, depth)


def edit_distance(a, b, limit=None):
    """Optimal string alignment distance: substitutions, insertions, deletions and swaps of two
    neighbouring letters each count one. With `limit`, any distance above it is returned as
    limit + 1 as soon as that is certain."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2 = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if limit is not None and min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    distance = previous[len(b)]
    if limit is not None and distance > limit:
        return limit + 1
    return distance


def close_tokens(word, candidates):
    """{token: distance} for the candidate tokens within the typos allowed for `word`."""
    allowed = typos_allowed(word)
    close = {}
    for token in candidates:
        distance = edit_distance(word, token, limit=allowed)
        if distance <= allowed:
            close[token] = distance
    return close


def word_distance(word, names_tokens, close):
    """How far a typed word is from a person's names: 0 when a token starts with it, else the
    smallest distance to a close token, or None when nothing is close."""
    best = None
    for token in names_tokens:
        if token.startswith(word):
            return 0
        distance = close.get(token)
        if distance is not None and (best is None or distance < best):
            best = distance
    return best
