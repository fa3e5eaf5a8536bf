"""The eligibility decisions for adults (regulation 2) and carers (regulation 3), as typed functions.

Both functions take keyword arguments only, check every value they are given and raise CaseError
naming each problem; they return a Decision whose reasons are plain-English sentences.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from .reference import Reference, Scheme, load_reference

# Reg 2(1)(b): an adult must be unable to achieve two or more of the outcomes.
ADULT_MIN_UNABLE = 2
# Reg 3(2)(b): a carer unable to achieve any one outcome is enough (or deteriorating health, 3(2)(a)).
CARER_MIN_UNABLE = 1
CONDITIONS = 3

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class CaseError(ValueError):
    """A case cannot be decided as given; `problems` names each thing wrong, in plain words."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Decision:
    eligible: bool
    unable: list[str]  # outcome codes, in the regulations' order
    reasons: list[str]  # plain-English sentences, the overall answer first

    def as_dict(self) -> dict:
        return {"eligible": self.eligible, "unable": list(self.unable), "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Occasion:
    """The person's circumstances on one day of a period (regs 2(4) and 3(4), fluctuating needs)."""

    on: date
    outcomes: Mapping[str, Sequence[str]] = field(default_factory=dict)


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def json_type(value) -> str:
    """What a value is, in the words of JSON, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def quoted(value) -> str:
    """A string in double quotes as JSON writes it, anything else by its JSON type."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else json_type(value)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class _Evidence:
    """What was recorded about one outcome: at the assessment, on how many occasions, which ways count."""

    at_assessment: bool = False
    occasions: int = 0
    ways: set[str] = field(default_factory=set)
    set_aside: bool = False  # a way given that does not count for this kind of person


class _Reader:
    """Checks outcomes and occasions, gathering every problem before raising."""

    def __init__(self, scheme: Scheme, ref: Reference, today: date):
        self.scheme, self.ref, self.today = scheme, ref, today
        self.problems: list[str] = []
        self.evidence: dict[str, _Evidence] = {}

    def flag(self, name: str, value) -> None:
        if not isinstance(value, bool):
            self.problems.append(f"{name} must be true or false, not {json_type(value)}")

    def outcomes(self, where: str, outcomes, occasion: bool) -> None:
        if not isinstance(outcomes, Mapping):
            self.problems.append(f"{where} must be an object of outcome codes, not {json_type(outcomes)}")
            return
        codes = self.scheme.codes
        for code, ways in outcomes.items():
            if code not in codes:
                self.problems.append(
                    f"{where}: {quoted(code)} is not {'an' if self.scheme.who == 'adult' else 'a'} {self.scheme.who} "
                    f"outcome code; use one of {', '.join(codes)}"
                )
                continue
            if not isinstance(ways, list | tuple):
                self.problems.append(f"{where}[{quoted(code)}] must be a list of ways, not {json_type(ways)}")
                continue
            counted = set()
            evidence = self.evidence.setdefault(code, _Evidence())
            for way in ways:
                if not isinstance(way, str):
                    self.problems.append(f"{where}[{quoted(code)}]: each way must be a string, not {json_type(way)}")
                elif way not in self.ref.way_codes:
                    self.problems.append(
                        f"{where}[{quoted(code)}]: {quoted(way)} is not a way of being unable; "
                        f"use one of {', '.join(self.ref.way_codes)}"
                    )
                elif way in self.scheme.ways:
                    counted.add(way)
                else:
                    evidence.set_aside = True
            if counted:
                evidence.ways |= counted
                if occasion:
                    evidence.occasions += 1
                else:
                    evidence.at_assessment = True

    def period(self, over_period) -> list[date]:
        if not isinstance(over_period, Sequence) or isinstance(over_period, str):
            self.problems.append(f"over_period must be a list of occasions, not {json_type(over_period)}")
            return []
        dates = []
        for n, occasion in enumerate(over_period):
            if not isinstance(occasion, Occasion):
                self.problems.append(f"over_period[{n}] must be an Occasion, not {json_type(occasion)}")
                continue
            on = occasion.on
            if not isinstance(on, date) or isinstance(on, datetime):
                self.problems.append(f"over_period[{n}].date must be a date, not {json_type(on)}")
            elif on > self.today:
                self.problems.append(
                    f"over_period[{n}].date: {on.isoformat()} is in the future (today is {self.today.isoformat()})"
                )
            else:
                dates.append(on)
            self.outcomes(f"over_period[{n}].outcomes", occasion.outcomes, occasion=True)
        return dates


def _read(scheme, outcomes, over_period, today, flags: dict) -> tuple[dict[str, _Evidence], list[date]]:
    ref = load_reference()
    if today is None:
        today = date.today()
    elif not isinstance(today, date) or isinstance(today, datetime):
        raise TypeError(f"today must be a date, not {type(today).__name__}")
    reader = _Reader(scheme, ref, today)
    for name, value in flags.items():
        reader.flag(name, value)
    if outcomes is None and not over_period:
        reader.problems.append("outcomes is missing: give the outcomes, or the occasions over a period")
    if outcomes is not None:
        reader.outcomes("outcomes", outcomes, occasion=False)
    dates: list[date] = []
    if over_period is not None:
        if isinstance(over_period, Sequence) and not isinstance(over_period, str) and len(over_period) == 0:
            reader.problems.append("over_period is empty: give at least one occasion, or leave it out")
        else:
            dates = reader.period(over_period)
    if reader.problems:
        raise CaseError(reader.problems)
    return reader.evidence, dates


def _span(dates: list[date]) -> str:
    first, last = min(dates), max(dates)
    return f"on {long_date(first)}" if first == last else f"between {long_date(first)} and {long_date(last)}"


def _when(evidence: _Evidence, dates: list[date]) -> str:
    """On which occasions an outcome was out of reach, e.g. "on 2 of 5 occasions recorded between ..."."""
    n, k = len(dates), evidence.occasions
    if n == 1:
        count = "on the one occasion" if k else "not on the one occasion"
    elif k == 0:
        count = f"on none of the {n} occasions"
    else:
        count = f"on {k} of {n} occasions"
    said = f"{count} recorded {_span(dates)}"
    return f"at the assessment, and {said}" if evidence.at_assessment else said


def _outcome_reasons(scheme, ref, evidence, unable, dates, person) -> list[str]:
    reasons = []
    if dates:
        reasons.append(
            f"Needs that change from day to day were looked at over {len(dates)} recorded "
            f"occasion{'s' if len(dates) != 1 else ''} {_span(dates)}: an outcome counts if it was out of "
            f"reach for {person} on at least one of them."
        )
    for code in unable:
        e = evidence[code]
        ways = "; ".join(ref.way(w).label for w in scheme.ways if w in e.ways)
        when = f" ({_when(e, dates)})" if dates else ""
        reasons.append(f"{_capital(scheme.outcome(code).label)}: {ways}{when}.")
    return reasons


def _unable(scheme, evidence) -> list[str]:
    return [code for code in scheme.codes if code in evidence and evidence[code].ways]


def _labels(scheme, codes) -> str:
    return "; ".join(scheme.outcome(c).label for c in codes)


def _summary(missing: int) -> str:
    if not missing:
        return f"Eligible: all {CONDITIONS} conditions are met."
    return f"Not eligible: {missing} of the {CONDITIONS} conditions {'is' if missing == 1 else 'are'} not met."


def decide_adult(
    *,
    needs_from_impairment: bool,
    outcomes: Mapping[str, Sequence[str]] | None,
    significant_impact: bool,
    over_period: Sequence[Occasion] | None = None,
    today: date | None = None,
) -> Decision:
    """Regulation 2: do an adult's needs meet the eligibility criteria?"""
    ref = load_reference()
    scheme = ref.adult
    evidence, dates = _read(
        scheme,
        outcomes,
        over_period,
        today,
        {"needs_from_impairment": needs_from_impairment, "significant_impact": significant_impact},
    )
    unable = _unable(scheme, evidence)
    enough = len(unable) >= ADULT_MIN_UNABLE
    reasons = []
    if needs_from_impairment:
        reasons.append("The needs come from a physical or mental impairment or illness.")
    else:
        reasons.append("The needs do not come from a physical or mental impairment or illness.")
    if enough:
        reasons.append(f"Unable to achieve {len(unable)} of the outcomes: {_labels(scheme, unable)}.")
    elif unable:
        reasons.append(
            f"Unable to achieve only 1 of the outcomes ({_labels(scheme, unable)}); "
            f"at least {ADULT_MIN_UNABLE} are needed."
        )
    else:
        reasons.append(f"Able to achieve every outcome; being unable to achieve at least {ADULT_MIN_UNABLE} is needed.")
    if significant_impact:
        reasons.append("The needs have, or are likely to have, a significant impact on the person's wellbeing.")
    else:
        reasons.append(
            "The needs do not have, and are not likely to have, a significant impact on the person's wellbeing."
        )
    missing = [needs_from_impairment, enough, significant_impact].count(False)
    reasons = [_summary(missing), *reasons, *_outcome_reasons(scheme, ref, evidence, unable, dates, "the person")]
    return Decision(eligible=not missing, unable=unable, reasons=reasons)


def decide_carer(
    *,
    needs_from_caring: bool,
    health_deteriorating: bool,
    outcomes: Mapping[str, Sequence[str]] | None,
    significant_impact: bool,
    over_period: Sequence[Occasion] | None = None,
    today: date | None = None,
) -> Decision:
    """Regulation 3: do a carer's needs meet the eligibility criteria?

    A way that does not count for carers (taking far longer than usual: reg 3(3) leaves it out)
    is accepted and set aside, and a reason says so; it never makes an outcome count.
    """
    ref = load_reference()
    scheme = ref.carer
    evidence, dates = _read(
        scheme,
        outcomes,
        over_period,
        today,
        {
            "needs_from_caring": needs_from_caring,
            "health_deteriorating": health_deteriorating,
            "significant_impact": significant_impact,
        },
    )
    unable = _unable(scheme, evidence)
    circumstance = health_deteriorating or len(unable) >= CARER_MIN_UNABLE
    reasons = []
    if needs_from_caring:
        reasons.append("The carer's needs come from providing care that the adult needs.")
    else:
        reasons.append("The carer's needs do not come from providing care that the adult needs.")
    if health_deteriorating:
        reasons.append("The carer's physical or mental health is getting worse, or is at risk of getting worse.")
    if unable:
        reasons.append(f"Unable to achieve {len(unable)} of the outcomes: {_labels(scheme, unable)}.")
    if not circumstance:
        reasons.append(
            "The carer's health is not getting worse or at risk of it, and the carer can achieve every "
            "outcome; one of these is needed."
        )
    if significant_impact:
        reasons.append("The needs have, or are likely to have, a significant impact on the carer's wellbeing.")
    else:
        reasons.append(
            "The needs do not have, and are not likely to have, a significant impact on the carer's wellbeing."
        )
    set_aside = [code for code in scheme.codes if code in evidence and evidence[code].set_aside]
    missing = [needs_from_caring, circumstance, significant_impact].count(False)
    reasons = [_summary(missing), *reasons, *_outcome_reasons(scheme, ref, evidence, unable, dates, "the carer")]
    if set_aside:
        reasons.append(
            f"Taking far longer than usual does not count for carers (regulation {scheme.ways_regulation}), "
            f"so it was set aside for: {_labels(scheme, set_aside)}."
        )
    return Decision(eligible=not missing, unable=unable, reasons=reasons)
