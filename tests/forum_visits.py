"""The outcomes forum pages for tests/test_every_page_html.py, and the page naming a directory service
for a plan's community contribution: each page as it opens, and every form after a bad submission.
Made on first use, through the services: a forum chaired by Carol hearing Peggy (her plan from
plan_visits), with a gap raised, and a community contribution naming the directory's knitting group."""

import datetime
from types import SimpleNamespace

from django.urls import reverse

from tests import directory_visits, plan_visits


def forum(w):
    if not hasattr(w, "forum"):
        from whatsstrong.directory.models import TaxonomyTerm
        from whatsstrong.forums import services
        from whatsstrong.plans import services as plans

        carol, alice = w.staff["carol"], w.staff["alice"]
        p = plan_visits.plans(w)
        d = directory_visits.directory(w)
        made = services.forum_add(
            actor=carol, data={"held_on": datetime.date(2026, 3, 10), "chair": carol, "place": "Room 2"}
        )
        services.member_add(actor=carol, forum_id=made.pk, data={"name": "Tess Ward", "discipline": "commissioning"})
        hearing = services.hearing_add(
            actor=alice,
            person=w.peggy,
            forum_id=made.pk,
            data={"plan": p.open.pk, "story": "Peggy wants to get back to her garden."},
        )
        services.hearing_gap(
            actor=carol,
            person=w.peggy,
            hearing_id=hearing.pk,
            data={
                "category": TaxonomyTerm.objects.get(code="befriending"),
                "area": "CV6",
                "who": "People home from hospital",
                "need": "A volunteer to call in during the first weeks",
                "urgency": "soon",
            },
        )
        later = services.forum_add(actor=carol, data={"held_on": datetime.date(2026, 4, 7), "chair": carol})
        community = plans.contribution_add(
            actor=alice,
            person=w.peggy,
            outcome_id=p.outcome.pk,
            data={"kind": "community", "what": "knit with others", "service": d.knit.pk},
        )
        w.forum = SimpleNamespace(forum=made, later=later, hearing=hearing, community=community, plan=p.open)
    return w.forum


def at(name, which=None):
    def build(w):
        f = forum(w)
        return reverse(f"forums:{name}", args=[getattr(f, which).pk] if which else [])

    return build


def on_hearing(name):
    def build(w):
        return reverse(f"forums:{name}", args=[w.peggy.pk, forum(w).hearing.pk])

    return build


def hear(w):
    forum(w)
    return reverse("forums:hear", args=[w.peggy.pk])


def service_pick(w):
    f = forum(w)
    return reverse("plans:contribution_service", args=[w.peggy.pk, f.plan.pk, f.community.pk])


def visits(Visit):
    return [
        Visit("forums", "forums:list", "carol", at("list"), shows="Arrange a forum"),
        Visit("forum-new", "forums:new", "carol", at("new")),
        Visit(
            "forum-new-errors",
            "forums:new",
            "carol",
            at("new"),
            errors=True,
            post=lambda w: {"held_on_0": "31", "held_on_1": "2", "held_on_2": "2026", "chair": ""},
            shows="Choose who chairs the forum",
        ),
        Visit("forum-new-forbidden-403", "forums:new", "alice", at("new"), status=403),
        Visit("forum", "forums:forum", "alice", at("forum", "forum"), shows="Tess Ward"),
        Visit("forum-edit", "forums:edit", "carol", at("edit", "forum"), shows="Tess Ward"),
        Visit(
            "forum-edit-errors",
            "forums:edit",
            "carol",
            at("edit", "forum"),
            errors=True,
            post=lambda w: {"held_on_0": "31", "held_on_1": "2", "held_on_2": "2026", "chair": "", "place": "Room 2"},
            shows="Choose who chairs the forum",
        ),
        Visit("forum-edit-forbidden-403", "forums:edit", "alice", at("edit", "forum"), status=403),
        Visit("forum-member-new", "forums:member_new", "carol", at("member_new", "forum")),
        Visit(
            "forum-member-new-errors",
            "forums:member_new",
            "carol",
            at("member_new", "forum"),
            errors=True,
            post=lambda w: {"name": "", "discipline": "finance"},
            shows="Choose a discipline from the list",
        ),
        Visit("forum-hear", "forums:hear", "alice", hear, shows="Which support plan"),
        Visit(
            "forum-hear-errors",
            "forums:hear",
            "alice",
            hear,
            errors=True,
            post=lambda w: {"forum": str(forum(w).later.pk), "plan": "", "story": ""},
            shows="Choose the support plan you will bring",
        ),
        Visit("forum-hear-forbidden-403", "forums:hear", "bob", hear, status=403),
        Visit("forum-hearing", "forums:hearing", "alice", on_hearing("hearing"), shows="What the budget pays"),
        Visit("forum-decide", "forums:decide", "carol", on_hearing("decide")),
        Visit(
            "forum-decide-errors",
            "forums:decide",
            "carol",
            on_hearing("decide"),
            errors=True,
            post=lambda w: {"version": forum(w).hearing.version, "decision": "changes", "reasons": "Not yet"},
            shows="Say what needs to change in the plan",
        ),
        Visit("forum-decide-forbidden-403", "forums:decide", "alice", on_hearing("decide"), status=403),
        Visit("forum-gap", "forums:gap", "carol", on_hearing("gap")),
        Visit(
            "forum-gap-errors",
            "forums:gap",
            "carol",
            on_hearing("gap"),
            errors=True,
            post=lambda w: {
                "category": "",
                "area": "CV6",
                "who": "Carers",
                "need": "A sitting service",
                "urgency": "x",
            },
            shows="Choose the kind of support that was missing",
        ),
        Visit(
            "plan-contribution-service",
            "plans:contribution_service",
            "alice",
            service_pick,
            query="q=knit",
            shows="Knit and Natter, run by Foleshill Community Centre",
        ),
        Visit(
            "plan-contribution-service-errors",
            "plans:contribution_service",
            "alice",
            service_pick,
            query="q=knit",
            errors=True,
            post=lambda w: {"version": forum(w).community.version, "service": ""},
            shows="Choose a service, or choose to name none",
        ),
    ]


NOT_HTML = {
    "directory:gaps_csv": (
        "Gaps counted by quarter as a CSV file (directory/tests/test_gap_quarters.py reads it back).",
        "text/csv",
        lambda w: reverse("directory:gaps_csv"),
        "quinn",  # gaps are counted for oversight roles and directory editors
    ),
}
