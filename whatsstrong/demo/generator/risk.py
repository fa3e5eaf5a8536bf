"""Positive risk assessments and risk enablement panel referrals for a generated council.

Rates, for a council's adult social care caseload (our own estimates, to make lists and pages as full
as a real council's would be; nothing here is a national statistic):

- ASSESSMENT_RATE: 3 in 100 people have a positive risk assessment, a few of them two. Three in ten
  of those are about a decision the person lacks capacity for, and carry a best-interests record.
  Eight in ten are agreed, with a review date ahead; the rest are being written.
- Each assessment has one to three risks, on the 1 to 3 scales, for the person or for others; the
  person and the practitioner place about half of them differently.
- REFERRAL_RATE: one assessment in four goes to the complex case and risk enablement panel (panels
  hear the hardest situations, so far fewer than are assessed).
- The panel meets every PANEL_EVERY_DAYS days, with PANELS_AHEAD dates set ahead. A referral made
  more than a panel's gap ago was heard at the next panel after it and, nine times in ten, decided;
  newer ones wait for a date or are on the next panel. Each heard referral has one to three actions,
  most done, some overdue, some still to come.

Composed from a random stream of its own (so each seed's people, assessments and plans are as they
were), then written in one pass after the people, with the batched inserts council.py uses. No
history rows, as for the other generated records.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, transaction

from whatsstrong.core.models import Role, User
from whatsstrong.people.models import Person
from whatsstrong.risk.models import Panel, PanelAction, PanelReferral, Risk, RiskAssessment

ASSESSMENT_RATE = 0.03
SECOND_RATE = 0.1  # of people with one, a second about another decision
LACKS_CAPACITY_RATE = 0.3
AGREED_RATE = 0.8
REFERRAL_RATE = 0.25
DECIDED_RATE = 0.9
PANEL_EVERY_DAYS = 14
PANELS_AHEAD = 3
HISTORY_DAYS = 365

DECISIONS = [
    ("Moving from the care home to live with {family}", "“I want to be at home with {family}.”"),
    ("Going to the shops on their own", "“I have walked that road all my life.”"),
    ("Living on their own again after hospital", "“My own bed, my own door.”"),
    ("Taking the bus into town alone", "“I want to go when I like, not when someone can take me.”"),
    ("Going back to swimming at the leisure centre", "“The water is the one place nothing hurts.”"),
    ("Living with {family}", "“{family} and I look after each other.”"),
    ("Managing their own tablets", "“I know what I take and when.”"),
    ("Cooking on the hob again", "“I cooked for a family of six. I can make my own tea.”"),
]
FAMILY = ["my daughter", "my son", "my sister", "my grandson", "my niece"]
RISKS = [
    ("A fall at home", "them", "A pendant alarm and a falls sensor"),
    ("Getting lost on the way back", "them", "A phone with key numbers and a route they know"),
    ("Missing tablets", "them", "A dosette box and a reminder"),
    ("A fire from the cooker", "others", "A cooker isolator and a heat sensor"),
    ("Family carers becoming worn out", "others", "A carer's assessment and paid visits"),
    ("Money being taken by others", "them", "A bank card with a daily limit, and a named person to call"),
]
BEST = {
    "capacity_finding": "Assessed over two visits; could not weigh up the help needed at night.",
    "consulted": "Family, the GP, and an independent advocate.",
    "past_wishes": "Always said they wanted to stay with family.",
    "present_wishes": "Asks to go home at each visit.",
    "feelings_beliefs_values": "Family and faith come first.",
    "best_interests": "A supported trial is in their best interests, and the least restrictive choice.",
}
ADVICE = [
    ("Try it, with the safeguards proposed, and review in six weeks.", "Add a night sensor; meet again at six weeks."),
    ("The plan is sound; write down what happens if the main carer is unwell.", "Offer a carer's assessment."),
    ("Go ahead in stages: days first, then nights.", "A trial night with the responder service."),
]
ACTIONS = ["Arrange the telecare check", "Offer a carer's assessment", "Review with the person and family"]


class RiskComposer:
    def __init__(self, seed):
        self.rng = random.Random(f"risk-{seed}")

    def for_person(self, name, today):
        """Plain values for one person's assessments (each with risks and maybe a referral), or []."""
        rng = self.rng
        if rng.random() >= ASSESSMENT_RATE:
            return []
        count = 2 if rng.random() < SECOND_RATE else 1
        made = []
        for _ in range(count):
            decision, view = rng.choice(DECISIONS)
            family = rng.choice(FAMILY)
            started = today - timedelta(days=rng.randint(1, HISTORY_DAYS))
            lacks = rng.random() < LACKS_CAPACITY_RATE
            agreed = rng.random() < AGREED_RATE
            values = {
                "decision": decision.format(family=family.replace("my ", "their ")),
                "their_view": view.format(family=family),
                "benefits_to_them": f"{name} keeps doing what matters to them.",
                "keeping_benefits": "Support in place from the start, and a review.",
                "capacity": "lacks" if lacks else "has",
                **(BEST if lacks else {}),
                "status": "agreed" if agreed else "draft",
                "started_on": started,
                "agreed_by": f"{name} and their family" if agreed else "",
                "agreed_on": min(today, started + timedelta(days=rng.randint(3, 20))) if agreed else None,
                "review_on": today + timedelta(days=rng.randint(14, 180)) if agreed else None,
            }
            risks = []
            for what, for_whom, managed in rng.sample(RISKS, rng.randint(1, 3)):
                theirs, ours = rng.randint(1, 3), rng.randint(1, 3)
                differ = rng.random() < 0.5
                risks.append(
                    {
                        "what": what,
                        "for_whom": for_whom,
                        "likelihood_theirs": theirs if differ else ours,
                        "likelihood_ours": ours,
                        "severity_theirs": rng.randint(1, 3),
                        "severity_ours": rng.randint(1, 3),
                        "managed_by": managed,
                    }
                )
            referral = None
            if rng.random() < REFERRAL_RATE:
                referred = min(today, started + timedelta(days=rng.randint(1, 30)))
                referral = {
                    "referred_on": referred,
                    "decided": rng.random() < DECIDED_RATE,
                    "advice": rng.choice(ADVICE),
                    "actions": [
                        (what, rng.randint(7, 42), rng.random()) for what in rng.sample(ACTIONS, rng.randint(1, 3))
                    ],
                }
            made.append((values, risks, referral))
        return made


def panel_dates(today):
    """Every panel date in the year before today and PANELS_AHEAD after, a fortnight apart."""
    first = today - timedelta(days=HISTORY_DAYS)
    first += timedelta(days=(today - first).days % PANEL_EVERY_DAYS)
    return [
        first + timedelta(days=PANEL_EVERY_DAYS * n) for n in range(HISTORY_DAYS // PANEL_EVERY_DAYS + PANELS_AHEAD + 1)
    ]


def write(council, teams):
    """Compose and write risk records for the people just generated in `teams`; returns the counts."""
    from .council import Table

    started = time.perf_counter()
    today: date = council.today
    composer = RiskComposer(council.seed)
    coordinator = User.objects.filter(role=Role.QUALITY_LEAD).order_by("-pk").values_list("pk", flat=True).first()
    tables = {m: Table(m, with_id=True) for m in (RiskAssessment, Risk, Panel, PanelReferral, PanelAction)}
    ids = {m: t.next_id() for m, t in tables.items()}
    rows = {m: [] for m in tables}

    def new_id(model):
        ids[model] += 1
        return ids[model] - 1

    dates = panel_dates(today)
    panel_ids = {}
    for day in dates:
        pid = new_id(Panel)
        panel_ids[day] = pid
        heard = day <= today
        rows[Panel].append(
            {
                "id": pid,
                "meets_on": day,
                "place": "Council House, committee room 2",
                "chair": "Principal social worker",
                "arranged_by_id": coordinator,
                "attendance": "Chair, two team managers, the practitioners referring, an occupational therapist"
                if heard
                else "",
            }
        )
    team_ids = [t.pk for t, _ in teams]
    people = Person.objects.filter(team_id__in=team_ids).order_by("pk")
    fields = ("pk", "team_id", "allocated_worker_id", "preferred_name", "given_name")
    for pid, team_id, worker, preferred, given in people.values_list(*fields).iterator(chunk_size=5000):
        author = worker or council.supervisors[team_id][0]
        manager = council.supervisors[team_id][-1]
        for values, risks, referral in composer.for_person(preferred or given, today):
            aid = new_id(RiskAssessment)
            rows[RiskAssessment].append(
                {
                    **values,
                    "id": aid,
                    "person_id": pid,
                    "author_id": author,
                    "recorded_by_id": author if values["agreed_on"] else None,
                }
            )
            for risk in risks:
                rows[Risk].append({**risk, "id": new_id(Risk), "assessment_id": aid, "person_id": pid})
            if referral:
                _referral(rows, new_id, referral, pid, aid, author, manager, dates, panel_ids, today)

    with transaction.atomic():
        for model, table in tables.items():
            for at in range(0, len(rows[model]), 5000):
                table.insert(rows[model][at : at + 5000])
        statements = connection.ops.sequence_reset_sql(no_style(), list(tables))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    counts = {
        "positive risk assessments": len(rows[RiskAssessment]),
        "risk panel referrals": len(rows[PanelReferral]),
        "risk panels": len(rows[Panel]),
    }
    council.out(
        f"  {counts['positive risk assessments']:,} positive risk assessments, {len(rows[Risk]):,} risks, "
        f"{counts['risk panel referrals']:,} panel referrals, {counts['risk panels']} panels, "
        f"{len(rows[PanelAction]):,} actions in {time.perf_counter() - started:.1f} s."
    )
    return counts


def _referral(rows, new_id, referral, pid, aid, author, manager, dates, panel_ids, today):
    referred = referral["referred_on"]
    panel_day = next((d for d in dates if d > referred + timedelta(days=2)), None)
    heard = panel_day is not None and panel_day <= today
    status = "waiting"
    if panel_day is not None and (heard or panel_day == next((d for d in dates if d > today), None)):
        status = "heard" if heard else "scheduled"
    if status == "heard" and referral["decided"]:
        status = "decided"
    advice, recommendations = referral["advice"]
    rid = new_id(PanelReferral)
    rows[PanelReferral].append(
        {
            "id": rid,
            "person_id": pid,
            "referred_by_id": author,
            "referred_on": referred,
            "status": status,
            "assessment_id": aid,
            "situation": "A decision the person wants, with risks the family and the team see differently.",
            "tried": "Visits, a trial day, and talking it through with the family.",
            "their_view": "“Let me try.”",
            "question": "Are the safeguards enough to make this a fair trial?",
            "panel_id": panel_ids[panel_day] if status != "waiting" else None,
            "discussion": "The person's wishes, the family's worries and the safeguards." if heard else "",
            "advice": advice if heard else "",
            "recommendations": recommendations if heard else "",
            "decision": "Go ahead with the safeguards the panel advised." if status == "decided" else "",
            "reasons": "It is what the person wants and the risks are met." if status == "decided" else "",
            "decided_by_id": author if status == "decided" else None,
            "manager_id": manager if status == "decided" else None,
            "decided_on": min(today, panel_day + timedelta(days=3)) if status == "decided" else None,
        }
    )
    if not heard:
        return
    for what, due_in, roll in referral["actions"]:
        due = panel_day + timedelta(days=due_in)
        done = due < today and roll < 0.8  # most past actions done, some overdue
        rows[PanelAction].append(
            {
                "id": new_id(PanelAction),
                "referral_id": rid,
                "person_id": pid,
                "what": what,
                "owner": "The allocated worker",
                "due_on": due,
                "done": done,
                "done_on": due if done else None,
            }
        )
