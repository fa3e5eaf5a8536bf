"""The community directory's pages for tests/test_every_page_html.py: each page as it opens, and every
form after a bad submission. The directory is made on first use, through its services, as Dina."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

TOO_LONG = "x" * 2001


def directory(w):
    """A community centre with a place, a knitting group open on Tuesdays and suggested to Peggy, a
    walking group last checked two years ago, and a gap recorded from Peggy's record."""
    if not hasattr(w, "directory"):
        from whatsstrong.directory import services
        from whatsstrong.directory.models import TaxonomyTerm

        dina, alice = w.staff["dina"], w.staff["alice"]
        centre = services.organisation_save(actor=dina, data={"name": "Foleshill Community Centre"})
        hall = services.location_save(
            actor=dina,
            organisation=centre,
            data={
                "name": "The hall",
                "address": "1 Foleshill Road",
                "town": "Coventry",
                "postcode": "CV6 5AA",
                "latitude": 52.4262,
                "longitude": -1.4931,
            },
        )
        crafts = TaxonomyTerm.objects.get(code="arts-crafts")
        knit = services.service_save(
            actor=dina,
            organisation=centre,
            data={"name": "Knit and Natter", "description": "Bring your knitting.", "cost": "free"},
            categories=[crafts],
            locations=[hall],
        )
        knit = services.opening_times_save(
            actor=dina,
            service_id=knit.pk,
            expected_version=knit.version,
            sessions=[(1, datetime.time(10), datetime.time(12))],
        )
        walk = services.service_save(actor=dina, organisation=centre, data={"name": "Walking Group"}, locations=[hall])
        services.service_checked(
            actor=dina, service_id=walk.pk, on=datetime.date.today() - datetime.timedelta(days=730)
        )
        signpost = services.signpost_add(actor=alice, person=w.peggy, service_id=knit.pk, why="She knits")
        services.gap_record(
            actor=alice,
            person=w.peggy,
            data={"category": crafts, "area": "CV6", "who": "Men who like making things", "need": "A men's shed"},
        )
        w.directory = SimpleNamespace(centre=centre, hall=hall, knit=knit, walk=walk, signpost=signpost)
    return w.directory


def at(name, which=None):
    def build(w):
        d = directory(w)
        return reverse(f"directory:{name}", args=[getattr(d, which).pk] if which else [])

    return build


def on_person(name, *which):
    def build(w):
        d = directory(w)
        return reverse(f"directory:{name}", args=[w.peggy.pk, *(getattr(d, x).pk for x in which)])

    return build


def stored_version(w, which):
    record = getattr(directory(w), which)
    return type(record).objects.get(pk=record.pk).version


def service_post(w, **changes):
    return {
        "version": stored_version(w, "knit"),
        "name": "Knit and Natter",
        "kind": "group",
        "status": "active",
        "cost": "free",
        **changes,
    }


def visits(Visit):
    return [
        # The practitioners' search.
        Visit("directory-search", "directory:search", "alice", at("search"), shows="Every box is optional"),
        Visit(
            "directory-search-results",
            "directory:search",
            "alice",
            at("search"),
            query="q=knitt&near=CV6+5AA",
            shows="Knit and Natter",
        ),
        Visit(
            "directory-search-nothing-found",
            "directory:search",
            "dina",
            at("search"),
            query="q=zzzz",
            shows="0 services found",
        ),
        Visit(
            "directory-search-errors",
            "directory:search",
            "alice",
            at("search"),
            query="near=Foleshill&time=noonish&age=old",
            errors=True,
        ),
        Visit(
            "directory-search-for-a-person",
            "directory:search",
            "alice",
            at("search"),
            query=lambda w: f"person={w.peggy.pk}&q=knit&near=CV6+5AA",
            shows="Suggest to Peggy",
        ),
        Visit(
            "directory-search-unplaced",
            "directory:search",
            "alice",
            at("search"),
            query="near=SW1A+1AA",
            shows="We cannot work out distances",
        ),
        Visit(
            "directory-search-person-forbidden-403",
            "directory:search",
            "dina",
            at("search"),
            query=lambda w: f"person={w.peggy.pk}",
            status=403,
        ),
        # A service, as a practitioner for a person and as an editor.
        Visit(
            "directory-service",
            "directory:service",
            "alice",
            at("service", "knit"),
            query=lambda w: f"person={w.peggy.pk}",
            shows="Suggest this to Peggy",
        ),
        Visit("directory-service-editor", "directory:service", "dina", at("service", "knit"), shows="Mark as checked"),
        Visit("directory-organisations", "directory:organisations", "alice", at("organisations"), shows="Foleshill"),
        Visit(
            "directory-organisation",
            "directory:organisation",
            "dina",
            at("organisation", "centre"),
            shows="Add a place",
        ),
        # Editors' pages.
        Visit("directory-organisation-new", "directory:organisation_new", "dina", at("organisation_new")),
        Visit(
            "directory-organisation-new-errors",
            "directory:organisation_new",
            "dina",
            at("organisation_new"),
            errors=True,
            post=lambda w: {"name": "", "website": "not a website", "email": "nobody"},
        ),
        Visit(
            "directory-organisation-change",
            "directory:organisation_change",
            "dina",
            at("organisation_change", "centre"),
        ),
        Visit(
            "directory-organisation-change-conflict",
            "directory:organisation_change",
            "dina",
            at("organisation_change", "centre"),
            errors=True,
            post=lambda w: {"version": stored_version(w, "centre") - 1 or 0, "name": "Renamed"},
        ),
        Visit("directory-place-new", "directory:location_new", "dina", at("location_new", "centre")),
        Visit(
            "directory-place-new-errors",
            "directory:location_new",
            "dina",
            at("location_new", "centre"),
            errors=True,
            post=lambda w: {"name": "", "address": "", "town": "", "postcode": "XX1", "latitude": "north"},
        ),
        Visit("directory-place-change", "directory:location_change", "dina", at("location_change", "hall")),
        Visit(
            "directory-place-change-errors",
            "directory:location_change",
            "dina",
            at("location_change", "hall"),
            errors=True,
            post=lambda w: {
                "version": stored_version(w, "hall"),
                "name": "The hall",
                "address": "1 Foleshill Road",
                "town": "Coventry",
                "postcode": "CV6 5AA",
                "latitude": "52.4",
            },
            shows="Enter both the latitude and the longitude",
        ),
        Visit("directory-service-new", "directory:service_new", "dina", at("service_new", "centre")),
        Visit(
            "directory-service-new-errors",
            "directory:service_new",
            "dina",
            at("service_new", "centre"),
            errors=True,
            post=lambda w: {"name": "", "kind": "group", "status": "", "cost": "free", "cost_amount": "2"},
        ),
        Visit("directory-service-change", "directory:service_change", "dina", at("service_change", "knit")),
        Visit(
            "directory-service-change-errors",
            "directory:service_change",
            "dina",
            at("service_change", "knit"),
            errors=True,
            post=lambda w: service_post(w, minimum_age="70", maximum_age="60", url="nowhere at all"),
            shows="The youngest age must not be more than the oldest",
        ),
        Visit(
            "directory-service-change-conflict",
            "directory:service_change",
            "dina",
            at("service_change", "knit"),
            errors=True,
            post=lambda w: service_post(w, version=1, name="Knitting Circle"),
            shows="saved changes while you were editing",
        ),
        Visit(
            "directory-service-change-forbidden-403",
            "directory:service_change",
            "alice",
            at("service_change", "knit"),
            status=403,
        ),
        Visit("directory-opening-times", "directory:opening_times", "dina", at("opening_times", "knit"), shows="10:00"),
        Visit(
            "directory-opening-times-errors",
            "directory:opening_times",
            "dina",
            at("opening_times", "knit"),
            errors=True,
            post=lambda w: {
                "version": stored_version(w, "knit"),
                "opens_0_1": "9am",
                "closes_0_1": "8am",
                "opens_2_1": "x",
            },
        ),
        Visit("directory-review", "directory:review", "dina", at("review"), shows="Walking Group"),
        Visit("directory-review-forbidden-403", "directory:review", "alice", at("review"), status=403),
        # Gaps.
        Visit("directory-gaps", "directory:gaps", "quinn", at("gaps"), shows="A men&#39;s shed"),
        Visit("directory-gap-new", "directory:gap_new", "dina", at("gap_new")),
        Visit(
            "directory-gap-new-errors",
            "directory:gap_new",
            "dina",
            at("gap_new"),
            errors=True,
            post=lambda w: {"area": "", "who": "", "need": TOO_LONG},
        ),
        # From Peggy's record.
        Visit("directory-suggest", "directory:signpost_new", "alice", on_person("signpost_new", "knit")),
        Visit(
            "directory-suggest-errors",
            "directory:signpost_new",
            "alice",
            on_person("signpost_new", "knit"),
            errors=True,
            post=lambda w: {"why": TOO_LONG},
        ),
        Visit("directory-signpost", "directory:signpost", "alice", on_person("signpost", "signpost"), shows="How did"),
        Visit(
            "directory-signpost-errors",
            "directory:signpost",
            "alice",
            on_person("signpost", "signpost"),
            errors=True,
            post=lambda w: {"version": stored_version(w, "signpost"), "tried": "no", "helped": "yes"},
        ),
        Visit("directory-person-gap", "directory:person_gap", "alice", on_person("person_gap")),
        Visit(
            "directory-person-gap-errors",
            "directory:person_gap",
            "alice",
            on_person("person_gap"),
            errors=True,
            post=lambda w: {"area": "", "who": "", "need": ""},
        ),
        Visit("directory-person-gap-forbidden-403", "directory:person_gap", "bob", on_person("person_gap"), status=403),
    ]


def excluded(url):
    return {
        "directory:service_checked": (
            "POST only: marks a service checked today and redirects to it or to the review list (both checked).",
            lambda w: reverse("directory:service_checked", args=[directory(w).knit.pk]),
        ),
    }


# The Open Referral UK API serves JSON to other systems, never a page: tests/test_oruk_api.py checks it.
EXCLUDED_NAMESPACES = {"oruk": "The Open Referral UK API: JSON for other systems, no HTML pages."}
