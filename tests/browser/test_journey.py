"""Real journeys through the product in headless Chromium, with axe-core on every page.

A practitioner finds a person, changes what matters to them, and their supervisor sees the change;
someone outside the team gives a reason to open a restricted record; writing survives leaving a
form without saving; someone added twice is noticed before saving.
"""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

BEFORE = "Her garden, and seeing her grandson on Sundays."
SEARCH_LABEL = "Name, date of birth, NHS number or postcode"
AFTER = "Getting back to the allotment with Joy, and church on Sundays."


@pytest.fixture
def peggy(staff, make_person):
    from whatsstrong.people import services

    person = make_person(what_matters=BEFORE, pronouns="she/her")
    alice = staff["alice"]
    services.network_member_save(
        actor=alice,
        person=person,
        data={
            "name": "Joy Okafor",
            "relationship": "daughter",
            "kind": "family",
            "closeness": 1,
            "what_they_bring": "Visits every Sunday",
            "is_carer": True,
            "has_died": False,
            "contact": "",
        },
    )
    services.asset_save(
        actor=alice,
        person=person,
        data={
            "level": "own",
            "description": "Grows her own vegetables",
            "network_member": None,
            "in_their_words": True,
        },
    )
    return person


def test_a_practitioner_changes_who_i_am_and_the_supervisor_sees_it(browser, peggy):
    b = browser
    # Signing in: first with nothing typed, to see the errors, then properly.
    b.go("/sign-in/")
    b.check_axe("sign-in")
    b.press("Sign in")
    assert b.title().startswith("Error: "), b.title()
    b.check_axe("sign-in with errors")
    b.sign_in("alice", PASSWORD)
    b.check_axe("caseload (alice)")

    # Finding Peggy by name.
    b.click_link("Find a person")
    b.check_axe("find a person")
    b.type_into(SEARCH_LABEL, "okafor")
    b.press("Search")
    assert "1 result" in b.text()
    b.check_axe("search results")
    b.click_link("Peggy Okafor")
    assert b.path() == f"/people/{peggy.pk}/"
    b.check_axe("person (alice)")

    # Changing what matters to her.
    b.click_link("Change who Peggy is")
    assert b.driver.find_element("tag name", "h1").text == "Who I am"
    b.check_axe("edit who I am")
    b.type_into("What matters to them", AFTER)
    b.press("Save")
    assert b.path() == f"/people/{peggy.pk}/"
    assert "Who I am saved." in b.text()
    assert AFTER in b.text()
    b.check_axe("person after saving (success banner)")

    # Her supervisor sees the before and the after.
    b.sign_out()
    b.sign_in("carol", PASSWORD)
    b.check_axe("caseload (carol, supervisor)")
    b.click_link("Peggy Okafor")
    b.check_axe("person (carol)")
    b.click_link("See every change to this record")
    b.check_axe("history")
    row = b.driver.find_element("xpath", "//tr[th[normalize-space(.)='What matters to them']]")
    before, after = [cell.text for cell in row.find_elements("tag name", "td")]
    assert (before, after) == (BEFORE, AFTER)
    b.click_link("Access log")
    b.check_axe("access log")


def test_a_restricted_record_opens_only_with_a_reason(browser, make_person):
    rita = make_person(given_name="Rita", family_name="Hollis", preferred_name="", restricted=True)
    b = browser
    b.sign_in("bob", PASSWORD)
    b.click_link("Find a person")
    b.type_into(SEARCH_LABEL, "hollis")
    b.press("Search")
    b.check_axe("search results with a restricted record")
    b.click_link("Rita Hollis")
    assert b.path().startswith(f"/people/{rita.pk}/restricted/"), b.path()
    assert b.driver.find_element("tag name", "h1").text == "This record is restricted"
    b.check_axe("restricted record: give a reason")

    # Nothing typed: the errors, with focus on the summary, and a link to the box.
    b.press("Open the record")
    assert b.title().startswith("Error: "), b.title()
    assert b.driver.execute_script("return document.activeElement.classList.contains('govuk-error-summary')"), (
        "focus is not on the summary"
    )
    b.check_axe("restricted record: reason missing")
    b.driver.find_element("link text", "Enter why you need to open this record").click()
    assert b.driver.execute_script("return document.activeElement.name") == "reason"

    b.type_into("Why do you need to open this record?", "Covering Alice's visits while she is on leave.")
    b.press("Open the record")
    assert b.path() == f"/people/{rita.pk}/", b.path()
    assert b.driver.find_element("tag name", "h1").text.startswith("Rita Hollis")
    assert "Restricted record" in b.text()
    b.check_axe("restricted record, opened")


def test_unsaved_writing_is_offered_back(browser, peggy):
    # "suffers from" is a phrase the language coach picks up, so its tips are on the page for axe too.
    story = (
        "Born in Lagos, came to Leeds in 1961 and worked at the hospital laundry for thirty years. "
        "She suffers from arthritis in her hands."
    )
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    b.type_into("Life story", story)
    b.wait(lambda: "Draft kept at" in b.text("#draft-status"), "the draft was not kept")

    # Leave without saving, then come back.
    b.click_link("Cancel")
    assert b.path() == f"/people/{peggy.pk}/"
    b.click_link("Change who Peggy is")
    assert "Unsaved writing" in b.text()
    assert b.driver.find_element("id", "id_life_story").get_attribute("value") == ""
    b.check_axe("edit who I am, with unsaved writing offered back")
    b.click_link("Put my unsaved writing back")
    assert b.driver.find_element("id", "id_life_story").get_attribute("value") == story
    assert "Unsaved writing" not in b.text()
    b.wait(
        lambda: b.driver.find_elements("css selector", "#id_life_story-coach .ws-coach__item"),
        "the language coach offered no writing tips on the restored text",
    )
    b.check_axe("edit who I am, writing restored, with writing tips")


def test_adding_someone_already_known_warns_first_and_keeps_what_was_typed(browser, staff, make_person):
    import datetime

    known = make_person(
        given_name="Kwame", family_name="Mensah", preferred_name="", date_of_birth=datetime.date(1950, 11, 4)
    )
    b = browser
    b.sign_in("alice", PASSWORD)
    b.click_link("Find a person")
    b.type_into(SEARCH_LABEL, "4/11/1950")
    b.press("Search")
    assert "1 result" in b.text()
    b.go("/people/new/")
    b.type_into("Given name", "kwame")
    b.type_into("Family name", "MENSAH")
    b.type_into("Day", "4")
    b.type_into("Month", "11")
    b.type_into("Year", "1950")
    b.type_into("Address", "3 Mill Lane")
    b.press("Add person")
    assert "They may already have a record" in b.text()
    b.check_axe("add a person: possible duplicate")
    assert b.driver.find_element("id", "id_address").get_attribute("value") == "3 Mill Lane"
    b.press("Add as a different person")
    assert "kwame MENSAH has been added." in b.text()
    assert not b.path().startswith(f"/people/{known.pk}/")
