"""Marking an action done from the peer group session that agreed it: the button beside each open
action for whoever may mark it done on the person's record (`access.can_finish_supervision_action`),
back to the session with a banner; refused for anyone else; done on the person's record too."""

import datetime

import pytest

from whatsstrong.core.models import Role, User
from whatsstrong.supervision import services
from whatsstrong.supervision.models import SupervisionAction

DAY = datetime.date(2026, 3, 9)


@pytest.fixture
def nia(teams):
    return User.objects.create(
        username="nia", first_name="Nia", last_name="Test", role=Role.PRACTITIONER, team=teams["north"]
    )


@pytest.fixture
def made(staff, nia, peggy):
    alice = staff["alice"]
    group = services.group_add(
        actor=staff["carol"],
        data={"name": "North peers", "frequency": "Every six weeks", "duration": "90 minutes"},
        member_ids=[alice.pk, nia.pk],
    )
    roles = {"facilitator": nia.pk, "note_taker": alice.pk, "presenter": alice.pk, "model": "shared"}
    session = services.group_session_add(
        actor=alice, group_id=group.pk, data={"held_on": DAY, "person": peggy.pk, **roles}
    )
    about_peggy = services.group_action_add(
        actor=nia, group_session_id=session.pk, data={"what": "Ring Peggy's son", "person": peggy.pk, "owner": alice.pk}
    )
    nias_own = services.group_action_add(
        actor=nia, group_session_id=session.pk, data={"what": "Read the guidance", "owner": nia.pk}
    )
    return session, about_peggy, nias_own


def done_url(action):
    return f"/supervision/actions/{action.pk}/done/"


def test_the_buttons_show_for_who_may_mark_each_action(client_for, made):
    session, about_peggy, nias_own = made
    page = client_for("alice").get(session.get_absolute_url()).content.decode()
    actions = page[page.index('id="group-actions"') : page.index("</ul>", page.index('id="group-actions"'))]
    # Alice owns the action about Peggy; Nia's own action is for Nia (it is about no one's record).
    assert f'action="{done_url(about_peggy)}"' in actions
    assert f'action="{done_url(nias_own)}"' not in actions
    assert f'name="next" value="{session.get_absolute_url()}"' in actions
    assert 'Mark done<span class="govuk-visually-hidden">: Ring Peggy&#39;s son' in actions


def test_marked_done_from_the_session_back_to_it_and_done_on_the_record(client_for, staff, made, peggy):
    session, about_peggy, _ = made
    client = client_for("alice")
    assert "Ring Peggy&#39;s son" in client.get(f"/people/{peggy.pk}/").content.decode()
    got = client.post(done_url(about_peggy), {"next": session.get_absolute_url()})
    assert got.status_code == 302 and got.url == session.get_absolute_url()
    page = client.get(got.url).content.decode()
    assert "Action marked done." in page
    assert "Done</strong> Ring Peggy&#39;s son" in page and "marked done by Alice Test" in page
    assert f'action="{done_url(about_peggy)}"' not in page  # done: no button
    stored = SupervisionAction.objects.get(pk=about_peggy.pk)
    assert stored.done_by_id == staff["alice"].pk and stored.done_at is not None
    record = client.get(f"/people/{peggy.pk}/").content.decode()
    assert "Ring Peggy&#39;s son" not in record  # off the record's list of things to do
    history = client_for("carol").get(f"/people/{peggy.pk}/history/").content.decode()  # supervisors read it
    assert "Ring Peggy" in history and "Done by" in history and "Alice Test" in history


def test_someone_else_is_refused_and_nothing_changes(client_for, made):
    session, _, nias_own = made
    got = client_for("alice").post(done_url(nias_own), {"next": session.get_absolute_url()})
    assert got.status_code == 403
    assert SupervisionAction.objects.get(pk=nias_own.pk).done_at is None


def test_the_owner_marks_their_own(client, nia, made):
    session, _, nias_own = made
    client.force_login(nia, backend="whatsstrong.core.backends.StaffBackend")
    assert f'action="{done_url(nias_own)}"' in client.get(session.get_absolute_url()).content.decode()
    assert client.post(done_url(nias_own), {"next": session.get_absolute_url()}).url == session.get_absolute_url()
    assert SupervisionAction.objects.get(pk=nias_own.pk).done_by.username == "nia"
