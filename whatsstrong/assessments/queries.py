"""Reading assessments for pages: the person's list, and one assessment with all it holds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from whatsstrong.core import look_backs, sql
from whatsstrong.core.models import Team, User
from whatsstrong.people.models import Asset, Person
from whatsstrong.people.rules import display_name

from . import documents, rules
from .models import (
    Assessment,
    AssessmentStrength,
    Conversation,
    EligibilityDecision,
    ReviewLook,
    SectionText,
    SignOff,
    WellbeingArea,
)

A, C, S, W, L, SO = (
    sql.table(m) for m in (Assessment, Conversation, SectionText, WellbeingArea, AssessmentStrength, SignOff)
)
U, T, X = sql.table(User), sql.table(Team), sql.table(Asset)
# Explicit SQL (core/sql.py): the assessment page and the person's page are opened all day, and
# compiling seven querysets cost more than the database's answers.
LIST_SQL = f"""SELECT {sql.columns(Assessment, "a")}, {sql.columns(User, "u")} FROM {A} a
               JOIN {U} u ON u.id = a.author_id WHERE a.person_id = %s ORDER BY a.started_at DESC, a.id DESC"""
E = sql.table(EligibilityDecision)
# The assessment with its author, team, and eligibility decision (with who made it) when there is one.
ONE_SQL = f"""SELECT {sql.columns(Assessment, "a")}, {sql.columns(User, "u")}, {sql.columns(Team, "t")},
                     {sql.columns(EligibilityDecision, "e")}, {sql.columns(User, "d")} FROM {A} a
              JOIN {U} u ON u.id = a.author_id LEFT JOIN {T} t ON t.id = a.team_id
              LEFT JOIN {E} e ON e.assessment_id = a.id LEFT JOIN {U} d ON d.id = e.decided_by_id
              WHERE a.id = %s AND a.person_id = %s"""
DECISION_AT = sql.width(Assessment) + sql.width(User) + sql.width(Team)
CONVERSATIONS_SQL = f"""SELECT {sql.columns(Conversation, "c")}, {sql.columns(User, "u")} FROM {C} c
                        JOIN {U} u ON u.id = c.author_id WHERE c.assessment_id = %s ORDER BY c.happened_on, c.id"""
SECTIONS_SQL = f"SELECT {sql.columns(SectionText, 's')} FROM {S} s WHERE s.assessment_id = %s"
WELLBEING_SQL = f"SELECT {sql.columns(WellbeingArea, 'w')} FROM {W} w WHERE w.assessment_id = %s ORDER BY w.code"
STRENGTHS_SQL = f"""SELECT {sql.columns(Asset, "x")} FROM {L} l JOIN {X} x ON x.id = l.asset_id
                    WHERE l.assessment_id = %s ORDER BY x.level, x.id"""
SIGN_OFFS_SQL = f"""SELECT {sql.columns(SignOff, "o")}, {sql.columns(User, "u")} FROM {SO} o
                    JOIN {U} u ON u.id = o.actor_id WHERE o.assessment_id = %s ORDER BY o.at, o.id"""


def _with(model, row, start, **related):
    """The model instance from a row, with the related instances that follow it in the row attached."""
    found = sql.instance(model, row, start)
    at = start + sql.width(model)
    for name, other in related.items():
        setattr(found, name, sql.instance(other, row, at) if row[at] is not None else None)
        at += sql.width(other)
    return found


def assessments_of(person_id: int) -> list[Assessment]:
    """The person's assessments, newest first, with their authors (one query)."""
    return [_with(Assessment, row, 0, author=User) for row in sql.fetch(LIST_SQL, [person_id])]


@dataclass
class AssessmentView:
    assessment: Assessment
    document: dict
    conversations: list = field(default_factory=list)
    sections: dict = field(default_factory=dict)  # key -> SectionText
    wellbeing: dict = field(default_factory=dict)  # code -> WellbeingArea
    strengths: list = field(default_factory=list)  # people.Asset
    sign_offs: list = field(default_factory=list)
    eligibility: EligibilityDecision | None = None
    # A review only: the assessment it looks back at, and what it looks back at (Subject rows).
    reviewed: Assessment | None = None
    subjects: list = field(default_factory=list)

    def looked_back(self) -> int:
        return sum(1 for s in self.subjects if s.look and (s.look.changed or s.look.worked or s.look.score))

    def eligibility_status(self) -> str:
        return rules.eligibility_status(self.eligibility.eligible if self.eligibility else None)

    def texts(self) -> list[str]:
        """Everything written in the assessment, for the share in the person's own words."""
        a = self.assessment
        found = [c.text for c in self.conversations] + [s.text for s in self.sections.values()]
        for row in self.wellbeing.values():
            found += [row.said, row.working, row.matters]
        for subject in self.subjects:
            if subject.look:
                found += [subject.look.changed, subject.look.worked]
        return [*found, a.analysis, a.hand_over]

    def own_words(self, name: str) -> str:
        quoted, total = rules.own_words(self.texts())
        return rules.own_words_sentence(quoted, total, name)

    def ranked(self) -> list:
        return sorted((r for r in self.wellbeing.values() if r.rank), key=lambda r: r.rank)

    def considered(self) -> int:
        return sum(1 for r in self.wellbeing.values() if (r.said or r.working or r.matters))


def assessment_view(person_id: int, assessment_id: int) -> AssessmentView:
    """One assessment of this person's with everything on its page, in six queries (more for a review);
    Assessment.DoesNotExist when the person has no such assessment."""
    rows = sql.fetch(ONE_SQL, [assessment_id, person_id])
    if not rows:
        raise Assessment.DoesNotExist("This person has no assessment with this number.")
    assessment = _with(Assessment, rows[0], 0, author=User, team=Team)
    view = AssessmentView(assessment, documents.document(assessment.kind))
    view.conversations = [
        _with(Conversation, row, 0, author=User) for row in sql.fetch(CONVERSATIONS_SQL, [assessment.pk])
    ]
    view.sections = {
        s.key: s for s in (sql.instance(SectionText, row) for row in sql.fetch(SECTIONS_SQL, [assessment.pk]))
    }
    view.wellbeing = {
        w.code: w for w in (sql.instance(WellbeingArea, row) for row in sql.fetch(WELLBEING_SQL, [assessment.pk]))
    }
    view.strengths = [sql.instance(Asset, row) for row in sql.fetch(STRENGTHS_SQL, [assessment.pk])]
    view.sign_offs = [_with(SignOff, row, 0, actor=User) for row in sql.fetch(SIGN_OFFS_SQL, [assessment.pk])]
    if rules.eligibility_who(assessment.kind) and rows[0][DECISION_AT] is not None:
        view.eligibility = _with(EligibilityDecision, rows[0], DECISION_AT, decided_by=User)
    if assessment.kind == rules.REVIEW:
        _add_review(view)
    return view


@dataclass
class Subject:
    """One thing a review looks back at: its key, its words, what it was then, the look."""

    key: str
    label: str
    then: str
    look: ReviewLook | None
    slug: str = ""
    # Words for the middle of a sentence ("Looking back: ..."); the label in lower case unless given.
    phrase: str = ""
    then_label: str = "At the assessment"
    # The latest score recorded elsewhere (a plan's outcome scored between reviews), with its date.
    latest_score: int | None = None
    latest_on: datetime.date | None = None

    def __post_init__(self):
        self.phrase = self.phrase or self.label.lower()


def _add_review(view: AssessmentView) -> None:
    """What the review looks back at: the reviewed assessment's ranked areas and hand-over, then what
    other apps offer through core.look_backs (a support plan's outcomes), with this review's looks
    (three more queries, and the sources' own; reviews only). A signed-off review keeps to what it
    looked back at from other apps."""
    reviewed_id = view.assessment.reviewed_id
    if reviewed_id is None:
        return
    view.reviewed = Assessment.objects.only("id", "kind", "person_id", "started_at", "hand_over").get(pk=reviewed_id)
    areas = {w.code: w for w in WellbeingArea.objects.filter(assessment_id=reviewed_id, rank__isnull=False)}
    looks = {look.subject: look for look in ReviewLook.objects.filter(assessment_id=view.assessment.pk)}
    keys = rules.review_subjects([(code, w.rank) for code, w in areas.items()], view.reviewed.hand_over)
    for key in keys:
        if key == "hand_over":
            then = view.reviewed.hand_over
        else:
            area = areas[key.split(":", 1)[1]]
            then = area.matters or area.said
        view.subjects.append(
            Subject(key, documents.subject_label(key), then, looks.get(key), documents.subject_slug(key))
        )
    still_open = rules.editable(view.assessment.status)
    for extra in look_backs.subjects(view.assessment.person_id, view.assessment.pk, set(looks)):
        if still_open or extra.key in looks:
            view.subjects.append(
                Subject(
                    extra.key,
                    extra.label,
                    extra.then,
                    looks.get(extra.key),
                    documents.subject_slug(extra.key),
                    phrase=extra.phrase,
                    then_label=extra.then_label,
                    latest_score=extra.latest_score,
                    latest_on=extra.latest_on,
                )
            )


# A team's home shows the longest waiting first and says how many there are in all.
AWAITING_SHOWN = 5


class Waiting(NamedTuple):
    """One assessment waiting for sign-off, as a supervisor's home lists it."""

    pk: int
    person_id: int
    kind: str
    sent: datetime.datetime  # last changed: a waiting assessment cannot be changed, so when it was sent
    person_name: str
    author_name: str
    waiting_total: int  # how many wait in all, of which this is one

    def kind_label(self) -> str:
        return Assessment.Kind(self.kind).label


P = sql.table(Person)
# The assessment's team follows the person's while it is open (services.follow_persons_team), so
# assessment_stage_team_idx gives the oldest first and stops at the limit, and counts from the index alone.
AWAITING_SQL = f"""SELECT a.id, a.person_id, a.kind, a.updated_at, p.given_name, p.preferred_name, p.family_name,
                          u.first_name, u.last_name, u.username
                   FROM {A} a JOIN {P} p ON p.id = a.person_id JOIN {U} u ON u.id = a.author_id
                   WHERE a.status = %s AND a.team_id = %s ORDER BY a.updated_at, a.id LIMIT %s"""
AWAITING_COUNT_SQL = f"SELECT COUNT(*) FROM {A} a WHERE a.status = %s AND a.team_id = %s"


def awaiting_for_team(team_id: Any, limit: int = AWAITING_SHOWN) -> list[Waiting]:
    """The `limit` assessments of the team waiting longest for a supervisor's sign-off (two index reads;
    none at all when nothing waits)."""
    rows = sql.fetch(AWAITING_SQL, [rules.AWAITING, team_id, limit])
    if not rows:
        return []
    total = len(rows) if len(rows) < limit else sql.fetch(AWAITING_COUNT_SQL, [rules.AWAITING, team_id])[0][0]
    return [
        Waiting(
            pk,
            person_id,
            kind,
            sql.aware(sent),
            display_name(given, preferred, family),
            f"{first} {last}".strip() or username,
            total,
        )
        for pk, person_id, kind, sent, given, preferred, family, first, last, username in rows
    ]


def wellbeing_areas() -> list[dict]:
    """The nine wellbeing areas in order, each {"code", "label"}: for other apps' pages that name them
    (a support plan's outcomes say which areas they serve)."""
    return documents.wellbeing_areas()
