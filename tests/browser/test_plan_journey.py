"""A support plan from start to the person's copy in a real browser: started from a signed-off
assessment, outcomes and who does what (the person, a paid personal assistant with a cost typed wrong
then right), a scaling score typed wrong then right, and the copy read and downloaded as a PDF whose
text names the person and their outcomes. axe-core on every page."""

import datetime
import io

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def signed_off_assessment(staff, peggy):
    from whatsstrong.assessments import services

    alice = staff["alice"]
    alice.qualified = True
    alice.save()
    a = services.assessment_start(actor=alice, person=peggy, kind="strengths_and_wellbeing")
    services.conversation_add(
        actor=alice,
        person=peggy,
        assessment_id=a.pk,
        data={"happened_on": datetime.date.today() - datetime.timedelta(days=20), "text": "About her garden."},
    )
    a.refresh_from_db()
    services.assessment_write(
        actor=alice,
        person=peggy,
        assessment_id=a.pk,
        expected_version=a.version,
        data={"analysis": "Peggy wants to garden again.", "hand_over": "Help Peggy back into her garden."},
    )
    services.assessment_submit(actor=alice, person=peggy, assessment_id=a.pk)
    return a


def choose(b, label_text):
    b.driver.find_element("xpath", f"//label[normalize-space(.)='{label_text}']").click()


def follow(b, text):
    b._navigating(b.driver.find_element("partial link text", text).click)


def add_help(b, kind, what, *, who="", cost=""):
    follow(b, "Add who does what")
    choose(b, kind)
    if who:
        b.type_into("Who or what", who)
    b.type_into("What they will do", what)
    if cost:
        b.type_into("Cost", cost)
        choose(b, "Each week")
        choose(b, "Paid for from the personal budget")
    b.press("Save")


def test_plan_from_an_assessment_to_the_persons_pdf(browser, staff, peggy):
    from pypdf import PdfReader

    assessment = signed_off_assessment(staff, peggy)
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Start a support plan")
    b.check_axe("where a plan starts from")
    b.driver.find_element("css selector", f"input[name='assessment'][value='{assessment.pk}']").click()
    b.press("Start the plan")
    assert "Help Peggy back into her garden." in b.text("#hand-over")
    b.check_axe("a plan started from an assessment")

    b.click_link("Personal outcomes")
    b.type_into("What do they want, in their words?", "I want to grow my own food again.")
    choose(b, "Health, in body and mind, and how they feel")
    b.press("Save")
    add_help(b, "What I will do", "Plant seeds in the spring")

    # A cost with a third figure after the point is refused in words, keeping what was typed.
    add_help(b, "Paid support", "Dig the heavy beds", who="Personal assistant", cost="12.345")
    assert b.title().startswith("Error:"), b.title()
    assert "no more than 2 figures after the point" in b.text()
    assert b.driver.find_element("xpath", "//textarea").get_attribute("value") == "Dig the heavy beds"
    b.check_axe("who does what, with a cost that is not pounds and pence")
    b.type_into("Cost", "12.50")
    b.press("Save")
    assert "£12.50 a week, from the personal budget" in b.text(), b.text()[:2000]
    b.check_axe("the plan with an outcome and who does what")

    follow(b, "Record a score")
    b.type_into("Where are they now, on a scale of 1 to 10?", "11")
    b.press("Save")
    assert b.title().startswith("Error:"), b.title()
    assert "Enter a score from 1 to 10" in b.text()
    b.check_axe("a score out of range")
    b.type_into("Where are they now, on a scale of 1 to 10?", "4")
    b.press("Save")
    # The progress page: the score in the chart and in its table.
    assert b.driver.find_elements("css selector", "main svg[role='img']")
    assert "4" in b.text("main table")
    b.check_axe("progress, with a chart and its table")
    b.click_link("Back to the support plan")
    assert "Latest score: 4 out of 10" in b.text(), b.text()[:2000]

    b.click_link("Read or print Peggy's copy")
    assert "I want to grow my own food again." in b.text()
    assert "Draft" in b.text()
    b.check_axe("Peggy's copy")
    b.driver.back()
    b.settle()
    b.driver.find_element("link text", "Download it as a PDF").click()
    pdf = PdfReader(io.BytesIO(b.downloaded(".pdf")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Peggy" in text
    assert "I want to grow my own food again." in " ".join(text.split())
