"""A community contribution naming a directory service: one suggestion on the person's record, marked
as from the plan and counted by the directory (never a second on saving again); a service not running
refused; the plan page, the picker and the person's copy showing its name and how to get in touch."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from whatsstrong.directory import queries as directory_queries
from whatsstrong.directory import services as directory
from whatsstrong.directory.models import Signpost
from whatsstrong.plans import copy, queries, services
from whatsstrong.plans.models import Contribution


@pytest.fixture
def club(staff):
    dina = staff["dina"]
    centre = directory.organisation_save(
        actor=dina, data={"name": "Foleshill Community Centre", "phone": "024 7600 0001"}
    )
    lunch = directory.service_save(
        actor=dina, organisation=centre, data={"name": "Friday Lunch Club", "email": "lunch@example.org"}
    )
    choir = directory.service_save(actor=dina, organisation=centre, data={"name": "Old Choir", "status": "defunct"})
    return lunch, choir


@pytest.fixture
def community(staff, peggy):
    alice = staff["alice"]
    plan = services.plan_start(actor=alice, person=peggy)
    outcome = services.outcome_add(actor=alice, person=peggy, plan_id=plan.pk, data={"text": "I want company."})
    return services.contribution_add(
        actor=alice,
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "community", "who": "A lunch club", "what": "give me a warm meal and company", "when": "Fridays"},
    )


def name(staff, peggy, contribution, service, **more):
    stored = Contribution.objects.get(pk=contribution.pk)
    return services.contribution_save(
        actor=staff["alice"],
        person=peggy,
        contribution_id=stored.pk,
        expected_version=stored.version,
        data={"service": service.pk if service else None, **more},
    )


def test_naming_a_service_suggests_it_once_marked_as_from_the_plan(staff, peggy, club, community):
    lunch, _ = club
    saved = name(staff, peggy, community, lunch)
    signpost = Signpost.objects.get(person=peggy)
    assert (saved.service, saved.signpost, signpost.service, signpost.from_plan) == (lunch, signpost, lunch, True)
    assert signpost.history.first().history_user == staff["alice"]
    name(staff, peggy, community, lunch, when="Every Friday at noon")  # saved again, same service
    assert Signpost.objects.filter(person=peggy).count() == 1
    assert directory_queries.usage(lunch.pk).suggested == 1


def test_a_service_named_when_the_contribution_is_added_is_suggested_too(staff, peggy, club, community):
    lunch, _ = club
    made = services.contribution_add(
        actor=staff["alice"],
        person=peggy,
        outcome_id=community.outcome_id,
        data={"kind": "community", "what": "lunch", "service": lunch.pk},
    )
    assert made.signpost.service == lunch and made.signpost.from_plan


def test_a_service_closed_for_good_is_refused_and_nothing_changes(staff, peggy, club, community):
    _, choir = club
    with pytest.raises(ValidationError) as refused:
        name(staff, peggy, community, choir)
    assert refused.value.message_dict == {"service": [services.NOT_A_RUNNING_SERVICE]}
    stored = Contribution.objects.get(pk=community.pk)
    assert (stored.service_id, stored.version) == (None, community.version)
    assert not Signpost.objects.exists()


def test_only_a_community_contribution_names_a_service(staff, peggy, club, community):
    lunch, _ = club
    with pytest.raises(ValidationError) as refused:
        name(staff, peggy, community, lunch, kind="paid")
    assert refused.value.message_dict == {"service": [services.ONLY_COMMUNITY_NAMES_A_SERVICE]}


def test_the_plan_page_and_the_copy_show_the_service_and_how_to_reach_it(client_for, staff, peggy, club, community):
    lunch, _ = club
    name(staff, peggy, community, lunch)
    page = client_for("alice").get(reverse("plans:plan", args=[peggy.pk, community.plan_id])).content.decode()
    assert "Friday Lunch Club" in page and "lunch@example.org" in page and "024 7600 0001" in page
    content, number, agreed_on = queries.copy_content(community.plan)
    made = copy.build(content, name="Peggy", version=number, agreed_on=agreed_on)
    lines = [item for section in made.sections for block in section.blocks for item in block.items]
    assert (
        "Friday Lunch Club will give me a warm meal and company, Fridays. "
        "To get in touch: 024 7600 0001, lunch@example.org." in lines
    ), lines


def test_the_picker_lists_running_services_by_words_and_saves_the_choice(client_for, staff, peggy, club, community):
    lunch, choir = club
    address = reverse("plans:contribution_service", args=[peggy.pk, community.plan_id, community.pk])
    client = client_for("alice")
    page = client.get(address, {"q": "club"}).content.decode()
    assert "Friday Lunch Club" in page and "Old Choir" not in page
    refused = client.post(address + "?q=club", {"version": community.version, "service": str(choir.pk)})
    assert "Choose a service from the list" in refused.content.decode()
    client.post(address + "?q=club", {"version": community.version, "service": str(lunch.pk)})
    assert Contribution.objects.get(pk=community.pk).service == lunch
    assert Signpost.objects.filter(person=peggy, from_plan=True).count() == 1


def test_the_api_names_a_running_service_and_refuses_one_closed_for_good(client_for, staff, peggy, club, community):
    lunch, choir = club
    address = f"/api/people/{peggy.pk}/plans/{community.plan_id}/contributions/{community.pk}"
    client = client_for("alice")
    refused = client.patch(
        address, {"version": community.version, "service_id": str(choir.pk)}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "service_id", "message": services.NOT_A_RUNNING_SERVICE}]
    named = client.patch(
        address, {"version": community.version, "service_id": str(lunch.pk)}, content_type="application/json"
    )
    assert named.status_code == 200, named.content
    assert (named.json()["service_id"], named.json()["service_name"]) == (str(lunch.pk), "Friday Lunch Club")
    assert Signpost.objects.filter(person=peggy, service=lunch, from_plan=True).count() == 1
