"""Compliance with Open Referral UK 3.0: schemathesis against a live test server, with the standard's
own definition (whatsstrong/directory/data/oruk/openapi.json, a copy of the published one; its
README names the source), for GET /, GET /services and GET /services/{id}.

The checks are the ones the standard's validator cares about: no server errors, every answer's body
as the definition describes it, and the content type it declares. Requests are generated from the
definition (valid ones, and invalid ones such as a page that is not a number) and sent over HTTP to
pytest-django's live server, as another system would send them: no sign-in, no session.
"""

import datetime
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

SPEC = Path(__file__).resolve().parent.parent / "whatsstrong" / "directory" / "data" / "oruk" / "openapi.json"
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260101,
        "generation": {"deterministic": True, "database": "none"},
        "analysis": {"constants": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_path(SPEC, config=CONFIG).include(
    name=["GET /", "GET /services", "GET /services/{id}"]
)
EXAMPLES_PER_OPERATION = 60
WORLD = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Aim two requests in three at real services, or nearly every one would meet "not found"."""
    if not path_parameters:
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters), st.sampled_from(WORLD["ids"]).map(lambda i: {"id": i}))


@schema.hook
def map_query(context, query):
    """Now and then a search for a real word, so the ranked search is reached too."""
    if query and "search" in query and WORLD.get("words"):
        return {**query, "search": WORLD["words"][len(str(query["search"])) % len(WORLD["words"])]}
    return query


@pytest.fixture
def oruk_url(transactional_db, live_server, staff, make_person):
    """A directory with every kind of field filled or left empty, and someone signposted to it."""
    from whatsstrong.directory import services

    services.taxonomy_load()
    dina = staff["dina"]
    centre = services.organisation_save(actor=dina, data={"name": "Radford Hub", "website": "https://radford.example"})
    hall = services.location_save(
        actor=dina,
        organisation=centre,
        data={
            "name": "Radford Hall",
            "address": "2 Jubilee Crescent\nRadford",
            "town": "Coventry",
            "postcode": "CV6 3EX",
            "latitude": 52.4215,
            "longitude": -1.5262,
            "accessibility": "Ramp at the side door",
        },
    )
    bare = services.location_save(
        actor=dina,
        organisation=centre,
        data={"name": "Annexe", "address": "Rear of 2 Jubilee Crescent", "town": "Coventry", "postcode": "CV6 3EY"},
    )
    from whatsstrong.directory.models import TaxonomyTerm

    terms = list(TaxonomyTerm.objects.filter(code__in=["music", "lunch-clubs"]))
    full = services.service_save(
        actor=dina,
        organisation=centre,
        data={
            "name": "Sing for Joy",
            "kind": "group",
            "description": "Singing together, no experience needed.",
            "minimum_age": 18,
            "maximum_age": 99,
            "languages": "English, Polish",
            "cost": "charge",
            "cost_amount": "2.50",
            "cost_note": "a session",
            "url": "https://radford.example/sing",
            "email": "sing@radford.example",
            "phone": "024 7600 0000",
            "contact_name": "Mo",
            "contact_role": "Leader",
            "alert": "Moving rooms in June",
        },
        categories=terms,
        locations=[hall, bare],
    )
    services.opening_times_save(
        actor=dina,
        service_id=full.pk,
        expected_version=full.version,
        sessions=[(0, datetime.time(10), datetime.time(12)), (0, datetime.time(18), datetime.time(20))],
    )
    services.service_checked(actor=dina, service_id=full.pk)
    plain = services.service_save(actor=dina, organisation=centre, data={"name": "Drop-in", "cost": "free"})
    closed = services.service_save(actor=dina, organisation=centre, data={"name": "Old Club", "status": "defunct"})
    services.signpost_add(actor=staff["alice"], person=make_person(), service_id=full.pk, why="Loves singing")
    WORLD.update(ids=[str(full.pk), str(plain.pk), str(closed.pk)], words=["sing", "drop", "club", "radford"])
    yield live_server.url + "/oruk"
    WORLD.clear()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_follows_the_open_referral_uk_definition(case, oruk_url):
    case.call_and_validate(base_url=oruk_url, checks=CHECKS)
