"""The risk services: the rules hold however they are called, refusals change nothing, and every
change leaves a history row naming who made it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.core.records import EditConflict
from whatsstrong.risk import services
from whatsstrong.risk.models import PanelAction, PanelReferral, Risk, RiskAssessment

from .conftest import BEST_INTERESTS, LATER, TODAY, a_risk

pytestmark = pytest.mark.django_db


def test_lacking_capacity_without_the_best_interests_record_is_refused_and_nothing_changes(staff, peggy, assessment):
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(
            actor=staff["alice"],
            person=peggy,
            assessment_id=assessment.pk,
            data={"capacity": "lacks", "consulted": "Her son"},
            expected_version=assessment.version,
        )
    assert set(refused.value.message_dict) == set(BEST_INTERESTS) - {"capacity", "consulted"}
    assert refused.value.message_dict["past_wishes"] == ["Enter their past wishes, or say that none are known"]
    stored = RiskAssessment.objects.get(pk=assessment.pk)
    assert (stored.capacity, stored.consulted, stored.version) == ("", "", assessment.version)


def test_lacking_capacity_with_the_best_interests_record_is_kept_as_part_of_the_assessment(staff, peggy, assessment):
    saved = services.assessment_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=assessment.pk,
        data=BEST_INTERESTS,
        expected_version=assessment.version,
    )
    assert saved.capacity == "lacks"
    assert saved.present_wishes == "“Take me home to Femi's.”"
    assert saved.history.first().history_user == staff["alice"]


def test_clearing_best_interests_later_is_refused_while_they_lack_capacity(staff, peggy, assessment):
    saved = services.assessment_save(
        actor=staff["alice"], person=peggy, assessment_id=assessment.pk, data=BEST_INTERESTS, expected_version=1
    )
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(
            actor=staff["alice"],
            person=peggy,
            assessment_id=assessment.pk,
            data={"consulted": ""},
            expected_version=saved.version,
        )
    assert refused.value.message_dict == {"consulted": ["Enter who was consulted about their best interests"]}


def test_a_likelihood_out_of_range_is_refused_in_words(staff, peggy, assessment):
    with pytest.raises(ValidationError) as refused:
        services.risk_add(
            actor=staff["alice"], person=peggy, assessment_id=assessment.pk, data=a_risk(likelihood_ours=4)
        )
    assert refused.value.message_dict == {
        "likelihood_ours": ["Choose how likely it is, in your view: a number from 1 (unlikely) to 3 (likely)"]
    }
    assert Risk.objects.filter(assessment=assessment).count() == 1


def test_a_review_date_in_the_past_is_refused(staff, peggy):
    with pytest.raises(ValidationError) as refused:
        services.assessment_start(
            actor=staff["alice"],
            person=peggy,
            data={"decision": "Going to the shops alone", "review_on": TODAY - datetime.timedelta(days=1)},
        )
    assert refused.value.message_dict == {"review_on": ["The review date must be in the future"]}
    assert not RiskAssessment.objects.filter(person=peggy).exists()


def test_agreeing_checks_everything_and_then_keeps_the_assessment_as_agreed(staff, peggy, assessment):
    alice = staff["alice"]
    with pytest.raises(ValidationError) as refused:
        services.assessment_agree(
            actor=alice,
            person=peggy,
            assessment_id=assessment.pk,
            data={"agreed_by": "Peggy and her son", "review_on": LATER},
            expected_version=assessment.version,
        )
    assert refused.value.message_dict == {
        "capacity": ["Record whether they have capacity to make this decision before agreeing"]
    }
    saved = services.assessment_save(
        actor=alice, person=peggy, assessment_id=assessment.pk, data={"capacity": "has"}, expected_version=1
    )
    agreed = services.assessment_agree(
        actor=alice,
        person=peggy,
        assessment_id=assessment.pk,
        data={"agreed_by": "Peggy and her son", "review_on": LATER},
        expected_version=saved.version,
    )
    assert (agreed.status, agreed.agreed_on, agreed.recorded_by) == ("agreed", TODAY, alice)
    with pytest.raises(PermissionDenied):
        services.risk_add(actor=alice, person=peggy, assessment_id=assessment.pk, data=a_risk())


def test_a_stale_version_meets_an_edit_conflict(staff, peggy, assessment):
    services.assessment_save(
        actor=staff["carol"], person=peggy, assessment_id=assessment.pk, data={"their_view": "x"}, expected_version=1
    )
    with pytest.raises(EditConflict) as conflict:
        services.assessment_save(
            actor=staff["alice"],
            person=peggy,
            assessment_id=assessment.pk,
            data={"their_view": "y"},
            expected_version=1,
        )
    assert conflict.value.saved_by == staff["carol"]


@pytest.mark.parametrize("who", ["bob", "sam", "quinn", "lee", "dina", "adam"])
def test_only_the_persons_team_writes_an_assessment(staff, peggy, who):
    with pytest.raises(PermissionDenied):
        services.assessment_start(actor=staff[who], person=peggy, data={"decision": "Going out alone"})
    assert not RiskAssessment.objects.exists()


@pytest.mark.parametrize("who", ["bob", "sam", "quinn", "lee", "dina", "adam"])
def test_only_the_persons_team_refers(staff, peggy, who):
    with pytest.raises(PermissionDenied):
        services.referral_add(
            actor=staff[who], person=peggy, data={"situation": "s", "tried": "t", "their_view": "v", "question": "q"}
        )


def test_a_referral_names_what_is_missing(staff, peggy):
    with pytest.raises(ValidationError) as refused:
        services.referral_add(actor=staff["alice"], person=peggy, data={"situation": "s", "tried": "", "question": ""})
    assert set(refused.value.message_dict) == {"tried", "their_view", "question"}


def test_a_referral_links_only_this_persons_assessment(staff, peggy, make_person):
    other = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    theirs = services.assessment_start(actor=staff["alice"], person=other, data={"decision": "Going out alone"})
    with pytest.raises(ValidationError) as refused:
        services.referral_add(
            actor=staff["alice"],
            person=peggy,
            data={"situation": "s", "tried": "t", "their_view": "v", "question": "q", "assessment": theirs.pk},
        )
    assert refused.value.message_dict == {"assessment": ["Choose one of this person's positive risk assessments"]}


@pytest.mark.parametrize("who", ["alice", "bob", "dina", "adam"])
def test_only_coordinators_set_panel_dates(staff, who):
    with pytest.raises(PermissionDenied):
        services.panel_add(actor=staff[who], data={"meets_on": TODAY})


@pytest.mark.parametrize("who", ["carol", "sam", "quinn", "lee"])
def test_supervisors_quality_leads_and_senior_leaders_coordinate(staff, who):
    assert services.panel_add(actor=staff[who], data={"meets_on": TODAY}).arranged_by == staff[who]


def test_a_panel_date_in_the_past_is_refused(staff):
    with pytest.raises(ValidationError) as refused:
        services.panel_add(actor=staff["quinn"], data={"meets_on": TODAY - datetime.timedelta(days=1)})
    assert refused.value.message_dict == {"meets_on": ["The date of the panel must be today or in the future"]}


def test_one_panel_hears_several_referrals(staff, peggy, make_person, referral, panel):
    ravi = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    second = services.referral_add(
        actor=staff["alice"], person=ravi, data={"situation": "s", "tried": "t", "their_view": "v", "question": "q"}
    )
    for person, r in ((peggy, referral), (ravi, second)):
        services.referral_schedule(
            actor=staff["quinn"], person=person, referral_id=r.pk, panel_id=panel.pk, expected_version=1
        )
    assert set(panel.referrals.values_list("status", flat=True)) == {"scheduled"}
    assert panel.referrals.count() == 2


def test_the_panel_advises_and_does_not_decide(staff, peggy, heard):
    assert heard.status == "heard"
    assert (heard.decision, heard.decided_by, heard.manager) == ("", None, None)
    # A coordinator outside the person's team cannot record the decision: it is not the panel's.
    for who in ("quinn", "lee", "sam"):
        with pytest.raises(PermissionDenied):
            services.referral_decide(
                actor=staff[who],
                person=peggy,
                referral_id=heard.pk,
                data={"decision": "Go ahead", "reasons": "r", "manager": staff["carol"].pk},
                expected_version=heard.version,
            )
    assert PanelReferral.objects.get(pk=heard.pk).decision == ""


def test_the_practitioner_records_the_decision_with_their_manager_after_the_panel(staff, peggy, heard):
    decided = services.referral_decide(
        actor=staff["alice"],
        person=peggy,
        referral_id=heard.pk,
        data={"decision": "A trial move", "reasons": "She wants it; help at night.", "manager": staff["carol"].pk},
        expected_version=heard.version,
    )
    assert (decided.status, decided.decided_by, decided.manager, decided.decided_on) == (
        "decided",
        staff["alice"],
        staff["carol"],
        TODAY,
    )


def test_the_decision_is_refused_before_the_panel_has_heard_it(staff, peggy, referral):
    with pytest.raises(ValidationError) as refused:
        services.referral_decide(
            actor=staff["alice"],
            person=peggy,
            referral_id=referral.pk,
            data={"decision": "Go", "reasons": "r", "manager": staff["carol"].pk},
            expected_version=referral.version,
        )
    assert "after the panel has heard" in refused.value.message_dict["decision"][0]


def test_the_manager_must_manage_the_persons_team(staff, peggy, heard):
    with pytest.raises(ValidationError) as refused:
        services.referral_decide(
            actor=staff["alice"],
            person=peggy,
            referral_id=heard.pk,
            data={"decision": "Go", "reasons": "r", "manager": staff["sam"].pk},
            expected_version=heard.version,
        )
    assert refused.value.message_dict == {"manager": ["Choose a manager of the person's team"]}


def test_recording_the_panel_is_refused_before_it_meets(staff, peggy, referral):
    later = services.panel_add(actor=staff["quinn"], data={"meets_on": LATER})
    services.referral_schedule(
        actor=staff["quinn"], person=peggy, referral_id=referral.pk, panel_id=later.pk, expected_version=1
    )
    with pytest.raises(ValidationError) as refused:
        services.panel_record(
            actor=staff["quinn"],
            person=peggy,
            referral_id=referral.pk,
            data={"discussion": "d", "advice": "a"},
            expected_version=2,
        )
    assert "has not met yet" in refused.value.message_dict["advice"][0]
    assert PanelReferral.objects.get(pk=referral.pk).advice == ""


def test_actions_are_kept_by_coordinators_and_the_team_and_marked_done(staff, peggy, heard):
    action = services.action_add(
        actor=staff["quinn"],
        person=peggy,
        referral_id=heard.pk,
        data={"what": "Ask for a telecare check", "owner": "Alice", "due_on": LATER},
    )
    with pytest.raises(PermissionDenied):
        services.action_done(actor=staff["bob"], person=peggy, action_id=action.pk, done=True, expected_version=1)
    done = services.action_done(actor=staff["alice"], person=peggy, action_id=action.pk, done=True, expected_version=1)
    assert (done.done, done.done_on) == (True, TODAY)
    assert PanelAction.history.filter(id=action.pk).first().history_user == staff["alice"]
