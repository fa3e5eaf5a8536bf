"""Finding a person by name, forgiving small typos, or by date of birth, NHS number or postcode.

1. Prefix: every word typed starts a family, given or preferred name (queries.search_by_name_prefix).
   When that fills the page, nothing else is needed.
2. Typos: each word is looked up in the deletion index (name_index.py) for the name tokens within
   one typo (two for words of 8 letters or more). People whose names then match every word follow
   the prefix matches, in tiers: exact tokens (such as "obrien" for O'Brien, or "jones" for
   Lloyd-Jones), then one typo, then two. Within a tier, family-name matches come first, then
   name order.

3. Keys: a date of birth, an NHS number, a postcode or its first part (rules.read_search reads
   them from the search box), each an index seek, narrowed by any name typed with it
   (find_by_keys). These never show a restricted record the user may not open: name search
   shows such a person's name only, and a match on a key would tell them more.

Every query is a plain indexed one that runs the same on SQLite and PostgreSQL. A typo query of
two words seeks the pair index (a close token with the other word's token), and one of one word
reads the family name index in order, so each stops at the page or at the people holding both
names, not at everyone holding either.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from whatsstrong.core import access

from . import queries, rules, spelling
from .models import Person
from .name_index import NameVariant, PersonNamePair, PersonNameToken


def search(terms: rules.SearchTerms, *, user, limit=25):
    """The people a search box's terms find, as this user may be shown them."""
    if terms.problem:
        return []
    if terms.by_key:
        return find_by_keys(terms, user=user, limit=limit)
    if terms.name:
        return find_people(terms.name, limit=limit)
    return []


# A name typed with a key is forgiven its typos among this many of the key's people: all of them
# for a date of birth, an NHS number or a full postcode; the first so many of an outward code.
TYPO_CANDIDATES = 500


def _key_filter(terms):
    condition = Q()
    if terms.nhs_number:
        condition &= Q(nhs_number=terms.nhs_number)
    if terms.date_of_birth:
        condition &= Q(date_of_birth=terms.date_of_birth)
    if terms.postcode:
        condition &= Q(postcode_key=terms.postcode)
    if terms.outward_code:
        condition &= Q(postcode_outward=terms.outward_code)
    return condition


def _openable(people, user):
    """Drop restricted people this user may not open (core/access.py decides)."""
    return [p for p in people if not p.restricted or access.view_decision(user, p).allowed]


def find_by_keys(terms, *, user, limit=25):
    """People with these keys, in name order; with a name, those whose names start with each word
    first, then those with a small typo. Restricted people the user may not open are left out."""
    people = Person.objects.select_related("team", "allocated_worker").filter(_key_filter(terms))
    words = list(dict.fromkeys(w for w in rules.name_key(terms.name).split() if w))
    prefix = people
    for word in words:
        prefix = prefix.filter(queries.any_name_starts(word))
    found = _read_openable(prefix.order_by(*queries.NAME_ORDER), user, limit)
    if len(found) >= limit or not words:
        return found
    # Typos: the key's people are few, so their names are checked here rather than in the index.
    # Only their name keys are read for the check, and whole records for those that pass: the
    # people sharing a date of birth grow with the council, the matches do not.
    typed = spelling.tokens(terms.name)
    seen = {p.pk for p in found}
    candidates = people.exclude(pk__in=seen).order_by(*queries.NAME_ORDER)[:TYPO_CANDIDATES]
    close = [pk for pk, *keys in candidates.values_list("pk", *queries.NAME_KEYS) if _near(typed, keys)]
    matches = people.filter(pk__in=close).order_by(*queries.NAME_ORDER)
    return found + _read_openable(matches, user, limit - len(found))


def _near(typed, keys):
    """Every typed word starts one of these names, or is within its allowed typos of one."""
    names = spelling.person_tokens(*keys)
    return all(spelling.word_distance(w, names, spelling.close_tokens(w, names)) is not None for w in typed)


def _read_openable(people, user, limit):
    """The first `limit` people this user may be shown, read a page at a time: restricted people
    they may not open are few, so one read nearly always fills the page."""
    found, start = [], 0
    while len(found) < limit:
        batch = list(people[start : start + limit])
        found += _openable(batch, user)
        if len(batch) < limit:
            break
        start += limit
    return found[:limit]


def find_people(query, limit=25):
    found = queries.search_by_name_prefix(query, limit=limit)
    if len(found) >= limit:
        return found
    words = spelling.tokens(query)
    if not words:
        return found
    return found + typo_matches(words, limit=limit - len(found), exclude=[p.pk for p in found])


def close_tokens_for(words):
    """For each word, {token: distance} over the indexed tokens within its allowed typos."""
    keys = set()
    for word in words:
        keys |= spelling.query_keys(word)
    candidates = set(NameVariant.objects.filter(key__in=sorted(keys)).values_list("token", flat=True))
    return [spelling.close_tokens(word, candidates) for word in words]


def _matching(tokens, prefix=None):
    """Index rows for these tokens (and, with prefix, every token starting with it)."""
    condition = Q(token__in=sorted(tokens))
    if prefix:
        condition |= queries.prefix_range("token", prefix)
    return PersonNameToken.objects.filter(condition)


def typo_matches(words, *, limit, exclude=()):
    """People matching every word by prefix or close spelling, nearest tier first."""
    close = close_tokens_for(words)
    if not any(close):
        return []
    results = []
    excluded = list(exclude)
    for tier in range(3):
        if len(results) >= limit:
            break
        within = [{t for t, d in c.items() if d <= tier} for c in close]
        if not any(d == tier for c in close for d in c.values()):
            continue
        page = _tier(words, within, limit=limit - len(results), exclude=excluded)
        results += page
        excluded += [p.pk for p in page]
    return results


def _tier(words, within, *, limit, exclude):
    """One tier: people whose family name matches a word first, then the rest, each in name order.
    The people table is read for the page of results only."""
    family_match = Q()
    for word, tokens in zip(words, within):
        family_match |= queries.prefix_range("family_name_key", word)
        if tokens:
            family_match |= Q(family_name_key__in=sorted(tokens))
    if len(words) == 1:
        ranked = _one_word_tier(words[0], within[0], family_match, limit=limit, exclude=exclude)
    else:
        ranked = set()
        for rows in _tier_rows(words, within):
            ranked.update(
                rows.exclude(person_id__in=exclude)
                .annotate(
                    family_miss=Case(When(family_match, then=Value(0)), default=Value(1), output_field=IntegerField())
                )
                .values_list("family_miss", "family_name_key", "given_name_key", "person_id")
                .order_by("family_miss", "family_name_key", "given_name_key", "person_id")
                .distinct()[:limit]
            )
    ids = list(dict.fromkeys(row[-1] for row in sorted(ranked)))[:limit]
    chosen = Person.objects.select_related("team", "allocated_worker").in_bulk(ids)
    return [chosen[pk] for pk in ids if pk in chosen]


def _one_word_tier(word, tokens, family_match, *, limit, exclude):
    """(family_miss, family key, given key, id) of the first `limit` people matching one word.

    Those whose family name is a close token or starts with the word are read off the family name
    index in order, so a common name ("Bgum" for Begum) stops at the page; their names hold the
    token, so they need no look-up in the name index. Only when they are too few are the people
    holding a matching token elsewhere in their names read from the name index and sorted.
    """
    family = []
    for arm in (Q(family_name_key__in=sorted(tokens)), queries.prefix_range("family_name_key", word)):
        people = Person.objects.filter(arm).exclude(pk__in=exclude).order_by(*queries.NAME_ORDER)
        family += people.values_list(*queries.RANK)[:limit]
    ranked = [(0, *row) for row in sorted(set(family))[:limit]]
    if len(ranked) < limit:
        # One query per token, each read off the token index in name order up to the page.
        rest, order = set(), ("family_name_key", "given_name_key", "person_id")
        for arm in [Q(token=t) for t in sorted(tokens)] + [queries.prefix_range("token", word)]:
            rows = PersonNameToken.objects.filter(arm).exclude(family_match).exclude(person_id__in=exclude)
            rest.update(rows.values_list(*order).order_by(*order).distinct()[: limit - len(ranked)])
        ranked += [(1, *row) for row in sorted(rest)[: limit - len(ranked)]]
    return ranked


def _tier_rows(words, within):
    """Index rows of the people matching every word (two or more), each query a seek that starts
    from a close token.

    Someone matches when one of their tokens is close to some word (the one at `close`) and every
    word is close to or starts one of their tokens. For each word with close tokens, the pair index
    is sought from those tokens, with the other token matching a partner word (the first word, or
    the second for the first); the token index gives those whose one token matches both. Further
    words are checked per person.
    """
    for close, tokens in enumerate(within):
        if not tokens:
            continue
        partner = 1 if close == 0 else 0
        others = [
            _matching(within[i], prefix=w).values("person_id") for i, w in enumerate(words) if i not in (close, partner)
        ]
        pairs = PersonNamePair.objects.filter(token__in=sorted(tokens))
        # Apart, so that each is a seek on both columns of the pair index.
        by_close = pairs.filter(other__in=sorted(within[partner]))
        by_prefix = pairs.filter(queries.prefix_range("other", words[partner]))
        both = {t for t in tokens if t in within[partner] or t.startswith(words[partner])}
        for rows in (by_close, by_prefix, PersonNameToken.objects.filter(token__in=sorted(both))):
            for matching in others:
                rows = rows.filter(person_id__in=matching)
            yield rows
