"""Family group conference pages: the referral, the three stages and moving on, the family's plan,
linking an action into the support plan, and the list on the person's page. Bad input is answered
in words and nothing typed or stored is lost."""

import datetime

import pytest
from django.urls import reverse

from tests.html_checks import assert_accessible_html, page_has_errors
from whatsstrong.plans import services
from whatsstrong.plans.models import Contribution, FamilyAction, FamilyGroupConference

pytestmark = pytest.mark.django_db
NEXT_MONTH = datetime.date.today() + datetime.timedelta(days=30)


def at(name, person, *more):
    return reverse(f"plans:{name}", args=[person.pk, *[getattr(m, "pk", m) for m in more]])


def referral(**more):
    day = NEXT_MONTH
    return {
        "reason": "“I want my family to sort this out with me, not the council.”",
        "invited_others": "Mr Ahmed from the mosque",
        "meeting_on_0": day.day,
        "meeting_on_1": day.month,
        "meeting_on_2": day.year,
        "meeting_place": "Peggy's front room",
        "coordinator": "Sam Lee",
        "plan": "",
        **more,
    }


@pytest.fixture
def conference(staff, peggy, jo, plan):
    return services.conference_add(
        actor=staff["alice"],
        person=peggy,
        data={"reason": "I want my family to plan with me.", "plan": plan.pk},
        invited=[jo.pk],
    )


@pytest.fixture
def theirs(staff, make_person):
    """Someone in another person's network."""
    from whatsstrong.people.services import network_member_save

    ravi = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    return network_member_save(actor=staff["alice"], person=ravi, data={"name": "Kim Shah", "relationship": "son"})


def moved_to(conference, stage):
    conference.refresh_from_db()
    return conference.stage == stage


# --- Referring ---------------------------------------------------------------------------------------


def test_a_referral_names_who_they_want_there_when_and_where(client_for, peggy, jo, plan):
    client = client_for("alice")
    page = client.get(at("conference_refer", peggy)).content.decode()
    assert_accessible_html(page)
    assert "Jo Okafor (daughter)" in page and "Why does Peggy want a family group conference?" in page
    response = client.post(at("conference_refer", peggy), referral(invited=[jo.pk], plan=plan.pk))
    made = FamilyGroupConference.objects.get()
    assert response.url == made.get_absolute_url()
    assert list(made.invited.all()) == [jo]
    assert (made.meeting_on, made.meeting_place, made.coordinator, made.plan) == (
        NEXT_MONTH,
        "Peggy's front room",
        "Sam Lee",
        plan,
    )
    html = client.get(made.get_absolute_url()).content.decode()
    assert_accessible_html(html)
    assert "Mr Ahmed from the mosque" in html and "Jo Okafor (daughter)" in html and "Sam Lee" in html


def test_a_referral_with_no_reason_is_refused_and_keeps_what_was_typed(client_for, peggy, jo):
    response = client_for("alice").post(at("conference_refer", peggy), referral(reason="  ", invited=[jo.pk]))
    html = response.content.decode()
    assert_accessible_html(html, errors_expected=True)
    assert "Enter why Peggy wants a family group conference" in html
    assert "Peggy&#39;s front room" in html and "Mr Ahmed from the mosque" in html
    assert f'value="{jo.pk}" checked' in html
    assert not FamilyGroupConference.objects.exists()


def test_someone_from_another_persons_network_posted_by_hand_is_refused(client_for, peggy, jo, theirs):
    response = client_for("alice").post(at("conference_refer", peggy), referral(invited=[jo.pk, theirs.pk]))
    html = response.content.decode()
    assert_accessible_html(html, errors_expected=True)
    assert "Choose people from Peggy&#39;s own network" in html
    assert not FamilyGroupConference.objects.exists()


def test_a_made_up_date_and_a_plan_of_someone_else_are_refused(client_for, staff, peggy, theirs):
    ravis_plan = services.plan_start(actor=staff["alice"], person=theirs.person)
    response = client_for("alice").post(
        at("conference_refer", peggy), referral(meeting_on_0="31", meeting_on_1="2", plan=ravis_plan.pk)
    )
    html = response.content.decode()
    assert "Date of the meeting must be a real date" in html
    assert "Choose one of Peggy&#39;s support plans" in html
    assert not FamilyGroupConference.objects.exists()


def test_those_who_cannot_change_the_record_cannot_refer_or_record(client_for, peggy, conference):
    for page in (
        at("conference_refer", peggy),
        at("conference_change", peggy, conference),
        at("conference_stage", peggy, conference),
        at("family_action_add", peggy, conference),
    ):
        assert client_for("bob").get(page).status_code == 403
    # Another team sees the conference, without the links to change it.
    html = client_for("bob").get(at("conference", peggy, conference)).content.decode()
    assert "I want my family to plan with me." in html and "Change the referral" not in html
    assert client_for("dina").get(at("conference", peggy, conference)).status_code == 403


def test_a_conference_of_another_person_is_not_found_through_this_one(client_for, peggy, conference, theirs):
    assert client_for("alice").get(at("conference", theirs.person, conference)).status_code == 404


def test_changing_the_referral_keeps_the_people_invited(client_for, peggy, jo, conference):
    client = client_for("alice")
    page = client.get(at("conference_change", peggy, conference)).content.decode()
    assert_accessible_html(page)
    assert f'value="{jo.pk}" checked' in page
    data = referral(invited=[jo.pk], version=conference.version, coordinator="Ann Bell")
    client.post(at("conference_change", peggy, conference), data)
    conference.refresh_from_db()
    assert conference.coordinator == "Ann Bell" and list(conference.invited.all()) == [jo]


# --- The three stages --------------------------------------------------------------------------------


def stage_post(conference, move_on=True, **data):
    conference.refresh_from_db()
    return {"version": conference.version, **({"move_on": "1"} if move_on else {}), **data}


def test_the_conference_moves_through_its_stages_and_shows_what_was_recorded(client_for, peggy, conference):
    client = client_for("alice")
    page = client.get(at("conference", peggy, conference)).content.decode()
    assert "Start information sharing" in page and page.count('data-state="to come"') == 3

    client.post(at("conference_stage", peggy, conference), stage_post(conference))
    assert moved_to(conference, "information_sharing")
    form = client.get(at("conference_stage", peggy, conference)).content.decode()
    assert_accessible_html(form)
    assert "Save and move on to private family time" in form

    shared = "The coordinator said what help there is. Jo asked about respite."
    client.post(at("conference_stage", peggy, conference), stage_post(conference, information_shared=shared))
    assert moved_to(conference, "private_family_time")
    asked = "They will take turns to visit, and want a sitter on Fridays."
    client.post(at("conference_stage", peggy, conference), stage_post(conference, private_time_note=asked))
    assert moved_to(conference, "agreeing_the_plan")

    html = client.get(at("conference", peggy, conference)).content.decode()
    assert_accessible_html(html)
    assert shared in html and asked in html
    assert html.count('data-state="done"') == 2 and html.count('data-state="now"') == 1


def test_moving_on_with_nothing_recorded_is_refused(client_for, peggy, conference):
    client = client_for("alice")
    client.post(at("conference_stage", peggy, conference), stage_post(conference))
    response = client.post(at("conference_stage", peggy, conference), stage_post(conference, information_shared=""))
    html = response.content.decode()
    assert_accessible_html(html, errors_expected=True)
    assert "Enter what was shared at the start before moving on" in html
    assert moved_to(conference, "information_sharing")


def test_saving_without_moving_on_keeps_the_stage(client_for, peggy, conference):
    client = client_for("alice")
    client.post(at("conference_stage", peggy, conference), stage_post(conference))
    client.post(
        at("conference_stage", peggy, conference), stage_post(conference, move_on=False, information_shared="Notes")
    )
    assert moved_to(conference, "information_sharing") and conference.information_shared == "Notes"


def test_the_familys_plan_is_agreed_only_with_an_action_and_a_review_date(client_for, staff, peggy, jo, conference):
    services.conference_save(
        actor=staff["alice"],
        person=peggy,
        conference_id=conference.pk,
        data={"stage": "agreeing_the_plan"},
        expected_version=conference.version,
    )
    client = client_for("alice")
    refused = client.post(at("conference_stage", peggy, conference), stage_post(conference)).content.decode()
    assert_accessible_html(refused, errors_expected=True)
    assert "Add at least one action to the family&#39;s plan before marking it agreed" in refused
    assert "Enter a review date before marking the family&#39;s plan agreed" in refused
    assert moved_to(conference, "agreeing_the_plan")

    services.family_action_add(
        actor=staff["alice"], person=peggy, conference_id=conference.pk, data={"network_member": jo.pk, "what": "visit"}
    )
    day = NEXT_MONTH
    review = {"review_on_0": day.day, "review_on_1": day.month, "review_on_2": day.year}
    client.post(at("conference_stage", peggy, conference), stage_post(conference, **review))
    assert moved_to(conference, "plan_agreed") and conference.review_on == day
    html = client.get(at("conference", peggy, conference)).content.decode()
    assert f"will look at the plan again by {day.day}" in html
    assert html.count('data-state="done"') == 3


def test_a_stage_moved_on_by_someone_else_meanwhile_is_a_conflict_not_a_second_move(client_for, peggy, conference):
    client = client_for("alice")
    stale = stage_post(conference)
    client.post(at("conference_stage", peggy, conference), stale)
    response = client.post(at("conference_stage", peggy, conference), {**stale, "information_shared": "Mine"})
    assert moved_to(conference, "information_sharing")
    assert "saved changes while you were editing" in response.content.decode()


# --- The family's plan, and linking it into the support plan -----------------------------------------


def test_an_action_names_someone_from_the_network_or_someone_else(client_for, peggy, jo, conference):
    client = client_for("alice")
    page = client.get(at("family_action_add", peggy, conference)).content.decode()
    assert_accessible_html(page)
    client.post(
        at("family_action_add", peggy, conference), {"who_from": jo.pk, "what": "Ring every evening", "by_when": "May"}
    )
    client.post(
        at("family_action_add", peggy, conference),
        {"who_from": "other", "who": "Mr Ahmed", "what": "Drive to Friday prayers", "by_when": ""},
    )
    assert list(FamilyAction.objects.values_list("network_member", "who", "what")) == [
        (jo.pk, "", "Ring every evening"),
        (None, "Mr Ahmed", "Drive to Friday prayers"),
    ]
    html = client.get(at("conference", peggy, conference)).content.decode()
    assert "Jo Okafor (daughter)" in html and "Mr Ahmed" in html and "Put in the support plan" in html


@pytest.mark.parametrize(
    ("post", "error"),
    [
        ({"who_from": "other", "who": "", "what": "Visit"}, "Enter who will do it"),
        ({"what": "Visit"}, "Choose who will do it"),
        ({"who_from": "other", "who": "Ann", "what": " "}, "Enter what they will do"),
    ],
)
def test_a_bad_action_is_refused_in_words(client_for, peggy, conference, post, error):
    response = client_for("alice").post(at("family_action_add", peggy, conference), {"by_when": "Soon", **post})
    html = response.content.decode()
    assert_accessible_html(html, errors_expected=True)
    assert error in html and 'value="Soon"' in html
    assert not FamilyAction.objects.exists()


def test_an_action_for_someone_in_another_persons_network_is_refused(client_for, peggy, conference, theirs):
    response = client_for("alice").post(
        at("family_action_add", peggy, conference), {"who_from": theirs.pk, "what": "Visit"}
    )
    assert "Choose someone from Peggy&#39;s own network, or someone else" in response.content.decode()
    assert not FamilyAction.objects.exists()


@pytest.fixture
def action(staff, peggy, jo, conference):
    return services.family_action_add(
        actor=staff["alice"],
        person=peggy,
        conference_id=conference.pk,
        data={"network_member": jo.pk, "what": "ring me every evening", "by_when": "From May"},
    )


def test_an_action_is_linked_into_the_support_plan_under_an_outcome(client_for, peggy, jo, conference, action, outcome):
    client = client_for("alice")
    page = client.get(at("family_action_link", peggy, conference, action)).content.decode()
    assert_accessible_html(page)
    assert "I want to get back to my garden." in page and "ring me every evening" in page
    response = client.post(at("family_action_link", peggy, conference, action), {"outcome": outcome.pk})
    assert response.url == at("conference", peggy, conference) + "#family-plan"
    made = Contribution.objects.get(family_action=action)
    assert (made.outcome, made.kind, made.network_member, made.what) == (
        outcome,
        "network",
        jo,
        "ring me every evening",
    )
    html = client.get(at("conference", peggy, conference)).content.decode()
    assert f'#outcome-{outcome.pk}">“I want to get back to my garden.”</a>' in html
    # The support plan's copy now says it, in the first person.
    copy = client.get(reverse("plans:copy", args=[peggy.pk, outcome.plan_id])).content.decode()
    assert "My daughter Jo Okafor will ring me every evening, from May." in copy


def test_linking_to_an_outcome_of_another_persons_plan_is_refused(
    client_for, staff, peggy, conference, action, outcome, theirs
):
    ravis_plan = services.plan_start(actor=staff["alice"], person=theirs.person)
    ravis = services.outcome_add(actor=staff["alice"], person=theirs.person, plan_id=ravis_plan.pk, data={"text": "x"})
    response = client_for("alice").post(at("family_action_link", peggy, conference, action), {"outcome": ravis.pk})
    html = response.content.decode()
    assert_accessible_html(html, errors_expected=True)
    assert "Choose an outcome from a support plan being written" in html
    assert not Contribution.objects.filter(family_action=action).exists()


def test_linking_with_no_outcome_chosen_is_refused(client_for, peggy, conference, action, outcome):
    response = client_for("alice").post(at("family_action_link", peggy, conference, action), {})
    assert page_has_errors(response.content.decode())
    assert "Choose the outcome it helps with" in response.content.decode()


def test_an_action_already_linked_or_with_no_plan_being_written_goes_back_with_a_message(
    client_for, staff, peggy, conference, action, outcome
):
    client = client_for("alice")
    services.family_action_link(actor=staff["alice"], person=peggy, action_id=action.pk, outcome_id=outcome.pk)
    response = client.get(at("family_action_link", peggy, conference, action), follow=True)
    assert "This action is already in the support plan." in response.content.decode()

    other = services.family_action_add(
        actor=staff["alice"], person=peggy, conference_id=conference.pk, data={"who": "Ann", "what": "Shop"}
    )
    outcome.plan.status = "awaiting_sign_off"
    outcome.plan.save()
    response = client.get(at("family_action_link", peggy, conference, other), follow=True)
    assert "No support plan is being written" in response.content.decode()
    assert not Contribution.objects.filter(family_action=other).exists()


# --- The person's page -------------------------------------------------------------------------------


def test_the_persons_page_lists_their_conferences(client_for, peggy, conference):
    html = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    assert "Family group conferences" in html
    assert at("conference", peggy, conference) in html and "Refer to a family group conference" in html
    other_team = client_for("bob").get(peggy.get_absolute_url()).content.decode()
    assert at("conference", peggy, conference) in other_team
    assert "Refer to a family group conference" not in other_team


def test_the_history_says_when_a_conference_and_its_actions_were_added(client_for, peggy, conference, action):
    html = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert f"Family group conference (number {conference.pk})" in html
    assert "the family&#39;s plan" in html
