"""Changing an outcomes forum's details (date, chair, place, members taken off) on its edit page: for those
who arrange forums, at the version opened, bad input kept on the form with an error summary."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from whatsstrong.core.records import EditConflict
from whatsstrong.forums import services
from whatsstrong.forums.models import Forum, ForumMember

from .conftest import HELD_ON

pytestmark = pytest.mark.django_db
MOVED = HELD_ON + datetime.timedelta(days=7)


def day(value):
    return {"held_on_0": str(value.day), "held_on_1": str(value.month), "held_on_2": str(value.year)}


def posted(staff, forum, **change):
    return {**day(MOVED), "chair": str(staff["lee"].pk), "place": "Room 9", "version": str(forum.version), **change}


def test_a_chair_moves_the_forum_changes_its_chair_and_place_and_takes_a_member_off(client_for, staff, forum):
    client = client_for("quinn")
    url = reverse("forums:edit", args=[forum.pk])
    page = client.get(url).content.decode()
    assert '<h1 class="govuk-heading-l">Change the forum' in page
    assert "Room 2" in page and "Omar" in page
    assert page.count('class="govuk-checkboxes__input"') == 3  # a member to take off, each a GOV.UK checkbox
    omar = ForumMember.objects.get(forum=forum, name="Omar")
    response = client.post(url, posted(staff, forum, remove=[str(omar.pk)]))
    assert response.status_code == 302 and response["Location"] == forum.get_absolute_url()
    saved = Forum.objects.get(pk=forum.pk)
    assert (saved.held_on, saved.chair, saved.place, saved.version) == (MOVED, staff["lee"], "Room 9", 2)
    assert saved.history.first().history_user == staff["quinn"]
    assert sorted(saved.members.values_list("name", flat=True)) == ["Sue", "Tess"]
    assert "Change the date, chair, place or members" in client.get(forum.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["alice", "bob", "dina", "adam"])
def test_someone_who_may_not_arrange_forums_is_refused(client_for, staff, forum, who):
    client = client_for(who)
    url = reverse("forums:edit", args=[forum.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, posted(staff, forum)).status_code == 403
    assert Forum.objects.get(pk=forum.pk).place == "Room 2"
    assert "Change the date, chair" not in client.get(forum.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        services.forum_save(
            actor=staff[who], forum_id=forum.pk, expected_version=1, data={"held_on": MOVED, "chair": staff["lee"]}
        )


def test_bad_input_is_kept_with_an_error_summary(client_for, staff, forum):
    client = client_for("carol")
    url = reverse("forums:edit", args=[forum.pk])
    page = client.post(
        url, {"held_on_0": "31", "held_on_1": "2", "held_on_2": "2026", "chair": "", "place": "Typed place"}
    ).content.decode()
    assert "govuk-error-summary" in page and "Choose who chairs the forum" in page
    assert "<title>Error: " in page and 'value="Typed place"' in page and 'value="31"' in page
    assert Forum.objects.get(pk=forum.pk).version == 1
    assert client.get(url + "?x=1").status_code == 200
    assert client.get(reverse("forums:edit", args=[999999])).status_code == 404


def test_a_save_on_top_of_someone_elses_is_a_conflict_that_keeps_what_was_typed(client_for, staff, forum):
    services.forum_save(
        actor=staff["lee"],
        forum_id=forum.pk,
        expected_version=1,
        data={"held_on": HELD_ON, "chair": staff["carol"], "place": "Room 3"},
    )
    page = client_for("carol").post(
        reverse("forums:edit", args=[forum.pk]), posted(staff, forum, place="My typing", version="1")
    )
    text = page.content.decode()
    assert "Someone saved this forum after you opened it" in text and 'value="My typing"' in text
    assert 'name="version" value="2"' in text
    assert Forum.objects.get(pk=forum.pk).place == "Room 3"
    # Saving again, now knowingly on top of version 2, is accepted.
    again = client_for("carol").post(
        reverse("forums:edit", args=[forum.pk]), posted(staff, forum, place="My typing", version="2")
    )
    assert again.status_code == 302 and Forum.objects.get(pk=forum.pk).place == "My typing"


def test_the_service_refuses_a_chair_from_another_role_and_a_day_after_a_recorded_decision(world, staff):
    forum = world.forum
    with pytest.raises(ValidationError) as refused:
        services.forum_save(
            actor=staff["carol"],
            forum_id=forum.pk,
            expected_version=1,
            data={"held_on": MOVED, "chair": staff["alice"]},
        )
    assert "chair" in refused.value.message_dict
    services.hearing_decide(
        actor=staff["carol"],
        person=world.peggy,
        hearing_id=world.hearing.pk,
        expected_version=1,
        data={"decision": "agreed", "reasons": "The stair help covers the evenings."},
    )
    decided_on = world.hearing.__class__.objects.get(pk=world.hearing.pk).decided_on
    with pytest.raises(ValidationError) as refused:
        services.forum_save(
            actor=staff["carol"],
            forum_id=forum.pk,
            expected_version=1,
            data={"held_on": decided_on + datetime.timedelta(days=1), "chair": staff["carol"]},
        )
    assert refused.value.message_dict["held_on"][0].startswith("The forum recorded a decision on")
    with pytest.raises(ValidationError) as refused:
        services.forum_save(
            actor=staff["carol"],
            forum_id=forum.pk,
            expected_version=1,
            data={"held_on": HELD_ON, "chair": staff["carol"]},
            remove=[999999],
        )
    assert refused.value.message_dict == {"remove": ["Choose members of this forum to take off"]}
    with pytest.raises(EditConflict):
        services.forum_save(
            actor=staff["carol"],
            forum_id=forum.pk,
            expected_version=7,
            data={"held_on": HELD_ON, "chair": staff["carol"]},
        )
