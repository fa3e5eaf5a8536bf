"""The demo's working with risk (data/risk.json): positive risk assessments, one for a move from a care
home to live with family and one with a best-interests record; two panels that heard referrals, with
attendance, advice, the decisions taken after them and actions, one overdue; a referral waiting."""

import pytest
from django.utils import timezone

from whatsstrong.risk.models import Panel, PanelAction, PanelReferral, RiskAssessment

pytestmark = pytest.mark.django_db


def test_a_move_from_a_care_home_to_live_with_family_is_agreed(demo):
    move = RiskAssessment.objects.get(person__given_name="Lorna")
    assert "live with her daughter" in move.decision
    assert move.status == "agreed" and move.capacity == "has"
    assert {r.for_whom for r in move.risks.all()} == {"them", "others"}
    assert move.history.first().history_user.username == "nadia"


def test_an_assessment_where_capacity_is_lacking_holds_its_best_interests_record(demo):
    artie = RiskAssessment.objects.get(person__given_name="Arthur")
    assert artie.capacity == "lacks"
    assert all(getattr(artie, f) for f in ("consulted", "past_wishes", "present_wishes", "best_interests"))


def test_two_panels_heard_referrals_and_the_decisions_were_the_practitioners(demo):
    today = timezone.localdate()
    met = Panel.objects.filter(meets_on__lt=today)
    assert met.count() == 2 and all(p.attendance for p in met)
    assert Panel.objects.filter(meets_on__gt=today).count() == 1
    decided = PanelReferral.objects.filter(status="decided").select_related("decided_by", "manager", "panel")
    assert decided.count() == 3
    for r in decided:
        assert r.advice and r.reasons and r.panel.meets_on < today
        assert r.decided_by.role == "practitioner" and r.manager.role == "supervisor"
    assert PanelReferral.objects.filter(status="waiting").count() == 1


def test_actions_are_done_due_and_overdue(demo):
    today = timezone.localdate()
    assert PanelAction.objects.filter(done=True).exists()
    assert PanelAction.objects.filter(done=False, due_on__lt=today).exists()
    assert PanelAction.objects.filter(done=False, due_on__gte=today).exists()
