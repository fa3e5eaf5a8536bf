"""The safeguarding services: the trail of decisions naming who made each one, and bad input refused
with a clear reason and nothing lost."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.safeguarding import queries, services
from whatsstrong.safeguarding.models import Concern, DesiredOutcome, Enquiry, SourceOfRisk

DAY = datetime.timedelta(days=1)


def close(staff, peggy, enquiry, answers, **data):
    return services.enquiry_close(
        actor=staff["alice"],
        person=peggy,
        enquiry_id=enquiry.pk,
        expected_version=enquiry.version,
        data={"action_result": "identified_action", "risk_outcome": "reduced", "concluded_on": datetime.date.today()}
        | data,
        achieved=answers,
    )


def test_the_decision_names_who_decided_and_when_and_starts_the_enquiry(staff, enquiry, concern, today):
    concern.refresh_from_db()
    assert (concern.decision, concern.decided_by, concern.decided_on) == ("s42", staff["carol"], today - 9 * DAY)
    assert enquiry.kind == "s42" and enquiry.started_on == today - 9 * DAY
    rows = list(concern.history.order_by("history_date").values_list("history_user__username", "decision"))
    assert rows == [("alice", ""), ("carol", "s42")]
    assert enquiry.history.get().history_user == staff["carol"]


def test_the_trail_names_who_raised_decided_worked_and_closed(staff, peggy, worked):
    enquiry, first, second = worked
    close(staff, peggy, enquiry, {first.pk: "fully", second.pk: "partly"})
    entries = queries.trail(peggy.pk)
    by = {(e.record.split(" (")[0], e.action, e.by) for e in entries}
    assert ("Safeguarding concern", "Added", "Alice Test") in by
    assert ("Safeguarding concern", "Changed", "Carol Test") in by
    assert ("Safeguarding enquiry", "Added", "Carol Test") in by
    closing = [e for e in entries if e.record.startswith("Safeguarding enquiry") and e.action == "Changed"]
    assert any(("Risk at the end", "", "Risk reduced") in e.changes and e.by == "Alice Test" for e in closing)
    decided = next(e for e in entries if e.by == "Carol Test" and e.action == "Changed")
    assert ("Decided by", None, "Carol Test") in decided.changes
    assert any("Dean Okafor" in str(e.changes) for e in entries)
    assert not any("Dean Okafor" in str(e.changes) for e in queries.trail(peggy.pk, with_sources=False))


def test_a_concern_is_decided_once_only(staff, peggy, enquiry, concern):
    concern.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.concern_decide(
            actor=staff["carol"],
            person=peggy,
            concern_id=concern.pk,
            expected_version=concern.version,
            data={"decision": "none", "decision_reasons": "Changed my mind"},
        )
    assert "decided already" in str(refused.value)
    assert Enquiry.objects.filter(concern=concern).count() == 1


def test_a_decision_needs_reasons_and_is_the_team_supervisors(staff, peggy, concern):
    with pytest.raises(ValidationError) as refused:
        services.concern_decide(
            actor=staff["carol"],
            person=peggy,
            concern_id=concern.pk,
            expected_version=1,
            data={"decision": "s42", "decision_reasons": "  "},
        )
    assert refused.value.message_dict == {"decision_reasons": ["Give the reasons for the decision"]}
    for who in ("alice", "sam", "quinn"):
        with pytest.raises(PermissionDenied):
            services.concern_decide(
                actor=staff[who],
                person=peggy,
                concern_id=concern.pk,
                expected_version=1,
                data={"decision": "s42", "decision_reasons": "Needed"},
            )
    concern.refresh_from_db()
    assert concern.decision == "" and not Enquiry.objects.exists()


def test_closing_without_a_risk_outcome_is_refused_and_nothing_changes(staff, peggy, worked):
    enquiry, first, second = worked
    with pytest.raises(ValidationError) as refused:
        close(staff, peggy, enquiry, {first.pk: "fully", second.pk: "fully"}, risk_outcome="")
    assert refused.value.message_dict == {"risk_outcome": ["Choose whether the risk was removed, reduced or remains"]}
    enquiry.refresh_from_db()
    assert enquiry.concluded_on is None and enquiry.action_result == "" and enquiry.version == 2
    assert set(DesiredOutcome.objects.values_list("achieved", flat=True)) == {""}


def test_a_desired_outcome_left_without_an_answer_is_named_and_nothing_is_saved(staff, peggy, worked):
    enquiry, first, second = worked
    with pytest.raises(ValidationError) as refused:
        close(staff, peggy, enquiry, {first.pk: "fully"})
    assert refused.value.message_dict == {
        "achieved_2": ["Say whether desired outcome 2 was achieved: fully, partly or not"]
    }
    first.refresh_from_db()
    enquiry.refresh_from_db()
    assert first.achieved == "" and enquiry.concluded_on is None


def test_no_risk_found_needs_no_risk_outcome_and_a_closed_enquiry_is_not_changed(staff, peggy, worked):
    enquiry, first, second = worked
    closed = close(
        staff, peggy, enquiry, {first.pk: "fully", second.pk: "not"}, action_result="none_no_action", risk_outcome=""
    )
    assert closed.concluded_on == datetime.date.today() and closed.closed_by == staff["alice"]
    with pytest.raises(ValidationError, match="closed"):
        services.outcome_add(actor=staff["alice"], person=peggy, enquiry_id=enquiry.pk, text="Another")


def test_they_said_what_they_want_but_none_is_written_down(staff, peggy, enquiry):
    services.enquiry_save(
        actor=staff["alice"],
        person=peggy,
        enquiry_id=enquiry.pk,
        expected_version=1,
        abuse_types=[],
        data={"asked": "expressed"},
    )
    enquiry.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        close(staff, peggy, enquiry, {})
    assert "asked" in refused.value.message_dict


def test_a_concern_with_a_future_date_or_missing_words_is_refused(staff, peggy, today):
    with pytest.raises(ValidationError) as refused:
        services.concern_raise(
            actor=staff["alice"],
            person=peggy,
            data={"raised_by": "", "raised_on": today + DAY, "what_happened": "x", "immediate_safety": ""},
        )
    assert set(refused.value.message_dict) == {"raised_by", "raised_on", "immediate_safety"}
    assert not Concern.objects.exists()


def test_a_source_from_someone_elses_network_is_refused(staff, peggy, enquiry, make_person):
    from whatsstrong.people.services import network_member_save

    other = make_person(given_name="Ann", family_name="Lee")
    stranger = network_member_save(actor=staff["alice"], person=other, data={"name": "Zed", "relationship": "friend"})
    with pytest.raises(ValidationError, match="own network"):
        services.source_add(
            actor=staff["alice"],
            person=peggy,
            enquiry_id=enquiry.pk,
            data={"kind": "known", "network_member": stranger.pk},
        )
    assert not SourceOfRisk.objects.exists()


def test_the_survey_is_offered_only_once_the_enquiry_has_closed(staff, peggy, worked, today):
    enquiry, first, second = worked
    with pytest.raises(ValidationError, match="once the enquiry has closed"):
        services.survey_save(
            actor=staff["alice"],
            person=peggy,
            enquiry_id=enquiry.pk,
            expected_version=enquiry.version,
            data={"survey": "offered", "survey_on": today},
        )
    closed = close(staff, peggy, enquiry, {first.pk: "fully", second.pk: "fully"})
    saved = services.survey_save(
        actor=staff["alice"],
        person=peggy,
        enquiry_id=enquiry.pk,
        expected_version=closed.version,
        data={"survey": "offered", "survey_on": today},
    )
    assert (saved.survey, saved.survey_on) == ("offered", today)
    assert saved.history.latest().history_user == staff["alice"]
