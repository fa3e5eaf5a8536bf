"""Rules for practice quality assurance, as pure functions over plain values (no Django here).

- The data file of practice standards and the rating scale (`data_problems`).
- The pre-screen: indicators an auditor sees before reading a record (`Indicators`, `levels`,
  `attention`). Each indicator is read on its own; nothing here adds them into one score, because
  they help choose and prepare an audit and never stand in for the auditor's judgement.
- Ratings and moderation (`rating_problem`, `moderation_problems`, `differences`, `agreement`).
- Sampling (`draw_sample`): a documented rule that gives the same sample for the same inputs.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import re
from dataclasses import dataclass, field

GROUPS = ("practice", "reflective")
KINDS = ("record", "observation", "supervision", "thematic")
INDICATOR_KEYS = ("own_words", "strengths", "network", "wellbeing", "outcomes", "language", "review")
LEVELS = ("own", "network", "community")
WELLBEING_AREAS = 9

# --- The data file -----------------------------------------------------------------------------------


def data_problems(data: dict) -> list[str]:
    """Everything wrong with a standards data file (audits/data/standards.json), in plain words."""
    problems = []
    groups = set(data.get("groups", {}))
    if set(GROUPS) - groups:
        problems.append(f"the groups must include {', '.join(GROUPS)}")
    scale = data.get("scale", [])
    if not 2 <= len(scale) <= 7:
        problems.append("the rating scale needs between 2 and 7 levels")
    codes, values = set(), set()
    for n, level in enumerate(scale, start=1):
        for key in ("code", "label", "description"):
            if not str(level.get(key, "")).strip():
                problems.append(f"rating level {n} has no {key}")
        if level.get("code") in codes:
            problems.append(f"rating level {n} repeats a code")
        if not isinstance(level.get("value"), int) or isinstance(level.get("value"), bool) or level["value"] < 1:
            problems.append(f"rating level {n} needs a whole number value of 1 or more")
        elif level["value"] in values:
            problems.append(f"rating level {n} repeats a value")
        codes.add(level.get("code"))
        values.add(level.get("value"))
    seen = set()
    for n, standard in enumerate(data.get("standards", []), start=1):
        where = f"standard {n} ({standard.get('code', 'no code')})"
        for key in ("code", "name", "expectation"):
            if not str(standard.get(key, "")).strip():
                problems.append(f"{where} has no {key}")
        if standard.get("code") in seen:
            problems.append(f"{where} repeats a code")
        seen.add(standard.get("code"))
        if standard.get("group") not in groups:
            problems.append(f"{where} has an unknown group {standard.get('group')!r}")
        if not standard.get("evidence"):
            problems.append(f"{where} says nothing about the evidence to look for")
        unknown = [k for k in standard.get("prescreen", []) if k not in INDICATOR_KEYS]
        if unknown:
            problems.append(f"{where} names unknown pre-screen indicators: {', '.join(unknown)}")
    if not seen:
        problems.append("there are no standards")
    return problems


def themes_problems(data: dict) -> list[str]:
    """Everything wrong with the learning themes data file (audits/data/themes.json)."""
    problems, seen = [], set()
    for n, theme in enumerate(data.get("themes", []), start=1):
        for key in ("code", "name"):
            if not str(theme.get(key, "")).strip():
                problems.append(f"theme {n} has no {key}")
        if theme.get("code") in seen:
            problems.append(f"theme {n} repeats a code")
        seen.add(theme.get("code"))
    if not seen:
        problems.append("there are no themes")
    return problems


def record_numbers(text: str) -> tuple[list[int], list[str]]:
    """Record numbers typed as a list (commas, spaces or new lines between), each once in the order
    typed, and anything typed that is not a whole number."""
    numbers, bad = [], []
    for part in re.split(r"[\s,;]+", text or ""):
        if not part:
            continue
        if part.isdigit() and 0 < int(part) < 2**63:
            if int(part) not in numbers:
                numbers.append(int(part))
        else:
            bad.append(part)
    return numbers, bad


# --- Quarters ----------------------------------------------------------------------------------------

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
QUARTER_MESSAGE = "Enter a quarter like 2026-Q3 (the year, then Q1 to Q4)"


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_problem(text: str) -> str | None:
    match = QUARTER.match((text or "").strip())
    if not match or not 2000 <= int(match.group(1)) <= 2100:
        return QUARTER_MESSAGE
    return None


def quarter_dates(quarter: str) -> tuple[datetime.date, datetime.date]:
    """The first day of the quarter and the first day of the next."""
    year, q = int(quarter[:4]), int(quarter[-1])
    start = datetime.date(year, 3 * q - 2, 1)
    end = datetime.date(year + 1, 1, 1) if q == 4 else datetime.date(year, 3 * q + 1, 1)
    return start, end


# --- The pre-screen ----------------------------------------------------------------------------------

FIRST_PERSON = re.compile(r"\b(I|I'm|I\u2019m|I've|I\u2019ve|I'd|I\u2019d|I'll|I\u2019ll|me|my|mine|myself)\b")
THIRD_PERSON_START = re.compile(r"^\s*(she|he|they|the person|service user|client|mr|mrs|ms|miss)\b", re.I)


def first_person(text: str) -> bool:
    """An outcome written as the person would say it: it speaks as "I" or "my" and does not open by
    talking about them ("She wants to ...")."""
    text = (text or "").strip()
    return bool(text) and not THIRD_PERSON_START.match(text) and bool(FIRST_PERSON.search(text))


@dataclass(frozen=True)
class Indicators:
    """What the pre-screen found in one record or assessment. Plain counts, each read on its own."""

    quoted: int = 0  # letters inside quotation marks
    letters: int = 0  # letters in all
    strengths: dict[str, int] = field(default_factory=dict)  # level -> how many
    wellbeing: int = 0  # of the nine areas, how many have anything written or ranked
    network: int = 0  # network members recorded (not counting those who have died)
    outcomes: int = 0
    outcomes_first_person: int = 0
    deficit: int = 0
    jargon: int = 0
    days_since_review: int | None = None  # None: no review yet
    review_overdue: bool = False

    @property
    def own_words_share(self) -> float | None:
        return self.quoted / self.letters if self.letters else None


# What each indicator needs to read "good", and below which it reads "low". Between is "some".
OWN_WORDS_GOOD, OWN_WORDS_LOW = 0.15, 0.03
WELLBEING_GOOD, WELLBEING_LOW = 6, 3
NETWORK_GOOD, NETWORK_LOW = 2, 1
REVIEW_GOOD_DAYS, REVIEW_LOW_DAYS = 365, 450
# Findings of the coach per 1,000 letters written: language reads "good" with none at all, "low" above this.
LANGUAGE_LOW_PER_1000 = 1.0

LOW, SOME, GOOD, NOT_YET = "low", "some", "good", "not_yet"
LEVEL_WORDS = {LOW: "Look closer", SOME: "Some", GOOD: "Good", NOT_YET: "Nothing to read yet"}


def _band(value: float, good: float, low: float) -> str:
    return GOOD if value >= good else LOW if value < low else SOME


def levels(ind: Indicators) -> dict[str, str]:
    """Each indicator's own reading: good, some, low, or nothing to read yet. Never combined."""
    share = ind.own_words_share
    found = {}
    found["own_words"] = NOT_YET if share is None else _band(share, OWN_WORDS_GOOD, OWN_WORDS_LOW)
    at = [ind.strengths.get(level, 0) for level in LEVELS]
    found["strengths"] = GOOD if all(at) else LOW if not any(at) else SOME
    found["network"] = _band(ind.network, NETWORK_GOOD, NETWORK_LOW)
    found["wellbeing"] = _band(ind.wellbeing, WELLBEING_GOOD, WELLBEING_LOW)
    if not ind.outcomes:
        found["outcomes"] = NOT_YET
    else:
        found["outcomes"] = _band(ind.outcomes_first_person / ind.outcomes, 1.0, 0.5)
    findings = ind.deficit + ind.jargon
    if not ind.letters:
        found["language"] = NOT_YET
    elif findings == 0:
        found["language"] = GOOD
    else:
        found["language"] = LOW if findings * 1000 / ind.letters > LANGUAGE_LOW_PER_1000 else SOME
    if ind.review_overdue:
        found["review"] = LOW
    elif ind.days_since_review is None:
        found["review"] = NOT_YET
    else:
        found["review"] = (
            GOOD
            if ind.days_since_review <= REVIEW_GOOD_DAYS
            else LOW
            if ind.days_since_review > REVIEW_LOW_DAYS
            else SOME
        )
    return found


ATTENTION_WORDS = {
    "own_words": "Little of the writing is in the person's own words",
    "strengths": "No strengths are recorded at any of the three levels",
    "network": "No one from the person's network is recorded",
    "wellbeing": "Fewer than three of the nine wellbeing areas are written about",
    "outcomes": "Fewer than half of the outcomes are in the person's words",
    "language": "The language coach found several deficit words or unexplained terms",
    "review": "The review is overdue or more than 15 months old",
}


def attention(ind: Indicators) -> list[str]:
    """Why the pre-screen marks a record for an auditor's attention: every indicator reading low, each
    named, in a fixed order. An empty list marks nothing."""
    found = levels(ind)
    return [ATTENTION_WORDS[key] for key in INDICATOR_KEYS if found[key] == LOW]


# --- Ratings and moderation --------------------------------------------------------------------------

RATING_MISSING = "Choose a rating for {standard}"
RATING_UNKNOWN = "Choose a rating from the scale for {standard}"
ADJUST_NO_REASON = "Say why you changed the rating for {standard}"
ADJUST_NO_RATING = "Choose the rating you would give for {standard}, or say you agree"


def rating_problem(code: str | None, scale: list[str], standard: str, *, required: bool = False) -> str | None:
    """What is wrong with a rating given for a standard; None when nothing is (or none is given and
    none is needed yet)."""
    if not code:
        return RATING_MISSING.format(standard=standard) if required else None
    if code not in scale:
        return RATING_UNKNOWN.format(standard=standard)
    return None


@dataclass(frozen=True)
class Difference:
    standard: str
    auditor: str
    moderator: str
    step: int  # moderator's value minus the auditor's: above 0 the moderator rated higher


def moderation_problems(
    auditor: dict[str, str],
    moderator: dict[str, str | None],
    reasons: dict[str, str],
    scale: list[str],
    names: dict[str, str] | None = None,
) -> dict[str, str]:
    """By standard code: a moderator's rating outside the scale, or one that differs from the
    auditor's with no reason. A standard left without a rating agrees with the auditor."""
    problems = {}
    for code, given in auditor.items():
        theirs, name = moderator.get(code), (names or {}).get(code, code)
        if not theirs:
            continue
        if theirs not in scale:
            problems[code] = RATING_UNKNOWN.format(standard=name)
        elif theirs != given and not (reasons.get(code) or "").strip():
            problems[code] = ADJUST_NO_REASON.format(standard=name)
    return problems


def differences(auditor: dict[str, str], moderator: dict[str, str], values: dict[str, int]) -> list[Difference]:
    """Each standard the moderator rated differently from the auditor, in the auditor's order."""
    return [
        Difference(code, given, moderator[code], values[moderator[code]] - values[given])
        for code, given in auditor.items()
        if moderator.get(code) and moderator[code] != given
    ]


def agreement(rated: int, differed: int) -> str:
    """How often a moderator agreed, said in words ("9 of 10 ratings agreed")."""
    if rated <= 0:
        return "No ratings moderated yet"
    return f"{rated - differed} of {rated} rating{'s' if rated != 1 else ''} agreed"


# --- Sampling ----------------------------------------------------------------------------------------

SAMPLE_RULE = (
    "Every case the pre-screen marks for attention is taken first (lowest record number first, up to the "
    "sample size); the rest of the sample is drawn at random from the other cases, sorted by record "
    "number, by Python's random.Random seeded with the SHA-256 of the team, the quarter and the seed "
    "typed. The same cases, team, quarter and seed always give the same sample."
)
RANDOM, ATTENTION, SELF_AUTHORISED = "random", "attention", "self_authorised"


def seed_for(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def draw_sample(
    cases: list[int], *, marked: set[int], size: int, team: str, quarter: str, seed: str
) -> list[tuple[int, str]]:
    """(case id, why it was drawn) for a team's quarter: see SAMPLE_RULE."""
    ordered = sorted(set(cases))
    chosen = [(c, ATTENTION) for c in ordered if c in marked][:size]
    rest = [c for c in ordered if c not in marked]
    wanted = max(0, min(size - len(chosen), len(rest)))
    picked = random.Random(seed_for(team, quarter, seed)).sample(rest, wanted)
    return chosen + [(c, RANDOM) for c in sorted(picked)]


def self_authorised_sample(cases: list[int], *, share: float, quarter: str, seed: str) -> list[int]:
    """A share (0 to 1) of self-authorised assessments, at least one when there are any, drawn the
    same way: same cases, quarter and seed, same sample."""
    ordered = sorted(set(cases))
    if not ordered:
        return []
    wanted = min(len(ordered), max(1, round(len(ordered) * share)))
    return sorted(random.Random(seed_for("self-authorised", quarter, seed)).sample(ordered, wanted))


SIZE_MESSAGE = "Enter a sample size from 1 to 50"
SEED_MESSAGE = "Enter a seed: any word or number, so the same sample can be drawn again"


def sample_problems(*, size: int | None, seed: str, quarter: str) -> dict[str, str]:
    problems = {}
    if size is None or not 1 <= size <= 50:
        problems["size"] = SIZE_MESSAGE
    if not (seed or "").strip() or len(seed) > 40:
        problems["seed"] = SEED_MESSAGE
    problem = quarter_problem(quarter)
    if problem:
        problems["quarter"] = problem
    return problems


# --- The quarterly themes report ---------------------------------------------------------------------

MAX_QUARTERS = 12
PERIOD_ORDER = "The first quarter must be the same as the last quarter or before it"
PERIOD_LONG = f"Choose at most {MAX_QUARTERS} quarters (three years)"


def quarter_index(quarter: str) -> int:
    return int(quarter[:4]) * 4 + int(quarter[-1]) - 1


def quarter_from_index(n: int) -> str:
    return f"{n // 4}-Q{n % 4 + 1}"


def quarters_back(last: str, count: int) -> str:
    """The quarter `count - 1` before `last`, so the two bound `count` quarters."""
    return quarter_from_index(quarter_index(last) - count + 1)


def period_problems(first: str, last: str) -> dict[str, str]:
    """What is wrong with a report's period typed as two quarters ("2026-Q1" to "2026-Q4")."""
    problems = {}
    for key, text in (("first", first), ("last", last)):
        problem = quarter_problem(text)
        if problem:
            problems[key] = problem
    if not problems:
        span = quarter_index(last.strip()) - quarter_index(first.strip())
        if span < 0:
            problems["first"] = PERIOD_ORDER
        elif span >= MAX_QUARTERS:
            problems["first"] = PERIOD_LONG
    return problems


def quarters_between(first: str, last: str) -> list[str]:
    return [quarter_from_index(n) for n in range(quarter_index(first), quarter_index(last) + 1)]


def percent(part: int, whole: int) -> int | None:
    """A whole-number percentage, or None when there is nothing to divide by."""
    return round(part * 100 / whole) if whole else None


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A value made safe for a spreadsheet: text that a spreadsheet would read as a formula gets a
    leading apostrophe, so the file holds figures and words only, never a live formula."""
    text = "" if value is None else str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class Segment:
    name: str
    value: int
    x: float
    width: float
    css: str


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    segments: list[Segment]


def stacked_bars(rows: list[tuple[str, list[tuple[str, int]]]], *, width: float = 100.0) -> list[Bar]:
    """Geometry for a horizontal stacked bar chart in percentages of each bar's own total: each
    row (label, [(segment name, count)]) becomes a bar whose segments sit side by side. A bar with
    nothing in it has no segments. Segment colours are numbered by position (css "seg-0", ...)."""
    bars = []
    for label, parts in rows:
        total = sum(n for _, n in parts)
        x, segments = 0.0, []
        for i, (name, n) in enumerate(parts):
            w = n * width / total if total else 0.0
            if n:
                segments.append(Segment(name, n, round(x, 2), round(w, 2), f"seg-{i}"))
            x += w
        bars.append(Bar(label, total, segments))
    return bars


def scaled_bars(rows: list[tuple[str, int]], *, width: float = 100.0) -> list[Bar]:
    """Geometry for a simple horizontal bar chart, each bar scaled to the largest."""
    top = max((n for _, n in rows), default=0)
    return [
        Bar(label, n, [Segment(label, n, 0.0, round(n * width / top, 2), "seg-0")] if n and top else [])
        for label, n in rows
    ]
