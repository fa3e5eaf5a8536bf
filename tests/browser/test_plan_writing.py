"""Writing a support plan in a real browser: an outcome in the person's words, Joy chosen from her
network, the warning while Joy has not agreed, her agreement, and a qualified practitioner agreeing
the plan. axe-core on every page."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def follow(b, text):
    """A link whose words start with this (the rest says, to screen readers only, what it is for)."""
    link = b.driver.find_element("partial link text", text)
    b._navigating(link.click)


def choose(b, label_text):
    b.driver.find_element("xpath", f"//label[normalize-space(.)='{label_text}']").click()


def test_write_a_plan_that_relies_on_a_daughter_and_agree_it(browser, staff, peggy):
    from whatsstrong.people.services import network_member_save

    network_member_save(
        actor=staff["alice"], person=peggy, data={"name": "Joy Okafor", "relationship": "daughter", "is_carer": True}
    )
    staff["alice"].qualified = True
    staff["alice"].save()
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Start a support plan")
    choose(b, "On its own")
    b.press("Start the plan")
    assert b.title().startswith("Support plan"), b.title()
    b.check_axe("a new plan's task list")

    b.click_link("Personal outcomes")
    b.type_into("What do they want, in their words?", "I want to get back to my garden.")
    choose(b, "Health, in body and mind, and how they feel")
    b.check_axe("adding an outcome")
    b.press("Save")

    follow(b, "Add who does what")
    choose(b, "My family, friends and neighbours")
    b.check_axe("adding who does what")
    from selenium.webdriver.support.ui import Select

    Select(b.driver.find_element("id", "id_network_member")).select_by_visible_text("Joy Okafor (daughter)")
    b.type_into("What they will do", "Dig the beds with me")
    b.press("Save")
    assert "The plan relies on Joy Okafor, who has not agreed to it." in b.text("#not-agreed")
    b.check_axe("the plan with the agreement warning")

    b.click_link("Joy Okafor")
    choose(b, "Yes, they agreed")
    today = datetime.date.today()
    b.type_into("Day", str(today.day))
    b.type_into("Month", str(today.month))
    b.type_into("Year", str(today.year))
    b.type_into("How is Joy Okafor, and what helps them keep going?", "Busy with work; Sundays are hers.")
    choose(b, "Yes")
    b.check_axe("the agreement of someone the plan relies on")
    b.press("Save")
    assert not b.driver.find_elements("id", "not-agreed")

    b.click_link("Review date")
    soon = today + datetime.timedelta(days=90)
    b.type_into("Day", str(soon.day))
    b.type_into("Month", str(soon.month))
    b.type_into("Year", str(soon.year))
    b.press("Save")

    b.click_link("Agree the plan")
    b.check_axe("agreeing the plan")
    b.press("Agree the plan")
    assert "Agreed" in b.text("#plan-status")
    b.click_link("Agreed versions of this plan (1)")
    b.click_link("Version 1")
    assert "I want to get back to my garden." in b.text()
    b.check_axe("an agreed version")
