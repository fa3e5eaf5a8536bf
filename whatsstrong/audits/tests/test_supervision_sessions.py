"""A staff supervision audit lists the supervisee's recent one-to-one sessions, read through the
supervision app (`supervision.queries.sessions_for_audit`): date, supervisor, on time or not, how many
case discussions and actions, a link each for whoever may open it; never the wellbeing notes."""

import datetime

import pytest
from django.utils import timezone

from whatsstrong.audits import queries, services
from whatsstrong.supervision import services as supervision
from whatsstrong.supervision.queries import sessions_for_audit

pytestmark = pytest.mark.django_db

SECRET = "Alice is worn out after her father's illness"
BASE = timezone.localdate() - datetime.timedelta(weeks=20)
FIRST, SECOND, THIRD = BASE, BASE + datetime.timedelta(weeks=4), BASE + datetime.timedelta(weeks=10)


@pytest.fixture
def sessions(staff, peggy):
    carol, alice = staff["carol"], staff["alice"]
    made = []
    for held_on in (FIRST, SECOND, THIRD):
        made.append(
            supervision.session_add(
                actor=carol,
                supervisee=alice,
                data={"held_on": held_on, "agenda": "My caseload", "wellbeing": SECRET},
            )
        )
    last = made[-1]
    supervision.discussion_add(actor=carol, session_id=last.pk, person=peggy.pk, model="shared")
    for what in ("Ring Peggy's son", "Book the positive risk course"):
        supervision.action_add(actor=carol, session_id=last.pk, data={"what": what})
    return made


@pytest.fixture
def audit(staff):
    return services.audit_start(
        actor=staff["quinn"], kind="supervision", practitioner=staff["alice"], focus="The last three sessions."
    )


def test_the_rows_the_audit_reads(staff, sessions, audit):
    rows = queries.supervision_sessions(audit, staff["quinn"])
    assert [r.held_on for r in rows] == [THIRD, SECOND, FIRST]
    assert [r.days_late for r in rows] == [14, 0, None]  # six weeks after the one before, then four, then first
    assert [(r.discussions, r.actions) for r in rows] == [(1, 2), (0, 0), (0, 0)]
    assert {r.supervisor_name for r in rows} == {"Carol Test"}
    assert rows[0].url == f"/supervision/sessions/{sessions[-1].pk}/"
    assert not any(SECRET in str(value) for r in rows for value in vars(r).values())


def test_a_short_list_still_knows_the_session_before(staff, sessions):
    rows = sessions_for_audit(staff["alice"].pk, reader=staff["quinn"], until=timezone.localdate(), limit=2)
    assert [(r.held_on, r.days_late) for r in rows] == [(THIRD, 14), (SECOND, 0)]
    earlier = sessions_for_audit(staff["alice"].pk, reader=staff["quinn"], until=SECOND)
    assert [r.held_on for r in earlier] == [SECOND, FIRST]


def test_the_audit_page_lists_them_and_never_the_wellbeing_notes(client_for, staff, sessions, audit):
    client = client_for("quinn")
    html = client.get(audit.get_absolute_url()).content.decode()
    start = html.index('id="supervision-sessions"')
    table = html[start : html.index("</table>", start)]
    for s in sessions:
        assert f'href="/supervision/sessions/{s.pk}/"' in table
    assert "No, 14 days late" in table and "First session recorded" in table and ">Yes<" in table
    assert SECRET not in html
    # The auditor opens a session under supervision's own rule: quality leads read it, without the notes.
    opened = client.get(f"/supervision/sessions/{sessions[-1].pk}/")
    assert opened.status_code == 200 and "My caseload" in opened.content.decode()
    assert SECRET not in opened.content.decode()


def test_the_supervisor_auditing_sees_no_wellbeing_notes_on_the_audit_page(client_for, staff, sessions):
    # Carol is a party to the sessions, so their own pages show her the notes; the audit page never does.
    mine = services.audit_start(actor=staff["carol"], kind="supervision", practitioner=staff["alice"])
    html = client_for("carol").get(mine.get_absolute_url()).content.decode()
    assert f'href="/supervision/sessions/{sessions[0].pk}/"' in html and SECRET not in html


def test_those_who_may_not_read_sessions_see_none(client_for, staff, sessions, audit):
    # A senior leader sees the audit, but supervision sessions are not theirs to read.
    html = client_for("lee").get(audit.get_absolute_url()).content.decode()
    assert "No one-to-one supervision sessions that you may read" in html
    assert "/supervision/sessions/" not in html


def test_other_kinds_of_audit_list_no_sessions(staff, sessions, peggy):
    record = services.audit_start(actor=staff["quinn"], kind="record", person=peggy)
    assert queries.supervision_sessions(record, staff["quinn"]) == []
