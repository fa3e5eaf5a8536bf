"""The language coach in a real browser: hints while typing, one-click replacement, saving either way."""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

NOTE = "Mrs Patel refused her breakfast"


def start_a_case_note(b, person):
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{person.pk}/")
    b.click_link("Add a case note")
    note = b.type_into("Note", NOTE)
    b.wait(
        lambda: "ws-coach__accept" in b.driver.find_element("id", "id_text-coach").get_attribute("innerHTML"),
        "no writing tip appeared for the note",
    )
    return note


def test_a_hint_appears_and_accepting_it_changes_the_text(browser, peggy):
    b = browser
    note = start_a_case_note(b, peggy)
    tips = b.text("#id_text-coach")
    assert "refused" in tips and "declined" in tips
    b.check_axe("case note with a writing tip")
    b.driver.find_element("css selector", "#id_text-coach .ws-coach__accept").click()
    assert note.get_attribute("value") == "Mrs Patel declined her breakfast"
    b.press("Save")
    assert "Mrs Patel declined her breakfast" in b.text()
    from whatsstrong.conversations.models import CaseNote

    assert CaseNote.objects.get(person=peggy).text == "Mrs Patel declined her breakfast"


def test_saving_works_without_accepting_the_hint(browser, peggy):
    b = browser
    start_a_case_note(b, peggy)
    b.press("Save")
    assert NOTE in b.text()
    from whatsstrong.conversations.models import CaseNote

    assert CaseNote.objects.get(person=peggy).text == NOTE


def test_a_strength_gets_hints_and_the_button_fits_the_sentence(browser, peggy):
    """Strength descriptions are long text too; the replacement keeps the tense and the capital."""
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/strengths/add/")
    field = b.type_into("The strength", "Wandered every street of the estate as a postman, and still knows them.")
    b.wait(
        lambda: "ws-coach__accept" in b.driver.find_element("id", "id_description-coach").get_attribute("innerHTML"),
        "no writing tip appeared for the strength",
    )
    b.check_axe("strength with a writing tip")
    b.driver.find_element("css selector", "#id_description-coach .ws-coach__accept").click()
    assert field.get_attribute("value") == "Walked every street of the estate as a postman, and still knows them."


def test_where_no_word_fits_the_tip_has_no_button(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Add a case note")
    b.type_into("Note", "She is challenging when the bus is late.")
    b.wait(
        lambda: "describe what happened" in b.driver.find_element("id", "id_text-coach").get_attribute("innerHTML"),
        "no writing tip appeared for the note",
    )
    assert b.driver.find_elements("css selector", "#id_text-coach .ws-coach__accept") == []
    b.check_axe("case note with a tip and no button")
