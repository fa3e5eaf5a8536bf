"""Subject access exports: what the bundle holds, what is withheld, who may make one, and the log."""

import io
import json
import zipfile

import pytest

from whatsstrong.core.models import AccessEvent


@pytest.fixture
def record(staff, peggy):
    """Peggy with her daughter Jo and her nephew Dean in her network, a strength, a case note naming
    them both, and a safeguarding enquiry naming Dean as the alleged source of harm."""
    import datetime

    from whatsstrong.conversations.services import case_note_add
    from whatsstrong.people.services import asset_save, network_member_save
    from whatsstrong.safeguarding import services as sg

    alice, carol = staff["alice"], staff["carol"]
    jo = network_member_save(
        actor=alice,
        person=peggy,
        data={"name": "Jo Okafor", "relationship": "daughter", "kind": "family", "contact": "07700 900123"},
    )
    dean = network_member_save(
        actor=alice, person=peggy, data={"name": "Dean Okafor", "relationship": "nephew", "kind": "family"}
    )
    asset_save(actor=alice, person=peggy, data={"level": "own", "description": "Has kept her garden for forty years"})
    case_note_add(
        actor=alice,
        person=peggy,
        data={
            "happened_on": datetime.date(2026, 11, 2),
            "text": "Peggy, Jo and Dean talked about the garden. Pat Lee called.",
        },
    )
    today = datetime.date.today()
    concern = sg.concern_raise(
        actor=alice,
        person=peggy,
        data={
            "raised_by": "A neighbour",
            "raised_on": today,
            "what_happened": "Her pension goes on the day it arrives.",
            "happened_on": None,
            "immediate_safety": "She has food in.",
        },
    )
    enquiry = sg.concern_decide(
        actor=carol,
        person=peggy,
        concern_id=concern.pk,
        expected_version=concern.version,
        data={"decision": "s42", "decision_reasons": "Care needs; cannot stop it.", "decided_on": today},
    ).enquiry
    sg.source_add(
        actor=alice,
        person=peggy,
        enquiry_id=enquiry.pk,
        data={"kind": "known", "network_member": dean.pk, "name": "", "relationship": ""},
    )
    return {"person": peggy, "jo": jo, "dean": dean}


def export(client, person, **post):
    response = client.post(f"/governance/people/{person.pk}/subject-access/", post)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/zip"
    files = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(files.namelist()) == ["record.html", "record.json"]
    return files.read("record.html").decode(), json.loads(files.read("record.json"))


def everything(data):
    return json.dumps(data, ensure_ascii=False)


def test_the_export_holds_the_whole_record_as_html_and_json(client_for, record):
    html, data = export(client_for("carol"), record["person"])
    assert data["format"] == "whatsstrong-subject-access/1" and data["record"] == record["person"].pk
    titles = [s["title"] for s in data["sections"]]
    assert titles[:2] == ["Personal details", "Network: family, friends and others who matter"]
    text = everything(data)
    assert "Margaret" in text and "Has kept her garden for forty years" in text
    assert "Jo Okafor" in text and "07700 900123" in text  # not marked: released
    assert "Her pension goes on the day it arrives." in text  # carol is the team's supervisor: need to know
    assert any(entry["action"] == "Added" for entry in data["history"])
    assert '<html lang="en">' in html and "<h1>Record of Peggy Okafor</h1>" in html and "Jo Okafor" in html


def test_an_alleged_source_of_harm_is_always_withheld(client_for, record):
    html, data = export(client_for("carol"), record["person"])
    text = everything(data)
    assert "Dean" not in text and "Dean" not in html
    assert "Peggy, Jo and someone talked about the garden." in text


def test_marked_third_parties_and_typed_names_are_replaced(client_for, record):
    html, data = export(client_for("carol"), record["person"], withhold=[record["jo"].pk], other_names="Pat Lee")
    text = everything(data)
    for hidden in ("Jo Okafor", "07700 900123", "Pat Lee", "Dean"):
        assert hidden not in text and hidden not in html
    assert "Peggy, someone and someone talked about the garden. Someone called." in text
    assert "Margaret" in text  # the person's own name is never withheld from them


def test_each_export_is_logged(client_for, record, staff):
    export(client_for("carol"), record["person"], withhold=[record["jo"].pk])
    entry = AccessEvent.objects.get(object_id=record["person"].pk, action="subject_access")
    assert entry.user == staff["carol"] and "2 third parties marked" in entry.reason
    assert "safeguarding included" in entry.reason


def test_a_quality_lead_exports_without_the_safeguarding_records(client_for, record):
    html, data = export(client_for("quinn"), record["person"])
    text = everything(data)
    assert "Her pension goes on the day it arrives." not in text and "Safeguarding records are not included" in text
    assert "Dean" not in text


@pytest.mark.parametrize("name", ["alice", "bob", "sam", "lee", "dina", "adam"])
def test_only_the_teams_supervisor_and_quality_leads_may_export(client_for, record, name):
    client = client_for(name)
    url = f"/governance/people/{record['person'].pk}/subject-access/"
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert not AccessEvent.objects.filter(action="subject_access").exists()


def test_a_network_member_of_someone_else_is_refused_and_nothing_is_exported(client_for, record, make_person, staff):
    from whatsstrong.people.services import network_member_save

    other = make_person(given_name="Ann", family_name="Bell")
    stranger = network_member_save(
        actor=staff["alice"], person=other, data={"name": "Stan Bell", "relationship": "son", "kind": "family"}
    )
    client = client_for("carol")
    response = client.post(
        f"/governance/people/{record['person'].pk}/subject-access/",
        {"withhold": [stranger.pk, "x"], "other_names": "Pat Lee"},
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Choose people from this person&#39;s network only" in page
    assert "Pat Lee" in page  # what was typed is kept
    assert not AccessEvent.objects.filter(action="subject_access").exists()
