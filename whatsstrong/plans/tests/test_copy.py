"""The person's copy of their plan: first person and plain words, the version agreed, nothing they
have not been told, withheld names kept out, and the page that shows it."""

import datetime

import pytest
import textstat
from django.urls import reverse

from tests.html_checks import assert_accessible_html
from whatsstrong.plans import copy, services

TODAY = datetime.date.today()


def part(kind, what, **more):
    blank = {"network_member": None, "name": "", "relationship": "", "who": "", "when": "", "cost": None}
    return blank | {"kind": kind, "what": what, "cost_per": "", "from_budget": False} | more


# A plan written with the person in plain words, as the copy would be read from services.snapshot.
PLAIN_PLAN = {
    "good_life": "I want to be out in my garden, and to see my grandson on Sundays.",
    "outcomes": [
        {
            "id": 1,
            "text": "I want to get back to my garden.",
            "wellbeing": ["b"],
            "how_we_know": "I plant my seeds in the spring.",
            "contributions": [
                part("self", "Water the pots each day"),
                part("network", "dig the beds with me", name="Jo", relationship="daughter", when="on Saturdays"),
                part("network", "mow the grass", name="Gary Stone", relationship="neighbour"),
                part("community", "save me a seat", who="Foleshill choir", when="on Tuesday nights"),
                part("technology", "reminds me to take my tablets", who="A pill box with an alarm"),
                part(
                    "paid",
                    "help me wash and dress",
                    who="My helper",
                    when="each morning",
                    cost="120.00",
                    cost_per="week",
                    from_budget=True,
                ),
            ],
        },
        {"id": 2, "text": "To sing with my friends again", "how_we_know": "", "contributions": []},
    ],
    "helpers": [
        {"network_member": 5, "name": "Jo", "agreed": True, "agreed_on": "2026-03-01"},
        {"network_member": 6, "name": "Gary Stone", "agreed": True, "agreed_on": "2026-03-01"},
    ],
    "budget": "250.00",
    "budget_per": "week",
    "managed": "direct_payment",
    "managed_by": "Jo helps me with it",
    "totals": {"week": "120.00", "year": "0.00", "once": "0.00", "from_budget_a_year": "6240.00"},
    "if_carer_unwell": "Jo will ask my son to come. Gary can pop in too.",
    "if_things_go_wrong": "I will ring Jo first.",
    "who_to_call": "Jo: 07700 900123\nThe council: 024 7683 3003",
    "review_on": "2026-06-03",
}


def words(document):
    return copy.plain_text(document.sections)


def agreed_copy(**more):
    return copy.build(PLAIN_PLAN, name="Peggy Okafor", version=2, agreed_on=datetime.date(2026, 3, 3), **more)


def test_the_copy_speaks_in_the_first_person():
    text = words(agreed_copy())
    assert "I want to get back to my garden." in text
    assert "I will water the pots each day." in text
    assert "My daughter Jo will dig the beds with me, on Saturdays." in text
    assert "Foleshill choir will save me a seat, on Tuesday nights." in text
    assert "A pill box with an alarm: reminds me to take my tablets." in text
    assert (
        "My helper will help me wash and dress, each morning (£120.00 a week, paid for from my personal budget)."
        in text
    )
    assert "I want to sing with my friends again." in text
    assert "We will look at this plan together by 3 June 2026." in text


@pytest.mark.parametrize(
    ("when", "reads"),
    [
        ("Every morning", "help me wash and dress, every morning"),
        ("Saturdays", "help me wash and dress, Saturdays"),
        ("Mondays and Thursdays", "help me wash and dress, Mondays and Thursdays"),
        ("GP days", "help me wash and dress, GP days"),
    ],
)
def test_when_follows_a_comma_in_the_middle_of_the_sentence(when, reads):
    plan = PLAIN_PLAN | {
        "outcomes": [
            {
                "id": 1,
                "text": "I want to get up.",
                "contributions": [part("paid", "Help me wash and dress", who="Ann", when=when)],
            }
        ]
    }
    text = copy.plain_text(copy.build(plan, name="Peggy", version=1, agreed_on=None).sections)
    assert f"Ann will {reads}." in text


def test_the_copy_says_which_version_it_is():
    document = agreed_copy()
    assert (document.status, document.draft, document.name) == (
        "Version 2, agreed on 3 March 2026.",
        False,
        "Peggy Okafor",
    )
    draft = copy.build(PLAIN_PLAN, name="Peggy Okafor", version=1, agreed_on=None)
    assert draft.draft and draft.status.startswith("Draft: not agreed yet")


def test_the_money_the_person_holds_is_in_pounds_and_pence():
    text = words(agreed_copy())
    assert "My personal budget is £250.00 a week." in text
    assert "I get it as a direct payment" in text
    assert "My budget pays for £6,240.00 a year of the help in this plan." in text


def test_a_withheld_name_is_left_out_and_replaced_by_someone():
    document = agreed_copy(withheld_names=["Gary Stone"])
    text = words(document)
    assert "Gary" not in text and "Stone" not in text
    assert "mow the grass" not in text  # what he would do is left out, not just his name
    assert "Jo will ask my son to come. Someone can pop in too." in text
    assert "My daughter Jo will dig the beds with me" in text
    assert [b.items for s in document.sections if s.heading.startswith("People who said yes") for b in s.blocks] == [
        ("Jo",)
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ask gary STONE to leave.", "Ask someone to leave."),
        ("Gary's van is outside.", "Someone's van is outside."),
        ("Garyson is a friend.", "Garyson is a friend."),  # a longer word is not the name
        ("Gary\u00a0 Stone called.", "Someone called."),
    ],
)
def test_withheld_names_are_found_as_whole_words_in_any_case(text, shown):
    assert copy.Withheld(["Gary Stone"]).hide(text) == shown


def test_with_no_withheld_names_nothing_is_changed():
    assert copy.Withheld([]).hide("Gary Stone called.") == "Gary Stone called."
    assert "Gary Stone" in words(agreed_copy())


def test_the_copy_of_a_plain_plan_reads_at_grade_seven_or_below():
    text = words(agreed_copy())
    assert textstat.flesch_kincaid_grade(text) <= 7, text


@pytest.mark.parametrize("managed", sorted(copy.MANAGED))
def test_the_fixed_words_are_plain_too(managed):
    """With a single letter typed in each place, what is left is the copy's own wording."""
    typed = {
        "good_life": "x",
        "outcomes": [{"text": "x", "how_we_know": "x", "contributions": []}],
        "helpers": [{"name": "x", "agreed": True}],
        "budget": "10.00",
        "budget_per": "week",
        "managed": managed,
        "managed_by": "x",
        "totals": {"from_budget_a_year": "520.00"},
        "if_carer_unwell": "x",
        "if_things_go_wrong": "x",
        "who_to_call": "x",
        "review_on": "2026-06-03",
    }
    for agreed_on in (None, datetime.date(2026, 3, 3)):
        document = copy.build(typed, name="Peggy Okafor", version=1, agreed_on=agreed_on)
        text = "\n".join([document.status, words(document)])
        assert textstat.flesch_kincaid_grade(text) <= 5, text


# --- The page --------------------------------------------------------------------------------------


def at(name, peggy, plan, query=""):
    return reverse(f"plans:{name}", args=[peggy.pk, plan.pk]) + query


SIGN_OFF_COMMENT = "Check the invoices with finance in May."


@pytest.fixture
def agreed(staff, peggy, ready_plan, jo):
    """Peggy's plan agreed as version 1 by Carol, with notes that are not for Peggy's copy."""
    alice = staff["alice"]
    plan = services.plan_save(
        actor=alice,
        person=peggy,
        plan_id=ready_plan.pk,
        expected_version=ready_plan.version,
        data={"money_notes": "Council finance to check the invoice.", "who_to_call": "Jo on 07700 900123"},
    )
    services.agreement_save(
        actor=alice,
        person=peggy,
        plan_id=plan.pk,
        network_member_id=jo.pk,
        data={"their_wellbeing": "Jo is tired and works nights."},
        expected_version=1,
    )
    services.plan_submit(actor=alice, person=peggy, plan_id=plan.pk)
    return services.plan_authorise(actor=staff["carol"], person=peggy, plan_id=plan.pk, comment=SIGN_OFF_COMMENT)


def test_the_page_shows_the_version_agreed_with_the_preferred_name(client_for, peggy, agreed):
    html = client_for("alice").get(at("copy", peggy, agreed)).content.decode()
    assert_accessible_html(html)
    assert "Peggy Okafor" in html and "Margaret" not in html
    assert f"Version 1, agreed on {copy.long_date(TODAY)}." in html
    assert "I want to get back to my garden." in html
    assert "My daughter Jo Okafor will dig the beds with me, Saturdays." in html
    assert "Jo on 07700 900123" in html


def test_the_page_holds_nothing_the_person_was_not_told(client_for, peggy, agreed):
    html = client_for("alice").get(at("copy", peggy, agreed)).content.decode()
    for private in ("Jo is tired and works nights", "Council finance to check", SIGN_OFF_COMMENT, "Carol"):
        assert private not in html


def test_while_changes_are_written_the_copy_keeps_showing_the_agreed_version(client_for, staff, peggy, agreed, outcome):
    services.plan_reopen(actor=staff["alice"], person=peggy, plan_id=agreed.pk)
    outcome.refresh_from_db()
    services.outcome_save(
        actor=staff["alice"],
        person=peggy,
        outcome_id=outcome.pk,
        data={"text": "I want to grow tomatoes."},
        expected_version=outcome.version,
    )
    html = client_for("alice").get(at("copy", peggy, agreed)).content.decode()
    assert "I want to get back to my garden." in html and "tomatoes" not in html
    assert "Version 1, agreed on" in html
    assert "Changes for version 2 are being written" in html


def test_a_plan_never_agreed_is_shown_as_a_draft(client_for, peggy, plan, outcome):
    html = client_for("alice").get(at("copy", peggy, plan)).content.decode()
    assert_accessible_html(html)
    assert "Draft: not agreed yet" in html and "govuk-warning-text" in html
    assert "I want to get back to my garden." in html


def test_large_print_is_a_choice_on_the_page(client_for, peggy, plan, outcome):
    client = client_for("alice")
    standard = client.get(at("copy", peggy, plan)).content.decode()
    large = client.get(at("copy", peggy, plan, "?size=large")).content.decode()
    assert "ws-copy--large" in large and "ws-copy--large" not in standard
    assert "plan-copy.css" in large
    assert_accessible_html(large)


def test_the_copy_is_for_those_who_may_see_the_record(client_for, peggy, plan):
    assert client_for("dina").get(at("copy", peggy, plan)).status_code == 403
    assert client_for("dina").get(at("copy_pdf", peggy, plan)).status_code == 403


def test_another_persons_plan_number_is_not_found(client_for, peggy, plan, make_person):
    ravi = make_person(given_name="Ravi", family_name="Shah", preferred_name="")
    assert client_for("alice").get(at("copy", ravi, plan)).status_code == 404


def test_the_links_offer_the_copy_the_pdf_large_print_and_conferences(rf, staff, peggy, plan):
    from django.template.loader import render_to_string

    services.conference_add(actor=staff["alice"], person=peggy, data={"reason": "Family", "plan": plan.pk})
    request = rf.get("/")
    request.user = staff["alice"]
    from whatsstrong.plans.queries import plan_view

    context = {"person": peggy, "p": plan, "view": plan_view(plan), "can_edit": True}
    html = render_to_string("plans/_copy_links.html", context, request)
    assert at("copy", peggy, plan) in html and at("copy_pdf", peggy, plan) in html
    assert at("copy", peggy, plan, "?size=large") in html and at("copy_pdf", peggy, plan, "?size=large") in html
    assert "Family group conference referred" in html
    assert reverse("plans:conference_refer", args=[peggy.pk]) in html


def test_the_copy_is_built_without_django():
    """copy.py is pure: the standard library, the plan's pure rules and core/withheld.py (itself
    standard library only) only."""
    import ast
    import sys
    from pathlib import Path

    tree = ast.parse(Path(copy.__file__).read_text(encoding="utf-8"))
    imported = [
        ("." * node.level) + (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    pure = {".rules", "whatsstrong.core.withheld"}
    assert [m for m in imported if m not in pure and m.split(".")[0] not in sys.stdlib_module_names] == []
    withheld = ast.parse(Path(copy.__file__).parent.parent.joinpath("core", "withheld.py").read_text(encoding="utf-8"))
    assert all(
        (n.module if isinstance(n, ast.ImportFrom) else a.name).split(".")[0] in sys.stdlib_module_names
        for n in ast.walk(withheld)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    )
    rules = ast.parse(Path(copy.__file__).with_name("rules.py").read_text(encoding="utf-8"))
    assert not [n for n in ast.walk(rules) if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("django")]
