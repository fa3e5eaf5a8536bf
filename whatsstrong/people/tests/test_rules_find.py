"""The pure rules behind finding people and warning about duplicates: what a search box holds
(rules.read_search) and when an existing record may be the person being added
(rules.duplicate_reason). No database."""

import dataclasses
import datetime

import pytest

from whatsstrong.people import rules
from whatsstrong.people.rules import Identity, read_search

TODAY = datetime.date(2026, 12, 1)
BORN = datetime.date(1948, 3, 27)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Names, as before.
        ("mar pat", {"name": "mar pat"}),
        ("Zoë O'Brien", {"name": "Zoë O'Brien"}),
        # NHS numbers, with or without spaces or hyphens.
        ("943 476 5919", {"nhs_number": "9434765919"}),
        ("9434765919", {"nhs_number": "9434765919"}),
        ("943-476-5919", {"nhs_number": "9434765919"}),
        ("  943 4765919 ", {"nhs_number": "9434765919"}),
        # Dates of birth, day first with the year in full.
        ("27/3/1948", {"date_of_birth": BORN}),
        ("27/03/1948", {"date_of_birth": BORN}),
        ("27-3-1948", {"date_of_birth": BORN}),
        ("27.3.1948", {"date_of_birth": BORN}),
        ("27 3 1948", {"date_of_birth": BORN}),
        ("27 March 1948", {"date_of_birth": BORN}),
        ("27 mar 1948", {"date_of_birth": BORN}),
        ("27 Sept 1948", {"date_of_birth": datetime.date(1948, 9, 27)}),
        ("1948-03-27", {"date_of_birth": BORN}),
        # A name and a date of birth together.
        ("Margaret Okafor 27/3/1948", {"name": "Margaret Okafor", "date_of_birth": BORN}),
        ("okafor 27 March 1948", {"name": "okafor", "date_of_birth": BORN}),
        ("27/3/1948 okafor", {"name": "okafor", "date_of_birth": BORN}),
        # Postcodes in any case, with or without the space, and outward codes.
        ("CV1 2GN", {"postcode": "CV1 2GN"}),
        ("cv1 2gn", {"postcode": "CV1 2GN"}),
        ("cv12gn", {"postcode": "CV1 2GN"}),
        ("sw1a 1aa", {"postcode": "SW1A 1AA"}),
        ("CV1", {"outward_code": "CV1"}),
        ("sw1a", {"outward_code": "SW1A"}),
        ("okafor cv1 2gn", {"name": "okafor", "postcode": "CV1 2GN"}),
        ("mary okafor cv12gn", {"name": "mary okafor", "postcode": "CV1 2GN"}),
        ("okafor cv1", {"name": "okafor", "outward_code": "CV1"}),
        ("27/3/1948 CV1 2GN", {"date_of_birth": BORN, "postcode": "CV1 2GN"}),
    ],
)
def test_a_search_box_is_read_into_the_keys_it_holds(typed, expected):
    assert read_search(typed, TODAY) == rules.SearchTerms(**expected)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("943 476 5918", "Check the NHS number: the digits do not add up"),
        ("943 476 59190", "Enter an NHS number with 10 digits"),
        ("943 476 591", "Enter an NHS number with 10 digits"),  # nine digits: a number short
        ("okafor 9434765919", "Search by an NHS number on its own"),
        ("27/3/48", "Enter the year of birth in full"),
        ("31/2/1948", "Enter a date of birth as day, month and year"),
        ("27 Marchh 1948", "Enter a date of birth, like 27/3/1948, or an NHS number"),
        ("27/3/2030", "Date of birth must be in the past"),
        ("27/3/1850", "Date of birth must be the same as or after 1 January 1900"),
        ("27/3/1948 28/3/1948", "Search by one date of birth at a time"),
        ("27/3", "Enter a date of birth as day, month and year"),  # no year: not a second date
        ("27/3/1948 12345", "Enter a date of birth, like 27/3/1948, or an NHS number of 10 digits"),
        ("okafor 943476591", "Search by an NHS number on its own"),  # nine digits
        ("okafor 12345678", "Enter a date of birth, like 27/3/1948, or an NHS number of 10 digits"),
        ("CV1 2", "Enter a full postcode, like CV1 2GN, or its first part, like CV1"),
        ("CV99 9ZZZ", "Enter a full postcode"),
        ("12345", "Enter a date of birth, like 27/3/1948, or an NHS number of 10 digits"),
        ("!!!", "Search by name, date of birth (like 27/3/1948), NHS number or postcode"),
    ],
)
def test_what_cannot_be_read_gets_a_message_saying_what_to_type(typed, problem):
    terms = read_search(typed, TODAY)
    assert terms.problem.startswith(problem)
    assert not terms.name and terms.date_of_birth is None and not terms.postcode and not terms.outward_code


def test_nothing_typed_is_nothing_to_find():
    assert read_search(None, TODAY) == read_search("   ", TODAY) == rules.SearchTerms()


@pytest.mark.parametrize(
    ("typed", "by_key"),
    [
        ("okafor", False),
        ("okafor 27/3/1948", True),
        ("9434765919", True),
        ("CV1 2GN", True),
        ("CV1", True),
        ("", False),
    ],
)
def test_searches_by_key_are_told_apart_from_name_searches(typed, by_key):
    assert read_search(typed, TODAY).by_key is by_key


@pytest.mark.parametrize(
    ("stored", "key"),
    [("CV1 2GN", "CV1 2GN"), ("cv12gn", "CV1 2GN"), (" sw1a  1aa", "SW1A 1AA"), ("", ""), (None, ""), ("xx1", "XX1")],
)
def test_postcodes_are_kept_for_search_in_one_form(stored, key):
    assert rules.postcode_key(stored) == key


def who(given="Margaret", family="Okafor", born=BORN, nhs=""):
    return Identity.of(given_name=given, family_name=family, date_of_birth=born, nhs_number=nhs)


@pytest.mark.parametrize(
    ("new", "existing", "reason"),
    [
        (who(), who(), rules.SAME_NAME_AND_BIRTH),
        (who("MARGARET", "okafor"), who(), rules.SAME_NAME_AND_BIRTH),  # case
        (who("Zoe", "Bronte"), who("Zoë", "Brontë"), rules.SAME_NAME_AND_BIRTH),  # accents
        (who("Lukasz", "Nowak"), who("Łukasz", "Nowak"), rules.SAME_NAME_AND_BIRTH),
        (who(" Margaret ", "Okafor"), who(), rules.SAME_NAME_AND_BIRTH),  # spaces
        (who("Okafor", "Margaret"), who(), rules.SWAPPED_NAME_AND_BIRTH),  # given and family swapped
        (who(born=datetime.date(1948, 3, 28)), who(), None),  # a different date of birth
        (who(born=None), who(born=None), None),  # no date of birth: a name alone is not enough
        (who("Margaret", "Okafor-Smith"), who(), None),
        (who("Peggy", "Okafor"), who(), None),
        (who(nhs="943 476 5919"), who("Someone", "Else", None, "9434765919"), rules.SAME_NHS_NUMBER),
        (who(nhs="9434765919"), who(nhs="9434765919"), rules.SAME_NHS_NUMBER),  # the NHS number comes first
        (who(nhs="9434765919"), who(nhs="4010232137"), rules.SAME_NAME_AND_BIRTH),  # numbers differ, names match
        (who("Ann", "Lee", nhs=""), who("Bo", "Wu", nhs=""), None),  # two blank NHS numbers are not a match
        (who("", "Okafor"), who("", "Okafor"), None),  # without a given name there is nothing to compare
        (who("Margaret", ""), who("Margaret", ""), None),  # nor without a family name
    ],
)
def test_duplicate_reason(new, existing, reason):
    assert rules.duplicate_reason(new, existing) == reason


def test_what_was_read_cannot_be_changed_afterwards():
    with pytest.raises(dataclasses.FrozenInstanceError):
        read_search("okafor", TODAY).name = "someone else"
    with pytest.raises(dataclasses.FrozenInstanceError):
        who().nhs_number = "9434765919"


def test_a_confirmation_stands_only_for_the_name_and_date_it_was_given_for():
    said = rules.duplicate_confirmation(who())
    assert rules.duplicate_confirmation(who("margaret", "OKAFOR")) == said
    assert rules.duplicate_confirmation(who(born=datetime.date(1948, 3, 28))) != said
    assert rules.duplicate_confirmation(who("Mary")) != said


@pytest.mark.parametrize(
    ("key", "outward"),
    [("CV1 2GN", "CV1"), ("SW1A 1AA", "SW1A"), ("CV10 7AA", "CV10"), ("", ""), ("UNKNOWN", "")],
)
def test_the_outward_code_is_the_postcode_key_before_its_space(key, outward):
    assert rules.outward_key(key) == outward
