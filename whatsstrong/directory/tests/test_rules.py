"""The directory's pure rules, table by table."""

import datetime
from decimal import Decimal

import pytest

from whatsstrong.directory import rules
from whatsstrong.directory.rules import Point


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Knit and Natter", ["knit", "natter"]),
        ("Women's Institute: Café Tuesdays", ["womens", "institute", "cafe", "tuesdays"]),
        ("Tai-chi / yoga & more", ["tai", "chi", "yoga", "more"]),
        ("The Over 50s Club", ["over", "50s", "club"]),
        ("a an the of", []),
        ("Zoë ZOË zoe", ["zoe"]),
        ("x" * 60, ["x" * 40]),
        ("", []),
    ],
)
def test_words_are_folded_split_and_common_words_left_out(text, expected):
    assert rules.words(text) == expected


def test_a_word_counts_at_the_weightiest_place_it_appears():
    weighted = rules.index_words(
        name="Knit and Natter",
        kind="Group",
        categories=["Arts and crafts"],
        organisation="Foleshill Community Centre",
        places=["Foleshill CV6"],
        description="Knitting, crochet and a natter over tea",
    )
    assert weighted["knit"] == rules.NAME
    assert weighted["arts"] == rules.CATEGORY
    assert weighted["foleshill"] == rules.ORGANISATION  # in the organisation and the place: the heavier
    assert weighted["cv6"] == rules.PLACE
    assert weighted["crochet"] == rules.DESCRIPTION


def share_a_key(typed, stored):
    return bool(rules.variants(typed) & rules.variants(stored))


@pytest.mark.parametrize(
    "typed, stored, matches",
    [
        ("knitting", "kniting", True),  # a letter missing
        ("walkking", "walking", True),  # a letter extra
        ("befreinding", "befriending", True),  # two letters swapped
        ("gardan", "garden", True),  # a letter changed
        ("choir", "chair", True),  # a letter changed: one slip is allowed from 4 letters
        ("gardning", "gardening", True),
        ("yoga", "toga", True),
        ("art", "arm", False),  # under 4 letters: exact or as the start of a word only
        ("walking", "talking", True),
        ("walking", "stalking", False),  # a letter changed and one added: two slips
        ("knitting", "knotted", False),
    ],
)
def test_one_slip_is_allowed_from_four_letters(typed, stored, matches):
    assert share_a_key(typed, stored) is matches


def test_match_quality_prefers_the_word_itself_then_its_start_then_a_slip():
    assert rules.match_quality("knit", "knit") == rules.EXACT
    assert rules.match_quality("knit", "knitting") == rules.PREFIX
    assert rules.match_quality("kniting", "knitting") == rules.SLIP
    assert rules.EXACT > rules.PREFIX > rules.SLIP


def test_ranking_needs_every_typed_word_and_sums_the_best_match_of_each():
    matches = [{"walking": rules.EXACT}, {"group": rules.EXACT, "groups": rules.PREFIX}]
    postings = [
        ("a", "walking", rules.NAME),
        ("a", "group", rules.NAME),
        ("b", "walking", rules.DESCRIPTION),
        ("b", "groups", rules.DESCRIPTION),
        ("c", "walking", rules.NAME),  # no group: left out
    ]
    assert rules.rank(matches, postings) == {"a": 8.0, "b": 1.75}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("cv1 2gn", rules.Place("postcode", code="CV1 2GN")),
        ("CV12GN", rules.Place("postcode", code="CV1 2GN")),
        ("cv6", rules.Place("outward", code="CV6")),
        ("52.4081, -1.5106", rules.Place("point", point=Point(52.4081, -1.5106))),
        ("52.4081 -1.5106", rules.Place("point", point=Point(52.4081, -1.5106))),
        ("95, 1", "A latitude is between -90 and 90, and a longitude between -180 and 180"),
        ("Foleshill", rules.PLACE_PROBLEM),
        ("", rules.PLACE_PROBLEM),
    ],
)
def test_reading_where_to_measure_from(text, expected):
    assert rules.read_place(text) == expected


def test_distances_by_the_haversine_formula():
    coventry, leamington = Point(52.4068, -1.5197), Point(52.2852, -1.5201)
    assert rules.distance_km(coventry, leamington) == pytest.approx(13.52, abs=0.02)
    assert rules.distance_km(coventry, coventry) == 0
    assert rules.miles(rules.KM_PER_MILE) == pytest.approx(1)
    # London to Paris, a known 343.5 km.
    assert rules.distance_km(Point(51.5074, -0.1278), Point(48.8566, 2.3522)) == pytest.approx(343.5, abs=1)


def test_the_box_holds_every_point_within_the_distance():
    centre = Point(52.4068, -1.5197)
    south, north, west, east = rules.box(centre, 5)
    for bearing_point in (Point(52.4068 + 0.0449, -1.5197), Point(52.4068, -1.5197 - 0.0735)):
        assert rules.distance_km(centre, bearing_point) < 5.01
        assert south <= bearing_point.latitude <= north and west <= bearing_point.longitude <= east


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10:00", datetime.time(10)),
        ("9.30", datetime.time(9, 30)),
        ("14:45", datetime.time(14, 45)),
        ("2pm", datetime.time(14)),
        ("11.15am", datetime.time(11, 15)),
        ("12am", datetime.time(0)),
        ("12pm", datetime.time(12)),
        ("10", rules.TIME_PROBLEM),
        ("25:00", rules.TIME_PROBLEM),
        ("13pm", rules.TIME_PROBLEM),
        ("noon", rules.TIME_PROBLEM),
    ],
)
def test_reading_a_time(text, expected):
    assert rules.read_time(text) == expected


@pytest.mark.parametrize("text, day", [("MO", 0), ("su", 6), ("Tuesday", 1), ("wed", 2), ("thursday", 3), ("x", None)])
def test_reading_a_day(text, day):
    assert rules.read_day(text) == day


def test_sessions_must_close_after_they_open_and_not_overlap():
    t = datetime.time
    assert rules.session_problem(t(10), t(12)) is None
    assert rules.session_problem(None, None) is None
    assert rules.session_problem(t(12), t(10)) == "The closing time must be after the opening time"
    assert rules.session_problem(t(12), None) == "Enter both the time it opens and the time it closes, or neither"
    assert rules.sessions_overlap([(1, t(10), t(12)), (1, t(11), t(13))]) == 1
    assert rules.sessions_overlap([(1, t(10), t(12)), (1, t(12), t(13)), (2, t(9), t(17))]) is None


def test_open_at_a_day_and_time():
    sessions = [(1, datetime.time(10), datetime.time(12))]
    assert rules.open_at(sessions, 1, datetime.time(10))
    assert not rules.open_at(sessions, 1, datetime.time(12))  # closed by then
    assert rules.open_at(sessions, None, datetime.time(11))
    assert not rules.open_at(sessions, 2, None)


def test_ages():
    assert rules.age_on(datetime.date(1948, 3, 27), datetime.date(2025, 3, 26)) == 76
    assert rules.age_on(datetime.date(1948, 3, 27), datetime.date(2025, 3, 27)) == 77
    assert rules.ages_problem(18, 65) is None
    assert rules.ages_problem(65, 18) == "The youngest age must not be more than the oldest"
    assert rules.ages_problem(None, 130) == "Enter an age from 0 to 120"
    assert rules.fits_age(None, 25, 25) and not rules.fits_age(50, None, 49)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2.50", Decimal("2.50")),
        ("£3", Decimal("3.00")),
        ("1,200", Decimal("1200.00")),
        ("2.505", "Enter pounds and pence, with no more than 2 numbers after the point"),
        ("-1", "Enter an amount in pounds, like 2.50"),
        ("two", "Enter an amount in pounds, like 2.50"),
        ("NaN", "Enter an amount in pounds, like 2.50"),
        ("100000", "Enter an amount under £100,000"),
    ],
)
def test_reading_money(text, expected):
    assert rules.money(text) == expected


def test_an_amount_only_goes_with_a_charge():
    assert rules.cost_problems("free", Decimal("2")) == {
        "cost_amount": "A free service has no amount: choose 'There is a charge', or clear the amount"
    }
    assert rules.cost_problems("free", None) == {}
    assert rules.cost_problems("charge", Decimal("2")) == {}


def test_languages_are_read_from_a_list_in_words():
    assert rules.languages("English, Punjabi and Urdu; punjabi") == ["English", "Punjabi", "Urdu"]
    assert rules.languages("") == []


@pytest.mark.parametrize(
    "last, today, due",
    [
        (None, datetime.date(2025, 6, 1), True),
        (datetime.date(2024, 6, 1), datetime.date(2025, 6, 1), True),  # a year to the day
        (datetime.date(2024, 6, 2), datetime.date(2025, 6, 1), False),
        (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29), True),  # a year before 29 Feb is 28 Feb
        (datetime.date(2023, 3, 1), datetime.date(2024, 2, 29), False),
    ],
)
def test_an_entry_is_due_a_check_a_year_after_it_was_last_checked(last, today, due):
    assert rules.check_due(last, today) is due


@pytest.mark.parametrize(
    "text, area", [("cv6 1gq", "CV6"), ("CV6", "CV6"), ("cv 6", "CV6"), ("  Bell   Green ", "Bell Green")]
)
def test_gaps_are_counted_by_the_first_part_of_a_postcode(text, area):
    assert rules.gap_area(text) == area


def test_a_taxonomy_file_is_checked_before_it_is_loaded():
    good = {
        "taxonomy": {"code": "x", "name": "X"},
        "terms": [{"code": "a", "name": "A"}, {"code": "b", "name": "B", "parent": "a"}],
    }
    assert rules.taxonomy_problems(good) == []
    bad = {
        "taxonomy": {"code": "", "name": "X"},
        "terms": [{"code": "a", "name": ""}, {"code": "a", "name": "A"}, {"code": "c", "name": "C", "parent": "z"}],
    }
    assert rules.taxonomy_problems(bad) == [
        "The taxonomy needs a code",
        "Term 1 has no name",
        "Term 2: the code a is used twice",
        "Term 3: its parent z must come before it",
    ]


def test_the_bundled_taxonomy_is_sound():
    import json
    from pathlib import Path

    data = json.loads((Path(rules.__file__).parent / "data" / "taxonomy.json").read_text(encoding="utf-8"))
    assert rules.taxonomy_problems(data) == []
    assert len(data["terms"]) >= 30
