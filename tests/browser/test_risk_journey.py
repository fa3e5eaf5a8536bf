"""Working with risk in a real browser: a positive risk assessment for a move from a care home to a
son's house, with a risk placed wrong then right and a best-interests record asked for and then given;
a referral to the panel; a quality lead sets a panel date, puts the referral on it and records what the
panel said; the practitioner records the decision she and her manager took. axe-core on every page."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser
LATER = datetime.date.today() + datetime.timedelta(days=60)


def fill(b, name, value):
    control = b.driver.find_element("name", name)
    control.clear()
    control.send_keys(str(value))


def choose(b, name, value):
    """Tick a radio by its field's name and value, clicking its label as a person would."""
    control = b.driver.find_element("css selector", f"input[name='{name}'][value='{value}']")
    b.driver.find_element("css selector", f"label[for='{control.get_attribute('id')}']").click()


def fill_date(b, prefix, day):
    for part, value in enumerate((day.day, day.month, day.year)):
        fill(b, f"{prefix}_{part}", value)


def test_a_positive_risk_assessment_to_the_decision_after_the_panel(browser, staff, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Write a positive risk assessment")
    b.check_axe("a new positive risk assessment")
    b.type_into("What decision or activity is this about?", "Moving from the care home to live with her son")
    b.type_into("What does Peggy say about it?", "“I want to wake up in a house with my family in it.”")
    b.type_into("What does Peggy gain from it?", "Her grandchildren every day, her own church")
    b.type_into(
        "How will the benefits be kept while the risks are managed?", "Help at night for a month; telecare; a review"
    )
    b.press("Save")
    assert "Positive risk assessment: Moving from the care home" in b.text("h1")
    b.check_axe("the assessment being written")

    # A risk with a scale left out comes back saying which, keeping the words typed.
    b.click_link("Add a risk")
    b.type_into("What could go wrong?", "A fall on the stairs at night")
    choose(b, "for_whom", "them")
    choose(b, "likelihood_theirs", 1)
    choose(b, "severity_theirs", 2)
    choose(b, "severity_ours", 3)
    b.press("Save")
    assert b.title().startswith("Error:"), b.title()
    assert "Choose how likely it is, in your view" in b.text()
    assert b.driver.find_element("name", "what").get_attribute("value") == "A fall on the stairs at night"
    b.check_axe("a risk with a scale left out")
    choose(b, "likelihood_ours", 2)
    b.type_into("What will make it less likely, or less serious?", "A stair rail and a bed sensor")
    b.press("Save")
    assert "Seen differently" in b.text("#risk-table")
    b.check_axe("the assessment with a risk seen differently")

    # Lacking capacity for this decision asks for the best-interests record.
    b.click_link("Record capacity and best interests")
    choose(b, "capacity", "lacks")
    b.type_into("Who was consulted about their best interests?", "Her son Femi and her daughter Grace")
    b.press("Save")
    assert b.title().startswith("Error:")
    assert "Enter their past wishes, or say that none are known" in b.text()
    b.check_axe("capacity without the best-interests record")
    b.type_into(
        "How was capacity for this decision assessed, and what was found?", "Two visits; could not weigh nights"
    )
    b.type_into("What did Peggy want in the past?", "She always said she would live with family")
    b.type_into("What does Peggy want now?", "“Take me to Femi's.”")
    b.type_into("What feelings, beliefs and values of Peggy's bear on it?", "Family first; her church")
    b.type_into("What is decided in their best interests, and why?", "A trial month at Femi's, with help at night")
    b.press("Save")
    assert "A trial month at Femi's" in b.text("#capacity ~ dl")
    b.check_axe("the assessment with its best-interests record")

    b.click_link("Refer this to the panel")
    b.type_into("What is the situation?", "Peggy wants to leave the care home for her son's house.")
    b.type_into("What has been tried?", "Day visits, then a weekend.")
    b.type_into("What does Peggy think?", "“I am ready.”")
    b.type_into("What would you like the panel to advise on?", "Is a trial month with help at night enough?")
    b.press("Save")
    assert "Waiting for a panel date" in b.text()
    b.check_axe("the referral, waiting")
    b.sign_out()

    b.sign_in("quinn", PASSWORD)
    b.click_link("Panel dates, referrals waiting and overdue actions")
    assert "Referrals waiting for a panel date (1)" in b.text()
    b.check_axe("the coordinator's lists")
    b.click_link("Add a panel date")
    fill_date(b, "meets_on", datetime.date.today() - datetime.timedelta(days=1))
    b.type_into("Where", "Room 4, the council house")
    b.press("Save")
    assert "The date of the panel must be today or in the future" in b.text()
    b.check_axe("a panel date in the past")
    fill_date(b, "meets_on", datetime.date.today())
    b.press("Save")
    b.click_link("Back to the panel's lists")
    b.click_link(peggy.display_name)
    b.click_link("Put on a panel")
    b.driver.find_element("css selector", "input[name='panel']").click()
    b.press("Save")
    b.click_link("Record what the panel said")
    assert "It does not decide" in b.text()
    b.check_axe("recording what the panel said")
    b.type_into("What did the panel discuss?", "Nights, and Femi's work shifts.")
    b.type_into("What did the panel advise?", "Try a month, with a bed sensor, and review at four weeks.")
    b.press("Save")
    assert "Record your decision" not in b.text()
    b.check_axe("the referral, heard")
    b.sign_out()

    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link(next(e.text for e in b.driver.find_elements("css selector", "#panel-referrals a")))
    b.click_link("Record your decision")
    b.type_into("What have you decided?", "Peggy moves to Femi's for a trial month.")
    b.press("Save")
    assert "Enter the reasons for the decision" in b.text()
    b.check_axe("a decision without reasons")
    b.type_into("Why?", "It is what she wants, and the panel's safeguards are in place.")
    choose(b, "manager", staff["carol"].pk)
    b.press("Save")
    assert "Decision recorded" in b.text("#status")
    assert "Carol Test" in b.text("#decision ~ dl")
    b.check_axe("the decision, recorded")
