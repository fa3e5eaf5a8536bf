"""Writes a synthetic community directory, fast, for benchmarks: `generate_council --services N`.

Services are spread over the towns and postcode districts the generated people live in
(phrases.json), so a person's postcode can be placed by the directory's own places. Each
organisation runs a few services at one or two places near its town's middle; each service has one
or two categories from the bundled list, one or two sessions a week, an age range or none, a cost,
languages, and a last-checked date (some over a year ago, a few never).

Rows go in as batched plain inserts (generator/council.py's `Table`), a batch per transaction,
bypassing save(), so this writes what the services would: the search index (`ServiceWord` with each
service's status, and new words with their one-letter-dropped keys, counted once all are written)
and one "created" history row per service.
"""

import datetime
import json
import math
import random
import time
import uuid
from pathlib import Path

from django.db import connection, models, transaction
from django.utils import timezone

from whatsstrong.core.models import Role, User
from whatsstrong.directory import rules
from whatsstrong.directory import services as directory_services
from whatsstrong.directory.models import (
    Kind,
    Location,
    OpeningTime,
    Organisation,
    SearchWord,
    SearchWordVariant,
    Service,
    ServiceAtLocation,
    ServiceWord,
    TaxonomyTerm,
)

from .council import CONVERTED, HISTORY_REASON, Table

HERE = Path(__file__).resolve().parent
SERVICES_PER_ORGANISATION = 5
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
EDITOR = "directory.generated"
TIMES = [("09:30", "11:00"), ("10:00", "12:00"), ("13:00", "15:00"), ("14:00", "16:00"), ("18:00", "20:00")]


class UuidTable(Table):
    """council.Table, also converting foreign keys (to UUIDs here) and times for the database."""

    def __init__(self, model, *, with_id):
        super().__init__(model, with_id=with_id)
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        kinds = (*CONVERTED, models.ForeignKey, models.TimeField)
        self.convert = [(i, f) for i, f in enumerate(fields) if isinstance(f, kinds)]


def words():
    return json.loads((HERE / "directory_words.json").read_text(encoding="utf-8"))


def places():
    return json.loads((HERE / "phrases.json").read_text(encoding="utf-8"))


class Directory:
    def __init__(self, *, services, seed=1, batch_size=2000, out=print):
        self.total = services
        self.rng = random.Random(seed * 7919 + 17)
        self.batch_size = batch_size
        self.out = out
        self.words = words()
        phrases = places()
        self.towns = [p for p in phrases["places"] if p["town"] in self.words["towns"]]
        self.streets = phrases["streets"]
        self.today = datetime.date.today()
        self.now = timezone.now()
        self.kind_labels = dict(Kind.choices)

    def _uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _editor(self):
        editor, _ = User.objects.get_or_create(
            username=EDITOR,
            defaults={"first_name": "Generated", "last_name": "Directory", "role": Role.DIRECTORY_EDITOR},
        )
        return editor

    def generate(self):
        started = time.monotonic()
        if not TaxonomyTerm.objects.exists():
            directory_services.taxonomy_load()
        self.terms = {t.code: (t.pk, t.name) for t in TaxonomyTerm.objects.filter(active=True)}
        self.editor = self._editor()
        self.seen_words = set(SearchWord.objects.values_list("word", flat=True))
        tables = {
            "organisation": UuidTable(Organisation, with_id=True),
            "location": UuidTable(Location, with_id=True),
            "service": UuidTable(Service, with_id=True),
            "history": UuidTable(Service.history.model, with_id=False),
            "link": UuidTable(ServiceAtLocation, with_id=True),
            "session": UuidTable(OpeningTime, with_id=True),
            "category": UuidTable(Service.categories.through, with_id=False),
            "word": UuidTable(ServiceWord, with_id=False),
            "vocabulary": UuidTable(SearchWord, with_id=True),
            "variant": UuidTable(SearchWordVariant, with_id=False),
        }
        made = 0
        while made < self.total:
            size = min(self.batch_size, self.total - made)
            with transaction.atomic():
                self._batch(size, tables)
            made += size
            self.out(f"  {made:,} services written ({time.monotonic() - started:.1f}s)")
        directory_services.recount_words()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.out(f"Generated {made:,} directory services in {time.monotonic() - started:.1f}s.")
        return made

    def _place(self, organisation_id, town):
        rng = self.rng
        middle = self.words["towns"][town["town"]]
        outward = rng.choice(town["outward"])
        inward = f"{rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
        street = rng.choice(self.streets)
        key = rules.postcode_key(f"{outward} {inward}")
        return {
            "id": self._uuid(),
            "organisation_id": organisation_id,
            "name": f"{street} {rng.choice(['Hall', 'Centre', 'Rooms', 'Library', 'Pavilion'])}",
            "address": f"{rng.randint(1, 200)} {street}",
            "town": town["town"],
            "postcode": key,
            "postcode_key": key,
            "outward": rules.outward_code(key),
            # Within about 6 km of the town's middle.
            "latitude": round(middle[0] + rng.uniform(-0.05, 0.05), 5),
            "longitude": round(middle[1] + rng.uniform(-0.08, 0.08), 5),
            "accessibility": rng.choice(self.words["endings"]),
            "updated_at": self.now,
        }

    def _service(self, organisation, where):
        rng, w = self.rng, self.words
        activity = rng.choice(w["activities"])
        name = f"{rng.choice(w['qualifiers'])} {activity['name']}"
        if rng.random() < 0.5:
            name += f", {where[0]['name'].split(' ')[0]}"
        ages = rng.choice([(None, None)] * 6 + [(18, None), (50, None), (55, None), (16, 30), (65, None)])
        cost = rng.choice(["free", "free", "charge", ""])
        roll = rng.random()
        checked = None
        if roll < 0.75:
            checked = self.today - datetime.timedelta(days=rng.randint(1, 360))
        elif roll < 0.93:
            checked = self.today - datetime.timedelta(days=rng.randint(370, 1000))
        description = " ".join(rng.choice(w[part]) for part in ("openings", "middles", "endings"))
        return {
            "id": self._uuid(),
            "organisation_id": organisation["id"],
            "name": name,
            "kind": activity["kind"],
            "description": description,
            "status": rng.choice(["active"] * 47 + ["temporarily closed", "inactive", "defunct"]),
            "minimum_age": ages[0],
            "maximum_age": ages[1],
            "languages": rng.choice(w["languages"]),
            "cost": cost,
            "cost_amount": rng.choice(["1.50", "2.00", "3.50", "4.00"]) if cost == "charge" else None,
            "phone": f"0{rng.randint(1000, 9999)} {rng.randint(100000, 999999)}",
            "last_checked": checked,
            "created_at": self.now,
            "updated_at": self.now,
        }, activity

    def _batch(self, size, tables):
        rows = {name: [] for name in tables}
        new_words = set()
        organisations = math.ceil(size / SERVICES_PER_ORGANISATION)
        for _ in range(organisations):
            town = self.rng.choice(self.towns)
            organisation = {
                "id": self._uuid(),
                "name": f"{self.rng.choice(self.streets)} {self.rng.choice(self.words['owners'])}",
                "description": f"A {town['town']} organisation. {self.rng.choice(self.words['openings'])}",
                "created_at": self.now,
                "updated_at": self.now,
            }
            rows["organisation"].append(organisation)
            where = [self._place(organisation["id"], town) for _ in range(self.rng.choice([1, 1, 2]))]
            rows["location"] += where
            for _ in range(min(SERVICES_PER_ORGANISATION, size - len(rows["service"]))):
                service, activity = self._service(organisation, where)
                rows["service"].append(service)
                rows["history"].append(
                    dict(service, history_date=self.now, history_type="+", history_change_reason=HISTORY_REASON)
                )
                at = where[: self.rng.choice([1, 1, 2])] if self.rng.random() < 0.9 else []  # a few have no place
                for place in at:
                    rows["link"].append({"id": self._uuid(), "service_id": service["id"], "location_id": place["id"]})
                self._sessions(service, rows)
                codes = activity["categories"][:]
                if self.rng.random() < 0.3:
                    codes.append(self.rng.choice(list(self.terms)))
                for code in dict.fromkeys(codes):
                    rows["category"].append({"service_id": service["id"], "taxonomyterm_id": self.terms[code][0]})
                weighted = rules.index_words(
                    name=service["name"],
                    kind=str(self.kind_labels[service["kind"]]),
                    categories=[self.terms[c][1] for c in codes],
                    organisation=organisation["name"],
                    places=[f"{p['name']} {p['town']} {p['outward']}" for p in at],
                    description=service["description"],
                )
                for word, weight in weighted.items():
                    rows["word"].append(
                        {"service_id": service["id"], "word": word, "weight": weight, "status": service["status"]}
                    )
                    if word not in self.seen_words:
                        new_words.add(word)
        self.seen_words |= new_words
        rows["vocabulary"] = [{"word": word} for word in sorted(new_words)]
        rows["variant"] = [{"key": key, "word": word} for word in sorted(new_words) for key in rules.variants(word)]
        for name in ("organisation", "location", "service", "history", "link", "session", "category", "word"):
            tables[name].insert(rows[name])
        tables["vocabulary"].insert(rows["vocabulary"])
        tables["variant"].insert(rows["variant"])

    def _sessions(self, service, rows):
        if service["kind"] == "befriending":
            return
        days = self.rng.sample(range(7), self.rng.choice([1, 1, 2]))
        opens, closes = self.rng.choice(TIMES)
        for day in days:
            rows["session"].append(
                {
                    "id": self._uuid(),
                    "service_id": service["id"],
                    "weekday": day,
                    "opens": datetime.time.fromisoformat(opens),
                    "closes": datetime.time.fromisoformat(closes),
                }
            )
