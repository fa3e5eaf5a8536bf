"""The prompt rules, without a database: placeholders, filling in a name, folding for search, and
the checks on a prompts data file."""

import copy

import pytest

from whatsstrong.prompts import rules


@pytest.mark.parametrize(
    "text, problem",
    [
        ("What matters most to you?", False),
        ("What would you say {name} is good at?", False),
        ("{name}, what helps?", False),
        ("How is {name} today, and what does {name} enjoy?", False),
        ("What would you say {nmae} is good at?", True),
        ("What would you say {Name} is good at?", True),
        ("What would you say {{name}} is good at?", True),
        ("What would you say {} is good at?", True),
        ("What helps { you?", True),
        ("What helps } you?", True),
    ],
)
def test_only_the_name_placeholder_is_allowed(text, problem):
    assert (rules.placeholder_problem(text) is not None) is problem


@pytest.mark.parametrize(
    "text, name, shown",
    [
        ("What would you say {name} is good at?", "Peggy", "What would you say Peggy is good at?"),
        ("What would you say {name} is good at?", None, "What would you say the person is good at?"),
        ("What would you say {name} is good at?", "", "What would you say the person is good at?"),
        ("{name}'s life, in a year?", None, "The person's life, in a year?"),
        ("{name}'s life, in a year?", "zoë", "Zoë's life, in a year?"),
        ("What matters most to you?", "Peggy", "What matters most to you?"),
        ("Is {name} with {name}'s sister?", "Jo", "Is Jo with Jo's sister?"),
        ("Say {name}", "<b>Al</b>", "Say <b>Al</b>"),  # escaped by the template, not here
    ],
)
def test_the_persons_name_is_filled_in(text, name, shown):
    assert rules.fill(text, name) == shown


@pytest.mark.parametrize(
    "typed, stored, found",
    [
        ("family", "Family and friends", True),
        ("FAMILY", "family", True),
        ("cafe", "a café nearby", True),
        ("Café", "a cafe nearby", True),
        ("fámily scale", "On a scale of 1 to 10, how is family life?", True),
        ("family scale", "family only", False),
        ("naïve", "naive", True),
        ("strasse", "Straße", True),  # casefold, not lower
        ("zzzz", "family", False),
    ],
)
def test_search_ignores_case_and_accents_and_needs_every_word(typed, stored, found):
    assert rules.matches(rules.query_words(typed), rules.fold(stored)) is found


def test_no_words_matches_everything():
    assert rules.query_words("   ") == [] and rules.matches([], "anything")


GOOD = {
    "tags": {"health": "Health"},
    "groups": [
        {
            "code": "g",
            "name": "Group",
            "kind": "strengths",
            "source": "A seed, section 1",
            "prompts": [
                {"code": "a", "text": "What helps {name}?", "tags": ["health"]},
                {"code": "b", "text": "What helps you?", "tags": []},
            ],
        }
    ],
}


def broken(change):
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    "change, problem",
    [
        (_set(("groups", 0, "prompts", 1, "text"), "  "), "has no text"),
        (_set(("groups", 0, "prompts", 1, "text"), "What helps {name}?"), "repeats the text"),
        (_set(("groups", 0, "prompts", 1, "text"), "WHAT HELPS {NAME}?"), "curly brackets"),
        (_set(("groups", 0, "prompts", 1, "code"), "a"), "repeats a prompt code"),
        (_set(("groups", 0, "prompts", 1, "code"), ""), "has no code"),
        (_set(("groups", 0, "prompts", 1, "text"), "What helps {you}?"), "curly brackets"),
        (_set(("groups", 0, "prompts", 1, "tags"), ["wealth"]), "unknown tags: wealth"),
        (_set(("groups", 0, "source"), ""), "has no source"),
        (_set(("groups", 0, "name"), ""), "has no name"),
        (_set(("groups", 0, "kind"), "quiz"), "unknown kind"),
        (_set(("groups", 0, "prompts"), []), "has no prompts"),
        (lambda d: d["groups"].append(copy.deepcopy(d["groups"][0])), "repeats a group code"),
    ],
)
def test_a_data_file_with_a_mistake_is_refused_naming_it(change, problem):
    assert rules.data_problems(GOOD) == []
    problems = rules.data_problems(broken(change))
    assert any(problem in p for p in problems), problems
