"""Writing survives a sign-in that timed out while the practitioner was typing."""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

LIFE_STORY = "Came to Coventry from Kingston in 1962 and drove buses for thirty years."


def test_writing_kept_on_the_device_is_offered_back_after_signing_in_again(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    # The sign-in ends while she types (an idle timeout does the same): the server refuses the draft.
    b.driver.delete_cookie("sessionid")
    b.type_into("Life story", LIFE_STORY)
    b.wait(lambda: "this device only" in b.text("#draft-status"), "the draft was not kept on the device")

    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    assert "Unsaved writing" not in b.text()  # the server never had it
    button = b.driver.find_element("xpath", "//button[normalize-space(.)='Put my unsaved writing back']")
    b.check_axe("edit who I am, with writing from this device offered back")
    button.click()
    assert b.driver.find_element("name", "life_story").get_attribute("value") == LIFE_STORY
    b.press("Save")
    from whatsstrong.people.models import Person
    assert Person.objects.get(pk=peggy.pk).life_story == LIFE_STORY

    # Once saved, the device forgets it: coming back offers nothing.
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    assert not b.driver.find_elements("xpath", "//button[normalize-space(.)='Put my unsaved writing back']")
