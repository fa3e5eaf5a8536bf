"""Table-driven tests of the person rules; no database."""

import datetime

import pytest

from whatsstrong.people import rules


@pytest.mark.parametrize("value, problem", [
    ("9434765919", None),
    ("943 476 5919", None),
    ("943-476-5919", None),
    ("4010232137", None),
    ("9434765918", "do not add up"),  # wrong check digit
    ("943476591", "10 digits"),  # too short
    ("94347659190", "10 digits"),  # too long
    ("94347A5919", "10 digits"),  # a letter
    ("", "10 digits"),
    ("1000000010", "do not add up"),  # check digit would be 10: never issued
])
def test_nhs_numbers_are_checked_with_their_check_digit(value, problem):
    found = rules.nhs_number_problem(value)
    if problem is None:
        assert found is None
    else:
        assert problem in found


TODAY = datetime.date(2026, 3, 14)
EARLY = "Date of birth must be the same as or after 1 January 1900"
FUTURE = "Date of birth must be in the past"


@pytest.mark.parametrize("value, problem", [
    (None, None),  # not known yet
    (datetime.date(1948, 3, 27), None),
    (datetime.date(1900, 1, 1), None),  # the earliest
    (TODAY, None),  # born today
    (datetime.date(1899, 12, 31), EARLY),
    (datetime.date(1850, 6, 1), EARLY),  # 1950 mistyped
    (datetime.date(1, 1, 1), EARLY),  # 0001: the year left out
    (datetime.date(2026, 3, 15), FUTURE),  # tomorrow
    (datetime.date(9999, 12, 31), FUTURE),
])
def test_a_date_of_birth_is_not_in_the_future_nor_before_1900(value, problem):
    assert rules.date_of_birth_problem(value, today=TODAY) == problem


@pytest.mark.parametrize("value, normalised", [
    ("cv1 2gn", "CV1 2GN"), ("CV12GN", "CV1 2GN"), ("sw1a 1aa", "SW1A 1AA"), ("M1 1AE", "M1 1AE"),
    ("B33 8TH", "B33 8TH"), ("W1A 0AX", "W1A 0AX"), ("EC1A 1BB", "EC1A 1BB"), ("GIR 0AA", "GIR 0AA"),
])
def test_real_postcodes_are_accepted_and_tidied(value, normalised):
    assert rules.postcode_problem(value) is None
    assert rules.normalise_postcode(value) == normalised


@pytest.mark.parametrize("value", ["CV1", "12345", "CV1 2G", "QV1 2GN", "CV1 2CN", "CVV1 2GN", "hello", ""])
def test_malformed_postcodes_are_refused_with_an_example(value):
    assert "like CV1 2GN" in rules.postcode_problem(value)


@pytest.mark.parametrize("difficulties, appropriate, exception, needed, prompt_has", [
    ([False] * 4, "no", "", False, ""),  # no substantial difficulty: nothing owed
    ([True, False, False, False], "no", "", True, "Arrange an independent advocate"),
    ([False, False, False, True], "yes", "", False, ""),  # someone suitable supports them
    ([True, False, False, False], "yes", "care_home_8_weeks", True, "an exception applies"),
    ([False, True, False, False], "not_considered", "", False, "Find out whether someone suitable"),
])
def test_the_advocacy_test_needs_difficulty_and_no_appropriate_person(difficulties, appropriate, exception, needed, prompt_has):
    result = rules.advocacy_assessment(difficulties=difficulties, appropriate_person=appropriate, exception=exception)
    assert result.needed is needed
    assert prompt_has in result.prompt
    assert bool(result.prompt) is bool(prompt_has)


def test_once_an_advocate_is_asked_for_the_prompt_says_so():
    result = rules.advocacy_assessment(difficulties=[True] * 4, appropriate_person="no", referred=True)
    assert result.needed and result.prompt == "An independent advocate has been asked for."


@pytest.mark.parametrize("name, key", [("Zoë", "zoe"), ("O'Brien", "o'brien"), ("  Smith-Jones ", "smith-jones"), ("ŁUKASZ", "lukasz"), ("Søren Æbelø", "soren aebelo")])
def test_name_keys_are_lower_case_and_accent_free(name, key):
    assert rules.name_key(name) == key
