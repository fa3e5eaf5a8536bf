"""Reads for the risk pages.

The person's page shows their positive risk assessments and panel referrals together, read in one
query (explicit SQL, as the person's page's other parts are) whether they have any or not. The
coordinator's list reads upcoming panels, referrals waiting for a date, referrals heard and waiting
for the decision, and overdue actions: four queries, each over an index (see models.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from whatsstrong.core import sql

from .models import Panel, PanelAction, PanelReferral, Risk, RiskAssessment

RA, REF, PANEL = sql.table(RiskAssessment), sql.table(PanelReferral), sql.table(Panel)
PERSON_SQL = f"""
SELECT 'assessment', a.id, a.decision, a.status, a.started_on, a.review_on, NULL
  FROM {RA} a WHERE a.person_id = %s
UNION ALL
SELECT 'referral', r.id, r.question, r.status, r.referred_on, r.follow_up_on, p.meets_on
  FROM {REF} r LEFT JOIN {PANEL} p ON p.id = r.panel_id WHERE r.person_id = %s
ORDER BY 5 DESC, 2 DESC"""


@dataclass(frozen=True)
class Item:
    kind: str  # "assessment" or "referral"
    pk: int
    words: str  # the decision, or the question for the panel
    status: str
    status_label: str
    on: datetime.date
    review_on: datetime.date | None  # an assessment's review, a referral's follow-up
    panel_on: datetime.date | None


def _date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def of_person(person_id: int) -> tuple[list[Item], list[Item]]:
    """(assessments, referrals) of the person, newest first, from one query."""
    labels = {
        "assessment": dict(RiskAssessment.Status.choices),
        "referral": dict(PanelReferral.Status.choices),
    }
    items = [
        Item(kind, pk, words, status, labels[kind].get(status, status), _date(on), _date(review), _date(panel))
        for kind, pk, words, status, on, review, panel in sql.fetch(PERSON_SQL, [person_id, person_id])
    ]
    return [i for i in items if i.kind == "assessment"], [i for i in items if i.kind == "referral"]


def assessment(person, assessment_id):
    return RiskAssessment.objects.select_related("author", "recorded_by").get(pk=assessment_id, person=person)


def risks_of(assessment_id: int) -> list[Risk]:
    return list(Risk.objects.filter(assessment_id=assessment_id))


def assessments_of(person) -> list[RiskAssessment]:
    return list(RiskAssessment.objects.filter(person=person))


def referral(person, referral_id):
    return PanelReferral.objects.select_related("referred_by", "panel", "assessment", "decided_by", "manager").get(
        pk=referral_id, person=person
    )


def actions_of(referral_id: int) -> list[PanelAction]:
    return list(PanelAction.objects.filter(referral_id=referral_id))


def upcoming_panels(today: datetime.date) -> list[Panel]:
    return list(Panel.objects.filter(meets_on__gte=today).order_by("meets_on", "pk"))


@dataclass(frozen=True)
class Lists:
    upcoming: list
    waiting: list
    heard: list
    overdue: list


PEOPLE = ("person", "person__team", "referred_by")


def coordinator_lists(today: datetime.date, *, limit: int = 50) -> Lists:
    """What the coordinator keeps track of: four queries, each the first `limit` rows."""
    upcoming = list(Panel.objects.filter(meets_on__gte=today).order_by("meets_on", "pk")[:limit])
    waiting = list(
        PanelReferral.objects.filter(status=PanelReferral.Status.WAITING)
        .select_related(*PEOPLE)
        .order_by("referred_on", "pk")[:limit]
    )
    heard = list(
        PanelReferral.objects.filter(status=PanelReferral.Status.HEARD)
        .select_related(*PEOPLE, "panel")
        .order_by("panel__meets_on", "pk")[:limit]
    )
    overdue = list(
        PanelAction.objects.filter(done=False, due_on__lt=today)
        .select_related("person", "referral")
        .order_by("due_on", "pk")[:limit]
    )
    return Lists(upcoming, waiting, heard, overdue)


def panel(panel_id: int) -> Panel:
    return Panel.objects.select_related("arranged_by").get(pk=panel_id)


def referrals_on(panel_id: int) -> list[PanelReferral]:
    return list(PanelReferral.objects.filter(panel_id=panel_id).select_related("person", "referred_by").order_by("pk"))
