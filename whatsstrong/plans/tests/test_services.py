"""Writing plans through the services: the rules hold, bad input is refused, nothing is half saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.plans import rules, services
from whatsstrong.plans.models import Contribution, NetworkAgreement, OutcomeScore, PlanVersion, SupportPlan

TODAY = datetime.date.today()


def test_a_plan_starts_from_a_signed_off_assessment_only(staff, peggy):
    from whatsstrong.assessments.services import assessment_start

    open_one = assessment_start(actor=staff["alice"], person=peggy, kind="strengths_and_wellbeing")
    with pytest.raises(ValidationError) as refused:
        services.plan_start(actor=staff["alice"], person=peggy, assessment_id=open_one.pk)
    assert services.NO_HAND_OVER in refused.value.messages
    assert not SupportPlan.objects.exists()


def test_a_network_member_from_another_persons_record_is_refused(staff, peggy, outcome, make_person):
    from whatsstrong.people.services import network_member_save

    other = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    theirs = network_member_save(actor=staff["alice"], person=other, data={"name": "Kim", "relationship": "son"})
    with pytest.raises(ValidationError) as refused:
        services.contribution_add(
            actor=staff["alice"],
            person=peggy,
            outcome_id=outcome.pk,
            data={"kind": "network", "network_member": theirs.pk, "what": "visit"},
        )
    assert refused.value.message_dict == {"network_member": ["Choose someone from this person's own network"]}
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("cost", "words"),
    [
        ("-1", "Enter an amount of £0 or more"),
        ("12.345", "Enter an amount with no more than 2 figures after the point, like 125.50"),
        ("lots", "Enter an amount in pounds and pence, like 125.50"),
        ("NaN", "Enter an amount in pounds and pence, like 125.50"),
    ],
)
def test_a_bad_cost_is_refused_in_words(staff, peggy, outcome, cost, words):
    with pytest.raises(ValidationError) as refused:
        services.contribution_add(
            actor=staff["alice"],
            person=peggy,
            outcome_id=outcome.pk,
            data={"kind": "paid", "who": "Personal assistant", "what": "cook", "cost": cost, "cost_per": "week"},
        )
    assert refused.value.message_dict["cost"] == [words]
    assert not Contribution.objects.exists()


def test_a_negative_budget_is_refused_and_the_plan_kept(staff, peggy, plan):
    with pytest.raises(ValidationError) as refused:
        services.plan_save(
            actor=staff["alice"],
            person=peggy,
            plan_id=plan.pk,
            expected_version=plan.version,
            data={"budget": Decimal("-5.00"), "budget_per": "week", "good_life": "Gardening"},
        )
    assert refused.value.message_dict == {"budget": ["Enter an amount of £0 or more"]}
    plan.refresh_from_db()
    assert plan.budget is None and plan.good_life == ""


@pytest.mark.parametrize("score", [0, 11, 5.5, "7", True])
def test_a_score_outside_one_to_ten_is_refused(staff, peggy, outcome, score):
    with pytest.raises(ValidationError) as refused:
        services.score_add(actor=staff["alice"], person=peggy, outcome_id=outcome.pk, score=score, scored_on=TODAY)
    assert refused.value.message_dict == {"score": ["Enter a score from 1 to 10"]}
    assert not OutcomeScore.objects.exists()


def test_the_plan_cannot_be_agreed_until_the_carer_agrees_with_a_note_on_their_wellbeing(
    staff, peggy, plan, outcome, jo
):
    services.contribution_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "network", "network_member": jo.pk, "what": "dig the beds with me"},
    )
    plan.refresh_from_db()
    services.plan_save(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        expected_version=plan.version,
        data={"review_on": TODAY + datetime.timedelta(days=30)},
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(actor=staff["alice"], person=peggy, plan_id=plan.pk)
    assert refused.value.messages == [
        "Record whether Jo Okafor agrees to what the plan asks of them",
        "Add a note on how Jo Okafor is, for their own wellbeing",
    ]
    services.agreement_save(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        network_member_id=jo.pk,
        data={"agreed": True, "agreed_on": TODAY, "their_wellbeing": ""},
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(actor=staff["alice"], person=peggy, plan_id=plan.pk)
    assert refused.value.messages == ["Add a note on how Jo Okafor is, for their own wellbeing"]


def test_agreeing_writes_a_version_and_changes_open_the_next(staff, peggy, ready_plan, outcome):
    staff["alice"].qualified = True
    staff["alice"].save()
    agreed = services.plan_submit(actor=staff["alice"], person=peggy, plan_id=ready_plan.pk)
    assert agreed.status == SupportPlan.Status.AGREED
    first = PlanVersion.objects.get(plan=ready_plan)
    assert first.number == 1
    assert first.content["outcomes"][0]["text"] == "I want to get back to my garden."
    with pytest.raises(PermissionDenied):
        services.outcome_add(actor=staff["alice"], person=peggy, plan_id=ready_plan.pk, data={"text": "More"})
    assert rules.versions_agreed(agreed.status, agreed.edition) == 1
    reopened = services.plan_reopen(actor=staff["alice"], person=peggy, plan_id=ready_plan.pk)
    assert (reopened.status, reopened.edition) == ("draft", 2)
    assert rules.versions_agreed(reopened.status, reopened.edition) == 1
    sing = services.outcome_add(
        actor=staff["alice"], person=peggy, plan_id=ready_plan.pk, data={"text": "I want to sing."}
    )
    services.contribution_add(
        actor=staff["alice"], person=peggy, outcome_id=sing.pk, data={"kind": "self", "what": "find a choir"}
    )
    services.plan_submit(actor=staff["alice"], person=peggy, plan_id=ready_plan.pk)
    versions = list(PlanVersion.objects.filter(plan=ready_plan).values_list("number", flat=True))
    assert versions == [1, 2]
    ready_plan.refresh_from_db()
    assert rules.versions_agreed(ready_plan.status, ready_plan.edition) == 2
    # The first version is kept as it was agreed.
    assert [o["text"] for o in PlanVersion.objects.get(plan=ready_plan, number=1).content["outcomes"]] == [
        "I want to get back to my garden."
    ]


def test_an_unqualified_authors_plan_goes_to_a_supervisor_of_the_team(staff, peggy, ready_plan):
    waiting = services.plan_submit(actor=staff["alice"], person=peggy, plan_id=ready_plan.pk)
    assert waiting.status == SupportPlan.Status.AWAITING
    with pytest.raises(PermissionDenied) as refused:
        services.plan_authorise(actor=staff["sam"], person=peggy, plan_id=ready_plan.pk)
    assert "the person's team can change this record" in str(refused.value)
    agreed = services.plan_authorise(actor=staff["carol"], person=peggy, plan_id=ready_plan.pk)
    assert agreed.status == SupportPlan.Status.AGREED
    assert PlanVersion.objects.filter(plan=ready_plan, agreed_by=staff["carol"]).exists()


def test_an_agreement_only_for_someone_the_plan_relies_on(staff, peggy, plan, jo):
    with pytest.raises(ValidationError):
        services.agreement_save(
            actor=staff["alice"],
            person=peggy,
            plan_id=plan.pk,
            network_member_id=jo.pk,
            data={"agreed": True, "agreed_on": TODAY},
        )
    assert not NetworkAgreement.objects.exists()


def test_someone_from_another_team_cannot_change_the_plan(staff, peggy, plan):
    with pytest.raises(PermissionDenied):
        services.outcome_add(actor=staff["bob"], person=peggy, plan_id=plan.pk, data={"text": "Anything"})


def test_a_family_action_links_into_the_plan_as_a_network_contribution(staff, peggy, plan, outcome, jo):
    conference = services.conference_add(
        actor=staff["alice"], person=peggy, data={"reason": "I want my family to plan with me."}, invited=[jo.pk]
    )
    action = services.family_action_add(
        actor=staff["alice"],
        person=peggy,
        conference_id=conference.pk,
        data={"network_member": jo.pk, "what": "ring me every evening", "by_when": "From May"},
    )
    made = services.family_action_link(actor=staff["alice"], person=peggy, action_id=action.pk, outcome_id=outcome.pk)
    assert (made.kind, made.network_member_id, made.what, made.family_action_id) == (
        "network",
        jo.pk,
        "ring me every evening",
        action.pk,
    )
    action.refresh_from_db()
    assert action.outcome_id == outcome.pk
    with pytest.raises(ValidationError):
        services.family_action_link(actor=staff["alice"], person=peggy, action_id=action.pk, outcome_id=outcome.pk)
    assert Contribution.objects.filter(family_action=action).count() == 1


def test_stage_history_is_kept(staff, peggy, plan):
    changing = services.outcome_add(
        actor=staff["alice"],
        person=peggy,
        plan_id=plan.pk,
        data={"text": "I want to drink less.", "asks_for_change": True},
    )
    for stage in ("contemplation", "decision", "action", "lapse"):
        services.stage_add(actor=staff["alice"], person=peggy, outcome_id=changing.pk, stage=stage, noted_on=TODAY)
    assert list(changing.stages.values_list("stage", flat=True)) == ["contemplation", "decision", "action", "lapse"]
    with pytest.raises(ValidationError):
        services.stage_add(actor=staff["alice"], person=peggy, outcome_id=changing.pk, stage="cured", noted_on=TODAY)


@pytest.mark.parametrize("invited", [[2**64], [0], [True]])
def test_a_conference_inviting_no_such_network_member_is_refused_in_words(staff, peggy, invited):
    from whatsstrong.plans.models import FamilyGroupConference

    with pytest.raises(ValidationError) as refused:
        services.conference_add(actor=staff["alice"], person=peggy, data={"reason": "Family"}, invited=invited)
    assert refused.value.message_dict == {"invited": ["Choose someone from this person's own network"]}
    assert not FamilyGroupConference.objects.exists()
