"""The supervision pages for tests/test_every_page_html.py: each page as it opens, and every form after
a bad submission. Made on first use, through the services: Carol supervises Alice, a session on
2 March 2026 discussing Peggy in SHARED, an action about Peggy, and Alice's self-reflection; a peer
group whose agreement was changed once, and a session of it with an action for Alice."""

import datetime
from types import SimpleNamespace

from django.urls import reverse


def made(w):
    if not hasattr(w, "supervision"):
        from whatsstrong.supervision import rules, services
        from whatsstrong.supervision.models import QUESTIONS

        carol, alice = w.staff["carol"], w.staff["alice"]
        session = services.session_add(
            actor=carol,
            supervisee=alice,
            data={"held_on": datetime.date(2026, 3, 2), "agenda": "Peggy's move home", "wellbeing": "Tired"},
        )
        discussion = services.discussion_add(actor=carol, session_id=session.pk, person=w.peggy.pk, model="shared")
        action = services.action_add(
            actor=carol, session_id=session.pk, data={"what": "Call Peggy's son", "person": w.peggy.pk}
        )
        reflection = services.self_reflection_add(
            actor=alice, person=w.peggy, answers=dict.fromkeys(rules.question_codes(QUESTIONS), "yes")
        )
        group = services.group_add(
            actor=carol,
            data={"name": "North peers", "frequency": "Every six weeks", "duration": "90 minutes"},
            member_ids=[alice.pk, carol.pk],
        )
        group_session = services.group_session_add(
            actor=alice,
            group_id=group.pk,
            data={
                "held_on": datetime.date(2026, 3, 9),
                "facilitator": carol.pk,
                "note_taker": alice.pk,
                "presenter": alice.pk,
                "person": w.peggy.pk,
                "model": "shared",
            },
        )
        services.group_action_add(
            actor=alice, group_session_id=group_session.pk, data={"what": "Read the guidance", "owner": alice.pk}
        )
        services.group_update(
            actor=carol,
            group_id=group.pk,
            expected_version=group.version,
            data={"name": "North peers", "frequency": "Every four weeks", "duration": "90 minutes"},
            member_ids=[alice.pk, carol.pk],
        )
        w.supervision = SimpleNamespace(
            session=session,
            discussion=discussion,
            action=action,
            reflection=reflection,
            group=group,
            group_session=group_session,
        )
    return w.supervision


def staff_page(name):
    def build(w):
        made(w)
        return reverse(f"supervision:{name}", args=[w.staff["alice"].pk])

    return build


def session_page(name):
    def build(w):
        return reverse(f"supervision:{name}", args=[made(w).session.pk])

    return build


def discussion(w):
    m = made(w)
    return reverse("supervision:discussion", args=[m.session.pk, m.discussion.pk])


def person_discussion(w):
    return reverse("supervision:person_discussion", args=[w.peggy.pk, made(w).discussion.pk])


def reflect(w):
    made(w)
    return reverse("supervision:reflect", args=[w.peggy.pk])


def reflection(w):
    return reverse("supervision:reflection", args=[w.peggy.pk, made(w).reflection.pk])


def index(w):
    made(w)
    return reverse("supervision:index")


def group_page(name, *, session=False):
    def build(w):
        m = made(w)
        return reverse(f"supervision:{name}", args=[m.group.pk] + ([m.group_session.pk] if session else []))

    return build


def groups(name):
    def build(w):
        made(w)
        return reverse(f"supervision:{name}")

    return build


def visits(Visit):
    return [
        Visit("supervision-groups", "supervision:groups", "alice", groups("groups"), shows="North peers"),
        Visit("supervision-group-new", "supervision:group_new", "carol", groups("group_new")),
        Visit(
            "supervision-group-new-errors",
            "supervision:group_new",
            "carol",
            groups("group_new"),
            errors=True,
            post=lambda w: {"name": "", "members": [str(w.staff["alice"].pk)], "frequency": "", "duration": ""},
            shows="Choose at least two members",
        ),
        Visit("supervision-group", "supervision:group", "alice", group_page("group"), shows="Every four weeks"),
        Visit(
            "supervision-group-history",
            "supervision:group_history",
            "quinn",
            group_page("group_history"),
            shows="Every six weeks",
        ),
        Visit(
            "supervision-group-edit",
            "supervision:group_edit",
            "alice",
            group_page("group_edit"),
            shows="Change the agreement of North peers",
        ),
        Visit(
            "supervision-group-edit-errors",
            "supervision:group_edit",
            "alice",
            group_page("group_edit"),
            errors=True,
            post=lambda w: {
                "name": "North peers",
                "members": [str(w.staff["alice"].pk)],
                "frequency": "Monthly, kept as typed",
                "duration": "",
                "version": "1",
            },
            shows="Monthly, kept as typed",
        ),
        Visit(
            "supervision-group-session-new", "supervision:group_session_new", "alice", group_page("group_session_new")
        ),
        Visit(
            "supervision-group-session-new-errors",
            "supervision:group_session_new",
            "alice",
            group_page("group_session_new"),
            errors=True,
            post=lambda w: {"held_on_0": "", "held_on_1": "", "held_on_2": "", "model": "shared"},
            shows="Choose the facilitator",
        ),
        Visit(
            "supervision-group-session",
            "supervision:group_session",
            "alice",
            group_page("group_session", session=True),
            shows="Summary for the supervisor",
        ),
        Visit(
            "supervision-group-session-mark-done",
            "supervision:group_session",
            "alice",
            group_page("group_session", session=True),
            shows="Mark done<span",
        ),
        Visit(
            "supervision-group-session-errors",
            "supervision:group_session",
            "alice",
            group_page("group_session", session=True),
            errors=True,
            post=lambda w: {"version": "1"},
            shows="Write something for at least one step of the model",
        ),
        Visit(
            "supervision-group-action-new",
            "supervision:group_action_new",
            "alice",
            group_page("group_action_new", session=True),
        ),
        Visit(
            "supervision-group-action-new-errors",
            "supervision:group_action_new",
            "alice",
            group_page("group_action_new", session=True),
            errors=True,
            post=lambda w: {"what": "", "owner": ""},
            shows="Enter what was agreed",
        ),
        Visit("supervision", "supervision:index", "carol", index, shows="Who is due or overdue"),
        Visit("supervision-practitioner", "supervision:index", "alice", index, shows="Prepare your next supervision"),
        Visit("supervision-supervisee", "supervision:supervisee", "carol", staff_page("supervisee"), shows="Sessions"),
        Visit("supervision-frequency", "supervision:frequency", "carol", staff_page("frequency")),
        Visit(
            "supervision-frequency-errors",
            "supervision:frequency",
            "carol",
            staff_page("frequency"),
            errors=True,
            post=lambda w: {"every_weeks": "0"},
            shows="Enter a number of weeks from 1 to 26",
        ),
        Visit("supervision-session-new", "supervision:session_new", "carol", staff_page("session_new")),
        Visit(
            "supervision-session-new-errors",
            "supervision:session_new",
            "carol",
            staff_page("session_new"),
            errors=True,
            post=lambda w: {"held_on_0": "", "held_on_1": "", "held_on_2": "", "agenda": ""},
            shows="Enter what the supervisee wants from this session",
        ),
        Visit("supervision-session", "supervision:session", "alice", session_page("session"), shows="Tired"),
        Visit("supervision-session-edit", "supervision:session_edit", "alice", session_page("session_edit")),
        Visit(
            "supervision-session-edit-errors",
            "supervision:session_edit",
            "alice",
            session_page("session_edit"),
            errors=True,
            post=lambda w: {"held_on_0": "2", "held_on_1": "13", "held_on_2": "2026", "agenda": "x", "version": "1"},
            shows="must be a real date",
        ),
        Visit("supervision-discussion-new", "supervision:discussion_new", "carol", session_page("discussion_new")),
        Visit(
            "supervision-discussion-new-errors",
            "supervision:discussion_new",
            "carol",
            session_page("discussion_new"),
            errors=True,
            post=lambda w: {"person": "", "model": ""},
            shows="Choose a reflective model",
        ),
        Visit("supervision-discussion", "supervision:discussion", "carol", discussion, shows="Peggy"),
        Visit(
            "supervision-discussion-errors",
            "supervision:discussion",
            "carol",
            discussion,
            errors=True,
            post=lambda w: {"version": "1"},
            shows="Write something for at least one step of the model",
        ),
        Visit("supervision-action-new", "supervision:action_new", "carol", session_page("action_new")),
        Visit(
            "supervision-action-new-errors",
            "supervision:action_new",
            "carol",
            session_page("action_new"),
            errors=True,
            post=lambda w: {"what": "", "owner": ""},
            shows="Enter what was agreed",
        ),
        Visit(
            "supervision-person-discussion",
            "supervision:person_discussion",
            "quinn",
            person_discussion,
            shows="Discussed in supervision",
        ),
        Visit("supervision-reflect", "supervision:reflect", "alice", reflect),
        Visit(
            "supervision-reflect-errors",
            "supervision:reflect",
            "alice",
            reflect,
            errors=True,
            post=lambda w: {"q_jargon": "yes"},
            shows="Answer each question",
        ),
        Visit("supervision-reflection", "supervision:reflection", "alice", reflection, shows="How I wrote it down"),
    ]


def excluded():
    return {
        "supervision:action_done": (
            "POST only: marks an action done and redirects back to the person's record (checked).",
            lambda w: reverse("supervision:action_done", args=[made(w).action.pk]),
        ),
        "supervision:group_share": (
            "POST only: the facilitator shares the summary and goes back to the session (checked).",
            lambda w: reverse("supervision:group_share", args=[made(w).group.pk, made(w).group_session.pk]),
        ),
    }
