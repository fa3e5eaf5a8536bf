"""The assessment rules, table by table, without a database."""

import datetime

import pytest

from whatsstrong.assessments import rules
from whatsstrong.assessments.rules import Decider

TODAY = datetime.date(2026, 5, 1)


@pytest.mark.parametrize(
    "texts, quoted, total",
    [
        ([], 0, 0),
        ([""], 0, 0),
        (["We talked about the garden."], 0, 22),
        (['"I love my garden"'], 13, 13),
        (["She said \u201cI love my garden\u201d today."], 13, 25),
        (["She said 'I miss the bus' and smiled."], 11, 27),
        (["Don't worry, it's Khan's day."], 0, 20),  # apostrophes inside words are not quotation marks
        (['Two: "yes" and', '"no"'], 5, 11),  # added up across texts
        (['An unclosed "quote goes on'], 0, 21),
    ],
)
def test_own_words_counts_letters_inside_quotation_marks(texts, quoted, total):
    assert rules.own_words(texts) == (quoted, total)


@pytest.mark.parametrize(
    "quoted, total, sentence",
    [
        (0, 0, "Nothing is written in this assessment yet"),
        (0, 100, "None of this assessment is in Amira's own words yet"),
        (5, 100, "A little of this assessment is in Amira's own words"),
        (10, 100, "About a tenth of this assessment is in Amira's own words"),
        (25, 100, "About a quarter of this assessment is in Amira's own words"),
        (33, 100, "About a third of this assessment is in Amira's own words"),
        (42, 100, "About a third of this assessment is in Amira's own words"),
        (50, 100, "About half of this assessment is in Amira's own words"),
        (66, 100, "About two thirds of this assessment is in Amira's own words"),
        (75, 100, "About three quarters of this assessment is in Amira's own words"),
        (95, 100, "Nearly all of this assessment is in Amira's own words"),
        (100, 100, "All of this assessment is in Amira's own words"),
    ],
)
def test_the_share_in_their_own_words_is_said_in_plain_words(quoted, total, sentence):
    assert rules.own_words_sentence(quoted, total, "Amira") == sentence


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("plain", [("plain", False)]),
        ('"all of it"', [("all of it", True)]),
        ('He said "no" twice', [("He said ", False), ("no", True), (" twice", False)]),
        ("\u201cA\u201d and \u2018b\u2019", [("A", True), (" and ", False), ("b", True)]),
    ],
)
def test_split_quotes_leaves_the_marks_out_of_the_quoted_pieces(text, pieces):
    assert rules.split_quotes(text) == pieces


CONVERSATION_CASES = [
    # (what is given, the fields refused)
    ({"happened_on": TODAY, "text": "Talked"}, set()),
    ({"happened_on": TODAY - datetime.timedelta(days=400), "text": "Talked"}, set()),
    ({"happened_on": TODAY + datetime.timedelta(days=1), "text": "Talked"}, {"happened_on"}),
    ({"happened_on": None, "text": "Talked"}, {"happened_on"}),
    ({"happened_on": TODAY, "text": ""}, {"text"}),
    ({"happened_on": TODAY, "text": "   \n  "}, {"text"}),
    ({"happened_on": TODAY, "text": "Talked", "advocate": True}, {"advocate_name"}),
    ({"happened_on": TODAY, "text": "Talked", "advocate": True, "advocate_name": "Sue"}, set()),
    ({"happened_on": TODAY, "text": "Talked", "interpreter": True}, {"interpreter_language"}),
    ({"happened_on": TODAY, "text": "Talked", "interpreter": True, "interpreter_language": "Urdu"}, set()),
    ({"happened_on": TODAY, "text": "Talked", "advocate_name": "Sue"}, set()),  # a name without yes is cleared later
    ({"happened_on": TODAY + datetime.timedelta(days=3), "text": ""}, {"happened_on", "text"}),
]


@pytest.mark.parametrize("given, refused", CONVERSATION_CASES)
def test_a_conversation_needs_a_past_date_and_something_in_it(given, refused):
    problems = rules.conversation_problems(today=TODAY, **given)
    assert set(problems) == refused
    if "text" in refused:
        assert problems["text"] == rules.EMPTY_CONVERSATION
    if "happened_on" in refused and given["happened_on"]:
        assert problems["happened_on"] == rules.FUTURE_DATE


@pytest.mark.parametrize(
    "ranks, refused",
    [
        ({}, set()),
        ({"a": None, "b": None}, set()),
        ({"a": 1}, set()),
        ({"a": 1, "b": 2, "c": 3}, set()),
        ({"d": 3, "e": 1}, set()),  # gaps are allowed: not every area must be ranked
        ({c: i + 1 for i, c in enumerate("abcdefghi")}, set()),
        ({"a": 1, "b": 1}, {"b"}),
        ({"a": 0}, {"a"}),
        ({"a": 10}, {"a"}),
        ({"a": -1, "b": 2}, {"a"}),
        ({"z": 1}, {"z"}),
    ],
)
def test_each_priority_number_is_used_once_from_one_to_nine(ranks, refused):
    assert set(rules.rank_problems(ranks)) == refused


def test_a_repeated_priority_is_named_in_the_message():
    assert rules.rank_problems({"a": 2, "c": 2}) == {
        "c": "Priority 2 is given to two areas: give each area its own number"
    }


@pytest.mark.parametrize(
    "a, b, same",
    [
        (("own", "Grows vegetables"), ("own", "grows  vegetables "), True),
        (("own", "Grows vegetables"), ("network", "Grows vegetables"), False),
        (("own", "Grows vegetables"), ("own", "Grows flowers"), False),
        (("community", "The LIBRARY"), ("community", "the library"), True),
    ],
)
def test_a_strength_is_the_same_whatever_its_case_and_spacing(a, b, same):
    assert (rules.new_strength_key(*a) == rules.new_strength_key(*b)) is same


@pytest.mark.parametrize(
    "status, editable",
    [("draft", True), ("returned", True), ("awaiting_sign_off", False), ("authorised", False)],
)
def test_only_open_assessments_can_be_changed(status, editable):
    assert rules.editable(status) is editable


@pytest.mark.parametrize(
    "author, actor, qualified, route",
    [
        (1, 1, True, rules.SELF),  # a qualified author signs off their own
        (1, 1, False, rules.TO_SUPERVISOR),  # not qualified: to a supervisor
        (1, 2, True, rules.TO_SUPERVISOR),  # qualified, but not the author
        (1, 2, False, rules.TO_SUPERVISOR),
    ],
)
def test_who_signs_off(author, actor, qualified, route):
    assert rules.sign_off_route(author_id=author, actor_id=actor, actor_qualified=qualified) == route


NORTH, SOUTH = 10, 20
SUPERVISOR_NORTH = Decider(id=5, role="supervisor", team_id=NORTH)


@pytest.mark.parametrize(
    "status, decider, author, allowed",
    [
        ("awaiting_sign_off", SUPERVISOR_NORTH, 1, True),
        ("draft", SUPERVISOR_NORTH, 1, False),  # not sent yet
        ("returned", SUPERVISOR_NORTH, 1, False),
        ("authorised", SUPERVISOR_NORTH, 1, False),  # already signed off
        ("awaiting_sign_off", Decider(id=5, role="supervisor", team_id=SOUTH), 1, False),  # another team
        ("awaiting_sign_off", Decider(id=5, role="supervisor", team_id=None), 1, False),  # no team
        ("awaiting_sign_off", Decider(id=5, role="practitioner", team_id=NORTH), 1, False),  # not a supervisor
        ("awaiting_sign_off", Decider(id=5, role="quality_lead", team_id=NORTH), 1, False),
        ("awaiting_sign_off", Decider(id=5, role="supervisor", team_id=NORTH, active=False), 1, False),
        ("awaiting_sign_off", SUPERVISOR_NORTH, 5, False),  # their own assessment
    ],
)
def test_who_may_sign_off_or_return_an_assessment(status, decider, author, allowed):
    problem = rules.decide_problem(status=status, decider=decider, person_team_id=NORTH, author_id=author)
    assert (problem is None) is allowed


@pytest.mark.parametrize("comment, refused", [("", True), ("   ", True), ("Add the daughter's view", False)])
def test_returning_needs_comments(comment, refused):
    assert (rules.return_problem(comment) is not None) is refused


@pytest.mark.parametrize(
    "status, conversations, analysis, problems",
    [
        ("draft", 1, "My view", 0),
        ("returned", 2, "My view", 0),
        ("draft", 0, "My view", 1),
        ("draft", 1, "  ", 1),
        ("draft", 0, "", 2),
        ("awaiting_sign_off", 1, "My view", 1),
        ("authorised", 1, "My view", 1),
    ],
)
def test_what_an_assessment_needs_before_sign_off(status, conversations, analysis, problems):
    found = rules.submit_problems(status=status, kind="contact", conversations=conversations, analysis=analysis)
    assert len(found) == problems


@pytest.mark.parametrize(
    "offered, may",
    [
        ("information_and_advice", True),
        ("signposting", True),
        ("no_further_action", True),
        ("further_assessment", False),
        ("", False),
    ],
)
def test_a_contact_completes_on_its_own_page_only_when_it_ends_there(offered, may):
    assert (rules.contact_complete_problem(offered) is None) is may


def test_the_rules_need_no_django():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(rules.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m.split(".")[0] == "django" for m in imported if m)
