"""A forum on 10 March 2026 chaired by Carol, and Peggy's support plan with a paid contribution from
her budget, set up through the services."""

import datetime
from types import SimpleNamespace

import pytest

from whatsstrong.directory.models import TaxonomyTerm
from whatsstrong.forums import services
from whatsstrong.plans import services as plans

HELD_ON = datetime.date(2026, 3, 10)


def term(code):
    return TaxonomyTerm.objects.get(taxonomy__code="whatsstrong-community", code=code)


@pytest.fixture
def plan(staff, peggy):
    alice = staff["alice"]
    made = plans.plan_start(actor=alice, person=peggy)
    outcome = plans.outcome_add(
        actor=alice, person=peggy, plan_id=made.pk, data={"text": "I want to sleep upstairs again.", "wellbeing": ["b"]}
    )
    plans.contribution_add(
        actor=alice,
        person=peggy,
        outcome_id=outcome.pk,
        data={
            "kind": "paid",
            "who": "Home support",
            "what": "help on the stairs each evening",
            "cost": "40.00",
            "cost_per": "week",
            "from_budget": True,
        },
    )
    made.refresh_from_db()
    return plans.plan_save(
        actor=alice,
        person=peggy,
        plan_id=made.pk,
        expected_version=made.version,
        data={"budget": "100.00", "budget_per": "week"},
    )


@pytest.fixture
def forum(staff):
    made = services.forum_add(
        actor=staff["carol"], data={"held_on": HELD_ON, "chair": staff["carol"], "place": "Room 2"}
    )
    for name, discipline in [("Sue", "social_work"), ("Omar", "occupational_therapy"), ("Tess", "commissioning")]:
        services.member_add(actor=staff["carol"], forum_id=made.pk, data={"name": name, "discipline": discipline})
    return made


@pytest.fixture
def hearing(staff, peggy, plan, forum):
    return services.hearing_add(
        actor=staff["alice"],
        person=peggy,
        forum_id=forum.pk,
        data={"plan": plan.pk, "story": "Peggy came home from hospital and wants her bedroom back."},
    )


@pytest.fixture
def world(staff, peggy, plan, forum, hearing):
    return SimpleNamespace(staff=staff, peggy=peggy, plan=plan, forum=forum, hearing=hearing)
