"""Writing the directory: every change in one transaction, with a history row naming who made it.

Directory entries are not about people, so their access rule is the role alone
(`core.access.can_edit_directory`: directory editors and administrators), asked here whoever calls.
A change carries the version the editor opened; a save on top of someone else's raises
`core.records.EditConflict`, as a change to a person's record does. Each save of a service, or of an
organisation or place its words come from, brings its search words up to date (`reindex`).

Signposting and gaps belong to people's records: they go through `core.records` with the access
check on the person as stored.
"""

from __future__ import annotations

import datetime
import json
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from whatsstrong.core.access import can_edit_directory, can_raise_forum_gap, can_record_gaps
from whatsstrong.core.records import EditConflict, add_to_record, changed_since, save_versioned, stored

from . import rules
from .models import (
    SHOWN_STATUSES,
    URGENCIES,
    Gap,
    Location,
    OpeningTime,
    Organisation,
    SearchWord,
    SearchWordVariant,
    Service,
    ServiceAtLocation,
    ServiceWord,
    Signpost,
    Taxonomy,
    TaxonomyTerm,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
NOT_AN_EDITOR = "Only directory editors and administrators can change the directory."
# Ids of the bundled and loaded taxonomies and their terms are made from their codes, so every
# installation publishes the same id for the same term.
TAXONOMY_NAMESPACE = uuid.UUID("9d3c6f5e-1b8a-4f43-9a51-5f0d2f6a8b21")
ORGANISATION_FIELDS = {"name", "description", "email", "website", "phone"}
LOCATION_FIELDS = {"name", "address", "town", "postcode", "latitude", "longitude", "accessibility"}
SERVICE_FIELDS = {
    "name",
    "kind",
    "description",
    "status",
    "alert",
    "minimum_age",
    "maximum_age",
    "languages",
    "cost",
    "cost_amount",
    "cost_note",
    "url",
    "email",
    "phone",
    "contact_name",
    "contact_role",
}
SIGNPOST_UPDATE_FIELDS = {"tried", "helped", "their_words"}
GAP_FIELDS = {"category", "area", "who", "need", "urgency"}
CHUNK = 500  # ids in one IN (...) list


def require_editor(actor: Any) -> None:
    if not can_edit_directory(actor):
        raise PermissionDenied(NOT_AN_EDITOR)


def _only(data: dict[str, Any], allowed: set[str], what: str) -> dict[str, Any]:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"{what} has no {', '.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}


def _chunks(items: list) -> list[list]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def _save_versioned(model: Any, *, actor: Any, record_id: Any, expected_version: int | None, data: dict) -> Any:
    """Change a directory record only if it is still at the version the editor opened."""
    record = model.objects.select_for_update().get(pk=record_id)
    if record.version != expected_version:
        changes, saved_by = changed_since(model, record, expected_version, data)
        raise EditConflict(record=record, changes=changes, saved_by=saved_by)
    for field, value in data.items():
        setattr(record, field, value)
    record.version += 1
    record._history_user = actor
    record.full_clean(exclude=["organisation"])
    record.save()
    return record


def _add(model: Any, *, actor: Any, data: dict, **fixed: Any) -> Any:
    record = model(**fixed, **data)
    record._history_user = actor
    record.full_clean(exclude=[name for name in fixed if name != "id"])
    record.save()
    return record


# --- Organisations, places and services ----------------------------------------------------------


def organisation_save(
    *, actor: Any, data: dict, organisation_id: Any = None, expected_version: int | None = None, new_id: Any = None
) -> Organisation:
    """Add an organisation (with `new_id`, when a file gives it one) or change one."""
    require_editor(actor)
    data = _only(data, ORGANISATION_FIELDS, "An organisation")
    with transaction.atomic():
        if organisation_id is None:
            return _add(Organisation, actor=actor, data=data, **({"id": new_id} if new_id else {}))
        before = Organisation.objects.get(pk=organisation_id).name
        organisation = _save_versioned(
            Organisation, actor=actor, record_id=organisation_id, expected_version=expected_version, data=data
        )
        if organisation.name != before:
            reindex(list(organisation.services.values_list("pk", flat=True)))
    return organisation


def location_save(
    *,
    actor: Any,
    organisation: Organisation,
    data: dict,
    location_id: Any = None,
    expected_version: int | None = None,
    new_id: Any = None,
) -> Location:
    require_editor(actor)
    data = _only(data, LOCATION_FIELDS, "A place")
    if (data.get("latitude") is None) != (data.get("longitude") is None):
        raise ValidationError({"longitude": "Enter both the latitude and the longitude, or neither"})
    with transaction.atomic():
        if location_id is None:
            return _add(
                Location, actor=actor, data=data, organisation=organisation, **({"id": new_id} if new_id else {})
            )
        if not Location.objects.filter(pk=location_id, organisation=organisation).exists():
            raise Location.DoesNotExist("No such place for this organisation")
        location = _save_versioned(
            Location, actor=actor, record_id=location_id, expected_version=expected_version, data=data
        )
        reindex(list(location.at_services.values_list("service_id", flat=True)))
    return location


def _check_service(data: dict) -> dict:
    """The service's fields checked by the same rules as the form; an amount typed as text is read."""
    amount = data.get("cost_amount")
    if isinstance(amount, str):
        amount = rules.money(amount) if amount.strip() else None
        if isinstance(amount, str):
            raise ValidationError({"cost_amount": amount})
        data = {**data, "cost_amount": amount}
    problems = rules.cost_problems(data.get("cost", ""), data.get("cost_amount"))
    problem = rules.ages_problem(data.get("minimum_age"), data.get("maximum_age"))
    if problem:
        problems["maximum_age" if data.get("maximum_age") is not None else "minimum_age"] = problem
    if problems:
        raise ValidationError(problems)
    return data


def service_save(
    *,
    actor: Any,
    organisation: Organisation,
    data: dict,
    categories: list[TaxonomyTerm] | None = None,
    locations: list[Location] | None = None,
    service_id: Any = None,
    expected_version: int | None = None,
    new_id: Any = None,
) -> Service:
    """Add (with `new_id`, when a file gives it one) or change a service: its own fields, its
    categories, and the organisation's places it is at."""
    require_editor(actor)
    data = _check_service(_only(data, SERVICE_FIELDS, "A service"))
    if locations and any(place.organisation_id != organisation.pk for place in locations):
        raise ValidationError({"locations": "Choose places this organisation runs things at"})
    with transaction.atomic():
        if service_id is None:
            ids = {"id": new_id} if new_id else {}
            service = _add(Service, actor=actor, data=data, organisation=organisation, **ids)
        else:
            if not Service.objects.filter(pk=service_id, organisation=organisation).exists():
                raise Service.DoesNotExist("No such service for this organisation")
            service = _save_versioned(
                Service, actor=actor, record_id=service_id, expected_version=expected_version, data=data
            )
        if categories is not None:
            service._history_user = actor
            service.categories.set(categories)
        if locations is not None:
            _place(service, locations, actor)
        reindex([service.pk])
    return service


def _place(service: Service, locations: list[Location], actor: Any) -> None:
    wanted = {place.pk for place in locations}
    current = dict(ServiceAtLocation.objects.filter(service=service).values_list("location_id", "pk"))
    for location_id, link_id in current.items():
        if location_id not in wanted:
            link = ServiceAtLocation.objects.get(pk=link_id)
            link._history_user = actor
            link.delete()
    for location_id in wanted - set(current):
        link = ServiceAtLocation(service=service, location_id=location_id)
        link._history_user = actor
        link.save()


def opening_times_save(
    *, actor: Any, service_id: Any, expected_version: int, sessions: list[tuple[int, datetime.time, datetime.time]]
) -> Service:
    """Replace a service's weekly sessions. The service's version moves on, so two editors changing the
    times at once meet a conflict."""
    require_editor(actor)
    for day, opens, closes in sessions:
        problem = rules.session_problem(opens, closes)
        if problem or not 0 <= day <= 6:
            raise ValidationError(problem or "A day is from 0 (Monday) to 6 (Sunday)")
    overlap = rules.sessions_overlap(sessions)
    if overlap is not None:
        raise ValidationError(f"Two sessions on {rules.DAYS[overlap]} overlap: make one end before the next starts")
    with transaction.atomic():
        service = _save_versioned(
            Service, actor=actor, record_id=service_id, expected_version=expected_version, data={}
        )
        for old in OpeningTime.objects.filter(service=service):
            old._history_user = actor
            old.delete()
        for day, opens, closes in sorted(sessions):
            _add(OpeningTime, actor=actor, data={"weekday": day, "opens": opens, "closes": closes}, service=service)
    return service


def service_checked(*, actor: Any, service_id: Any, on: datetime.date | None = None) -> Service:
    """Record that an editor has made sure the entry is right. No version check: nothing typed is lost."""
    require_editor(actor)
    with transaction.atomic():
        service = Service.objects.select_for_update().get(pk=service_id)
        service.last_checked = on or timezone.localdate()
        service.checked_by = actor
        service._history_user = actor
        service.save(update_fields=["last_checked", "checked_by", "updated_at"])
    return service


# --- Importing a file (exchange.py reads it) ------------------------------------------------------


def directory_import(*, actor: Any, report: Any) -> int:
    """Write every entry a file was read into, in one transaction, or nothing: refused rows, or a
    row the database then refuses, leave the directory as it was. Existing ids are changed, not
    added again. Returns the number of services written; raises ValidationError listing problems."""
    require_editor(actor)
    from .exchange import Problem

    if report.problems:
        raise ValidationError([str(p) for p in report.problems])
    problems = []
    with transaction.atomic():
        for entry in report.entries:
            try:
                with transaction.atomic():
                    _import_entry(actor, entry)
            except (ValidationError, Service.DoesNotExist, Location.DoesNotExist) as error:
                words = "; ".join(getattr(error, "messages", None) or [str(error)])
                problems.append(str(Problem(entry.where, "the row", words)))
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError(problems)
    return len(report.entries)


def _import_entry(actor: Any, entry: Any) -> None:
    organisation = None
    if entry.organisation_id:
        organisation = Organisation.objects.filter(pk=entry.organisation_id).first()
    if organisation is None:
        organisation = Organisation.objects.filter(name__iexact=entry.organisation["name"]).first()
    if organisation is None:
        organisation = organisation_save(actor=actor, data=entry.organisation, new_id=entry.organisation_id)
    places = []
    if entry.place:
        place = Location.objects.filter(pk=entry.place_id).first() if entry.place_id else None
        if place is None:
            place = Location.objects.filter(
                organisation=organisation,
                name=entry.place["name"],
                postcode_key=rules.postcode_key(entry.place["postcode"]),
            ).first()
        if place is None:
            place = location_save(actor=actor, organisation=organisation, data=entry.place, new_id=entry.place_id)
        elif place.organisation_id != organisation.pk:
            raise ValidationError(f"the place {place.name} belongs to another organisation")
        else:
            place = location_save(
                actor=actor,
                organisation=organisation,
                location_id=place.pk,
                expected_version=place.version,
                data=entry.place,
            )
        places = [place]
    existing = Service.objects.filter(pk=entry.service_id).first() if entry.service_id else None
    if existing is not None and existing.organisation_id != organisation.pk:
        raise ValidationError(f"the service {existing.name} is run by another organisation in this directory")
    service = service_save(
        actor=actor,
        organisation=organisation,
        data=entry.service,
        categories=entry.categories,
        locations=places,
        service_id=existing.pk if existing else None,
        expected_version=existing.version if existing else None,
        new_id=None if existing else entry.service_id,
    )
    service = opening_times_save(
        actor=actor, service_id=service.pk, expected_version=service.version, sessions=entry.sessions
    )
    if entry.last_checked:
        service_checked(actor=actor, service_id=service.pk, on=entry.last_checked)


# --- The search index ----------------------------------------------------------------------------


def service_words(service: Service) -> dict[str, int]:
    """{word: weight} of a service, from the rows prefetched by `reindex`."""
    return rules.index_words(
        name=service.name,
        kind=service.get_kind_display(),
        categories=[term.name for term in service.categories.all()],
        organisation=service.organisation.name,
        places=[f"{place.name} {place.town} {place.outward}" for place in service.locations.all()],
        description=service.description,
    )


def reindex(service_ids: list) -> None:
    """Bring these services' search words up to date, with their status, and each word's count of
    services (a deleted service's words are counted out by `forget_words`)."""
    for ids in _chunks(list(service_ids)):
        found = (
            Service.objects.filter(pk__in=ids)
            .select_related("organisation")
            .prefetch_related("categories", "locations")
        )
        stale = ServiceWord.objects.filter(service_id__in=ids)
        before = dict(stale.order_by().values("word").annotate(n=Count("pk")).values_list("word", "n"))
        stale.delete()
        rows, after = [], {}
        for service in found:
            weighted = service_words(service)
            rows += [
                ServiceWord(service_id=service.pk, word=word, weight=w, status=service.status)
                for word, w in weighted.items()
            ]
            for word in weighted:
                after[word] = after.get(word, 0) + 1
        ServiceWord.objects.bulk_create(rows)
        add_words(set(after))
        _count_words({word: after.get(word, 0) - before.get(word, 0) for word in set(before) | set(after)})


def _count_words(changes: dict[str, int]) -> None:
    """Move each word's count of services on by its change: one update for each size of change."""
    by_change: dict[int, list[str]] = {}
    for word, change in changes.items():
        if change:
            by_change.setdefault(change, []).append(word)
    for change, words in sorted(by_change.items()):
        for chunk in _chunks(sorted(words)):
            SearchWord.objects.filter(word__in=chunk).update(services=F("services") + change)


def recount_words() -> None:
    """Count every word's services afresh: for rows written around `reindex` (the generator's)."""
    counts = ServiceWord.objects.filter(word=OuterRef("word")).order_by().values("word").annotate(n=Count("pk"))
    SearchWord.objects.update(services=Coalesce(Subquery(counts.values("n")[:1]), 0))


def forget_words(sender: Any, instance: Service, **kwargs: Any) -> None:
    """Before a service is deleted (its words go with it), count it out of its words' counts
    (connected to `pre_delete` in apps.py, so a queryset's delete counts too)."""
    words = list(ServiceWord.objects.filter(service_id=instance.pk).values_list("word", flat=True))
    _count_words(dict.fromkeys(words, -1))


def add_words(vocabulary: set[str]) -> None:
    """File new words in the vocabulary and under their one-letter-dropped keys."""
    new = set()
    for words in _chunks(sorted(vocabulary)):
        known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
        new |= set(words) - known
    if new:
        SearchWord.objects.bulk_create([SearchWord(word=w) for w in new], ignore_conflicts=True)
        SearchWordVariant.objects.bulk_create(
            [SearchWordVariant(key=key, word=w) for w in new for key in rules.variants(w)], ignore_conflicts=True
        )


def reindex_all() -> int:
    ids = list(Service.objects.values_list("pk", flat=True))
    reindex(ids)
    return len(ids)


# --- Taxonomies ----------------------------------------------------------------------------------


def term_id(taxonomy_code: str, code: str) -> uuid.UUID:
    return uuid.uuid5(TAXONOMY_NAMESPACE, f"{taxonomy_code}/{code}")


def bundled_taxonomy() -> dict:
    return json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))


def taxonomy_load(data: dict | None = None, *, taxonomy_model: Any = Taxonomy, term_model: Any = TaxonomyTerm) -> dict:
    """Load a taxonomy (the bundled one without `data`): new terms added, changed ones updated, terms
    no longer in the file retired (never deleted, since services and gaps may point at them).
    The models may be a migration's historical ones. Returns counts."""
    data = bundled_taxonomy() if data is None else data
    problems = rules.taxonomy_problems(data)
    if problems:
        raise ValidationError(problems)
    listed = data["taxonomy"]
    code = listed["code"].strip()
    with transaction.atomic():
        taxonomy, _ = taxonomy_model.objects.update_or_create(
            code=code,
            defaults={
                "id": uuid.uuid5(TAXONOMY_NAMESPACE, code),
                "name": listed["name"].strip(),
                "description": (listed.get("description") or "").strip(),
                "uri": (listed.get("uri") or "").strip(),
                "version_label": str(listed.get("version") or "").strip(),
            },
        )
        seen, added = set(), 0
        for position, term in enumerate(data["terms"]):
            term_code = str(term["code"]).strip()
            parent = term.get("parent")
            _, made = term_model.objects.update_or_create(
                taxonomy=taxonomy,
                code=term_code,
                defaults={
                    "id": term_id(code, term_code),
                    "name": term["name"].strip(),
                    "description": (term.get("description") or "").strip(),
                    "parent_id": term_id(code, str(parent).strip()) if parent else None,
                    "term_uri": (term.get("uri") or "").strip(),
                    "active": True,
                    "position": position,
                },
            )
            added += made
            seen.add(term_code)
        retired = term_model.objects.filter(taxonomy=taxonomy, active=True).exclude(code__in=seen).update(active=False)
    return {"terms": len(seen), "added": added, "retired": retired}


# --- Signposting and gaps (parts of people's records) --------------------------------------------


def signpost_add(
    *, actor: Any, person: Any, service_id: Any, why: str = "", on: datetime.date | None = None, from_plan: bool = False
):
    """Suggest a service to a person. Services closed for good or not running are refused."""
    service = Service.objects.filter(pk=service_id).first()
    if service is None:
        raise ValidationError("There is no such service in the directory")
    if service.status not in SHOWN_STATUSES:
        raise ValidationError(f"{service.name} is not running: choose another service")
    return add_to_record(
        Signpost,
        actor=actor,
        person=person,
        data={"why": (why or "").strip(), "suggested_on": on or timezone.localdate()},
        service=service,
        suggested_by=actor,
        from_plan=from_plan,
    )


def signpost_update(*, actor: Any, person: Any, signpost_id: int, expected_version: int, data: dict) -> Signpost:
    """Whether they tried it, whether it helped, and what they said, for a suggestion on their record."""
    data = _only(data, SIGNPOST_UPDATE_FIELDS, "A suggestion")
    if data.get("helped") and data.get("tried") == Signpost.Tried.NO:
        raise ValidationError({"helped": "They have not tried it, so say whether it helped once they have"})
    if not Signpost.objects.filter(pk=signpost_id, person_id=person.pk).exists():
        raise Signpost.DoesNotExist("No such suggestion on this record")
    return save_versioned(
        Signpost, actor=actor, record_id=signpost_id, expected_version=expected_version, data=data, person=person
    )


def signpost_from_plan(*, actor: Any, person: Any, service_id: Any, why: str = "", on=None) -> Signpost:
    """A suggestion made by naming a service in the person's support plan: recorded like any other, so
    the service's counts include it, and marked as from the plan. The caller (plans) keeps which
    suggestion its contribution made, so saving the plan again adds no second one."""
    return signpost_add(actor=actor, person=person, service_id=service_id, why=why, on=on, from_plan=True)


def active_services(words: str = "", *, limit: int = 20) -> list[Service]:
    """Running services whose name or organisation holds these words, by name: a short list to pick
    one from (a support plan naming a service). Not the directory's search, which ranks by much more."""
    found = Service.objects.filter(status="active").select_related("organisation").order_by("name", "pk")
    for word in (words or "").split()[:5]:
        found = found.filter(Q(name__icontains=word) | Q(organisation__name__icontains=word))
    return list(found[:limit])


URGENCY_CODES = tuple(u["code"] for u in URGENCIES["urgencies"])


def gap_record(
    *, actor: Any, data: dict, person: Any = None, on: datetime.date | None = None, source: str | None = None
) -> Gap:
    """Record a need the directory could not meet: from a person's record (access checked on them),
    from the directory's search page, or raised at an outcomes forum hearing the person (`source`
    "forum": a category and an urgency are then needed, and anyone taking part in the forum who may
    see the person may record it). Returns the gap; raises ValidationError naming each field."""
    data = _only(data, GAP_FIELDS, "A gap")
    source = source or (Gap.Source.PERSON if person is not None else Gap.Source.SEARCH)
    if source not in Gap.Source.values or (source == Gap.Source.SEARCH) != (person is None):
        raise ValidationError("A gap from a person's record or a forum names the person; one from the search does not")
    category = data.get("category")
    if category is not None and not isinstance(category, TaxonomyTerm):
        category = TaxonomyTerm.objects.filter(pk=category).first() if is_uuid(category) else None
        if category is None:
            raise ValidationError({"category": "Choose a category from the list"})
        data["category"] = category
    data["urgency"] = data.get("urgency") or ""
    problems = rules.gap_problems(
        category=category is not None,
        urgency=data["urgency"],
        area=data.get("area") or "",
        who=data.get("who") or "",
        need=data.get("need") or "",
        codes=URGENCY_CODES,
        full=source == Gap.Source.FORUM,
    )
    if problems:
        raise ValidationError(problems)
    data["area"] = rules.gap_area(data["area"])
    fixed = {"recorded_by": actor, "recorded_on": on or timezone.localdate(), "source": source}
    if source == Gap.Source.PERSON:
        return add_to_record(Gap, actor=actor, person=person, data=data, **fixed)
    with transaction.atomic():
        if source == Gap.Source.FORUM:
            if not can_raise_forum_gap(actor, stored(person)):
                raise PermissionDenied("Only someone taking part in the forum who may see this record can record this.")
            fixed["person"] = person
        elif not can_record_gaps(actor):
            raise PermissionDenied("Your role does not include recording gaps in what the community offers.")
        gap = Gap(**fixed, **data)
        gap._history_user = actor
        gap.save()
        return gap


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
