"""Supervision services: actions flowing back to the person's record and the practitioner's home page,
and the next session; the privacy of wellbeing notes; who may set how often; bad input refused with
the field named."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.models import AccessEvent
from whatsstrong.core.record_parts import history_entries
from whatsstrong.supervision import parts, queries, services
from whatsstrong.supervision.models import Supervisee

from .conftest import HELD_ON


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_an_action_about_a_person_flows_to_their_record_the_home_page_and_the_next_session(staff, session, peggy):
    carol, alice = staff["carol"], staff["alice"]
    action = services.action_add(
        actor=carol,
        session_id=session.pk,
        data={"what": "Ask Peggy's son about the stairs", "person": peggy.pk, "due_on": HELD_ON},
    )
    assert action.owner_id == alice.pk  # the supervisee, unless said
    on_record = parts.page_context(_request(alice), peggy, True)
    assert [a.what for a, can_finish in on_record["actions"]] == ["Ask Peggy's son about the stairs"]
    assert on_record["actions"][0][1] is True
    home = parts.home_context(_request(alice))
    assert [a.pk for a in home["actions"]] == [action.pk]

    services.action_done(actor=alice, action_id=action.pk)
    assert parts.page_context(_request(alice), peggy, True) is None  # nothing open, nothing discussed
    assert parts.home_context(_request(alice))["actions"] == []

    later = services.session_add(
        actor=alice, supervisee=alice, data={"held_on": HELD_ON + datetime.timedelta(weeks=4), "agenda": "Next steps"}
    )
    assert later.supervisor_id == carol.pk  # prepared by the supervisee, with their team's supervisor
    previous = queries.previous_session(later)
    assert previous.pk == session.pk
    [seen] = queries.actions_in(previous.pk)
    assert seen.done_at is not None and seen.done_by_id == alice.pk


def test_only_the_owner_or_someone_who_may_change_the_record_marks_an_action_done(staff, session, peggy):
    action = services.action_add(actor=staff["carol"], session_id=session.pk, data={"what": "Call", "person": peggy})
    with pytest.raises(PermissionDenied):
        services.action_done(actor=staff["bob"], action_id=action.pk)
    with pytest.raises(PermissionDenied):
        services.action_done(actor=staff["quinn"], action_id=action.pk)


def test_wellbeing_notes_are_for_the_two_parties_only(staff, session, discussion, peggy):
    alice, carol = staff["alice"], staff["carol"]
    for user in (alice, carol):
        assert access.can_see_supervision_wellbeing(user, session)
    for name in ("quinn", "lee", "bob", "sam", "adam"):
        assert not access.can_see_supervision_wellbeing(staff[name], session)
    # The person's record shows the discussion, never the wellbeing notes, in its page and its history.
    shown = parts.page_context(_request(staff["quinn"]), peggy, False)
    assert [d.pk for d, _ in shown["discussions"]] == [discussion.pk]
    everything = repr(history_entries(peggy, staff["carol"]))
    assert "father is unwell" not in everything
    assert "Case discussion in supervision (SHARED)" in everything
    # The session's own history keeps no copy of the wellbeing notes either.
    assert not hasattr(session.history.first(), "wellbeing")


def test_others_see_a_session_only_by_role_and_their_view_is_logged(staff, session, client_for):
    assert access.can_see_supervision(staff["quinn"], session)
    assert not access.can_see_supervision(staff["bob"], session)
    assert not access.can_see_supervision(staff["sam"], session)
    assert not access.can_see_supervision(staff["lee"], session)
    client = client_for("quinn")
    page = client.get(f"/supervision/sessions/{session.pk}/")
    assert page.status_code == 200
    assert b"father is unwell" not in page.content
    assert AccessEvent.objects.filter(user=staff["quinn"], object_id=session.pk, action="view").exists()
    before = AccessEvent.objects.count()
    assert b"father is unwell" in client_for("alice").get(f"/supervision/sessions/{session.pk}/").content
    assert AccessEvent.objects.count() == before  # the parties' own reading is not logged


def test_the_frequency_is_set_by_their_supervisor_only(staff):
    alice = staff["alice"]
    with pytest.raises(PermissionDenied):
        services.set_frequency(actor=staff["sam"], supervisee=alice, every_weeks=2)
    with pytest.raises(PermissionDenied):
        services.set_frequency(actor=alice, supervisee=alice, every_weeks=2)
    with pytest.raises(ValidationError) as refused:
        services.set_frequency(actor=staff["carol"], supervisee=alice, every_weeks=0)
    assert "every_weeks" in refused.value.message_dict
    services.set_frequency(actor=staff["carol"], supervisee=alice, every_weeks=6)
    assert Supervisee.objects.get(pk=alice.pk).every_weeks == 6


def test_the_overview_shows_who_is_overdue(staff, session):
    today = timezone.localdate()
    found = {u.display_name: s for u, s in queries.overview(staff["carol"], today)}
    assert set(found) == {"Alice Test"}  # North's practitioners
    alice = found["Alice Test"]
    assert alice.last_held_on == HELD_ON
    assert alice.overdue is (today > HELD_ON + datetime.timedelta(weeks=4))
    everyone = {u.display_name for u, _ in queries.overview(staff["quinn"], today)}
    assert {"Alice Test", "Bob Test", "Carol Test", "Sam Test"} <= everyone


def test_bad_input_is_refused_with_each_field_named(staff, session, peggy, make_person):
    carol = staff["carol"]
    with pytest.raises(ValidationError) as refused:
        services.session_add(actor=carol, supervisee=staff["alice"], data={"held_on": None, "agenda": ""})
    assert set(refused.value.message_dict) == {"held_on", "agenda"}
    with pytest.raises(PermissionDenied):
        services.session_add(actor=carol, supervisee=staff["bob"], data={"held_on": HELD_ON, "agenda": "x"})
    with pytest.raises(ValidationError) as refused:
        services.discussion_add(actor=carol, session_id=session.pk, person=None, model="freud")
    assert set(refused.value.message_dict) == {"model", "person"}
    south = make_person(worker="bob", given_name="Sid", preferred_name="", restricted=False)
    south = type(south).objects.get(pk=south.pk)
    south.restricted = True
    south.save()
    with pytest.raises(ValidationError) as refused:
        services.discussion_add(actor=carol, session_id=session.pk, person=south.pk, model="kolb")
    assert "person" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.action_add(
            actor=carol, session_id=session.pk, data={"what": "", "due_on": HELD_ON - datetime.timedelta(days=1)}
        )
    assert set(refused.value.message_dict) == {"what", "due_on"}
    with pytest.raises(PermissionDenied):
        services.action_add(actor=staff["bob"], session_id=session.pk, data={"what": "x"})


def test_a_self_reflection_needs_every_question_answered(staff, peggy):
    from whatsstrong.supervision import rules
    from whatsstrong.supervision.models import QUESTIONS

    codes = rules.question_codes(QUESTIONS)
    with pytest.raises(ValidationError) as refused:
        services.self_reflection_add(actor=staff["alice"], person=peggy, answers={"jargon": "yes"})
    assert len(refused.value.message_dict) == len(codes) - 1
    with pytest.raises(PermissionDenied):
        services.self_reflection_add(actor=staff["bob"], person=peggy, answers=dict.fromkeys(codes, "yes"))
    made = services.self_reflection_add(actor=staff["alice"], person=peggy, answers=dict.fromkeys(codes, "partly"))
    assert made.answers["jargon"] == "partly"


def test_a_sessions_words_are_never_counted_as_written_about_a_person(session):
    # A session is about the supervisee: the coach keeps totals of what is written about a person,
    # so a session's agenda must not be summarised (it once landed in the total of whoever's number
    # matched the session's).
    from django.contrib.contenttypes.models import ContentType

    from whatsstrong.coach.models import TextSummary

    assert session.agenda
    assert not TextSummary.objects.filter(content_type=ContentType.objects.get_for_model(type(session))).exists()
