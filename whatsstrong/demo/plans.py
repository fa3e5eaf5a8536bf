"""The demo council's support plans (data/plans.json), written through the plans services so each
step's history names the member of staff who took it, then dated as the file says.

A plan is written as a practitioner writes one: outcomes and who does what, a family group
conference's action plan linked in, the agreements of the people it relies on, the money and
contingency, then sign-off. Scores and stages of change are added over the months the file gives.
A `next_version` reopens the agreed plan, changes it and agrees it again, so it has two versions.
Dates are days before today, so the demo reads the same whenever it is loaded.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from whatsstrong.assessments.models import Assessment
from whatsstrong.assessments.rules import FULLER_KINDS
from whatsstrong.core.models import Role
from whatsstrong.people.models import NetworkMember
from whatsstrong.plans import services
from whatsstrong.plans.models import (
    ChangeStage,
    FamilyGroupConference,
    OutcomeScore,
    PlanSignOff,
    PlanVersion,
    SupportPlan,
)

PLAN_FIELDS = ("good_life", "budget_per", "managed", "managed_by", "money_notes")
PLAN_FIELDS += ("if_carer_unwell", "if_things_go_wrong", "who_to_call")


class Days:
    """Days before (or after) today, as dates and as midday times."""

    def __init__(self):
        self.today = timezone.localdate()

    def ago(self, days):
        return self.today - timedelta(days=days)

    def ahead(self, days):
        return self.today + timedelta(days=days)

    def midday(self, days):
        return timezone.make_aware(datetime.combine(self.ago(days), time(12)))


class PlanWriter:
    """Writes one person's plan from its entry in the file."""

    def __init__(self, entry, person, staff, days):
        self.entry, self.person, self.days = entry, person, days
        self.author = staff[entry["by"]]
        self.supervisor = next(u for u in staff.values() if u.role == Role.SUPERVISOR and u.team_id == person.team_id)
        self.members = dict(NetworkMember.objects.filter(person=person).values_list("name", "pk"))
        self.outcomes = {}
        self.plan = None

    def write(self):
        e = self.entry
        self.plan = services.plan_start(actor=self.author, person=self.person, assessment_id=self._hand_over())
        self._outcomes(e["outcomes"])
        if "conference" in e:
            self._conference(e["conference"])
        self._agreements(e.get("agreements", []))
        self._save_plan(e)
        self._progress(e["outcomes"])
        if e["stage"] != "draft":
            self._sign_off(e)
        if "next_version" in e:
            self._next_version(e["next_version"])
        SupportPlan.objects.filter(pk=self.plan.pk).update(started_at=self.days.midday(e["started_days_ago"]))
        return self.plan

    def _hand_over(self):
        if not self.entry.get("from_assessment"):
            return None
        signed = Assessment.objects.filter(person=self.person, kind__in=FULLER_KINDS, status="authorised")
        return signed.order_by("-started_at").values_list("pk", flat=True).first()

    def _outcomes(self, outcomes):
        for o in outcomes:
            data = {name: o[name] for name in ("text", "wellbeing", "how_we_know")}
            data["asks_for_change"] = o.get("asks_for_change", False)
            made = services.outcome_add(actor=self.author, person=self.person, plan_id=self.plan.pk, data=data)
            self.outcomes[o["key"]] = made
            for part in o["contributions"]:
                self._contribution(made, part)

    def _contribution(self, outcome, part):
        data = {name: part[name] for name in ("kind", "what") if name in part}
        data.update({name: part.get(name, "") for name in ("who", "when", "cost_per")})
        data["from_budget"] = part.get("from_budget", False)
        if "member" in part:
            data["network_member"] = self.members[part["member"]]
        if "cost" in part:
            data["cost"] = Decimal(part["cost"])
        services.contribution_add(actor=self.author, person=self.person, outcome_id=outcome.pk, data=data)

    def _conference(self, c):
        days = self.days
        made = services.conference_add(
            actor=self.author,
            person=self.person,
            data={
                **{name: c[name] for name in ("reason", "invited_others", "meeting_place", "coordinator", "stage")},
                **{name: c[name] for name in ("information_shared", "private_time_note")},
                "meeting_on": days.ago(c["meeting_days_ago"]),
                "review_on": days.ahead(c["review_in_days"]),
                "plan": self.plan.pk,
            },
            invited=[self.members[name] for name in c["invited"]],
            referred_on=days.ago(c["referred_days_ago"]),
        )
        for line in c["actions"]:
            data = {"what": line["what"], "by_when": line["by_when"]}
            if "member" in line:
                data["network_member"] = self.members[line["member"]]
            else:
                data["who"] = line["who"]
            action = services.family_action_add(actor=self.author, person=self.person, conference_id=made.pk, data=data)
            services.family_action_link(
                actor=self.author, person=self.person, action_id=action.pk, outcome_id=self.outcomes[line["outcome"]].pk
            )

    def _agreements(self, agreements):
        for a in agreements:
            services.agreement_save(
                actor=self.author,
                person=self.person,
                plan_id=self.plan.pk,
                network_member_id=self.members[a["member"]],
                data={
                    "agreed": True,
                    "agreed_on": self.days.ago(a["agreed_days_ago"]),
                    "their_wellbeing": a["their_wellbeing"],
                    "carers_assessment": a.get("carers_assessment", False),
                },
            )

    def _save_plan(self, fields):
        data = {name: fields[name] for name in PLAN_FIELDS if name in fields}
        if fields.get("budget"):
            data["budget"] = Decimal(fields["budget"])
        if "review_in_days" in fields:
            data["review_on"] = self.days.ahead(fields["review_in_days"])
        if data:
            self.plan.refresh_from_db()
            services.plan_save(
                actor=self.author,
                person=self.person,
                plan_id=self.plan.pk,
                data=data,
                expected_version=self.plan.version,
            )

    def _progress(self, outcomes):
        review = (
            Assessment.objects.filter(person=self.person, kind="review", status="authorised")
            .order_by("-started_at")
            .first()
        )
        for o in outcomes:
            outcome_id = self.outcomes[o["key"]].pk
            for s in o.get("scores", []):
                services.score_add(
                    actor=self.author,
                    person=self.person,
                    outcome_id=outcome_id,
                    score=s["score"],
                    scored_on=self.days.ago(s["days_ago"]),
                    said=s.get("said", ""),
                    review=review if s.get("review") else None,
                )
            for s in o.get("stages", []):
                services.stage_add(
                    actor=self.author,
                    person=self.person,
                    outcome_id=outcome_id,
                    stage=s["stage"],
                    noted_on=self.days.ago(s["days_ago"]),
                    note=s["note"],
                )

    def _dated(self, step, days_ago):
        """Date what `step` wrote (sign-off steps, a version) to `days_ago`."""
        before = PlanSignOff.objects.filter(plan=self.plan).order_by("-pk").values_list("pk", flat=True).first() or 0
        numbers = set(PlanVersion.objects.filter(plan=self.plan).values_list("number", flat=True))
        step()
        when = self.days.midday(days_ago)
        PlanSignOff.objects.filter(plan=self.plan, pk__gt=before).update(at=when)
        PlanVersion.objects.filter(plan=self.plan).exclude(number__in=numbers).update(agreed_at=when)

    def _sign_off(self, e):
        """Send the plan for sign-off; a qualified author agrees it, otherwise the team's supervisor does
        when the file says it was agreed."""
        days = e.get("agreed_days_ago", 0)
        who = {"actor": self.author, "person": self.person, "plan_id": self.plan.pk}
        self._dated(lambda: services.plan_submit(**who), days + (0 if self.author.qualified else 2))
        if e["stage"] == "agreed" and not self.author.qualified:
            self._dated(lambda: services.plan_authorise(**{**who, "actor": self.supervisor}), days)

    def _next_version(self, n):
        who = {"actor": self.author, "person": self.person, "plan_id": self.plan.pk}
        self._dated(lambda: services.plan_reopen(**who), n["reopened_days_ago"])
        self._save_plan(n.get("plan", {}))
        for part in n.get("contributions", []):
            self._contribution(self.outcomes[part["outcome"]], part)
        self._outcomes(n.get("outcomes", []))
        self._agreements(n.get("agreements", []))
        self._progress(n.get("outcomes", []))
        self._sign_off({"stage": "agreed", "agreed_days_ago": n["agreed_days_ago"]})


def add_plans(data, people, staff):
    """Write each plan in the file; returns how many of each thing there are."""
    days = Days()
    for entry in data["plans"]:
        PlanWriter(entry, people[entry["person"]], staff, days).write()
    ids = [p.pk for p in people.values()]
    return {
        "support plans": SupportPlan.objects.filter(person__in=ids).count(),
        "agreed plan versions": PlanVersion.objects.filter(person__in=ids).count(),
        "outcome scores": OutcomeScore.objects.filter(person__in=ids).count(),
        "stages of change": ChangeStage.objects.filter(person__in=ids).count(),
        "family group conferences": FamilyGroupConference.objects.filter(person__in=ids).count(),
    }
