"""The directory as Open Referral UK 3.0 (HSDS-UK-3.0): a public, read-only JSON API under /oruk/.

Other systems (a council website, a social prescribing tool, a national dashboard) read the directory
from here without signing in, as the standard asks. It publishes directory entries only: the JSON is
built field by field from organisations, services, places, opening times and categories, never from
anything about a person (signposting and gaps stay out), nor who checked an entry.

What the standard asks, and how it is met:
- `GET /` says `"version": "HSDS-UK-3.0"`, with the profile and where the definition is
  (`data/oruk/openapi.json`, served at `openapi.json`).
- Lists are paged: `page` (from 1) and `per_page` (default 50, at most 500) in, and `total_items`,
  `total_pages`, `page_number`, `size` (the items on this page), `first_page`, `last_page`, `empty`
  and `contents` out.
- `GET /services` takes `search` (the practitioners' word search, ranked), `taxonomy_term_id`,
  `taxonomy_id`, `organization_id`, `minimum_age` (services whose youngest age is at least this),
  `maximum_age` (whose oldest age is at most this), `day` (MO..SU or a day's name), `start_time` and
  `end_time` (a session opening at or after, closing at or before); a bad value is a 400 naming it.
- Every id is a UUID: records have their own; what HSDS makes a record of its own (an address, a
  language, a cost, a contact) gets an id made from its record's id (uuid5), the same every time.
- Optional fields with no value are left out, never null; URLs are absolute; every answer carries
  `Access-Control-Allow-Origin: *`.
"""

from __future__ import annotations

import datetime
import json
import math
import uuid
from functools import wraps
from pathlib import Path

from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from . import rules, search
from .models import OpeningTime, Organisation, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

VERSION = "HSDS-UK-3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
SPEC_DIR = Path(__file__).resolve().parent / "data" / "oruk"
SPEC_FILES = {
    "openapi.json",
    "schema/taxonomy.json",
    "schema/taxonomy_term.json",
    "schema/compiled/service.json",
    "schema/compiled/service_list.json",
    "schema/compiled/service_at_location_list.json",
}
DEFAULT_PER_PAGE = 50
MOST_PER_PAGE = 500
MOST_PAGE = 1_000_000
COUNTRY = "GB"


class BadQuery(Exception):
    """A query string value the API cannot use; the message names it."""


# --- Answers ---------------------------------------------------------------------------------------


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data, status=200):
    return _cors(JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}))


def public_get(view):
    """GET (and HEAD) for anyone, with the CORS header on every answer; OPTIONS answers a browser's
    preflight; anything else is refused. Nothing here changes anything, so no CSRF token is asked."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = _cors(HttpResponse(status=204))
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        if request.method not in ("GET", "HEAD"):
            response = _json({"detail": "This API only reads: use GET."}, status=405)
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadQuery as problem:
            return _json({"detail": str(problem)}, status=400)
        except Http404 as missing:
            return _json({"detail": str(missing) or "Not found."}, status=404)

    return wrapped


def _optional(**fields):
    """Only the fields with a value: the standard asks for optional fields to be left out, not null."""
    return {name: value for name, value in fields.items() if value is not None and value != "" and value != []}


def _derived_id(record_id, what: str) -> str:
    return str(uuid.uuid5(record_id, what))


def _moment(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(value):
    """A Decimal as a JSON number (Django's encoder would write it as a string)."""
    return int(value) if float(value).is_integer() else float(value)


# --- Records as HSDS ---------------------------------------------------------------------------------


def organisation_json(organisation: Organisation) -> dict:
    return {
        "id": str(organisation.pk),
        "name": organisation.name,
        "description": organisation.description,
        **_optional(email=organisation.email, website=organisation.website),
    }


def service_summary_json(service: Service) -> dict:
    """A service's own fields, as lists show it."""
    return {
        "id": str(service.pk),
        "name": service.name,
        "status": service.status,
        **_optional(
            description=service.description,
            url=service.url,
            email=service.email,
            minimum_age=service.minimum_age,
            maximum_age=service.maximum_age,
            assured_date=service.last_checked.isoformat() if service.last_checked else None,
            alert=service.alert,
            last_modified=_moment(service.updated_at),
        ),
        "organization_id": str(service.organisation_id),
        "organization": organisation_json(service.organisation),
    }


def address_json(place) -> dict:
    lines = [line.strip() for line in place.address.splitlines() if line.strip()]
    return {
        "id": _derived_id(place.pk, "address"),
        "location_id": str(place.pk),
        "address_1": lines[0] if lines else place.name,
        "city": place.town,
        "state_province": "",
        "postal_code": place.postcode,
        "country": COUNTRY,
        "address_type": "physical",
        **_optional(address_2=", ".join(lines[1:])),
    }


def location_json(place) -> dict:
    accessibility = []
    if place.accessibility:
        accessibility = [
            {
                "id": _derived_id(place.pk, "accessibility"),
                "location_id": str(place.pk),
                "description": place.accessibility,
            }
        ]
    return {
        "id": str(place.pk),
        "location_type": "physical",
        **_optional(name=place.name, latitude=place.latitude, longitude=place.longitude),
        "addresses": [address_json(place)],
        **_optional(accessibility=accessibility),
    }


def schedule_json(session: OpeningTime) -> dict:
    return {
        "id": str(session.pk),
        "service_id": str(session.service_id),
        "freq": "WEEKLY",
        "byday": rules.DAY_CODES[session.weekday],
        "opens_at": session.opens.strftime("%H:%M:%S"),
        "closes_at": session.closes.strftime("%H:%M:%S"),
        "description": f"{rules.DAYS[session.weekday]}, {session.opens:%H:%M} to {session.closes:%H:%M}",
    }


def cost_json(service: Service) -> list[dict]:
    if service.cost == "free":
        return [{"id": _derived_id(service.pk, "cost"), "service_id": str(service.pk), "option": "Free", "amount": 0}]
    if service.cost == "charge":
        return [
            {
                "id": _derived_id(service.pk, "cost"),
                "service_id": str(service.pk),
                **_optional(
                    amount=_number(service.cost_amount) if service.cost_amount is not None else None,
                    amount_description=service.cost_note,
                ),
            }
        ]
    return []


def contacts_json(service: Service) -> list[dict]:
    if not (service.contact_name or service.phone or service.email):
        return []
    contact_id = _derived_id(service.pk, "contact")
    phones = [{"id": _derived_id(service.pk, "phone"), "contact_id": contact_id, "number": service.phone}]
    return [
        {
            "id": contact_id,
            "service_id": str(service.pk),
            **_optional(
                name=service.contact_name,
                title=service.contact_role,
                email=service.email,
                phones=phones if service.phone else None,
            ),
        }
    ]


def term_json(term: TaxonomyTerm) -> dict:
    return {
        "id": str(term.pk),
        "name": term.name,
        "description": term.description,
        "taxonomy_id": str(term.taxonomy_id),
        **_optional(
            parent_id=str(term.parent_id) if term.parent_id else None,
            taxonomy=term.taxonomy.name,
            term_uri=term.term_uri,
            code=term.code,
        ),
    }


def taxonomy_json(taxonomy: Taxonomy) -> dict:
    return {
        "id": str(taxonomy.pk),
        "name": taxonomy.name,
        "description": taxonomy.description,
        **_optional(uri=taxonomy.uri, version=taxonomy.version_label),
    }


def service_json(service: Service) -> dict:
    """A service with everything about it (GET /services/{id})."""
    links = sorted(service.at_locations.all(), key=lambda link: (link.location.name, str(link.pk)))
    return {
        **service_summary_json(service),
        "service_at_locations": [
            {
                "id": str(link.pk),
                "service_id": str(service.pk),
                "location_id": str(link.location_id),
                "location": location_json(link.location),
            }
            for link in links
        ],
        "schedules": [schedule_json(session) for session in service.opening_times.all()],
        "languages": [
            {"id": _derived_id(service.pk, f"language:{name.casefold()}"), "service_id": str(service.pk), "name": name}
            for name in rules.languages(service.languages)
        ],
        "cost_options": cost_json(service),
        "contacts": contacts_json(service),
        "attributes": [
            {
                "id": _derived_id(service.pk, f"attribute:{term.pk}"),
                "link_id": str(service.pk),
                "link_type": "service",
                "taxonomy_term_id": str(term.pk),
                "taxonomy_term": term_json(term),
            }
            for term in service.categories.all()
        ],
    }


def full_services():
    return Service.objects.select_related("organisation").prefetch_related(
        "opening_times", "at_locations__location", "categories__taxonomy"
    )


# --- Reading the query string --------------------------------------------------------------------


def _whole(request, name, default, low, high):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadQuery(f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise BadQuery(f"{name} must be from {low:,} to {high:,}")
    return value


def _uuid(request, name):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadQuery(f"{name} must be a UUID") from None


def _age(request, name):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadQuery(f"{name} must be a number") from None
    if not math.isfinite(value) or not 0 <= value <= 1000:
        raise BadQuery(f"{name} must be a number from 0 to 1,000")
    return value


def _time(request, name):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return datetime.time.fromisoformat(raw).replace(tzinfo=None)
    except ValueError:
        raise BadQuery(f"{name} must be a time like 10:00 or 10:00:00") from None


def _paging(request):
    return _whole(request, "page", 1, 1, MOST_PAGE), _whole(request, "per_page", DEFAULT_PER_PAGE, 1, MOST_PER_PAGE)


def _page(contents, total, number, per_page):
    pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _services_filter(request) -> Q:
    where = Q()
    term = _uuid(request, "taxonomy_term_id")
    if term:
        where &= Q(Exists(Service.categories.through.objects.filter(service_id=OuterRef("pk"), taxonomyterm_id=term)))
    taxonomy = _uuid(request, "taxonomy_id")
    if taxonomy:
        where &= Q(
            Exists(
                Service.categories.through.objects.filter(service_id=OuterRef("pk"), taxonomyterm__taxonomy_id=taxonomy)
            )
        )
    organisation = _uuid(request, "organization_id")
    if organisation:
        where &= Q(organisation_id=organisation)
    youngest, oldest = _age(request, "minimum_age"), _age(request, "maximum_age")
    if youngest is not None:
        where &= Q(minimum_age__gte=youngest)
    if oldest is not None:
        where &= Q(maximum_age__lte=oldest)
    day_text = request.GET.get("day")
    day = rules.read_day(day_text) if day_text else None
    if day_text and day is None:
        raise BadQuery("day must be a day, like MO or Monday")
    opens, closes = _time(request, "start_time"), _time(request, "end_time")
    if day is not None or opens or closes:
        sessions = OpeningTime.objects.filter(service_id=OuterRef("pk"))
        if day is not None:
            sessions = sessions.filter(weekday=day)
        if opens:
            sessions = sessions.filter(opens__gte=opens)
        if closes:
            sessions = sessions.filter(closes__lte=closes)
        where &= Q(Exists(sessions))
    return where


# --- The endpoints -----------------------------------------------------------------------------------


@public_get
def about(request):
    return _json(
        {
            "version": VERSION,
            "profile": PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("oruk:spec", args=["openapi.json"])),
        }
    )


@public_get
def spec(request, path):
    """The definition this API follows, and the schemas it refers to (data/oruk/)."""
    if path not in SPEC_FILES:
        raise Http404("No such file.")
    return _cors(FileResponse((SPEC_DIR / path).open("rb"), content_type="application/json"))


@public_get
def services(request):
    number, per_page = _paging(request)
    criteria = search.Criteria(text=request.GET.get("search", ""), statuses=(), extra=_services_filter(request))
    found = search.find(criteria, start=(number - 1) * per_page, size=per_page)
    hits = found.page((number - 1) * per_page, per_page)
    rows = {s.pk: s for s in Service.objects.filter(pk__in=[h.service_id for h in hits]).select_related("organisation")}
    contents = [service_summary_json(rows[h.service_id]) for h in hits if h.service_id in rows]
    return _json(_page(contents, found.total, number, per_page))


def _by_id(queryset, raw):
    try:
        key = uuid.UUID(raw)
    except ValueError:
        raise Http404("No record has this id: ids are UUIDs.") from None
    found = queryset.filter(pk=key).first()
    if found is None:
        raise Http404("No record has this id.")
    return found


@public_get
def service(request, id):
    return _json(service_json(_by_id(full_services(), id)))


def _listed(request, queryset, as_json):
    number, per_page = _paging(request)
    total = queryset.count()
    start = (number - 1) * per_page
    return _json(_page([as_json(row) for row in queryset[start : start + per_page]], total, number, per_page))


@public_get
def taxonomies(request):
    return _listed(request, Taxonomy.objects.order_by("name", "pk"), taxonomy_json)


@public_get
def taxonomy(request, id):
    found = _by_id(Taxonomy.objects.all(), id)
    terms = found.terms.select_related("taxonomy").order_by("position", "name")
    return _json({**taxonomy_json(found), "taxonomy_terms": [term_json(t) for t in terms]})


@public_get
def taxonomy_terms(request):
    return _listed(
        request, TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "position", "pk"), term_json
    )


@public_get
def taxonomy_term(request, id):
    return _json(term_json(_by_id(TaxonomyTerm.objects.select_related("taxonomy"), id)))


def service_at_location_json(link, *, full: bool) -> dict:
    shown = (
        location_json(link.location)
        if full
        else {
            "id": str(link.location.pk),
            "location_type": "physical",
            **_optional(name=link.location.name, latitude=link.location.latitude, longitude=link.location.longitude),
        }
    )
    return {
        "id": str(link.pk),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": shown,
        "service": service_summary_json(link.service),
    }


@public_get
def service_at_locations(request):
    links = ServiceAtLocation.objects.select_related("location", "service", "service__organisation").order_by(
        "service__name", "location__name", "pk"
    )
    criteria = search.Criteria(text=request.GET.get("search", ""), statuses=(), extra=_services_filter(request))
    if rules.words(criteria.text):
        found = search.find(criteria)
        links = links.filter(service_id__in=[hit.service_id for hit in found.hits])
    else:
        links = links.filter(service__in=search.filtered(criteria))
    return _listed(request, links, lambda link: service_at_location_json(link, full=False))


@public_get
def service_at_location(request, id):
    link = _by_id(ServiceAtLocation.objects.select_related("location", "service", "service__organisation"), id)
    return _json(service_at_location_json(link, full=True))


def spec_document() -> dict:
    return json.loads((SPEC_DIR / "openapi.json").read_text(encoding="utf-8"))
