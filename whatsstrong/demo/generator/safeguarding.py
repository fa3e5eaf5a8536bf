"""Safeguarding concerns and enquiries for a generated council, at rates like England's.

Rates, and where they come from. The Safeguarding Adults Collection (NHS England, "Safeguarding
Adults, England", the 2022-23 and 2023-24 publications) counts, in round numbers, a little over
600,000 concerns a year and about 180,000 to 200,000 enquiries started, section 42 and other
together: roughly one enquiry for every three to four concerns, so ENQUIRY_RATE is 0.29 (one in
3.4). About nine enquiries in ten are section 42 enquiries. The mixes below (types of abuse,
where, source, what the enquiry found, the risk at the end, capacity, whether the person was asked
and whether what they wanted came about) follow the shape of the published tables, rounded: neglect
and physical abuse are the most common types, the person's own home the most common place, someone
they know the most common source, and where a risk was found it is most often reduced. These are
headline shapes remembered from the publications and rounded, for benchmarks and demonstrations;
check the publication before using them for anything else.

A concern falls on CONCERN_RATE of the people in the two years before today (a council's people are
those known to adult social care, not its whole population), now and then a second one. Enquiries
started more than 90 days ago have mostly closed. Dates run up to today, so the last complete SAC year
(April to March) is full. Rows go in with plain batched inserts like the rest of the generator
(council.Table), without history rows; sequences are moved on afterwards.

A random stream of its own, so adding safeguarding leaves each seed's people as they were.
"""

import random
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from whatsstrong.core.models import Role, User
from whatsstrong.people.models import NetworkMember, Person
from whatsstrong.safeguarding.models import Concern, DesiredOutcome, Enquiry, EnquiryAbuse, SourceOfRisk

from .council import Table

CONCERN_RATE = 0.08  # of people, over two years
SECOND_CONCERN_RATE = 0.15
ENQUIRY_RATE = 0.29  # of concerns: one enquiry for every 3.4 concerns
S42_SHARE = 0.88  # of enquiries; the rest are other safeguarding enquiries
SPAN_DAYS = 730
ABUSE = [
    ("neglect", 32),
    ("physical", 20),
    ("financial", 16),
    ("psychological", 16),
    ("self_neglect", 9),
    ("domestic", 6),
    ("organisational", 4),
    ("sexual", 3),
    ("discriminatory", 1),
    ("sexual_exploitation", 1),
    ("modern_slavery", 1),
]
SECOND_TYPE_RATE = 0.25
LOCATION = [
    ("own_home", 47),
    ("care_home_residential", 17),
    ("care_home_nursing", 9),
    ("community", 6),
    ("community_service", 3),
    ("hospital_acute", 3),
    ("hospital_mental_health", 2),
    ("hospital_community", 1),
    ("other", 12),
]
SOURCE = [("known", 57), ("service_provider", 32), ("unknown", 11)]
SECOND_SOURCE_RATE = 0.1
ASKED = [("expressed", 70), ("not_expressed", 12), ("no", 10), ("dont_know", 4), ("not_recorded", 4)]
ACHIEVED = [("fully", 68), ("partly", 27), ("not", 5)]
RESULT = [
    ("identified_action", 60),
    ("identified_no_action", 4),
    ("inconclusive_action", 12),
    ("inconclusive_no_action", 3),
    ("none_action", 8),
    ("none_no_action", 9),
    ("ceased", 4),
]
RISK = [("reduced", 66), ("removed", 26), ("remained", 8)]
CAPACITY = [("had", 60), ("lacked", 25), ("dont_know", 10), ("not_recorded", 5)]
ADVOCACY = [("family_friend", 55), ("advocate", 30), ("none", 15)]
SURVEY = [("not_offered", 35), ("offered", 30), ("sent", 20), ("declined", 15)]
RAISED_BY = ["A neighbour", "Their GP", "A home care worker", "A family member", "The police", "A care home manager"]
HAPPENED = {
    "neglect": "Care they rely on was not given.",
    "physical": "They were hurt by someone.",
    "financial": "Money went from their account without them knowing.",
    "psychological": "Someone has been frightening them.",
    "self_neglect": "They have stopped looking after themselves or their home.",
    "domestic": "Someone they live with has hurt or controlled them.",
    "organisational": "The way a service is run left them without the care they need.",
    "sexual": "Someone touched them without their consent.",
    "discriminatory": "They were treated badly because of who they are.",
    "sexual_exploitation": "Someone has been using them for sex.",
    "modern_slavery": "Someone has been making them work for nothing.",
}
PROVIDERS = ["Brightside Care", "Homefield Care Services", "Oakwood Support", "Maple Lodge", "Kingsway Nursing Home"]
KNOWN = ["Lee Parker", "Dawn Shaw", "Karl Webb", "Tina Moss", "Ryan Hurst", "Jo Pike"]
WANTS = [
    "I want to stay at home.",
    "I want it to stop.",
    "I want to feel safe.",
    "I want my money back.",
    "I want a say.",
]


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


class Safeguarding:
    def __init__(self, *, seed=1, batch_size=5000, out=print, today=None):
        self.rng = random.Random(f"safeguarding-{seed}")
        self.batch_size = batch_size
        self.out = out
        self.today = today or date.today()

    def _midday(self, day):
        return timezone.make_aware(datetime.combine(day, clock(12)))

    def _people(self):
        """(id, team, worker) of everyone not archived, and each team's supervisors."""
        people = list(Person.objects.values_list("pk", "team_id", "allocated_worker_id").order_by("pk"))
        supervisors = {}
        for pk, team in User.objects.filter(role=Role.SUPERVISOR).values_list("pk", "team_id").order_by("pk"):
            supervisors.setdefault(team, []).append(pk)
        return people, supervisors

    def generate(self):
        started = time.perf_counter()
        people, supervisors = self._people()
        chosen = [p for p in people if self.rng.random() < CONCERN_RATE and p[1] in supervisors]
        chosen += [p for p in chosen if self.rng.random() < SECOND_CONCERN_RATE]
        tables = {
            "concerns": Table(Concern, with_id=True),
            "enquiries": Table(Enquiry, with_id=True),
            "abuse": Table(EnquiryAbuse, with_id=False),
            "sources": Table(SourceOfRisk, with_id=False),
            "outcomes": Table(DesiredOutcome, with_id=False),
        }
        self.next_concern = tables["concerns"].next_id()
        self.next_enquiry = tables["enquiries"].next_id()
        counts = dict.fromkeys(tables, 0)
        for at in range(0, len(chosen), self.batch_size):
            batch = chosen[at : at + self.batch_size]
            members = {}
            for member, person in NetworkMember.objects.filter(
                person_id__in=[p[0] for p in batch], kind__in=("family", "friend", "neighbour")
            ).values_list("pk", "person_id"):
                members.setdefault(person, []).append(member)
            rows = {name: [] for name in tables}
            for person in batch:
                self._concern(person, supervisors, members, rows)
            with transaction.atomic():
                for name, table in tables.items():
                    table.insert(rows[name])
            for name in tables:
                counts[name] += len(rows[name])
        self._reset_sequences()
        elapsed = time.perf_counter() - started
        self.out(
            f"Safeguarding: {counts['concerns']:,} concerns, {counts['enquiries']:,} enquiries "
            f"({counts['concerns'] / max(counts['enquiries'], 1):.1f} concerns to an enquiry), "
            f"{counts['outcomes']:,} desired outcomes in {elapsed:.1f} s."
        )
        return counts

    def _concern(self, person, supervisors, members, rows):
        rng = self.rng
        pid, team, worker = person
        supervisor = supervisors[team][-1]
        raised = self.today - timedelta(days=rng.randrange(SPAN_DAYS))
        types = [weighted(rng, ABUSE)]
        if rng.random() < SECOND_TYPE_RATE:
            other = weighted(rng, ABUSE)
            if other not in types:
                types.append(other)
        concern_id, self.next_concern = self.next_concern, self.next_concern + 1
        decided = min(raised + timedelta(days=rng.randrange(0, 6)), self.today)
        enquiry = rng.random() < ENQUIRY_RATE
        kind = ("s42" if rng.random() < S42_SHARE else "other") if enquiry else "none"
        rows["concerns"].append(
            {
                "id": concern_id,
                "person_id": pid,
                "raised_by": rng.choice(RAISED_BY),
                "raised_on": raised,
                "what_happened": HAPPENED[types[0]],
                "immediate_safety": "They were safe at the time; a visit was arranged.",
                "recorded_by_id": worker or supervisor,
                "recorded_at": self._midday(raised),
                "decision": kind,
                "decision_reasons": "The duty applies."
                if enquiry
                else "No abuse or neglect found; other help offered.",
                "decided_by_id": supervisor,
                "decided_on": decided,
            }
        )
        if enquiry:
            self._enquiry(concern_id, pid, kind, decided, types, worker or supervisor, members.get(pid, []), rows)

    def _enquiry(self, concern_id, pid, kind, started, types, worker, members, rows):
        rng = self.rng
        enquiry_id, self.next_enquiry = self.next_enquiry, self.next_enquiry + 1
        age = (self.today - started).days
        closes = rng.random() < (0.95 if age > 90 else 0.4)
        concluded = min(started + timedelta(days=rng.randrange(10, 121)), self.today) if closes else None
        asked = weighted(rng, ASKED)
        capacity = weighted(rng, CAPACITY)
        result = weighted(rng, RESULT) if closes else ""
        found = result in ("identified_action", "identified_no_action", "inconclusive_action", "inconclusive_no_action")
        rows["enquiries"].append(
            {
                "id": enquiry_id,
                "concern_id": concern_id,
                "person_id": pid,
                "kind": kind,
                "started_on": started,
                "asked": asked,
                "capacity": capacity,
                "advocacy": weighted(rng, ADVOCACY) if capacity == "lacked" else "",
                "location": weighted(rng, LOCATION),
                "actions": "Met them at home; made a plan with them." if closes else "",
                "action_result": result,
                "risk_outcome": weighted(rng, RISK) if found else "",
                "concluded_on": concluded,
                "closed_by_id": worker if closes else None,
                "survey": weighted(rng, SURVEY) if closes else "not_offered",
                "survey_on": concluded,
            }
        )
        if rows["enquiries"][-1]["survey"] == "not_offered":
            rows["enquiries"][-1]["survey_on"] = None
        for code in types:
            rows["abuse"].append({"enquiry_id": enquiry_id, "person_id": pid, "code": code})
        kinds = [weighted(rng, SOURCE)]
        if rng.random() < SECOND_SOURCE_RATE:
            kinds.append(weighted(rng, SOURCE))
        for source in kinds:
            member = rng.choice(members) if source == "known" and members and rng.random() < 0.5 else None
            rows["sources"].append(
                {
                    "enquiry_id": enquiry_id,
                    "person_id": pid,
                    "kind": source,
                    "network_member_id": member,
                    "name": ""
                    if member or source == "unknown"
                    else "Someone they know"
                    if source == "known"
                    else "A care provider",
                }
            )
        if asked == "expressed":
            for position in range(1, rng.choice((1, 1, 2, 3)) + 1):
                rows["outcomes"].append(
                    {
                        "enquiry_id": enquiry_id,
                        "person_id": pid,
                        "text": rng.choice(WANTS),
                        "achieved": weighted(rng, ACHIEVED) if closes else "",
                        "position": position,
                    }
                )

    def _reset_sequences(self):
        statements = connection.ops.sequence_reset_sql(
            no_style(), [Concern, Enquiry, EnquiryAbuse, SourceOfRisk, DesiredOutcome]
        )
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
