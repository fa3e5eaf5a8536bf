"""Forum decisions, gaps raised at a forum, and what is refused, called on the services directly."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.core.records import EditConflict
from whatsstrong.directory.models import Gap
from whatsstrong.forums import rules, services
from whatsstrong.forums.models import ForumGap, Hearing

from .conftest import HELD_ON, term

GAP = {"area": "CV6 1AB", "who": "People home from hospital who live alone", "need": "Volunteer befriending"}


def test_only_forum_roles_arrange_a_forum_and_the_chair_must_hold_one(staff):
    with pytest.raises(PermissionDenied):
        services.forum_add(actor=staff["alice"], data={"held_on": HELD_ON, "chair": staff["carol"]})
    with pytest.raises(ValidationError) as refused:
        services.forum_add(actor=staff["lee"], data={"held_on": HELD_ON, "chair": staff["dina"]})
    assert "chair" in refused.value.message_dict


def test_members_are_recorded_by_discipline_from_the_list(world):
    with pytest.raises(ValidationError) as refused:
        services.member_add(
            actor=world.staff["carol"], forum_id=world.forum.pk, data={"name": "Fay", "discipline": "finance"}
        )
    assert refused.value.message_dict == {"discipline": [rules.DISCIPLINE_UNKNOWN]}
    assert sorted(world.forum.members.values_list("discipline", flat=True)) == [
        "commissioning",
        "occupational_therapy",
        "social_work",
    ]


def test_the_forum_agrees_a_plan_with_reasons(world):
    decided = services.hearing_decide(
        actor=world.staff["lee"],
        person=world.peggy,
        hearing_id=world.hearing.pk,
        expected_version=1,
        data={"decision": "agreed", "reasons": "Her daughter and the stair help cover the evenings."},
    )
    assert (decided.decision, decided.decided_by, decided.version) == ("agreed", world.staff["lee"], 2)
    assert decided.history.first().history_user == world.staff["lee"]


def test_asking_for_changes_says_what_and_by_when_and_a_later_hearing_follows(world, staff, peggy, plan):
    by = HELD_ON + datetime.timedelta(days=28)
    services.hearing_decide(
        actor=staff["carol"],
        person=peggy,
        hearing_id=world.hearing.pk,
        expected_version=1,
        data={
            "decision": "changes",
            "reasons": "Technology not tried",
            "changes": "Try a bed sensor",
            "changes_by": by,
        },
    )
    later_forum = services.forum_add(actor=staff["carol"], data={"held_on": by, "chair": staff["carol"]})
    later = services.hearing_add(
        actor=staff["alice"],
        person=peggy,
        forum_id=later_forum.pk,
        data={"plan": plan.pk, "story": "The sensor is in.", "follows": world.hearing.pk},
    )
    assert later.follows == world.hearing
    assert Hearing.objects.get(pk=world.hearing.pk).changes_by == by


def test_a_change_asked_without_saying_what_is_refused_and_nothing_is_lost(world):
    with pytest.raises(ValidationError) as refused:
        services.hearing_decide(
            actor=world.staff["carol"],
            person=world.peggy,
            hearing_id=world.hearing.pk,
            expected_version=1,
            data={"decision": "changes", "reasons": "Not enough about her network", "changes": ""},
        )
    assert refused.value.message_dict == {
        "changes": [rules.CHANGES_NEEDED],
        "changes_by": [rules.CHANGES_BY_NEEDED],
    }
    stored = Hearing.objects.get(pk=world.hearing.pk)
    assert (stored.decision, stored.version, stored.story) == ("", 1, world.hearing.story)


def test_two_people_recording_a_decision_at_once_meet_a_conflict(world):
    data = {"decision": "agreed", "reasons": "Clear"}
    services.hearing_decide(
        actor=world.staff["carol"], person=world.peggy, hearing_id=world.hearing.pk, expected_version=1, data=data
    )
    with pytest.raises(EditConflict):
        services.hearing_decide(
            actor=world.staff["lee"], person=world.peggy, hearing_id=world.hearing.pk, expected_version=1, data=data
        )


def test_practitioners_do_not_record_decisions_and_outsiders_do_not_add_people(world, staff, peggy, plan):
    with pytest.raises(PermissionDenied):
        services.hearing_decide(
            actor=staff["alice"],
            person=peggy,
            hearing_id=world.hearing.pk,
            expected_version=1,
            data={"decision": "agreed", "reasons": "x"},
        )
    other = services.forum_add(actor=staff["carol"], data={"held_on": HELD_ON, "chair": staff["carol"]})
    with pytest.raises(PermissionDenied):  # Bob works in the other team
        services.hearing_add(actor=staff["bob"], person=peggy, forum_id=other.pk, data={"plan": plan.pk, "story": "x"})
    assert not Hearing.objects.filter(forum=other).exists()


def test_a_hearing_needs_a_story_and_one_of_the_persons_own_plans(world, staff, peggy, make_person):
    other = services.forum_add(actor=staff["carol"], data={"held_on": HELD_ON, "chair": staff["carol"]})
    with pytest.raises(ValidationError) as refused:
        services.hearing_add(actor=staff["alice"], person=peggy, forum_id=other.pk, data={"plan": 999999, "story": ""})
    assert set(refused.value.message_dict) == {"plan", "story"}
    with pytest.raises(ValidationError):  # heard once per forum
        services.hearing_add(
            actor=staff["alice"], person=peggy, forum_id=world.forum.pk, data={"plan": world.plan.pk, "story": "x"}
        )


def test_a_gap_raised_at_the_forum_is_the_directorys_with_its_urgency_and_kept_by_the_forum(world):
    gap = services.hearing_gap(
        actor=world.staff["lee"],
        person=world.peggy,
        hearing_id=world.hearing.pk,
        data={**GAP, "category": term("befriending"), "urgency": "now"},
    )
    stored = Gap.objects.get(pk=gap.pk)
    assert (stored.source, stored.urgency, stored.area, stored.category.code) == ("forum", "now", "CV6", "befriending")
    assert stored.person_id == world.peggy.pk
    link = ForumGap.objects.get(gap=gap)
    assert (link.hearing_id, link.forum_id) == (world.hearing.pk, world.forum.pk)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"category": None}, "category", "Choose the kind of support that was missing"),
        ({"urgency": "whenever"}, "urgency", "Choose how soon it is needed from the list"),
        ({"urgency": ""}, "urgency", "Say how soon it is needed"),
        ({"who": ""}, "who", "Say who it would be for"),
    ],
)
def test_a_forum_gap_without_a_category_or_a_listed_urgency_is_refused_and_nothing_is_kept(
    world, changes, field, words
):
    data = {**GAP, "category": term("befriending"), "urgency": "soon", **changes}
    with pytest.raises(ValidationError) as refused:
        services.hearing_gap(actor=world.staff["carol"], person=world.peggy, hearing_id=world.hearing.pk, data=data)
    assert refused.value.message_dict[field] == [words]
    assert not Gap.objects.exists() and not ForumGap.objects.exists()


def test_someone_outside_the_forum_roles_and_the_case_roles_records_no_forum_gap(world):
    with pytest.raises(PermissionDenied):
        services.hearing_gap(
            actor=world.staff["dina"],
            person=world.peggy,
            hearing_id=world.hearing.pk,
            data={**GAP, "category": term("befriending"), "urgency": "soon"},
        )
    assert not Gap.objects.exists()
