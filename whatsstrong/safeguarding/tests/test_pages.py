"""The pages: the part on the person's page and what it costs, raising a concern through to closing
the enquiry, and bad input answered with errors that keep what was typed."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from whatsstrong.safeguarding.models import Concern, DesiredOutcome

TODAY = datetime.date.today()


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _page_and_queries(client, person):
    with CaptureQueriesContext(connection) as seen:
        html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    return html, [q["sql"] for q in seen.captured_queries if "safeguarding_" in q["sql"]]


def test_the_part_costs_one_query_with_no_concerns_and_shows_the_way_to_raise_one(client_for, peggy):
    html, queries = _page_and_queries(client_for("alice"), peggy)
    assert len(queries) == 1
    assert "No safeguarding concerns recorded." in html and "Raise a safeguarding concern" in html


def test_the_part_draws_nothing_for_those_with_nothing_to_see_or_do(client_for, peggy, concern):
    for who in ("bob", "lee", "adam"):
        html, queries = _page_and_queries(client_for(who), peggy)
        assert queries == [] and 'id="safeguarding"' not in html, who


def test_a_quality_lead_sees_nothing_when_there_is_no_concern(client_for, peggy):
    html, queries = _page_and_queries(client_for("quinn"), peggy)
    assert len(queries) == 1 and 'id="safeguarding"' not in html


def test_a_team_colleague_may_raise_a_concern_but_sees_none(client_for, staff, make_person, concern):
    from whatsstrong.core.models import Role, User

    User.objects.create(username="nia", first_name="Nia", role=Role.PRACTITIONER, team=staff["alice"].team)
    client = client_for("alice")
    client.force_login(User.objects.get(username="nia"), backend="whatsstrong.core.backends.StaffBackend")
    html, queries = _page_and_queries(client, concern.person)
    assert queries == [] and "Raise a safeguarding concern" in html and "Concern raised" not in html
    response = client.post(
        reverse("safeguarding:raise", args=[concern.person_id]),
        {
            "raised_by": "Nia, on a visit",
            **_date("raised_on", TODAY),
            "what_happened": "Bruise",
            "immediate_safety": "Safe",
        },
    )
    assert response.status_code == 302 and response["Location"] == concern.person.get_absolute_url()
    assert Concern.objects.filter(raised_by="Nia, on a visit").exists()


def test_an_open_enquiry_is_the_first_next_step(client_for, peggy, concern, enquiry):
    html = client_for("alice").get(reverse("people:detail", args=[peggy.pk])).content.decode()
    assert "Carry on with the safeguarding enquiry" in html
    assert "enquiry open since" in html


def test_a_concern_raised_without_what_happened_keeps_everything_typed(client_for, peggy):
    response = client_for("alice").post(
        reverse("safeguarding:raise", args=[peggy.pk]),
        {
            "raised_by": "Kept: Mrs Hale",
            **_date("raised_on", TODAY),
            "what_happened": "",
            "immediate_safety": "Kept too",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Enter what happened" in html
    assert "Kept: Mrs Hale" in html and "Kept too" in html
    assert not Concern.objects.exists()


def test_closing_on_the_page_without_answers_names_each_and_keeps_the_rest(client_for, peggy, concern, worked):
    enquiry, first, second = worked
    url = reverse("safeguarding:close", args=[peggy.pk, concern.pk])
    page = client_for("alice").get(url).content.decode()
    assert "Desired outcome 2: “Keep my money safe.”" in page.replace("&#34;", '"')
    response = client_for("alice").post(
        url,
        {
            "version": enquiry.version,
            "action_result": "identified_action",
            "achieved_1": "partly",
            **_date("concluded_on", TODAY),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose whether the risk was removed, reduced or remains" in html
    assert "Say whether desired outcome 2 was achieved: fully, partly or not" in html
    assert 'value="partly" checked' in html and 'value="identified_action" checked' in html
    enquiry.refresh_from_db()
    assert enquiry.concluded_on is None and set(DesiredOutcome.objects.values_list("achieved", flat=True)) == {""}


def test_the_whole_way_through_on_the_pages(client_for, peggy, nephew):
    alice, carol = client_for("alice"), None
    alice.post(
        reverse("safeguarding:raise", args=[peggy.pk]),
        {
            "raised_by": "Her bank",
            **_date("raised_on", TODAY),
            "what_happened": "Large cash withdrawals",
            "immediate_safety": "Card stopped",
        },
    )
    concern = Concern.objects.get()
    carol = client_for("carol")
    carol.post(
        reverse("safeguarding:decide", args=[peggy.pk, concern.pk]),
        {"version": 1, "decision": "s42", "decision_reasons": "Care needs; cannot protect her money"},
    )
    alice = client_for("alice")
    base = [peggy.pk, concern.pk]
    alice.post(
        reverse("safeguarding:enquiry", args=base),
        {"version": 1, "asked": "expressed", "abuse_types": ["financial"], "location": "own_home", "capacity": "had"},
    )
    alice.post(reverse("safeguarding:outcome_add", args=base), {"text": "“Stop it happening again.”"})
    alice.post(reverse("safeguarding:source_add", args=base), {"kind": "known", "network_member": nephew.pk})
    alice.post(
        reverse("safeguarding:close", args=base),
        {
            "version": 2,
            "action_result": "identified_action",
            "risk_outcome": "removed",
            "achieved_1": "fully",
            **_date("concluded_on", TODAY),
        },
    )
    alice.post(
        reverse("safeguarding:survey", args=base), {"version": 3, "survey": "declined", **_date("survey_on", TODAY)}
    )
    html = alice.get(reverse("safeguarding:concern", args=base)).content.decode()
    for shown in (
        "A section 42 enquiry",
        "Risk removed",
        "Fully Achieved",
        "Declined",
        "Dean Okafor (nephew)",
        "Carol Test",
    ):
        assert shown in html, shown
