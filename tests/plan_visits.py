"""The support plan pages for tests/test_every_page_html.py: each page as it opens, and every form
after a bad submission. The plans are made on first use from the world fixture's people: one being
written that relies on Joy, who has not agreed, one waiting for Carol's sign-off, and one agreed."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

TOO_LONG = "x" * 20001
TODAY = datetime.date.today()


def _ready(w, services, text):
    """A plan of Peggy's with an outcome Peggy works on herself and a review date, sent for sign-off."""
    alice, peggy = w.staff["alice"], w.peggy
    plan = services.plan_start(actor=alice, person=peggy)
    outcome = services.outcome_add(actor=alice, person=peggy, plan_id=plan.pk, data={"text": text, "wellbeing": ["e"]})
    services.contribution_add(
        actor=alice, person=peggy, outcome_id=outcome.pk, data={"kind": "self", "what": "walk to the shop"}
    )
    plan.refresh_from_db()
    services.plan_save(
        actor=alice,
        person=peggy,
        plan_id=plan.pk,
        expected_version=plan.version,
        data={"review_on": TODAY + datetime.timedelta(days=180), "if_carer_unwell": "Her neighbour Stan calls in."},
    )
    return services.plan_submit(actor=alice, person=peggy, plan_id=plan.pk)


def plans(w):
    if not hasattr(w, "plans"):
        from whatsstrong.plans import services

        alice, peggy = w.staff["alice"], w.peggy
        open_ = services.plan_start(actor=alice, person=peggy)
        outcome = services.outcome_add(
            actor=alice,
            person=peggy,
            plan_id=open_.pk,
            data={"text": "I want to get back to my garden.", "wellbeing": ["b", "g"], "how_we_know": "Seeds in."},
        )
        helps = services.contribution_add(
            actor=alice,
            person=peggy,
            outcome_id=outcome.pk,
            data={"kind": "network", "network_member": w.joy.pk, "what": "dig the beds with me", "when": "Sundays"},
        )
        services.contribution_add(
            actor=alice,
            person=peggy,
            outcome_id=outcome.pk,
            data={"kind": "paid", "who": "A gardener", "what": "mow the lawn", "cost": "30.00", "cost_per": "week"},
        )
        waiting = _ready(w, services, "I want to walk to the shop on my own.")
        agreed = _ready(w, services, "I want to cook my own tea.")
        services.plan_authorise(actor=w.staff["carol"], person=peggy, plan_id=agreed.pk)
        w.plans = SimpleNamespace(open=open_, outcome=outcome, helps=helps, waiting=waiting, agreed=agreed)
    return w.plans


def at(name, which="open", *more):
    """A plan page's URL; `more` are functions of the world giving the ids after the plan's."""

    def build(w):
        found = plans(w)
        return reverse(f"plans:{name}", args=[w.peggy.pk, getattr(found, which).pk, *[m(w) for m in more]])

    return build


def outcome(w):
    return plans(w).outcome.pk


def helps(w):
    return plans(w).helps.pk


def joy(w):
    return w.joy.pk


def first(w):
    return 1


def version_of(w, which="open"):
    found = getattr(plans(w), which)
    return type(found).objects.get(pk=found.pk).version


def visits(Visit):
    return [
        Visit("plan-start", "plans:start", "alice", lambda w: reverse("plans:start", args=[w.peggy.pk])),
        Visit(
            "plan-start-errors",
            "plans:start",
            "alice",
            lambda w: reverse("plans:start", args=[w.peggy.pk]),
            errors=True,
            status=400,
            post=lambda w: {},
            shows="Choose where the plan starts from",
        ),
        Visit("plan", "plans:plan", "alice", at("plan"), shows="The plan relies on"),
        Visit("plan-other-team", "plans:plan", "bob", at("plan"), shows="I want to get back to my garden."),
        Visit(
            "plan-for-the-supervisor",
            "plans:plan",
            "carol",
            at("plan", "waiting"),
            shows="Sign off or return this plan",
        ),
        Visit("plan-agreed", "plans:plan", "alice", at("plan", "agreed"), shows="Change this plan"),
        Visit("plan-good-life", "plans:good_life", "alice", at("good_life"), shows="What does a good day look like"),
        Visit(
            "plan-good-life-errors",
            "plans:good_life",
            "alice",
            at("good_life"),
            errors=True,
            post=lambda w: {"version": version_of(w), "good_life": TOO_LONG},
        ),
        Visit("plan-money", "plans:money", "alice", at("money"), shows="Direct payment"),
        Visit(
            "plan-money-errors",
            "plans:money",
            "alice",
            at("money"),
            errors=True,
            post=lambda w: {"version": version_of(w), "budget": "-5", "money_notes": "Kept when the sum is wrong"},
            shows="Kept when the sum is wrong",
        ),
        Visit("plan-contingency", "plans:contingency", "alice", at("contingency"), shows="Who steps in"),
        Visit(
            "plan-contingency-errors",
            "plans:contingency",
            "alice",
            at("contingency"),
            errors=True,
            post=lambda w: {"version": version_of(w), "who_to_call": TOO_LONG},
        ),
        Visit("plan-review-date", "plans:review_date", "alice", at("review_date")),
        Visit(
            "plan-review-date-errors",
            "plans:review_date",
            "alice",
            at("review_date"),
            errors=True,
            post=lambda w: {"version": version_of(w), "review_on_0": "31", "review_on_1": "2", "review_on_2": "2030"},
            shows="must be a real date",
        ),
        Visit("plan-outcome-add", "plans:outcome_add", "alice", at("outcome_add"), shows="Start with"),
        Visit(
            "plan-outcome-add-errors",
            "plans:outcome_add",
            "alice",
            at("outcome_add"),
            errors=True,
            post=lambda w: {"text": "", "wellbeing": ["c", "z"], "how_we_know": "Kept when the text is missing"},
            shows="Kept when the text is missing",
        ),
        Visit("plan-outcome", "plans:outcome", "alice", at("outcome", "open", outcome), shows="Seeds in."),
        Visit(
            "plan-outcome-errors",
            "plans:outcome",
            "alice",
            at("outcome", "open", outcome),
            errors=True,
            post=lambda w: {"version": 1, "text": " ", "wellbeing": ["b"]},
            shows="Enter what they want, in their words",
        ),
        Visit(
            "plan-contribution-add",
            "plans:contribution_add",
            "alice",
            at("contribution_add", "open", outcome),
            shows="Joy Okafor (daughter)",
        ),
        Visit(
            "plan-contribution-add-errors",
            "plans:contribution_add",
            "alice",
            at("contribution_add", "open", outcome),
            errors=True,
            post=lambda w: {"kind": "paid", "who": "", "what": "", "cost": "12.345", "from_budget": "on"},
            shows="no more than 2 figures after the point",
        ),
        Visit(
            "plan-contribution",
            "plans:contribution",
            "alice",
            at("contribution", "open", helps),
            shows="dig the beds with me",
        ),
        Visit(
            "plan-contribution-errors",
            "plans:contribution",
            "alice",
            at("contribution", "open", helps),
            errors=True,
            post=lambda w: {"version": 1, "kind": "network", "network_member": "999999", "what": "Kept as typed"},
            shows="Kept as typed",
        ),
        Visit(
            "plan-contribution-remove",
            "plans:contribution_remove",
            "alice",
            at("contribution_remove", "open", helps),
            shows="Remove this from the plan?",
        ),
        Visit(
            "plan-agreement",
            "plans:agreement",
            "alice",
            at("agreement", "open", joy),
            shows="Did Joy Okafor agree",
        ),
        Visit(
            "plan-agreement-errors",
            "plans:agreement",
            "alice",
            at("agreement", "open", joy),
            errors=True,
            post=lambda w: {"agreed": "yes", "their_wellbeing": "Kept without a date", "carers_assessment": "no"},
            shows="Enter the date they agreed",
        ),
        Visit("plan-sign-off", "plans:sign_off", "alice", at("sign_off"), shows="Before it can be agreed"),
        Visit(
            "plan-sign-off-errors",
            "plans:sign_off",
            "alice",
            at("sign_off"),
            errors=True,
            status=400,
            post=lambda w: {},
            shows="Record whether Joy Okafor agrees",
        ),
        Visit("plan-decide", "plans:decide", "carol", at("decide", "waiting"), shows="Sign off or return the plan"),
        Visit(
            "plan-decide-errors",
            "plans:decide",
            "carol",
            at("decide", "waiting"),
            errors=True,
            status=400,
            post=lambda w: {"decision": "return", "comment": ""},
        ),
        Visit("plan-decide-refused", "plans:decide", "alice", at("decide", "waiting"), status=403),
        Visit("plan-reopen", "plans:reopen", "alice", at("reopen", "agreed"), shows="Start version 2"),
        Visit("plan-versions", "plans:versions", "alice", at("versions", "agreed"), shows="Version 1"),
        Visit(
            "plan-version",
            "plans:version",
            "alice",
            at("version", "agreed", first),
            shows="I want to cook my own tea.",
        ),
    ]
