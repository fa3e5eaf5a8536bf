"""Writes a synthetic council to the database, fast, for benchmarks.

Teams and staff go in with bulk_create. People, their history rows, name index links, network
members and strengths go in as batched plain inserts (cursor.executemany), a batch of people
per transaction: building model instances and Django's per-value insert compiling would take
three times as long. Ids of people and network members are given here, and the database
sequences are moved on afterwards, so nothing else may write to these tables meanwhile.

save() and its signals are bypassed, so this module does their work itself: the lower-case
name keys, the name index (name_index.py), and one "created" history row per person (like
save() would write, without a history user). Network members and strengths get no history rows.
Assessments and reviews (assessments.py), their conversations, a section each, their eligibility decisions and
their sign-off steps go in with each batch of people, without history rows or language summaries;
so do support plans (plans.py), their outcomes, contributions, agreements, scores, stages of change,
sign-off steps and agreed versions.
"""

import math
import time
from datetime import date, datetime
from datetime import time as clock

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from whatsstrong.assessments.models import Assessment, Conversation, EligibilityDecision, SectionText, SignOff
from whatsstrong.core.models import Role, Team, User
from whatsstrong.people import rules, spelling
from whatsstrong.people.models import Asset, NetworkMember, Person
from whatsstrong.people.name_index import PersonNamePair, PersonNameToken, add_variants, pairs_of
from whatsstrong.plans.models import (
    ChangeStage,
    Contribution,
    NetworkAgreement,
    OutcomeScore,
    PersonalOutcome,
    PlanSignOff,
    PlanVersion,
    SupportPlan,
)

from . import plans as plan_rows
from . import risk as risk_rows
from .assessments import AssessmentComposer
from .compose import MAX_PEOPLE, Composer

PEOPLE_PER_TEAM = 5000
SUPERVISORS_PER_TEAM = 2
HISTORY_REASON = "Generated for benchmarks"
CONVERTED = (models.DateField, models.DateTimeField, models.DecimalField, models.JSONField, models.UUIDField)


class Table:
    """Fast inserts into one model's table from dicts of attribute values; defaults fill the rest."""

    def __init__(self, model, *, with_id):
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.model = model
        self.attnames = [f.attname for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.convert = [(i, f) for i, f in enumerate(fields) if isinstance(f, CONVERTED)]
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
        )

    def row(self, values):
        defaults = self.defaults
        row = [values[name] if name in values else defaults[name] for name in self.attnames]
        for i, field in self.convert:
            if row[i] is not None:
                row[i] = field.get_db_prep_save(row[i], connection)
        return row

    def insert(self, rows):
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, [self.row(values) for values in rows])

    def next_id(self):
        return (self.model._base_manager.aggregate(top=models.Max("pk"))["top"] or 0) + 1


class Council:
    def __init__(self, *, people, seed=1, batch_size=2000, password=None, out=print):
        if people > MAX_PEOPLE:
            raise ValueError(f"At most {MAX_PEOPLE:,} people: the test NHS number range runs out.")
        self.total = people
        self.seed = seed
        self.compose = Composer(seed)
        self.batch_size = batch_size
        self.password = make_password(password) if password else make_password(None)
        self.out = out
        self.today = date.today()
        self.now = timezone.now()
        self.tokens_seen = set()
        self.users_made = 0
        self.assessments = AssessmentComposer(seed)
        self.plans = plan_rows.PlanComposer(seed)
        self.qualified = {}  # user id -> may sign off their own assessments
        self.supervisors = {}  # team id -> supervisor ids

    # --- staff and teams ------------------------------------------------------------------------

    def _users(self, specs):
        users = []
        for role, team, title in specs:
            first, last = self.compose.staff_name()
            self.users_made += 1
            handle = f"{rules.name_key(first)}.{rules.name_key(last)}".replace(" ", "").replace("'", "")
            users.append(
                User(
                    username=f"{handle}.{self.users_made}",
                    first_name=first,
                    last_name=last,
                    role=role,
                    team=team,
                    job_title=title,
                    qualified=role != Role.PRACTITIONER or self.compose.rng.random() < 0.8,
                    password=self.password,
                )
            )
        made = User.objects.bulk_create(users, batch_size=500)
        self.qualified.update({user.pk: user.qualified for user in made})
        return made

    def _teams(self):
        count = max(1, math.ceil(self.total / PEOPLE_PER_TEAM))
        taken = set(Team.objects.values_list("name", flat=True))
        names = [n for n in self.compose.team_names(count + len(taken)) if n not in taken][:count]
        teams = Team.objects.bulk_create([Team(name=n, description=HISTORY_REASON) for n in names])
        sizes = [self.total // count + (1 if i < self.total % count else 0) for i in range(count)]
        return list(zip(teams, sizes))

    def _slots(self, team, size):
        """One allocated worker id (or None) per person in the team, shuffled."""
        caseloads = self.compose.caseload_sizes(size)
        workers = self._users([(Role.PRACTITIONER, team, "Social worker")] * len(caseloads))
        supervisors = self._users([(Role.SUPERVISOR, team, "Team manager")] * SUPERVISORS_PER_TEAM)
        self.supervisors[team.pk] = [s.pk for s in supervisors]
        slots = [w.pk for w, n in zip(workers, caseloads) for _ in range(n)]
        slots += [None] * (size - len(slots))
        self.compose.rng.shuffle(slots)
        return slots

    # --- people ---------------------------------------------------------------------------------

    def _tables(self):
        self.people_table = Table(Person, with_id=True)
        self.history_table = Table(Person.history.model, with_id=False)
        self.token_table = Table(PersonNameToken, with_id=False)
        self.pair_table = Table(PersonNamePair, with_id=False)
        self.member_table = Table(NetworkMember, with_id=True)
        self.asset_table = Table(Asset, with_id=False)
        self.next_person = self.people_table.next_id()
        self.next_member = self.member_table.next_id()
        self.assessment_table = Table(Assessment, with_id=True)
        self.conversation_table = Table(Conversation, with_id=False)
        self.section_table = Table(SectionText, with_id=False)
        self.sign_off_table = Table(SignOff, with_id=False)
        self.eligibility_table = Table(EligibilityDecision, with_id=False)
        self.next_assessment = self.assessment_table.next_id()
        self.plan_tables = {
            "plans": Table(SupportPlan, with_id=True),
            "outcomes": Table(PersonalOutcome, with_id=True),
            "contributions": Table(Contribution, with_id=False),
            "agreements": Table(NetworkAgreement, with_id=False),
            "scores": Table(OutcomeScore, with_id=False),
            "stages": Table(ChangeStage, with_id=False),
            "plan_sign_offs": Table(PlanSignOff, with_id=False),
            "versions": Table(PlanVersion, with_id=False),
        }
        self.next_plan = self.plan_tables["plans"].next_id()
        self.next_outcome = self.plan_tables["outcomes"].next_id()

    def _person_values(self, data, team, worker_id):
        person = dict(
            data,
            team_id=team.pk,
            allocated_worker_id=worker_id,
            id=self.next_person,
            created_at=self.now,
            updated_at=self.now,
        )
        self.next_person += 1
        person["family_name_key"] = rules.name_key(person["family_name"])
        person["given_name_key"] = rules.name_key(person["given_name"])
        person["preferred_name_key"] = rules.name_key(person["preferred_name"])
        person["postcode_key"] = rules.postcode_key(person["postcode"])
        person["postcode_outward"] = rules.outward_key(person["postcode_key"])
        return person

    def _write_batch(self, batch):
        """batch: [(person values, network member values, asset plans)]."""
        history, links, pairs, members, assets, new_tokens = [], [], [], [], [], set()
        written = {"assessments": [], "conversations": [], "sections": [], "sign_offs": [], "eligibility": []}
        written |= {name: [] for name in self.plan_tables}
        for person, network, plans in batch:
            pid = person["id"]
            assessed = self._assessment_rows(person, written)
            history.append(dict(person, history_date=self.now, history_type="+", history_change_reason=HISTORY_REASON))
            keys = {"person_id": pid} | {key: person[key] for key in ("family_name_key", "given_name_key")}
            tokens = spelling.person_tokens(
                person["family_name_key"], person["given_name_key"], person["preferred_name_key"]
            )
            links += [dict(keys, token=token) for token in tokens]
            pairs += [dict(keys, token=a, other=b) for a, b in pairs_of(tokens)]
            new_tokens |= tokens - self.tokens_seen
            ids = []
            for member in network:
                ids.append(self.next_member)
                members.append(dict(member, id=self.next_member, person_id=pid))
                self.next_member += 1
            self._plan_rows(person, assessed, network, ids, written)
            for plan in plans:
                index = plan["member_index"]
                assets.append(
                    {
                        "person_id": pid,
                        "level": plan["level"],
                        "description": plan["description"],
                        "in_their_words": plan["in_their_words"],
                        "network_member_id": ids[index] if index is not None else None,
                    }
                )
        with transaction.atomic():
            self.people_table.insert([b[0] for b in batch])
            self.history_table.insert(history)
            self.token_table.insert(links)
            self.pair_table.insert(pairs)
            add_variants(new_tokens)
            self.member_table.insert(members)
            self.asset_table.insert(assets)
            self.assessment_table.insert(written["assessments"])
            self.conversation_table.insert(written["conversations"])
            self.section_table.insert(written["sections"])
            self.sign_off_table.insert(written["sign_offs"])
            self.eligibility_table.insert(written["eligibility"])
            for name, table in self.plan_tables.items():
                table.insert(written[name])
        self.tokens_seen |= new_tokens
        return (
            len(batch),
            len(members),
            len(assets),
            len(written["assessments"]),
            len(written["conversations"]),
            len(written["plans"]),
        )

    def _assessment_rows(self, person, written):
        """The person's assessments, their conversations, a section each, and the sign-off steps."""
        pid, team_id = person["id"], person["team_id"]
        author = person["allocated_worker_id"] or self.supervisors[team_id][0]
        supervisor = self.supervisors[team_id][-1]
        name = person["preferred_name"] or person["given_name"]
        plans = self.assessments.for_person(name, self.today)
        reviews, person["review_due_on"] = self.assessments.reviews(plans, name, self.today)
        ids = []
        for plan in plans + reviews:
            aid = self.next_assessment
            ids.append(aid)
            self.next_assessment += 1
            first = plan["conversations"][0]["happened_on"]
            started = timezone.make_aware(datetime.combine(first, clock(12)))
            written["assessments"].append(
                {
                    "id": aid,
                    "person_id": pid,
                    "kind": plan["kind"],
                    "status": plan["status"],
                    "author_id": author,
                    "team_id": team_id,
                    "started_at": started,
                    "updated_at": started,
                    "offered": plan["offered"],
                    "analysis": plan["analysis"],
                    "reviewed_id": ids[plan["reviewed_index"]] if "reviewed_index" in plan else None,
                    "result": plan.get("result", ""),
                    "next_review_on": plan.get("next_review_on"),
                }
            )
            for talk in plan["conversations"]:
                language = "Urdu" if talk["interpreter"] else ""
                written["conversations"].append(
                    dict(
                        talk,
                        assessment_id=aid,
                        person_id=pid,
                        author_id=author,
                        interpreter_language=language,
                        created_at=started,
                    )
                )
            if plan["about"]:
                key = "about_them" if plan["kind"] == "strengths_and_wellbeing" else "their_own_life"
                written["sections"].append({"assessment_id": aid, "person_id": pid, "key": key, "text": plan["about"]})
            if plan.get("eligibility"):
                written["eligibility"].append(
                    dict(
                        plan["eligibility"], assessment_id=aid, person_id=pid, decided_by_id=author, decided_at=started
                    )
                )
            steps = []
            if plan["status"] == "authorised" and self.qualified.get(author) and author != supervisor:
                steps = [(author, "self_authorised", "")]
            elif plan["status"] == "authorised":
                steps = [(author, "submitted", ""), (supervisor, "authorised", "")]
            elif plan["status"] == "awaiting_sign_off":
                steps = [(author, "submitted", "")]
            elif plan["status"] == "returned":
                steps = [(author, "submitted", ""), (supervisor, "returned", "Please add what matters most to them.")]
            for actor, action, comment in steps:
                written["sign_offs"].append(
                    {
                        "assessment_id": aid,
                        "person_id": pid,
                        "actor_id": actor,
                        "action": action,
                        "comment": comment,
                        "at": started,
                    }
                )
        return list(zip(ids, plans + reviews))

    def _midday(self, day):
        return timezone.make_aware(datetime.combine(day, clock(12)))

    def _sign_off_steps(self, author, supervisor):
        if self.qualified.get(author) and author != supervisor:
            return [(author, "self_authorised")]
        return [(author, "submitted"), (supervisor, "authorised")]

    def _plan_rows(self, person, assessed, network, member_ids, written):
        """The person's support plan, from their latest signed-off fuller assessment, if they have one."""
        signed = [
            (aid, a)
            for aid, a in assessed
            if a["kind"] in ("strengths_and_wellbeing", "carers_wellbeing") and a["status"] == "authorised"
        ]
        if not signed:
            return
        aid, assessment = signed[-1]
        closed = any(a.get("result") == "close" for _, a in assessed)
        helpers = [
            (i, m["name"], m["is_carer"])
            for i, m in enumerate(network)
            if not m["has_died"] and m["kind"] in ("family", "friend", "neighbour", "community")
        ]
        name = person["preferred_name"] or person["given_name"]
        plan = self.plans.for_person(name, helpers, assessment["conversations"][-1]["happened_on"], self.today, closed)
        if plan is None:
            return
        pid, team_id = person["id"], person["team_id"]
        author = person["allocated_worker_id"] or self.supervisors[team_id][0]
        supervisor = self.supervisors[team_id][-1]
        plan_id, self.next_plan = self.next_plan, self.next_plan + 1
        status, started = plan["status"], self._midday(plan["started"])
        review_on = person["review_due_on"] if status in ("agreed", "ended") else None
        written["plans"].append(
            {
                "id": plan_id,
                "person_id": pid,
                "assessment_id": aid,
                "author_id": author,
                "team_id": team_id,
                "status": status,
                "started_at": started,
                "updated_at": started,
                "review_on": review_on,
                "edition": 2 if plan["reagreed_on"] else 1,
                **{f: plan[f] for f in plan_rows.PLAN_FIELDS},
            }
        )
        outcome_ids = []
        for position, o in enumerate(plan["outcomes"], start=1):
            outcome_id, self.next_outcome = self.next_outcome, self.next_outcome + 1
            outcome_ids.append(outcome_id)
            written["outcomes"].append(
                {
                    "id": outcome_id,
                    "plan_id": plan_id,
                    "person_id": pid,
                    "position": position,
                    **{f: o[f] for f in ("text", "wellbeing", "how_we_know", "asks_for_change")},
                }
            )
            for at, c in enumerate(o["contributions"], start=1):
                member = c["member"]
                written["contributions"].append(
                    {
                        **c,
                        "outcome_id": outcome_id,
                        "plan_id": plan_id,
                        "person_id": pid,
                        "network_member_id": member_ids[member] if member is not None else None,
                        "position": at,
                    }
                )
            for score in o["scores"]:
                written["scores"].append(dict(score, outcome_id=outcome_id, person_id=pid, recorded_by_id=author))
            for stage in o["stages"]:
                written["stages"].append(
                    dict(
                        stage,
                        outcome_id=outcome_id,
                        person_id=pid,
                        recorded_by_id=author,
                        created_at=self._midday(stage["noted_on"]),
                    )
                )
        for a in plan["agreements"]:
            written["agreements"].append(
                dict(a, agreed=True, plan_id=plan_id, person_id=pid, network_member_id=member_ids[a["member"]])
            )
        steps, versions = [], []
        if status in ("awaiting_sign_off", "returned"):
            steps = [(author, "submitted", started)]
            if status == "returned":
                steps.append((supervisor, "returned", started))
        elif status in ("agreed", "ended"):
            agreed = self._midday(plan["agreed_on"])
            steps = [(actor, action, agreed) for actor, action in self._sign_off_steps(author, supervisor)]
            versions = [(1, agreed)]
            if plan["reagreed_on"]:
                again = self._midday(plan["reagreed_on"])
                steps.append((author, "reopened", again))
                steps += [(actor, action, again) for actor, action in self._sign_off_steps(author, supervisor)]
                versions.append((2, again))
        for actor, action, at in steps:
            written["plan_sign_offs"].append(
                {"plan_id": plan_id, "person_id": pid, "actor_id": actor, "action": action, "at": at}
            )
        if versions:
            members = {i: (member_ids[i], m["name"], m["relationship"]) for i, m in enumerate(network)}
            content = plan_rows.snapshot(plan, outcome_ids, members, review_on)
            for number, at in versions:
                signer = supervisor if not self.qualified.get(author) or author == supervisor else author
                written["versions"].append(
                    {
                        "plan_id": plan_id,
                        "person_id": pid,
                        "number": number,
                        "agreed_at": at,
                        "agreed_by_id": signer,
                        "content": content,
                    }
                )

    def generate(self):
        started = time.perf_counter()
        with transaction.atomic():
            teams = self._teams()
            self._users(
                [
                    (Role.QUALITY_LEAD, None, "Quality lead"),
                    (Role.SENIOR_LEADER, None, "Head of adult social care"),
                    (Role.ADMINISTRATOR, None, "System administrator"),
                ]
            )
        self._tables()
        counts = {
            "people": 0,
            "network members": 0,
            "strengths": 0,
            "assessments": 0,
            "conversations": 0,
            "support plans": 0,
        }
        for team, size in teams:
            with transaction.atomic():
                slots = self._slots(team, size)
            batch = []
            for worker_id in slots:
                data, group = self.compose.person(self.today)
                network = self.compose.network(data, group)
                batch.append((self._person_values(data, team, worker_id), network, self.compose.assets(len(network))))
                if len(batch) >= self.batch_size:
                    self._count(counts, self._write_batch(batch), started)
                    batch = []
            if batch:
                self._count(counts, self._write_batch(batch), started)
        self._reset_sequences()
        counts |= risk_rows.write(self, teams)  # positive risk assessments and panel referrals
        elapsed = time.perf_counter() - started
        self.out(
            f"Done: {counts['people']:,} people, {counts['network members']:,} network members, "
            f"{counts['strengths']:,} strengths, {counts['assessments']:,} assessments with "
            f"{counts['conversations']:,} conversations, {counts['support plans']:,} support plans, "
            f"{len(teams)} teams, {User.objects.count():,} staff "
            f"in {elapsed:.1f} s."
        )
        return counts, elapsed

    def _reset_sequences(self):
        statements = connection.ops.sequence_reset_sql(
            no_style(), [Person, NetworkMember, Assessment, SupportPlan, PersonalOutcome]
        )
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def _count(self, counts, written, started):
        people, members, assets, assessments, conversations, plans = written
        counts["support plans"] += plans
        counts["assessments"] += assessments
        counts["conversations"] += conversations
        counts["people"] += people
        counts["network members"] += members
        counts["strengths"] += assets
        elapsed = time.perf_counter() - started
        self.out(f"  {counts['people']:,} / {self.total:,} people ({counts['people'] / elapsed:,.0f} a second)")
