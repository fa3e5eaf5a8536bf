"""Scheduling the risk enablement panel over the API (/api/risk/...): coordinators set panel dates and
put referrals on a panel, as on /risk-panels/, with the pages' rules and words; everyone else is refused."""

import datetime

import pytest

from whatsstrong.risk.models import Panel, PanelReferral

from .conftest import LATER, TODAY

pytestmark = pytest.mark.django_db
YESTERDAY = TODAY - datetime.timedelta(days=1)


def send(client, method, path, body=None):
    response = getattr(client, method)(f"/api/risk{path}", body, content_type="application/json")
    return response.status_code, response.json()


def test_a_coordinator_sets_a_panel_date_and_puts_a_referral_on_it(client_for, referral):
    client = client_for("quinn")
    status, waiting = send(client, "get", "/referrals/waiting")
    assert status == 200 and waiting == [
        {"id": referral.pk, "person_id": referral.person_id, "referred_on": TODAY.isoformat(), "status": "waiting"}
    ]
    status, made = send(client, "post", "/panels", {"meets_on": LATER.isoformat(), "place": "Room 4", "chair": "Lee"})
    assert status == 201 and (made["meets_on"], made["place"]) == (LATER.isoformat(), "Room 4")
    assert made["referral_ids"] == []
    assert made["arranged_by"]["name"] == "Quinn Test"

    status, on = send(client, "put", f"/referrals/{referral.pk}/panel", {"panel_id": made["id"], "version": 1})
    assert status == 200 and on["status"] == "scheduled" and on["panel_on"] == LATER.isoformat()
    assert send(client, "get", f"/panels/{made['id']}")[1]["referral_ids"] == [referral.pk]
    assert [p["id"] for p in send(client, "get", "/panels")[1]] == [made["id"]]
    assert send(client, "get", "/referrals/waiting")[1] == []
    saved = PanelReferral.objects.get(pk=referral.pk)
    assert saved.history.first().history_user.username == "quinn" and saved.version == 2

    # Changing the panel: its date, at the version read; an older version is a conflict.
    status, changed = send(client, "patch", f"/panels/{made['id']}", {"version": 1, "attendance": "Lee, Quinn"})
    assert status == 200 and changed["attendance"] == "Lee, Quinn" and changed["version"] == 2
    assert send(client, "patch", f"/panels/{made['id']}", {"version": 1, "place": "Room 5"})[0] == 409
    assert Panel.objects.get(pk=made["id"]).place == "Room 4"


@pytest.mark.parametrize("who", ["alice", "bob", "dina", "adam"])
def test_scheduling_is_refused_to_anyone_who_does_not_coordinate_the_panel(client_for, referral, panel, who):
    client = client_for(who)
    words = "Only supervisors, quality leads and senior leaders coordinate the risk panel."
    for method, path, body in (
        ("get", "/panels", None),
        ("get", "/referrals/waiting", None),
        ("get", f"/panels/{panel.pk}", None),
        ("post", "/panels", {"meets_on": LATER.isoformat()}),
        ("patch", f"/panels/{panel.pk}", {"version": 1, "place": "Elsewhere"}),
        ("put", f"/referrals/{referral.pk}/panel", {"panel_id": panel.pk, "version": 1}),
    ):
        assert send(client, method, path, body) == (403, {"detail": words}), (method, path)
    assert Panel.objects.count() == 1 and PanelReferral.objects.get(pk=referral.pk).status == "waiting"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"place": "Room 4"}, "meets_on", "Enter the date of the panel"),
        ({"meets_on": YESTERDAY.isoformat()}, "meets_on", "The date of the panel must be today or in the future"),
        ({"meets_on": "tomorrow"}, "meets_on", "Enter a real date, like 1948-03-27"),
        ({"meets_on": LATER.isoformat(), "place": "x" * 201}, "place", "Use 200 characters or fewer"),
    ],
)
def test_a_bad_panel_date_is_refused_in_the_pages_words(client_for, body, field, message):
    status, refused = send(client_for("carol"), "post", "/panels", body)
    assert status == 422 and {"field": field, "message": message} in refused["errors"]
    assert not Panel.objects.exists()


def test_a_referral_goes_only_on_a_panel_still_to_meet_and_only_once_heard(client_for, staff, referral, heard):
    client = client_for("carol")
    # Heard already: the schedule page's own words.
    later = send(client, "post", "/panels", {"meets_on": LATER.isoformat()})[1]
    status, refused = send(client, "put", f"/referrals/{referral.pk}/panel", {"panel_id": later["id"], "version": 3})
    assert status == 422 and refused["errors"] == [
        {"field": "panel_id", "message": "The panel has already heard this referral"}
    ]


def test_a_panel_that_has_met_or_does_not_exist_is_refused(client_for, referral):
    client = client_for("carol")
    met = Panel.objects.create(meets_on=YESTERDAY, arranged_by=referral.referred_by)
    status, refused = send(client, "put", f"/referrals/{referral.pk}/panel", {"panel_id": met.pk, "version": 1})
    assert status == 422
    assert refused["errors"][0] == {"field": "panel_id", "message": "Choose a panel that has not met yet"}
    status, refused = send(client, "put", f"/referrals/{referral.pk}/panel", {"panel_id": 999999, "version": 1})
    assert status == 422 and refused["errors"][0]["message"] == "Choose a panel date from the list"
    assert send(client, "put", "/referrals/999999/panel", {"panel_id": met.pk, "version": 1})[0] == 404
    assert send(client, "get", "/panels/999999")[0] == 404
    assert PanelReferral.objects.get(pk=referral.pk).status == "waiting"


def test_the_scheduling_paths_and_schemas_are_in_the_openapi_schema(client_for):
    schema = client_for("alice").get("/api/openapi.json").json()
    assert {
        "/api/risk/panels",
        "/api/risk/panels/{panel_id}",
        "/api/risk/referrals/waiting",
        "/api/risk/referrals/{referral_id}/panel",
    } <= set(schema["paths"])
    names = set(schema["components"]["schemas"])
    assert {"RiskPanelOut", "RiskPanelIn", "RiskPanelPatch", "RiskScheduleIn", "RiskWaitingReferralOut"} <= names
