"""Question prompts in a real browser: a prompt put into a case note at the cursor, then saved."""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

PROMPT = "What would you say Peggy is good at?"


@pytest.fixture(autouse=True)
def bundled_prompts(transactional_db):
    """The prompts come from a data migration, and a live-server test empties every table when it
    ends, so the bundled set is loaded again first, as `manage.py load_prompts` would."""
    from whatsstrong.prompts.models import Prompt, PromptGroup
    from whatsstrong.prompts.services import prompts_load

    prompts_load(group_model=PromptGroup, prompt_model=Prompt)


def test_a_prompt_goes_into_the_note_where_the_cursor_is(browser, peggy):
    from whatsstrong.conversations.models import CaseNote
    from whatsstrong.prompts.models import Prompt

    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Add a case note")
    note = b.type_into("Note", "Joy said: and we agreed a plan.")
    # Put the cursor just after "Joy said:".
    b.driver.execute_script("arguments[0].setSelectionRange(9, 9);", note)

    b.driver.find_element("xpath", "//summary[normalize-space(.)='Question prompts']").click()
    prompt = Prompt.objects.get(code="ao-good-at")
    insert = b.driver.find_element("css selector", f"button[aria-describedby='id_text-prompt-{prompt.pk}']")
    assert insert.text == "Insert"
    b.check_axe("case note with the question prompts open")
    insert.click()

    assert note.get_attribute("value") == f"Joy said: {PROMPT} and we agreed a plan."
    # Focus is back in the note, with the cursor just after the question.
    assert b.driver.switch_to.active_element == note
    caret = b.driver.execute_script("return arguments[0].selectionStart;", note)
    assert caret == len(f"Joy said: {PROMPT}")

    b.press("Save")
    assert CaseNote.objects.get(person=peggy).text == f"Joy said: {PROMPT} and we agreed a plan."


def test_the_prompts_page_with_a_search_for_a_person(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/prompts/?person={peggy.pk}")
    b.type_into("Search question prompts", "family")
    b.press("Search")
    assert "prompts found" in b.text() and "Peggy" in b.text()
    b.check_axe("question prompts searched, for a person")


def test_a_prompt_goes_at_the_end_when_the_note_has_not_been_clicked_yet(browser, peggy):
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/notes/add/")
    note = b.driver.find_element("id", "id_text")
    b.driver.execute_script("arguments[0].value = 'We met at the allotment.';", note)
    b.driver.find_element("xpath", "//summary[normalize-space(.)='Question prompts']").click()
    b.driver.find_element(
        "xpath", "//li[span[normalize-space(.)='What is working now, and how does it work?']]/button"
    ).click()
    assert note.get_attribute("value") == "We met at the allotment. What is working now, and how does it work?"
