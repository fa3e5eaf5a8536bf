"""The plan page's reads, in explicit SQL: the same models the ORM would give, in few queries."""

import datetime
from decimal import Decimal

import pytest

from whatsstrong.plans import queries, services

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def full_plan(staff, peggy, ready_plan, outcome, jo):
    """Peggy's agreed plan: two outcomes (one with nobody named yet), costs, scores and sign-off."""
    alice = staff["alice"]
    alice.qualified = True
    alice.save()
    for data in (
        {"kind": "paid", "who": "Garden helpers", "what": "dig", "cost": Decimal("25.50"), "cost_per": "week"},
        {"kind": "technology", "who": "Falls sensor", "what": "call Jo", "cost": Decimal("0.10"), "cost_per": "week"},
        {"kind": "self", "what": "water the seedlings"},
    ):
        services.contribution_add(actor=alice, person=peggy, outcome_id=outcome.pk, data=data)
    services.outcome_add(actor=alice, person=peggy, plan_id=ready_plan.pk, data={"text": "I want to sleep well."})
    for days, score in ((30, 3), (2, 6), (10, 5)):
        services.score_add(
            actor=alice, person=peggy, outcome_id=outcome.pk, score=score, scored_on=TODAY - datetime.timedelta(days)
        )
    return ready_plan


def test_the_plan_page_reads_in_four_queries_with_the_models_it_shows(full_plan, jo, django_assert_num_queries):
    with django_assert_num_queries(4):
        view = queries.plan_view(full_plan)
        garden, sleep = view.outcomes
        steps = [s.actor.display_name for s in view.steps]
        names = [c.network_member.name for _, _, parts in garden.groups for c in parts if c.network_member]
    assert [kind for kind, _, _ in garden.groups] == ["self", "network", "technology", "paid"]
    assert names == ["Jo Okafor"]
    assert sleep.outcome.text == "I want to sleep well." and sleep.groups == [] and sleep.scores == []
    assert [s.score for s in garden.scores] == [3, 5, 6] and garden.latest.scored_on == TODAY - datetime.timedelta(2)
    paid = garden.groups[-1][2][0]
    assert paid.cost == Decimal("25.50") and isinstance(paid.cost, Decimal)
    assert view.totals.week == Decimal("25.60")
    assert view.relied_on == {jo.pk: "Jo Okafor"} and view.agreements[jo.pk].agreed is True
    assert view.agreements[jo.pk].agreed_on == TODAY
    assert view.steps == [] and steps == []


def test_sign_off_steps_come_with_who_took_them(staff, peggy, ready_plan):
    services.plan_submit(actor=staff["alice"], person=peggy, plan_id=ready_plan.pk)
    services.plan_authorise(actor=staff["carol"], person=peggy, plan_id=ready_plan.pk)
    steps = queries.plan_view(ready_plan).steps
    assert [(s.action, s.actor.display_name) for s in steps] == [
        ("submitted", "Alice Test"),
        ("authorised", "Carol Test"),
    ]
    assert steps[0].at.tzinfo is not None


def test_a_plan_for_the_page_comes_with_its_author_and_assessment(staff, peggy, plan, make_person):
    services.plan_save(
        actor=staff["alice"], person=peggy, plan_id=plan.pk, data={"budget": Decimal("480.5")}, expected_version=1
    )
    found = queries.plan_for_page(peggy.pk, plan.pk)
    assert found == plan and found.author.display_name == "Alice Test" and found.assessment is None
    assert found.budget == Decimal("480.50") and isinstance(found.budget, Decimal)
    other = make_person(given_name="Ola", family_name="Ade", preferred_name="")
    assert queries.plan_for_page(other.pk, plan.pk) is None
    assert queries.plan_for_page(peggy.pk, 2**64) is None


def test_the_persons_plans_newest_first_with_their_author_in_one_query(staff, peggy, django_assert_num_queries):
    from whatsstrong.plans.models import SupportPlan

    first = services.plan_start(actor=staff["alice"], person=peggy)
    second = services.plan_start(actor=staff["carol"], person=peggy)
    SupportPlan.objects.filter(pk=first.pk).update(started_at=first.started_at - datetime.timedelta(days=9))
    with django_assert_num_queries(1):
        found = queries.plans_of(peggy.pk)
        authors = [p.author.display_name for p in found]
    assert found == [second, first] and authors == ["Carol Test", "Alice Test"]
    assert found[0].started_at.tzinfo is not None


def test_the_family_group_conferences_feeding_the_plan_newest_first(staff, peggy, plan):
    older = services.conference_add(
        actor=staff["alice"],
        person=peggy,
        data={"reason": "Plan together", "plan": plan.pk},
        referred_on=TODAY - datetime.timedelta(days=30),
    )
    newer = services.conference_add(actor=staff["alice"], person=peggy, data={"reason": "Again", "plan": plan.pk})
    services.conference_add(actor=staff["alice"], person=peggy, data={"reason": "Not for this plan"})
    found = queries.plan_view(plan).conferences
    assert found == [newer, older] and found[1].referred_on == older.referred_on
    assert found[0].get_stage_display() == "Referred"
