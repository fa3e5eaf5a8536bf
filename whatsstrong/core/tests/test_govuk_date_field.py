"""The GOV.UK date field: day, month and year typed apart, with the specific messages GOV.UK recommends."""

import datetime

import pytest

from whatsstrong.core.forms import GovukDateField, GovukForm


class VisitForm(GovukForm):
    visited_on = GovukDateField(label="Date of the visit", past=True, earliest=datetime.date(2015, 4, 1))


def submit(day, month, year):
    form = VisitForm({"visited_on_0": day, "visited_on_1": month, "visited_on_2": year})
    form.is_valid()
    return form


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("", "", "", "Enter date of the visit"),
        ("3", "", "2020", "Date of the visit must include a month"),
        ("31", "2", "2020", "Date of the visit must be a real date, like 27 3 1948"),
        ("99999999999", "1", "2020", "Date of the visit must be a real date, like 27 3 1948"),  # too big to be a day
        ("1", "99999999999999999999", "2020", "Date of the visit must be a real date, like 27 3 1948"),
        ("1", "1", "0000", "Date of the visit must be a real date, like 27 3 1948"),
        ("31", "3", "2015", "Date of the visit must be the same as or after 1 April 2015"),
        ("1", "1", "2999", "Date of the visit must be in the past"),
    ],
)
def test_each_mistake_gets_its_own_message(day, month, year, message):
    assert submit(day, month, year).errors == {"visited_on": [message]}


def test_the_earliest_date_itself_is_accepted():
    form = submit("1", "4", "2015")
    assert form.errors == {} and form.cleaned_data["visited_on"] == datetime.date(2015, 4, 1)


def test_what_was_typed_is_shown_again_after_a_mistake():
    html = str(submit("99999999999", "1", "2020")["visited_on"])
    assert 'value="99999999999"' in html and 'value="2020"' in html
