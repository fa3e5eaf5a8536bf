"""Audits, moderation and sampling through the services: who may do what, bad input refused with
the standard named and nothing lost, moderation differences reported, the same sample every time."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.audits import queries, rules, services
from whatsstrong.audits.models import Audit, AuditRating, Sample
from whatsstrong.core import access

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_a_team_manager_audits_a_record_of_the_assessments_author(staff, strong):
    audit = services.audit_start(
        actor=staff["carol"], kind="record", person=strong.person, assessment=strong.assessment
    )
    assert audit.practitioner == staff["alice"] and audit.team == strong.person.team
    assert audit.quarter == rules.quarter_of(TODAY)
    assert audit.history.first().history_user == staff["carol"]


@pytest.mark.parametrize("who", ["alice", "sam", "lee", "dina"])
def test_only_the_teams_manager_or_a_quality_lead_audits(staff, strong, who):
    with pytest.raises(PermissionDenied):
        services.audit_start(actor=staff[who], kind="record", person=strong.person)
    assert not Audit.objects.exists()
    assert services.audit_start(actor=staff["quinn"], kind="record", person=strong.person).auditor == staff["quinn"]


def test_an_observation_needs_the_persons_agreement_and_a_past_date(staff, strong):
    with pytest.raises(ValidationError) as refused:
        services.audit_start(
            actor=staff["carol"], kind="observation", person=strong.person, practitioner=staff["alice"]
        )
    assert set(refused.value.message_dict) == {"consent", "observed_on"}
    with pytest.raises(ValidationError) as refused:
        services.audit_start(
            actor=staff["carol"],
            kind="observation",
            person=strong.person,
            practitioner=staff["alice"],
            consent=True,
            observed_on=TODAY + datetime.timedelta(days=1),
        )
    assert refused.value.message_dict == {"observed_on": [services.FUTURE]}
    observed = services.audit_start(
        actor=staff["carol"],
        kind="observation",
        person=strong.person,
        practitioner=staff["alice"],
        consent=True,
        observed_on=TODAY,
        focus="The review visit at Peggy's home",
    )
    assert observed.consent and observed.observed_on == TODAY


def test_a_rating_outside_the_scale_is_refused_with_the_standard_named_and_nothing_lost(staff, strong):
    audit = services.audit_start(actor=staff["carol"], kind="record", person=strong.person)
    first = services.audit_save(
        actor=staff["carol"],
        audit_id=audit.pk,
        expected_version=audit.version,
        ratings={"skills": ("good", "Good open questions.")},
        strengths="Kept",
    )
    with pytest.raises(ValidationError) as refused:
        services.audit_save(
            actor=staff["carol"],
            audit_id=audit.pk,
            expected_version=first.version,
            ratings={"skills": ("excellent", "Changed"), "persons-voice": ("good", "")},
            strengths="Changed",
        )
    assert refused.value.message_dict == {"rating_skills": ["Choose a rating from the scale for Skills"]}
    row = AuditRating.objects.get(audit=audit)
    assert (row.rating.code, row.evidence) == ("good", "Good open questions.")
    audit.refresh_from_db()
    assert audit.strengths == "Kept" and audit.version == first.version


def test_sharing_needs_every_standard_rated_and_the_strengths(staff, strong):
    audit = services.audit_start(actor=staff["carol"], kind="record", person=strong.person)
    with pytest.raises(ValidationError) as refused:
        services.audit_save(
            actor=staff["carol"], audit_id=audit.pk, expected_version=1, ratings={"skills": ("good", "")}, share=True
        )
    errors = refused.value.message_dict
    assert errors["rating_persons-voice"] == ["Choose a rating for The person's voice"]
    assert "rating_skills" not in errors and errors["strengths"] == [services.NO_STRENGTHS]
    assert Audit.objects.get(pk=audit.pk).shared_at is None


def test_the_practitioner_sees_the_audit_only_once_shared_and_then_responds(staff, strong):
    audit = services.audit_start(actor=staff["carol"], kind="record", person=strong.person)
    assert not access.can_see_audit(staff["alice"], audit)
    with pytest.raises(PermissionDenied):
        services.audit_respond(actor=staff["alice"], audit_id=audit.pk, expected_version=1, response="Thanks")


def test_the_practitioner_answers_a_shared_audit_and_marks_actions_done(staff, shared_audit):
    alice = staff["alice"]
    assert access.can_see_audit(alice, shared_audit) and not access.can_see_audit(staff["bob"], shared_audit)
    action = services.action_add(actor=staff["carol"], audit_id=shared_audit.pk, text="Write the risk conversation up")
    services.action_done(actor=alice, action_id=action.pk, done=True)
    action.refresh_from_db()
    assert action.done and action.history.first().history_user == alice
    with pytest.raises(PermissionDenied):
        services.action_done(actor=staff["bob"], action_id=action.pk, done=False)
    answered = services.audit_respond(
        actor=alice, audit_id=shared_audit.pk, expected_version=shared_audit.version, response="  Fair, thank you.  "
    )
    assert answered.response == "Fair, thank you." and answered.responded_at
    with pytest.raises(PermissionDenied):
        services.audit_respond(
            actor=staff["carol"], audit_id=shared_audit.pk, expected_version=answered.version, response="Not mine"
        )


def test_a_shared_audit_is_no_longer_changed(staff, shared_audit):
    with pytest.raises(PermissionDenied):
        services.audit_save(
            actor=staff["carol"], audit_id=shared_audit.pk, expected_version=shared_audit.version, ratings={}
        )


def test_moderation_agrees_or_adjusts_with_a_reason_and_the_differences_are_reported(staff, shared_audit):
    lee = staff["lee"]
    with pytest.raises(ValidationError) as refused:
        services.audit_moderate(
            actor=lee,
            audit_id=shared_audit.pk,
            expected_version=shared_audit.version,
            moderated={"persons-voice": "good", "skills": "developing"},
            reasons={"persons-voice": "Fewer quotations than the rating suggests"},
        )
    assert refused.value.message_dict == {"moderated_skills": ["Say why you changed the rating for Skills"]}
    assert not AuditRating.objects.filter(audit=shared_audit, moderated__isnull=False).exists()
    assert Audit.objects.get(pk=shared_audit.pk).moderated_at is None

    done = services.audit_moderate(
        actor=lee,
        audit_id=shared_audit.pk,
        expected_version=shared_audit.version,
        moderated={"persons-voice": "good", "skills": "developing", "values-ethics": "good"},
        reasons={"persons-voice": "Fewer quotations than the rating suggests", "skills": "Little reflection shown"},
        comment="A sound audit.",
    )
    assert done.moderator == lee and done.moderated_at
    report = queries.moderation_report()
    assert [(r.standard.code, r.rating.code, r.moderated.code) for r in report["differences"]] == [
        ("persons-voice", "strong", "good"),
        ("skills", "good", "developing"),
    ]
    rated = len(queries.standards())
    assert report["rated"] == rated and report["differed"] == 2
    assert report["teams"] == [("North Locality", rated, 2, rules.agreement(rated, 2))]


@pytest.mark.parametrize("who", ["carol", "quinn", "alice"])
def test_only_a_senior_leader_who_did_not_write_it_moderates(staff, shared_audit, who):
    with pytest.raises(PermissionDenied):
        services.audit_moderate(
            actor=staff[who], audit_id=shared_audit.pk, expected_version=shared_audit.version, moderated={}, reasons={}
        )


def test_a_moderation_made_on_an_older_version_is_refused(staff, shared_audit):
    from whatsstrong.core.records import EditConflict

    services.audit_respond(
        actor=staff["alice"], audit_id=shared_audit.pk, expected_version=shared_audit.version, response="Thanks"
    )
    with pytest.raises(EditConflict):
        services.audit_moderate(
            actor=staff["lee"],
            audit_id=shared_audit.pk,
            expected_version=shared_audit.version,
            moderated={},
            reasons={},
        )


# --- Sampling ----------------------------------------------------------------------------------


def test_the_same_inputs_give_the_same_sample_and_the_marked_case_is_in_it(staff, deficit, strong):
    quarter = rules.quarter_of(TODAY)
    team = strong.person.team_id
    first = queries.sample_plan(team, quarter, seed="autumn", size=2, share=0.1)
    again = queries.sample_plan(team, quarter, seed="autumn", size=2, share=0.1)
    assert first == again
    assert (deficit.assessment.pk, rules.ATTENTION) in [(c.assessment_id, c.reason) for c in first]
    assert len(first) == 2


def test_a_kept_sample_holds_what_the_rule_drew_and_is_drawn_once_a_quarter(staff, deficit, strong):
    quarter = rules.quarter_of(TODAY)
    team = strong.person.team
    planned = queries.sample_plan(team.pk, quarter, seed="autumn", size=3, share=0.1)
    sample = services.sample_draw(actor=staff["carol"], team=team, quarter=quarter, seed="autumn", size=3)
    assert [(c.assessment_id, c.reason) for c in sample.cases.all()] == [(c.assessment_id, c.reason) for c in planned]
    with pytest.raises(ValidationError) as refused:
        services.sample_draw(actor=staff["carol"], team=team, quarter=quarter, seed="other", size=3)
    assert "already been drawn" in str(refused.value)
    with pytest.raises(PermissionDenied):
        services.sample_draw(actor=staff["sam"], team=team, quarter="2026-Q1", seed="x", size=3)
    assert Sample.objects.count() == 1


def test_a_case_in_the_sample_starts_its_audit_once(staff, deficit):
    quarter = rules.quarter_of(TODAY)
    sample = services.sample_draw(actor=staff["carol"], team=deficit.person.team, quarter=quarter, seed="s", size=1)
    case = sample.cases.get()
    audit = services.audit_start_for_case(actor=staff["carol"], case_id=case.pk)
    assert audit.assessment_id == deficit.assessment.pk
    assert services.audit_start_for_case(actor=staff["carol"], case_id=case.pk) == audit


def test_self_authorised_assessments_are_routed_to_audit(staff, strong):
    from whatsstrong.core.models import User

    from .conftest import STRENGTHS_TEXT, signed_off_assessment

    # Alice qualifies: her next assessment of Peggy is signed off by her alone.
    User.objects.filter(pk=staff["alice"].pk).update(qualified=True)
    staff["alice"].refresh_from_db()
    mine = signed_off_assessment(
        staff, strong.person, STRENGTHS_TEXT, strengths=[("own", "Keeps a vegetable garden")], self_authorise=True
    )
    quarter = rules.quarter_of(TODAY)
    assert [s.assessment_id for s in queries.self_authorised(strong.person.team_id, quarter)] == [mine.pk]
    # A sample of one takes the review, which the pre-screen marks (it links no strengths); the
    # self-authorised assessment is routed to audit beside it.
    cases = queries.sample_plan(strong.person.team_id, quarter, seed="q", size=1, share=0.1)
    assert [(c.assessment_id, c.reason) for c in cases] == [
        (strong.review.pk, rules.ATTENTION),
        (mine.pk, rules.SELF_AUTHORISED),
    ]


def test_bad_sample_input_is_refused_in_words(staff, teams):
    with pytest.raises(ValidationError) as refused:
        services.sample_draw(actor=staff["carol"], team=teams["north"], quarter="autumn", seed="", size=0)
    assert set(refused.value.message_dict) == {"quarter", "seed", "size"}
