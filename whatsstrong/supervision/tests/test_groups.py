"""Peer group supervision: the agreement, the facilitator rota, a session in SHARED about a person, the
summary the facilitator shares, and actions that flow to the person's record like one-to-one ones."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from whatsstrong.supervision import parts, rules, services

DAY = datetime.date(2026, 3, 9)


@pytest.mark.parametrize(
    "members, last, expected",
    [([1, 2, 3], None, 1), ([1, 2, 3], 1, 2), ([1, 2, 3], 3, 1), ([1, 2], 9, 1), ([], 1, None)],
)
def test_the_facilitator_rota(members, last, expected):
    assert rules.next_facilitator(members, last) == expected


def test_an_agreement_needs_a_name_two_members_how_often_and_how_long(staff):
    with pytest.raises(ValidationError) as refused:
        services.group_add(actor=staff["carol"], data={"name": ""}, member_ids=[staff["alice"].pk])
    assert set(refused.value.message_dict) == {"name", "members", "frequency", "duration"}
    with pytest.raises(PermissionDenied):
        services.group_add(actor=staff["alice"], data={"name": "x"}, member_ids=[])


def test_a_session_in_shared_its_summary_and_an_action_about_a_person(staff, nia, group, peggy):
    alice, carol = staff["alice"], staff["carol"]
    with pytest.raises(ValidationError) as refused:
        services.group_session_add(
            actor=alice,
            group_id=group.pk,
            data={
                "held_on": DAY,
                "facilitator": staff["bob"].pk,
                "note_taker": nia.pk,
                "presenter": alice.pk,
                "model": "shared",
                "next_on": DAY,
            },
        )
    assert set(refused.value.message_dict) == {"facilitator", "next_on"}
    made = services.group_session_add(
        actor=alice,
        group_id=group.pk,
        data={
            "held_on": DAY,
            "facilitator": nia.pk,
            "note_taker": alice.pk,
            "presenter": alice.pk,
            "person": peggy.pk,
            "model": "shared",
            "next_on": DAY + datetime.timedelta(weeks=6),
        },
    )
    with pytest.raises(ValidationError):
        services.group_summary_share(actor=nia, group_session_id=made.pk)  # nothing written yet
    services.group_notes(
        actor=nia,
        group_session_id=made.pk,
        expected_version=1,
        data={
            "reflections": {"hear": "Peggy speaks warmly of her son."},
            "decisions": "Visit",
            "summary": "Agreed a visit",
        },
    )
    with pytest.raises(PermissionDenied):
        services.group_summary_share(actor=alice, group_session_id=made.pk)  # not the facilitator
    assert services.group_summary_share(actor=nia, group_session_id=made.pk).summary_shared_at
    action = services.group_action_add(
        actor=nia, group_session_id=made.pk, data={"what": "Ring Peggy's son", "person": peggy.pk, "owner": alice.pk}
    )
    assert action.session_id is None and action.group_session_id == made.pk
    request = RequestFactory().get("/")
    request.user = alice
    assert [a.pk for a, _ in parts.page_context(request, peggy, True)["actions"]] == [action.pk]
    with pytest.raises(PermissionDenied):
        services.group_action_add(actor=staff["bob"], group_session_id=made.pk, data={"what": "x"})
    assert carol.pk == group.supervisor_id


def test_group_pages(client_for, staff, nia, group, peggy):
    client = client_for("alice")
    page = client.get(f"/supervision/groups/{group.pk}/").content.decode()
    assert "Every six weeks" in page and "Next on the facilitator rota" in page
    made = client.post(
        f"/supervision/groups/{group.pk}/sessions/new/",
        {
            "held_on_0": "9",
            "held_on_1": "3",
            "held_on_2": "2026",
            "facilitator": str(alice_pk := staff["alice"].pk),
            "note_taker": str(nia.pk),
            "presenter": str(alice_pk),
            "person": str(peggy.pk),
            "model": "shared",
        },
    )
    assert made.status_code == 302, made.content.decode()[:3000]
    notes = client.get(made.url).content.decode()
    assert "Whose voice carries the most weight here, and is Peggy&#39;s own voice loud enough?" in notes or (
        "is Peggy's own voice loud enough?" in notes
    )
    assert client_for("bob").get(f"/supervision/groups/{group.pk}/").status_code == 404
    bad = client_for("carol").post("/supervision/groups/new/", {"name": "Only me", "members": [str(nia.pk)]})
    assert rules.MEMBERS_NEEDED in bad.content.decode() and "Only me" in bad.content.decode()
