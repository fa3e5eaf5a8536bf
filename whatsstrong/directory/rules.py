"""Rules of the community directory, as pure functions over plain values (no Django here).

Words: how text becomes search words, how a typed word matches a stored one (exactly, as its
start, or with one slip), and how matches add up to a ranking. Places: reading a postcode or a
point, and the distance between two points. Times, ages, costs, and when an entry is due a check.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from whatsstrong.people.rules import OUTWARD_CODE, name_key, normalise_postcode, postcode_problem, prefix_end

__all__ = ["prefix_end"]  # re-exported for the search, which reads prefix ranges the way people search does

# --- Words ---------------------------------------------------------------------------------------

# Too common to tell services apart; left out of the index and of what is typed.
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or our so the to up us we with you your".split()
)
SHORTEST_WORD = 2
LONGEST_WORD = 40  # the index column's length
# A typed word this long may have one slip: a letter missing, extra, changed, or two letters swapped
# (the stored and typed words are the same once at most one letter is dropped from each).
SLIP_FROM = 4
# Words of a search looked for; the rest of a long query is ignored (each word is a few index reads).
MOST_WORDS = 10

# How much a word counts, by where it is in the entry: its name counts most.
NAME, CATEGORY, ORGANISATION, PLACE, DESCRIPTION = 4, 2, 2, 1, 1
# How well a typed word matches a stored one.
EXACT, PREFIX, SLIP = 1.0, 0.75, 0.5

_BREAKS = re.compile(r"[\s/\\,.;:!?()\[\]{}&+*\"|<>=@#~^`]+")
_INNER = re.compile(r"[\s\-]+")


def words(text: str | None) -> list[str]:
    """The search words in some text, in order, without repeats: lower case, without accents
    (people.rules.name_key, as names are searched), apostrophes dropped, common words left out."""
    found: list[str] = []
    for chunk in _BREAKS.split(text or ""):
        if not chunk:
            continue
        for word in _INNER.split(name_key(chunk).replace("'", "")):
            word = word[:LONGEST_WORD]
            if len(word) >= SHORTEST_WORD and word not in STOP_WORDS and word not in found:
                found.append(word)
    return found


def index_words(
    *,
    name: str,
    kind: str = "",
    categories: Iterable[str] = (),
    organisation: str = "",
    places: Iterable[str] = (),
    description: str = "",
) -> dict[str, int]:
    """{word: weight} for a service: each word once, at the weight of the weightiest place it is in."""
    weighted: dict[str, int] = {}
    parts = [(name, NAME), (kind, CATEGORY), (organisation, ORGANISATION), (description, DESCRIPTION)]
    parts += [(c, CATEGORY) for c in categories] + [(p, PLACE) for p in places]
    for text, weight in parts:
        for word in words(text):
            if weighted.get(word, 0) < weight:
                weighted[word] = weight
    return weighted


def variants(word: str) -> set[str]:
    """The keys a word is filed and looked up under: itself, and, from SLIP_FROM letters, itself
    with each one letter dropped."""
    if len(word) < SLIP_FROM:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def match_quality(typed: str, stored: str) -> float:
    """How well a stored word answers a typed one that found it (by prefix or a shared key)."""
    if stored == typed:
        return EXACT
    if stored.startswith(typed):
        return PREFIX
    return SLIP


def rank(matches: list[dict[str, float]], postings: Iterable[tuple[object, str, int]]) -> dict[object, float]:
    """{service: score} for services with a match for every typed word. `matches` holds, for each
    typed word, the stored words that answer it with their quality; `postings` are (service, word,
    weight). A typed word scores its best match in the service; the score is their sum."""
    count = len(matches)
    best: dict[object, list[float]] = {}
    for service, word, weight in postings:
        for i, found in enumerate(matches):
            quality = found.get(word)
            if quality:
                scores = best.setdefault(service, [0.0] * count)
                if weight * quality > scores[i]:
                    scores[i] = weight * quality
    return {service: sum(scores) for service, scores in best.items() if all(scores)}


# --- Places --------------------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088  # the mean radius
KM_PER_MILE = 1.609344
KM_PER_DEGREE = 111.32  # of latitude, and of longitude at the equator
PLACE_PROBLEM = (
    "Enter a postcode, like CV1 2GN, the first part of one, like CV1, or a latitude and longitude, like 52.41, -1.51"
)
_POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Place:
    """What a "near" box holds: a point, a full postcode or an outward code."""

    kind: str  # "point", "postcode" or "outward"
    point: Point | None = None
    code: str = ""


def postcode_key(value: str | None) -> str:
    """A real postcode normalised ("CV1 2GN"); anything else in upper case, as typed."""
    return normalise_postcode(value) if not postcode_problem(value) else (value or "").strip().upper()


def outward_code(key: str) -> str:
    """The part of a postcode before the space ("CV1"), or nothing for something that is not one."""
    return key.split(" ")[0] if " " in key and not postcode_problem(key) else ""


def gap_area(text: str) -> str:
    """An area as counted: a postcode becomes its first part ("CV6 1GQ" and "cv6" count as "CV6");
    other words are kept as typed, spaces tidied."""
    key = postcode_key(text)
    if outward_code(key):
        return outward_code(key)
    if OUTWARD_CODE.match(key.replace(" ", "")):
        return key.replace(" ", "")
    return " ".join((text or "").split())


def read_place(text: str) -> Place | str:
    """The place typed into "near", or the words saying what to type."""
    text = (text or "").strip()
    point = _POINT.match(text)
    if point:
        latitude, longitude = float(point.group(1)), float(point.group(2))
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            return Place("point", point=Point(latitude, longitude))
        return "A latitude is between -90 and 90, and a longitude between -180 and 180"
    if not postcode_problem(text):
        return Place("postcode", code=normalise_postcode(text))
    if OUTWARD_CODE.match(text.replace(" ", "").upper()):
        return Place("outward", code=text.replace(" ", "").upper())
    return PLACE_PROBLEM


def distance_km(a: Point, b: Point) -> float:
    """The distance over the earth's surface (the haversine formula), in kilometres."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def miles(km: float) -> float:
    return km / KM_PER_MILE


def one_line(address: str, town: str, postcode: str) -> str:
    """A place's address on one line: its lines, then the town and the postcode."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    return ", ".join([*lines, town, postcode])


def box(centre: Point, km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) of a box holding every point within `km` of the centre."""
    dlat = km / KM_PER_DEGREE
    cos = math.cos(math.radians(centre.latitude))
    dlon = 180.0 if cos < 1e-6 else min(180.0, km / (KM_PER_DEGREE * cos))
    return centre.latitude - dlat, centre.latitude + dlat, centre.longitude - dlon, centre.longitude + dlon


def middle(points: list[Point]) -> Point | None:
    """The average of some nearby points (the places sharing a postcode), or None without any."""
    if not points:
        return None
    return Point(sum(p.latitude for p in points) / len(points), sum(p.longitude for p in points) / len(points))


# --- Opening times -------------------------------------------------------------------------------

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Open Referral UK writes days as iCalendar does.
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TIME_PROBLEM = "Enter a time like 10:00, 9.30 or 2pm"


def session_text(weekday: int, opens: datetime.time, closes: datetime.time) -> str:
    """One weekly session as a list of results shows it: "Tuesday 10:00 to 12:00"."""
    return f"{DAYS[weekday]} {opens:%H:%M} to {closes:%H:%M}"


_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)


def read_time(text: str) -> datetime.time | str:
    """A time typed as 10:00, 9.30, 14:30, 2pm or 11.15am; otherwise the words saying how to type it."""
    found = _TIME.match(text or "")
    if not found:
        return TIME_PROBLEM
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), (found.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return TIME_PROBLEM
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif found.group(2) is None:
        return TIME_PROBLEM  # "10" alone could be morning or night
    if hour > 23 or minute > 59:
        return TIME_PROBLEM
    return datetime.time(hour, minute)


def read_day(text: str) -> int | None:
    """A day as a name ("monday", "Mon") or an iCalendar code ("MO"): 0 for Monday; None if not a day."""
    text = (text or "").strip().lower()
    for number, (name, code) in enumerate(zip(DAYS, DAY_CODES, strict=True)):
        if text and (text == code.lower() or (len(text) >= 3 and name.lower().startswith(text))):
            return number
    return None


def session_problem(opens: datetime.time | None, closes: datetime.time | None) -> str | None:
    if opens is None and closes is None:
        return None
    if opens is None or closes is None:
        return "Enter both the time it opens and the time it closes, or neither"
    if closes <= opens:
        return "The closing time must be after the opening time"
    return None


def sessions_overlap(sessions: list[tuple[int, datetime.time, datetime.time]]) -> int | None:
    """The first day on which two sessions overlap, or None."""
    ordered = sorted(sessions)
    for (day, _, closes), (next_day, next_opens, _) in zip(ordered, ordered[1:]):
        if day == next_day and next_opens < closes:
            return day
    return None


def open_at(sessions: Iterable[tuple[int, datetime.time, datetime.time]], day: int | None, at: datetime.time | None):
    """Whether any session is on that day (any day, when None) and covers that time (any time, when None)."""
    return any((day is None or d == day) and (at is None or opens <= at < closes) for d, opens, closes in sessions)


# --- Who it is for, and what it costs ------------------------------------------------------------

OLDEST = 120


def age_on(born: datetime.date | None, today: datetime.date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def ages_problem(youngest: int | None, oldest: int | None) -> str | None:
    for age in (youngest, oldest):
        if age is not None and not 0 <= age <= OLDEST:
            return f"Enter an age from 0 to {OLDEST}"
    if youngest is not None and oldest is not None and youngest > oldest:
        return "The youngest age must not be more than the oldest"
    return None


def fits_age(youngest: int | None, oldest: int | None, age: int) -> bool:
    return (youngest is None or youngest <= age) and (oldest is None or age <= oldest)


def money(text: str) -> Decimal | str:
    """Pounds and pence typed as 2.50, £2.50 or 2; otherwise the words saying what to type."""
    cleaned = (text or "").strip().removeprefix("£").replace(",", "").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return "Enter an amount in pounds, like 2.50"
    if not amount.is_finite() or amount < 0:
        return "Enter an amount in pounds, like 2.50"
    if amount != amount.quantize(Decimal("0.01")):
        return "Enter pounds and pence, with no more than 2 numbers after the point"
    if amount >= Decimal("100000"):
        return "Enter an amount under £100,000"
    return amount.quantize(Decimal("0.01"))


def cost_problems(cost: str, amount: Decimal | None) -> dict[str, str]:
    """What is wrong with a cost, by field: an amount only goes with a charge."""
    if cost == "free" and amount:
        return {"cost_amount": "A free service has no amount: choose 'There is a charge', or clear the amount"}
    if amount is not None and amount < 0:
        return {"cost_amount": "Enter an amount in pounds, like 2.50"}
    return {}


def languages(text: str) -> list[str]:
    """The languages in "English, Punjabi and Urdu", each once, as typed."""
    found: list[str] = []
    for part in re.split(r",|;|\band\b|/", text or ""):
        name = " ".join(part.split())
        if name and name.casefold() not in {f.casefold() for f in found}:
            found.append(name)
    return found


# --- Keeping entries right -----------------------------------------------------------------------

CHECK_EVERY_MONTHS = 12


def a_year_before(today: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def check_due(last_checked: datetime.date | None, today: datetime.date) -> bool:
    """An entry never checked, or last checked a year ago or more, is due a check."""
    return last_checked is None or last_checked <= a_year_before(today)


# --- Data files ----------------------------------------------------------------------------------


def taxonomy_problems(data: dict) -> list[str]:
    """What is wrong with a taxonomy file: a list, a unique code and a name for each term, and
    parents that are in the file (before their children, so they can be loaded in order)."""
    problems = []
    listed = data.get("taxonomy") or {}
    for field in ("code", "name"):
        if not str(listed.get(field) or "").strip():
            problems.append(f"The taxonomy needs a {field}")
    seen: set[str] = set()
    for number, term in enumerate(data.get("terms") or [], start=1):
        code = str(term.get("code") or "").strip()
        if not code:
            problems.append(f"Term {number} has no code")
        elif code in seen:
            problems.append(f"Term {number}: the code {code} is used twice")
        if not str(term.get("name") or "").strip():
            problems.append(f"Term {number} has no name")
        parent = term.get("parent")
        if parent and parent not in seen:
            problems.append(f"Term {number}: its parent {parent} must come before it")
        seen.add(code)
    if not seen:
        problems.append("The file has no terms")
    return problems


# --- Gaps: how soon, where from, and by quarter ----------------------------------------------------

GAP_URGENCIES_FILE = "gap_urgency.json"


def gap_urgencies(data: dict) -> list[tuple[str, str, str]]:
    """(code, label, hint) of each urgency in the list's order, from data/gap_urgency.json as read."""
    return [(u["code"], u["label"], u.get("hint", "")) for u in data["urgencies"]]


def urgency_list_problems(data: dict) -> list[str]:
    """What is wrong with the urgency list: each needs a code of letters and a label, codes once."""
    if not isinstance(data, dict):
        return ["The list must be a JSON object"]
    problems, seen = [], set()
    rows = data.get("urgencies")
    if not str(data.get("source") or "").strip():
        problems.append("The list names no source")
    if not isinstance(rows, list) or not rows:
        return [*problems, "The list has no urgencies"]
    for n, row in enumerate(rows, start=1):
        code = row.get("code") if isinstance(row, dict) else None
        if not isinstance(code, str) or not re.fullmatch(r"[a-z_]{1,12}", code):
            problems.append(f"Urgency {n} needs a code of up to 12 small letters")
        elif code in seen:
            problems.append(f"The code {code} is used twice")
        else:
            seen.add(code)
        if not isinstance(row, dict) or not str(row.get("label") or "").strip():
            problems.append(f"Urgency {n} needs a label")
    return problems


CATEGORY_NEEDED = "Choose the kind of support that was missing"
URGENCY_NEEDED = "Say how soon it is needed"
URGENCY_UNKNOWN = "Choose how soon it is needed from the list"


def gap_problems(
    *, category: bool, urgency: str, area: str, who: str, need: str, codes: Iterable[str], full: bool
) -> dict[str, str]:
    """What stops a gap being recorded, by field. `full` (a gap raised at a forum, say) also needs a
    category and an urgency; elsewhere both may be left for later. An urgency given must be one listed."""
    problems = {}
    if full and not category:
        problems["category"] = CATEGORY_NEEDED
    if urgency and urgency not in set(codes):
        problems["urgency"] = URGENCY_UNKNOWN
    elif full and not urgency:
        problems["urgency"] = URGENCY_NEEDED
    for field, typed, words in (
        ("area", area, "Enter the area"),
        ("who", who, "Say who it would be for"),
        ("need", need, "Say what is needed"),
    ):
        if not (typed or "").strip():
            problems[field] = words
    return problems


def quarter_of(day: datetime.date) -> tuple[int, int]:
    """The calendar quarter a day falls in, as (year, 1 to 4)."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """ "Jan to Mar 2026": said in months, since councils' financial quarters start in April."""
    first = (quarter - 1) * 3 + 1
    return f"{datetime.date(year, first, 1):%b} to {datetime.date(year, first + 2, 1):%b} {year}"


def quarter_key(year: int, quarter: int) -> str:
    """The quarter as a CSV and a link carry it: "2026-Q1"."""
    return f"{year}-Q{quarter}"


def read_quarter(text: str) -> tuple[int, int] | None:
    """A quarter from "2026-Q1", or None for anything else."""
    found = re.fullmatch(r"(\d{4})-Q([1-4])", (text or "").strip())
    return (int(found.group(1)), int(found.group(2))) if found else None


def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, (quarter - 1) * 3 + 1, 1)


def csv_safe(text: str) -> str:
    """Text for a cell of a CSV file opened in a spreadsheet: one starting with =, +, - or @ is read
    as a formula there, so it gets a leading apostrophe."""
    text = text or ""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
