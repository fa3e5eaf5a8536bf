"""The support plan API: the same gate, rules, versions and history as the pages; money as text."""

import datetime
from decimal import Decimal

import pytest

from whatsstrong.plans import rules, services
from whatsstrong.plans.models import (
    ChangeStage,
    Contribution,
    FamilyAction,
    FamilyGroupConference,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanVersion,
    SupportPlan,
)
from whatsstrong.plans.schemas import MONEY_TYPE

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def send(client, method, url, data=None):
    return getattr(client, method)(url, data, content_type="application/json")


def errors_by_field(response):
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def url(plan, rest=""):
    return f"/api/people/{plan.person_id}/plans/{plan.pk}{rest}"


def stored(plan):
    """What a refused request must leave as it was."""
    plan.refresh_from_db()
    return (
        plan.version,
        plan.budget,
        Contribution.objects.count(),
        OutcomeScore.objects.count(),
        ChangeStage.objects.count(),
        NetworkAgreement.objects.count(),
        FamilyAction.objects.count(),
        PersonalOutcome.objects.count(),
    )


@pytest.fixture
def other_persons_member(staff, make_person):
    from whatsstrong.people.services import network_member_save

    ola = make_person(given_name="Ola", family_name="Ade", preferred_name="")
    return network_member_save(actor=staff["alice"], person=ola, data={"name": "Tunde", "relationship": "son"})


# --- The schema -------------------------------------------------------------------------------------


def test_the_schema_lists_every_plan_resource_with_money_as_text(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    plan = "/api/people/{person_id}/plans/{plan_id}"
    outcome = plan + "/outcomes/{outcome_id}"
    conference = "/api/people/{person_id}/family-conferences/{conference_id}"
    assert set(paths["/api/people/{person_id}/plans"]) == {"get", "post"}
    assert set(paths[plan]) == {"get", "patch"}
    for action in ("submit", "decision", "reopen"):
        assert set(paths[f"{plan}/{action}"]) == {"post"}
    assert set(paths[plan + "/versions"]) == {"get"}
    assert set(paths[plan + "/versions/{number}"]) == {"get"}
    assert set(paths[plan + "/outcomes"]) == {"get", "post"}
    assert set(paths[outcome]) == {"patch"}
    assert set(paths[outcome + "/contributions"]) == {"post"}
    assert set(paths[plan + "/contributions/{contribution_id}"]) == {"patch", "delete"}
    assert set(paths[plan + "/agreements"]) == {"get"}
    assert set(paths[plan + "/agreements/{member_id}"]) == {"put"}
    assert set(paths[outcome + "/scores"]) == {"get", "post"}
    assert set(paths[outcome + "/stages"]) == {"get", "post"}
    assert set(paths["/api/people/{person_id}/family-conferences"]) == {"get", "post"}
    assert set(paths[conference]) == {"get", "patch"}
    assert set(paths[conference + "/actions"]) == {"post"}
    assert set(paths[conference + "/actions/{action_id}/outcome"]) == {"put"}
    shapes = schema["components"]["schemas"]
    for shape, name in (("ContributionOut", "cost"), ("PlanOut", "budget"), ("PlanPatch", "budget")):
        assert [t["type"] for t in shapes[shape]["properties"][name]["anyOf"]] == ["string", "null"]
    assert {p["type"] for p in shapes["TotalsOut"]["properties"].values()} == {"string"}
    assert shapes["ScoreIn"]["properties"]["score"]["minimum"] == 1
    assert shapes["ScoreIn"]["properties"]["score"]["maximum"] == 10


# --- Plans ------------------------------------------------------------------------------------------


def test_start_a_plan_standing_alone_then_list_and_read_it(client_for, peggy):
    client = client_for("alice")
    made = send(client, "post", f"/api/people/{peggy.pk}/plans", {"assessment_id": None})
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status"] == "draft" and body["edition"] == 1 and body["assessment_id"] is None
    assert body["to_agree"] == ["Add at least one personal outcome", "Set a review date"]
    listed = client.get(f"/api/people/{peggy.pk}/plans").json()
    assert [p["id"] for p in listed] == [body["id"]]
    assert client.get(f"/api/people/{peggy.pk}/plans/{body['id']}").json()["author"]["display_name"] == "Alice Test"
    assert SupportPlan.objects.get().history.first().history_user.username == "alice"


def test_a_plan_starts_only_from_a_signed_off_assessment(client_for, staff, peggy):
    from whatsstrong.assessments import services as assessing

    draft = assessing.assessment_start(actor=staff["alice"], person=peggy, kind="strengths_and_wellbeing")
    response = send(client_for("alice"), "post", f"/api/people/{peggy.pk}/plans", {"assessment_id": draft.pk})
    assert errors_by_field(response) == {"assessment_id": services.NO_HAND_OVER}
    assert not SupportPlan.objects.exists()


def test_change_the_money_and_contingency_with_money_as_text(client_for, plan):
    body = {
        "version": plan.version,
        "budget": "£1,250.5",
        "budget_per": "year",
        "managed": "direct_payment",
        "managed_by": "Peggy, with Jo",
        "if_carer_unwell": "My neighbour Sue will come in.",
        "review_on": (TODAY + datetime.timedelta(days=90)).isoformat(),
    }
    response = send(client_for("alice"), "patch", url(plan), body)
    assert response.status_code == 200, response.content
    assert response.json()["budget"] == "1250.50"
    assert response.json()["managed_label"].startswith("Direct payment")
    plan.refresh_from_db()
    assert plan.budget == Decimal("1250.50") and plan.if_carer_unwell == "My neighbour Sue will come in."


@pytest.mark.parametrize(
    "budget, words",
    [
        ("-5.00", rules.NEGATIVE_MONEY),
        ("12.345", rules.PENNIES_ONLY),
        ("lots", rules.NOT_MONEY),
        ("10000000", rules.TOO_MUCH_MONEY),
        (125.5, MONEY_TYPE),
        (125, MONEY_TYPE),
    ],
)
def test_a_bad_budget_is_refused_naming_it_and_nothing_changes(client_for, plan, budget, words):
    before = stored(plan)
    response = send(
        client_for("alice"), "patch", url(plan), {"version": plan.version, "budget": budget, "good_life": "Gardening"}
    )
    assert errors_by_field(response) == {"budget": words}
    assert stored(plan) == before
    assert plan.good_life == ""


def test_an_old_version_meets_a_conflict(client_for, plan):
    response = send(client_for("alice"), "patch", url(plan), {"version": plan.version + 5, "good_life": "Tea"})
    assert response.status_code == 409
    assert response.json()["current_version"] == plan.version


# --- Outcomes and contributions ---------------------------------------------------------------------


def test_add_an_outcome_and_who_does_what_in_the_plans_order(client_for, plan, jo):
    client = client_for("alice")
    made = send(
        client,
        "post",
        url(plan, "/outcomes"),
        {"text": "I want to get back to my garden.", "wellbeing": ["e", "b", "e"], "how_we_know": "I plant seeds."},
    )
    assert made.status_code == 201, made.content
    outcome = made.json()
    assert outcome["wellbeing"] == ["b", "e"]
    base = url(plan, f"/outcomes/{outcome['id']}/contributions")
    paid = {"kind": "paid", "who": "Garden helpers", "what": "dig the beds", "cost": "25.50", "cost_per": "week"}
    for body in (
        {**paid, "from_budget": True},
        {"kind": "technology", "who": "Falls sensor", "what": "calls Jo if I fall", "cost": "3.10", "cost_per": "week"},
        {"kind": "network", "network_member_id": jo.pk, "what": "come with me on Saturdays"},
        {"kind": "self", "what": "water the seedlings"},
    ):
        response = send(client, "post", base, body)
        assert response.status_code == 201, response.content
    network = Contribution.objects.get(kind="network")
    assert network.network_member == jo
    read = client.get(url(plan)).json()
    parts = read["outcomes"][0]["contributions"]
    assert [c["kind"] for c in parts] == ["self", "network", "technology", "paid"]
    assert parts[1]["name"] == "Jo Okafor"
    assert parts[3]["cost"] == "25.50"
    assert read["totals"]["week"] == "28.60"
    assert read["totals"]["from_budget_a_year"] == "1326.00"
    assert read["helpers"] == [
        {
            "network_member_id": jo.pk,
            "name": "Jo Okafor",
            "relied_on": True,
            "agreed": False,
            "agreed_on": None,
            "their_wellbeing": "",
            "carers_assessment": False,
            "version": None,
        }
    ]


def test_a_blank_outcome_is_refused_in_the_pages_words(client_for, plan):
    before = stored(plan)
    response = send(client_for("alice"), "post", url(plan, "/outcomes"), {"text": "   "})
    assert errors_by_field(response) == {"text": "Enter what they want, in their words"}
    assert stored(plan) == before


@pytest.mark.parametrize(
    "cost, words",
    [
        ("-0.01", rules.NEGATIVE_MONEY),
        ("-125.50", rules.NEGATIVE_MONEY),
        (-3, MONEY_TYPE),
        ("1.999", rules.PENNIES_ONLY),
    ],
)
def test_a_negative_or_bad_cost_is_refused_and_nothing_is_saved(client_for, plan, outcome, cost, words):
    before = stored(plan)
    body = {"kind": "paid", "who": "Home care", "what": "help me dress", "cost": cost, "cost_per": "week"}
    response = send(client_for("alice"), "post", url(plan, f"/outcomes/{outcome.pk}/contributions"), body)
    assert errors_by_field(response) == {"cost": words}
    assert stored(plan) == before


def test_a_network_member_from_another_persons_record_is_refused(client_for, plan, outcome, other_persons_member):
    before = stored(plan)
    body = {"kind": "network", "network_member_id": other_persons_member.pk, "what": "visit"}
    response = send(client_for("alice"), "post", url(plan, f"/outcomes/{outcome.pk}/contributions"), body)
    assert errors_by_field(response) == {"network_member_id": rules.NOT_THEIR_NETWORK}
    assert stored(plan) == before


def test_change_and_remove_a_contribution(client_for, staff, peggy, plan, outcome):
    made = services.contribution_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        data={
            "kind": "equipment",
            "who": "Kneeler",
            "what": "help me kneel",
            "cost": Decimal("30"),
            "cost_per": "once",
        },
    )
    client = client_for("alice")
    changed = send(client, "patch", url(plan, f"/contributions/{made.pk}"), {"version": 1, "cost": "32.99"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["cost"] == "32.99" and changed.json()["version"] == 2
    refused = send(client, "patch", url(plan, f"/contributions/{made.pk}"), {"version": 2, "cost": "-1"})
    assert errors_by_field(refused) == {"cost": rules.NEGATIVE_MONEY}
    assert Contribution.objects.get().cost == Decimal("32.99")
    assert client.delete(url(plan, f"/contributions/{made.pk}")).status_code == 204
    assert not Contribution.objects.exists()


# --- Agreements, sign-off and versions ----------------------------------------------------------------


def test_an_agreement_is_for_someone_the_plan_relies_on_with_a_wellbeing_note(client_for, plan, jo, outcome):
    client = client_for("alice")
    refused = send(client, "put", url(plan, f"/agreements/{jo.pk}"), {"agreed": True, "agreed_on": str(TODAY)})
    assert errors_by_field(refused) == {"network_member_id": "The plan asks nothing of this person yet"}
    send(
        client,
        "post",
        url(plan, f"/outcomes/{outcome.pk}/contributions"),
        {"kind": "network", "network_member_id": jo.pk, "what": "dig with me"},
    )
    no_day = send(client, "put", url(plan, f"/agreements/{jo.pk}"), {"agreed": True})
    assert errors_by_field(no_day) == {"agreed_on": "Enter the date they agreed"}
    body = {
        "agreed": True,
        "agreed_on": str(TODAY),
        "their_wellbeing": "Jo works full time.",
        "carers_assessment": True,
    }
    response = send(client, "put", url(plan, f"/agreements/{jo.pk}"), body)
    assert response.status_code == 200, response.content
    assert response.json()["their_wellbeing"] == "Jo works full time." and response.json()["version"] == 1
    assert [h["agreed"] for h in client.get(url(plan, "/agreements")).json()] == [True]
    # Once the plan asks nothing more of Jo, her agreement is still shown, as no longer relied on.
    assert client.delete(url(plan, f"/contributions/{Contribution.objects.get().pk}")).status_code == 204
    helpers = client.get(url(plan)).json()["helpers"]
    assert [(h["name"], h["relied_on"], h["agreed"]) for h in helpers] == [("Jo Okafor", False, True)]


def test_submit_decide_reopen_and_read_the_versions(client_for, ready_plan):
    client = client_for("alice")  # not qualified: her plan goes to a supervisor
    sent = send(client, "post", url(ready_plan, "/submit"))
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "awaiting_sign_off"
    returned = send(client_for("carol"), "post", url(ready_plan, "/decision"), {"decision": "return"})
    assert set(errors_by_field(returned)) == {"comment"}
    agreed = send(client_for("carol"), "post", url(ready_plan, "/decision"), {"decision": "agree"})
    assert agreed.json()["status"] == "agreed"
    assert [s["action"] for s in agreed.json()["sign_offs"]] == ["submitted", "authorised"]
    changing = send(client, "patch", url(ready_plan), {"version": agreed.json()["version"], "good_life": "More tea"})
    assert changing.status_code == 403
    reopened = send(client, "post", url(ready_plan, "/reopen"))
    assert reopened.json()["status"] == "draft" and reopened.json()["edition"] == 2
    versions = client.get(url(ready_plan, "/versions")).json()
    assert [v["number"] for v in versions] == [1]
    first = client.get(url(ready_plan, "/versions/1")).json()
    assert first["content"]["outcomes"][0]["text"] == "I want to get back to my garden."
    assert first["content"]["helpers"][0]["agreed"] is True
    assert client.get(url(ready_plan, "/versions/2")).status_code == 404
    again = send(client, "post", url(ready_plan, "/reopen"))
    assert errors_by_field(again) == {"body": "Only an agreed plan can be changed this way"}


def test_a_plan_missing_things_is_not_agreed_and_says_what(client_for, plan, outcome):
    response = send(client_for("alice"), "post", url(plan, "/submit"))
    assert response.status_code == 422
    messages = [e["message"] for e in response.json()["errors"]]
    assert messages == ["Say who does what for every outcome", "Set a review date"]
    assert SupportPlan.objects.get().status == "draft"
    assert not PlanVersion.objects.exists()


# --- Scores and stages ------------------------------------------------------------------------------


@pytest.mark.parametrize("score", [0, 11, -1, 100])
def test_a_score_outside_one_to_ten_is_refused_and_nothing_saved(client_for, plan, outcome, score):
    before = stored(plan)
    response = send(client_for("alice"), "post", url(plan, f"/outcomes/{outcome.pk}/scores"), {"score": score})
    assert errors_by_field(response) == {"score": rules.SCORE_RANGE}
    assert stored(plan) == before


@pytest.mark.parametrize("score", ["7", 7.5, True])
def test_a_score_that_is_not_a_whole_number_is_refused(client_for, plan, outcome, score):
    response = send(client_for("alice"), "post", url(plan, f"/outcomes/{outcome.pk}/scores"), {"score": score})
    assert "score" in errors_by_field(response)
    assert not OutcomeScore.objects.exists()


def test_scores_over_time_and_not_in_the_future(client_for, plan, outcome):
    client = client_for("alice")
    base = url(plan, f"/outcomes/{outcome.pk}/scores")
    earlier = (TODAY - datetime.timedelta(days=60)).isoformat()
    assert send(client, "post", base, {"score": 3, "scored_on": earlier, "said": "Slow start"}).status_code == 201
    now = send(client, "post", base, {"score": 6})
    assert now.status_code == 201 and now.json()["scored_on"] == TODAY.isoformat()
    future = send(client, "post", base, {"score": 6, "scored_on": (TODAY + datetime.timedelta(days=1)).isoformat()})
    assert errors_by_field(future) == {"scored_on": "The date must be today or in the past"}
    assert [s["score"] for s in client.get(base).json()] == [3, 6]
    assert [s["score"] for s in client.get(url(plan)).json()["outcomes"][0]["scores"]] == [3, 6]


def test_stages_of_change_for_an_outcome_asking_for_change_keep_their_history(client_for, plan, outcome):
    client = client_for("alice")
    base = url(plan, f"/outcomes/{outcome.pk}/stages")
    refused = send(client, "post", base, {"stage": "contemplation"})
    assert errors_by_field(refused) == {"stage": "Stages of change are for an outcome that asks for a change"}
    changed = send(client, "patch", url(plan, f"/outcomes/{outcome.pk}"), {"version": 1, "asks_for_change": True})
    assert changed.status_code == 200 and changed.json()["asks_for_change"] is True
    journey = [("contemplation", 90), ("decision", 60), ("action", 30), ("lapse", 10), ("action", 2)]
    for stage, days in journey:
        day = (TODAY - datetime.timedelta(days=days)).isoformat()
        assert send(client, "post", base, {"stage": stage, "noted_on": day}).status_code == 201
    assert [s["stage"] for s in client.get(base).json()] == [stage for stage, _ in journey]
    read = client.get(url(plan)).json()["outcomes"][0]["stages"]
    assert read[-1]["stage_label"] == "Making the change"
    assert errors_by_field(send(client, "post", base, {"stage": "relapsed"})).keys() == {"stage"}


# --- Family group conferences -----------------------------------------------------------------------


def test_a_conference_with_its_action_plan_linked_into_the_support_plan(client_for, peggy, plan, outcome, jo):
    client = client_for("alice")
    base = f"/api/people/{peggy.pk}/family-conferences"
    made = send(client, "post", base, {"reason": "I want my family to plan with me.", "invited": [jo.pk]})
    assert made.status_code == 201, made.content
    conference = made.json()
    assert [m["name"] for m in conference["invited"]] == ["Jo Okafor"]
    moved = send(
        client,
        "patch",
        f"{base}/{conference['id']}",
        {"version": 1, "stage": "plan_agreed", "plan_id": plan.pk, "meeting_place": "The community centre"},
    )
    assert moved.status_code == 200 and moved.json()["plan_id"] == plan.pk
    action = send(
        client, "post", f"{base}/{conference['id']}/actions", {"network_member_id": jo.pk, "what": "ring me each night"}
    )
    assert action.status_code == 201, action.content
    link = f"{base}/{conference['id']}/actions/{action.json()['id']}/outcome"
    linked = send(client, "put", link, {"outcome_id": outcome.pk})
    assert linked.status_code == 200, linked.content
    contribution = Contribution.objects.get()
    assert linked.json()["outcome_id"] == outcome.pk and linked.json()["contribution_id"] == contribution.pk
    assert (contribution.kind, contribution.network_member, contribution.what) == ("network", jo, "ring me each night")
    assert errors_by_field(send(client, "put", link, {"outcome_id": outcome.pk})) == {
        "outcome_id": "This action is already in the support plan"
    }
    assert client.get(url(plan)).json()["outcomes"][0]["contributions"][0]["family_action_id"] == action.json()["id"]


def test_a_conference_refuses_people_from_another_persons_record(client_for, staff, peggy, other_persons_member):
    client = client_for("alice")
    base = f"/api/people/{peggy.pk}/family-conferences"
    response = send(client, "post", base, {"reason": "Plan together", "invited": [other_persons_member.pk]})
    assert errors_by_field(response) == {"invited": rules.NOT_THEIR_NETWORK}
    assert not FamilyGroupConference.objects.exists()
    conference = services.conference_add(actor=staff["alice"], person=peggy, data={"reason": "Plan together"})
    action = send(
        client,
        "post",
        f"{base}/{conference.pk}/actions",
        {"network_member_id": other_persons_member.pk, "what": "visit"},
    )
    assert errors_by_field(action) == {"network_member_id": rules.NOT_THEIR_NETWORK}
    assert not FamilyAction.objects.exists()


# --- Who may ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bob", "sam", "dina"])
def test_someone_from_another_team_or_role_cannot_change_the_plan(client_for, plan, outcome, who):
    before = stored(plan)
    client = client_for(who)
    assert send(client, "post", f"/api/people/{plan.person_id}/plans", {"assessment_id": None}).status_code == 403
    assert send(client, "patch", url(plan), {"version": plan.version, "good_life": "x"}).status_code == 403
    assert send(client, "post", url(plan, "/outcomes"), {"text": "x"}).status_code == 403
    assert send(client, "post", url(plan, f"/outcomes/{outcome.pk}/scores"), {"score": 5}).status_code == 403
    assert send(client, "post", url(plan, "/submit")).status_code == 403
    assert SupportPlan.objects.count() == 1
    assert stored(plan) == before


def test_a_restricted_persons_plan_is_not_read_by_another_team(client_for, staff, make_person):
    rita = make_person(given_name="Rita", family_name="Ng", preferred_name="", restricted=True)
    plan = services.plan_start(actor=staff["alice"], person=rita)
    assert client_for("bob").get(url(plan)).status_code == 403
    assert client_for("bob").get(f"/api/people/{rita.pk}/plans").status_code == 403
    assert client_for("alice").get(url(plan)).status_code == 200


def test_a_plan_is_found_only_under_its_own_person(client_for, plan, make_person):
    other = make_person(given_name="Ola", family_name="Ade", preferred_name="")
    assert client_for("alice").get(f"/api/people/{other.pk}/plans/{plan.pk}").status_code == 404
    assert client_for("alice").get(f"/api/people/{plan.person_id}/plans/{2**64}").status_code == 404


def test_record_numbers_past_64_bits_are_not_found(client_for, plan, outcome, peggy):
    client = client_for("alice")
    huge = 2**63
    for path, body in (
        (f"/plans/{huge}/outcomes/{outcome.pk}/contributions", {"kind": "self", "what": "x"}),
        (f"/plans/{plan.pk}/outcomes/{huge}/scores", {"score": 5}),
        (f"/plans/{huge}/outcomes/{outcome.pk}/stages", {"stage": "action"}),
    ):
        assert send(client, "post", f"/api/people/{peggy.pk}{path}", body).status_code == 404, path
    assert send(client, "patch", url(plan, f"/contributions/{huge}"), {"version": 1}).status_code == 404
    assert client.get(url(plan, f"/versions/{huge}")).status_code == 404
    conferences = f"/api/people/{peggy.pk}/family-conferences"
    assert send(client, "put", f"{conferences}/{huge}/actions/1/outcome", {"outcome_id": 1}).status_code == 404
    invited = send(client, "post", conferences, {"reason": "Plan together", "invited": [huge]})
    assert errors_by_field(invited) == {"invited": rules.NOT_THEIR_NETWORK}
    assert not Contribution.objects.exists() and not FamilyGroupConference.objects.exists()
    conference = services.conference_add(actor=plan.author, person=peggy, data={"reason": "Plan together"})
    changed = send(client, "patch", f"{conferences}/{conference.pk}", {"version": 1, "invited": [1, huge]})
    assert errors_by_field(changed) == {"invited": rules.NOT_THEIR_NETWORK}
    # true is not a record number, though Python counts it as 1.
    assert errors_by_field(send(client, "post", conferences, {"reason": "x", "invited": [True]})) == {
        "invited.0": "Enter a whole number"
    }
