from datetime import date

from whatsstrong.eligibility import decide

TODAY = date(2026, 12, 1)

ADULT = {"id": "ad", "who": "adult", "needs_from_impairment": True, "significant_impact": True}
CARER = {
    "id": "ca",
    "who": "carer",
    "needs_from_caring": True,
    "health_deteriorating": False,
    "significant_impact": True,
}


def adult(**fields):
    """An adult's case that meets every condition unless a field says otherwise."""
    return {**ADULT, "outcomes": {"a": ["without_assistance"], "b": ["without_assistance"]}, **fields}


def carer(**fields):
    """A carer's case that meets every condition unless a field says otherwise."""
    return {**CARER, "outcomes": {"iv": ["without_assistance"]}, **fields}


def answer(case):
    return decide(case, today=TODAY)


def error(case):
    out = answer(case)
    assert set(out) == {"id", "error"}, out
    return out["error"]
