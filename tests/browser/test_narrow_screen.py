"""On a 320 px wide phone screen no page is wider than the screen (WCAG 2.2, 1.4.10 reflow): wide
tables scroll inside their own box, which takes keyboard focus, and long words wrap."""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

NARROW = 320


@pytest.fixture
def busy_record(staff, make_person):
    """A record whose tables and text are as wide as real ones get."""
    from whatsstrong.conversations.services import case_note_add
    from whatsstrong.people import services

    alice = staff["alice"]
    person = make_person(what_matters="Seeing her grandchildren at the community-centre-on-Wellington-Street.")
    for name in ("Josephine Okafor-Pemberton", "Oluwaseun Adeyemi-Blackwood", "St Mary's Tuesday lunch club"):
        services.network_member_save(
            actor=alice,
            person=person,
            data={
                "name": name,
                "relationship": "daughter-in-law and next-door neighbour",
                "kind": "family",
                "closeness": 1,
                "what_they_bring": "Shopping, lifts to the surgery and company most evenings",
                "is_carer": True,
                "has_died": False,
                "contact": "josephine.okafor-pemberton@example.org",
            },
        )
    case_note_add(
        actor=alice,
        person=person,
        data={
            "kind": "visit",
            "present": "Peggy",
            "text": "Wrote to peggy.okafor.family.contact@example.org about the lunch club.",
        },
    )
    return person


def widest(b, inner):
    """The elements that reach past the screen's right edge, for the failure message."""
    return b.driver.execute_script(
        """
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > arguments[0] + 1)
          .slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""",
        inner,
    )


def page_width(b):
    return b.driver.execute_script("return document.documentElement.scrollWidth;")


def test_no_page_is_wider_than_a_narrow_phone(browser, staff, busy_record):
    b = browser
    b.driver.set_window_size(NARROW, 800)
    inner = b.driver.execute_script("return window.innerWidth;")
    b.sign_in("carol", PASSWORD)
    pages = {
        "caseload": "/",
        "person's page": busy_record.get_absolute_url(),
        "history": f"{busy_record.get_absolute_url()}history/",
        "access log": "/access-log/",
        "edit who I am": f"{busy_record.get_absolute_url()}edit/who-i-am/",
    }
    too_wide = {}
    for label, path in pages.items():
        b.go(path)
        if page_width(b) > inner:
            too_wide[label] = (page_width(b), widest(b, inner))
    assert too_wide == {}, f"wider than {inner} px: {too_wide}"
    b.go(busy_record.get_absolute_url())
    box = b.driver.find_element("css selector", ".ws-table-scroll")
    assert box.get_attribute("tabindex") == "0"
    assert b.driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth;", box)
    b.check_axe("person's page on a narrow screen")
