"""Outcomes forums for a generated council, at rates like a council's (our assumptions, stated here so
they can be changed): each team holds a forum every two weeks over the past year, chaired by one of
its supervisors, with a member from each discipline (technology enabled care missing from about one
in four). A quarter of support plans are brought to the first forum after they started; about three
in four are agreed, one in five asked for changes (most heard again at the next forum and agreed
then), and the rest are waiting for a decision. About four hearings in ten raise a gap: a category
from the directory's taxonomy (befriending, transport and the like most often), the person's postcode
district as the area, and how soon (now 25%, within weeks 45%, in the months ahead 30%).

Rows are written in bulk, as the rest of the generator does; gaps are the directory's own (`Gap`,
source "forum"), so the commissioners' counts include them. A random stream of its own, so adding
forums leaves each seed's people, assessments and plans as they were.
"""

import bisect
import random
import time
from datetime import date, timedelta

from django.db import transaction

from whatsstrong.core.models import Role, User
from whatsstrong.directory.models import Gap, TaxonomyTerm
from whatsstrong.directory.rules import gap_area
from whatsstrong.forums.models import Forum, ForumGap, ForumMember, Hearing
from whatsstrong.people.models import Person
from whatsstrong.plans.models import SupportPlan

EVERY_DAYS = 14
WEEKS_BACK = 52
HEARD_RATE = 0.25
DECISIONS = [("agreed", 75), ("changes", 20), ("", 5)]
HEARD_AGAIN_RATE = 0.8
GAP_RATE = 0.4
URGENCY = [("now", 25), ("soon", 45), ("later", 30)]
# Common gaps weigh more: (category code, weight); any other active category weighs 1.
COMMON = {"befriending": 12, "transport": 10, "lunch-clubs": 6, "carers": 6, "disability": 5, "peer-support": 4}
DISCIPLINES = ["social_work", "occupational_therapy", "technology_enabled_care", "commissioning", "brokerage"]
FIRST = ["Sam", "Priya", "Gareth", "Helen", "Omar", "Jo", "Ade", "Ellen", "Raj", "Nia", "Tom", "Bea"]
LAST = ["Okoro", "Sandhu", "Owen", "Marsh", "Hale", "Kaur", "Price", "Doyle", "Nowak", "Ward"]
NEEDS = [
    ("Older people living alone", "A volunteer to visit or ring each week; the local scheme has a long wait."),
    ("People who no longer drive", "Transport to groups in the evening and at weekends."),
    ("Carers who work", "A carers' group that meets after work hours."),
    ("Younger disabled adults", "Social evenings with step-free access and a changing places toilet."),
    ("People home from hospital", "Someone to help with shopping in the first weeks home."),
    ("Men over 60", "A shed or workshop where people make and mend things together."),
]
STORY = "Brought to the forum with the support plan: what matters to them, who helps, and what the budget pays."
REASONS = {
    "agreed": "The plan builds on the person's own strengths and network, and the paid support fills what is left.",
    "changes": "The forum asked for technology and community options to be looked at before more paid hours.",
}
CHANGES = "Ask about a sensor or reminder first, and name a community group for the weekday afternoons."


class Forums:
    def __init__(self, *, seed=1, out=print, today=None):
        self.rng = random.Random(f"forums-{seed}")
        self.out = out
        self.today = today or date.today()

    def _pick(self, weighted):
        return self.rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]

    def generate(self):
        started = time.perf_counter()
        terms = list(TaxonomyTerm.objects.filter(active=True, parent__isnull=False).values_list("pk", "code"))
        categories = [(pk, COMMON.get(code, 1)) for pk, code in terms]
        plans = list(
            SupportPlan.objects.exclude(team_id=None)
            .filter(author__isnull=False)
            .values_list("pk", "person_id", "team_id", "started_at", "author_id")
            .order_by("pk")
        )
        chairs = {}
        for team_id, user_id in User.objects.filter(role=Role.SUPERVISOR, is_active=True).values_list("team_id", "pk"):
            chairs.setdefault(team_id, user_id)
        heard = [p for p in plans if p[2] in chairs and self.rng.random() < HEARD_RATE]
        postcodes = dict(Person.objects.filter(pk__in={p[1] for p in heard}).values_list("pk", "postcode"))
        first_day = self.today - timedelta(weeks=WEEKS_BACK)
        days = [first_day + timedelta(days=d) for d in range(0, WEEKS_BACK * 7 + 1, EVERY_DAYS)]
        counts = {"forums": 0, "hearings": 0, "gaps": 0}
        with transaction.atomic():
            forums = {}
            for team_id, chair in chairs.items():
                made = Forum.objects.bulk_create(
                    [Forum(held_on=d, chair_id=chair, arranged_by_id=chair, place="Team room") for d in days]
                )
                forums[team_id] = made
                members = []
                for forum in made:
                    for discipline in DISCIPLINES:
                        if discipline == "technology_enabled_care" and self.rng.random() < 0.25:
                            continue
                        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
                        members.append(ForumMember(forum=forum, name=name, discipline=discipline))
                ForumMember.objects.bulk_create(members, batch_size=2000)
                counts["forums"] += len(made)
            hearings, gaps_for = [], []
            for plan_id, person_id, team_id, started_at, author_id in heard:
                at = bisect.bisect_left(days, started_at.date())
                if at >= len(days):
                    continue
                forum = forums[team_id][at]
                decision = self._pick(DECISIONS)
                hearings.append(self._hearing(forum, person_id, plan_id, author_id, decision))
                gaps_for.append((len(hearings) - 1, person_id, forum))
                if decision == "changes" and at + 1 < len(days) and self.rng.random() < HEARD_AGAIN_RATE:
                    hearings.append(self._hearing(forums[team_id][at + 1], person_id, plan_id, author_id, "agreed"))
            made = Hearing.objects.bulk_create(hearings, batch_size=2000)
            # A later hearing follows the one before it for the same person.
            for before, after in zip(made, made[1:]):
                if after.person_id == before.person_id and before.decision == "changes":
                    after.follows_id = before.pk
            Hearing.objects.bulk_update([h for h in made if h.follows_id], ["follows"], batch_size=2000)
            counts["hearings"] = len(made)
            gaps, links = [], []
            for index, person_id, forum in gaps_for:
                if self.rng.random() >= GAP_RATE:
                    continue
                who, need = self.rng.choice(NEEDS)
                gap = Gap(
                    category_id=self._pick(categories),
                    area=gap_area(postcodes.get(person_id) or "") or "Not known",
                    who=who,
                    need=need,
                    urgency=self._pick(URGENCY),
                    source=Gap.Source.FORUM,
                    person_id=person_id,
                    recorded_by_id=forum.chair_id,
                    recorded_on=forum.held_on,
                )
                gaps.append(gap)
                links.append((made[index], forum, person_id))
            gaps = Gap.objects.bulk_create(gaps, batch_size=2000)
            ForumGap.objects.bulk_create(
                [ForumGap(hearing=h, forum=f, person_id=p, gap=g) for (h, f, p), g in zip(links, gaps)], batch_size=2000
            )
            counts["gaps"] = len(gaps)
        elapsed = time.perf_counter() - started
        self.out(
            f"Outcomes forums: {counts['forums']:,} forums, {counts['hearings']:,} hearings, "
            f"{counts['gaps']:,} gaps in {elapsed:.1f} s."
        )
        return counts, elapsed

    def _hearing(self, forum, person_id, plan_id, author_id, decision):
        decided = bool(decision)
        return Hearing(
            forum=forum,
            person_id=person_id,
            plan_id=plan_id,
            presenter_id=author_id,
            story=STORY,
            decision=decision,
            reasons=REASONS.get(decision, ""),
            changes=CHANGES if decision == "changes" else "",
            changes_by=forum.held_on + timedelta(days=28) if decision == "changes" else None,
            decided_by_id=forum.chair_id if decided else None,
            decided_on=forum.held_on if decided else None,
        )
