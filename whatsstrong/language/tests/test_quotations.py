"""Words inside quotation marks are the speaker's, not the writer's, so the coach never flags them.

Every quoted phrase here would be flagged if it stood outside the quotation marks, so each case
fails if quotation marks stop being recognised. (Quotes that begin with "I" would not do: "I" is the
writer's voice, which the coach leaves alone anyway.)
"""

import pytest

from whatsstrong.language import check
from whatsstrong.language.context import quoted_ranges

from .helpers import phrases

CASES = [
    # Straight and curly, double and single marks, anywhere in the text.
    ('Joy said "Mum refuses to wear the alarm" on the phone.', []),
    ('Her son wrote: "Dad is housebound now and hates it."', []),
    ("She does not like being called 'wheelchair-bound' by anyone.", []),
    ("\u201cPeggy\u2019s a hoarder,\u201d Joy said with a laugh.", []),
    ("Mr Patel calls himself \u2018an elderly man\u2019 and laughs.", []),
    ('"He refuses help"', []),
    ("'She is housebound', the GP wrote.", []),
    ('Joy wrote:\n"Mum refuses\nthe night call."', []),
    # A quotation inside a quotation.
    ("Joy said \u201cMum calls herself 'housebound' now\u201d.", []),
    # The writer's own words around a quotation are still checked.
    (
        'We talked about the garden. Peggy said "the carers think I\'m a hoarder" and laughed. '
        "She refuses the night call.",
        ["refuses"],
    ),
    ('Peggy calls it "my wandering" and Joy calls her "a hoarder", but she refuses the night call.', ["refuses"]),
    ("Joy said \u201cMum calls herself \u2018housebound\u2019 now\u201d, and she refuses the night call.", ["refuses"]),
    # Not quotations: an opening mark never closed, and an apostrophe after a plural.
    ('Joy said "Mum refuses to go out', ["refuses"]),
    ("The carers' notes say Peggy refuses help.", ["refuses"]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_quoted_words_are_not_flagged(text, expected):
    assert phrases(text) == expected


def test_the_same_words_are_flagged_outside_the_quotation_and_not_inside_it():
    text = 'Joy says "she refuses to eat" but she refuses only the soup.'
    [finding] = check(text)
    assert finding.start == text.rindex("refuses")


@pytest.mark.parametrize(
    "text, ranges",
    [
        ('a "b c" d', [(2, 7)]),
        ("a \u201cb c\u201d d", [(2, 7)]),
        ("a 'b c' d", [(2, 7)]),
        ("a \u2018b c\u2019 d", [(2, 7)]),
        ('"one" and "two"', [(0, 5), (10, 15)]),
        ("Peggy\u2019s garden, Joy's car", []),  # apostrophes inside words
        ('She said "no', []),  # never closed
    ],
    ids=[
        "straight double",
        "curly double",
        "straight single",
        "curly single",
        "two quotes",
        "apostrophes",
        "never closed",
    ],
)
def test_quoted_ranges_run_from_mark_to_mark(text, ranges):
    assert quoted_ranges(text) == ranges
