"""The storyboard rules, table-driven: the workflow, consent, flagged details, the reviewer's decision,
when a story is due again, search words, the CPD draft and the themes file."""

import datetime
import json

import pytest

from whatsstrong.storyboards import rules, themes

TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    "status, action, after",
    [
        ("draft", "submit", "submitted"),
        ("sent_back", "submit", "submitted"),
        ("submitted", "approve", "published"),
        ("submitted", "send_back", "sent_back"),
        ("published", "approve", "published"),
        ("published", "send_back", "sent_back"),
        ("draft", "approve", None),
        ("draft", "send_back", None),
        ("submitted", "submit", None),
        ("published", "submit", None),
        ("sent_back", "approve", None),
    ],
)
def test_the_workflow(status, action, after):
    assert rules.next_status(status, action) == after
    assert (rules.action_problem(status, action) is None) == (after is not None)


def test_a_refused_step_says_what_the_story_is():
    assert rules.action_problem("draft", "approve") == "This story cannot be approved now: it is a draft"


CONSENT = {"given_by": "The person", "how": "written", "given_on": datetime.date(2026, 5, 1), "today": TODAY}


@pytest.mark.parametrize(
    "about, words, change, expected",
    [
        (True, "", {}, {}),
        (True, "", {"given_by": " "}, {"consent_by": rules.CONSENT_WHO}),
        (True, "", {"how": ""}, {"consent_how": rules.CONSENT_HOW}),
        (True, "", {"given_on": None}, {"consent_on": rules.CONSENT_WHEN}),
        (True, "", {"given_on": TODAY + datetime.timedelta(days=1)}, {"consent_on": rules.CONSENT_FUTURE}),
        (True, "", {"given_on": TODAY}, {}),
        # A story about a way of working needs no consent...
        (False, "", {"given_by": "", "how": "", "given_on": None}, {}),
        # ...unless it quotes someone.
        (
            False,
            "“I felt listened to.”",
            {"given_by": "", "how": "", "given_on": None},
            {
                "consent_by": rules.CONSENT_WHO,
                "consent_how": rules.CONSENT_HOW,
                "consent_on": rules.CONSENT_WHEN,
                "their_words": rules.WORDS_NEED_CONSENT,
            },
        ),
    ],
)
def test_consent(about, words, change, expected):
    given = {**CONSENT, **change}
    assert rules.consent_problems(about_someone=about, their_words=words, **given) == expected


STORY = {
    "title": "Back to the allotment",
    "situation": "The person had stopped going out after a fall.",
    "what_was_done": "We met at the allotment gate and planned the walk together.",
    "difference": "She goes twice a week.",
    "their_words": "",
    "learning": "Start from what matters.",
    "people_involved": "The person, her son, a community connector.",
    "about_someone": True,
    "consent_by": "The person",
    "consent_how": "written",
    "consent_on": datetime.date(2026, 5, 1),
}


def test_submitting_needs_every_part_a_theme_and_consent():
    known = themes.codes()
    assert rules.submit_problems(STORY, ["positive-risk"], known, TODAY) == {}
    empty = {**STORY, "learning": " ", "consent_by": ""}
    assert rules.submit_problems(empty, [], known, TODAY) == {
        "learning": rules.NEEDED["learning"],
        "themes": rules.NO_THEMES,
        "consent_by": rules.CONSENT_WHO,
    }
    assert rules.submit_problems(STORY, ["made-up"], known, TODAY) == {"themes": rules.UNKNOWN_THEME}


def test_flags_find_names_and_contact_details_in_every_part():
    story = {
        **STORY,
        "situation": "The person rang us on 07700 900123 after a fall.",
        "what_was_done": "We met at the gate with her son Femi Adebayo.",
        "learning": "Write to mo@example.org or call in at CV1 2GN.",
    }
    found = {(f.field, f.words, f.kind) for f in rules.flags(story)}
    assert ("situation", "07700 900123", "phone") in found
    assert ("what_was_done", "Femi Adebayo", "name") in found
    assert ("learning", "mo@example.org", "email") in found
    assert ("learning", "CV1 2GN", "postcode") in found
    # Nothing flagged in the parts free of details.
    assert not {f for f in found if f[0] in ("difference", "people_involved")}


def test_days_in_the_plural_are_not_names():
    story = {**STORY, "situation": "She goes on Tuesdays and Fridays with Joan Smith."}
    assert [f.words for f in rules.flags(story)] == ["Joan Smith"]
    assert [text for text, kind in rules.marked(story["situation"]) if kind] == ["Joan Smith"]


def test_a_flag_accepted_is_no_longer_open_and_the_rest_are():
    story = {**STORY, "situation": "She met Femi Adebayo and Joan Smith at the Hub."}
    found = rules.flags(story)
    assert len(found) >= 2
    first = found[0]
    left = rules.open_flags(found, {first.key})
    assert first not in left and len(left) == len(found) - 1
    # The key ignores spacing, so a line break inside a name matches.
    assert rules.flag_key("situation", "Femi\n Adebayo") == rules.flag_key("situation", "Femi Adebayo")


def test_marked_gives_the_text_back_whole_with_the_flags_marked():
    text = "We rang Femi Adebayo on 07700 900123 today."
    pieces = rules.marked(text)
    assert "".join(t for t, _ in pieces) == text
    assert ("Femi Adebayo", "name") in pieces and ("07700 900123", "phone") in pieces


@pytest.mark.parametrize(
    "chosen, reason, expected",
    [
        (["a"], "A colleague, who agreed", {}),
        ([], "A colleague", {"flags": rules.NOTHING_CHOSEN}),
        (["not-open"], "A colleague", {"flags": rules.NOTHING_CHOSEN}),
        (["a"], "  ", {"reason": rules.NO_ACCEPT_REASON}),
    ],
)
def test_accepting_flags(chosen, reason, expected):
    assert rules.accept_problems(chosen, {"a", "b"}, reason) == expected


def decide(**given):
    facts = {
        "status": "submitted",
        "action": "approve",
        "review_on": TODAY + datetime.timedelta(days=365),
        "changes": "",
        "reviewer_is_author": False,
        "open_flag_count": 0,
        "consent": {},
        "today": TODAY,
    }
    return rules.decision_problems(**{**facts, **given})


@pytest.mark.parametrize(
    "given, expected",
    [
        ({}, {}),
        ({"review_on": None}, {"review_on": rules.NO_REVIEW_DATE}),
        ({"review_on": TODAY}, {"review_on": rules.PAST_REVIEW_DATE}),
        ({"review_on": TODAY + datetime.timedelta(days=4 * 365)}, {"review_on": rules.FAR_REVIEW_DATE}),
        (
            {"open_flag_count": 1},
            {
                "__all__": "1 possible identifying detail not yet resolved: "
                "take it out of the story, or accept it with a reason"
            },
        ),
        ({"open_flag_count": 2}, {"__all__": rules.FLAGS_OPEN.format(n=2, s="s", them="them")}),
        ({"consent": {"consent_by": "x"}}, {"consent": rules.CONSENT_NEEDED}),
        ({"reviewer_is_author": True}, {"__all__": rules.OWN_STORY}),
        ({"status": "draft"}, {"__all__": "This story cannot be approved now: it is a draft"}),
        ({"action": "send_back", "review_on": None}, {"changes": rules.NO_CHANGES}),
        ({"action": "send_back", "changes": "Take out the street name", "open_flag_count": 3}, {}),
    ],
)
def test_the_reviewers_decision(given, expected):
    assert decide(**given) == expected


@pytest.mark.parametrize(
    "status, review_on, due",
    [
        ("published", TODAY, True),
        ("published", TODAY - datetime.timedelta(days=1), True),
        ("published", TODAY + datetime.timedelta(days=1), False),
        ("published", None, False),
        ("submitted", TODAY - datetime.timedelta(days=1), False),
    ],
)
def test_due_for_review_again(status, review_on, due):
    assert rules.due_for_review(status, review_on, TODAY) is due


@pytest.mark.parametrize(
    "typed, words",
    [
        ("", []),
        ("Allotment", ["allotment"]),
        ("the carer and the GP", ["carer", "gp"]),
        ("Zoë's café, café", ["zoe's", "cafe"]),
        ("a b c d e f g h i j k", ["b", "c", "d", "e", "f", "g", "h", "i"]),
    ],
)
def test_search_words(typed, words):
    assert rules.search_words(typed) == words


def test_cpd_draft_from_ones_own_story_and_anothers():
    own = rules.cpd_draft(STORY, own_story=True, theme_labels=["Positive risk-taking"], today=TODAY)
    assert own["kind"] == "practice" and own["done_on"] == TODAY and own["title"] == STORY["title"]
    assert STORY["situation"] in own["description"] and "Positive risk-taking" in own["description"]
    assert own["learning"] == STORY["learning"] and STORY["difference"] in own["impact"]
    other = rules.cpd_draft(STORY, own_story=False, theme_labels=[], today=TODAY)
    assert other["kind"] == "reflection" and other["description"].startswith("I read and reflected")
    assert rules.cpd_problems(own, TODAY) == {}


def test_cpd_problems_and_the_text_download():
    record = rules.cpd_draft(STORY, own_story=True, theme_labels=[], today=TODAY)
    assert rules.cpd_problems({**record, "learning": " ", "kind": "hobby"}, TODAY) == {
        "learning": rules.CPD_NEEDED["learning"],
        "kind": rules.CPD_NEEDED["kind"],
    }
    assert rules.cpd_problems({**record, "done_on": TODAY + datetime.timedelta(days=1)}, TODAY) == {
        "done_on": rules.CPD_FUTURE
    }
    text = rules.cpd_text(record, "Learning from my own practice")
    assert text.startswith("Title\n-----\nBack to the allotment")
    assert "Date\n----\n15 June 2026" in text and "What I learnt\n" in text


def test_the_bundled_themes_file_is_sound_and_has_the_three_levels():
    data = json.loads(themes.FILE.read_text(encoding="utf-8"))
    assert rules.theme_problems(data) == []
    assert {"strengths-own", "strengths-network", "strengths-community", "positive-risk", "carers"} <= themes.codes()


@pytest.mark.parametrize(
    "data, problem",
    [
        ([], "The file must hold an object with a 'themes' list that is not empty"),
        ({"themes": [{"code": "Bad Code", "label": "x", "hint": "y"}]}, "Theme 1: the code must be"),
        (
            {"themes": [{"code": "ok", "label": "x", "hint": "y"}, {"code": "ok", "label": "x", "hint": "y"}]},
            "Theme 2: the code 'ok' is used twice",
        ),
        ({"themes": [{"code": "ok", "label": " ", "hint": "y"}]}, "Theme 1: the label is empty"),
    ],
)
def test_a_broken_themes_file_is_named_by_theme(data, problem):
    assert any(p.startswith(problem) for p in rules.theme_problems(data))


@pytest.mark.parametrize(
    ("text", "words", "replacement", "expected"),
    [
        ("We met Femi Adebayo there.", "Femi Adebayo", "her son", "We met her son there."),
        ("Femi came. Then we met Femi again.", "Femi", "X", "Femi came. Then we met X again."),  # first word: no flag
        ("Call 07700 900123 or 07700 900123.", "07700 900123", "[phone]", "Call [phone] or [phone]."),
        ("We met Femi Adebayo, then Femi\n Adebayo.", "Femi Adebayo", "her son", "We met her son, then her son."),
        ("We met Tom Whitfield there.", "Femi Adebayo", "her son", "We met Tom Whitfield there."),
        ("", "Femi", "x", ""),
    ],
)
def test_taking_a_detail_out_changes_only_where_it_was_flagged(text, words, replacement, expected):
    assert rules.take_out(text, words, replacement) == expected


@pytest.mark.parametrize(
    ("key", "replacement", "expected"),
    [
        ("f:Femi", "her son", {}),
        ("f:Femi", "", {}),
        ("f:Nobody", "her son", {"key": rules.NO_SUCH_FLAG}),
        ("f:Femi", "her friend Jo Bloggs", {"replace_with": rules.REPLACEMENT_FLAGGED}),
        ("f:Femi", "jo@example.org", {"replace_with": rules.REPLACEMENT_FLAGGED}),
    ],
)
def test_taking_out_needs_an_open_flag_and_words_that_are_not_flagged_themselves(key, replacement, expected):
    assert rules.take_out_problems(key, {"f:Femi"}, replacement) == expected
