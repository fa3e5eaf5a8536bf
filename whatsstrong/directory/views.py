"""Directory pages: the practitioners' search and a service's page for every member of staff; the
editors' pages for organisations, places, services and opening times; suggesting a service to a
person and recording a gap, from their record (opened through core/gate.py)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from whatsstrong.core import access
from whatsstrong.core.forms import with_version
from whatsstrong.core.gate import open_person_page
from whatsstrong.core.record_pages import record_form_page, show_refusal
from whatsstrong.core.records import EditConflict
from whatsstrong.people import rules as people_rules

from . import queries, rules, search, services
from .forms import (
    GapForm,
    LocationForm,
    OpeningTimesForm,
    OrganisationForm,
    SearchForm,
    ServiceForm,
    SignpostForm,
    SignpostUpdateForm,
)
from .models import Location, Organisation, Service, TaxonomyTerm

PAGE_SIZE = 20
KM_PER_MILE = rules.KM_PER_MILE


def _reader(request):
    if not access.can_read_directory(request.user):
        raise PermissionDenied("Your account cannot open the directory.")


def _editor(request):
    if not access.can_edit_directory(request.user):
        raise PermissionDenied(services.NOT_AN_EDITOR)


def _person_from_query(request, *, for_edit=False):
    """The person named by `?person=`, opened through the gate (and logged), or None."""
    raw = request.GET.get("person") or request.POST.get("person")
    if not raw:
        return None
    try:
        person_id = int(raw)
    except ValueError:
        raise Http404("No one has this record number.") from None
    return open_person_page(request, person_id, for_edit=for_edit)


def _can_suggest(request, person):
    return person is not None and access.can_edit(request.user, person)


# --- Search ----------------------------------------------------------------------------------------


def _criteria(data, place_point, groups_term):
    return search.Criteria(
        text=data.get("q") or "",
        term_ids=queries.term_and_children(groups_term) if groups_term else (),
        age=data.get("age"),
        day=int(data["day"]) if data.get("day") else None,
        at=data.get("time"),
        free_only=bool(data.get("free")),
        origin=place_point,
        within_km=float(data["within"]) * KM_PER_MILE if data.get("within") and place_point else None,
        # Nearest first when asked, or by default when a place is given without words.
        nearest_first=place_point is not None
        and (data.get("order") == "nearest" or (not data.get("order") and not rules.words(data.get("q")))),
    )


@login_required
def search_page(request):
    _reader(request)
    person = _person_from_query(request)
    groups = queries.category_groups()
    asked = {k: v for k, v in request.GET.items() if k not in {"person", "page"}}
    if asked:
        form = SearchForm(request.GET, groups=groups)
    else:
        initial = {"person": person.pk} if person else {}
        if person is not None:
            initial |= {"near": person.postcode, "age": rules.age_on(person.date_of_birth, timezone.localdate())}
        form = SearchForm(initial=initial, groups=groups)
    context = {
        "form": form,
        "person": person,
        "groups": groups,
        "can_suggest": _can_suggest(request, person),
        "can_edit": access.can_edit_directory(request.user),
        "can_see_gaps": access.can_see_gaps(request.user),
    }
    if asked and form.is_valid():
        data = form.cleaned_data
        place, point, how = data.get("near"), None, ""
        if place is not None:
            point, how = queries.place_of(place)
        criteria = _criteria(data, point, _term(data.get("category")))
        number = _page_number(request)
        found = search.find(criteria, start=(number - 1) * PAGE_SIZE, size=PAGE_SIZE)
        pages = max(1, -(-found.total // PAGE_SIZE))
        number = min(number, pages)
        context |= {
            "searched": True,
            "found": found,
            "rows": queries.rows_for(found.page((number - 1) * PAGE_SIZE, PAGE_SIZE)),
            "number": number,
            "pages": pages,
            "place": place,
            "point": point,
            "placed_by": how,
            "criteria": criteria,
            "query_for": lambda **changes: _query(request, **changes),
        }
    return render(request, "directory/search.html", context)


def _term(value):
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _page_number(request):
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


def _query(request, **changes):
    """This page's query string with some values changed (None drops one)."""
    query = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return "?" + query.urlencode()


# --- A service ---------------------------------------------------------------------------------------


@login_required
def service_page(request, sid):
    _reader(request)
    service = queries.service_detail(sid)
    if service is None:
        raise Http404("There is no such service in the directory.")
    person = _person_from_query(request)
    today = timezone.localdate()
    return render(
        request,
        "directory/service.html",
        {
            "service": service,
            "sessions": queries.sessions_by_day(service),
            "usage": queries.usage(service.pk),
            "person": person,
            "can_suggest": _can_suggest(request, person),
            "can_edit": access.can_edit_directory(request.user),
            "check_due": rules.check_due(service.last_checked, today),
            "languages": rules.languages(service.languages),
        },
    )


@login_required
@require_POST
def service_checked(request, sid):
    _editor(request)
    service = services.service_checked(actor=request.user, service_id=get_object_or_404(Service, pk=sid).pk)
    messages.success(request, f"{service.name} marked as checked today.")
    return redirect(reverse("directory:review") if request.POST.get("next") == "review" else service)


# --- Editors' pages ----------------------------------------------------------------------------------


def _editor_form_page(request, *, make_form, save, heading, cancel_url, template="directory/form.html", extra=None):
    """A directory edit page: GOV.UK errors, and when someone saved first, what they changed beside
    what this editor typed, every word kept (as core.record_pages does for people's records)."""
    conflict = None
    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            done = save(form)
        except EditConflict as error:
            conflict = error
            form = make_form(with_version(request.POST, error.record.version), instance=error.record)
            form.is_valid()
        except ValidationError as error:
            show_refusal(form, error)
        else:
            return done
    return render(
        request,
        template,
        {"form": form, "heading": heading, "conflict": conflict, "cancel_url": cancel_url, **(extra or {})},
    )


def _saved(request, words, to):
    messages.success(request, words)
    return redirect(to)


@login_required
def organisations(request):
    _reader(request)
    page = Paginator(queries.organisations(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/organisations.html",
        {"page": page, "can_edit": access.can_edit_directory(request.user)},
    )


@login_required
def organisation_page(request, oid):
    _reader(request)
    organisation = queries.organisation_detail(oid)
    if organisation is None:
        raise Http404("There is no such organisation in the directory.")
    return render(
        request,
        "directory/organisation.html",
        {"organisation": organisation, "can_edit": access.can_edit_directory(request.user)},
    )


@login_required
def organisation_edit(request, oid=None):
    _editor(request)
    organisation = get_object_or_404(Organisation, pk=oid) if oid else None

    def make_form(data, **overrides):
        return OrganisationForm(data, instance=overrides.get("instance", organisation))

    def save(form):
        saved = services.organisation_save(
            actor=request.user,
            organisation_id=organisation.pk if organisation else None,
            expected_version=form.cleaned_data.get("version"),
            data={name: form.cleaned_data[name] for name in form._meta.fields},
        )
        return _saved(request, f"{saved.name} saved.", saved)

    return _editor_form_page(
        request,
        make_form=make_form,
        save=save,
        heading=f"Change {organisation.name}" if organisation else "Add an organisation",
        cancel_url=organisation.get_absolute_url() if organisation else reverse("directory:organisations"),
    )


@login_required
def location_edit(request, oid=None, lid=None):
    _editor(request)
    location = get_object_or_404(Location.objects.select_related("organisation"), pk=lid) if lid else None
    organisation = location.organisation if location else get_object_or_404(Organisation, pk=oid)

    def make_form(data, **overrides):
        return LocationForm(data, instance=overrides.get("instance", location))

    def save(form):
        services.location_save(
            actor=request.user,
            organisation=organisation,
            location_id=location.pk if location else None,
            expected_version=form.cleaned_data.get("version"),
            data={name: form.cleaned_data[name] for name in form._meta.fields},
        )
        return _saved(request, "Place saved.", organisation)

    return _editor_form_page(
        request,
        make_form=make_form,
        save=save,
        heading=f"Change {location.name}" if location else "Add a place",
        cancel_url=organisation.get_absolute_url(),
        extra={"caption": organisation.name},
    )


@login_required
def service_edit(request, oid=None, sid=None):
    _editor(request)
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=sid) if sid else None
    organisation = service.organisation if service else get_object_or_404(Organisation, pk=oid)
    groups = queries.category_groups()
    places = list(organisation.locations.order_by("name", "pk"))

    def make_form(data, **overrides):
        return ServiceForm(data, instance=overrides.get("instance", service), groups=groups, places=places)

    def save(form):
        saved = services.service_save(
            actor=request.user,
            organisation=organisation,
            service_id=service.pk if service else None,
            expected_version=form.cleaned_data.get("version"),
            data=form.service_data(),
            categories=list(TaxonomyTerm.objects.filter(pk__in=form.cleaned_data["categories"])),
            locations=[p for p in places if str(p.pk) in form.cleaned_data["locations"]],
        )
        return _saved(request, f"{saved.name} saved.", saved)

    return _editor_form_page(
        request,
        make_form=make_form,
        save=save,
        heading=f"Change {service.name}" if service else "Add a service",
        cancel_url=service.get_absolute_url() if service else organisation.get_absolute_url(),
        template="directory/service_form.html",
        extra={"caption": organisation.name, "groups": groups, "organisation": organisation},
    )


@login_required
def opening_times(request, sid):
    _editor(request)
    service = get_object_or_404(Service.objects.prefetch_related("opening_times"), pk=sid)
    sessions = [(s.weekday, s.opens, s.closes) for s in service.opening_times.all()]

    def make_form(data, **overrides):
        record = overrides.get("instance", service)
        return OpeningTimesForm(data, sessions=sessions, initial={"version": record.version})

    def save(form):
        services.opening_times_save(
            actor=request.user,
            service_id=service.pk,
            expected_version=form.cleaned_data["version"],
            sessions=form.sessions,
        )
        return _saved(request, "Opening times saved.", service)

    return _editor_form_page(
        request,
        make_form=make_form,
        save=save,
        heading="Opening times",
        cancel_url=service.get_absolute_url(),
        template="directory/opening_times.html",
        extra={"caption": service.name},
    )


@login_required
def review(request):
    _editor(request)
    today = timezone.localdate()
    page = Paginator(queries.due_for_check(today), 50).get_page(request.GET.get("page"))
    return render(request, "directory/review.html", {"page": page, "since": rules.a_year_before(today)})


# --- Gaps --------------------------------------------------------------------------------------------


def _gap_reader(request):
    if not access.can_see_gaps(request.user):
        raise PermissionDenied("Gaps are counted for directory editors, managers and quality leads.")


@login_required
def gaps(request):
    """Gaps counted by category and area, and by quarter: the newest quarter unless another is chosen."""
    _gap_reader(request)
    quarters = queries.gap_quarters()
    asked = request.GET.get("quarter", "")
    quarter = rules.read_quarter(asked) if asked else (quarters[0] if quarters else None)
    problem = "Choose a quarter from the list" if asked and quarter not in quarters else ""
    return render(
        request,
        "directory/gaps.html",
        {
            "counts": queries.gap_counts(),
            "recent": queries.recent_gaps(),
            "quarters": [(rules.quarter_key(*q), rules.quarter_label(*q)) for q in quarters],
            "quarter": rules.quarter_key(*quarter) if quarter and not problem else "",
            "quarter_label": rules.quarter_label(*quarter) if quarter and not problem else "",
            "by_quarter": queries.gap_counts_by_quarter(quarter) if quarter and not problem else [],
            "problem": problem,
        },
    )


GAP_CSV_HEADINGS = [
    "Quarter",
    "Quarter starts",
    "Category",
    "Area",
    "Gaps recorded",
    "Needed now",
    "Needed within a few weeks",
    "Would help in the months ahead",
    "How soon not said",
    "Raised at an outcomes forum",
]


@login_required
def gaps_csv(request):
    """Every quarter's counts as a CSV file, for commissioners' own spreadsheets. Counts only."""
    import csv

    from django.http import HttpResponse

    _gap_reader(request)
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="gaps-by-quarter.csv"'
    writer = csv.writer(response)
    writer.writerow(GAP_CSV_HEADINGS)
    for c in queries.gap_counts_by_quarter():
        writer.writerow(
            [
                c.key,
                rules.quarter_start(c.year, c.quarter).isoformat(),
                rules.csv_safe(c.category),
                rules.csv_safe(c.area),
                c.count,
                c.now,
                c.soon,
                c.later,
                c.not_said,
                c.at_forum,
            ]
        )
    return response


def _gap_data(form):
    term = _term(form.cleaned_data["category"])
    return {
        "category": TaxonomyTerm.objects.filter(pk=term).first() if term else None,
        **{name: form.cleaned_data[name] for name in ("area", "who", "need", "urgency")},
    }


@login_required
def gap_new(request):
    """A gap noticed while searching, not tied to anyone's record."""
    if not access.can_record_gaps(request.user):
        raise PermissionDenied("Your role does not include recording gaps in what the community offers.")
    groups = queries.category_groups()

    def make_form(data, **overrides):
        return GapForm(data, groups=groups, initial={"area": request.GET.get("area", "")})

    def save(form):
        services.gap_record(actor=request.user, data=_gap_data(form))
        return _saved(request, "Gap recorded. Thank you: commissioners see these counted.", "directory:search")

    return _editor_form_page(
        request,
        make_form=make_form,
        save=save,
        heading="Record something the community does not offer yet",
        cancel_url=reverse("directory:search"),
        extra={"lead": GAP_LEAD},
    )


GAP_LEAD = (
    "When nothing in the directory fits what someone needs, say what is missing. Gaps are counted by "
    "category and area for the people who commission services; nobody's name is shown with them."
)


# --- From a person's record ------------------------------------------------------------------------


@login_required
def signpost_new(request, pk, sid):
    person = open_person_page(request, pk, for_edit=True)
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=sid)

    def save(form):
        services.signpost_add(actor=request.user, person=person, service_id=service.pk, why=form.cleaned_data["why"])

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **_: SignpostForm(data),
        save=save,
        heading=f"Suggest {service.name}",
        saved=f"{service.name} suggested to {person.known_as}.",
        extra={
            "lead": f"Run by {service.organisation.name}. You can record later whether they tried it and how it went."
        },
    )


@login_required
def signpost_change(request, pk, spid):
    person = open_person_page(request, pk, for_edit=True)
    signpost = queries.signpost_of(person.pk, spid)
    if signpost is None:
        raise Http404("There is no such suggestion on this record.")

    def save(form):
        services.signpost_update(
            actor=request.user,
            person=person,
            signpost_id=signpost.pk,
            expected_version=form.cleaned_data["version"],
            data={name: form.cleaned_data[name] for name in form._meta.fields},
        )

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **o: SignpostUpdateForm(data, instance=o.get("instance", signpost)),
        save=save,
        heading=f"How did {signpost.service.name} go?",
        saved="Saved.",
        extra={"lead": f"Suggested on {signpost.suggested_on.day} {signpost.suggested_on:%B %Y}."},
    )


@login_required
def person_gap(request, pk):
    person = open_person_page(request, pk, for_edit=True)
    groups = queries.category_groups()
    area = people_rules.postcode_key(person.postcode).split(" ")[0] if person.postcode else ""

    def save(form):
        services.gap_record(actor=request.user, person=person, data=_gap_data(form))

    return record_form_page(
        request,
        person=person,
        make_form=lambda data, **_: GapForm(data, groups=groups, initial={"area": area}),
        save=save,
        heading="Record something the community does not offer yet",
        saved="Gap recorded. Commissioners see it counted, without anyone's name.",
        extra={"lead": GAP_LEAD},
    )
