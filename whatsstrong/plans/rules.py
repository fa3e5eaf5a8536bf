"""The rules of a support plan, as pure functions over plain values (no Django), so they are tested
on their own and shared by the pages, the API and the generator.

Money is `decimal.Decimal` throughout: pounds with two places, never a float, so £0.10 three times
is £0.30 exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

WEEKS_IN_A_YEAR = 52
PENNY = Decimal("0.01")
# The largest amount the money fields hold (DecimalField max_digits=9, decimal_places=2).
MOST_MONEY = Decimal("9999999.99")

# The order the plan shows who does what: the person first, paid support last.
KIND_ORDER = ("self", "network", "community", "technology", "equipment", "paid")
# Kinds that may carry a cost.
COSTED_KINDS = ("community", "technology", "equipment", "paid")

EDITABLE = ("draft", "returned")

NEGATIVE_MONEY = "Enter an amount of £0 or more"
TOO_MUCH_MONEY = "Enter an amount under £10,000,000"
NOT_MONEY = "Enter an amount in pounds and pence, like 125.50"
PENNIES_ONLY = "Enter an amount with no more than 2 figures after the point, like 125.50"
SCORE_RANGE = "Enter a score from 1 to 10"
NOT_THEIR_NETWORK = "Choose someone from this person's own network"
# What sign-off asks for, named so the pages can link each to where it is put right.
NO_OUTCOMES = "Add at least one personal outcome"
NO_HELP = "Say who does what for every outcome"
NO_REVIEW_DATE = "Set a review date"


def money(value: object) -> Decimal:
    """A typed amount as pounds and pence ("£1,250.5" is 1250.50); ValueError with the words to show."""
    text = str(value).strip().replace("£", "").replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(NOT_MONEY) from None
    if not amount.is_finite():
        raise ValueError(NOT_MONEY)
    if amount != amount.quantize(PENNY):
        raise ValueError(PENNIES_ONLY)
    if amount < 0:
        raise ValueError(NEGATIVE_MONEY)
    if amount > MOST_MONEY:
        raise ValueError(TOO_MUCH_MONEY)
    return amount.quantize(PENNY)


def money_problem(value: Decimal | None) -> str | None:
    """Why a stored or submitted amount cannot be kept, or None."""
    if value is None:
        return None
    try:
        money(value)
    except ValueError as error:
        return str(error)
    return None


def pounds(amount: Decimal | None) -> str:
    """£1,250.50, as people write money; an empty string for no amount."""
    if amount is None:
        return ""
    return f"£{amount.quantize(PENNY, rounding=ROUND_HALF_UP):,.2f}"


def in_a_year(amount: Decimal, per: str) -> Decimal:
    """A cost over a year: 52 weeks of a weekly cost; a one-off cost counts once, in its first year."""
    if per == "week":
        return amount * WEEKS_IN_A_YEAR
    return amount


@dataclass(frozen=True)
class Totals:
    """What a plan costs, by how often, and what of it the personal budget pays."""

    week: Decimal
    year: Decimal
    once: Decimal
    from_budget_a_year: Decimal
    other_a_year: Decimal

    @property
    def a_year(self) -> Decimal:
        return self.from_budget_a_year + self.other_a_year


ZERO = Decimal("0.00")


def totals(costs: Iterable[tuple[Decimal | None, str, bool]]) -> Totals:
    """`costs` is (amount, per, from the budget) for each contribution; amounts may be None."""
    week = year = once = budget = other = ZERO
    for amount, per, from_budget in costs:
        if amount is None:
            continue
        if per == "week":
            week += amount
        elif per == "year":
            year += amount
        else:
            once += amount
        yearly = in_a_year(amount, per or "once")
        if from_budget:
            budget += yearly
        else:
            other += yearly
    return Totals(week, year, once, budget, other)


def budget_a_year(budget: Decimal | None, per: str) -> Decimal | None:
    if budget is None:
        return None
    return in_a_year(budget, per or "year")


def budget_problems(budget: Decimal | None, per: str, managed: str, plan_totals: Totals) -> list[str]:
    """Why the money in a plan does not add up yet; empty when it does."""
    problems = []
    if budget is not None and not per:
        problems.append("Say whether the personal budget is for a week or a year")
    if budget is not None and budget > 0 and not managed:
        problems.append("Say how the personal budget is managed")
    if plan_totals.from_budget_a_year > 0 and budget is None:
        problems.append("Some support is paid for from a personal budget, but the plan has no budget amount")
    yearly = budget_a_year(budget, per)
    if yearly is not None and per and plan_totals.from_budget_a_year > yearly:
        over = plan_totals.from_budget_a_year - yearly
        problems.append(f"What the personal budget pays for comes to {pounds(over)} a year more than the budget")
    return problems


def contribution_problems(
    kind: str, *, network_member_person: int | None, person: int, who: str, what: str, cost: Decimal | None, per: str
) -> dict[str, str]:
    """Field name to what is wrong, for one contribution."""
    problems = {}
    if kind not in KIND_ORDER:
        problems["kind"] = "Choose who or what helps"
        return problems
    if kind == "network":
        if network_member_person is None:
            problems["network_member"] = "Choose who in their network will do this"
        elif network_member_person != person:
            problems["network_member"] = NOT_THEIR_NETWORK
    elif network_member_person is not None:
        problems["network_member"] = "Only a contribution from their network names someone from it"
    if kind in ("community", "technology", "equipment", "paid") and not who.strip():
        problems["who"] = {
            "community": "Enter the group, place or service",
            "technology": "Enter the device, like a falls sensor or a medication dispenser",
            "equipment": "Enter the piece of equipment",
            "paid": "Enter who is paid, like a personal assistant or an agency",
        }[kind]
    if not what.strip():
        problems["what"] = "Enter what they will do"
    if cost is not None:
        if kind not in COSTED_KINDS:
            problems["cost"] = "Only community, technology, equipment and paid support have a cost here"
        elif (wrong := money_problem(cost)) is not None:
            problems["cost"] = wrong
        elif not per:
            problems["cost_per"] = "Say whether the cost is each week, each year or once"
    return problems


def scaling_score_problem(score: object) -> str | None:
    """A scaling score is a whole number from 1 to 10."""
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 10:
        return SCORE_RANGE
    return None


def agreement_problems(relied_on: dict[int, str], agreements: dict[int, tuple[bool, str]]) -> list[str]:
    """The plan relies on each network member in `relied_on` (id to name); each must have agreed, with
    a note on their own wellbeing, before the plan can be agreed. `agreements` is id to (agreed, note)."""
    problems = []
    for member, name in relied_on.items():
        agreed, wellbeing = agreements.get(member, (False, ""))
        if not agreed:
            problems.append(f"Record whether {name} agrees to what the plan asks of them")
        if not (wellbeing or "").strip():
            problems.append(f"Add a note on how {name} is, for their own wellbeing")
    return problems


def sign_off_problems(
    *, outcomes: int, contributions_per_outcome: list[int], money: list[str], agreements: list[str], review_on_set: bool
) -> list[str]:
    """What must be there before a plan is agreed."""
    problems = []
    if outcomes == 0:
        problems.append(NO_OUTCOMES)
    if any(n == 0 for n in contributions_per_outcome):
        problems.append(NO_HELP)
    if not review_on_set:
        problems.append(NO_REVIEW_DATE)
    return problems + money + agreements


def editable(status: str) -> bool:
    return status in EDITABLE


STAGES = ("pre_contemplation", "contemplation", "decision", "action", "maintenance", "lapse")


def sorted_kinds(kinds: Iterable[str]) -> list[str]:
    """Kinds in the order the plan shows them."""
    return sorted(set(kinds), key=KIND_ORDER.index)


def versions_agreed(status: str, edition: int) -> int:
    """How many versions of a plan have been agreed: its version number once agreed (or ended), one
    fewer while the next is being written or waits for sign-off."""
    return edition if status in ("agreed", "ended") else edition - 1
