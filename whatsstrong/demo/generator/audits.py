"""Audits for a generated council, after its people and assessments are written: in each team,
about one signed-off assessment in forty is audited by the team's supervisor in the quarter it was
signed off, every standard rated on the scale; most are shared with the practitioner, a third of
those answered, and a quarter moderated by the senior leader, who differs on a rating now and then,
always with a reason. Actions, some done. Four audits in five have their learning tagged with one
or two learning themes (audits/data/themes.json), the first themes in the list more often, so the
quarterly themes report has themes to count.

Rows go in through council.Table (no history rows, as for the generator's other records). A random
stream of its own, so adding audits leaves each seed's people, assessments and plans as they were.
"""

import random
import time
from datetime import datetime
from datetime import time as clock

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from whatsstrong.assessments.models import Assessment, SignOff
from whatsstrong.audits import rules
from whatsstrong.audits.models import Audit, AuditAction, AuditRating, LearningTheme, RatingLevel, Standard
from whatsstrong.core.models import Role, User

from .council import Table

AUDIT_RATE = 1 / 40
SHARED_RATE, ANSWERED_RATE, MODERATED_RATE, DIFFER_RATE = 0.85, 0.35, 0.25, 0.12
THEMED_RATE, ACTION_DONE_RATE = 0.8, 0.5
RATINGS = [("strong", 15), ("good", 50), ("developing", 28), ("not_yet", 7)]
EVIDENCE = [
    "Seen in the conversation record.",
    "The analysis shows it clearly.",
    "Partly there: the plan says more than the assessment.",
    "Not found in the record.",
    "Written in the person's own words.",
]
STRENGTHS = [
    "The record starts from what the person does well.",
    "The person's family are part of the plan from the start.",
    "Clear, kind writing the person could read.",
]
LEARNING = [
    "Record the community strengths as well as the family's.",
    "Write outcomes in the person's own words.",
    "Say how the risks were weighed with the person.",
]
ACTIONS = [
    "Add the person's own words to the outcomes",
    "Record the community groups they go to",
    "Talk through risk at the next visit",
]
REASONS = [
    "The evidence supports a different rating.",
    "Less of the person's voice than the rating suggests.",
    "Stronger than rated: see the analysis.",
]
ANSWERS = ["Thank you: I agree and have made the changes.", "Useful. I will bring this to supervision."]


def _weighted(rng, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def generate(*, seed=1, out=print):
    started = time.perf_counter()
    rng = random.Random(f"audits:{seed}")
    standards = list(Standard.objects.filter(active=True).values_list("id", flat=True))
    levels = dict(RatingLevel.objects.values_list("code", "id"))
    themes = list(LearningTheme.objects.filter(active=True).values_list("id", flat=True))
    theme_weights = [len(themes) - n for n in range(len(themes))]  # the first themes more often
    supervisors = dict(User.objects.filter(role=Role.SUPERVISOR).values_list("team_id", "id"))
    senior = User.objects.filter(role=Role.SENIOR_LEADER).values_list("id", flat=True).first()
    signed = (
        SignOff.objects.filter(action__in=(SignOff.Action.AUTHORISED, SignOff.Action.SELF_AUTHORISED))
        .exclude(assessment__kind=Assessment.Kind.CONTACT)
        .order_by("assessment_id")
        .values_list("assessment_id", "person_id", "assessment__author_id", "assessment__team_id", "at")
    )
    audits_table, ratings_table, actions_table, themes_table = (
        Table(Audit, with_id=True),
        Table(AuditRating, with_id=False),
        Table(AuditAction, with_id=False),
        Table(Audit.themes.through, with_id=False),
    )
    next_id = audits_table.next_id()
    audits, ratings, actions, tagged = [], [], [], []
    for aid, pid, author, team, at in signed.iterator(chunk_size=5000):
        if team not in supervisors or rng.random() >= AUDIT_RATE:
            continue
        day = timezone.localtime(at).date()
        when = timezone.make_aware(datetime.combine(day, clock(15)))
        shared = rng.random() < SHARED_RATE
        moderated = shared and senior and rng.random() < MODERATED_RATE
        answered = shared and rng.random() < ANSWERED_RATE
        audits.append(
            {
                "id": next_id,
                "kind": "record",
                "status": "shared" if shared else "draft",
                "person_id": pid,
                "assessment_id": aid,
                "practitioner_id": author,
                "team_id": team,
                "auditor_id": supervisors[team],
                "quarter": rules.quarter_of(day),
                "started_at": when,
                "shared_at": when if shared else None,
                "strengths": rng.choice(STRENGTHS),
                "learning": rng.choice(LEARNING),
                "response": rng.choice(ANSWERS) if answered else "",
                "responded_at": when if answered else None,
                "moderator_id": senior if moderated else None,
                "moderated_at": when if moderated else None,
                "version": 2 if shared else 1,
            }
        )
        for standard in standards:
            given = _weighted(rng, RATINGS)
            differs = moderated and rng.random() < DIFFER_RATE
            other = rng.choice([c for c in levels if c != given]) if differs else None
            ratings.append(
                {
                    "audit_id": next_id,
                    "standard_id": standard,
                    "rating_id": levels[given],
                    "evidence": rng.choice(EVIDENCE),
                    "moderated_id": levels[other] if other else None,
                    "moderation_reason": rng.choice(REASONS) if other else "",
                }
            )
        for text in rng.sample(ACTIONS, rng.randint(0, 2)):
            done = shared and rng.random() < ACTION_DONE_RATE
            actions.append({"audit_id": next_id, "text": text, "done": done, "done_at": when if done else None})
        if themes and rng.random() < THEMED_RATE:
            for theme in set(rng.choices(themes, weights=theme_weights, k=rng.randint(1, 2))):
                tagged.append({"audit_id": next_id, "learningtheme_id": theme})
        next_id += 1
    with transaction.atomic():
        audits_table.insert(audits)
        ratings_table.insert(ratings)
        actions_table.insert(actions)
        themes_table.insert(tagged)
    statements = connection.ops.sequence_reset_sql(no_style(), [Audit])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    elapsed = time.perf_counter() - started
    out(
        f"Audits: {len(audits):,} with {len(ratings):,} ratings, {len(actions):,} actions and "
        f"{len(tagged):,} learning themes in {elapsed:.1f} s."
    )
    return len(audits)
