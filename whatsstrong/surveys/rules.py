"""Pure rules for experience surveys: no Django, plain values in and out, table-driven tests.

- `definition_problems`: what is wrong with a file of survey definitions (the bundled one, or an
  organisation's own licensed question pack), each problem naming its line in the file.
- Invitation codes: short, in letters and digits no one mixes up, typed with or without spaces.
- `wait_minutes`: how long someone who keeps typing wrong codes must wait.
- `invitation_decision`, `months_later`, `direct_payment_due`: who is invited by an event in
  practice, and the no-repeat window.
- `period_of`, `line_points`, `csv_cell`: results over time, drawn and exported.
- `hidden_cells`: which counts of a results table are hidden, so that no group under five people
  shows and no hidden count can be worked out from the totals that are shown (complementary
  suppression).
"""

from __future__ import annotations

import datetime
import json
import re
import secrets
from dataclasses import dataclass

# --- Survey definitions ----------------------------------------------------------------------------
# "Prefer not to say" is offered with every question, whatever its scale, and counted apart.
PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = "Prefer not to say"
PREFER_NOT_EASY = "I do not want to say"
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_TEXT = 400
AUDIENCES = ("people", "staff")


def _line_of(text: str, needle: str) -> int | None:
    if not text:
        return None
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _where(text: str, code: object, fallback: str) -> str:
    """'line 12' where the item's code is found in the file, else a description of where it sits."""
    line = _line_of(text, f'"{code}"') if isinstance(code, str) and code else None
    return f"line {line}" if line else fallback


def read_definitions(text: str) -> tuple[dict | None, list[str]]:
    """The file read as JSON, or the reason it cannot be, with its line."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [f"Line {error.lineno}: this is not valid JSON ({error.msg})"]
    if not isinstance(data, dict):
        return None, ["The file must hold one JSON object, with 'scales' and 'surveys'"]
    return data, []


def _text_problem(value: object, *, required: bool = True) -> str | None:
    if value is None or value == "":
        return "is empty" if required else None
    if not isinstance(value, str):
        return "must be text"
    if len(value) > MAX_TEXT:
        return f"is longer than {MAX_TEXT} characters"
    return None


def definition_problems(
    data: dict, text: str = "", *, pack: bool = False, known_scales: dict | None = None
) -> list[str]:
    """Every problem in a definitions file, in plain words, each with where it is.

    A pack (an organisation's own licensed questions) must say who holds the licence. Its surveys
    may use its own scales or the bundled ones (`known_scales`)."""
    problems: list[str] = []
    if pack:
        licence = data.get("licence")
        if not isinstance(licence, dict) or _text_problem(licence.get("holder")):
            problems.append(
                'The pack must name who holds the licence for its questions: add "licence": {"holder": ...}'
            )
    scales = data.get("scales") or {}
    if not isinstance(scales, dict):
        problems.append("'scales' must be an object of named answer scales")
        scales = {}
    for name, scale in scales.items():
        where = _where(text, name, f"scale {name}")
        answers = scale.get("answers") if isinstance(scale, dict) else None
        if not isinstance(answers, list) or len(answers) < 2:
            problems.append(f"{where.capitalize()}: scale '{name}' needs at least two answers")
            continue
        seen = set()
        for n, answer in enumerate(answers, 1):
            code = answer.get("code") if isinstance(answer, dict) else None
            place = _where(text, code, f"scale {name}, answer {n}").capitalize()
            if not isinstance(code, str) or not CODE_PATTERN.match(code) or code == PREFER_NOT:
                problems.append(f"{place}: answer {n} of scale '{name}' needs a code of small letters, digits and _")
            elif code in seen:
                problems.append(f"{place}: answer code '{code}' is used twice in scale '{name}'")
            seen.add(code)
            for key in ("label", "easy"):
                trouble = _text_problem(answer.get(key) if isinstance(answer, dict) else None)
                if trouble:
                    problems.append(f"{place}: the '{key}' of answer {n} in scale '{name}' {trouble}")
    usable = set(scales) | set(known_scales or {})
    themes = data.get("themes") or {}
    surveys = data.get("surveys")
    if not isinstance(surveys, list) or not surveys:
        problems.append("The file must list at least one survey under 'surveys'")
        return problems
    codes = set()
    for n, survey in enumerate(surveys, 1):
        if not isinstance(survey, dict):
            problems.append(f"Survey {n} must be a JSON object")
            continue
        code = survey.get("code")
        place = _where(text, code, f"survey {n}").capitalize()
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            problems.append(f"{place}: survey {n} needs a code of small letters, digits and _")
        elif code in codes:
            problems.append(f"{place}: survey code '{code}' is used twice")
        codes.add(code)
        for key in ("title", "easy_title", "intro"):
            trouble = _text_problem(survey.get(key))
            if trouble:
                problems.append(f"{place}: the '{key}' of survey '{code}' {trouble}")
        if survey.get("scale") not in usable:
            problems.append(f"{place}: survey '{code}' names a scale that is not defined: {survey.get('scale')!r}")
        if survey.get("audience", "people") not in AUDIENCES:
            problems.append(f"{place}: survey '{code}' has an audience that is not 'people' or 'staff'")
        problems += _statement_problems(survey, code, text, themes)
        more = survey.get("more")
        if more is not None and (not isinstance(more, dict) or _text_problem(more.get("text"))):
            problems.append(f"{place}: the 'more' question of survey '{code}' needs its 'text'")
    return problems


def _statement_problems(survey: dict, survey_code: object, text: str, themes: dict) -> list[str]:
    problems = []
    statements = survey.get("statements")
    if not isinstance(statements, list) or not statements:
        return [f"Survey '{survey_code}' has no statements"]
    seen = set()
    for n, statement in enumerate(statements, 1):
        if not isinstance(statement, dict):
            problems.append(f"Statement {n} of survey '{survey_code}' must be a JSON object")
            continue
        code = statement.get("code")
        needle = statement.get("text") if isinstance(statement.get("text"), str) else code
        line = _line_of(text, f'"{needle}"') if isinstance(needle, str) and needle else None
        place = f"Line {line}" if line else f"Survey '{survey_code}', statement {n}"
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            problems.append(f"{place}: statement {n} needs a code of small letters, digits and _")
        elif code in seen:
            problems.append(f"{place}: statement code '{code}' is used twice in survey '{survey_code}'")
        seen.add(code)
        trouble = _text_problem(statement.get("text"))
        if trouble:
            problems.append(f"{place}: the text of statement {n} {trouble}")
        easy = statement.get("easy")
        if not isinstance(easy, list) or not easy or any(_text_problem(s) for s in easy):
            problems.append(f"{place}: statement {n} needs an easy-read version: a list of short sentences")
        else:
            long = [s for s in easy if len(s.split()) > 12]
            if long:
                problems.append(f"{place}: easy-read sentences keep to 12 words or fewer: {long[0]!r}")
        theme = statement.get("theme")
        if theme and theme not in themes:
            problems.append(f"{place}: statement {n} names a theme that is not listed: {theme!r}")
    return problems


# --- Invitation codes ------------------------------------------------------------------------------
# No 0 or O, 1, I or L, 2 or Z, 5 or S, 8 or B, U or V: letters and digits that are easy to tell apart
# when read from a letter or over the phone. Eight of them give about 7.8 x 10^10 codes.
CODE_ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def show_code(code: str) -> str:
    """ABCD EFGH: two groups of four are easier to read out and to copy."""
    return f"{code[:4]} {code[4:]}"


def read_code(typed: str) -> tuple[str | None, str | None]:
    """(the code, None), or (None, what is wrong with what was typed) in plain words."""
    code = re.sub(r"[\s\-]", "", typed or "").upper()
    if not code:
        return None, "Enter the code from your letter"
    if len(code) != CODE_LENGTH:
        return None, f"The code has {CODE_LENGTH} letters and numbers: check your letter"
    if any(c not in CODE_ALPHABET for c in code):
        return None, "Check the code: it is printed in large letters on your letter"
    return code, None


# --- Guessing codes ---------------------------------------------------------------------------------
WRONG_CODE_LIMIT = 10
WRONG_CODE_WINDOW = datetime.timedelta(minutes=30)


def wait_minutes(
    wrong_at: list[datetime.datetime],
    now: datetime.datetime,
    *,
    limit: int = WRONG_CODE_LIMIT,
    window: datetime.timedelta = WRONG_CODE_WINDOW,
) -> int:
    """Minutes before another code may be tried from an address with these wrong codes (0: now).

    After `limit` wrong codes within `window`, the address waits until the oldest of them has
    left the window."""
    recent = sorted(t for t in wrong_at if now - t < window)
    if len(recent) < limit:
        return 0
    free_at = recent[-limit] + window
    seconds = (free_at - now).total_seconds()
    return max(1, -(-int(seconds) // 60))


# --- Showing results --------------------------------------------------------------------------------
MINIMUM_GROUP = 5


@dataclass(frozen=True)
class Hidden:
    rows: frozenset[int]  # whole groups hidden (their total too)
    cells: frozenset[tuple[int, int]]  # (row, column) counts hidden, including every cell of a hidden row

    def __contains__(self, cell: tuple[int, int]) -> bool:
        return cell in self.cells


def hidden_cells(counts: list[list[int]], *, minimum: int = MINIMUM_GROUP, totals_across: bool = False) -> Hidden:
    """Which counts to hide in a table of groups (rows) by answers (columns).

    Each row's total is shown, so:
    1. a group with fewer than `minimum` answers is hidden whole;
    2. a count from 1 to `minimum - 1` is hidden (a 0 says nothing about anyone);
    3. no row is left with a single hidden count, which its total would give away: the smallest
       other count in the row is hidden with it.
    With `totals_across` (a row of totals over all groups is shown too), the same holds down each
    column, and a single hidden group is hidden together with the next smallest, or the all-groups
    total would give it away. Steps 3 and this repeat until nothing changes.
    """
    rows = range(len(counts))
    columns = range(len(counts[0]) if counts else 0)
    totals = [sum(row) for row in counts]
    small = {r for r in rows if 0 < totals[r] < minimum}
    if totals_across and len(small) == 1:
        others = sorted((totals[r], r) for r in rows if r not in small and totals[r] > 0)
        if others:
            small.add(others[0][1])
    hidden = {(r, c) for r in small for c in columns}
    hidden |= {(r, c) for r in rows if r not in small for c in columns if 0 < counts[r][c] < minimum}

    def lines():
        yield from ([(r, c) for c in columns] for r in rows if r not in small)
        if totals_across:
            yield from ([(r, c) for r in rows] for c in columns)

    changed = True
    while changed:
        changed = False
        for line in lines():
            inside = [cell for cell in line if cell in hidden]
            if len(inside) != 1:
                continue
            partners = sorted((counts[r][c], r, c) for r, c in line if (r, c) not in hidden and r not in small)
            if partners:
                _, r, c = partners[0]
                hidden.add((r, c))
                changed = True
    return Hidden(rows=frozenset(small), cells=frozenset(hidden))


def agree_share(counts: dict[str, int], agreeing: set[str]) -> float | None:
    """The share of those who gave an answer (not 'Prefer not to say') who agreed, 0 to 1."""
    answered = sum(n for code, n in counts.items() if code != PREFER_NOT)
    if not answered:
        return None
    return sum(counts.get(code, 0) for code in agreeing) / answered


# --- Names and contact details in free text ------------------------------------------------------------
# The language coach's check turned round: not words to avoid in practice, but details that could say
# who wrote something, flagged for a survey manager to take out before sharing.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\w)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)*")
# Capitalised words that are not names: days, months, and words a comment often starts a clause with.
NOT_NAMES = {
    *"I Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    *"January February March April May June July August September October November December".split(),
    *"The A An My Our We They It This That Thank Thanks Yes No Since When What Who How Why".split(),
    *"Phone Email Council Christmas Easter English".split(),
}


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    kind: str  # "email", "phone", "postcode", "name"


def identifying_details(text: str) -> list[Flag]:
    """What in this text may identify someone: email addresses, phone numbers, postcodes, and
    capitalised words that are not at the start of a sentence (possible names). In text order,
    none overlapping."""
    found: list[Flag] = []

    def free(start, end):
        return all(end <= f.start or start >= f.end for f in found)

    for kind, pattern in (("email", EMAIL), ("phone", PHONE), ("postcode", POSTCODE)):
        found += [Flag(m.start(), m.end(), kind) for m in pattern.finditer(text) if free(m.start(), m.end())]
    for match in CAPITALISED.finditer(text):
        words = match.group().split()
        start = match.start()
        before = text[:start].rstrip()
        if not before or before[-1] in '.!?\n"“':
            # The first word of a sentence is capitalised anyway: only what follows it may be a name.
            if len(words) == 1:
                continue
            start = match.start() + len(words[0]) + (match.group()[len(words[0]) :].find(words[1]))
            words = words[1:]
        if all(w in NOT_NAMES for w in words):
            continue
        if free(start, match.end()):
            found.append(Flag(start, match.end(), "name"))
    return sorted(found, key=lambda f: f.start)


def marked(text: str) -> list[tuple[str, str]]:
    """The text in pieces, each with the kind of detail it is, or '' for the rest."""
    pieces, at = [], 0
    for flag in identifying_details(text):
        if flag.start > at:
            pieces.append((text[at : flag.start], ""))
        pieces.append((text[flag.start : flag.end], flag.kind))
        at = flag.end
    if at < len(text):
        pieces.append((text[at:], ""))
    return pieces


# --- Invitations from practice ------------------------------------------------------------------------
NO_REPEAT_MONTHS = 6


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier, if negative), or the month's last day if it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@dataclass(frozen=True)
class Decision:
    invite: bool
    reason: str


def invitation_decision(
    *,
    trigger_on: bool,
    last_invited: datetime.date | None,
    today: datetime.date,
    months_apart: int = NO_REPEAT_MONTHS,
    already_for_event: bool = False,
    survey_exists: bool = True,
) -> Decision:
    """Whether an event in practice invites the person now, and why not if it does not.

    Nobody is invited twice within `months_apart` months of their last invitation to any survey,
    however it came (by hand or by an event); the same event never invites twice; a trigger that is
    switched off invites no one."""
    if not trigger_on:
        return Decision(False, "This kind of invitation is switched off")
    if not survey_exists:
        return Decision(False, "The survey is not on offer")
    if already_for_event:
        return Decision(False, "This event has invited them already")
    if last_invited is not None and today < months_later(last_invited, months_apart):
        return Decision(False, f"Invited on {last_invited:%d %B %Y}, less than {months_apart} months ago")
    return Decision(True, "Invite")


DIRECT_PAYMENT_MONTHS = 3


def direct_payment_due(agreed_on: datetime.date, today: datetime.date) -> bool:
    """A direct payment agreed on this day has run for three months by `today`."""
    return months_later(agreed_on, DIRECT_PAYMENT_MONTHS) <= today


# --- Results over time -------------------------------------------------------------------------------------
PERIODS = ("month", "quarter")


def period_of(month: datetime.date, by: str) -> datetime.date:
    """The first day of the month or quarter this month falls in."""
    if by == "quarter":
        return month.replace(month=(month.month - 1) // 3 * 3 + 1, day=1)
    return month.replace(day=1)


def period_label(start: datetime.date, by: str) -> str:
    if by == "quarter":
        return f"{start:%b}–{months_later(start, 2):%b %Y}"
    return f"{start:%b %Y}"


def line_points(
    shares: list[float | None], *, width: float, height: float, left: float = 0, top: float = 0
) -> list[list[tuple[float, float]]]:
    """Where to draw a line of shares (0 to 1) evenly across a chart, in runs: a hidden share (None)
    breaks the line rather than being drawn as 0."""
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    step = width / (len(shares) - 1) if len(shares) > 1 else 0
    for n, share in enumerate(shares):
        if share is None:
            if current:
                runs.append(current)
            current = []
            continue
        current.append((round(left + n * step, 1), round(top + (1 - share) * height, 1)))
    if current:
        runs.append(current)
    return runs


def csv_cell(value: object) -> str:
    """A value for a CSV file that a spreadsheet will not run: text starting =, +, -, @ or a tab
    is given a leading apostrophe, so it shows as text, never as a formula."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def read_percent(typed: str) -> tuple[float | None, str | None]:
    """A percentage typed in (64, 64.5 or 64.5%), as a number, or what is wrong with it; (None, None)
    when nothing was typed."""
    text = (typed or "").strip().removesuffix("%").strip()
    if not text:
        return None, None
    if not re.fullmatch(r"\d{1,3}(\.\d)?", text):
        return None, "Enter a percentage, like 64 or 64.5, with at most one decimal place"
    value = float(text)
    if value > 100:
        return None, "Enter a percentage from 0 to 100"
    return value, None


# --- Response rates --------------------------------------------------------------------------------------


def response_rate(invited: int, answered: int, *, minimum: int = MINIMUM_GROUP) -> float | None:
    """The share of invitations answered, or None where fewer than `minimum` were sent (a rate of a
    handful would say whether a named person answered)."""
    if invited < minimum:
        return None
    return min(1.0, answered / invited)
