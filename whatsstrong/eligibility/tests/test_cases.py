"""decide(case): the JSON contract, and an error naming the exact problem for every malformed case."""

import pytest

from whatsstrong.eligibility import CaseError, decide, decide_adult, decide_carer

from .helpers import ADULT, CARER, adult, answer, carer, error

WAYS = "use one of without_assistance, pain_distress_anxiety, endangers_health_safety, significantly_longer"


def test_an_answer_has_exactly_the_contracts_fields_and_keeps_the_id():
    out = answer(adult(id={"ref": [1, 2]}))
    assert list(out) == ["id", "eligible", "unable", "reasons"]
    assert out["id"] == {"ref": [1, 2]}
    assert all(isinstance(r, str) and r.endswith(".") for r in out["reasons"])


def test_a_case_without_an_id_is_answered_with_a_null_id():
    case = adult()
    del case["id"]
    assert answer(case)["id"] is None
    case["who"] = "child"
    assert answer(case) == {"id": None, "error": '"who" must be "adult" or "carer", not "child"'}


def without(case, name):
    return {k: v for k, v in case.items() if k != name}


@pytest.mark.parametrize(
    "case, problem",
    [
        # who
        (without(adult(), "who"), 'missing field "who": say "adult" or "carer"'),
        (adult(who="Adult"), '"who" must be "adult" or "carer", not "Adult"'),
        (adult(who=None), '"who" must be "adult" or "carer", not null'),
        (adult(who=["adult"]), '"who" must be "adult" or "carer", not a list'),
        # missing fields
        (without(adult(), "needs_from_impairment"), 'missing field "needs_from_impairment"'),
        (without(adult(), "significant_impact"), 'missing field "significant_impact"'),
        (without(adult(), "outcomes"), 'missing field "outcomes"'),
        (without(carer(), "needs_from_caring"), 'missing field "needs_from_caring"'),
        (without(carer(), "health_deteriorating"), 'missing field "health_deteriorating"'),
        (
            without(without(carer(), "significant_impact"), "outcomes"),
            'missing field "significant_impact"; missing field "outcomes"',
        ),
        # wrong types
        (adult(needs_from_impairment="yes"), "needs_from_impairment must be true or false, not a string"),
        (adult(significant_impact=1), "significant_impact must be true or false, not a number"),
        (carer(health_deteriorating=None), "health_deteriorating must be true or false, not null"),
        (adult(outcomes=["a", "b"]), "outcomes must be an object of outcome codes, not a list"),
        (adult(outcomes=None), "outcomes must be an object of outcome codes, not null"),
        (adult(outcomes={"a": "without_assistance"}), 'outcomes["a"] must be a list of ways, not a string'),
        (adult(outcomes={"a": [True]}), 'outcomes["a"]: each way must be a string, not true or false'),
        # unknown codes and ways
        (
            adult(outcomes={"k": []}),
            'outcomes: "k" is not an adult outcome code; use one of a, b, c, d, e, f, g, h, i, j',
        ),
        (
            carer(outcomes={"a": ["without_assistance"]}),
            'outcomes: "a" is not a carer outcome code; use one of i, ii, iii, iv, v, vi, vii, viii',
        ),
        (
            adult(outcomes={"A": []}),
            'outcomes: "A" is not an adult outcome code; use one of a, b, c, d, e, f, g, h, i, j',
        ),
        (adult(outcomes={"a": ["slowly"]}), f'outcomes["a"]: "slowly" is not a way of being unable; {WAYS}'),
        (carer(outcomes={"iv": ["prompting"]}), f'outcomes["iv"]: "prompting" is not a way of being unable; {WAYS}'),
        # fields that are not part of the case
        (adult(needs_from_caring=True), 'unknown field "needs_from_caring" for an adult'),
        (carer(needs_from_impairment=True), 'unknown field "needs_from_impairment" for a carer'),
        (adult(signficant_impact=True), 'unknown field "signficant_impact" for an adult'),
    ],
)
def test_a_malformed_case_gets_an_error_naming_the_problem(case, problem):
    out = answer(case)
    assert out == {"id": case.get("id"), "error": problem}


def test_every_problem_in_a_case_is_named_at_once():
    got = error(carer(needs_from_caring="no", outcomes={"x": [], "ii": ["slowly"]}, extra=1))
    assert got == (
        'unknown field "extra" for a carer; needs_from_caring must be true or false, not a string; '
        'outcomes: "x" is not a carer outcome code; use one of i, ii, iii, iv, v, vi, vii, viii; '
        f'outcomes["ii"]: "slowly" is not a way of being unable; {WAYS}'
    )


@pytest.mark.parametrize("case, kind", [([ADULT], "a list"), ("adult", "a string"), (None, "null"), (3, "a number")])
def test_a_case_that_is_not_an_object(case, kind):
    assert decide(case) == {"id": None, "error": f"a case must be a JSON object, not {kind}"}


def test_significantly_longer_for_a_carer_is_not_an_error():
    assert "error" not in answer(carer(outcomes={"i": ["significantly_longer"]}))


def test_decide_gives_the_same_as_the_typed_functions():
    a = adult(outcomes={"b": ["pain_distress_anxiety"], "i": ["without_assistance"]})
    typed = decide_adult(needs_from_impairment=True, outcomes=a["outcomes"], significant_impact=True).as_dict()
    assert answer(a) == {"id": "ad", **typed}
    c = {**CARER, "outcomes": {"ii": ["endangers_health_safety"]}}
    typed = decide_carer(
        needs_from_caring=True, health_deteriorating=False, outcomes=c["outcomes"], significant_impact=True
    ).as_dict()
    assert answer(c) == {"id": "ca", **typed}


def test_the_typed_functions_refuse_bad_values_with_every_problem():
    with pytest.raises(CaseError) as caught:
        decide_adult(needs_from_impairment="y", outcomes={"z": []}, significant_impact=True)
    assert caught.value.problems == [
        "needs_from_impairment must be true or false, not a string",
        'outcomes: "z" is not an adult outcome code; use one of a, b, c, d, e, f, g, h, i, j',
    ]
    with pytest.raises(CaseError, match="outcomes is missing"):
        decide_carer(needs_from_caring=True, health_deteriorating=True, outcomes=None, significant_impact=True)
    assert isinstance(caught.value, ValueError)


def test_the_case_is_not_changed():
    case = adult(outcomes={"a": ["without_assistance", "without_assistance"], "b": ["without_assistance"]})
    before = repr(case)
    answer(case)
    assert repr(case) == before
