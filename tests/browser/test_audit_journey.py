"""Practice quality assurance in a real browser: a team manager audits a record starting from its
pre-screen and shares it, a senior leader moderates it (a changed rating without a reason is
refused first), and the practitioner reads the audit and responds; the senior leader then reads the
quarterly themes report and its printable document. axe-core on every page."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def click(b, element_id):
    b.driver.execute_script("document.getElementById(arguments[0]).click()", element_id)


def test_audit_moderate_and_respond(browser, staff, peggy):
    from whatsstrong.assessments import services
    from whatsstrong.audits import queries
    from whatsstrong.audits.services import standards_load, themes_load

    # A migration loads the standards and themes, but a browser test runs after others that empty every table.
    standards_load()
    themes_load()
    alice = staff["alice"]
    a = services.assessment_start(actor=alice, person=peggy, kind="strengths_and_wellbeing")
    services.conversation_add(
        actor=alice,
        person=peggy,
        assessment_id=a.pk,
        data={"happened_on": datetime.date.today(), "text": 'Peggy said "the garden keeps me going".'},
    )
    b = browser
    b.sign_in("carol", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Audit this record")
    assert "In the person's own words" in b.text()
    b.check_axe("the pre-screen and the start of an audit")
    click(b, "id_kind_0")
    b.press("Start the audit")
    assert b.title().startswith("Rate the standards"), b.title()
    b.check_axe("rating the standards")
    for standard in queries.standards():
        click(b, f"id_rating_{standard.code}_1")  # Good
    b.type_into("Strengths of the practice", "Peggy's own words about her garden lead the record.")
    click(b, "id_themes_3")  # Weighing risk with the person
    b.press("Save and share with the practitioner")
    assert "Audit shared with the practitioner." in b.text()
    b.check_axe("the shared audit")
    audit_path = b.path()
    b.sign_out()

    b.sign_in("lee", PASSWORD)
    b.go(audit_path)
    b.click_link("Moderate this audit")
    b.check_axe("moderating")
    click(b, "id_moderated_skills_2")  # Developing, after "Agree" and "Strong"
    b.press("Save the moderation")
    assert b.title().startswith("Error:"), b.title()
    assert "Say why you changed the rating for Skills" in b.text()
    b.check_axe("moderating, with a rating changed and no reason")
    b.type_into("Why you would rate Skills differently", "Few open questions in the conversation record.")
    b.press("Save the moderation")
    assert "Few open questions" in b.text() and "Moderated by Lee Test" in b.text()
    b.check_axe("the moderated audit")
    b.sign_out()

    b.sign_in("alice", PASSWORD)
    assert "Audits of your work" in b.text()
    b.check_axe("the caseload with an audit to answer")
    b.go(audit_path)
    b.click_link("Add your response")
    b.check_axe("responding")
    b.type_into("Your response", "Thank you. I will ask Peggy more open questions at the review.")
    b.press("Save your response")
    assert "I will ask Peggy more open questions" in b.text()
    b.check_axe("the audit with the practitioner's response")

    b.sign_out()

    b.sign_in("lee", PASSWORD)
    b.go("/audits/themes/")
    assert b.title().startswith("Quarterly themes report"), b.title()
    text = b.text()
    assert "Moderators agreed with 12 of the 13 ratings" in text and "Weighing risk with the person" in text
    b.check_axe("the quarterly themes report")
    b.click_link("Open the report as a document to print or save as a PDF")
    assert "print menu" in b.text()
    b.check_axe("the themes report as a document")
    b.go("/audits/themes/?first=2026-Q5&last=2026-Q1")
    assert b.title().startswith("Error:") and "Enter a quarter like 2026-Q3" in b.text()
    b.check_axe("the themes report with a quarter typed wrongly")
