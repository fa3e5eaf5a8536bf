"""An assessment in a real browser: a conversation recorded, the person's words marked with the
button, an eligibility determination made, and a qualified practitioner signing off their own
assessment. axe-core on every page."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

SAID = "I want to get back to the allotment"
TEXT = f"We talked about spring. Peggy said {SAID} before the beans go in."


def tick(b, control_id):
    b.driver.find_element("xpath", f"//label[@for='{control_id}']").click()


def test_record_a_conversation_mark_a_quote_decide_eligibility_and_sign_off(browser, staff, peggy):
    staff["alice"].qualified = True
    staff["alice"].save()
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.check_axe("the person's page with assessments")
    b.click_link("Start an assessment")
    b.check_axe("start an assessment")
    label = b.driver.find_element("xpath", "//label[normalize-space(.)='Strengths and wellbeing assessment']")
    label.click()
    b.press("Continue")
    assert b.title().startswith("Strengths and wellbeing assessment"), b.title()
    b.check_axe("the assessment's task list")

    b.click_link("Conversations")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    b.type_into("Day", str(yesterday.day))
    b.type_into("Month", str(yesterday.month))
    b.type_into("Year", str(yesterday.year))
    b.type_into("Where", "At her kitchen table")
    text = b.type_into("What was talked about", TEXT)
    # Select what Peggy said and mark it as her words with the button.
    start = TEXT.index(SAID)
    b.driver.execute_script(
        "arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[2]);",
        text,
        start,
        start + len(SAID),
    )
    b.driver.find_element("xpath", "//button[normalize-space(.)='Mark as their words']").click()
    assert text.get_attribute("value") == TEXT.replace(SAID, f"\u201c{SAID}\u201d")
    b.check_axe("recording a conversation, with the quote button")
    b.press("Save")

    quote = b.driver.find_element("css selector", "q.ws-their-words")
    assert quote.text.strip('\u201c\u201d"') == SAID
    assert "of this assessment is in Peggy's own words" in b.text("#own-words")
    b.check_axe("the assessment with a conversation")

    b.click_link("Your analysis")
    b.type_into("Your analysis", "Peggy's allotment is what she is working towards; her daughter can drive her there.")
    b.press("Save")

    b.click_link("Eligibility")
    assert "Do Peggy's needs come from a physical or mental impairment or illness?" in b.text()
    b.check_axe("the eligibility questions")
    tick(b, "id_outcome_a_0")  # eating and drinking: needs help or prompting
    tick(b, "id_outcome_e_2")  # getting around the home: puts her safety at risk
    tick(b, "id_outcome_e_1")  # ... and causes her pain
    b.press("Decide")  # two questions left unanswered
    assert "There is a problem" in b.text(".govuk-error-summary")
    assert b.driver.find_element("id", "id_outcome_e_2").is_selected()
    b.check_axe("the eligibility questions with errors")
    tick(b, "id_needs_from_impairment_0")
    tick(b, "id_significant_impact_0")
    b.type_into("What is the impact?", "Peggy has stopped going out since her fall and misses her allotment.")
    b.press("Decide")
    assert "Eligibility decided" in b.text()
    assert b.text("#task-eligibility-status") == "Eligible"
    assert b.text("#eligibility-answer") == "Eligible"
    reasons = b.text("#eligibility-reasons")
    assert "Getting enough to eat and drink: needs help, or prompting, to do it." in reasons
    assert "Getting around and using their home safely" in reasons
    b.check_axe("the assessment with its eligibility decision")
    b.click_link("Eligibility")
    b.check_axe("the eligibility page with the decision")
    b.click_link("Cancel")

    b.click_link("Sign-off")
    b.check_axe("sign-off, self-authorising")
    b.press("Sign it off")
    assert "You have signed off this assessment" in b.text()
    assert "Signed off by its author" in b.text()
    b.check_axe("the signed-off assessment")

    from whatsstrong.assessments.models import Assessment

    done = Assessment.objects.get(person=peggy)
    assert done.status == "authorised"
    assert "\u201c" + SAID + "\u201d" in done.conversations.get().text
    assert done.eligibility.eligible and done.eligibility.facts["outcomes"] == {
        "a": ["without_assistance"],
        "e": ["pain_distress_anxiety", "endangers_health_safety"],
    }
