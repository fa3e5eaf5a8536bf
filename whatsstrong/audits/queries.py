"""Reading for practice quality assurance: the pre-screen of records and assessments (in batches,
a few queries for hundreds of assessments), a team's quarterly sample before it is kept, the audits a
user may see, one audit with all it holds, and the moderation differences."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from whatsstrong.assessments import rules as assessment_rules
from whatsstrong.assessments.models import (
    Assessment,
    AssessmentStrength,
    Conversation,
    SectionText,
    SignOff,
    WellbeingArea,
)
from whatsstrong.coach.services import summary_for_texts
from whatsstrong.core import access
from whatsstrong.core.models import Team
from whatsstrong.people.models import Asset, NetworkMember, Person
from whatsstrong.plans.models import PersonalOutcome, SupportPlan
from whatsstrong.supervision import queries as supervision_queries

from . import rules
from .models import Audit, AuditAction, AuditRating, LearningTheme, RatingLevel, Sample, Standard

CHUNK = 500  # ids per IN list: well inside SQLite's and PostgreSQL's limits
WHO_I_AM = ("what_matters", "good_day", "life_story", "interests", "skills_and_talents", "proud_of")


@dataclass(frozen=True)
class Prescreen:
    indicators: rules.Indicators
    levels: dict[str, str]
    attention: list[str]
    by_rule: dict[str, int] = field(default_factory=dict)  # the coach's findings, rule by rule


def _chunks(ids):
    ids = list(ids)
    for at in range(0, len(ids), CHUNK):
        yield ids[at : at + CHUNK]


def _wellbeing_texts(rows, texts, areas):
    for aid, code, said, working, matters, rank in rows:
        texts[aid] += [said, working, matters]
        if (said or working or matters).strip() or rank:
            areas[aid].add(code)


def _person_facts(person_ids, today):
    """Per person: network members (living), outcomes of their latest plan (how many, how many in the
    first person), days since their latest signed-off review, and whether a review is overdue."""
    network, outcomes, reviewed, due = Counter(), {}, {}, {}
    for ids in _chunks(person_ids):
        for pid, n in (
            NetworkMember.objects.filter(person_id__in=ids, has_died=False)
            .values_list("person_id")
            .annotate(n=Count("id"))
        ):
            network[pid] = n
        latest = dict(
            SupportPlan.objects.filter(person_id__in=ids)
            .exclude(status=SupportPlan.Status.ENDED)
            .values_list("person_id")
            .annotate(last=Max("id"))
        )
        for pid, text in PersonalOutcome.objects.filter(plan_id__in=latest.values()).values_list("person_id", "text"):
            n, first = outcomes.get(pid, (0, 0))
            outcomes[pid] = (n + 1, first + rules.first_person(text))
        for pid, last in (
            Assessment.objects.filter(
                person_id__in=ids, kind=Assessment.Kind.REVIEW, status=Assessment.Status.AUTHORISED
            )
            .values_list("person_id")
            .annotate(last=Max("updated_at"))
        ):
            reviewed[pid] = (today - timezone.localtime(last).date()).days
        due.update(Person._base_manager.filter(pk__in=ids).values_list("id", "review_due_on"))
    return network, outcomes, reviewed, due


def _prescreen(texts, strengths, areas, person_id, facts, today) -> Prescreen:
    network, outcomes, reviewed, due = facts
    quoted, letters = assessment_rules.own_words(texts)
    language = summary_for_texts(texts)
    n, first = outcomes.get(person_id, (0, 0))
    indicators = rules.Indicators(
        quoted=quoted,
        letters=letters,
        strengths=dict(strengths),
        wellbeing=len(areas),
        network=network.get(person_id, 0),
        outcomes=n,
        outcomes_first_person=first,
        deficit=language["by_kind"]["deficit"],
        jargon=language["by_kind"]["jargon"],
        days_since_review=reviewed.get(person_id),
        review_overdue=bool(due.get(person_id) and due[person_id] < today),
    )
    return Prescreen(indicators, rules.levels(indicators), rules.attention(indicators), language["by_rule"])


def prescreen_assessments(assessment_ids, *, today=None) -> dict[int, Prescreen]:
    """The pre-screen of each assessment: its own text, strengths and wellbeing areas, with its
    person's network, plan outcomes and reviews. Eight queries a chunk of 500, whatever the count."""
    today = today or timezone.localdate()
    found = {}
    for ids in _chunks(assessment_ids):
        texts, strengths, areas = defaultdict(list), defaultdict(Counter), defaultdict(set)
        person_of = {}
        for aid, pid, analysis, hand_over in Assessment.objects.filter(pk__in=ids).values_list(
            "id", "person_id", "analysis", "hand_over"
        ):
            person_of[aid] = pid
            texts[aid] += [analysis, hand_over]
        for model in (SectionText, Conversation):
            for aid, text in model.objects.filter(assessment_id__in=ids).values_list("assessment_id", "text"):
                texts[aid].append(text)
        _wellbeing_texts(
            WellbeingArea.objects.filter(assessment_id__in=ids).values_list(
                "assessment_id", "code", "said", "working", "matters", "rank"
            ),
            texts,
            areas,
        )
        for aid, level in AssessmentStrength.objects.filter(assessment_id__in=ids).values_list(
            "assessment_id", "asset__level"
        ):
            strengths[aid][level] += 1
        facts = _person_facts(set(person_of.values()), today)
        for aid, pid in person_of.items():
            found[aid] = _prescreen(texts[aid], strengths[aid], areas[aid], pid, facts, today)
    return found


def prescreen_person(person, *, today=None) -> Prescreen:
    """The pre-screen of a person's whole record: who they are, every assessment's text and wellbeing
    areas, every strength recorded, their network, plan outcomes and reviews."""
    today = today or timezone.localdate()
    texts = [getattr(person, name) or "" for name in WHO_I_AM]
    ids = list(Assessment.objects.filter(person_id=person.pk).values_list("id", flat=True))
    areas = defaultdict(set)
    for analysis, hand_over in Assessment.objects.filter(person_id=person.pk).values_list("analysis", "hand_over"):
        texts += [analysis, hand_over]
    for model in (SectionText, Conversation):
        texts += model.objects.filter(assessment_id__in=ids).values_list("text", flat=True)
    bucket = defaultdict(list)
    _wellbeing_texts(
        WellbeingArea.objects.filter(assessment_id__in=ids).values_list(
            "person_id", "code", "said", "working", "matters", "rank"
        ),
        bucket,
        areas,
    )
    texts += bucket[person.pk]
    strengths = Counter(Asset.objects.filter(person_id=person.pk).values_list("level", flat=True))
    facts = _person_facts([person.pk], today)
    return _prescreen(texts, strengths, areas[person.pk], person.pk, facts, today)


INDICATOR_LABELS = {
    "own_words": "In the person's own words",
    "strengths": "Strengths at the three levels",
    "network": "Network members recorded",
    "wellbeing": "Wellbeing areas considered",
    "outcomes": "Outcomes in the first person",
    "language": "Deficit words and unexplained terms",
    "review": "Since the last review",
}


def prescreen_rows(found: Prescreen) -> list[dict]:
    """The pre-screen as rows for a page or the API: what each indicator is, what was found, its reading."""
    ind = found.indicators
    share = ind.own_words_share
    review = ("No signed-off review yet" if ind.days_since_review is None else f"{ind.days_since_review:,} days") + (
        " (a review is overdue)" if ind.review_overdue else ""
    )
    values = {
        "own_words": "Nothing written yet" if share is None else f"{round(share * 100)}% of the writing",
        "strengths": ", ".join(f"{ind.strengths.get(level, 0)} {level}" for level in rules.LEVELS),
        "network": f"{ind.network}",
        "wellbeing": f"{ind.wellbeing} of {rules.WELLBEING_AREAS}",
        "outcomes": "No plan outcomes yet" if not ind.outcomes else f"{ind.outcomes_first_person} of {ind.outcomes}",
        "language": f"{ind.deficit} deficit, {ind.jargon} jargon",
        "review": review,
    }
    return [
        {
            "key": key,
            "label": INDICATOR_LABELS[key],
            "found": values[key],
            "reading": found.levels[key],
            "reading_words": rules.LEVEL_WORDS[found.levels[key]],
        }
        for key in rules.INDICATOR_KEYS
    ]


# --- Sampling ------------------------------------------------------------------------------------

SIGNED_OFF = (SignOff.Action.AUTHORISED, SignOff.Action.SELF_AUTHORISED)


@dataclass(frozen=True)
class Case:
    assessment_id: int
    person_id: int
    reason: str
    notes: tuple[str, ...] = ()


def quarter_sign_offs(team_id: int, quarter: str):
    """(assessment, person, action) for each assessment of the team signed off in the quarter."""
    start, end = rules.quarter_dates(quarter)
    return list(
        SignOff.objects.filter(
            assessment__team_id=team_id,
            action__in=SIGNED_OFF,
            at__date__gte=start,
            at__date__lt=end,
        )
        .order_by("assessment_id")
        .values_list("assessment_id", "person_id", "action")
    )


def sample_plan(team_id: int, quarter: str, *, seed: str, size: int, share: float, today=None) -> list[Case]:
    """The cases a sample would hold (rules.SAMPLE_RULE), and the self-authorised ones routed to audit."""
    signed = quarter_sign_offs(team_id, quarter)
    person_of = {aid: pid for aid, pid, _ in signed}
    found = prescreen_assessments(list(person_of), today=today)
    marked = {aid for aid, p in found.items() if p.attention}
    drawn = rules.draw_sample(list(person_of), marked=marked, size=size, team=str(team_id), quarter=quarter, seed=seed)
    cases = [Case(aid, person_of[aid], why, tuple(found[aid].attention)) for aid, why in drawn]
    taken = {aid for aid, _ in drawn}
    self_authorised = [
        aid for aid, _, action in signed if action == SignOff.Action.SELF_AUTHORISED and aid not in taken
    ]
    for aid in rules.self_authorised_sample(self_authorised, share=float(share), quarter=quarter, seed=seed):
        cases.append(Case(aid, person_of[aid], rules.SELF_AUTHORISED, tuple(found[aid].attention)))
    return cases


def self_authorised(team_id: int | None, quarter: str):
    """Assessments signed off by their own author in the quarter (one team, or all), with the author."""
    start, end = rules.quarter_dates(quarter)
    rows = SignOff.objects.filter(action=SignOff.Action.SELF_AUTHORISED, at__date__gte=start, at__date__lt=end)
    if team_id:
        rows = rows.filter(assessment__team_id=team_id)
    return rows.select_related("assessment", "actor").order_by("-at")[:200]


def sample_for(team_id: int, quarter: str):
    return (
        Sample.objects.filter(team_id=team_id, quarter=quarter)
        .select_related("team", "drawn_by")
        .prefetch_related("cases__person", "cases__assessment", "cases__audit")
        .first()
    )


# --- Audits --------------------------------------------------------------------------------------


def _audits():
    return Audit.objects.select_related("person", "practitioner", "auditor", "team", "moderator")


def audits_for(user) -> dict[str, list]:
    """The audits on a user's list, by why they see them."""
    found = {
        "writing": list(_audits().filter(auditor=user, status=Audit.Status.DRAFT)[:50]),
        "about_me": list(_audits().filter(practitioner=user, status=Audit.Status.SHARED)[:50]),
        "to_moderate": [],
        "team": [],
    }
    if user.role == "senior_leader":
        found["to_moderate"] = list(
            _audits().filter(status=Audit.Status.SHARED, moderated_at__isnull=True).exclude(auditor=user)[:50]
        )
    if user.role in access.AUDIT_OVERSIGHT_ROLES:
        found["team"] = list(_audits().exclude(auditor=user)[:50])
    elif user.role == "supervisor" and user.team_id:
        found["team"] = list(_audits().filter(team_id=user.team_id).exclude(auditor=user)[:50])
    return found


def audit_for_page(audit_id: int):
    return _audits().select_related("assessment").filter(pk=audit_id).first()


def supervision_sessions(audit, reader) -> list:
    """A staff supervision audit: the supervisee's latest one-to-one sessions up to the day the audit was
    shared (today while it is being written) that `reader` may open, as the supervision app offers them
    (`supervision.queries.sessions_for_audit`: date, supervisor, on time or not, how many case
    discussions and actions; never the wellbeing notes). Other kinds of audit: none."""
    if audit.kind != Audit.Kind.SUPERVISION or not audit.practitioner_id:
        return []
    until = timezone.localdate(audit.shared_at) if audit.shared_at else timezone.localdate()
    return supervision_queries.sessions_for_audit(audit.practitioner_id, reader=reader, until=until)


def ratings_of(audit) -> list:
    return list(
        AuditRating.objects.filter(audit=audit)
        .select_related("standard", "rating", "moderated")
        .order_by("standard__order", "pk")
    )


def standards() -> list:
    return list(Standard.objects.filter(active=True))


def scale() -> list:
    return list(RatingLevel.objects.filter(active=True))


def for_person(person_id: int):
    return list(_audits().filter(person_id=person_id)[:20])


# --- Moderation ----------------------------------------------------------------------------------


def moderation_report(quarter: str | None = None) -> dict:
    """Every moderated rating: how many agreed, and each difference with its reason, by team."""
    rows = AuditRating.objects.filter(audit__moderated_at__isnull=False).select_related(
        "audit__team", "audit__auditor", "audit__moderator", "standard", "rating", "moderated"
    )
    if quarter:
        rows = rows.filter(audit__quarter=quarter)
    by_team = defaultdict(lambda: [0, 0])
    differences = []
    for row in rows.order_by("audit__team__name", "audit_id", "standard__order"):
        counts = by_team[row.audit.team.name]
        counts[0] += 1
        if row.moderated_id and row.moderated_id != row.rating_id:
            counts[1] += 1
            differences.append(row)
    return {
        "teams": [
            (team, rated, differed, rules.agreement(rated, differed)) for team, (rated, differed) in by_team.items()
        ],
        "differences": differences,
        "rated": sum(r for r, _ in by_team.values()),
        "differed": sum(d for _, d in by_team.values()),
    }


# --- The quarterly themes report -----------------------------------------------------------------


def learning_themes() -> list:
    return list(LearningTheme.objects.filter(active=True))


@dataclass
class ThemesReport:
    """The quarterly themes report's figures, over shared audits of the quarters named.

    - `ratings[(quarter, team_id, standard_id, level_id)]`: ratings given, each counted at the
      moderator's rating where the moderator changed it (the agreed view of the practice).
    - `moderation[quarter] = (ratings moderated, ratings the moderator agreed with)`.
    - `themes[(quarter, theme_id)]`: audits whose learning was tagged with the theme.
    - `actions[(quarter, team_id)] = (done, outstanding)`.
    """

    quarters: list[str]
    teams: dict[int, str]
    standards: dict[int, Standard]
    levels: list[RatingLevel]
    themes_named: dict[int, LearningTheme]
    ratings: Counter
    moderation: dict[str, tuple[int, int]]
    themes: Counter
    actions: dict[tuple[str, int], tuple[int, int]]
    audits: Counter  # (quarter, team_id) -> shared audits

    def rating_rows(self):
        """(standard, team name, quarter, [count per level, best first], total) for every cell with ratings."""
        for sid, standard in self.standards.items():
            for tid, team in self.teams.items():
                for quarter in self.quarters:
                    counts = [self.ratings[(quarter, tid, sid, level.pk)] for level in self.levels]
                    if sum(counts):
                        yield standard, team, quarter, counts, sum(counts)

    def distribution(self):
        """(team, quarter, [(level label, ratings)]) across every standard, for the chart."""
        for tid, team in self.teams.items():
            for quarter in self.quarters:
                counts = Counter()
                for (q, t, _, level), n in self.ratings.items():
                    if q == quarter and t == tid:
                        counts[level] += n
                yield team, quarter, [(level.label, counts[level.pk]) for level in self.levels]

    def moderation_rows(self):
        for quarter in self.quarters:
            rated, agreed = self.moderation.get(quarter, (0, 0))
            yield quarter, rated, agreed, rules.percent(agreed, rated)

    def theme_rows(self):
        """(theme, [audits per quarter], total), most often tagged first; themes never tagged left out."""
        rows = []
        for tid, theme in self.themes_named.items():
            per = [self.themes[(quarter, tid)] for quarter in self.quarters]
            if sum(per):
                rows.append((theme, per, sum(per)))
        return sorted(rows, key=lambda row: (-row[2], row[0].order, row[0].pk))

    def action_rows(self):
        for tid, team in self.teams.items():
            for quarter in self.quarters:
                done, outstanding = self.actions.get((quarter, tid), (0, 0))
                if done or outstanding:
                    yield team, quarter, done, outstanding

    def totals(self) -> dict:
        done = sum(d for d, _ in self.actions.values())
        outstanding = sum(o for _, o in self.actions.values())
        rated = sum(r for r, _ in self.moderation.values())
        agreed = sum(a for _, a in self.moderation.values())
        return {
            "audits": sum(self.audits.values()),
            "ratings": sum(self.ratings.values()),
            "moderated": rated,
            "agreed": agreed,
            "agreed_percent": rules.percent(agreed, rated),
            "done": done,
            "outstanding": outstanding,
            "tagged": sum(self.themes.values()),
        }


def themes_report(quarters: list[str]) -> ThemesReport:
    """The report's figures in four grouped queries, whatever the number of audits: the ratings and
    their moderation in one pass over the ratings, then themes, actions and audits."""
    shared = {"audit__status": Audit.Status.SHARED, "audit__quarter__in": quarters}
    moderated = Q(audit__moderated_at__isnull=False)
    ratings, moderation = Counter(), {}
    for quarter, team, standard, level, n, rated, changed in (
        AuditRating.objects.filter(**shared)
        .annotate(final=Coalesce("moderated_id", "rating_id"))
        .values_list("audit__quarter", "audit__team_id", "standard_id", "final")
        .annotate(
            n=Count("id"),
            rated=Count("id", filter=moderated),
            changed=Count("id", filter=moderated & Q(moderated_id__isnull=False) & ~Q(moderated_id=F("rating_id"))),
        )
        .order_by()
    ):
        ratings[(quarter, team, standard, level)] += n
        if rated:
            before = moderation.get(quarter, (0, 0))
            moderation[quarter] = (before[0] + rated, before[1] + rated - changed)
    themes = Counter()
    for quarter, theme, n in (
        Audit.themes.through.objects.filter(**shared)
        .values_list("audit__quarter", "learningtheme_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        themes[(quarter, theme)] += n
    actions = {}
    for quarter, team, done, outstanding in (
        AuditAction.objects.filter(**shared)
        .values_list("audit__quarter", "audit__team_id")
        .annotate(n_done=Count("id", filter=Q(done=True)), n_open=Count("id", filter=Q(done=False)))
        .order_by()
    ):
        actions[(quarter, team)] = (done, outstanding)
    audits = Counter(
        {
            (q, t): n
            for q, t, n in Audit.objects.filter(status=Audit.Status.SHARED, quarter__in=quarters)
            .values_list("quarter", "team_id")
            .annotate(n=Count("id"))
            .order_by()
        }
    )
    team_ids = {t for _, t in audits}
    return ThemesReport(
        quarters=list(quarters),
        teams=dict(Team.objects.filter(pk__in=team_ids).order_by("name").values_list("id", "name")),
        standards={s.pk: s for s in Standard.objects.filter(pk__in={k[2] for k in ratings}).order_by("order", "pk")},
        levels=list(RatingLevel.objects.order_by("-value")),
        themes_named={t.pk: t for t in LearningTheme.objects.order_by("order", "pk")},
        ratings=ratings,
        moderation=moderation,
        themes=themes,
        actions=actions,
        audits=audits,
    )


def themes_csv_rows(report: ThemesReport):
    """The report as CSV rows (figures and words only): section, quarter, team, subject, measure, value."""
    yield ["Section", "Quarter", "Team", "Standard or theme", "Measure", "Value"]
    for standard, team, quarter, counts, total in report.rating_rows():
        for level, n in zip(report.levels, counts, strict=True):
            yield ["Ratings", quarter, team, standard.name, level.label, n]
        yield ["Ratings", quarter, team, standard.name, "All ratings", total]
    for quarter, rated, agreed, share in report.moderation_rows():
        yield ["Moderation", quarter, "All teams", "", "Ratings moderated", rated]
        yield ["Moderation", quarter, "All teams", "", "Ratings agreed", agreed]
        yield ["Moderation", quarter, "All teams", "", "Agreed (per cent)", "" if share is None else share]
    for theme, per, _ in report.theme_rows():
        for quarter, n in zip(report.quarters, per, strict=True):
            yield ["Learning themes", quarter, "All teams", theme.name, "Audits tagged", n]
    for team, quarter, done, outstanding in report.action_rows():
        yield ["Actions", quarter, team, "", "Done", done]
        yield ["Actions", quarter, team, "", "Outstanding", outstanding]


def open_actions(user) -> int:
    return Audit.objects.filter(Q(practitioner=user), status=Audit.Status.SHARED, actions__done=False).count()
