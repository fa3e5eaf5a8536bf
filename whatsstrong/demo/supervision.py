"""The demo council's supervision (data/supervision.json), written through the supervision services
as the people named would: each practitioner's team manager records a session about every four
weeks over six months (days before today, so the demo reads the same whenever it is loaded), with a
wellbeing check, learning, one case discussion about someone on their caseload in a reflective model
and an action about that person; older actions are marked done, so the next session shows them
done. Nadia's discussion of Lorna's move from her care home to her daughter's is in SHARED.
One practitioner's last two sessions are left out, so the team view shows someone overdue. Riverside's
practitioners also meet as a peer group with an agreement and four sessions (`add_peer_group`)."""

from datetime import timedelta

from django.utils import timezone

from whatsstrong.core.models import Role
from whatsstrong.people.models import Person
from whatsstrong.supervision import services
from whatsstrong.supervision.models import CaseDiscussion, SelfReflection, SupervisionAction, SupervisionSession


def add_supervision(data, people, staff):
    today = timezone.localdate()
    practitioners = sorted((u for u in staff.values() if u.role == Role.PRACTITIONER), key=lambda u: u.username)
    supervisors = {u.team_id: u for u in staff.values() if u.role == Role.SUPERVISOR}
    for entry in data["frequency"]:
        member = staff[entry["supervisee"]]
        services.set_frequency(actor=supervisors[member.team_id], supervisee=member, every_weeks=entry["every_weeks"])
    special = {(d["supervisee"], d["days_before"]): d for d in data["discussions"]}
    models = data["other_models"]
    turn = 0
    for member in practitioners:
        supervisor = supervisors[member.team_id]
        caseload = list(Person.objects.filter(allocated_worker=member).order_by("pk")[:6])
        skipped = set(data["skip"].get(member.username, []))
        for days in data["sessions_before"]:
            if days in skipped:
                continue
            held_on = today - timedelta(days=days)
            session = services.session_add(
                actor=supervisor,
                supervisee=member,
                data={
                    "held_on": held_on,
                    "agenda": data["agendas"][turn % len(data["agendas"])],
                    "wellbeing": data["wellbeing"][turn % len(data["wellbeing"])],
                    "learning": data["learning"][turn % len(data["learning"])],
                },
            )
            story = special.get((member.username, days))
            if story:
                person, model, reflections = people[story["person"]], story["model"], story["reflections"]
                actions = story["actions"]
            elif caseload:
                person = caseload[turn % len(caseload)]
                model = models[turn % len(models)]
                reflections = data["model_reflections"][model]
                what = data["general_actions"][turn % len(data["general_actions"])]
                actions = [{"what": f"{what} ({person.known_as})", "due_in_days": 21, "done": days > 20}]
            else:
                person = None
            if person is not None:
                made = services.discussion_add(actor=supervisor, session_id=session.pk, person=person.pk, model=model)
                services.discussion_write(
                    actor=supervisor, discussion_id=made.pk, expected_version=made.version, reflections=reflections
                )
                for a in actions:
                    action = services.action_add(
                        actor=supervisor,
                        session_id=session.pk,
                        data={
                            "what": a["what"],
                            "person": person.pk,
                            "due_on": held_on + timedelta(days=a["due_in_days"]),
                        },
                    )
                    if a["done"]:
                        services.action_done(actor=member, action_id=action.pk)
            turn += 1
    counts = add_peer_group(data, people, staff)
    return counts | {
        "supervision sessions": SupervisionSession.objects.count(),
        "case discussions in supervision": CaseDiscussion.objects.count(),
        "supervision actions": SupervisionAction.objects.count(),
        "self-reflections": SelfReflection.objects.count(),
    }


def add_peer_group(data, people, staff):
    """A peer group with its agreement and four sessions, each noted in a model; one in SHARED about
    Lorna's move to her daughter's, with actions on her record and the summary shared with Ruth."""
    from whatsstrong.supervision.models import PeerGroup, PeerGroupSession

    today = timezone.localdate()
    entry = data["peer_group"]
    agreement = dict(entry["agreement"])
    agreement["agreed_on"] = today - timedelta(days=agreement.pop("agreed_days_before"))
    group = services.group_add(
        actor=staff[entry["supervisor"]],
        data={"name": entry["name"], **agreement},
        member_ids=[staff[m].pk for m in entry["members"]],
    )
    for s in entry["sessions"]:
        held_on = today - timedelta(days=s["days_before"])
        made = services.group_session_add(
            actor=staff[s["facilitator"]],
            group_id=group.pk,
            data={
                "held_on": held_on,
                "facilitator": staff[s["facilitator"]].pk,
                "note_taker": staff[s["note_taker"]].pk,
                "presenter": staff[s["presenter"]].pk,
                "person": people[s["person"]].pk if "person" in s else None,
                "model": s["model"],
                "next_on": held_on + timedelta(weeks=6),
            },
        )
        services.group_notes(
            actor=staff[s["note_taker"]],
            group_session_id=made.pk,
            expected_version=made.version,
            data={"reflections": s["reflections"], "decisions": s["decisions"], "summary": s["summary"]},
        )
        services.group_summary_share(actor=staff[s["facilitator"]], group_session_id=made.pk)
        for a in s.get("actions", []):
            action = services.group_action_add(
                actor=staff[s["note_taker"]],
                group_session_id=made.pk,
                data={"what": a["what"], "person": people[s["person"]].pk, "owner": staff[a["owner"]].pk},
            )
            if a["done"]:
                services.action_done(actor=staff[a["owner"]], action_id=action.pk)
    return {"peer groups": PeerGroup.objects.count(), "peer group sessions": PeerGroupSession.objects.count()}
