"""A kept version of a plan (`PlanVersion.content`, made by services.snapshot) made ready to show:
labels for codes, money and dates in words. Read with defaults, so every version ever kept can be
shown whatever a later snapshot adds."""

import datetime
from decimal import Decimal

from whatsstrong.assessments.queries import wellbeing_areas

from . import rules
from .models import Contribution, SupportPlan


def areas():
    """Wellbeing area code to its label."""
    return {a["code"]: a["label"] for a in wellbeing_areas()}


def _day(text):
    return datetime.date.fromisoformat(text) if text else None


def _amount(text):
    return rules.pounds(Decimal(text)) if text not in (None, "") else ""


KIND_LABELS = dict(Contribution.Kind.choices)
PER = {"week": "a week", "year": "a year", "once": "once"}


def version(content):
    """The version's content as the version page shows it."""
    labels = areas()
    outcomes = []
    for o in content.get("outcomes", []):
        parts = o.get("contributions", [])
        groups = [
            (
                KIND_LABELS[kind],
                [{**c, "cost": _amount(c.get("cost")), "per": PER.get(c.get("cost_per"), "")} for c in mine],
            )
            for kind in rules.KIND_ORDER
            if (mine := [c for c in parts if c.get("kind") == kind])
        ]
        outcomes.append({**o, "areas": [labels.get(code, code) for code in o.get("wellbeing", [])], "groups": groups})
    totals = content.get("totals", {})
    return {
        **content,
        "outcomes": outcomes,
        "helpers": [{**h, "agreed_on": _day(h.get("agreed_on"))} for h in content.get("helpers", [])],
        "budget": _amount(content.get("budget")),
        "budget_per": PER.get(content.get("budget_per"), ""),
        "managed": dict(SupportPlan.Management.choices).get(content.get("managed"), ""),
        "totals": {name: _amount(totals.get(name)) for name in ("week", "year", "once", "from_budget_a_year")},
        "review_on": _day(content.get("review_on")),
    }
