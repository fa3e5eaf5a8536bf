"""manage.py generate_council gives generated people support plans that keep the plans' own rules."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from whatsstrong.assessments.models import Assessment
from whatsstrong.plans import rules, services
from whatsstrong.plans.models import (
    ChangeStage,
    Contribution,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanSignOff,
    PlanVersion,
    SupportPlan,
)

PEOPLE = 300


@pytest.fixture
def council(db):
    out = StringIO()
    call_command("generate_council", people=PEOPLE, seed=7, batch_size=70, stdout=out)
    return out.getvalue()


def test_most_people_with_a_signed_off_assessment_have_a_plan_starting_from_it(council):
    signed = set(
        Assessment.objects.filter(kind__in=["strengths_and_wellbeing", "carers_wellbeing"], status="authorised")
        .values_list("person", flat=True)
        .distinct()
    )
    plans = list(SupportPlan.objects.select_related("assessment"))
    assert {p.person_id for p in plans} <= signed
    assert 0.7 * len(signed) <= len(plans) <= 0.9 * len(signed)
    assert all(p.assessment.person_id == p.person_id and p.assessment.status == "authorised" for p in plans)
    assert all(p.started_at.date() >= p.assessment.started_at.date() for p in plans)
    assert f"{len(plans):,} support plans" in council
    statuses = Counter(p.status for p in plans)
    assert statuses["agreed"] > len(plans) / 2 and statuses["draft"] >= 1


def test_outcomes_and_every_kind_of_help_with_the_network_from_the_persons_own_record(council):
    per_plan = Counter(PersonalOutcome.objects.values_list("plan", flat=True))
    assert set(per_plan) == set(SupportPlan.objects.values_list("pk", flat=True))
    assert all(1 <= n <= 3 for n in per_plan.values())
    assert set(Contribution.objects.values_list("kind", flat=True)) == set(rules.KIND_ORDER)
    assert not PersonalOutcome.objects.annotate(n=Count("contributions")).filter(n=0).exists()
    network = Contribution.objects.filter(kind="network").select_related("network_member")
    assert network and all(c.network_member.person_id == c.person_id for c in network)
    assert all(c.cost is None or c.cost >= 0 for c in Contribution.objects.all())
    assert all(text.startswith("I ") for text in PersonalOutcome.objects.values_list("text", flat=True))


def test_agreed_plans_keep_the_money_agreement_and_sign_off_rules(council):
    agreed = list(SupportPlan.objects.filter(status="agreed"))
    assert agreed
    for plan in agreed:
        assert services.sign_off_problems(plan) == [], plan.pk
        steps = list(PlanSignOff.objects.filter(plan=plan).values_list("action", flat=True))
        assert steps[-1] in ("self_authorised", "authorised")
        versions = list(PlanVersion.objects.filter(plan=plan))
        assert [v.number for v in versions] == list(range(1, plan.edition + 1))
        texts = [o["text"] for o in versions[-1].content["outcomes"]]
        assert texts == list(plan.outcomes.values_list("text", flat=True))
    managed = set(SupportPlan.objects.values_list("managed", flat=True))
    assert managed == {"", *SupportPlan.Management.values}
    assert NetworkAgreement.objects.filter(carers_assessment=True).exists()
    assert PlanVersion.objects.filter(number=2).exists()


def test_scores_and_stages_of_change_over_time(council):
    today = timezone.localdate()
    scores = list(OutcomeScore.objects.select_related("outcome__plan"))
    assert len(scores) > SupportPlan.objects.count()
    assert all(1 <= s.score <= 10 and s.outcome.plan.started_at.date() <= s.scored_on <= today for s in scores)
    assert not OutcomeScore.objects.filter(outcome__plan__status="draft").exists()
    stages = ChangeStage.objects.select_related("outcome")
    assert stages and all(s.outcome.asks_for_change and s.noted_on <= today for s in stages)


def test_a_generated_plan_page_opens(council, client):
    plan = SupportPlan.objects.filter(status="agreed").select_related("author").first()
    client.force_login(plan.author, backend="whatsstrong.core.backends.StaffBackend")
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    assert plan.outcomes.first().text in response.content.decode()
