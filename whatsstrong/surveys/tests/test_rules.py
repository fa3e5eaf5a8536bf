"""The survey rules, table by table: no database."""

import datetime
import json
from pathlib import Path

import pytest

from whatsstrong.surveys import rules

DATA = Path(__file__).resolve().parents[1] / "data" / "surveys.json"

# --- Suppression ------------------------------------------------------------------------------------
# (why, counts by group and answer, totals across groups shown, hidden rows, hidden cells)
SUPPRESSION = [
    ("nothing small: nothing hidden", [[10, 6, 5]], False, set(), set()),
    ("zeros say nothing about anyone", [[10, 0, 7]], False, set(), set()),
    ("a group under five is hidden whole", [[2, 1, 0]], False, {0}, {(0, 0), (0, 1), (0, 2)}),
    (
        "a single small count takes the next smallest with it, or the total gives it away",
        [[20, 3, 9, 12]],
        False,
        set(),
        {(0, 1), (0, 2)},
    ),
    ("two small counts in a row cover each other", [[20, 3, 2, 12]], False, set(), {(0, 1), (0, 2)}),
    (
        "the partner may be a zero, which the reader cannot tell from the total",
        [[20, 3, 0]],
        False,
        set(),
        {(0, 1), (0, 2)},
    ),
    (
        "rows alone: each row is its own question, no totals across",
        [[10, 10], [5, 10]],
        False,
        set(),
        set(),
    ),
    (
        "with totals across groups, one small group hides the next smallest group too",
        [[10, 3, 7], [2, 1, 0], [8, 8, 8]],
        True,
        {0, 1},
        {(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)},
    ),
    (
        "with totals across groups, a small count hidden down its column too",
        [[10, 3, 7], [9, 9, 9]],
        True,
        set(),
        {(0, 1), (0, 2), (1, 1), (1, 2)},
    ),
    ("two small groups cover each other", [[3, 1], [2, 2], [9, 9]], True, {0, 1}, {(0, 0), (0, 1), (1, 0), (1, 1)}),
    ("an empty table", [], True, set(), set()),
]


@pytest.mark.parametrize(("why", "counts", "across", "rows", "cells"), SUPPRESSION, ids=[s[0] for s in SUPPRESSION])
def test_hidden_cells(why, counts, across, rows, cells):
    hidden = rules.hidden_cells(counts, totals_across=across)
    assert set(hidden.rows) == rows
    assert set(hidden.cells) == cells


def _recoverable(counts, hidden, across):
    """Hidden cells a reader could work out exactly from the totals shown (row totals, and with
    `across` column totals): a line with exactly one hidden cell gives it away."""
    found = set()
    lines = [[(r, c) for c in range(len(counts[0]))] for r in range(len(counts)) if r not in hidden.rows]
    if across:
        lines += [[(r, c) for r in range(len(counts))] for c in range(len(counts[0]))]
    for line in lines:
        inside = [cell for cell in line if cell in hidden]
        if len(inside) == 1:
            found.add(inside[0])
    return found


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_count_can_be_worked_out_from_the_totals(seed):
    import random

    rng = random.Random(seed)
    counts = [[rng.choice([0, 1, 2, 3, 4, 6, 9, 15]) for _ in range(6)] for _ in range(rng.randint(2, 5))]
    hidden = rules.hidden_cells(counts, totals_across=True)
    assert not _recoverable(counts, hidden, True), counts
    for r, row in enumerate(counts):
        for c, n in enumerate(row):
            if 0 < n < rules.MINIMUM_GROUP:
                assert (r, c) in hidden, (counts, r, c)
    shown_small_groups = [r for r, row in enumerate(counts) if 0 < sum(row) < 5 and r not in hidden.rows]
    assert not shown_small_groups
    assert len(hidden.rows) != 1, "a single hidden group would be the all-groups total less the others"


# --- Codes -----------------------------------------------------------------------------------------------
READ = [
    ("CDEF3467", "CDEF3467", None),
    ("cdef 3467", "CDEF3467", None),
    ("cdef-3467", "CDEF3467", None),
    ("", None, "Enter the code from your letter"),
    ("CDEF346", None, "The code has 8 letters and numbers: check your letter"),
    ("CDEF34O7", None, "Check the code: it is printed in large letters on your letter"),
]


@pytest.mark.parametrize(("typed", "code", "problem"), READ)
def test_read_code(typed, code, problem):
    assert rules.read_code(typed) == (code, problem)


def test_new_codes_use_only_letters_no_one_mixes_up():
    for _ in range(200):
        code = rules.new_code()
        assert len(code) == 8 and set(code) <= set(rules.CODE_ALPHABET)
    assert not set("0O1IL2Z5S8BUV") & set(rules.CODE_ALPHABET)
    assert rules.show_code("CDEF3467") == "CDEF 3467"


# --- Guessing ------------------------------------------------------------------------------------------------
NOW = datetime.datetime(2026, 5, 1, 12, 0, tzinfo=datetime.UTC)
MIN = datetime.timedelta(minutes=1)
WAIT = [
    ("no wrong codes", [], 0),
    ("nine wrong codes: one more try", [NOW - MIN * i for i in range(9)], 0),
    ("ten in the last ten minutes: wait until the oldest is half an hour old", [NOW - MIN * i for i in range(10)], 21),
    ("ten, but the oldest long ago", [NOW - MIN * 40] + [NOW - MIN * i for i in range(9)], 0),
    ("ten, the oldest 29.5 minutes ago: at least a minute", [NOW - MIN * 29.5] + [NOW - MIN * i for i in range(9)], 1),
]


@pytest.mark.parametrize(("why", "times", "minutes"), WAIT, ids=[w[0] for w in WAIT])
def test_wait_minutes(why, times, minutes):
    assert rules.wait_minutes(times, NOW) == minutes


# --- Definitions -----------------------------------------------------------------------------------------------


def test_the_bundled_surveys_have_no_problems_and_the_counts_the_handbook_gives():
    text = DATA.read_text(encoding="utf-8")
    data = json.loads(text)
    assert rules.definition_problems(data, text) == []
    counts = {s["code"]: len(s["statements"]) for s in data["surveys"]}
    assert counts["client"] == 7 and counts["carer"] == 5
    assert {"safeguarding", "direct_payments"} <= set(counts)


def test_no_theme_is_labelled_as_a_national_measure():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for label in data["themes"].values():
        assert "ASCOF" not in label.upper() and not any(ch.isdigit() for ch in label)


PACK = {
    "licence": {"holder": "Example Licensing Ltd"},
    "scales": {
        "quality": {
            "question": "Which is closest?",
            "answers": [
                {"code": "good", "label": "Good", "easy": "Good"},
                {"code": "poor", "label": "Poor", "easy": "Poor"},
            ],
        }
    },
    "surveys": [
        {
            "code": "own_pack",
            "title": "Our licensed questions",
            "easy_title": "Some questions",
            "intro": "A few questions.",
            "scale": "quality",
            "statements": [
                {"code": "q1", "text": "How is your day?", "easy": ["How is your day?"]},
                {"code": "q2", "text": "How do you sleep?", "easy": ["Do you sleep well?"]},
            ],
        }
    ],
}


def _text(data):
    return json.dumps(data, indent=2)


def test_a_complete_pack_has_no_problems():
    assert rules.definition_problems(PACK, _text(PACK), pack=True) == []


def test_a_pack_without_a_licence_holder_is_refused():
    pack = {**PACK, "licence": {}}
    problems = rules.definition_problems(pack, _text(pack), pack=True)
    assert any("who holds the licence" in p for p in problems)


def test_a_broken_statement_is_named_by_its_line():
    pack = json.loads(_text(PACK))
    pack["surveys"][0]["statements"][1]["easy"] = []
    text = _text(pack)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "How do you sleep?" in row)
    problems = rules.definition_problems(pack, text, pack=True)
    assert problems == [f"Line {line}: statement 2 needs an easy-read version: a list of short sentences"]


def test_a_file_that_is_not_json_is_named_by_its_line():
    data, problems = rules.read_definitions('{\n  "surveys": [\n    oops\n  ]\n}')
    assert data is None and problems[0].startswith("Line 3: this is not valid JSON")


def test_an_unknown_scale_and_a_repeated_code_are_both_reported():
    pack = json.loads(_text(PACK))
    pack["surveys"][0]["scale"] = "nope"
    pack["surveys"][0]["statements"][1]["code"] = "q1"
    problems = rules.definition_problems(pack, _text(pack), pack=True)
    assert any("names a scale that is not defined" in p for p in problems)
    assert any("statement code 'q1' is used twice" in p for p in problems)


def test_agree_share_leaves_out_prefer_not_to_say():
    counts = {"agree": 3, "disagree": 1, rules.PREFER_NOT: 6}
    assert rules.agree_share(counts, {"agree"}) == 0.75
    assert rules.agree_share({rules.PREFER_NOT: 2}, {"agree"}) is None


# --- Names and contact details -----------------------------------------------------------------------------
DETAILS = [
    ("nothing to flag", "The support is good.", []),
    ("a name mid-sentence", "I think Nadia was great.", [("Nadia", "name")]),
    ("a full name", "My worker Grace Adeyemi listened.", [("Grace Adeyemi", "name")]),
    ("the first word of a sentence is not a name", "Lovely people. Thank you.", []),
    ("but a name after it is", "Thanks Tom for the lifts.", [("Tom", "name")]),
    ("days and months are not names", "I go out on Tuesday in May.", []),
    ("an email", "Write to me at jo.bloggs@example.org please", [("jo.bloggs@example.org", "email")]),
    ("a phone number", "ring 024 7683 3003 any day", [("024 7683 3003", "phone")]),
    ("a mobile", "call 07700 900123.", [("07700 900123", "phone")]),
    ("a postcode", "we live near cv6 5aa now", [("cv6 5aa", "postcode")]),
]


@pytest.mark.parametrize(("why", "text", "expected"), DETAILS, ids=[d[0] for d in DETAILS])
def test_identifying_details(why, text, expected):
    assert [(text[f.start : f.end], f.kind) for f in rules.identifying_details(text)] == expected


def test_marked_pieces_put_the_text_back_together():
    text = "Thanks Tom, ring 07700 900123."
    pieces = rules.marked(text)
    assert "".join(p for p, _ in pieces) == text
    assert [k for _, k in pieces if k] == ["name", "phone"]
