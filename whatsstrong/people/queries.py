"""Reading people for pages and reports, with the joins each page needs (no N+1)."""

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower

from whatsstrong.core.models import Role

from . import rules
from .models import Asset, Person

CASELOAD_PAGE_SIZE = 50


# The caseload table shows these columns only; the long text fields stay in the database.
CASELOAD_FIELDS = ("given_name", "family_name", "preferred_name", "date_of_birth", "postcode", "restricted",
                   "updated_at", "team_id", "allocated_worker__first_name", "allocated_worker__last_name",
                   "allocated_worker__username")


def caseload_for(user):
    """A practitioner's own people; a supervisor's whole team."""
    people = Person.objects.select_related("allocated_worker").only(*CASELOAD_FIELDS)
    if user.role == Role.SUPERVISOR and user.team_id:
        return people.filter(team_id=user.team_id).order_by("family_name", "given_name", "pk")
    return people.filter(allocated_worker=user).order_by("family_name", "given_name", "pk")


NAME_KEYS = ("family_name_key", "given_name_key", "preferred_name_key")
NAME_ORDER = ("family_name_key", "given_name_key", "pk")


def _prefix_range(field, prefix):
    # A range, not LIKE, so both SQLite and PostgreSQL use the plain index on the key column.
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\uffff"})


def any_name_starts(word):
    return Q(*(_prefix_range(field, word) for field in NAME_KEYS), _connector=Q.OR)


def family_name_starts(word):
    return _prefix_range("family_name_key", word)


def name_order_key(person):
    return person.family_name_key, person.given_name_key, person.pk


def search_by_name_prefix(query, limit=25):
    """People whose family, given or preferred name starts with each word typed, in any order.

    People whose family name matches one of the words come first, then the rest; each group in
    name order. The family-name queries walk the family name index in order and stop at
    `limit`, so a short, common prefix ("s") costs no more than a long one; the rest, needed
    only when those do not fill the page, sorts just the given and preferred name matches.
    """
    words = list(dict.fromkeys(w for w in rules.name_key(query).split() if w))
    if not words:
        return []
    people = Person.objects.select_related("team", "allocated_worker")
    if len(words) > 1 and not all(Person.objects.filter(any_name_starts(w)).exists() for w in words):
        # One word matches no one (often a typo): no need to walk the others' name ranges.
        return []
    found = {}
    for word in words:
        family = people.filter(family_name_starts(word))
        for other in words:
            if other != word:
                family = family.filter(any_name_starts(other))
        found.update((p.pk, p) for p in family.order_by(*NAME_ORDER)[:limit])
    ranked = sorted(found.values(), key=name_order_key)[:limit]
    if len(ranked) < limit:
        rest = people
        for word in words:
            rest = rest.filter(_prefix_range("given_name_key", word) | _prefix_range("preferred_name_key", word))
            rest = rest.exclude(family_name_starts(word))
        # Sorted by an expression (the keys are lower case already), so the database sorts these
        # matches instead of walking a name index in order and filtering as it goes, which reads
        # everyone when the given name is rare.
        ranked += list(rest.order_by(Lower("family_name_key"), "given_name_key", "pk")[: limit - len(ranked)])
    return ranked


def people_for_page():
    # Strengths come with their network member in one join rather than a third query.
    return Person.objects.select_related("team", "allocated_worker").prefetch_related(
        "network", Prefetch("assets", queryset=Asset.objects.select_related("network_member"))
    )


def person_for_page(person_id):
    return people_for_page().get(pk=person_id)


def assets_by_level(person):
    levels = {level: [] for level, _ in person.assets.model.Level.choices}
    for asset in person.assets.all():
        levels[asset.level].append(asset)
    return [(level, person.assets.model.Level(level).label, items) for level, items in levels.items()]
