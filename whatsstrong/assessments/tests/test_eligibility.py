"""The eligibility step of an assessment: the service that keeps the decision with its facts, the
page that asks the questions, the readable copy, and the API. The rules themselves are tested in
whatsstrong/eligibility/tests; here, that they are wired in and their answers kept and shown."""

from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from whatsstrong.assessments import queries, services
from whatsstrong.assessments.models import EligibilityDecision
from whatsstrong.core.records import EditConflict

pytestmark = pytest.mark.django_db

ADULT = {
    "needs_from_impairment": True,
    "outcomes": {"a": ["without_assistance"], "e": ["endangers_health_safety", "pain_distress_anxiety"]},
    "significant_impact": True,
}
CARER = {
    "needs_from_caring": True,
    "health_deteriorating": False,
    "outcomes": {"viii": ["pain_distress_anxiety"]},
    "significant_impact": True,
}
IMPACT = "Peggy has stopped going out since the fall and misses her allotment."


def decide(staff, person, assessment, facts=ADULT, impact=IMPACT, who="alice", version=None):
    return services.eligibility_decide(
        actor=staff[who],
        person=person,
        assessment_id=assessment.pk,
        facts=facts,
        impact=impact,
        expected_version=version,
    )


@pytest.fixture
def carers(staff, peggy):
    return services.assessment_start(actor=staff["alice"], person=peggy, kind="carers_wellbeing")


# --- The service ------------------------------------------------------------------------------------


def test_an_adults_decision_is_kept_with_its_facts_reasons_and_who_made_it(staff, peggy, started):
    d = decide(staff, peggy, started)
    d.refresh_from_db()
    assert (d.who, d.eligible, d.unable) == ("adult", True, ["a", "e"])
    assert d.facts == ADULT
    assert d.reasons[0] == "Eligible: all 3 conditions are met."
    assert d.impact == IMPACT and d.decided_by == staff["alice"] and d.person == peggy
    assert d.history.first().history_user == staff["alice"]


def test_the_assessment_page_reads_the_decision_as_stored_with_its_facts_decoded(staff, peggy, started):
    stored = decide(staff, peggy, started)
    found = queries.assessment_view(peggy.pk, started.pk).eligibility
    assert found.pk == stored.pk and found.decided_by == staff["alice"]
    assert found.facts == ADULT and found.unable == ["a", "e"] and found.reasons == stored.reasons


def test_an_assessment_with_no_decision_reads_none(peggy, started):
    assert queries.assessment_view(peggy.pk, started.pk).eligibility is None


def test_a_carers_decision_uses_the_carers_rules(staff, peggy, carers):
    d = decide(staff, peggy, carers, facts=CARER)
    assert (d.who, d.eligible, d.unable) == ("carer", True, ["viii"])
    # One outcome is enough for a carer, but not for an adult.
    adult_one = {"needs_from_impairment": True, "outcomes": {"a": ["without_assistance"]}, "significant_impact": True}
    started = services.assessment_start(actor=staff["alice"], person=peggy, kind="strengths_and_wellbeing")
    assert decide(staff, peggy, started, facts=adult_one).eligible is False


@pytest.mark.parametrize(
    "change, eligible",
    [
        ({}, True),
        ({"needs_from_impairment": False}, False),
        ({"significant_impact": False}, False),
        ({"outcomes": {"a": ["without_assistance"]}}, False),
        ({"outcomes": {}}, False),
    ],
)
def test_each_condition_of_the_adults_case_decides(staff, peggy, started, change, eligible):
    d = decide(staff, peggy, started, facts={**ADULT, **change})
    assert d.eligible is eligible
    assert d.reasons[0].startswith("Eligible" if eligible else "Not eligible")


def test_deciding_again_replaces_the_decision_and_the_history_keeps_the_first(staff, peggy, started):
    first = decide(staff, peggy, started)
    again = decide(
        staff, peggy, started, facts={**ADULT, "significant_impact": False}, impact="", version=first.version
    )
    assert EligibilityDecision.objects.count() == 1
    assert (again.pk, again.version, again.eligible) == (first.pk, 2, False)
    assert [h.eligible for h in again.history.order_by("history_date")] == [True, False]


def test_deciding_again_from_an_old_version_is_a_conflict(staff, peggy, started):
    decide(staff, peggy, started)
    decide(staff, peggy, started, who="carol", version=1)
    with pytest.raises(EditConflict):
        decide(staff, peggy, started, facts={**ADULT, "significant_impact": False}, impact="", version=1)
    with pytest.raises(EditConflict):
        decide(staff, peggy, started, version=None)
    assert EligibilityDecision.objects.get().eligible is True


@pytest.mark.parametrize(
    "facts, field",
    [
        ({**ADULT, "outcomes": {"z": ["without_assistance"]}}, "outcomes"),
        ({**ADULT, "outcomes": {"a": ["slowly"]}}, "outcomes"),
        ({**ADULT, "needs_from_impairment": "yes"}, "needs_from_impairment"),
        ({k: v for k, v in ADULT.items() if k != "significant_impact"}, "significant_impact"),
        ({**ADULT, "needs_from_caring": True}, "needs_from_caring"),
    ],
)
def test_a_case_the_library_cannot_decide_is_refused_naming_the_problem(staff, peggy, started, facts, field):
    with pytest.raises(ValidationError) as refused:
        decide(staff, peggy, started, facts=facts)
    assert field in refused.value.message_dict
    assert not EligibilityDecision.objects.exists()


def test_a_significant_impact_must_be_described(staff, peggy, started):
    with pytest.raises(ValidationError) as refused:
        decide(staff, peggy, started, impact="   ")
    assert "impact" in refused.value.message_dict
    assert decide(staff, peggy, started, facts={**ADULT, "significant_impact": False}, impact="").eligible is False


def test_a_signed_off_assessment_keeps_its_decision(staff, peggy, ready):
    decide(staff, peggy, ready)
    staff["alice"].qualified = True
    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    with pytest.raises(PermissionDenied):
        decide(staff, peggy, ready, facts={**ADULT, "significant_impact": False}, impact="", version=1)
    assert EligibilityDecision.objects.get().eligible is True


@pytest.mark.parametrize("outsider", ["bob", "quinn", "dina", "sam"])
def test_those_who_cannot_change_the_record_cannot_decide(staff, peggy, started, outsider):
    with pytest.raises(PermissionDenied):
        decide(staff, peggy, started, who=outsider)
    assert not EligibilityDecision.objects.exists()


def test_a_contact_has_no_eligibility_decision(staff, peggy):
    contact = services.assessment_start(actor=staff["alice"], person=peggy, kind="contact")
    with pytest.raises(ValidationError):
        decide(staff, peggy, contact)
    assert not EligibilityDecision.objects.exists()


# --- The page ---------------------------------------------------------------------------------------


def at(name, person, assessment):
    return reverse(f"assessments:{name}", args=[person.pk, assessment.pk])


def adult_post(**more):
    return {
        "needs_from_impairment": "yes",
        "outcome_a": ["without_assistance"],
        "outcome_e": ["endangers_health_safety", "pain_distress_anxiety"],
        "significant_impact": "yes",
        "impact": IMPACT,
        **more,
    }


def test_the_page_asks_the_adults_questions_with_their_name(client_for, peggy, started):
    html = unescape(client_for("alice").get(at("eligibility", peggy, started)).content.decode())
    assert "Do Peggy's needs come from a physical or mental impairment or illness?" in html
    assert "Is there, or is there likely to be, a significant impact on Peggy's wellbeing?" in html
    assert "Getting enough to eat and drink" in html and "Leave all unticked if Peggy can do this" in html
    assert "Doing it alone takes them far longer than usual" in html  # counts for adults
    assert "getting worse" not in html


def test_the_carers_page_asks_about_their_health_and_leaves_out_taking_longer(client_for, peggy, carers):
    html = unescape(client_for("alice").get(at("eligibility", peggy, carers)).content.decode())
    assert "Is Peggy's physical or mental health getting worse, or at risk of it?" in html
    assert "far longer than usual" not in html
    assert 'name="outcome_viii"' in html and 'name="outcome_j"' not in html


def test_deciding_on_the_page_saves_and_shows_the_answer_and_reasons(client_for, peggy, started):
    client = client_for("alice")
    response = client.post(at("eligibility", peggy, started), adult_post())
    assert response.status_code == 302 and response.url == at("assessment", peggy, started)
    d = EligibilityDecision.objects.get()
    assert d.facts == ADULT and d.eligible
    html = client.get(response.url).content.decode()
    assert "Eligibility decided" in html
    assert 'id="task-eligibility-status"' in html and ">Eligible<" in html
    assert "Getting enough to eat and drink: needs help, or prompting, to do it." in html
    # Opened again, the form starts from the decision.
    page = client.get(at("eligibility", peggy, started)).content.decode()
    assert 'value="endangers_health_safety" checked' in page and 'name="version" value="1"' in page


def test_the_task_list_says_not_started_then_not_eligible(client_for, staff, peggy, started):
    client = client_for("alice")
    html = client.get(at("assessment", peggy, started)).content.decode()
    assert at("eligibility", peggy, started) in html and "Not started" in html
    decide(staff, peggy, started, facts={**ADULT, "outcomes": {}})
    html = client.get(at("assessment", peggy, started)).content.decode()
    assert "Not eligible" in html and "Able to achieve every outcome" in html


@pytest.mark.parametrize(
    "post, field, message",
    [
        (adult_post(needs_from_impairment=""), "needs_from_impairment", "Say whether Peggy's needs come from"),
        (adult_post(significant_impact=""), "significant_impact", "Say whether there is, or is likely to be"),
        (adult_post(impact="  "), "impact", "Describe the impact on Peggy's wellbeing"),
        (adult_post(outcome_b=["flying"]), "outcome_b", "Choose from the ways listed"),
    ],
)
def test_bad_answers_are_shown_in_the_error_summary_keeping_what_was_ticked(
    client_for, peggy, started, post, field, message
):
    response = client_for("alice").post(at("eligibility", peggy, started), post)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert f'href="#id_{field}_0"' in html or f'href="#id_{field}"' in html
    assert 'id="id_outcome_e_1" name="outcome_e" type="checkbox" value="pain_distress_anxiety" checked' in html
    assert 'id="id_outcome_a_0" name="outcome_a" type="checkbox" value="without_assistance" checked' in html
    assert not EligibilityDecision.objects.exists()


def test_a_conflict_on_the_page_keeps_what_was_typed(client_for, staff, peggy, started):
    decide(staff, peggy, started)
    decide(staff, peggy, started, who="carol", version=1, impact="Carol's words")
    response = client_for("alice").post(at("eligibility", peggy, started), adult_post(version="1", impact="Mine"))
    html = response.content.decode()
    assert "saved changes while you were editing" in html and "Mine" in html
    assert EligibilityDecision.objects.get().impact == "Carol's words"


def test_other_teams_read_the_decision_but_get_no_form(client_for, staff, peggy, started):
    decide(staff, peggy, started)
    client = client_for("bob")
    html = client.get(at("eligibility", peggy, started)).content.decode()
    assert 'id="eligibility-answer">Eligible<' in html and 'name="needs_from_impairment"' not in html
    assert client.post(at("eligibility", peggy, started), adult_post()).status_code == 403


def test_a_signed_off_assessment_shows_the_decision_and_takes_no_new_one(client_for, staff, peggy, ready):
    decide(staff, peggy, ready)
    staff["alice"].qualified = True
    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    client = client_for("alice")
    response = client.post(at("eligibility", peggy, ready), adult_post(significant_impact="no", version="1"))
    assert response.status_code == 302
    assert EligibilityDecision.objects.get().eligible is True


def test_a_contact_has_no_eligibility_page(client_for, staff, peggy):
    contact = services.assessment_start(actor=staff["alice"], person=peggy, kind="contact")
    assert client_for("alice").get(at("eligibility", peggy, contact)).status_code == 404


def test_the_readable_copy_says_what_was_decided_and_why(client_for, staff, peggy, started):
    decide(staff, peggy, started)
    html = client_for("alice").get(at("copy", peggy, started)).content.decode()
    assert "What we decided about care and support" in html
    assert "Your needs meet the national rules" in html
    assert "Getting around and using their home safely:" in html
    assert IMPACT in html


def test_the_persons_history_names_the_decision(client_for, staff, peggy, started):
    from whatsstrong.assessments.parts import history

    decide(staff, peggy, started)
    assert any("eligibility, eligible" in e.record for e in history(peggy))


# --- The API ----------------------------------------------------------------------------------------


def api(started, person):
    return f"/api/people/{person.pk}/assessments/{started.pk}/eligibility"


def put(client, url, body):
    return client.put(url, body, content_type="application/json")


def test_the_schema_has_the_eligibility_resource(client):
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]["/api/people/{person_id}/assessments/{assessment_id}/eligibility"]) == {"get", "put"}
    assert "reasons" in schema["components"]["schemas"]["EligibilityOut"]["properties"]


def test_decide_read_and_decide_again_through_the_api(client_for, peggy, started):
    client = client_for("alice")
    assert client.get(api(started, peggy)).status_code == 404
    made = put(client, api(started, peggy), {**ADULT, "impact": IMPACT})
    assert made.status_code == 200, made.content
    assert (made.json()["eligible"], made.json()["unable"], made.json()["version"]) == (True, ["a", "e"], 1)
    read = client_for("bob").get(api(started, peggy)).json()
    assert read["facts"] == ADULT and read["reasons"][0].startswith("Eligible")
    client = client_for("alice")
    again = put(client, api(started, peggy), {**ADULT, "significant_impact": False, "version": 1})
    assert again.status_code == 200, again.content
    assert again.json()["eligible"] is False and again.json()["version"] == 2
    stale = put(client, api(started, peggy), {**ADULT, "impact": IMPACT, "version": 1})
    assert stale.status_code == 409


@pytest.mark.parametrize(
    "body, field",
    [
        ({**ADULT, "outcomes": {"ix": ["without_assistance"]}}, "outcomes"),
        ({**ADULT, "outcomes": {"a": ["often"]}}, "outcomes"),
        ({**ADULT, "needs_from_impairment": None}, "needs_from_impairment"),
        ({**ADULT, "needs_from_impairment": "yes"}, "needs_from_impairment"),
        ({**ADULT, "health_deteriorating": True}, "health_deteriorating"),
        ({**ADULT, "impact": ""}, "impact"),
        ({"needs_from_impairment": True, "significant_impact": False}, "outcomes"),
    ],
)
def test_bad_cases_are_refused_naming_the_field(client_for, peggy, started, body, field):
    response = put(client_for("alice"), api(started, peggy), body)
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}
    assert not EligibilityDecision.objects.exists()


def test_a_carers_case_through_the_api(client_for, peggy, carers):
    body = {**CARER, "outcomes": {"i": ["significantly_longer"]}, "impact": "Tired"}
    response = put(client_for("alice"), api(carers, peggy), body)
    assert response.status_code == 200
    assert response.json()["eligible"] is False  # taking longer does not count for a carer
    assert "set aside" in response.json()["reasons"][-1]


@pytest.mark.parametrize("who", ["bob", "dina", "quinn"])
def test_those_who_cannot_change_the_record_cannot_decide_through_the_api(client_for, peggy, started, who):
    assert put(client_for(who), api(started, peggy), {**ADULT, "impact": IMPACT}).status_code == 403
    assert not EligibilityDecision.objects.exists()


# --- Needs that change from day to day (over_period) ---------------------------------------------------

ONE_OUTCOME = {**ADULT, "outcomes": {"a": ["without_assistance"]}}


def a_bad_day(days_ago=3):
    import datetime

    return (datetime.date.today() - datetime.timedelta(days=days_ago)).isoformat()


@pytest.mark.parametrize(
    "over_period, eligible",
    [
        (None, False),  # one outcome at the assessment is not enough
        ([{"date": a_bad_day(), "outcomes": {}}], False),  # a day as good as the assessment
        ([{"date": a_bad_day(), "outcomes": {"e": ["pain_distress_anxiety"]}}], True),  # a bad day adds one
    ],
)
def test_a_bad_day_recorded_counts_towards_the_decision(staff, peggy, started, over_period, eligible):
    facts = ONE_OUTCOME if over_period is None else {**ONE_OUTCOME, "over_period": over_period}
    made = decide(staff, peggy, started, facts=facts)
    assert made.eligible is eligible
    assert made.facts == facts
    if eligible:
        assert made.unable == ["a", "e"]
        assert any("occasion" in reason for reason in made.reasons)


@pytest.mark.parametrize(
    "over_period",
    [
        [{"date": a_bad_day(-2), "outcomes": {}}],  # in the future
        [{"date": "yesterday", "outcomes": {}}],
        [{"date": a_bad_day(), "outcomes": {"z": ["without_assistance"]}}],
        [{"date": a_bad_day(), "outcomes": {}}] * 4,  # more days than the page can show
        "often",
    ],
)
def test_bad_days_are_refused_under_over_period(staff, peggy, started, over_period):
    with pytest.raises(ValidationError) as refused:
        decide(staff, peggy, started, facts={**ONE_OUTCOME, "over_period": over_period})
    assert "over_period" in refused.value.message_dict
    assert not EligibilityDecision.objects.exists()


def day_post(date, **more):
    day, month, year = (str(int(part)) for part in reversed(date.split("-")))
    return adult_post(
        outcome_e=[],
        day_1_date_0=day,
        day_1_date_1=month,
        day_1_date_2=year,
        day_1_outcome_e=["pain_distress_anxiety"],
        **more,
    )


def test_on_the_page_a_bad_day_makes_the_needs_eligible(client_for, peggy, started):
    client = client_for("alice")
    response = client.post(at("eligibility", peggy, started), day_post(a_bad_day()))
    assert response.status_code == 302, unescape(response.content.decode())
    d = EligibilityDecision.objects.get()
    assert d.eligible and d.facts["over_period"] == [
        {"date": a_bad_day(), "outcomes": {"e": ["pain_distress_anxiety"]}}
    ]
    html = unescape(client.get(at("eligibility", peggy, started)).content.decode())
    assert "Needs change from day to day" in html
    for reason in d.reasons:
        assert reason in html
    # Opened again, the first other day is open and holds what was recorded; the second stays closed.
    assert '<details class="govuk-details" open>' in html
    assert html.count('<details class="govuk-details">') == 2
    assert 'name="day_1_outcome_e" type="checkbox" value="pain_distress_anxiety" checked' in html


def test_on_the_page_a_future_day_is_refused_keeping_everything(client_for, peggy, started):
    response = client_for("alice").post(at("eligibility", peggy, started), day_post(a_bad_day(-2)))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Date of the first day must be in the past" in html
    assert 'name="day_1_outcome_e" type="checkbox" value="pain_distress_anxiety" checked' in html
    assert 'id="id_outcome_a_0" name="outcome_a" type="checkbox" value="without_assistance" checked' in html
    assert '<details class="govuk-details" open>' in html
    assert not EligibilityDecision.objects.exists()


def test_on_the_page_ways_ticked_for_a_day_without_its_date_are_refused(client_for, peggy, started):
    post = adult_post(day_2_outcome_b=["without_assistance"])
    html = unescape(client_for("alice").post(at("eligibility", peggy, started), post).content.decode())
    assert "Enter the date of the second day, or untick its ways" in html
    assert not EligibilityDecision.objects.exists()


def test_the_api_takes_the_days_recorded(client_for, peggy, started):
    client = client_for("alice")
    day = {"date": a_bad_day(), "outcomes": {"e": ["pain_distress_anxiety"]}}
    made = put(client, api(started, peggy), {**ONE_OUTCOME, "over_period": [day], "impact": IMPACT})
    assert made.status_code == 200, made.content
    assert made.json()["eligible"] is True and made.json()["facts"]["over_period"] == [day]
    future = {"date": a_bad_day(-2), "outcomes": {}}
    refused = put(client, api(started, peggy), {**ONE_OUTCOME, "over_period": [future], "impact": IMPACT, "version": 1})
    assert refused.status_code == 422
    assert "over_period" in {e["field"] for e in refused.json()["errors"]}
    schema = client.get("/api/openapi.json").json()
    assert "over_period" in schema["components"]["schemas"]["EligibilityIn"]["properties"]
