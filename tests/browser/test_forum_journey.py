"""An outcomes forum in a real browser: a supervisor arranges a forum and records who is coming,
brings Peggy with her support plan, asks for a change (first without saying what, and is told),
records a gap the community could not fill, and sees it counted for commissioners by quarter.
axe-core on every page."""

import datetime

import pytest
from selenium.webdriver.support.ui import Select

from conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def peggys_plan(transactional_db, staff, peggy):
    """A live-server test empties every table when it ends, so the bundled categories are loaded
    again first; then Peggy's plan with a paid contribution from her budget."""
    from whatsstrong.directory import services as directory
    from whatsstrong.plans import services

    directory.taxonomy_load()
    alice = staff["alice"]
    plan = services.plan_start(actor=alice, person=peggy)
    outcome = services.outcome_add(
        actor=alice, person=peggy, plan_id=plan.pk, data={"text": "I want to sleep upstairs again.", "wellbeing": ["b"]}
    )
    services.contribution_add(
        actor=alice,
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "paid", "who": "Home support", "what": "help on the stairs", "cost": "40.00", "cost_per": "week"},
    )
    return plan


def date_into(b, name, day):
    for part, value in enumerate((day.day, day.month, day.year)):
        box = b.driver.find_element("id", f"id_{name}_{part}")
        box.clear()
        box.send_keys(str(value))


def test_holding_a_forum_asking_for_a_change_and_counting_a_gap(browser, peggy, peggys_plan):
    b = browser
    today = datetime.date.today()
    b.sign_in("carol", PASSWORD)
    b.go("/forums/")
    b.check_axe("the list of forums")
    b.click_link("Arrange a forum")
    date_into(b, "held_on", today)
    b.type_into("Where", "Committee room 3")
    b.press("Save")
    assert "Now record who is coming" in b.text()
    b.check_axe("a forum just arranged")
    b.click_link("Record someone attending")
    b.type_into("Name", "Tess Ward")
    b.driver.find_element("css selector", "input[name='discipline'][value='commissioning']").click()
    b.press("Save")
    assert "Tess Ward" in b.text("#members")

    b.go(f"/people/{peggy.pk}/")
    b.click_link("Bring to an outcomes forum")
    b.check_axe("bringing someone to a forum")
    Select(b.driver.find_element("id", "id_forum")).select_by_index(1)
    b.type_into("Their story, as you will bring it", "Peggy came home after a fall and wants her bedroom back.")
    b.press("Save")
    assert "What the budget pays" in b.text() and "I want to sleep upstairs again." in b.text()
    b.check_axe("the hearing with the plan it brings")

    b.click_link("Record what the forum decided")
    b.driver.find_element("css selector", "input[name='decision'][value='changes']").click()
    b.type_into("Why the forum decided this", "Nobody has asked yet whether a stair sensor would help.")
    b.press("Save")
    assert b.title().startswith("Error:"), b.title()
    assert "Say what needs to change in the plan" in b.text()
    b.check_axe("a decision asking for changes without saying what")
    assert "Nobody has asked yet" in b.driver.find_element("id", "id_reasons").get_attribute("value")
    b.type_into("What needs to change", "Ask the technology team to visit about a stair sensor.")
    date_into(b, "changes_by", today + datetime.timedelta(days=14))
    b.press("Save")
    assert "Asked for changes" in b.text("#decision") and "stair sensor" in b.text("#decision")

    b.click_link("Record support the community or market could not offer")
    Select(b.driver.find_element("id", "id_category")).select_by_visible_text("Meeting people: Befriending")
    b.type_into("Where", "CV6 1AB")
    b.type_into("Who it would be for", "Older people home from hospital who live alone")
    b.type_into("What is needed", "A volunteer who calls in during the first weeks home")
    b.driver.find_element("css selector", "input[name='urgency'][value='now']").click()
    b.check_axe("recording a gap at the forum")
    b.press("Save")
    assert "A volunteer who calls in" in b.text("#gaps"), b.text()

    b.go("/directory/gaps/")
    counted = b.text("#gap-quarter")
    assert "Befriending" in counted and "Peggy" not in b.text()
    b.check_axe("gaps counted by quarter")
