"""The person's copy and the family group conference pages, for tests/test_every_page_html.py
(`VISITS += copy_visits.visits(Visit)`): each page as it opens, and every form after a bad
submission. The plan and the conference are made on first use from the world fixture's people.
(The PDF, `plans:copy_pdf`, is no HTML page: NOT_HTML lists it, and plans/tests/test_pdf.py reads it.)"""

from types import SimpleNamespace

from django.urls import reverse


def things(w):
    """Alice's plan for Peggy (being written, one outcome), and a conference at information sharing
    with one action from Joy that is not in the plan yet."""
    if not hasattr(w, "conference_things"):
        from whatsstrong.plans import services

        alice, peggy = w.staff["alice"], w.peggy
        plan = services.plan_start(actor=alice, person=peggy)
        services.outcome_add(actor=alice, person=peggy, plan_id=plan.pk, data={"text": "I want to garden again."})
        conference = services.conference_add(
            actor=alice, person=peggy, data={"reason": "Family first", "plan": plan.pk}, invited=[w.joy.pk]
        )
        conference = services.conference_save(
            actor=alice,
            person=peggy,
            conference_id=conference.pk,
            data={"stage": "information_sharing"},
            expected_version=conference.version,
        )
        action = services.family_action_add(
            actor=alice, person=peggy, conference_id=conference.pk, data={"network_member": w.joy.pk, "what": "Visit"}
        )
        w.conference_things = SimpleNamespace(plan=plan, conference=conference, action=action)
    return w.conference_things


def on_plan(name, query=""):
    return lambda w: reverse(f"plans:{name}", args=[w.peggy.pk, things(w).plan.pk]) + query


def on_conference(name, *more):
    def build(w):
        t = things(w)
        return reverse(f"plans:{name}", args=[w.peggy.pk, t.conference.pk, *[getattr(t, m).pk for m in more]])

    return build


def refer(w):
    things(w)
    return reverse("plans:conference_refer", args=[w.peggy.pk])


def visits(Visit):
    version = lambda w: things(w).conference.version  # noqa: E731
    return [
        Visit("plan-copy", "plans:copy", "alice", on_plan("copy"), shows="Draft: not agreed yet"),
        Visit("plan-copy-large", "plans:copy", "alice", on_plan("copy"), query="size=large", shows="ws-copy--large"),
        Visit("conference-refer", "plans:conference_refer", "alice", refer, shows="Joy Okafor (daughter)"),
        Visit(
            "conference-refer-errors",
            "plans:conference_refer",
            "alice",
            refer,
            errors=True,
            post=lambda w: {"reason": "", "meeting_place": "Kept when the reason is missing", "invited": [w.joy.pk]},
            shows="Kept when the reason is missing",
        ),
        Visit("conference", "plans:conference", "alice", on_conference("conference"), shows="Information sharing"),
        Visit("conference-change", "plans:conference_change", "alice", on_conference("conference_change")),
        Visit(
            "conference-change-errors",
            "plans:conference_change",
            "alice",
            on_conference("conference_change"),
            errors=True,
            post=lambda w: {"reason": "Family", "meeting_on_0": "31", "meeting_on_1": "2", "meeting_on_2": "2026"},
            shows="must be a real date",
        ),
        Visit("conference-stage", "plans:conference_stage", "alice", on_conference("conference_stage")),
        Visit(
            "conference-stage-errors",
            "plans:conference_stage",
            "alice",
            on_conference("conference_stage"),
            errors=True,
            post=lambda w: {"version": version(w), "move_on": "1", "information_shared": ""},
            shows="before moving on",
        ),
        Visit("family-action-add", "plans:family_action_add", "alice", on_conference("family_action_add")),
        Visit(
            "family-action-add-errors",
            "plans:family_action_add",
            "alice",
            on_conference("family_action_add"),
            errors=True,
            post=lambda w: {"who_from": "other", "who": "", "what": "Kept when no one is named"},
            shows="Kept when no one is named",
        ),
        Visit(
            "family-action-link",
            "plans:family_action_link",
            "alice",
            on_conference("family_action_link", "action"),
            shows="I want to garden again.",
        ),
        Visit(
            "family-action-link-errors",
            "plans:family_action_link",
            "alice",
            on_conference("family_action_link", "action"),
            errors=True,
            post=lambda w: {},
            shows="Choose the outcome it helps with",
        ),
    ]
