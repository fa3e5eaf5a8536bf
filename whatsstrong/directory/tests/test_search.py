"""Search over the directory: words ranked and forgiving one slip, the filters, and distance."""

import datetime
import uuid
from decimal import Decimal

import pytest

from whatsstrong.directory import queries, rules, search, services
from whatsstrong.directory.search import Criteria

from .conftest import CITY_CENTRE, FOLESHILL, term

pytestmark = pytest.mark.django_db


def names(criteria):
    found = search.find(criteria, size=100)
    rows = queries.rows_for(found.page(0, 100))
    return [row.name for row in rows]


def test_words_find_services_by_name_description_category_organisation_and_place(directory):
    assert names(Criteria(text="knit")) == ["Knit and Natter"]
    assert names(Criteria(text="biscuits")) == ["Knit and Natter"]  # its description
    assert names(Criteria(text="crafts")) == ["Knit and Natter"]  # its category
    assert names(Criteria(text="leamington")) == ["Memory Cafe"]  # its organisation and town
    assert names(Criteria(text="cv32")) == ["Memory Cafe"]  # the first part of its postcode


def test_every_word_typed_must_match(directory):
    assert names(Criteria(text="walking group")) == ["Wednesday Walking Group"]
    assert names(Criteria(text="walking knitting")) == []


def test_a_match_in_the_name_ranks_above_one_in_the_description(dina, directory):
    services.service_save(
        actor=dina,
        organisation=directory.centre,
        data={"name": "Craft Corner", "description": "Sewing and a natter, with knitting needles to borrow."},
    )
    # Knit and Natter has the word in its name; Craft Corner has "knitting", which starts with it, in its description.
    assert names(Criteria(text="knit")) == ["Knit and Natter", "Craft Corner"]
    assert names(Criteria(text="natter")) == ["Knit and Natter", "Craft Corner"]
    assert names(Criteria(text="sewing")) == ["Craft Corner"]


@pytest.mark.parametrize("typed", ["wallking", "walkign", "walkng grup", "WEDNSDAY"])
def test_one_slip_in_a_word_still_finds_it(directory, typed):
    assert names(Criteria(text=typed)) == ["Wednesday Walking Group"]


def test_the_start_of_a_word_finds_it(directory):
    assert names(Criteria(text="mem")) == ["Memory Cafe"]


def test_services_closed_for_good_are_not_offered(directory):
    assert names(Criteria(text="choir")) == []
    assert names(Criteria(text="choir", statuses=())) == ["Foleshill Community Choir"]


def test_a_category_finds_the_services_in_it_and_under_it(directory):
    active = queries.term_and_children(term("active").pk)
    assert names(Criteria(term_ids=active)) == ["Wednesday Walking Group"]
    assert names(Criteria(term_ids=(term("lunch-clubs").pk,))) == ["Friday Lunch Club"]


def test_age_keeps_services_whose_age_range_includes_it(directory):
    assert "Wednesday Walking Group" not in names(Criteria(age=30))
    assert "Wednesday Walking Group" in names(Criteria(age=72))
    assert "Knit and Natter" not in names(Criteria(age=16))


def test_day_and_time_keep_services_open_then(directory):
    tuesday = 1
    assert names(Criteria(day=tuesday)) == ["Knit and Natter", "Memory Cafe"]
    assert names(Criteria(day=tuesday, at=datetime.time(10, 30))) == ["Knit and Natter"]
    assert names(Criteria(day=tuesday, at=datetime.time(12))) == []  # the knitting has closed by noon
    assert names(Criteria(at=datetime.time(14, 30))) == ["Memory Cafe", "Wednesday Walking Group"]


def test_free_only(directory):
    assert names(Criteria(free_only=True)) == ["Knit and Natter", "Memory Cafe", "Telephone Befriending"]


def test_nearest_first_measures_from_a_point_and_leaves_out_services_with_no_place(directory):
    here = rules.Point(**FOLESHILL)
    found = search.find(Criteria(origin=here, nearest_first=True), size=10)
    rows = queries.rows_for(found.page(0, 10))
    assert [r.name for r in rows] == [
        "Friday Lunch Club",
        "Knit and Natter",
        "Wednesday Walking Group",
        "Memory Cafe",
    ]
    assert rows[0].miles == pytest.approx(0) and rows[0].place_id == directory.hall.pk  # the nearer of its two places
    assert rows[2].miles == pytest.approx(rules.miles(rules.distance_km(here, rules.Point(**CITY_CENTRE))))
    assert "Telephone Befriending" not in [r.name for r in rows]


def test_within_a_distance(directory):
    here = rules.Point(**FOLESHILL)
    close = Criteria(origin=here, within_km=3 * rules.KM_PER_MILE, nearest_first=True)
    assert names(close) == ["Friday Lunch Club", "Knit and Natter", "Wednesday Walking Group"]
    assert names(Criteria(text="memory", origin=here, within_km=5)) == []
    assert names(Criteria(text="memory", origin=here)) == ["Memory Cafe"]  # best first: any distance


def test_a_postcode_is_placed_by_directory_places_sharing_it_or_its_first_part(directory):
    assert queries.place_of(rules.read_place("cv6 5aa")) == (rules.Point(**FOLESHILL), "postcode")
    # No place has CV1 9ZZ, so the middle of the places in CV1 stands for it.
    assert queries.place_of(rules.read_place("CV1 9ZZ")) == (rules.Point(**CITY_CENTRE), "outward")
    assert queries.place_of(rules.read_place("CV99 9ZZ")) == (None, "")
    assert queries.place_of(rules.read_place("52.1, -1.2")) == (rules.Point(52.1, -1.2), "point")


def test_the_index_follows_changes_to_an_organisations_name(dina, directory):
    services.organisation_save(
        actor=dina,
        organisation_id=directory.leamington.pk,
        expected_version=directory.leamington.version,
        data={"name": "Warwick Friends"},
    )
    assert names(Criteria(text="warwick")) == ["Memory Cafe"]


def test_the_index_follows_a_service_moving_place(dina, directory):
    services.service_save(
        actor=dina,
        organisation=directory.centre,
        service_id=directory.knit.pk,
        expected_version=directory.knit.version,
        data={"name": "Knit and Natter"},
        locations=[directory.library],
    )
    assert names(Criteria(text="knit cv1")) == ["Knit and Natter"]
    assert names(Criteria(text="knit cv6")) == []


def test_paging_in_the_database_when_there_are_no_words(directory):
    found = search.find(Criteria(), start=2, size=2)
    assert found.total == 5
    assert [r.name for r in queries.rows_for(found.page(2, 2))] == ["Memory Cafe", "Telephone Befriending"]


def test_a_page_of_results_is_read_as_rows_of_what_the_list_shows(dina, directory):
    services.opening_times_save(
        actor=dina,
        service_id=directory.lunch.pk,
        expected_version=directory.lunch.version,
        sessions=[(4, datetime.time(12), datetime.time(14)), (0, datetime.time(9, 30), datetime.time(11))],
    )
    (lunch,) = queries.rows_for(search.find(Criteria(text="friday lunch")).page(0, 20))
    assert lunch == queries.Row(
        pk=directory.lunch.pk,
        name="Friday Lunch Club",
        kind="Cafe or lunch club",
        status="active",
        status_label="Running",
        organisation="Foleshill Community Centre",
        description="A hot two-course meal and good company.",
        cost="charge",
        cost_amount=Decimal("3.00"),
        cost_note="",
        minimum_age=None,
        maximum_age=None,
        sessions=("Monday 09:30 to 11:00", "Friday 12:00 to 14:00"),
        place="1 High Street, Coventry, CV1 4DS",  # no distance asked: the first of its places by name
        place_id=directory.library.pk,
        miles=None,
    )
    # In the hits' order, with the nearest place when measured, and nothing for a service not found.
    hits = [
        search.Hit(directory.phone.pk),
        search.Hit(uuid.uuid4()),
        search.Hit(directory.lunch.pk, 1.0, 0.0, directory.hall.pk),
    ]
    rows = queries.rows_for(hits)
    assert [(r.name, r.place, r.sessions, r.miles) for r in rows] == [
        ("Telephone Befriending", None, (), None),
        (
            "Friday Lunch Club",
            "1 High Street, Coventry, CV6 5AA",
            ("Monday 09:30 to 11:00", "Friday 12:00 to 14:00"),
            0.0,
        ),
    ]
    assert queries.rows_for([]) == []
