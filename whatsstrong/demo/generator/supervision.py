"""Six months of one-to-one supervision for a generated council, at rates that are our assumptions,
stated here so they can be changed: every practitioner is supervised by their team's supervisor,
every four weeks for most (one in ten has another frequency set: two, three or six weeks); each
session due is held with probability 0.9 (so some people fall overdue), a few days either side of
the date due. A session discusses one to three people from the supervisee's caseload (one 50%, two
35%, three 15%), each in a reflective model (SHARED 30%, Kolb 25%, KcVETS 20%, Head, Heart and Hands
15%, McClure 10%); seven discussions in ten lead to an action about that person, and actions older
than four weeks are done nine times in ten.

Peer group supervision, also our assumptions: one group per team with two or more practitioners, its
members the team's practitioners and its supervisor the team's supervisor, with an agreement dated
six months back; a session every six weeks (each held with probability 0.9), the facilitator going
round the rota by first name and the next member on it taking notes; the case brought by a member
chosen at random, about someone on their caseload eight times in ten, in SHARED (60%), Kolb (20%) or
Head, Heart and Hands (20%); the facilitator shares the summary with the supervisor eight times in
ten; each session agrees one action for the one who brought the case (about the person when there
is one), done nine times in ten when more than four weeks old.

Rows are written in bulk, as the rest of the generator does. A random stream of its own, so adding
supervision leaves each seed's people and records as they were.
"""

import random
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import transaction
from django.utils import timezone

from whatsstrong.core.models import Role, User
from whatsstrong.people.models import Person
from whatsstrong.supervision.models import (
    CaseDiscussion,
    PeerGroup,
    PeerGroupSession,
    Supervisee,
    SupervisionAction,
    SupervisionSession,
)

WEEKS_BACK = 26
DEFAULT_WEEKS = 4
OTHER_FREQUENCY_RATE = 0.1
OTHER_WEEKS = [2, 3, 6]
HELD_RATE = 0.9
DISCUSSIONS = [(1, 50), (2, 35), (3, 15)]
MODELS = [("shared", 30), ("kolb", 25), ("kcvets", 20), ("head_heart_hands", 15), ("mcclure", 10)]
ACTION_RATE = 0.7
DONE_RATE = 0.9
AGENDA = "What I want from this session: a plan for my most complex work, and time to think about my learning."
WELLBEING = "Workload talked through; agreed what support would help this month."
LEARNING = "Reading and training agreed for the next few weeks."
REFLECTIONS = {
    "shared": {
        "see": "What we noticed about their life and strengths.",
        "decide": "What was decided, and the next step.",
    },
    "kolb": {"experience": "What happened, in order.", "plan": "What happens next, and the fallback."},
    "kcvets": {"values": "Where wishes and rules pulled apart.", "skills": "Working with, not for."},
    "head_heart_hands": {"heart": "How it felt, for both of us.", "hands": "What I did."},
    "mcclure": {"action": "What I did and why.", "learning": "What I would change next time."},
}
ACTION = "Follow up what was agreed in supervision with this person"
GROUP_EVERY_WEEKS = 6
GROUP_HELD_RATE = 0.9
GROUP_PERSON_RATE = 0.8
GROUP_MODELS = [("shared", 60), ("kolb", 20), ("head_heart_hands", 20)]
GROUP_SHARED_RATE = 0.8
GROUP_AGREEMENT = {
    "frequency": "Every six weeks",
    "duration": "Two hours",
    "place": "The team room; the facilitator books it.",
    "preparation": "The one bringing a case tells the others a week before; nobody needs to read anything first.",
    "recording": "The note taker writes the notes here; members and the supervisor read them.",
    "confidentiality": "What is said stays in the group, apart from safeguarding. Phones away.",
    "apologies": "The session goes ahead with whoever comes.",
}
GROUP_DECISIONS = "What the group suggested, and what the one bringing the case will try."
GROUP_SUMMARY = "The case, the main suggestions and the action agreed."
GROUP_ACTION = "Try what the group suggested, and say how it went next time"


class Supervision:
    def __init__(self, *, seed=1, out=print, today=None):
        self.rng = random.Random(f"supervision-{seed}")
        self.out = out
        self.today = today or date.today()

    def _pick(self, weighted):
        return self.rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]

    def generate(self):
        started = time.perf_counter()
        supervisors = {}
        for team_id, user_id in User.objects.filter(role=Role.SUPERVISOR, is_active=True).values_list("team_id", "pk"):
            supervisors.setdefault(team_id, user_id)
        members = list(
            User.objects.filter(role=Role.PRACTITIONER, is_active=True, team_id__in=supervisors)
            .values_list("pk", "team_id")
            .order_by("pk")
        )
        caseloads = {}
        for pk, worker in Person.objects.filter(allocated_worker_id__in=[m for m, _ in members]).values_list(
            "pk", "allocated_worker_id"
        ):
            caseloads.setdefault(worker, []).append(pk)
        rows, frequencies = [], []
        for member, team_id in members:
            weeks = DEFAULT_WEEKS
            if self.rng.random() < OTHER_FREQUENCY_RATE:
                weeks = self.rng.choice(OTHER_WEEKS)
                frequencies.append(Supervisee(user_id=member, supervisor_id=supervisors[team_id], every_weeks=weeks))
            day = self.today - timedelta(weeks=WEEKS_BACK) + timedelta(days=self.rng.randint(0, 6))
            while day <= self.today:
                if self.rng.random() < HELD_RATE:
                    held = min(self.today, day + timedelta(days=self.rng.randint(-3, 3)))
                    rows.append((member, supervisors[team_id], held))
                day += timedelta(weeks=weeks)
        with transaction.atomic():
            Supervisee.objects.bulk_create(frequencies, batch_size=2000)
            sessions = SupervisionSession.objects.bulk_create(
                [
                    SupervisionSession(
                        supervisee_id=m,
                        supervisor_id=s,
                        created_by_id=s,
                        held_on=held,
                        agenda=AGENDA,
                        wellbeing=WELLBEING,
                        learning=LEARNING,
                    )
                    for m, s, held in rows
                ],
                batch_size=2000,
            )
            discussions, actions = [], []
            for session in sessions:
                caseload = caseloads.get(session.supervisee_id) or []
                if not caseload:
                    continue
                for person in self.rng.sample(caseload, min(len(caseload), self._pick(DISCUSSIONS))):
                    model = self._pick(MODELS)
                    discussions.append(
                        CaseDiscussion(
                            session_id=session.pk, person_id=person, model=model, reflections=REFLECTIONS[model]
                        )
                    )
                    if self.rng.random() < ACTION_RATE:
                        due = session.held_on + timedelta(weeks=2)
                        done = (self.today - session.held_on).days > 28 and self.rng.random() < DONE_RATE
                        at = timezone.make_aware(datetime.combine(due, clock(12))) if done else None
                        actions.append(
                            SupervisionAction(
                                session_id=session.pk,
                                person_id=person,
                                owner_id=session.supervisee_id,
                                what=ACTION,
                                due_on=due,
                                done_at=at,
                                done_by_id=session.supervisee_id if done else None,
                            )
                        )
            CaseDiscussion.objects.bulk_create(discussions, batch_size=2000)
            SupervisionAction.objects.bulk_create(actions, batch_size=2000)
        groups = self._peer_groups(supervisors, members, caseloads)
        self.out(
            f"Supervision: {len(sessions):,} sessions for {len(members):,} practitioners, {len(discussions):,} case "
            f"discussions, {len(actions):,} actions in {time.perf_counter() - started:.1f}s."
        )
        self.out(
            f"Peer groups: {groups['groups']:,} groups, {groups['group_sessions']:,} sessions, "
            f"{groups['group_actions']:,} actions."
        )
        return {"sessions": len(sessions), "discussions": len(discussions), "actions": len(actions)} | groups

    def _peer_groups(self, supervisors, members, caseloads):
        by_team = {}
        for member, team_id in members:
            by_team.setdefault(team_id, []).append(member)
        names = dict(User.objects.filter(pk__in=[m for m, _ in members]).values_list("pk", "first_name"))
        teams = dict(User.objects.filter(pk__in=supervisors.values()).values_list("pk", "team__name"))
        start = self.today - timedelta(weeks=WEEKS_BACK)
        made, rows = [], []
        with transaction.atomic():
            for team_id, ids in sorted(by_team.items()):
                if len(ids) < 2:
                    continue
                rota = sorted(ids, key=lambda pk: (names.get(pk) or "", pk))
                group = PeerGroup(
                    name=f"{teams.get(supervisors[team_id]) or 'Team'} peer group",
                    supervisor_id=supervisors[team_id],
                    agreed_on=start,
                    **GROUP_AGREEMENT,
                )
                made.append((group, rota))
            PeerGroup.objects.bulk_create([g for g, _ in made], batch_size=2000)
            through = PeerGroup.members.through
            through.objects.bulk_create(
                [through(peergroup_id=g.pk, user_id=u) for g, rota in made for u in rota], batch_size=2000
            )
            for group, rota in made:
                turn, day, held = 0, start + timedelta(days=self.rng.randint(0, 6)), []
                while day <= self.today:
                    if self.rng.random() < GROUP_HELD_RATE:
                        held.append((day, rota[turn % len(rota)], rota[(turn + 1) % len(rota)]))
                        turn += 1
                    day += timedelta(weeks=GROUP_EVERY_WEEKS)
                for i, (day, facilitator, note_taker) in enumerate(held):
                    presenter = self.rng.choice(rota)
                    caseload = caseloads.get(presenter) or []
                    person = self.rng.choice(caseload) if caseload and self.rng.random() < GROUP_PERSON_RATE else None
                    model = self._pick(GROUP_MODELS)
                    shared = self.rng.random() < GROUP_SHARED_RATE
                    next_on = held[i + 1][0] if i + 1 < len(held) else day + timedelta(weeks=GROUP_EVERY_WEEKS)
                    rows.append(
                        PeerGroupSession(
                            group_id=group.pk,
                            held_on=day,
                            facilitator_id=facilitator,
                            note_taker_id=note_taker,
                            presenter_id=presenter,
                            person_id=person,
                            model=model,
                            reflections=REFLECTIONS[model],
                            decisions=GROUP_DECISIONS,
                            next_on=next_on,
                            summary=GROUP_SUMMARY,
                            summary_shared_at=timezone.make_aware(datetime.combine(day, clock(17))) if shared else None,
                        )
                    )
            PeerGroupSession.objects.bulk_create(rows, batch_size=2000)
            actions = []
            for row in rows:
                done = (self.today - row.held_on).days > 28 and self.rng.random() < DONE_RATE
                due = row.held_on + timedelta(weeks=3)
                actions.append(
                    SupervisionAction(
                        group_session_id=row.pk,
                        person_id=row.person_id,
                        owner_id=row.presenter_id,
                        what=GROUP_ACTION,
                        due_on=due,
                        done_at=timezone.make_aware(datetime.combine(due, clock(12))) if done else None,
                        done_by_id=row.presenter_id if done else None,
                    )
                )
            SupervisionAction.objects.bulk_create(actions, batch_size=2000)
        return {"groups": len(made), "group_sessions": len(rows), "group_actions": len(actions)}
