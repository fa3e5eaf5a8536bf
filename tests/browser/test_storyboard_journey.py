"""Storyboards in a real browser: a practitioner writes a story with a name left in it and a part
missing; a quality lead sees the name highlighted, is refused when trying to publish, and sends it
back; the practitioner takes the name out and sends it again; the quality lead publishes it; the
practitioner drafts a CPD record from it, changes it and downloads it. axe-core on every page."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser
TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=365)


def fill(b, name, value):
    control = b.driver.find_element("name", name)
    control.clear()
    control.send_keys(str(value))


def tick(b, name, value):
    """Tick a radio or checkbox by its field's name and value, clicking its label as a person would."""
    control = b.driver.find_element("css selector", f"input[name='{name}'][value='{value}']")
    b.driver.find_element("css selector", f"label[for='{control.get_attribute('id')}']").click()


def fill_date(b, prefix, day):
    for part, value in enumerate((day.day, day.month, day.year)):
        fill(b, f"{prefix}_{part}", value)


def test_a_story_from_writing_to_the_evidence_bank_and_a_cpd_record(browser, staff):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.click_link("Evidence bank")
    b.check_axe("the evidence bank, empty")
    b.click_link("Write a storyboard")
    b.check_axe("a new storyboard")
    b.type_into("Title", "Back to the allotment")
    b.type_into("The situation", "The person had stopped going out after a fall.")
    b.type_into("What was done", "We met Joan Smith at the allotment gate and planned the walk with her.")
    b.type_into("The difference it made", "She goes twice a week.")
    b.type_into("The people involved", "The person, her son, a community connector.")
    tick(b, "themes", "positive-risk")
    tick(b, "about_someone", "yes")
    b.type_into("Who agreed to the story being shared?", "The person")
    tick(b, "consent_how", "written")
    fill_date(b, "consent_on", TODAY)
    b.press("Send for review")
    assert b.title().startswith("Error:"), b.title()
    assert "Say what was learnt" in b.text()
    assert b.driver.find_element("name", "difference").get_attribute("value") == "She goes twice a week."
    b.check_axe("a storyboard with a part missing")
    b.type_into("What was learnt", "Start from what matters to the person.")
    b.press("Send for review")
    assert "waiting for a quality lead to review it" in b.text()
    b.check_axe("the storyboard, waiting")
    b.sign_out()

    b.sign_in("quinn", PASSWORD)
    b.click_link("1 story is waiting for review")
    b.check_axe("the stories to review")
    b.click_link("Back to the allotment")
    assert b.text("mark.ws-flag").startswith("Joan Smith")
    b.check_axe("the review page with a name highlighted")
    tick(b, "action", "approve")
    fill_date(b, "review_on", LATER)
    b.press("Save the decision")
    assert b.title().startswith("Error:")
    assert "1 possible identifying detail not yet resolved" in b.text()
    b.check_axe("publishing refused while a name is flagged")
    tick(b, "action", "send_back")
    b.type_into("What should the author change?", "Take out the person's name: say who she is to the story instead.")
    b.press("Save the decision")
    assert "Sent back for changes" in b.text()
    b.sign_out()

    b.sign_in("alice", PASSWORD)
    b.click_link("Evidence bank")
    b.click_link("Your storyboards and CPD records")
    b.click_link("Back to the allotment")
    assert "Take out the person's name" in b.text()
    b.check_axe("a storyboard sent back")
    b.click_link("Change the story")
    b.type_into("What was done", "We met her at the allotment gate and planned the walk with her.")
    b.press("Send for review")
    assert "waiting for a quality lead to review it" in b.text()
    b.sign_out()

    b.sign_in("quinn", PASSWORD)
    b.click_link("1 story is waiting for review")
    b.click_link("Back to the allotment")
    assert "No possible names or contact details are left to resolve." in b.text()
    tick(b, "action", "approve")
    fill_date(b, "review_on", LATER)
    b.press("Save the decision")
    assert "From the evidence bank" in b.text()
    b.check_axe("the published story")
    b.sign_out()

    b.sign_in("alice", PASSWORD)
    b.click_link("Evidence bank")
    b.type_into("Words", "allotment")
    b.press("Search")
    assert "1 story found" in b.text()
    b.check_axe("the evidence bank, searched")
    b.click_link("Back to the allotment")
    b.press("Draft a CPD record from this story")
    assert b.driver.find_element("name", "title").get_attribute("value") == "Back to the allotment"
    b.check_axe("the CPD record drafted")
    b.type_into("The impact on my practice", "I now hold first visits where the person wants to be.")
    fill_date(b, "done_on", TODAY + datetime.timedelta(days=3))
    b.press("Save the record")
    assert b.title().startswith("Error:") and "The date of the activity must be in the past" in b.text()
    assert "I now hold first visits" in b.driver.find_element("name", "impact").get_attribute("value")
    b.check_axe("a CPD record with a date in the future")
    fill_date(b, "done_on", TODAY)
    b.press("Save the record")
    assert "Your CPD record (only you can see it)" in b.text()
    b.check_axe("the CPD record")
    b.driver.find_element("link text", "Download as a text file").click()
    text = b.downloaded(".txt").decode()
    assert text.startswith("Title\n-----\nBack to the allotment")
    assert "I now hold first visits where the person wants to be." in text
