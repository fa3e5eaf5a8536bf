import datetime

import pytest


@pytest.fixture
def jo(staff, peggy):
    """Peggy's daughter Jo, a carer, in her network."""
    from whatsstrong.people.services import network_member_save

    return network_member_save(
        actor=staff["alice"],
        person=peggy,
        data={"name": "Jo Okafor", "relationship": "daughter", "kind": "family", "is_carer": True},
    )


@pytest.fixture
def plan(staff, peggy):
    """Alice's plan for Peggy, standing alone, just started."""
    from whatsstrong.plans.services import plan_start

    return plan_start(actor=staff["alice"], person=peggy)


@pytest.fixture
def outcome(staff, peggy, plan):
    """One outcome in Peggy's words."""
    from whatsstrong.plans.services import outcome_add

    return outcome_add(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        data={"text": "I want to get back to my garden.", "wellbeing": ["b", "e"], "how_we_know": "I plant seeds."},
    )


@pytest.fixture
def ready_plan(staff, peggy, plan, outcome, jo):
    """Peggy's plan with an outcome, Jo's help agreed, and a review date: ready to agree."""
    from whatsstrong.plans import services

    services.contribution_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "network", "network_member": jo.pk, "what": "dig the beds with me", "when": "Saturdays"},
    )
    services.agreement_save(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        network_member_id=jo.pk,
        data={"agreed": True, "agreed_on": datetime.date.today(), "their_wellbeing": "Jo works full time."},
    )
    plan.refresh_from_db()
    services.plan_save(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        expected_version=plan.version,
        data={"review_on": datetime.date.today() + datetime.timedelta(days=90)},
    )
    plan.refresh_from_db()
    return plan
