"""Writing survives a sign-in that timed out while the practitioner was typing, and the newest
copy of it, from this device or from the server, is the one offered back."""

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
    assert not b.driver.find_elements("css selector", "[data-saved-at]")  # the server never had it
    assert "This device kept writing from" in b.text()
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


FIRST = "Came to Coventry from Kingston in 1962"
MORE = " and drove buses for thirty years, the number 9 route mostly."
OFFER = "//*[self::a or self::button][normalize-space(.)='Put my unsaved writing back']"


def offers(b):
    return b.driver.find_elements("xpath", OFFER)


def test_the_newest_writing_is_offered_back_in_one_step_after_the_sign_in_ends(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    b.type_into("Life story", FIRST)
    b.wait(lambda: "Draft kept at" in b.text("#draft-status"), "the first part was not kept on the server")
    # The sign-in ends; she carries on typing, and only this device keeps the rest.
    b.driver.delete_cookie("sessionid")
    b.type_into("Life story", MORE, clear=False)
    b.wait(lambda: "this device only" in b.text("#draft-status"), "the rest was not kept on the device")

    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    assert len(offers(b)) == 1, "one offer, of the newest writing"
    assert "Unsaved writing" in b.text()
    b.check_axe("edit who I am, the newer writing from this device offered back")
    offers(b)[0].click()
    assert b.driver.find_element("name", "life_story").get_attribute("value") == FIRST + MORE
    assert not offers(b)
    b.press("Save")
    from whatsstrong.people.models import Person

    assert Person.objects.get(pk=peggy.pk).life_story == FIRST + MORE


def test_newer_writing_on_the_server_is_offered_before_an_older_copy_on_this_device(browser, staff, peggy):
    from whatsstrong.core.drafts import save_draft

    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    b.driver.delete_cookie("sessionid")
    b.type_into("Life story", FIRST)
    b.wait(lambda: "this device only" in b.text("#draft-status"), "the draft was not kept on the device")
    # Later she carries on at another computer, which keeps her writing on the server.
    save_draft(user=staff["alice"], key=f"person:{peggy.pk}:who-i-am", data={"life_story": FIRST + MORE})

    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/edit/who-i-am/")
    assert len(offers(b)) == 1
    b.click_link("Put my unsaved writing back")
    assert b.driver.find_element("name", "life_story").get_attribute("value") == FIRST + MORE
    assert not offers(b), "the older copy on this device was offered after the newer one was put back"
