"""The demo's support plans (data/plans.json): every kind of help, money managed every way, progress
over months, a family group conference, a journey through the stages of change, and two versions."""

import datetime

import pytest
from django.utils import timezone

from whatsstrong.people.models import Person
from whatsstrong.plans import rules, services
from whatsstrong.plans.models import (
    ChangeStage,
    Contribution,
    FamilyGroupConference,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    SupportPlan,
)

pytestmark = pytest.mark.django_db


def plan_of(given_name):
    return SupportPlan.objects.select_related("person", "assessment").get(person__given_name=given_name)


def test_plans_have_every_kind_of_help_and_every_way_of_managing_money(demo):
    assert set(Contribution.objects.values_list("kind", flat=True)) == set(rules.KIND_ORDER)
    managed = set(SupportPlan.objects.exclude(managed="").values_list("managed", flat=True))
    assert managed == set(SupportPlan.Management.values)
    devices = " ".join(Contribution.objects.filter(kind="technology").values_list("who", flat=True)).lower()
    assert "falls sensor" in devices and "tablet box" in devices
    # Someone from the network is always from the person's own record.
    network = Contribution.objects.filter(kind="network").select_related("network_member")
    assert network and all(c.network_member.person_id == c.person_id for c in network)


def test_agreed_plans_are_complete_with_each_helpers_agreement_and_wellbeing(demo):
    agreed = list(SupportPlan.objects.filter(status="agreed"))
    assert len(agreed) >= 4
    for plan in agreed:
        assert services.sign_off_problems(plan) == [], plan.person
        assert plan.if_carer_unwell and plan.if_things_go_wrong and plan.who_to_call, plan.person
        relied = services.relied_on(plan.pk)
        notes = dict(
            NetworkAgreement.objects.filter(plan=plan, agreed=True).values_list("network_member", "their_wellbeing")
        )
        assert set(relied) <= set(notes) and all(notes.values()), plan.person
    assert NetworkAgreement.objects.filter(carers_assessment=True).count() >= 3
    statuses = set(SupportPlan.objects.values_list("status", flat=True))
    assert {"draft", "awaiting_sign_off", "agreed"} <= statuses


def test_outcomes_are_in_the_first_person_and_scored_over_months(demo):
    assert all(text.startswith("I ") for text in PersonalOutcome.objects.values_list("text", flat=True))
    spans = {}
    for outcome_id, day in OutcomeScore.objects.values_list("outcome", "scored_on"):
        spans.setdefault(outcome_id, []).append(day)
    months = [max(days) - min(days) for days in spans.values() if len(days) >= 3]
    assert sum(span >= datetime.timedelta(days=90) for span in months) >= 4
    assert max(d for days in spans.values() for d in days) <= timezone.localdate()
    assert not OutcomeScore.history.filter(history_user__isnull=True).exists()


def test_kamalas_plan_starts_from_her_assessment_and_her_review_made_a_second_version(demo):
    plan = plan_of("Kamala")
    assert plan.assessment.status == "authorised" and plan.assessment.person_id == plan.person_id
    assert (plan.status, plan.edition) == ("agreed", 2)
    first, second = plan.versions.all()
    assert first.agreed_at < second.agreed_at <= timezone.now()
    assert [o["text"] for o in first.content["outcomes"]] == [o["text"] for o in second.content["outcomes"]][:2]
    assert len(second.content["outcomes"]) == 3
    assert [s.action for s in plan.sign_offs.all()] == ["self_authorised", "reopened", "self_authorised"]
    # Her review gave a score for each outcome it looked back at.
    assert OutcomeScore.objects.filter(outcome__plan=plan, review__kind="review").count() == 2


def test_a_family_group_conferences_action_plan_is_linked_into_the_plan(demo):
    conference = FamilyGroupConference.objects.get()
    assert conference.stage == "plan_agreed" and conference.plan.person_id == conference.person_id
    assert conference.invited.count() >= 3 and conference.review_on
    actions = list(conference.actions.select_related("contribution", "outcome"))
    assert len(actions) >= 3
    assert all(a.outcome and a.outcome.plan_id == conference.plan_id and a.contribution for a in actions)
    assert conference.plan.status == "agreed"


def test_a_journey_through_the_stages_of_change(demo):
    journeys = {}
    for outcome_id, stage in ChangeStage.objects.values_list("outcome", "stage"):
        journeys.setdefault(outcome_id, []).append(stage)
    assert ["contemplation", "decision", "action", "lapse", "action"] in journeys.values()
    assert all(PersonalOutcome.objects.get(pk=pk).asks_for_change for pk in journeys)


def test_a_young_adult_from_childrens_services_employs_assistants_through_a_direct_payment(demo):
    today = timezone.localdate()
    young = [
        p
        for p in Person.objects.filter(life_story__icontains="children's services")
        if 18 <= (today - p.date_of_birth).days // 365.25 <= 19
    ]
    plans = SupportPlan.objects.filter(person__in=young, managed="direct_payment", status="agreed")
    assert plans.exists()
    paid = Contribution.objects.filter(plan__in=plans, kind="paid", from_budget=True)
    assert any("personal assistant" in c.who.lower() for c in paid)


def test_the_persons_copy_of_every_demo_plan_reads_at_grade_seven_or_below(demo):
    """The copy as the person gets it (plans/copy.py over what queries.copy_content gives), measured
    with the Flesch-Kincaid grade: about a reading age of 11 or 12."""
    import textstat

    from whatsstrong.plans import copy, queries

    for plan in SupportPlan.objects.select_related("person"):
        content, number, day = queries.copy_content(plan)
        document = copy.build(content, name=plan.person.display_name, version=number, agreed_on=day)
        text = copy.plain_text(document.sections)
        assert content["outcomes"][0]["text"] in text, plan.person
        assert textstat.flesch_kincaid_grade(text) <= 7, (plan.person, text)


def test_every_demo_plan_page_opens_for_its_author(demo, client):
    for plan in SupportPlan.objects.select_related("author"):
        client.force_login(plan.author, backend="whatsstrong.core.backends.StaffBackend")
        response = client.get(plan.get_absolute_url())
        assert response.status_code == 200, plan.person
        assert plan.person.display_name in response.content.decode()
