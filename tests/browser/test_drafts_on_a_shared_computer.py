"""Writing typed on a shared computer never reaches the next person who signs in there.

The browser keeps a copy of long writing in local storage, so a timed-out sign-in loses nothing.
That copy belongs to the person who typed it: it is dropped once saved, dropped when they sign out,
and never offered to (or left for) anyone else who signs in on the same browser.
"""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

NOTE = "Peggy showed me the tomatoes on her windowsill and talked about her late husband's allotment."
STORY = "Came to Coventry from Kingston in 1962 and drove buses for thirty years."
OFFER = "//*[self::a or self::button][normalize-space(.)='Put my unsaved writing back']"


def device_drafts(b):
    """Every draft this browser holds in local storage, whoever it was kept for."""
    return b.driver.execute_script(
        "return Object.keys(localStorage).filter(function (k) { return k.indexOf('whatsstrong-draft') === 0; });"
    )


def assert_nothing_offered(b):
    assert not b.driver.find_elements("xpath", OFFER), "writing was offered back"
    assert "Unsaved writing" not in b.text() and "kept writing" not in b.text()


def test_a_saved_case_note_is_not_offered_to_the_next_person_at_the_computer(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Add a case note")
    b.type_into("Note", NOTE)
    b.wait(lambda: "Draft kept at" in b.text("#draft-status"), "the draft was not kept")
    assert len(device_drafts(b)) == 1  # the device holds a copy while she writes
    b.press("Save")
    assert "Case note saved." in b.text()
    assert device_drafts(b) == []  # saved, so the device lets it go
    b.sign_out()

    b.sign_in("carol", PASSWORD)  # her supervisor, in the same team
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Add a case note")
    assert b.driver.find_element("name", "text").get_attribute("value") == ""
    assert_nothing_offered(b)
    b.check_axe("add a case note (carol), after alice saved one on this computer")


def test_signing_out_takes_unsaved_writing_off_the_device_but_the_server_keeps_it_for_its_writer(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    b.type_into("Life story", STORY)
    b.wait(lambda: "Draft kept at" in b.text("#draft-status"), "the draft was not kept")
    b.click_link("Cancel")  # leaves without saving
    assert len(device_drafts(b)) == 1
    b.sign_out()
    assert device_drafts(b) == []

    b.sign_in("carol", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    assert_nothing_offered(b)
    b.sign_out()

    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    b.click_link("Put my unsaved writing back")
    assert b.driver.find_element("name", "life_story").get_attribute("value") == STORY


def test_writing_kept_after_a_sign_in_ended_is_never_offered_to_a_colleague(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/notes/add/")
    # Her sign-in ends while she types (an idle timeout does the same) and she walks away.
    b.driver.delete_cookie("sessionid")
    b.type_into("Note", NOTE)
    b.wait(lambda: "this device only" in b.text("#draft-status"), "the draft was not kept on the device")
    assert len(device_drafts(b)) == 1

    b.sign_in("carol", PASSWORD)
    assert device_drafts(b) == []  # the first page carol sees takes alice's copy off the device
    b.go(f"/people/{peggy.pk}/notes/add/")
    assert b.driver.find_element("name", "text").get_attribute("value") == ""
    assert_nothing_offered(b)
