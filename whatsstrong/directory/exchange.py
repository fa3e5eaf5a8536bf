"""Moving a directory in and out: an Open Referral UK JSON feed (a list of services in full, as
`GET /oruk/services/{id}` gives each) or a CSV file of one service a row.

Reading a file (`read_csv`, `read_feed`) turns every row into an `Entry` and every problem into a
`Problem` naming its line (or the service's place in the feed) and its field, before anything is
written. `services.directory_import` then writes all the entries in one transaction, or nothing when
any row was refused: a file is never half-imported. Ids are kept, so importing a file again changes
the same entries rather than adding them twice.
"""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from . import oruk, rules
from .models import Cost, Kind, Service, Status, TaxonomyTerm

COLUMNS = [
    "id",
    "name",
    "organisation",
    "organisation_id",
    "kind",
    "status",
    "description",
    "categories",
    "minimum_age",
    "maximum_age",
    "cost",
    "cost_amount",
    "cost_note",
    "languages",
    "url",
    "email",
    "phone",
    "contact_name",
    "contact_role",
    "place",
    "place_id",
    "address",
    "town",
    "postcode",
    "latitude",
    "longitude",
    "accessibility",
    "opening_times",
    "last_checked",
]
REQUIRED = ("name", "organisation")
# Lengths the database keeps, checked here so a long value is a problem named, not a failed save.
LENGTHS = {f.name: f.max_length for f in Service._meta.concrete_fields if getattr(f, "max_length", None)}
LENGTHS |= {"organisation": 200, "place": 200, "town": 100, "postcode": 8}


@dataclass(frozen=True)
class Problem:
    where: str  # "line 4" or "service 3"
    field: str
    message: str

    def __str__(self):
        return f"{self.where}, {self.field}: {self.message}"


@dataclass
class Entry:
    """One service to write, with its organisation and place, as the services take them."""

    where: str
    service_id: uuid.UUID | None
    organisation_id: uuid.UUID | None
    organisation: dict
    service: dict
    categories: list = field(default_factory=list)
    place_id: uuid.UUID | None = None
    place: dict | None = None
    sessions: list = field(default_factory=list)
    last_checked: datetime.date | None = None


@dataclass
class Report:
    entries: list[Entry]
    problems: list[Problem]

    @property
    def accepted(self):
        bad = {p.where for p in self.problems}
        return [e for e in self.entries if e.where not in bad]

    def lines(self):
        yield f"{len(self.accepted)} accepted, {len({p.where for p in self.problems})} refused."
        for problem in self.problems:
            yield f"Refused: {problem}"


# --- Reading values ----------------------------------------------------------------------------


class Reader:
    """Reads one row's values, noting each problem against the row and the field."""

    def __init__(self, where: str, problems: list[Problem]):
        self.where = where
        self.problems = problems

    def problem(self, name, message):
        self.problems.append(Problem(self.where, name, message))

    def text(self, row, name, required=False):
        value = (
            " ".join(str(row.get(name) or "").split()) if name != "description" else str(row.get(name) or "").strip()
        )
        if "\x00" in value:
            self.problem(name, "holds a null character")
            return ""
        if required and not value:
            self.problem(name, "is empty: every service needs one")
        if name in LENGTHS and len(value) > LENGTHS[name]:
            self.problem(name, f"is longer than {LENGTHS[name]} characters")
        return value

    def choice(self, row, name, choices, default=""):
        value = str(row.get(name) or "").strip()
        if not value:
            return default
        labels = {str(label).casefold(): key for key, label in choices}
        found = value if value in dict(choices) else labels.get(value.casefold())
        if found is None:
            self.problem(name, f"'{value}' is not one of: {', '.join(k for k, _ in choices if k)}")
        return found or default

    def whole(self, row, name, low, high):
        value = row.get(name)
        if value in (None, ""):
            return None
        try:
            number = int(float(value))
            if float(value) != number:
                raise ValueError
        except (TypeError, ValueError):
            self.problem(name, f"'{value}' is not a whole number")
            return None
        if not low <= number <= high:
            self.problem(name, f"must be from {low} to {high}")
            return None
        return number

    def decimal(self, row, name, low, high):
        value = row.get(name)
        if value in (None, ""):
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.problem(name, f"'{value}' is not a number")
            return None
        if not low <= number <= high:
            self.problem(name, f"must be from {low} to {high}")
            return None
        return number

    def uuid(self, row, name):
        value = str(row.get(name) or "").strip()
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.problem(name, f"'{value}' is not a UUID")
            return None

    def checked(self, value, name, validator, words):
        if value:
            try:
                validator(value)
            except ValidationError:
                self.problem(name, words)
                return ""
        return value

    def date(self, row, name):
        value = str(row.get(name) or "").strip()
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            self.problem(name, f"'{value}' is not a date like 2026-03-27")
            return None


def _categories(reader, codes, terms):
    found = []
    for code in codes:
        term = terms.get(code) or terms.get(code.casefold())
        if term is None:
            reader.problem("categories", f"no category has the code or id '{code}'")
        else:
            found.append(term)
    return found


def _terms():
    terms = {}
    for term in TaxonomyTerm.objects.filter(active=True).select_related("taxonomy"):
        terms.setdefault(term.code, term)
        terms.setdefault(term.code.casefold(), term)
        terms[str(term.pk)] = term
    return terms


def _sessions(reader, text):
    """Opening times written as "MO 10:00-12:00; TH 14:00-16:00"."""
    sessions = []
    for part in [p.strip() for p in (text or "").split(";") if p.strip()]:
        try:
            day_text, times = part.split(None, 1)
            opens_text, closes_text = times.replace(" ", "").split("-")
        except ValueError:
            reader.problem("opening_times", f"'{part}' is not like MO 10:00-12:00")
            continue
        day, opens, closes = rules.read_day(day_text), rules.read_time(opens_text), rules.read_time(closes_text)
        if day is None or isinstance(opens, str) or isinstance(closes, str):
            reader.problem("opening_times", f"'{part}' is not like MO 10:00-12:00")
            continue
        problem = rules.session_problem(opens, closes)
        if problem:
            reader.problem("opening_times", f"{part}: {problem[0].lower()}{problem[1:]}")
            continue
        sessions.append((day, opens, closes))
    if rules.sessions_overlap(sessions) is not None:
        reader.problem("opening_times", "two sessions on one day overlap")
    return sessions


def _service_fields(reader, row):
    service = {name: reader.text(row, name) for name in ("description", "alert", "languages", "phone")}
    service["name"] = reader.text(row, "name", required=True)
    service["kind"] = reader.choice(row, "kind", Kind.choices, Kind.OTHER)
    service["status"] = reader.choice(row, "status", Status.choices, Status.ACTIVE)
    service["cost"] = reader.choice(row, "cost", Cost.choices, "")
    for name in ("cost_note", "contact_name", "contact_role"):
        service[name] = reader.text(row, name)
    amount = str(row.get("cost_amount") if row.get("cost_amount") is not None else "").strip()
    service["cost_amount"] = None
    if amount:
        read = rules.money(amount)
        if isinstance(read, str):
            reader.problem("cost_amount", read)
        else:
            service["cost_amount"] = read
    service["minimum_age"] = reader.whole(row, "minimum_age", 0, rules.OLDEST)
    service["maximum_age"] = reader.whole(row, "maximum_age", 0, rules.OLDEST)
    problem = rules.ages_problem(service["minimum_age"], service["maximum_age"])
    if problem:
        reader.problem("maximum_age", problem)
    for name, problem in rules.cost_problems(service["cost"], service["cost_amount"]).items():
        reader.problem(name, problem)
    service["url"] = reader.checked(reader.text(row, "url"), "url", URLValidator(), "is not a web address")
    service["email"] = reader.checked(reader.text(row, "email"), "email", EmailValidator(), "is not an email address")
    return service


def _place(reader, row):
    name = reader.text(row, "place")
    if not name:
        return None
    place = {
        "name": name,
        "address": str(row.get("address") or "").strip() or name,
        "town": reader.text(row, "town"),
        "postcode": reader.text(row, "postcode"),
        "latitude": reader.decimal(row, "latitude", -90, 90),
        "longitude": reader.decimal(row, "longitude", -180, 180),
        "accessibility": str(row.get("accessibility") or "").strip(),
    }
    if not place["town"]:
        reader.problem("town", "is empty: a place needs its town or city")
    problem = rules.postcode_problem(place["postcode"])
    if problem:
        reader.problem("postcode", problem)
    else:
        place["postcode"] = rules.postcode_key(place["postcode"])
    if (place["latitude"] is None) != (place["longitude"] is None):
        reader.problem("longitude", "give both the latitude and the longitude, or neither")
    return place


def read_row(where: str, row: dict, terms: dict, problems: list[Problem]) -> Entry:
    reader = Reader(where, problems)
    organisation = {"name": reader.text(row, "organisation", required=True)}
    codes = [c.strip() for c in str(row.get("categories") or "").split(";") if c.strip()]
    return Entry(
        where=where,
        service_id=reader.uuid(row, "id"),
        organisation_id=reader.uuid(row, "organisation_id"),
        organisation=organisation,
        service=_service_fields(reader, row),
        categories=_categories(reader, codes, terms),
        place_id=reader.uuid(row, "place_id"),
        place=_place(reader, row),
        sessions=_sessions(reader, row.get("opening_times")),
        last_checked=reader.date(row, "last_checked"),
    )


def _duplicates(entries: list[Entry], problems: list[Problem]) -> None:
    seen = {}
    for entry in entries:
        if entry.service_id is None:
            continue
        if entry.service_id in seen:
            problems.append(Problem(entry.where, "id", f"the same id as {seen[entry.service_id]}"))
        seen.setdefault(entry.service_id, entry.where)


def read_csv(text: str) -> Report:
    """A CSV file with a header row naming its columns (COLUMNS; others are refused)."""
    problems: list[Problem] = []
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in headers if h not in COLUMNS]
    missing = [h for h in REQUIRED if h not in headers]
    if unknown or missing:
        if unknown:
            problems.append(Problem("line 1", ", ".join(unknown), "not a column this file can have"))
        if missing:
            problems.append(Problem("line 1", ", ".join(missing), "a column every file needs"))
        return Report([], problems)
    terms = _terms()
    entries = []
    for row in reader:
        where = f"line {reader.line_num}"
        if None in row:
            problems.append(Problem(where, "the row", "has more values than the header has columns"))
            continue
        entries.append(read_row(where, {k.strip(): v for k, v in row.items()}, terms, problems))
    _duplicates(entries, problems)
    return Report(entries, problems)


def read_feed(data) -> Report:
    """An Open Referral UK feed: a list of services in full, or {"services": [...]}, or a page of them."""
    problems: list[Problem] = []
    items = data.get("services", data.get("contents")) if isinstance(data, dict) else data
    if not isinstance(items, list):
        return Report([], [Problem("the file", "services", "is not a list of services")])
    terms = _terms()
    entries = []
    for number, item in enumerate(items, start=1):
        where = f"service {number}"
        if not isinstance(item, dict):
            problems.append(Problem(where, "the service", "is not an object"))
            continue
        entries.append(read_row(where, _flatten(item), terms, problems))
    _duplicates(entries, problems)
    return Report(entries, problems)


def _first(items):
    return items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}


def _flatten(item: dict) -> dict:
    """A service in HSDS's nested shape as a row of COLUMNS."""
    organisation = item.get("organization") or {}
    place = (_first(item.get("service_at_locations")).get("location")) or {}
    address = _first(place.get("addresses"))
    contact = _first(item.get("contacts"))
    cost = _first(item.get("cost_options"))
    kind = "free" if cost and (cost.get("option") == "Free" or cost.get("amount") == 0) else ("charge" if cost else "")
    times = []
    for schedule in item.get("schedules") or []:
        if isinstance(schedule, dict) and schedule.get("byday") and schedule.get("opens_at"):
            for day in str(schedule["byday"]).split(","):
                times.append(f"{day.strip()} {str(schedule['opens_at'])[:5]}-{str(schedule.get('closes_at', ''))[:5]}")
    terms = [a.get("taxonomy_term", {}).get("id") or a.get("taxonomy_term_id") for a in item.get("attributes") or []]
    lines = [str(address.get(k) or "").strip() for k in ("address_1", "address_2")]
    return {
        "id": item.get("id"),
        "name": item.get("name"),
        "organisation": organisation.get("name"),
        "organisation_id": organisation.get("id") or item.get("organization_id"),
        "status": item.get("status"),
        "description": item.get("description"),
        "alert": item.get("alert"),
        "categories": ";".join(str(t) for t in terms if t),
        "minimum_age": item.get("minimum_age"),
        "maximum_age": item.get("maximum_age"),
        "cost": kind,
        "cost_amount": "" if kind != "charge" or cost.get("amount") is None else str(cost.get("amount")),
        "cost_note": cost.get("amount_description"),
        "languages": ", ".join(
            str(x.get("name")) for x in item.get("languages") or [] if isinstance(x, dict) and x.get("name")
        ),
        "url": item.get("url"),
        "email": item.get("email") or contact.get("email"),
        "phone": _first(contact.get("phones")).get("number"),
        "contact_name": contact.get("name"),
        "contact_role": contact.get("title"),
        "place": place.get("name") or address.get("address_1"),
        "place_id": place.get("id"),
        "address": "\n".join(line for line in lines if line),
        "town": address.get("city"),
        "postcode": address.get("postal_code"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "accessibility": _first(place.get("accessibility")).get("description"),
        "opening_times": "; ".join(times),
        "last_checked": item.get("assured_date"),
    }


# --- Writing files -------------------------------------------------------------------------------


def csv_row(service: Service) -> dict:
    place = next(iter(service.locations.all()), None)
    money = service.cost_amount
    return {
        "id": service.pk,
        "name": service.name,
        "organisation": service.organisation.name,
        "organisation_id": service.organisation_id,
        "kind": service.kind,
        "status": service.status,
        "description": service.description,
        "categories": ";".join(t.code for t in service.categories.all()),
        "minimum_age": service.minimum_age if service.minimum_age is not None else "",
        "maximum_age": service.maximum_age if service.maximum_age is not None else "",
        "cost": service.cost,
        "cost_amount": f"{money:.2f}" if isinstance(money, Decimal) else "",
        "cost_note": service.cost_note,
        "languages": service.languages,
        "url": service.url,
        "email": service.email,
        "phone": service.phone,
        "contact_name": service.contact_name,
        "contact_role": service.contact_role,
        "place": place.name if place else "",
        "place_id": place.pk if place else "",
        "address": place.address if place else "",
        "town": place.town if place else "",
        "postcode": place.postcode if place else "",
        "latitude": place.latitude if place and place.latitude is not None else "",
        "longitude": place.longitude if place and place.longitude is not None else "",
        "accessibility": place.accessibility if place else "",
        "opening_times": "; ".join(
            f"{rules.DAY_CODES[s.weekday]} {s.opens:%H:%M}-{s.closes:%H:%M}" for s in service.opening_times.all()
        ),
        "last_checked": service.last_checked.isoformat() if service.last_checked else "",
    }


def write_csv(services, out) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for service in services:
        writer.writerow(csv_row(service))
        count += 1
    return count


def feed(services) -> dict:
    return {"version": oruk.VERSION, "services": [oruk.service_json(s) for s in services]}
