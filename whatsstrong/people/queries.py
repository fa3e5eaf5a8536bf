"""Reading people for pages and reports, with the joins each page needs (no N+1)."""

from django.db.models import Q

from whatsstrong.core.models import Role

from . import rules
from .models import Person

CASELOAD_PAGE_SIZE = 50


def caseload_for(user):
    """A practitioner's own people; a supervisor's whole team."""
    people = Person.objects.select_related("team", "allocated_worker")
    if user.role == Role.SUPERVISOR and user.team_id:
        return people.filter(team_id=user.team_id).order_by("family_name", "given_name", "pk")
    return people.filter(allocated_worker=user).order_by("family_name", "given_name", "pk")


def _prefix_range(field, prefix):
    # A range, not LIKE, so both SQLite and PostgreSQL use the plain index on the key column.
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\uffff"})


def search_by_name_prefix(query, limit=25):
    """People whose family, given or preferred name starts with each word typed, in any order."""
    words = [w for w in rules.name_key(query).split() if w]
    if not words:
        return Person.objects.none()
    people = Person.objects.select_related("team", "allocated_worker")
    for word in words:
        people = people.filter(
            _prefix_range("family_name_key", word) | _prefix_range("given_name_key", word)
            | _prefix_range("preferred_name_key", word)
        )
    return people.order_by("family_name_key", "given_name_key", "pk")[:limit]


def person_for_page(person_id):
    return (
        Person.objects.select_related("team", "allocated_worker")
        .prefetch_related("network", "assets__network_member")
        .get(pk=person_id)
    )


def assets_by_level(person):
    levels = {level: [] for level, _ in person.assets.model.Level.choices}
    for asset in person.assets.all():
        levels[asset.level].append(asset)
    return [(level, person.assets.model.Level(level).label, items) for level, items in levels.items()]
