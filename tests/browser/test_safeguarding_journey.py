"""Making Safeguarding Personal in a real browser: Alice raises a concern about Peggy, Carol decides a
section 42 enquiry is needed, Alice records what Peggy wants in her own words, tries to close without
the risk at the end and is told, then closes it. axe-core on every page, errors included."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser
TODAY = datetime.date.today()


def fill_date(b, name, day):
    for part, value in enumerate((day.day, day.month, day.year)):
        field = b.driver.find_element("name", f"{name}_{part}")
        field.clear()
        field.send_keys(str(value))


def choose(b, label_text):
    b.driver.find_element("xpath", f'//label[normalize-space(.)="{label_text}"]').click()


def test_a_concern_through_to_a_closed_enquiry(browser, staff, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.check_axe("the person's page with the safeguarding part")
    b.click_link("Raise a safeguarding concern")
    b.check_axe("raising a concern")
    b.type_into("Who raised the concern", "Mrs Hale, her neighbour")
    fill_date(b, "raised_on", TODAY)
    b.type_into("What happened", "A man has been taking Peggy to the bank to draw out cash.")
    b.press("Save")
    assert "Enter what was done" in b.text() or "Say what was done" in b.text()
    b.check_axe("raising a concern, with an error")
    b.type_into("Peggy's safety now", "She is at home with her daughter tonight.")
    b.press("Save")
    assert "Concern recorded." in b.text()
    b.check_axe("the concern, waiting for a decision")
    concern_path = b.path()
    b.sign_out()

    b.sign_in("carol", PASSWORD)
    b.go(concern_path)
    b.click_link("Decide whether an enquiry is needed")
    b.check_axe("deciding on an enquiry")
    choose(b, "Yes, a section 42 enquiry")
    b.type_into("Your reasons", "Peggy has care needs and cannot stop this on her own.")
    b.press("Save")
    assert "A section 42 enquiry" in b.text("#enquiry-state")
    assert "Carol Test" in b.text("#decision")
    b.sign_out()

    b.sign_in("alice", PASSWORD)
    b.go(concern_path)
    b.check_axe("the concern with an open enquiry")
    b.click_link("Record Peggy's say and what the enquiry is about")
    b.check_axe("the enquiry's details")
    choose(b, "Yes they were asked and outcomes were expressed")
    choose(b, "Financial or Material Abuse")
    b.press("Save")
    b.click_link("Add what Peggy wants to happen")
    b.check_axe("adding a desired outcome")
    b.type_into("What does Peggy want to happen?", "“I want to stay in my own home and keep my money safe.”")
    b.press("Save")
    assert "I want to stay in my own home" in b.text("#desired-outcomes")

    b.driver.find_element("link text", "Close the enquiry").click()
    b.settle()
    b.check_axe("closing the enquiry")
    choose(b, "Risk identified and action taken")
    fill_date(b, "concluded_on", TODAY)
    b.press("Save")
    text = b.text()
    assert "Choose whether the risk was removed, reduced or remains" in text
    assert "Say whether desired outcome 1 was achieved" in text
    b.check_axe("closing the enquiry, with errors")
    choose(b, "Risk reduced")
    choose(b, "Fully")
    b.press("Save")
    assert "Enquiry closed." in b.text()
    assert "Risk reduced" in b.text("#the-close")
    assert "Fully Achieved" in b.text("#desired-outcomes")
    b.check_axe("the closed enquiry")
