"""The risk pages: writing an assessment with its best-interests record, referring, scheduling,
recording the panel and the decision; bad input answered in words with everything typed kept; who may
open what; the part on the person's page and the history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.html_checks import assert_accessible_html, page_has_errors
from whatsstrong.risk import services
from whatsstrong.risk.models import PanelReferral, Risk, RiskAssessment

from .conftest import LATER, TODAY

pytestmark = pytest.mark.django_db


def at(name, *args):
    return reverse(f"risk:{name}", args=[getattr(a, "pk", a) for a in args])


def day(prefix, value):
    return {f"{prefix}_0": value.day, f"{prefix}_1": value.month, f"{prefix}_2": value.year}


def test_an_assessment_is_started_and_its_page_shows_it(client_for, peggy):
    response = client_for("alice").post(
        at("assessment_add", peggy),
        {"decision": "Going to the market alone", "their_view": "“I know the way.”", **day("review_on", LATER)},
    )
    made = RiskAssessment.objects.get(person=peggy)
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    page = client_for("alice").get(made.get_absolute_url()).content.decode()
    assert "Going to the market alone" in page and "Add a risk" in page
    assert_accessible_html(page)


def test_a_review_date_in_the_past_comes_back_with_everything_typed(client_for, peggy):
    response = client_for("alice").post(
        at("assessment_add", peggy),
        {
            "decision": "Going to the market alone",
            "their_view": "I know the way.",
            **day("review_on", TODAY - datetime.timedelta(days=3)),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and page_has_errors(html)
    assert "The review date must be in the future" in html
    assert "I know the way." in html and 'value="Going to the market alone"' in html
    assert not RiskAssessment.objects.exists()
    assert_accessible_html(html, errors_expected=True)


def test_a_likelihood_out_of_range_is_refused_keeping_what_was_typed(client_for, peggy, assessment):
    response = client_for("alice").post(
        at("risk_add", peggy, assessment),
        {
            "what": "Getting lost on the way back",
            "for_whom": "them",
            "likelihood_theirs": "7",
            "likelihood_ours": "2",
            "severity_theirs": "1",
            "severity_ours": "2",
        },
    )
    html = response.content.decode()
    assert "Choose how likely it is, in their view: a number from 1 (unlikely) to 3 (likely)" in html
    assert "Getting lost on the way back" in html
    assert Risk.objects.filter(assessment=assessment).count() == 1


def test_lacking_capacity_without_best_interests_is_answered_field_by_field(client_for, peggy, assessment):
    response = client_for("alice").post(
        at("capacity", peggy, assessment),
        {"capacity": "lacks", "consulted": "Her son Femi", "version": assessment.version},
    )
    html = response.content.decode()
    assert page_has_errors(html)
    assert "Enter their past wishes, or say that none are known" in html
    assert "Enter the decision in their best interests, and why" in html
    assert "Her son Femi" in html
    assert RiskAssessment.objects.get(pk=assessment.pk).capacity == ""
    assert_accessible_html(html, errors_expected=True)


def test_agreeing_without_a_risk_capacity_is_named_in_the_summary(client_for, peggy, assessment):
    response = client_for("alice").post(
        at("agree", peggy, assessment),
        {"agreed_by": "Peggy", **day("review_on", LATER), "version": assessment.version},
    )
    html = response.content.decode()
    assert "Record whether they have capacity to make this decision before agreeing" in html
    assert RiskAssessment.objects.get(pk=assessment.pk).status == "draft"


@pytest.mark.parametrize("who", ["bob", "sam", "quinn", "dina"])
def test_people_outside_the_team_cannot_write_or_refer(client_for, peggy, assessment, who):
    client = client_for(who)
    for page in (at("assessment_add", peggy), at("risk_add", peggy, assessment), at("refer", peggy)):
        assert client.get(page).status_code == 403


def test_directory_editors_cannot_read_an_assessment(client_for, peggy, assessment):
    assert client_for("dina").get(assessment.get_absolute_url()).status_code == 403


def test_a_referral_to_a_decision_through_the_pages(client_for, staff, peggy, assessment):
    alice = client_for("alice")
    response = alice.post(
        at("refer", peggy),
        {
            "situation": "Peggy wants to leave the care home.",
            "tried": "Day visits.",
            "their_view": "“I am ready.”",
            "question": "Is a trial month fair?",
            "assessment": assessment.pk,
        },
    )
    referral = PanelReferral.objects.get(person=peggy)
    assert response["Location"] == referral.get_absolute_url()
    assert referral.assessment == assessment
    # The practitioner cannot coordinate.
    assert alice.get(at("schedule", peggy, referral)).status_code == 403
    assert alice.get(at("panels")).status_code == 403

    quinn = client_for("quinn")
    waiting = quinn.get(at("panels")).content.decode()
    assert "Referrals waiting for a panel date (1)" in waiting and peggy.display_name in waiting
    quinn.post(at("panel_add"), {**day("meets_on", TODAY), "place": "Room 4", "chair": "Quinn"})
    panel = referral.__class__.panel.field.related_model.objects.get()
    quinn.post(at("schedule", peggy, referral), {"panel": panel.pk, "version": 1})
    response = quinn.post(
        at("record", peggy, referral),
        {"discussion": "Nights.", "advice": "Try a month.", "recommendations": "Telecare check", "version": 2},
    )
    assert response.status_code == 302
    page = quinn.get(referral.get_absolute_url()).content.decode()
    assert "It does not decide" in page and "Try a month." in page
    # The panel's coordinator has no way to the decision; the practitioner has.
    assert at("decide", peggy, referral) not in page
    assert quinn.get(at("decide", peggy, referral)).status_code == 403

    client_for("alice")
    page = alice.get(referral.get_absolute_url()).content.decode()
    assert at("decide", peggy, referral) in page
    response = alice.post(
        at("decide", peggy, referral),
        {"decision": "A trial month", "reasons": "She wants it.", "manager": staff["carol"].pk, "version": 3},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.decided_by, referral.manager) == ("decided", staff["alice"], staff["carol"])


def test_the_decision_without_reasons_or_manager_is_named(client_for, peggy, heard):
    response = client_for("alice").post(at("decide", peggy, heard), {"decision": "Go ahead", "version": heard.version})
    html = response.content.decode()
    assert "Enter the reasons for the decision" in html and "Choose the manager who agreed the decision" in html
    assert "Go ahead" in html
    assert PanelReferral.objects.get(pk=heard.pk).decision == ""


def test_a_panel_date_in_the_past_is_refused_on_the_page(client_for):
    response = client_for("quinn").post(
        at("panel_add"), {**day("meets_on", TODAY - datetime.timedelta(days=1)), "place": "Room 9"}
    )
    html = response.content.decode()
    assert "The date of the panel must be today or in the future" in html and 'value="Room 9"' in html
    assert_accessible_html(html, errors_expected=True)


def test_overdue_actions_are_listed_for_coordinators(client_for, staff, peggy, heard):
    action = services.action_add(
        actor=staff["alice"],
        person=peggy,
        referral_id=heard.pk,
        data={"what": "Book the telecare check", "owner": "Alice", "due_on": LATER},
    )
    type(action).objects.filter(pk=action.pk).update(due_on=TODAY - datetime.timedelta(days=2))
    html = client_for("carol").get(at("panels")).content.decode()
    assert "Overdue actions (1)" in html and "Book the telecare check" in html
    assert "Heard, waiting for the practitioner&#39;s decision (1)" in html or "decision (1)" in html


def test_the_coordinator_list_costs_a_fixed_number_of_queries(client_for, staff, peggy, heard, make_person):
    client = client_for("quinn")
    client.get(at("panels"))
    with CaptureQueriesContext(connection) as few:
        client.get(at("panels"))
    for n in range(3):
        other = make_person(given_name=f"Person{n}", family_name="Jones", preferred_name="")
        services.referral_add(
            actor=staff["alice"],
            person=other,
            data={"situation": "s", "tried": "t", "their_view": "v", "question": "q"},
        )
    with CaptureQueriesContext(connection) as more:
        client.get(at("panels"))
    assert len(more) == len(few)


def test_the_person_page_part_costs_one_query_and_draws_nothing_when_there_is_nothing(rf, staff, peggy):
    from whatsstrong.risk.parts import page_context

    request = rf.get("/")
    request.user = staff["quinn"]
    with CaptureQueriesContext(connection) as queries:
        assert page_context(request, peggy, False) is None
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        shown = page_context(request, peggy, True)
    assert len(queries) == 1
    assert shown == {"assessments": [], "referrals": [], "can_edit": True}


def test_the_person_page_lists_assessments_and_referrals(client_for, peggy, referral, assessment):
    html = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    assert "Working with risk" in html
    assert "Moving from the care home to live with her son" in html
    assert referral.get_absolute_url() in html
    bob_sees = client_for("bob").get(peggy.get_absolute_url()).content.decode()
    assert "Moving from the care home to live with her son" in bob_sees
    assert at("assessment_add", peggy) not in bob_sees


def test_a_person_with_nothing_shows_no_part_to_those_who_cannot_add(client_for, peggy):
    assert "Working with risk" not in client_for("bob").get(peggy.get_absolute_url()).content.decode()
    assert "Working with risk" in client_for("alice").get(peggy.get_absolute_url()).content.decode()


def test_the_history_page_shows_risk_changes(client_for, staff, peggy, heard):
    html = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "Positive risk assessment “Moving from the care home to live with her son”" in html
    assert "Referral to the risk enablement panel" in html
    assert "Try it for a month." in html


def test_the_coordinators_home_page_links_to_the_panel(client_for):
    assert at("panels") in client_for("quinn").get("/").content.decode()
    assert at("panels") not in client_for("alice").get("/").content.decode()
