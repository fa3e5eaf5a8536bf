"""The demo council's community directory (data/directory.json), written through the directory's
services as the demo's directory editor, so every entry has history naming her.

Hand-written services (`featured`) are the ones demo people have been pointed to; many more are made
from the areas and the activities: each area gets most of the activities, at its community centre,
library, faith building or park, with a street address, a postcode in the area's district and a
position near the area's middle. A fixed seed makes the same directory every time. Some entries were
last checked over a year ago and a few never, so the review list has work in it.
"""

import datetime
import json
import random
from pathlib import Path

from django.utils import timezone

from whatsstrong.directory import services
from whatsstrong.directory.models import Service, Signpost, TaxonomyTerm

DATA = Path(__file__).resolve().parent / "data" / "directory.json"
SEED = 2026
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def read():
    return json.loads(DATA.read_text(encoding="utf-8"))


def _time(text):
    return datetime.time.fromisoformat(text)


class Builder:
    def __init__(self, editor, rng):
        self.editor = editor
        self.rng = rng
        self.terms = {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy__code="whatsstrong-community")}
        self.organisations = {}
        self.places = {}

    def organisation(self, name, description=""):
        if name not in self.organisations:
            self.organisations[name] = services.organisation_save(
                actor=self.editor, data={"name": name, "description": description}
            )
        return self.organisations[name]

    def place(self, organisation, name, area, streets, accessibility=""):
        key = (organisation.pk, name)
        if key not in self.places:
            rng = self.rng
            inward = f"{rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
            self.places[key] = services.location_save(
                actor=self.editor,
                organisation=organisation,
                data={
                    "name": name,
                    "address": f"{rng.randint(1, 180)} {rng.choice(streets)}",
                    "town": "Coventry",
                    "postcode": f"{area['outward']} {inward}",
                    "latitude": round(area["latitude"] + rng.uniform(-0.006, 0.006), 5),
                    "longitude": round(area["longitude"] + rng.uniform(-0.009, 0.009), 5),
                    "accessibility": accessibility or rng.choice(ACCESS),
                },
            )
        return self.places[key]

    def service(self, organisation, spec, area, place, fill):
        data = {
            "name": spec["name"].format(**fill),
            "kind": spec["kind"],
            "description": spec["description"].format(**fill),
            "cost": spec["cost"],
            "cost_amount": spec.get("amount", ""),
            "cost_note": spec.get("note", ""),
            "minimum_age": spec.get("minimum_age"),
            "maximum_age": spec.get("maximum_age"),
            "languages": spec.get("languages", "English"),
            "phone": f"024 76{self.rng.randint(10, 99)} {self.rng.randint(1000, 9999)}",
            "email": f"hello@{slug(organisation.name)}.example",
            "url": f"https://{slug(organisation.name)}.example",
        }
        made = services.service_save(
            actor=self.editor,
            organisation=organisation,
            data=data,
            categories=[self.terms[c] for c in spec["categories"]],
            locations=[place] if place else [],
        )
        if spec.get("days"):
            opens, closes = (_time(t) for t in spec["times"])
            made = services.opening_times_save(
                actor=self.editor,
                service_id=made.pk,
                expected_version=made.version,
                sessions=[(day, opens, closes) for day in spec["days"]],
            )
        return made


ACCESS = [
    "Step-free entrance and an accessible toilet.",
    "Ramp at the side door; hearing loop in the main hall.",
    "Two steps at the front, with a handrail. Parking outside.",
    "Lift to every floor, accessible toilet, quiet room on request.",
]


def slug(name):
    return "".join(ch for ch in name.lower() if ch.isalnum())[:30]


def _place_for(builder, kind, area, streets):
    if kind == "centre":
        owner = builder.organisation(
            f"{area['name']} Community Association",
            f"Runs the community centre in {area['name']}, with local volunteers.",
        )
        return owner, builder.place(owner, f"{area['name']} Community Centre", area, streets)
    if kind == "library":
        owner = builder.organisation("Coventry Libraries", "The city's libraries: books, computers, groups and advice.")
        return owner, builder.place(owner, f"{area['name']} Library", area, streets)
    if kind == "faith":
        owner = builder.organisation(area["faith"], "A place of worship whose hall is open to everyone.")
        return owner, builder.place(owner, f"{area['faith']} hall", area, streets)
    if kind == "park":
        owner = builder.organisation(f"Friends of {area['park']}", f"Volunteers who care for {area['park']}.")
        return owner, builder.place(owner, f"{area['park']} (meet at the main gate)", area, streets)
    owner = builder.organisation("Coventry Befriending Network", "Volunteers who keep in touch with people by phone.")
    return owner, None


def add_directory(people, staff, *, today=None):
    """Load the demo directory, signposting and gaps. Returns counts for the loader's summary."""
    data = read()
    today = today or timezone.localdate()
    editor = staff[data["editor"]]
    rng = random.Random(SEED)
    builder = Builder(editor, rng)
    areas = {area["name"]: area for area in data["areas"]}
    made = {}
    for spec in data["featured"]:
        area = areas[spec["area"]]
        owner = builder.organisation(spec["organisation"])
        place = builder.place(owner, spec["organisation"], area, data["streets"], spec.get("accessibility", ""))
        made[spec["name"]] = builder.service(owner, spec, area, place, {})
    for i, spec in enumerate(data["activities"]):
        for j, area in enumerate(data["areas"]):
            if (i + j) % 4 == 0:  # not every activity in every area
                continue
            owner, place = _place_for(builder, spec["place"], area, data["streets"])
            fill = {"area": area["name"], "park": area["park"], "faith": area["faith"]}
            service = builder.service(owner, spec, area, place, fill)
            made.setdefault(service.name, service)
    _check_dates(list(made.values()), editor, rng, today)
    signposted = _signposts(data["signposts"], made, people, staff, today)
    gaps = _gaps(data["gaps"], builder.terms, people, staff, today)
    return {"directory services": len(made), "services suggested to people": signposted, "gaps recorded": gaps}


def _check_dates(made, editor, rng, today):
    """Most entries checked in the last year, some longer ago, a few never; a few closed for now."""
    for service in made:
        roll = rng.random()
        if roll < 0.7:
            services.service_checked(
                actor=editor, service_id=service.pk, on=today - datetime.timedelta(rng.randint(5, 350))
            )
        elif roll < 0.9:
            services.service_checked(
                actor=editor, service_id=service.pk, on=today - datetime.timedelta(rng.randint(380, 900))
            )
        if rng.random() < 0.03:
            Service.objects.filter(pk=service.pk).update(
                status="temporarily closed", alert="Closed while the hall is repaired."
            )


def _signposts(entries, made, people, staff, today):
    for entry in entries:
        person, actor = people[entry["person"]], staff[entry["by"]]
        suggestion = services.signpost_add(
            actor=actor,
            person=person,
            service_id=made[entry["service"]].pk,
            why=entry["why"],
            on=today - datetime.timedelta(days=entry["days_ago"]),
        )
        outcome = {k: entry[k] for k in ("tried", "helped", "their_words") if entry[k]}
        if outcome:
            services.signpost_update(
                actor=actor, person=person, signpost_id=suggestion.pk, expected_version=suggestion.version, data=outcome
            )
    return Signpost.objects.count()


def _gaps(entries, terms, people, staff, today):
    for number, entry in enumerate(entries):
        data = {"category": terms.get(entry["category"]), **{k: entry[k] for k in ("area", "who", "need")}}
        person = people[entry["person"]] if entry.get("person") else None
        services.gap_record(
            actor=staff[entry["by"]], person=person, data=data, on=today - datetime.timedelta(days=7 * number + 3)
        )
    return len(entries)
