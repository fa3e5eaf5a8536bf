"""Supervision in a real browser: Carol records a one-to-one session with Alice, discusses Peggy in
Head, Heart and Hands (the prompts carry Peggy's preferred name), agrees an action about Peggy, and
the action is on Peggy's record and Alice's caseload, where Alice marks it done; the next session
shows it done. axe-core on every page."""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


def choose(b, name, value):
    control = b.driver.find_element("css selector", f"input[name='{name}'][value='{value}']")
    b.driver.find_element("css selector", f"label[for='{control.get_attribute('id')}']").click()


def fill(b, name, value):
    control = b.driver.find_element("name", name)
    control.clear()
    control.send_keys(str(value))


def test_a_session_a_case_discussion_and_an_action_that_flows_back(browser, staff, peggy):
    b = browser
    alice = staff["alice"]
    b.sign_in("carol", PASSWORD)
    b.go("/supervision/")
    assert "Alice Test" in b.text("#overview-table")
    b.check_axe("the supervisor's overview")
    b.click_link("Alice Test")
    b.check_axe("a supervisee's history")
    b.click_link("Record a session")
    b.type_into("What the supervisee wants from this session", "A plan for Peggy's wish to move home")
    b.type_into("Wellbeing check", "Busy month; taking Friday off")
    b.press("Save")
    assert "Supervision on" in b.text("h1")
    b.check_axe("the session")

    b.click_link("Discuss someone")
    b.press("Save")
    assert b.title().startswith("Error:")
    assert "Choose a reflective model" in b.text()
    b.check_axe("starting a discussion with nothing chosen")
    from selenium.webdriver.support.ui import Select

    Select(b.driver.find_element("name", "person")).select_by_value(str(peggy.pk))
    choose(b, "model", "head_heart_hands")
    b.press("Save")
    assert "How do you think Peggy felt, and what tells you so?" in b.text()
    b.check_axe("the discussion in Head, Heart and Hands")
    b.type_into("Heart", "Peggy was nervous, and said so, but keen to try")
    b.press("Save")
    assert "Peggy Okafor" in b.text("#discussions")

    b.click_link("Agree an action")
    Select(b.driver.find_element("name", "person")).select_by_value(str(peggy.pk))
    b.type_into("What was agreed", "Arrange a home visit with Peggy and her son")
    b.press("Save")
    assert "Arrange a home visit with Peggy and her son" in b.text("#actions")

    b.sign_out()
    b.sign_in("alice", PASSWORD)
    b.go("/")
    assert "Arrange a home visit with Peggy and her son" in b.text("#supervision-home-actions")
    b.check_axe("the caseload with an action from supervision")
    b.go(f"/people/{peggy.pk}/")
    assert "Arrange a home visit with Peggy and her son" in b.text()
    assert "Discussed in supervision" in b.text()
    b.check_axe("the person's record with an action from supervision")
    b.press("Mark done: Arrange a home visit with Peggy and her son")
    assert "Action marked done" in b.text()
    assert "supervision-actions" not in b.driver.page_source

    b.go(f"/supervision/staff/{alice.pk}/new/")
    fill(b, "agenda", "Follow-up on Peggy")
    b.press("Save")
    assert "Done" in b.text("#previous-actions") and "Arrange a home visit" in b.text("#previous-actions")
    b.check_axe("the next session with the last session's actions")


def test_a_peer_group_agreement_changed_later_with_a_clash_and_the_last_sessions_actions(browser, staff, peggy):
    """Alice changes her peer group's agreement: a bad save keeps what she typed, a colleague's save in
    between shows what they changed beside her words, and the next session looks back on the last
    one's actions, where she marks hers done; then she reads the agreement's earlier versions."""
    import datetime

    from whatsstrong.supervision import services

    b = browser
    alice, carol = staff["alice"], staff["carol"]
    group = services.group_add(
        actor=carol,
        data={"name": "North peers", "frequency": "Every six weeks", "duration": "90 minutes"},
        member_ids=[alice.pk, carol.pk],
    )
    day = datetime.date(2026, 3, 9)
    roles = {"facilitator": carol.pk, "note_taker": alice.pk, "presenter": alice.pk, "model": "shared"}
    first = services.group_session_add(actor=alice, group_id=group.pk, data={"held_on": day, **roles})
    services.group_action_add(
        actor=carol, group_session_id=first.pk, data={"what": "Ask Peggy what matters most", "owner": alice.pk}
    )
    second = services.group_session_add(
        actor=alice, group_id=group.pk, data={"held_on": day + datetime.timedelta(weeks=6), **roles}
    )

    b.sign_in("alice", PASSWORD)
    b.go(f"/supervision/groups/{group.pk}/")
    b.click_link("Change the agreement or members")
    b.check_axe("changing a peer group's agreement")
    fill(b, "duration", "")
    b.type_into("Confidentiality and house rules", "Phones away during the session")
    b.press("Save")
    assert b.title().startswith("Error:") and "Enter how long each session lasts" in b.text()
    assert "Phones away during the session" in b.driver.find_element("name", "confidentiality").get_attribute("value")
    b.check_axe("the agreement with a bad save")
    fill(b, "duration", "Two hours")
    services.group_update(  # Carol saves first
        actor=carol,
        group_id=group.pk,
        expected_version=1,
        data={"name": "North peers", "frequency": "Every six weeks", "duration": "Ninety minutes"},
        member_ids=[alice.pk, carol.pk],
    )
    b.press("Save")
    assert "Carol Test saved changes while you were editing" in b.text()
    assert "Ninety minutes" in b.text("#edit-conflict") and "Two hours" in b.text("#edit-conflict")
    b.check_axe("the agreement after a colleague saved first")
    b.press("Save")
    assert "Two hours" in b.text("#agreement") and "Phones away during the session" in b.text("#agreement")

    b.go(second.get_absolute_url())
    assert "Not done yet" in b.text("#previous-actions") and "Ask Peggy what matters most" in b.text(
        "#previous-actions"
    )
    b.check_axe("the next group session with the last one's actions")
    b.press("Mark done: Ask Peggy what matters most")
    assert "Action marked done" in b.text()
    assert "Done" in b.text("#previous-actions") and "marked done by Alice Test" in b.text("#previous-actions")
    b.check_axe("the group session after marking an action done")

    b.go(f"/supervision/groups/{group.pk}/")
    b.click_link("See earlier versions of the agreement")
    assert "How the agreement has changed" in b.text("h1")
    assert "Changed by Alice Test" in b.text() and "Agreed by Carol Test" in b.text()
    page = b.text()
    assert page.index("Version 3") < page.index("Two hours") < page.index("Version 2") < page.index("Version 1")
    b.check_axe("the earlier versions of a peer group's agreement")
