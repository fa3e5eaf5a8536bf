"""Starting a staff supervision audit and a thematic review from their pages: who may, what is kept,
and bad input named with everything typed kept."""

import pytest
from django.urls import reverse

from whatsstrong.audits import services
from whatsstrong.audits.models import Audit

pytestmark = pytest.mark.django_db


def test_a_team_manager_audits_a_practitioners_supervision(client_for, staff):
    client = client_for("carol")
    page = client.get(reverse("audits:start_supervision"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alice Test" in html and "Bob Test" not in html  # her own team only
    got = client.post(
        reverse("audits:start_supervision"), {"practitioner": str(staff["alice"].pk), "focus": "Sessions in May."}
    )
    audit = Audit.objects.get()
    assert got.url == reverse("audits:write", args=[audit.pk])
    assert (audit.kind, audit.practitioner, audit.team, audit.focus) == (
        "supervision",
        staff["alice"],
        staff["carol"].team,
        "Sessions in May.",
    )
    html = client.get(audit.get_absolute_url()).content.decode()
    assert "Alice Test’s recent supervision" in html and "No one-to-one supervision sessions" in html


def test_supervision_bad_input_is_named_and_kept(client_for, staff):
    got = client_for("carol").post(
        reverse("audits:start_supervision"), {"practitioner": str(staff["bob"].pk), "focus": "Kept words"}
    )
    assert got.status_code == 400
    html = got.content.decode()
    assert services.NO_SUPERVISEE in html and "Kept words" in html
    assert not Audit.objects.exists()


@pytest.mark.parametrize("who", ["alice", "lee"])
def test_only_team_managers_and_quality_leads_start_them(client_for, staff, who):
    assert client_for(who).get(reverse("audits:start_supervision")).status_code == 403
    assert client_for(who).get(reverse("audits:start_thematic")).status_code == 403


def test_a_thematic_review_names_its_theme_and_records(client_for, staff, make_person):
    one, two = make_person(given_name="Ann"), make_person(given_name="Bea")
    client = client_for("carol")
    got = client.post(
        reverse("audits:start_thematic"),
        {"focus": "Carers' own needs", "team": str(staff["carol"].team_id), "records": f"{one.pk}, {two.pk}\n{one.pk}"},
    )
    audit = Audit.objects.get()
    assert got.url == reverse("audits:write", args=[audit.pk])
    assert audit.kind == "thematic" and audit.practitioner is None
    assert set(audit.people.values_list("pk", flat=True)) == {one.pk, two.pk}
    html = client.get(audit.get_absolute_url()).content.decode()
    assert f"Record {one.pk}" in html and "Carers&#39; own needs" in html


@pytest.mark.parametrize(
    "records, message",
    [
        ("12a, 4", "Enter record numbers only: 12a is not one"),
        ("{one}", services.NO_RECORDS),
        ("{one}, 999999", "No one has record number 999999"),
        ("{one}, {south}", "is not one of North Locality"),
    ],
)
def test_thematic_bad_records_are_named_and_kept(client_for, staff, make_person, records, message):
    one = make_person(given_name="Ann")
    south = make_person(worker="bob", given_name="Cal")
    typed = records.format(one=one.pk, south=south.pk)
    got = client_for("quinn").post(
        reverse("audits:start_thematic"), {"focus": "Kept theme", "team": str(staff["carol"].team_id), "records": typed}
    )
    assert got.status_code == 400
    html = got.content.decode()
    assert message in html and "Kept theme" in html and typed.split(",")[0] in html
    assert not Audit.objects.exists()
