"""Every page of the product, as the person who would see it, through the HTML checks in
tests/html_checks.py: one h1, a real <title>, a label for every control, unique ids, error summary
links that land somewhere, and "Error: " in the <title> when a form comes back with errors.

Every form is also checked as it comes back after a bad POST. VISITS lists the pages; the route
test below fails when a URL is added to the product without being listed here, or excluded with a
reason in EXCLUDED, so a new page cannot skip these checks by accident.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve, reverse

from tests import (
    access_log_visits,
    assessment_visits,
    audit_visits,
    copy_visits,
    directory_visits,
    forum_visits,
    governance_visits,
    identity_visits,
    plan_visits,
    progress_visits,
    risk_visits,
    safeguarding_visits,
    storyboard_visits,
    supervision_visits,
    survey_visits,
)
from tests.html_checks import assert_accessible_html, parse

# ---------------------------------------------------------------------------------------------
# The people and records the pages show.


@pytest.fixture
def world(staff, make_person):
    from whatsstrong.conversations.services import case_note_add
    from whatsstrong.core.drafts import save_draft
    from whatsstrong.people import services

    alice = staff["alice"]
    peggy = make_person(what_matters="Her garden, and seeing her grandson on Sundays.", pronouns="she/her")
    joy = services.network_member_save(
        actor=alice,
        person=peggy,
        data={
            "name": "Joy Okafor",
            "relationship": "daughter",
            "kind": "family",
            "closeness": 1,
            "what_they_bring": "Visits every Sunday",
            "is_carer": True,
            "has_died": False,
            "contact": "",
        },
    )
    asset = services.asset_save(
        actor=alice,
        person=peggy,
        data={
            "level": "own",
            "description": "Grows her own vegetables",
            "network_member": None,
            "in_their_words": True,
        },
    )
    # One saved change, so the history page has a before and after to show.
    peggy = services.person_update(
        actor=alice, person_id=peggy.pk, expected_version=peggy.version, data={"good_day": "Out in the garden by ten."}
    )
    note = case_note_add(
        actor=alice,
        person=peggy,
        data={
            "happened_on": datetime.date(2025, 3, 4),
            "kind": "visit",
            "present": "Peggy, her daughter Joy",
            "text": "We talked about the garden and the allotment waiting list.",
        },
    )
    rita = make_person(given_name="Rita", family_name="Hollis", preferred_name="", restricted=True)
    gone = make_person(given_name="Stan", family_name="Moss", preferred_name="")
    services.person_archive(actor=staff["carol"], person_id=gone.pk, reason="Moved to Leeds")
    # A draft of writing alice never saved on Rita's "who I am": the page offers it back.
    save_draft(user=alice, key=f"person:{rita.pk}:who-i-am", data={"life_story": "Grew up in Leeds."})
    return SimpleNamespace(peggy=peggy, joy=joy, asset=asset, note=note, rita=rita, gone=gone, staff=staff)


def url(name, *args):
    """A URL builder for a visit: arguments are attribute names on the world ("peggy") or values."""

    def build(w):
        return reverse(name, args=[getattr(w, a).pk if isinstance(a, str) and hasattr(w, a) else a for a in args])

    return build


# ---------------------------------------------------------------------------------------------
# The pages.


@dataclass(frozen=True)
class Visit:
    id: str
    route: str  # the URL name this visit covers
    persona: str | None  # None: not signed in
    url: Callable
    post: Callable | None = None  # data to POST, from the world
    query: str | Callable = ""  # the query string, or a function of the world giving it
    status: int = 200
    errors: bool = False  # the page must show form errors (and say so in its <title>)
    follow: bool = False
    shows: str = ""  # text that proves the page is in the state this visit is meant to check
    before: Callable | None = field(default=None, compare=False)  # run with (client, world) first


PEGGY, RITA = "peggy", "rita"  # people in the world fixture


def edit(section):
    return url("people:edit", PEGGY, section)


def version(w, obj=PEGGY):
    return getattr(w, obj).version


def rows(w, *, network, strengths):
    """The add-strengths-and-network page's rows as drawn, before anything is typed."""
    data = {"network-TOTAL_FORMS": network, "network-INITIAL_FORMS": 0}
    data |= {"strengths-TOTAL_FORMS": strengths, "strengths-INITIAL_FORMS": 0}
    for n in range(network):
        data |= {f"network-{n}-kind": "family", f"network-{n}-closeness": 2}
    return data


KNOWN_NHS = "9990000018"


def someone_known(client, w):
    """Kwame Mensah, already on Alice's caseload, for the new-person page's duplicate warning."""
    from whatsstrong.people import services

    alice = w.staff["alice"]
    services.person_create(
        actor=alice,
        data={
            "given_name": "Kwame",
            "family_name": "Mensah",
            "date_of_birth": datetime.date(1950, 11, 4),
            "nhs_number": KNOWN_NHS,
            "team": alice.team,
            "allocated_worker": alice,
        },
    )


def adding_kwame(w, **changes):
    return {
        "given_name": "Kwame",
        "family_name": "Mensah",
        "date_of_birth_0": "4",
        "date_of_birth_1": "11",
        "date_of_birth_2": "1950",
        "team": w.staff["alice"].team_id,
        "allocated_worker": w.staff["alice"].pk,
        **changes,
    }


def lock_bob_out(client, w):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "bob", "password": "wrong"})


VISITS = [
    # Home: the caseload, a supervisor's team, and roles that do not see people.
    Visit("caseload-practitioner", "home", "alice", url("home"), shows="Your caseload"),
    Visit("caseload-supervisor", "home", "carol", url("home"), shows="North Locality: everyone the team works with"),
    Visit("home-quality-lead", "home", "quinn", url("home"), shows="Teams at a glance"),
    Visit("home-senior-leader", "home", "lee", url("home"), shows="Teams at a glance"),
    Visit("home-administrator", "home", "adam", url("home"), shows="Manage staff, teams"),
    Visit("home-no-people-role", "home", "dina", url("home"), shows="does not include people"),
    # Signing in.
    Visit("sign-in", "login", None, url("login")),
    Visit("sign-in-empty", "login", None, url("login"), errors=True, post=lambda w: {"username": "", "password": ""}),
    Visit(
        "sign-in-wrong-password",
        "login",
        None,
        url("login"),
        errors=True,
        post=lambda w: {"username": "alice", "password": "not-the-password"},
        shows="Enter a correct username and password",
    ),
    Visit(
        "sign-in-locked-out",
        "login",
        None,
        url("login"),
        status=429,
        before=lock_bob_out,
        post=lambda w: {"username": "bob", "password": "wrong"},
        shows="Signing in is locked for now",
    ),
    # Finding a person.
    Visit("search", "people:search", "alice", url("people:search")),
    Visit("search-results", "people:search", "alice", url("people:search"), query="q=okafor", shows="1 result<"),
    Visit(
        "search-restricted-result",
        "people:search",
        "bob",
        url("people:search"),
        query="q=hollis",
        shows="Restricted</strong>",
    ),
    Visit("search-no-results", "people:search", "alice", url("people:search"), query="q=zzzz", shows="No one found"),
    Visit("search-too-long", "people:search", "alice", url("people:search"), query="q=" + "a" * 101, errors=True),
    Visit(
        "search-by-date-of-birth",
        "people:search",
        "alice",
        url("people:search"),
        query="q=4/11/1950",
        before=someone_known,
        shows="Kwame Mensah",
    ),
    Visit(
        "search-by-key-no-results",
        "people:search",
        "alice",
        url("people:search"),
        query="q=CV1+2GN",
        shows="found by name only",
    ),
    Visit(
        "search-bad-nhs-number",
        "people:search",
        "alice",
        url("people:search"),
        query="q=999+000+0019",
        errors=True,
        shows="Check the NHS number",
    ),
    Visit(
        "search-forbidden-403",
        "people:search",
        "dina",
        url("people:search"),
        status=403,
        shows="You cannot open this page",
    ),
    # The person's page.
    Visit("detail", "people:detail", "alice", url("people:detail", PEGGY), shows="Grows her own vegetables"),
    Visit(
        "detail-as-supervisor",
        "people:detail",
        "carol",
        url("people:detail", PEGGY),
        shows="See every change to this record",
    ),
    Visit("detail-as-other-team", "people:detail", "bob", url("people:detail", PEGGY)),
    Visit(
        "detail-restricted-no-network",
        "people:detail",
        "alice",
        url("people:detail", RITA),
        shows="No one recorded yet",
    ),
    Visit(
        "detail-missing-404", "people:detail", "alice", url("people:detail", 999999), status=404, shows="Page not found"
    ),
    Visit(
        "detail-after-save",
        "people:edit",
        "alice",
        edit("who-i-am"),
        follow=True,
        post=lambda w: {"version": version(w), "what_matters": "Her garden.", "preferred_language": "English"},
        shows="Who I am saved.",
    ),
    # Adding a person.
    Visit("new-person", "people:new", "alice", url("people:new")),
    Visit(
        "new-person-errors",
        "people:new",
        "alice",
        url("people:new"),
        errors=True,
        post=lambda w: {
            "given_name": "",
            "family_name": "",
            "team": "",
            "allocated_worker": "",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1948",
        },
    ),
    Visit(
        "new-person-possible-duplicate",
        "people:new",
        "alice",
        url("people:new"),
        before=someone_known,
        post=lambda w: adding_kwame(w),
        shows="Add as a different person",
    ),
    Visit(
        "new-person-nhs-number-in-use",
        "people:new",
        "alice",
        url("people:new"),
        errors=True,
        before=someone_known,
        post=lambda w: adding_kwame(w, given_name="Kofi", nhs_number=KNOWN_NHS),
        shows="cannot be on two records",
    ),
    Visit("new-person-forbidden-403", "people:new", "quinn", url("people:new"), status=403),
    # Each section of the record, as it opens and after a bad POST.
    Visit("edit-details", "people:edit", "alice", edit("details")),
    Visit(
        "edit-details-errors",
        "people:edit",
        "alice",
        edit("details"),
        errors=True,
        post=lambda w: {
            "version": version(w),
            "given_name": "",
            "family_name": "",
            "postcode": "XX1",
            "nhs_number": "123",
            "date_of_birth_0": "12",
            "date_of_birth_1": "",
            "date_of_birth_2": "1948",
        },
    ),
    Visit(
        "edit-details-conflict",
        "people:edit",
        "alice",
        edit("details"),
        errors=True,
        post=lambda w: {"version": version(w) - 1, "given_name": "Margaret", "family_name": "Okafor-Smith"},
        shows="saved changes while you were editing",
    ),
    Visit("edit-who-i-am", "people:edit", "alice", edit("who-i-am")),
    Visit(
        "edit-who-i-am-errors",
        "people:edit",
        "alice",
        edit("who-i-am"),
        errors=True,
        post=lambda w: {"version": version(w), "what_matters": "Her garden.", "preferred_language": "x" * 61},
    ),
    Visit(
        "edit-who-i-am-draft-offered",
        "people:edit",
        "alice",
        url("people:edit", RITA, "who-i-am"),
        shows="Unsaved writing",
    ),
    Visit(
        "edit-who-i-am-draft-restored",
        "people:edit",
        "alice",
        url("people:edit", RITA, "who-i-am"),
        query="restore=1",
        shows="Grew up in Leeds.",
    ),
    Visit("edit-consent", "people:edit", "alice", edit("consent")),
    Visit(
        "edit-consent-errors",
        "people:edit",
        "alice",
        edit("consent"),
        errors=True,
        post=lambda w: {"version": version(w), "consent_to_involve": "maybe", "consent_to_share": ""},
    ),
    Visit("edit-capacity", "people:edit", "alice", edit("capacity")),
    Visit(
        "edit-capacity-errors",
        "people:edit",
        "alice",
        edit("capacity"),
        errors=True,
        post=lambda w: {
            "version": version(w),
            "appropriate_person": "yes",
            "appropriate_person_name": "",
            "advocacy_exception": "",
            "advocate_referred_on_0": "40",
            "advocate_referred_on_1": "2",
            "advocate_referred_on_2": "2020",
        },
    ),
    Visit("edit-allocation", "people:edit", "carol", edit("allocation"), shows="Restrict this record"),
    Visit(
        "edit-allocation-errors",
        "people:edit",
        "carol",
        edit("allocation"),
        errors=True,
        post=lambda w: {"version": version(w), "team": w.staff["carol"].team_id, "allocated_worker": w.staff["bob"].pk},
    ),
    Visit(
        "edit-allocation-no-team",
        "people:edit",
        "carol",
        edit("allocation"),
        errors=True,
        post=lambda w: {"version": version(w), "team": "", "allocated_worker": ""},
    ),
    Visit("edit-allocation-forbidden-403", "people:edit", "alice", edit("allocation"), status=403),
    Visit("edit-forbidden-403", "people:edit", "bob", edit("details"), status=403),
    # The network.
    Visit("add-member", "people:add_member", "alice", url("people:add_member", PEGGY)),
    Visit(
        "add-member-errors",
        "people:add_member",
        "alice",
        url("people:add_member", PEGGY),
        errors=True,
        post=lambda w: {"name": "", "relationship": "", "kind": "", "closeness": ""},
    ),
    Visit(
        "edit-member",
        "people:edit_member",
        "alice",
        url("people:edit_member", PEGGY, "joy"),
        shows="Visits every Sunday",
    ),
    Visit(
        "edit-member-errors",
        "people:edit_member",
        "alice",
        url("people:edit_member", PEGGY, "joy"),
        errors=True,
        post=lambda w: {
            "version": version(w, "joy"),
            "name": "",
            "relationship": "",
            "kind": "cousin",
            "closeness": "9",
        },
    ),
    # Strengths.
    Visit("add-asset", "people:add_asset", "alice", url("people:add_asset", PEGGY)),
    Visit(
        "add-asset-errors",
        "people:add_asset",
        "alice",
        url("people:add_asset", PEGGY),
        errors=True,
        post=lambda w: {"level": "", "description": ""},
    ),
    Visit(
        "edit-asset",
        "people:edit_asset",
        "alice",
        url("people:edit_asset", PEGGY, "asset"),
        shows="Grows her own vegetables",
    ),
    Visit(
        "edit-asset-errors",
        "people:edit_asset",
        "alice",
        url("people:edit_asset", PEGGY, "asset"),
        errors=True,
        post=lambda w: {"version": version(w, "asset"), "level": "nope", "description": ""},
    ),
    # Several network members and strengths on one page: blank, one more row, after a bad POST.
    Visit(
        "add-strengths-and-network",
        "people:add_strengths_and_network",
        "alice",
        url("people:add_strengths_and_network", PEGGY),
        shows="Add another strength",
    ),
    Visit(
        "add-strengths-and-network-another-row",
        "people:add_strengths_and_network",
        "alice",
        url("people:add_strengths_and_network", PEGGY),
        post=lambda w: {**rows(w, network=1, strengths=1), "add_row": "strengths", "strengths-0-level": "own"},
        shows="Strength 2",
    ),
    Visit(
        "add-strengths-and-network-errors",
        "people:add_strengths_and_network",
        "alice",
        url("people:add_strengths_and_network", PEGGY),
        errors=True,
        post=lambda w: {
            **rows(w, network=2, strengths=3),
            "network-1-name": "Joy",
            "strengths-0-level": "own",
            "strengths-1-description": "Grows her own vegetables",
            "strengths-1-level": "own",
            "strengths-2-description": "x",
            "strengths-2-level": "moon",
        },
        shows="Strength 2: this strength is already recorded",
    ),
    Visit(
        "add-strengths-and-network-forbidden-403",
        "people:add_strengths_and_network",
        "bob",
        url("people:add_strengths_and_network", PEGGY),
        status=403,
    ),
    # Case notes.
    Visit("add-note", "conversations:add_note", "alice", url("conversations:add_note", PEGGY)),
    Visit(
        "add-note-errors",
        "conversations:add_note",
        "alice",
        url("conversations:add_note", PEGGY),
        errors=True,
        post=lambda w: {
            "happened_on_0": "",
            "happened_on_1": "",
            "happened_on_2": "",
            "kind": "",
            "present": "",
            "text": "",
        },
    ),
    Visit(
        "correct-note",
        "conversations:note",
        "alice",
        url("conversations:note", PEGGY, "note"),
        shows="allotment waiting list",
    ),
    Visit(
        "correct-note-errors",
        "conversations:note",
        "alice",
        url("conversations:note", PEGGY, "note"),
        errors=True,
        post=lambda w: {
            "version": version(w, "note"),
            "happened_on_0": "4",
            "happened_on_1": "3",
            "happened_on_2": "3025",
            "kind": "visit",
            "text": "",
        },
    ),
    Visit(
        "add-addendum",
        "conversations:add_addendum",
        "carol",
        url("conversations:add_addendum", PEGGY, "note"),
        shows="allotment waiting list",
    ),
    Visit(
        "add-addendum-errors",
        "conversations:add_addendum",
        "carol",
        url("conversations:add_addendum", PEGGY, "note"),
        errors=True,
        post=lambda w: {"text": ""},
    ),
    # Question prompts: every prompt, a search, none found, a query too long, with a person's name.
    Visit("prompts", "prompts:list", "dina", url("prompts:list"), shows="ROPES: Resources"),
    Visit("prompts-search", "prompts:list", "alice", url("prompts:list"), query="q=family", shows="prompts found"),
    Visit("prompts-no-results", "prompts:list", "alice", url("prompts:list"), query="q=zzzz", shows="No question"),
    Visit("prompts-too-long", "prompts:list", "alice", url("prompts:list"), query="q=" + "a" * 101, errors=True),
    Visit(
        "prompts-for-a-person",
        "prompts:list",
        "alice",
        url("prompts:list"),
        query=lambda w: f"person={w.peggy.pk}",
        shows="What would you say Peggy is good at?",
    ),
    Visit(
        "prompts-person-forbidden-403",
        "prompts:list",
        "dina",
        url("prompts:list"),
        query=lambda w: f"person={w.peggy.pk}",
        status=403,
        shows="You cannot open this page",
    ),
    # Archiving, and the archived records.
    Visit("archive", "people:archive", "carol", url("people:archive", PEGGY), shows="Archive this record"),
    Visit(
        "archive-errors",
        "people:archive",
        "carol",
        url("people:archive", PEGGY),
        errors=True,
        post=lambda w: {"reason": ""},
    ),
    Visit("archive-forbidden-403", "people:archive", "alice", url("people:archive", PEGGY), status=403),
    Visit("archived-list", "people:archived", "quinn", url("people:archived"), shows="Moved to Leeds"),
    Visit("archived-record", "people:detail", "carol", url("people:detail", "gone"), shows="Archived record"),
    # A restricted record: the reason page, empty and too short.
    Visit(
        "restricted-reason", "core:give_reason", "bob", url("core:give_reason", RITA), shows="This record is restricted"
    ),
    Visit(
        "restricted-reason-empty",
        "core:give_reason",
        "bob",
        url("core:give_reason", RITA),
        errors=True,
        post=lambda w: {"reason": ""},
    ),
    Visit(
        "restricted-reason-too-short",
        "core:give_reason",
        "bob",
        url("core:give_reason", RITA),
        errors=True,
        post=lambda w: {"reason": "need"},
    ),
    # Oversight.
    Visit("history", "people:history", "carol", url("people:history", PEGGY), shows="Out in the garden by ten."),
    Visit(
        "history-restricted",
        "people:history",
        "carol",
        url("people:history", RITA),
        shows="Who has opened this restricted record",
    ),
    Visit("history-forbidden-403", "people:history", "alice", url("people:history", PEGGY), status=403),
    Visit("access-log", "core:access_log", "quinn", url("core:access_log"), shows="Access log"),
]

# Routes that are not pages, each with the reason. A GET builder, where given, proves the route
# shows no page of its own (it redirects or refuses the method).
# The assessment pages are listed in their own module, to keep this one readable.
VISITS += assessment_visits.visits(Visit)
# And the support plan pages and the directory's in theirs.
VISITS += plan_visits.visits(Visit)
VISITS += progress_visits.visits(Visit)
VISITS += copy_visits.visits(Visit)
VISITS += directory_visits.visits(Visit)
VISITS += risk_visits.visits(Visit)
VISITS += safeguarding_visits.visits(Visit)
VISITS += forum_visits.visits(Visit)
VISITS += access_log_visits.visits(Visit)
VISITS += audit_visits.visits(Visit)
VISITS += survey_visits.visits(Visit)
VISITS += storyboard_visits.visits(Visit)
VISITS += identity_visits.visits(Visit)
VISITS += governance_visits.visits(Visit)
VISITS += supervision_visits.visits(Visit)

EXCLUDED = {
    "logout": ("POST only: signs out and redirects to the sign-in page (the browser journey uses it).", url("logout")),
    "people:unarchive": (
        "POST only: brings an archived record back and redirects to it (the archived "
        "record's page, which holds its button, is checked).",
        url("people:unarchive", "gone"),
    ),
    "core:save_draft": ("POST only: JSON for static/drafts.js, no HTML.", url("core:save_draft")),
    "core:discard_draft": ("POST only: discards a draft and redirects back to the form.", url("core:discard_draft")),
    "coach:check": (
        "POST only: an HTML fragment of writing tips that htmx puts into the edit pages "
        "(the browser tests run axe on those pages with the tips in place).",
        url("coach:check"),
    ),
}
# Whole groups of routes, by namespace or path prefix, with the reason.
# Routes that answer with a file, not an HTML page: each is read back by its own tests, and here
# only checked to answer GET with that kind of file.
NOT_HTML = {
    "plans:copy_pdf": (
        "The person's copy of their plan as a PDF (whatsstrong/plans/tests/test_pdf.py reads its text).",
        "application/pdf",
        lambda w: reverse("plans:copy_pdf", args=[w.peggy.pk, copy_visits.things(w).plan.pk]),
    ),
    "core:health": (
        "The load balancer's health check: plain text (whatsstrong/core/tests/test_health.py).",
        "text/plain",
        lambda w: reverse("core:health"),
    ),
}

EXCLUDED_NAMESPACES = {
    "admin": "Django's own admin for administrators: Django's markup, not ours.",
    "api": "The JSON API: no HTML pages.",
}
EXCLUDED |= directory_visits.excluded(url)
NOT_HTML |= forum_visits.NOT_HTML
NOT_HTML |= audit_visits.NOT_HTML
EXCLUDED |= audit_visits.excluded()
EXCLUDED |= storyboard_visits.excluded()
NOT_HTML |= storyboard_visits.NOT_HTML
EXCLUDED |= identity_visits.excluded()
EXCLUDED |= survey_visits.excluded(url)
NOT_HTML |= survey_visits.NOT_HTML
EXCLUDED |= supervision_visits.excluded()
EXCLUDED |= risk_visits.excluded()
EXCLUDED_NAMESPACES |= directory_visits.EXCLUDED_NAMESPACES
EXCLUDED_PATH_PREFIXES = {"api/": "The JSON API: no HTML pages."}


# ---------------------------------------------------------------------------------------------
# The checks.


def open_page(visit, client, client_for, world):
    client = client_for(visit.persona) if visit.persona else client
    if visit.before:
        visit.before(client, world)
    query = visit.query(world) if callable(visit.query) else visit.query
    address = visit.url(world) + (f"?{query}" if query else "")
    if visit.post:
        return client.post(address, visit.post(world), follow=visit.follow)
    return client.get(address, follow=visit.follow)


@pytest.mark.parametrize("visit", VISITS, ids=[v.id for v in VISITS])
def test_page_html(visit, client, client_for, world):
    response = open_page(visit, client, client_for, world)
    assert response.status_code == visit.status, f"{visit.id}: status {response.status_code}"
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert visit.shows in html, f"{visit.id}: the page does not show {visit.shows!r}"
    assert_accessible_html(html, errors_expected=visit.errors)


def test_the_server_error_page(db):
    from whatsstrong.core.errors import server_error

    request = RequestFactory().get("/people/1/")
    request.user = AnonymousUser()
    response = server_error(request)
    assert response.status_code == 500
    assert_accessible_html(response.content.decode(), errors_expected=False)


def walk_routes(patterns=None, namespace="", prefix=""):
    """(namespace, full name or None, path pattern) for every URL pattern in the product."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk_routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        else:
            yield namespace, (namespace + pattern.name if pattern.name else None), prefix + str(pattern.pattern)


def excluded_group(namespace, path):
    return namespace.split(":")[0] in EXCLUDED_NAMESPACES or path.startswith(tuple(EXCLUDED_PATH_PREFIXES))


def unchecked_routes(patterns=None):
    """Routes with no visit and no exclusion, routes with no name, and listed names that are not routes."""
    routes = [(name, path) for namespace, name, path in walk_routes(patterns) if not excluded_group(namespace, path)]
    names = {name for name, _ in routes if name}
    listed = {v.route for v in VISITS} | set(EXCLUDED) | set(NOT_HTML)
    unnamed = [path for name, path in routes if name is None]
    return sorted(names - listed), unnamed, sorted(listed - names)


def test_every_route_is_checked_or_excluded_with_a_reason():
    missing, unnamed, stale = unchecked_routes()
    assert not missing, (
        f"Routes with no HTML check: {missing}. Add a Visit to VISITS in {__name__} "
        "(and one after a bad POST if it has a form), or add it to EXCLUDED with the reason."
    )
    assert not unnamed, f"Name these routes so the page checks can list them: {unnamed}"
    assert not stale, f"Listed in {__name__} but no longer a route: {stale}"
    assert all(reason.strip() for reason, _ in EXCLUDED.values())


def test_a_new_page_that_is_not_listed_fails_the_route_check():
    from django.urls import include, path

    def view(request):
        raise AssertionError("never called")

    extra = [path("reports/", include(([path("", view, name="index"), path("raw/", view)], "reports")))]
    missing, unnamed, _ = unchecked_routes(get_resolver().url_patterns + extra)
    assert missing == ["reports:index"]
    assert unnamed == ["reports/raw/"]


def test_every_section_of_the_record_is_checked_as_it_opens_and_with_errors(world):
    """people:edit serves several forms, one per section: the route check alone cannot see a new one."""
    from whatsstrong.people.views import SECTIONS

    opened, with_errors = set(), set()
    for visit in VISITS:
        if visit.route == "people:edit" and visit.status == 200 and not visit.follow:
            section = resolve(visit.url(world)).kwargs["section"]
            (with_errors if visit.errors else opened).add(section)
    assert set(SECTIONS) - opened == set(), "Add a Visit for each new section as it opens"
    assert set(SECTIONS) - with_errors == set(), "Add a Visit for each new section after a bad POST"


@pytest.mark.parametrize("name", sorted(EXCLUDED))
def test_excluded_routes_show_no_page(name, client_for, world):
    _, build = EXCLUDED[name]
    response = client_for("alice").get(build(world))
    assert response.status_code in (302, 405), f"{name} answers GET with {response.status_code}: list it in VISITS"


@pytest.mark.parametrize("name", sorted(NOT_HTML))
def test_routes_that_answer_with_a_file_give_that_file(name, client_for, world):
    reason, content_type, build, *persona = NOT_HTML[name]
    response = client_for(persona[0] if persona else "alice").get(build(world))
    assert reason.strip()
    assert response.status_code == 200
    assert response["Content-Type"] == content_type


def test_every_form_is_also_checked_after_a_bad_submission(client, client_for, world):
    """A page with a form of its own must have a visit that shows that form's errors."""
    with_errors = {v.route for v in VISITS if v.errors}
    lacking = set()
    for visit in VISITS:
        if visit.post or visit.status != 200:
            continue
        page = parse(open_page(visit, client, client_for, world).content.decode())
        if any(not action for _, action in page.forms) and visit.route not in with_errors:
            lacking.add(visit.route)
        client.logout()
    assert not lacking, f"Forms never checked in their error state (add a Visit with errors=True): {sorted(lacking)}"
