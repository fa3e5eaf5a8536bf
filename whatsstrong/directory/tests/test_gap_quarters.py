"""Gaps counted for commissioners by category, area and quarter, against counts made by hand, with
urgency and where each was recorded; the gaps page and its CSV download; and what is refused."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from whatsstrong.directory import queries, rules, services
from whatsstrong.directory.models import Gap

from .conftest import term

NEED = {"who": "Older men", "need": "Somewhere to make things"}

# (recorded on, category code, area, urgency): counted by hand below.
RECORDED = [
    (datetime.date(2025, 11, 3), "befriending", "CV6", "now"),
    (datetime.date(2025, 12, 30), "befriending", "CV6 2AB", "soon"),  # counts as CV6
    (datetime.date(2025, 12, 31), "walking", "CV6", ""),
    (datetime.date(2026, 1, 1), "befriending", "CV6", "now"),  # the next quarter
    (datetime.date(2026, 2, 14), "befriending", "cv6", "later"),
    (datetime.date(2026, 3, 31), "befriending", "Tile Hill", "now"),
    (datetime.date(2026, 3, 31), "walking", "CV6", "soon"),
    (datetime.date(2026, 4, 1), "walking", "CV6", "now"),  # the quarter after
]


@pytest.fixture
def recorded(staff):
    for day, code, area, urgency in RECORDED:
        services.gap_record(
            actor=staff["dina"], data={**NEED, "category": term(code), "area": area, "urgency": urgency}, on=day
        )


def rows(counts):
    return [(c.key, c.category, c.area, c.count, c.now, c.soon, c.later, c.not_said) for c in counts]


def test_gaps_are_counted_by_quarter_category_and_area_as_counted_by_hand(recorded):
    assert rows(queries.gap_counts_by_quarter()) == [
        ("2026-Q2", "Walking groups", "CV6", 1, 1, 0, 0, 0),
        ("2026-Q1", "Befriending", "CV6", 2, 1, 0, 1, 0),
        ("2026-Q1", "Befriending", "Tile Hill", 1, 1, 0, 0, 0),
        ("2026-Q1", "Walking groups", "CV6", 1, 0, 1, 0, 0),
        ("2025-Q4", "Befriending", "CV6", 2, 1, 1, 0, 0),
        ("2025-Q4", "Walking groups", "CV6", 1, 0, 0, 0, 1),
    ]
    assert rows(queries.gap_counts_by_quarter((2025, 4))) == [
        ("2025-Q4", "Befriending", "CV6", 2, 1, 1, 0, 0),
        ("2025-Q4", "Walking groups", "CV6", 1, 0, 0, 0, 1),
    ]
    assert queries.gap_quarters() == [(2026, 2), (2026, 1), (2025, 4)]


@pytest.mark.parametrize(
    ("day", "quarter", "label"),
    [
        (datetime.date(2026, 1, 1), (2026, 1), "Jan to Mar 2026"),
        (datetime.date(2026, 6, 30), (2026, 2), "Apr to Jun 2026"),
        (datetime.date(2025, 12, 31), (2025, 4), "Oct to Dec 2025"),
    ],
)
def test_a_day_falls_in_its_calendar_quarter(day, quarter, label):
    assert rules.quarter_of(day) == quarter
    assert rules.quarter_label(*quarter) == label
    assert rules.read_quarter(rules.quarter_key(*quarter)) == quarter


def test_a_gap_says_where_it_was_recorded(staff, peggy):
    from_search = services.gap_record(actor=staff["dina"], data={**NEED, "area": "CV6"})
    from_record = services.gap_record(actor=staff["alice"], person=peggy, data={**NEED, "area": "CV6"})
    assert (from_search.source, from_record.source) == ("search", "person")
    assert from_search.urgency == ""  # how soon may be left unsaid outside a forum


def test_an_urgency_not_in_the_list_is_refused_anywhere(staff):
    with pytest.raises(ValidationError) as refused:
        services.gap_record(actor=staff["dina"], data={**NEED, "area": "CV6", "urgency": "yesterday"})
    assert refused.value.message_dict == {"urgency": [rules.URGENCY_UNKNOWN]}
    assert not Gap.objects.exists()


def test_the_urgency_list_is_sound():
    from whatsstrong.directory.models import URGENCIES

    assert rules.urgency_list_problems(URGENCIES) == []
    assert rules.urgency_list_problems({"urgencies": [{"code": "now"}, {"code": "now", "label": "x"}]}) == [
        "The list names no source",
        "Urgency 1 needs a label",
        "The code now is used twice",
    ]


def test_the_gaps_page_shows_the_latest_quarter_and_another_when_chosen(client_for, recorded):
    client = client_for("quinn")
    page = client.get(reverse("directory:gaps")).content.decode()
    assert "Apr to Jun 2026: by category and area" in page
    page = client.get(reverse("directory:gaps"), {"quarter": "2025-Q4"}).content.decode()
    assert "Oct to Dec 2025: by category and area" in page and "Older men" in page
    wrong = client.get(reverse("directory:gaps"), {"quarter": "2019-Q1"}).content.decode()
    assert "<title>Error:" in wrong and "Choose a quarter from the list" in wrong


def test_the_csv_download_has_every_quarters_counts_and_no_names(client_for, recorded, staff, peggy):
    services.gap_record(actor=staff["alice"], person=peggy, data={**NEED, "area": "=HYPERLINK(1)"})
    response = client_for("quinn").get(reverse("directory:gaps_csv"))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode())))
    assert table[0][:5] == ["Quarter", "Quarter starts", "Category", "Area", "Gaps recorded"]
    assert ["2025-Q4", "2025-10-01", "Befriending", "CV6", "2", "1", "1", "0", "0", "0"] in table
    assert any(row[3] == "'=HYPERLINK(1)" for row in table[1:])  # a formula is never live in a spreadsheet
    assert "Peggy" not in response.content.decode()
    assert client_for("alice").get(reverse("directory:gaps_csv")).status_code == 403
