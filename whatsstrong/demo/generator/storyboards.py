"""Storyboards for a generated council, after its staff are written, at stated rates (our assumptions,
set here so they can be changed): each practitioner and supervisor writes about one storyboard a
year (`STORIES_PER_PRACTITIONER`, drawn over the past year); eight in ten are published by a quality
lead with a review date a year on (so those published more than a year ago are due a fresh look),
one in ten waits for review and one in ten has been sent back. Each shows one to three practice
themes, most often the three levels of strengths. The words are put together from short phrases,
about no one: generated stories have no names in them, so the reviewer's check finds none.

Rows go in through council.Table (no history rows, as for the generator's other records). A random
stream of its own, so adding storyboards leaves each seed's people and records as they were.
"""

import random
import time
from datetime import datetime, timedelta
from datetime import time as clock

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from whatsstrong.core.models import CASE_ROLES, Role, User
from whatsstrong.storyboards import rules, themes
from whatsstrong.storyboards.models import Storyboard, StoryTheme

from .council import Table

STORIES_PER_PRACTITIONER = 1.0  # a year
STATES = [(rules.PUBLISHED, 80), (rules.SUBMITTED, 10), (rules.SENT_BACK, 10)]
COMMON_THEMES = {"strengths-own": 6, "strengths-network": 5, "strengths-community": 5, "community-connections": 4}
DAYS_BACK = 365
SITUATIONS = [
    "The person had stopped going out after a fall and wanted to get back to the things she enjoyed.",
    "A carer had not had a break for months and was close to giving up work.",
    "The person was ready to leave hospital, and the ward thought a care home was the only way.",
    "A young man wanted more say in how his support was arranged.",
    "The person felt lonely since moving to a new flat across the city.",
    "A family disagreed about what was safe for their father at home.",
]
DONE = [
    "We started from what mattered to the person and planned the first steps together.",
    "A family meeting made its own plan, with a coordinator's help.",
    "A community connector went along to a local group the first two times.",
    "We tried equipment and a sensor for a month before deciding anything else.",
    "A direct payment let the person choose who helps and when.",
]
DIFFERENCE = [
    "The person is out twice a week and says they feel like themselves again.",
    "The carer sleeps properly and has kept their job.",
    "No paid support was needed after the first month.",
    "The person stayed in their own home, on their own terms.",
]
LEARNING = [
    "Asking what a good day looks like opens up more than asking what is wrong.",
    "Taking time to plan with the family saved time later.",
    "The community often has the answer before a service does.",
    "Managing a risk with the person beats avoiding it for them.",
]
INVOLVED = [
    "The person, their daughter, the social worker.",
    "The person, a community connector, a local group.",
    "The carer, the person they care for, the practitioner.",
    "The person, the ward team, an occupational therapist.",
]
TITLES = [
    "Back out and about",
    "A plan the family made",
    "Home on their own terms",
    "A break that worked",
    "New friends nearby",
]
CHANGES = "Say more about what the person said and did, in their words if they agreed."


def _themes(rng, codes):
    weights = [COMMON_THEMES.get(code, 1) for code in codes]
    chosen = set()
    for _ in range(rng.randint(1, 3)):
        chosen.add(rng.choices(codes, weights)[0])
    return sorted(chosen)


def generate(*, seed=1, out=print):
    started = time.perf_counter()
    rng = random.Random(f"storyboards:{seed}")
    authors = list(User.objects.filter(role__in=CASE_ROLES, is_active=True).order_by("pk").values_list("id", "team_id"))
    reviewer = User.objects.filter(role=Role.QUALITY_LEAD, is_active=True).values_list("id", flat=True).first()
    if not authors or reviewer is None:
        out("Storyboards: none (the council has no practitioners or no quality lead).")
        return 0
    codes = [t["code"] for t in themes.themes()]
    stories_table, themes_table = Table(Storyboard, with_id=True), Table(StoryTheme, with_id=False)
    next_id = stories_table.next_id()
    today = timezone.localdate()
    stories, tags = [], []
    for author, team in authors:
        whole, part = divmod(STORIES_PER_PRACTITIONER, 1)
        for _ in range(int(whole) + (rng.random() < part)):
            day = today - timedelta(days=rng.randint(1, DAYS_BACK))
            when = timezone.make_aware(datetime.combine(day, clock(11)))
            state = rng.choices([s for s, _ in STATES], [w for _, w in STATES])[0]
            published = state == rules.PUBLISHED
            stories.append(
                {
                    "id": next_id,
                    "author_id": author,
                    "team_id": team,
                    "status": state,
                    "title": rng.choice(TITLES),
                    "situation": rng.choice(SITUATIONS),
                    "what_was_done": rng.choice(DONE),
                    "difference": rng.choice(DIFFERENCE),
                    "learning": rng.choice(LEARNING),
                    "people_involved": rng.choice(INVOLVED),
                    "about_someone": True,
                    "consent_by": "The person",
                    "consent_how": "written",
                    "consent_on": day - timedelta(days=7),
                    "submitted_at": when,
                    "times_submitted": 1,
                    "reviewer_id": reviewer if state != rules.SUBMITTED else None,
                    "reviewed_at": when if state != rules.SUBMITTED else None,
                    "changes_asked": CHANGES if state == rules.SENT_BACK else "",
                    "published_at": when if published else None,
                    "review_on": day + timedelta(days=365) if published else None,
                    "created_at": when,
                    "updated_at": when,
                    "version": 2 if state != rules.SUBMITTED else 1,
                }
            )
            tags += [{"storyboard_id": next_id, "code": code} for code in _themes(rng, codes)]
            next_id += 1
    with transaction.atomic():
        stories_table.insert(stories)
        themes_table.insert(tags)
    statements = connection.ops.sequence_reset_sql(no_style(), [Storyboard])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    published = sum(s["status"] == rules.PUBLISHED for s in stories)
    elapsed = time.perf_counter() - started
    out(
        f"Storyboards: {len(stories):,} from {len(authors):,} practitioners and supervisors "
        f"({published:,} published) in {elapsed:.1f} s."
    )
    return len(stories)
