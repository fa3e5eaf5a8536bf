"""The support plan pages, through the test client: who may open them, bad input refused with
everything typed kept, the carer-agreement warning, sign-off and versions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from whatsstrong.plans import rules, services
from whatsstrong.plans.models import Contribution, NetworkAgreement, PersonalOutcome, PlanVersion, SupportPlan

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def at(name, plan, *more):
    return reverse(f"plans:{name}", args=[plan.person_id, plan.pk, *more])


def date_post(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def helped(staff, peggy, outcome, jo):
    """Jo digs the beds with Peggy: the plan relies on her, and she has not agreed yet."""
    return services.contribution_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "network", "network_member": jo.pk, "what": "dig the beds with me", "when": "Saturdays"},
    )


def pages(plan, outcome, contribution, member):
    """Every page of a plan being written, as its worker opens it."""
    return [
        at("plan", plan),
        at("good_life", plan),
        at("money", plan),
        at("contingency", plan),
        at("review_date", plan),
        at("outcome_add", plan),
        at("outcome", plan, outcome.pk),
        at("contribution_add", plan, outcome.pk),
        at("contribution", plan, contribution.pk),
        at("contribution_remove", plan, contribution.pk),
        at("agreement", plan, member.pk),
        at("sign_off", plan),
        at("versions", plan),
    ]


def test_every_page_opens_for_the_worker(client_for, plan, outcome, helped, jo):
    client = client_for("alice")
    for page in pages(plan, outcome, helped, jo):
        response = client.get(page)
        assert response.status_code == 200, page
        assert "Peggy" in response.content.decode()


def test_someone_from_another_team_may_read_the_plan_but_change_nothing(client_for, plan, outcome, helped, jo):
    client = client_for("bob")
    html = client.get(at("plan", plan)).content.decode()
    assert "I want to get back to my garden." in html
    assert at("good_life", plan) not in html and at("contribution", plan, helped.pk) not in html
    for page in pages(plan, outcome, helped, jo)[1:-1]:
        assert client.get(page).status_code == 403, page
        assert client.post(page, {}).status_code == 403, page
    assert client.post(at("contribution_remove", plan, helped.pk)).status_code == 403
    assert Contribution.objects.filter(pk=helped.pk).exists()


def test_a_plan_of_someone_else_is_not_found(client_for, staff, plan, outcome, make_person):
    other = make_person(given_name="Ola", family_name="Ade", preferred_name="")
    theirs = services.plan_start(actor=staff["alice"], person=other)
    client = client_for("alice")
    assert client.get(reverse("plans:plan", args=[plan.person_id, theirs.pk])).status_code == 404
    assert client.get(at("outcome", theirs, outcome.pk)).status_code == 404
    assert client.get(at("contribution_add", theirs, outcome.pk)).status_code == 404


def test_the_persons_page_offers_to_start_a_plan_then_to_carry_on(client_for, peggy):
    client = client_for("alice")
    html = client.get(peggy.get_absolute_url()).content.decode()
    assert "Start a support plan" in html and reverse("plans:start", args=[peggy.pk]) in html
    response = client.post(reverse("plans:start", args=[peggy.pk]), {"assessment": "none"}, follow=True)
    made = SupportPlan.objects.get()
    assert "govuk-task-list" in response.content.decode()
    html = client.get(peggy.get_absolute_url()).content.decode()
    assert "Carry on with the support plan" in html and at("plan", made) in html
    assert "Being written" in html
    assert "Start a support plan" not in client_for("bob").get(peggy.get_absolute_url()).content.decode()


def test_the_good_life_is_written_in_their_words(client_for, plan):
    client = client_for("alice")
    data = {"version": plan.version, "good_life": "Pottering in the garden with the radio on."}
    response = client.post(at("good_life", plan), data, follow=True)
    assert "Pottering in the garden with the radio on." in response.content.decode()
    plan.refresh_from_db()
    assert plan.good_life == "Pottering in the garden with the radio on."


def money_post(plan, **more):
    return {
        "version": plan.version,
        "budget": "£1,250.5",
        "budget_per": "year",
        "managed": "direct_payment",
        "managed_by": "Peggy, with Jo",
        "money_notes": "She wants to choose her own gardener.",
        **more,
    }


def test_a_budget_typed_with_a_pound_sign_and_commas_is_kept_in_pounds_and_pence(client_for, plan):
    response = client_for("alice").post(at("money", plan), money_post(plan), follow=True)
    plan.refresh_from_db()
    assert plan.budget == Decimal("1250.50") and plan.managed == "direct_payment"
    assert "£1,250.50 a year" in response.content.decode()
    plan.refresh_from_db()
    client_for("alice").post(at("money", plan), money_post(plan, budget=" ", budget_per=""))
    plan.refresh_from_db()
    assert plan.budget is None and plan.managed_by == "Peggy, with Jo"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("-5", rules.NEGATIVE_MONEY),
        ("12.345", rules.PENNIES_ONLY),
        ("lots", rules.NOT_MONEY),
        ("Infinity", rules.NOT_MONEY),
    ],
)
def test_a_bad_budget_is_refused_and_everything_typed_is_kept(client_for, plan, typed, words):
    response = client_for("alice").post(at("money", plan), money_post(plan, budget=typed))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and words in html
    assert f'value="{typed}"' in html and "She wants to choose her own gardener." in html
    plan.refresh_from_db()
    assert plan.budget is None and plan.money_notes == ""


def test_a_budget_needs_to_say_a_week_or_a_year(client_for, plan):
    html = client_for("alice").post(at("money", plan), money_post(plan, budget_per="")).content.decode()
    assert "Say whether the personal budget is for a week or a year" in html


def test_contingency_and_review_date_are_saved(client_for, plan):
    client = client_for("alice")
    client.post(
        at("contingency", plan),
        {
            "version": plan.version,
            "if_carer_unwell": "Jo's partner comes.",
            "if_things_go_wrong": "",
            "who_to_call": "Jo",
        },
    )
    plan.refresh_from_db()
    soon = TODAY + datetime.timedelta(days=90)
    client.post(at("review_date", plan), {"version": plan.version, **date_post("review_on", soon)})
    plan.refresh_from_db()
    assert plan.if_carer_unwell == "Jo's partner comes." and plan.review_on == soon


def test_a_review_date_in_the_past_is_refused(client_for, plan):
    day = TODAY - datetime.timedelta(days=1)
    html = client_for("alice").post(at("review_date", plan), {"version": plan.version, **date_post("review_on", day)})
    assert "The review date must be today or in the future" in html.content.decode()
    plan.refresh_from_db()
    assert plan.review_on is None


def test_an_outcome_is_added_with_its_wellbeing_areas(client_for, plan):
    data = {"text": "I want to see my grandson on Sundays.", "wellbeing": ["g", "e"], "how_we_know": "I see him."}
    response = client_for("alice").post(at("outcome_add", plan), data, follow=True)
    made = PersonalOutcome.objects.get()
    assert made.wellbeing == ["e", "g"] and made.text == "I want to see my grandson on Sundays."
    html = response.content.decode()
    assert f'id="outcome-{made.pk}"' in html
    assert "Family, friends and other close relationships" in html or "family, friends and other close" in html


def test_an_outcome_offers_the_nine_wellbeing_areas_and_a_hint_to_use_their_words(client_for, plan):
    html = client_for("alice").get(at("outcome_add", plan)).content.decode()
    assert html.count('name="wellbeing"') == 9
    assert "Being treated with dignity and respect" in html
    assert "Start with “I want...”" in html


def test_an_empty_outcome_is_refused_and_the_ticks_are_kept(client_for, plan):
    data = {"text": "  ", "wellbeing": ["g"], "how_we_know": "I will be out more."}
    html = client_for("alice").post(at("outcome_add", plan), data).content.decode()
    assert "Enter what they want, in their words" in html
    assert 'value="g" checked' in html and "I will be out more." in html
    assert not PersonalOutcome.objects.exists()


def contribution_post(**more):
    return {"kind": "paid", "who": "A personal assistant", "what": "cook with me", "when": "weekday evenings", **more}


def test_the_kinds_are_offered_in_the_plans_order_and_only_their_own_network(
    client_for, staff, peggy, plan, outcome, jo, make_person
):
    from whatsstrong.people.services import network_member_save

    other = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    network_member_save(actor=staff["alice"], person=other, data={"name": "Kim Shah", "relationship": "son"})
    html = client_for("alice").get(at("contribution_add", plan, outcome.pk)).content.decode()
    places = [html.index(f'value="{kind}"') for kind in rules.KIND_ORDER]
    assert places == sorted(places)
    assert "Jo Okafor (daughter)" in html and "Kim Shah" not in html


def test_with_no_network_the_page_links_to_adding_someone(client_for, peggy, plan, outcome):
    html = client_for("alice").get(at("contribution_add", plan, outcome.pk)).content.decode()
    assert "No one is in Peggy's network yet" in html or "No one is in Peggy&#39;s network yet" in html
    assert reverse("people:add_member", args=[peggy.pk]) in html


def test_paid_support_with_a_weekly_cost_is_added(client_for, plan, outcome):
    data = contribution_post(cost="85.50", cost_per="week", from_budget="on")
    response = client_for("alice").post(at("contribution_add", plan, outcome.pk), data, follow=True)
    made = Contribution.objects.get()
    assert (made.kind, made.cost, made.cost_per, made.from_budget) == ("paid", Decimal("85.50"), "week", True)
    assert "£85.50 a week" in response.content.decode()


@pytest.mark.parametrize(
    ("cost", "words"),
    [("-1", rules.NEGATIVE_MONEY), ("12.345", rules.PENNIES_ONLY), ("£12.3.4", rules.NOT_MONEY)],
)
def test_a_bad_cost_is_refused_and_everything_typed_is_kept(client_for, plan, outcome, cost, words):
    response = client_for("alice").post(at("contribution_add", plan, outcome.pk), contribution_post(cost=cost))
    html = response.content.decode()
    assert response.status_code == 200 and words in html
    assert "A personal assistant" in html and "cook with me" in html and "weekday evenings" in html
    assert not Contribution.objects.exists()


def test_someone_from_another_persons_network_posted_by_hand_is_refused(
    client_for, staff, plan, outcome, jo, make_person
):
    from whatsstrong.people.services import network_member_save

    other = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    theirs = network_member_save(actor=staff["alice"], person=other, data={"name": "Kim", "relationship": "son"})
    data = {"kind": "network", "network_member": theirs.pk, "what": "water the beans", "when": "Tuesdays"}
    html = client_for("alice").post(at("contribution_add", plan, outcome.pk), data).content.decode()
    assert rules.NOT_THEIR_NETWORK in html.replace("&#39;", "'")
    assert "water the beans" in html and "Tuesdays" in html
    assert not Contribution.objects.exists()


def test_a_network_contribution_needs_someone_chosen(client_for, plan, outcome, jo):
    data = {"kind": "network", "network_member": "", "what": "water the beans"}
    html = client_for("alice").post(at("contribution_add", plan, outcome.pk), data).content.decode()
    assert "Choose who in their network will do this" in html
    assert not Contribution.objects.exists()


def test_changing_who_does_what_keeps_it_under_its_outcome(client_for, plan, outcome, helped, jo):
    data = {"version": helped.version, "kind": "network", "network_member": jo.pk, "what": "plant the beans"}
    client_for("alice").post(at("contribution", plan, helped.pk), data)
    helped.refresh_from_db()
    assert helped.what == "plant the beans" and helped.outcome_id == outcome.pk


def test_removing_asks_first_and_the_history_keeps_it(client_for, plan, outcome, helped):
    client = client_for("alice")
    html = client.get(at("contribution_remove", plan, helped.pk)).content.decode()
    assert "Remove this from the plan?" in html and "dig the beds with me" in html
    assert Contribution.objects.filter(pk=helped.pk).exists()
    response = client.post(at("contribution_remove", plan, helped.pk))
    assert response.url == f"{at('plan', plan)}#outcome-{outcome.pk}"
    assert not Contribution.objects.filter(pk=helped.pk).exists()
    history = client_for("carol").get(reverse("people:history", args=[plan.person_id])).content.decode()
    assert "Removed" in history and "dig the beds with me" in history


def test_the_plan_shows_plainly_when_it_relies_on_someone_who_has_not_agreed(client_for, plan, helped, jo):
    client = client_for("alice")
    html = client.get(at("plan", plan)).content.decode()
    warning = html[html.index('id="not-agreed"') :]
    assert "The plan relies on" in warning and "Jo Okafor" in warning[:600]
    assert html.index('id="not-agreed"') < html.index("govuk-task-list")
    assert at("agreement", plan, jo.pk) in warning
    data = {
        "agreed": "yes",
        **date_post("agreed_on", TODAY),
        "their_wellbeing": "Jo works full time and needs Sundays off.",
        "carers_assessment": "yes",
    }
    client.post(at("agreement", plan, jo.pk), data)
    agreement = NetworkAgreement.objects.get()
    assert agreement.agreed and agreement.carers_assessment and agreement.agreed_on == TODAY
    html = client.get(at("plan", plan)).content.decode()
    assert 'id="not-agreed"' not in html
    assert f"Agreed {TODAY.day}" in html and "Jo works full time and needs Sundays off." in html


def test_agreeing_without_a_date_is_refused_and_the_note_kept(client_for, plan, helped, jo):
    data = {"agreed": "yes", "their_wellbeing": "Tired but keen.", "carers_assessment": "no"}
    html = client_for("alice").post(at("agreement", plan, jo.pk), data).content.decode()
    assert "Enter the date they agreed" in html and "Tired but keen." in html
    assert not NetworkAgreement.objects.exists()


def test_an_agreement_page_only_for_someone_the_plan_relies_on(client_for, plan, jo):
    assert client_for("alice").get(at("agreement", plan, jo.pk)).status_code == 404


def test_agreeing_an_unready_plan_lists_what_is_needed_with_links(client_for, plan):
    response = client_for("alice").post(at("sign_off", plan))
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html
    assert f'<a href="{at("outcome_add", plan)}">{rules.NO_OUTCOMES}</a>' in html
    assert f'<a href="{at("review_date", plan)}">{rules.NO_REVIEW_DATE}</a>' in html
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_a_missing_agreement_links_to_that_persons_agreement(client_for, plan, helped, jo):
    html = client_for("alice").get(at("sign_off", plan)).content.decode()
    assert f'href="{at("agreement", plan, jo.pk)}">Record whether Jo Okafor agrees' in html
    assert f'href="{at("contribution_add", plan, helped.outcome_id)}"' not in html  # the outcome has help


def test_a_qualified_author_agrees_their_own_plan(client_for, staff, ready_plan):
    staff["alice"].qualified = True
    staff["alice"].save()
    client = client_for("alice")
    assert "Agree the plan</button>" in client.get(at("sign_off", ready_plan)).content.decode()
    response = client.post(at("sign_off", ready_plan), follow=True)
    ready_plan.refresh_from_db()
    assert ready_plan.status == "agreed"
    html = response.content.decode()
    assert "version 1 is kept" in html and at("versions", ready_plan) in html and "Change this plan" in html


def test_sign_off_by_a_supervisor_after_a_return_then_changes_start_version_two(client_for, staff, ready_plan):
    alice = client_for("alice")
    alice.post(at("sign_off", ready_plan))
    ready_plan.refresh_from_db()
    assert ready_plan.status == "awaiting_sign_off"
    assert alice.get(at("decide", ready_plan)).status_code == 403
    assert alice.get(at("good_life", ready_plan)).status_code == 302  # closed while it waits

    carol = client_for("carol")
    assert "Sign off or return this plan" in carol.get(at("plan", ready_plan)).content.decode()
    response = carol.post(at("decide", ready_plan), {"decision": "return", "comment": ""})
    assert response.status_code == 400
    assert "Enter your comments" in response.content.decode()
    carol.post(at("decide", ready_plan), {"decision": "return", "comment": "Add what Peggy does herself."})
    ready_plan.refresh_from_db()
    assert ready_plan.status == "returned"

    alice = client_for("alice")
    html = alice.get(at("plan", ready_plan)).content.decode()
    assert "Add what Peggy does herself." in html[html.index('id="sign-off-trail"') :]
    alice.post(at("sign_off", ready_plan))
    carol = client_for("carol")
    carol.post(at("decide", ready_plan), {"decision": "authorise", "comment": ""})
    ready_plan.refresh_from_db()
    assert ready_plan.status == "agreed"
    assert PlanVersion.objects.get(plan=ready_plan).agreed_by == staff["carol"]

    alice = client_for("alice")
    html = alice.get(at("versions", ready_plan)).content.decode()
    assert "Version 1" in html and "Carol Test" in html
    html = alice.get(at("version", ready_plan, 1)).content.decode()
    assert "I want to get back to my garden." in html and "dig the beds with me" in html and "Jo Okafor" in html
    assert "Change this plan" in alice.get(at("plan", ready_plan)).content.decode()
    assert "Start version 2" in alice.get(at("reopen", ready_plan)).content.decode()
    alice.post(at("reopen", ready_plan))
    ready_plan.refresh_from_db()
    assert (ready_plan.status, ready_plan.edition) == ("draft", 2)
    alice.post(at("good_life", ready_plan), {"version": ready_plan.version, "good_life": "Something new"})
    assert "Something new" not in alice.get(at("version", ready_plan, 1)).content.decode()
    assert alice.get(at("version", ready_plan, 2)).status_code == 404


def test_only_a_supervisor_of_the_team_decides(client_for, ready_plan):
    client_for("alice").post(at("sign_off", ready_plan))
    assert client_for("sam").get(at("decide", ready_plan)).status_code == 403
    assert client_for("carol").get(at("decide", ready_plan)).status_code == 200


def test_a_plan_being_written_cannot_be_reopened(client_for, plan):
    response = client_for("alice").post(at("reopen", plan))
    assert response.url == at("plan", plan)
    plan.refresh_from_db()
    assert plan.edition == 1


def test_the_history_names_each_part_of_the_plan(client_for, staff, ready_plan, outcome):
    data = {"version": outcome.version, "text": outcome.text, "wellbeing": ["b", "g"], "how_we_know": ""}
    client_for("alice").post(at("outcome", ready_plan, outcome.pk), data)
    html = client_for("carol").get(reverse("people:history", args=[ready_plan.person_id])).content.decode()
    html = html.replace("&#39;", "'")
    assert f"Support plan (number {ready_plan.pk}): outcome “I want to get back to my garden.”" in html
    assert "who does what for the outcome “I want to get back to my garden.”, Jo Okafor" in html
    assert f"Support plan (number {ready_plan.pk}): agreement of Jo Okafor" in html
    # Wellbeing areas by their labels, not their codes.
    assert "Health, in body and mind, and how they feel; Family, friends and other close relationships" in html


def test_unsaved_writing_is_offered_back_and_dropped_once_saved(client_for, staff, plan):
    from whatsstrong.core.drafts import get_draft, is_draft_key, save_draft

    key = f"person:{plan.person_id}:plan:{plan.pk}:good_life"
    assert is_draft_key(key)
    save_draft(user=staff["alice"], key=key, data={"good_life": "Mornings in the garden, then"})
    client = client_for("alice")
    html = client.get(at("good_life", plan)).content.decode()
    assert "Unsaved writing" in html and f'data-draft-key="{key}"' in html
    client.post(at("good_life", plan), {"version": plan.version, "good_life": "Mornings in the garden"})
    assert get_draft(user=staff["alice"], key=key) is None


def test_a_change_on_top_of_someone_elses_shows_both_and_keeps_the_typing(client_for, staff, peggy, plan, outcome):
    services.outcome_save(
        actor=staff["carol"],
        person=peggy,
        outcome_id=outcome.pk,
        data={"text": "I want to grow tomatoes."},
        expected_version=outcome.version,
    )
    data = {"version": outcome.version, "text": "I want to sit in my garden.", "wellbeing": ["b"]}
    html = client_for("alice").post(at("outcome", plan, outcome.pk), data).content.decode()
    assert 'id="edit-conflict"' in html and "Carol Test saved changes" in html
    assert "I want to grow tomatoes." in html and "I want to sit in my garden." in html
    outcome.refresh_from_db()
    assert outcome.text == "I want to grow tomatoes."
