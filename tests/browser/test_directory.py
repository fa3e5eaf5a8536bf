"""The community directory in a real browser: from a person's page to services near them, nearest
first, suggesting one, and recording how it went in their words (with a contradiction caught first);
then the directory editor changing the opening times. axe-core on every page."""

import datetime

import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def nearby(transactional_db, staff):
    """A live-server test empties every table when it ends, so the bundled categories are loaded
    again first, then two services a mile apart."""
    from whatsstrong.directory import services

    services.taxonomy_load()
    dina = staff["dina"]
    centre = services.organisation_save(actor=dina, data={"name": "Foleshill Community Centre"})
    hall = services.location_save(
        actor=dina,
        organisation=centre,
        data={
            "name": "The hall",
            "address": "1 Foleshill Road",
            "town": "Coventry",
            "postcode": "CV6 5AA",
            "latitude": 52.4262,
            "longitude": -1.4931,
        },
    )
    library = services.location_save(
        actor=dina,
        organisation=centre,
        data={
            "name": "Central Library",
            "address": "Smithford Way",
            "town": "Coventry",
            "postcode": "CV1 1FY",
            "latitude": 52.4080,
            "longitude": -1.5120,
        },
    )
    knit = services.service_save(
        actor=dina,
        organisation=centre,
        data={"name": "Knit and Natter", "description": "Bring your knitting.", "cost": "free"},
        locations=[hall],
    )
    services.opening_times_save(
        actor=dina,
        service_id=knit.pk,
        expected_version=knit.version,
        sessions=[(1, datetime.time(10), datetime.time(12))],
    )
    services.service_save(
        actor=dina,
        organisation=centre,
        data={"name": "Library Knitting Circle", "description": "Knitting by the window."},
        locations=[library],
    )
    return knit


def test_suggesting_a_service_near_someone_and_recording_how_it_went(browser, peggy, nearby):
    peggy.postcode = "CV6 5AA"
    peggy.save()
    b = browser
    b.sign_in("alice", PASSWORD)
    b.go(f"/people/{peggy.pk}/")
    b.click_link("Find community support")
    assert b.driver.find_element("id", "id_near").get_attribute("value") == "CV6 5AA"
    b.check_axe("the directory search, started for a person")
    b.type_into("Words", "kniting")  # a slip
    b.press("Search")
    assert "2 services found" in b.text()
    b.check_axe("search results, best match first")
    b.click_link("Nearest first")
    results = [e.text for e in b.driver.find_elements("css selector", "#results h3")]
    assert results == ["Knit and Natter", "Library Knitting Circle"], results
    assert "under 0.1 miles" in b.text()
    b.check_axe("search results, nearest first")
    b.click_link("Knit and Natter")
    b.check_axe("a service's page, for a person")
    b.click_link("Suggest this to Peggy")
    b.type_into("What you suggested and why", "She misses knitting with others.")
    b.press("Save")
    assert "Knit and Natter suggested to Peggy" in b.text()
    b.check_axe("the person's page with a suggestion")
    link = b.driver.find_element("partial link text", "Record how it went")
    b._navigating(link.click)
    b.driver.find_element("css selector", "input[name='tried'][value='no']").click()
    b.driver.find_element("css selector", "input[name='helped'][value='yes']").click()
    b.type_into("What they said about it, in their words", "“Lovely people”")
    b.press("Save")
    assert b.title().startswith("Error:"), b.title()
    assert "They have not tried it" in b.text()
    b.check_axe("how it went, with a contradiction")
    b.driver.find_element("css selector", "input[name='tried'][value='yes']").click()
    b.press("Save")
    assert "Lovely people" in b.text()
    b.sign_out()

    b.sign_in("dina", PASSWORD)
    b.go(f"/directory/services/{nearby.pk}/")
    assert "Suggested 1 time. Tried 1 time; it helped 1 time." in b.text() and "Peggy" not in b.text()
    b.click_link("Change the opening times")
    b.check_axe("the opening times")
    b.type_into("Thursday: opens", "2pm")
    b.type_into("Thursday: closes", "1pm")
    b.press("Save")
    assert "The closing time must be after the opening time" in b.text()
    b.check_axe("the opening times, with a mistake")
    b.type_into("Thursday: closes", "4pm")
    b.press("Save")
    assert "14:00 to 16:00" in b.text()
