"""Archiving, a legal hold and a subject access export in headless Chromium, with axe-core on each
page: a supervisor archives Peggy's record; a quality lead reads it (read-only), puts it on legal
hold (a reason too short refused and kept), and downloads the subject access export with her
daughter withheld; the supervisor brings the record back."""

import io
import json
import zipfile

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_archive_hold_export_and_unarchive(browser, staff, make_person):
    from whatsstrong.core.models import AccessEvent
    from whatsstrong.people.services import network_member_save

    peggy = make_person()
    network_member_save(
        actor=staff["alice"],
        person=peggy,
        data={"name": "Joy Okafor", "relationship": "daughter", "kind": "family", "contact": "07700 900456"},
    )

    b = browser
    b.sign_in("carol", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Archive this record")
    b.check_axe("the archive page")
    b.type_into("Why is this record being archived?", "Moved to another council")
    b.press("Archive the record")
    b.sign_out()

    b.sign_in("quinn", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    assert "Archived record" in b.text() and "Add strengths and network" not in b.text()
    b.check_axe("the archived record, read only")
    assert AccessEvent.objects.filter(object_id=peggy.pk, action="view", user=staff["quinn"]).exists()

    b.click_link("Put the record on legal hold")
    b.type_into("Why must this record be kept?", "claim")
    b.press("Put on legal hold")
    assert b.title().startswith("Error: ")
    assert "Enter at least 10 characters" in b.text(".govuk-error-summary")
    assert b.driver.find_element("id", "id_reason").get_attribute("value") == "claim"
    b.check_axe("the legal hold page with an error")
    b.type_into("Why must this record be kept?", "A claim against the council is open.")
    b.press("Put on legal hold")
    assert "This record is on legal hold" in b.text()

    b.click_link("Export the record for a subject access request")
    b.check_axe("the subject access page")
    b.driver.find_element("xpath", "//label[starts-with(normalize-space(.), 'Joy Okafor')]").click()
    b.driver.find_element("xpath", "//button[normalize-space(.)='Download the export']").click()
    bundle = zipfile.ZipFile(io.BytesIO(b.downloaded(".zip")))
    data = json.loads(bundle.read("record.json"))
    text = json.dumps(data)
    assert "Margaret" in text and "Joy Okafor" not in text and "07700 900456" not in text
    assert AccessEvent.objects.filter(object_id=peggy.pk, action="subject_access").exists()

    b.go("/governance/retention/")
    assert "Peggy Okafor" in b.text()
    b.check_axe("the retention list")
    b.sign_out()

    b.sign_in("carol", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.press("Bring Peggy's record back")
    assert "back in the team" in b.text()
    b.check_axe("the record brought back")
