"""The forum pages: who may open what, the person's page part, and a restricted person's name."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from whatsstrong.forums import parts, services


def test_the_persons_page_part_costs_one_query_and_draws_nothing_for_someone_never_heard(staff, make_person, rf):
    someone = make_person(given_name="Ada", family_name="Lane")
    request = rf.get("/")
    request.user = staff["alice"]
    with CaptureQueriesContext(connection) as queries:
        assert parts.page_context(request, someone, True) is None
    assert len(queries) == 1


def test_the_persons_page_lists_their_hearings_and_offers_to_bring_them(client_for, world):
    page = client_for("alice").get(world.peggy.get_absolute_url()).content.decode()
    assert "Outcomes forums" in page and reverse("forums:hearing", args=[world.peggy.pk, world.hearing.pk]) in page
    assert reverse("forums:hear", args=[world.peggy.pk]) in page
    other = client_for("bob").get(world.peggy.get_absolute_url()).content.decode()
    assert reverse("forums:hear", args=[world.peggy.pk]) not in other


def test_the_forum_page_hides_the_name_of_a_restricted_person_from_those_who_may_not_open_it(
    client_for, staff, make_person, world
):
    from whatsstrong.plans import services as plans

    rita = make_person(given_name="Rita", family_name="Hollis", preferred_name="", restricted=True)
    plan = plans.plan_start(actor=staff["alice"], person=rita)
    services.hearing_add(
        actor=staff["alice"], person=rita, forum_id=world.forum.pk, data={"plan": plan.pk, "story": "x"}
    )
    address = reverse("forums:forum", args=[world.forum.pk])
    assert "Rita Hollis" in client_for("alice").get(address).content.decode()  # her allocated worker
    seen_by_lee = client_for("lee").get(address).content.decode()
    assert "Rita Hollis" not in seen_by_lee and "A restricted record" in seen_by_lee


def test_only_forum_roles_record_decisions_and_directory_editors_see_no_forum(client_for, world):
    decide = reverse("forums:decide", args=[world.peggy.pk, world.hearing.pk])
    assert client_for("alice").get(decide).status_code == 403
    assert client_for("lee").get(decide).status_code == 200
    assert client_for("dina").get(reverse("forums:list")).status_code == 403
    assert client_for("dina").get(reverse("forums:hearing", args=[world.peggy.pk, world.hearing.pk])).status_code == 403


def test_a_bad_decision_keeps_everything_typed(client_for, world):
    response = client_for("carol").post(
        reverse("forums:decide", args=[world.peggy.pk, world.hearing.pk]),
        {"version": 1, "decision": "changes", "reasons": "Her network was not described", "changes": ""},
    )
    html = response.content.decode()
    assert "Say what needs to change in the plan" in html and "Her network was not described" in html


def test_bringing_someone_without_a_plan_or_a_forum_says_what_to_do_first(client_for, staff, make_person, peggy):
    response = client_for("alice").get(reverse("forums:hear", args=[peggy.pk]), follow=True)
    assert "Start a support plan for Peggy first" in response.content.decode()
    from whatsstrong.plans import services as plans

    plans.plan_start(actor=staff["alice"], person=peggy)
    response = client_for("alice").get(reverse("forums:hear", args=[peggy.pk]), follow=True)
    assert "No outcomes forum has been arranged yet" in response.content.decode()
