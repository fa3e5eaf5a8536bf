"""Finding a person by name."""

from . import queries


def find_people(query, limit=25):
    return list(queries.search_by_name_prefix(query, limit=limit))
