"""A supervisor's home page lists their team's assessments waiting for sign-off (core.home_parts)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from whatsstrong.assessments import services
from whatsstrong.assessments.parts import awaiting_context
from whatsstrong.assessments.queries import awaiting_for_team

HEADING = "Waiting for your sign-off"


def send(staff, person, assessment):
    services.assessment_submit(actor=staff["alice"], person=person, assessment_id=assessment.pk)


def test_the_supervisor_sees_their_teams_assessments_waiting(client_for, staff, peggy, ready):
    html = client_for("carol").get(reverse("home")).content.decode()
    assert HEADING not in html  # nothing waiting yet: no panel at all
    send(staff, peggy, ready)
    html = client_for("carol").get(reverse("home")).content.decode()
    assert f"{HEADING} (1)" in html
    panel = html.split('id="awaiting-sign-off"', 1)[1].split("</table>", 1)[0]
    assert reverse("assessments:decide", args=[peggy.pk, ready.pk]) in panel
    assert peggy.display_name in panel
    assert "Strengths and wellbeing assessment" in panel
    assert staff["alice"].display_name in panel


def test_not_shown_to_a_practitioner_nor_another_teams_supervisor(client_for, staff, peggy, ready):
    send(staff, peggy, ready)
    assert HEADING not in client_for("alice").get(reverse("home")).content.decode()
    assert HEADING not in client_for("sam").get(reverse("home")).content.decode()


def test_one_query_when_all_waiting_fit_on_the_home_page(rf, staff, make_person, ready, peggy):
    send(staff, peggy, ready)
    for name in ("Ada", "Ben", "Cy"):
        other = make_person(given_name=name, preferred_name="")
        started = services.assessment_start(actor=staff["alice"], person=other, kind="strengths_and_wellbeing")
        services.conversation_add(
            actor=staff["alice"],
            person=other,
            assessment_id=started.pk,
            data={
                "happened_on": ready.started_at.date(),
                "place": "At home",
                "present": "",
                "communication": "",
                "advocate": False,
                "advocate_name": "",
                "interpreter": False,
                "interpreter_language": "",
                "text": "Talked about the week.",
            },
        )
        started.refresh_from_db()
        services.assessment_write(
            actor=staff["alice"],
            person=other,
            assessment_id=started.pk,
            expected_version=started.version,
            data={"analysis": "Enough to go on."},
        )
        send(staff, other, started)
    request = rf.get("/")
    request.user = staff["carol"]
    with CaptureQueriesContext(connection) as queries:
        context = awaiting_context(request)
        names = [(a.person_name, a.author_name) for a in context["waiting"]]
    assert len(queries) == 1
    assert len(names) == 4 and names[0] == (peggy.display_name, staff["alice"].display_name)
    assert context["total"] == 4
    # A long list is cut to the longest waiting, and the heading still counts them all (from the index).
    with CaptureQueriesContext(connection) as queries:
        shown = awaiting_for_team(staff["carol"].team_id, limit=2)
    assert len(queries) == 2
    assert [a.person_name for a in shown][0] == peggy.display_name
    assert len(shown) == 2 and shown[0].waiting_total == 4


def test_an_open_assessment_follows_the_person_to_their_new_team(staff, teams, peggy, ready, make_person):
    send(staff, peggy, ready)
    signed_off = make_person(given_name="Ola", preferred_name="")
    done = services.assessment_start(actor=staff["alice"], person=signed_off, kind="contact")
    done.__class__.objects.filter(pk=done.pk).update(status="authorised")
    for person in (peggy, signed_off):
        person.team = teams["south"]
        person.allocated_worker = None
        person._history_user = staff["sam"]
        person.save()
    assert awaiting_for_team(teams["north"].pk) == []
    assert [a.pk for a in awaiting_for_team(teams["south"].pk)] == [ready.pk]
    done.refresh_from_db()
    assert done.team_id == teams["north"].pk  # signed off: kept with the team that did the work
