"""manage.py generate_council gives generated people positive risk assessments and panel referrals
that keep the risk app's own rules, at the rates generator/risk.py states."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from whatsstrong.demo.generator import risk as generator
from whatsstrong.people.models import Person
from whatsstrong.risk import rules
from whatsstrong.risk.models import Panel, PanelAction, PanelReferral, Risk, RiskAssessment

PEOPLE = 2000


@pytest.fixture
def council(db):
    out = StringIO()
    call_command("generate_council", people=PEOPLE, seed=7, batch_size=500, stdout=out)
    return out.getvalue()


def test_assessments_and_referrals_come_at_the_stated_rates(council):
    people = Person.objects.count()
    assessed = RiskAssessment.objects.values("person").distinct().count()
    assert 0.5 * generator.ASSESSMENT_RATE * people <= assessed <= 2 * generator.ASSESSMENT_RATE * people
    referrals = PanelReferral.objects.count()
    assert 0.4 * generator.REFERRAL_RATE * RiskAssessment.objects.count() <= referrals
    assert referrals <= 2 * generator.REFERRAL_RATE * RiskAssessment.objects.count()
    assert "positive risk assessments" in council and "panel referrals" in council


def test_generated_records_keep_the_rules(council):
    today = timezone.localdate()
    for a in RiskAssessment.objects.all():
        values = {f: getattr(a, f) for f in ("capacity", *rules.BEST_INTERESTS)}
        assert rules.capacity_problems(values) == {}
        if a.status == "agreed":
            assert a.review_on > today and a.agreed_by
    for r in Risk.objects.all():
        assert rules.risk_problems(r.__dict__) == {}
    assert RiskAssessment.objects.filter(capacity="lacks").exists()
    for referral in PanelReferral.objects.select_related("panel", "assessment"):
        assert referral.assessment.person_id == referral.person_id
        if referral.status == "waiting":
            assert referral.panel is None
        else:
            assert referral.panel.meets_on > referral.referred_on
        if referral.status in ("heard", "decided"):
            assert referral.panel.meets_on <= today and referral.advice
        if referral.status == "decided":
            assert referral.decided_by_id and referral.manager_id and referral.reasons


def test_panels_fall_every_fortnight_with_some_ahead_and_overdue_actions(council):
    today = timezone.localdate()
    assert Panel.objects.filter(meets_on__gt=today).count() >= generator.PANELS_AHEAD - 1
    assert PanelAction.objects.filter(done=False, due_on__lt=today).exists()
    assert PanelAction.objects.filter(done=True).exists()


def test_records_added_afterwards_through_the_services_get_fresh_ids(council):
    from whatsstrong.risk import services

    person = Person.objects.filter(allocated_worker__isnull=False).select_related("allocated_worker").first()
    top = RiskAssessment.objects.order_by("-pk").values_list("pk", flat=True).first()
    made = services.assessment_start(actor=person.allocated_worker, person=person, data={"decision": "Going out alone"})
    assert made.pk > top
