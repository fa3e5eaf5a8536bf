"""A quality lead reviews a reason given to open a restricted record, in headless Chromium, with
axe-core on each page: the access log, the reasons (not yet reviewed first), a note too long
refused and kept, then marked reviewed."""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_quality_lead_reviews_a_reason(browser, staff, make_person):
    from whatsstrong.core import access
    from whatsstrong.people.services import person_update

    rita = make_person(given_name="Rita", family_name="Ahmed", preferred_name="")
    person_update(actor=staff["carol"], person_id=rita.pk, expected_version=rita.version, data={"restricted": True})
    rita.refresh_from_db()
    access.grant_restricted_access(user=staff["bob"], record=rita, reason="Covering the duty desk for South today")

    b = browser
    b.sign_in("quinn", PASSWORD)
    b.go("/access-log/")
    b.check_axe("the access log")
    b.click_link("Review the reasons given to open restricted records")
    assert "1 reason is waiting for review." in b.text()
    assert "Covering the duty desk for South today" in b.text()
    b.check_axe("the reasons")

    link = b.driver.find_element("css selector", "main a[href^='/access-log/reasons/']")
    b._navigating(link.click)
    assert "Bob Test" in b.text() and "Rita Ahmed" in b.text()
    typed = "Checked with the South team manager. " * 60
    b.type_into("Note (optional)", typed)
    b.press("Mark as reviewed")
    assert b.title().startswith("Error: ")
    assert "Keep the note to 2,000 characters or fewer" in b.text(".govuk-error-summary")
    assert b.driver.find_element("id", "id_note").get_attribute("value") == typed
    b.check_axe("the review page with an error")

    b.type_into("Note (optional)", "Checked with the South team manager.")
    b.press("Mark as reviewed")
    assert b.path() == "/access-log/reasons/"
    assert "Every reason has been reviewed." in b.text()
    assert "by Quinn Test" in b.text()
    b.check_axe("the reasons, all reviewed")
