"""Recording a basic record in headless Chromium, counting the pages it takes, with axe-core on
each page of the way.

A basic record: the person added, who they are, two people in their network and four strengths.
Page loads are counted by the browser itself: a script Chromium runs at the start of every
document (DevTools `Page.addScriptToEvaluateOnNewDocument`) adds one to a count in the tab's
session storage, so each page drawn counts once, whether a link, a form or a redirect led there.
The count starts with the caseload a practitioner lands on after signing in (counted: it is the
first page of the task); signing in is not counted, as it happens once a day, not once a record.
"""

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser

MOST_PAGE_LOADS = 6

COUNT_THIS_PAGE = """
if (window.top === window) {
  sessionStorage.setItem('ws-loads', String(Number(sessionStorage.getItem('ws-loads') || '0') + 1));
}
"""


class Recorder:
    """The browser steps of the journey, counting the page loads and the fields filled in."""

    def __init__(self, b):
        self.b = b
        self.fields_filled = 0
        b.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_THIS_PAGE})

    def start_counting(self):
        """This page is the first counted."""
        self.b.driver.execute_script("sessionStorage.setItem('ws-loads', '1');")

    def page_loads(self):
        return int(self.b.driver.execute_script("return sessionStorage.getItem('ws-loads');"))

    def type(self, control_id, text):
        control = self.b.driver.find_element("id", control_id)
        control.clear()
        control.send_keys(text)
        self.fields_filled += 1

    def choose(self, control_id, value=None):
        """Pick an option from a drop-down (`value`), or click a radio or checkbox by its label."""
        from selenium.webdriver.support.ui import Select

        if value is None:
            self.b.driver.find_element("css selector", f"label[for='{control_id}']").click()
        else:
            Select(self.b.driver.find_element("id", control_id)).select_by_value(value)
        self.fields_filled += 1


MEMBERS = [
    # (name, relationship, closeness, kind, what they bring, carer)
    ("Joy Okafor", "daughter", "1", None, "Visits every Sunday and does the big shop", True),
    ("Dev Patel", "neighbour", None, "neighbour", "", False),
]
STRENGTHS = [
    # (words, level, in their own words)
    ("Grows her own vegetables", "own", True),
    ("Knows every bus route in the city", "own", False),
    ("Joy helps with letters and forms", "network", False),
    ("The knit and natter group at the library", "community", False),
]
LEVEL_RADIO = {"own": 0, "network": 1, "community": 2}


def fill_strengths_and_network(r):
    for n, (name, relationship, closeness, kind, brings, carer) in enumerate(MEMBERS):
        r.type(f"id_network-{n}-name", name)
        r.type(f"id_network-{n}-relationship", relationship)
        if closeness:
            r.choose(f"id_network-{n}-closeness", closeness)
        if kind:
            r.choose(f"id_network-{n}-kind", kind)
        if brings:
            r.type(f"id_network-{n}-what_they_bring", brings)
        if carer:
            r.choose(f"id_network-{n}-is_carer")
    for n, (words, level, own_words) in enumerate(STRENGTHS):
        r.type(f"id_strengths-{n}-description", words)
        r.choose(f"id_strengths-{n}-level_{LEVEL_RADIO[level]}")
        if own_words:
            r.choose(f"id_strengths-{n}-in_their_words")


def test_a_basic_record_takes_six_page_loads(browser, staff):
    from whatsstrong.people.models import Asset, NetworkMember, Person

    b = browser
    r = Recorder(b)
    b.sign_in("alice", PASSWORD)
    r.start_counting()

    # 1 the caseload -> 2 adding the person -> 3 their page.
    b.click_link("Add a person")
    r.type("id_given_name", "Margaret")
    r.type("id_family_name", "Okafor")
    r.type("id_preferred_name", "Peggy")
    b.press(b.driver.find_element("css selector", "main form button[type=submit]").text)
    peggy = Person.objects.get(family_name="Okafor")
    assert b.path() == f"/people/{peggy.pk}/", b.path()
    b.check_axe("person's page, new record, next steps at the top")

    # 4 strengths and network together.
    b.click_link("Add strengths and network")
    b.check_axe("add strengths and network")
    fill_strengths_and_network(r)
    b.check_axe("add strengths and network, filled in")

    # 5 who she is, straight after saving them -> 6 her page with everything on it.
    b.press("Save and go on to who Peggy is")
    assert b.driver.find_element("tag name", "h1").text == "Who I am"
    assert "Added 2 people to Peggy's network and 4 strengths." in b.text()
    r.type("id_what_matters", "Her allotment, and Sunday dinners with Joy.")
    r.type("id_good_day", "Up early, out to the allotment, the bus into town after lunch.")
    b.press("Save")
    assert b.path() == f"/people/{peggy.pk}/"
    page = b.text()
    for words, *_ in STRENGTHS:
        assert words in page
    assert "Dev Patel" in page and "Her allotment" in page
    b.check_axe("person's page, basic record done")

    loads = r.page_loads()
    print(f"\nbasic record: {loads} page loads, {r.fields_filled} fields filled in")
    assert loads <= MOST_PAGE_LOADS, f"a basic record took {loads} page loads"
    assert NetworkMember.objects.filter(person=peggy).count() == 2
    assert sorted(Asset.objects.filter(person=peggy).values_list("level", flat=True)) == [
        "community",
        "network",
        "own",
        "own",
    ]


def test_another_row_and_a_mistake_lose_nothing(browser, peggy):
    from whatsstrong.people.models import Asset

    b = browser
    r = Recorder(b)
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/strengths-and-network/add/")
    fill_strengths_and_network(r)
    b.press("Add another person")
    assert b.driver.execute_script("return document.activeElement.id") == "id_network-3-name"
    assert b.driver.find_element("id", "id_strengths-2-description").get_attribute("value") == STRENGTHS[2][0]
    assert b.driver.find_element("id", "id_network-0-closeness").get_attribute("value") == "1"
    b.check_axe("add strengths and network, another row")

    # A fifth strength without its level: the page comes back saying which row, keeping it all.
    r.type("id_strengths-4-description", "Makes everyone laugh")
    b.press("Save")
    assert b.title().startswith("Error: "), b.title()
    assert b.driver.execute_script("return document.activeElement.classList.contains('govuk-error-summary')")
    b.check_axe("add strengths and network, with errors")
    b.driver.find_element("link text", "Strength 5: choose whose strength it is").click()
    assert b.driver.execute_script("return document.activeElement.id") == "id_strengths-4-level_0"
    assert b.driver.find_element("id", "id_network-0-what_they_bring").get_attribute("value") == MEMBERS[0][4]
    assert not Asset.objects.filter(person=peggy).exists()

    r.choose("id_strengths-4-level_0")
    b.press("Save")
    assert b.path() == f"/people/{peggy.pk}/"
    assert Asset.objects.filter(person=peggy).count() == 5
