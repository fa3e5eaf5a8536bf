"""Schemathesis over the whole API: whatever a client sends, the answer is never a server error,
and every answer is one the OpenAPI schema describes.

The schema is read from the app itself (/api/openapi.json) and every operation in it is run with
requests generated from it: valid ones, invalid ones and boundary values (null characters, numbers
past 2**63, strings at and over their length limits). Requests go through Django's real WSGI
handler, middleware and all, signed in with an API token issued to Alice.
"""

import datetime

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from whatsstrong.assessments.services import assessment_start, eligibility_decide
from whatsstrong.core.models import ApiToken
from whatsstrong.people.services import asset_save, network_member_save, person_archive
from whatsstrong.plans import services as plans

# Fixed seed and derandomised: every run sends the same requests, so a failure here is reproducible.
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260101,
        # Requests carry Alice's real token (below) rather than made-up credentials.
        "generation": {
            "deterministic": True,
            "database": "none",
            "with-security-parameters": False,
            # Now and then, values known to break databases in query strings and paths: PostgreSQL refuses
            # NUL in text, and neither database takes an integer past 64 bits (bodies: see flatmap_body).
            "dictionaries": {
                "string": {"dictionary": "unstorable-text", "probability": 0.1},
                "integer": {"dictionary": "past-64-bits", "probability": 0.05},
            },
        },
        "dictionaries": {
            "unstorable-text": {"values": ["\u0000", "Mary\u0000Ann"]},
            "past-64-bits": {"values": [2**63 - 1, 2**63, 2**64, -(2**63) - 1, 99999999999]},
        },
        # Schemathesis would also read constants out of the app's modules, which differ with the tests run.
        "analysis": {"constants": {"enabled": False}},
        "checks": {
            # "A request the schema allows must succeed" cannot hold for this API and is not claimed: the
            # schema cannot say that an NHS number's check digit must add up, that a worker must be in the
            # chosen team, or that `version` must be the one stored now.
            "positive_data_acceptance": {"enabled": False},
            # It sends every successful call twice more, without a token and with a wrong one, which doubled
            # this test's time; core/tests/test_api_auth.py sends those two for each operation once.
            "ignored_auth": {"enabled": False},
        },
    }
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler(), config=CONFIG)
EXAMPLES_PER_OPERATION = 100

# The records of the current test's world, for the hook below: it runs while requests are generated,
# where pytest fixtures cannot reach.
WORLD = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Aim two requests in three at real records (one at Alice's own person, whom she may change), or
    the fuzzing would mostly meet "not found"."""
    if not path_parameters:
        return st.just(path_parameters)

    def aim(ids):
        return {name: ids.get(name, value) for name, value in path_parameters.items()}

    return st.one_of(
        st.just(path_parameters), st.sampled_from(WORLD["editable"]).map(aim), st.sampled_from(WORLD["others"]).map(aim)
    )


# What a schema cannot say: the version must be the one stored, an NHS number's check digit must add
# up, a postcode must be a real shape. Without these, almost no change would reach the database.
PLAUSIBLE = {"version": 1, "nhs_number": "943 476 5919", "postcode": "CV1 2GN"}


def _schema_valid(name, value):
    # Only a value the schema already allows is swapped, so a deliberately invalid request stays invalid.
    if name == "version":
        return type(value) is int and value >= 1
    return isinstance(value, str)


def _with_nul(body, name):
    return {**body, name: body[name][:1] + "\x00" + body[name][1:]}


@schema.hook
def flatmap_body(context, body):
    """Make two bodies in three pass the checks the schema cannot state, so the fuzzing reaches the saves,
    and put a null character (which PostgreSQL cannot store) into one text field of half of those."""
    if not isinstance(body, dict):
        return st.just(body)
    swaps = {name: good for name, good in PLAUSIBLE.items() if name in body and _schema_valid(name, body[name])}
    plausible = {**body, **swaps}
    texts = sorted(name for name, value in body.items() if isinstance(value, str))
    options = [st.just(body), st.just(plausible)]
    if texts:
        options.append(st.sampled_from(texts).map(lambda name: _with_nul(plausible, name)))
    return st.one_of(options)


def plan_world(actor, person, member):
    """A support plan with an outcome, a contribution from the network and a score, and a family group
    conference with one action: the ids the plan paths take."""
    plan = plans.plan_start(actor=actor, person=person)
    outcome = plans.outcome_add(
        actor=actor, person=person, plan_id=plan.pk, data={"text": "Garden", "asks_for_change": True}
    )
    part = plans.contribution_add(
        actor=actor,
        person=person,
        outcome_id=outcome.pk,
        data={"kind": "network", "network_member": member.pk, "what": "Dig"},
    )
    plans.score_add(actor=actor, person=person, outcome_id=outcome.pk, score=4, scored_on=datetime.date.today())
    conference = plans.conference_add(actor=actor, person=person, data={"reason": "Plan together"}, invited=[member.pk])
    action = plans.family_action_add(
        actor=actor, person=person, conference_id=conference.pk, data={"network_member": member.pk, "what": "Visit"}
    )
    return {
        "plan_id": plan.pk,
        "outcome_id": outcome.pk,
        "contribution_id": part.pk,
        "conference_id": conference.pk,
        "action_id": action.pk,
        "number": 1,
    }


@pytest.fixture
def world(staff, make_person):
    """Alice's own person with a network and strengths, and people she may only read, or not open."""
    alice, bob = staff["alice"], staff["bob"]
    peggy = make_person(postcode="CV1 2GN", date_of_birth=datetime.date(1948, 3, 27), nhs_number="9434765919")
    grace = network_member_save(
        actor=alice, person=peggy, data={"name": "Grace", "relationship": "daughter", "is_carer": True, "closeness": 1}
    )
    own = asset_save(actor=alice, person=peggy, data={"level": "own", "description": "Bakes for the street"})
    shared = asset_save(
        actor=alice,
        person=peggy,
        data={"level": "network", "description": "Grace visits daily", "network_member": grace},
    )
    rita = make_person(worker="bob", given_name="Rita", family_name="Okafor", preferred_name="", restricted=True)
    ritas_friend = network_member_save(actor=bob, person=rita, data={"name": "Sol", "relationship": "friend"})
    ritas_strength = asset_save(actor=bob, person=rita, data={"level": "community", "description": "Choir"})
    joe = make_person(worker="bob", given_name="Joseph", family_name="Mensah", preferred_name="Joe")
    gone = make_person(given_name="Arthur", family_name="Price", preferred_name="")
    person_archive(actor=staff["carol"], person_id=gone.pk, reason="Moved away")
    pegs = assessment_start(actor=alice, person=peggy, kind="strengths_and_wellbeing").pk
    joes = assessment_start(actor=bob, person=joe, kind="contact").pk
    # Peggy's assessment has an eligibility decision at version 1, so deciding again can reach the save.
    eligibility_decide(
        actor=alice,
        person=peggy,
        assessment_id=pegs,
        facts={"needs_from_impairment": True, "outcomes": {"a": ["without_assistance"]}, "significant_impact": False},
        impact="",
        expected_version=None,
    )
    # Peggy's support plan with one of everything; Joe's, which Alice may only read.
    pegs_plan = plan_world(alice, peggy, grace)
    joes_plan = plan_world(
        bob, joe, network_member_save(actor=bob, person=joe, data={"name": "Ama", "relationship": "wife"})
    )
    WORLD["editable"] = [
        {
            "person_id": peggy.pk,
            "member_id": grace.pk,
            "asset_id": shared.pk,
            "assessment_id": pegs,
            "key": "hand_over",
            **pegs_plan,
        },
        {
            "person_id": peggy.pk,
            "member_id": grace.pk,
            "asset_id": own.pk,
            "assessment_id": pegs,
            "key": "wellbeing:a",
            **pegs_plan,
        },
    ]
    WORLD["others"] = [
        {"person_id": rita.pk, "member_id": ritas_friend.pk, "asset_id": ritas_strength.pk},  # restricted
        # Bob's: read only.
        {"person_id": joe.pk, "member_id": grace.pk, "asset_id": own.pk, "assessment_id": joes, **joes_plan},
        # Peggy's with someone else's records in it.
        {
            "person_id": peggy.pk,
            "member_id": ritas_friend.pk,
            "asset_id": ritas_strength.pk,
            "assessment_id": joes,
            **joes_plan,
        },
        {"person_id": gone.pk, "member_id": grace.pk, "asset_id": own.pk},  # archived
    ]
    WORLD["authorization"] = f"Bearer {ApiToken.issue(user=alice, name='Schemathesis')}"
    yield
    WORLD.clear()


@pytest.fixture
def one_connection(world):
    """Keep the test's database connection open across requests, as Django's own test client does.

    Django closes a connection it thinks is stale at the start and end of each request; inside the
    test's transaction that would end the transaction and with it the world.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    # The world is built once per operation; each request is rolled back below, so none sees another's.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_gets_a_server_error(case, one_connection):
    # Each request starts from the same world: its writes are undone before the next, so state never
    # builds up, a PATCH with `version` 1 always meets version 1, and a failure replays exactly.
    with transaction.atomic():
        case.call_and_validate(headers={"Authorization": WORLD["authorization"]})
        transaction.set_rollback(True)
