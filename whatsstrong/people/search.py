"""Finding a person by name, forgiving small typos.

1. Prefix: every word typed starts a family, given or preferred name (queries.search_by_name_prefix).
   When that fills the page, nothing else is needed.
2. Typos: each word is looked up in the deletion index (name_index.py) for the name tokens within
   one typo (two for words of 8 letters or more). People whose names then match every word follow
   the prefix matches, in tiers: exact tokens (such as "obrien" for O'Brien, or "jones" for
   Lloyd-Jones), then one typo, then two. Within a tier, family-name matches come first, then
   name order.

Every query is a plain indexed one that runs the same on SQLite and PostgreSQL, and every typo
query starts from the people holding a close token, so its cost is bounded by how common those
names are, not by the number of people.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from . import queries, spelling
from .models import Person
from .name_index import NameVariant, PersonNameToken


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
    """One tier, read from the name index alone: it holds only people who are not archived,
    with their name keys, so the people table is read for the page of results only."""
    if len(words) == 1:
        rows = _matching(within[0], prefix=words[0])
    else:
        # At least one word matches by a close token, or the prefix search had them already;
        # every word matches by a close token or a token it starts.
        rows = _matching(set().union(*within))
        for word, tokens in zip(words, within):
            rows = rows.filter(person_id__in=_matching(tokens, prefix=word).values("person_id"))
    family_match = Q()
    for word, tokens in zip(words, within):
        family_match |= queries.prefix_range("family_name_key", word)
        if tokens:
            family_match |= Q(family_name_key__in=sorted(tokens))
    if exclude:
        rows = rows.exclude(person_id__in=exclude)
    ranked = (
        rows.annotate(
            family_miss=Case(When(family_match, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .values_list("person_id", "family_miss", "family_name_key", "given_name_key")
        .order_by("family_miss", "family_name_key", "given_name_key", "person_id")
        .distinct()[:limit]
    )
    ids = [row[0] for row in ranked]
    chosen = Person.objects.select_related("team", "allocated_worker").in_bulk(ids)
    return [chosen[pk] for pk in ids if pk in chosen]
