"""Loads the demo organisation from the JSON files in this folder.

organisation.json holds the teams and staff; each people-*.json file holds one team's people with
their networks and strengths; updates.json holds changes made after the first records were written;
assessments.json holds assessments at every stage, and a few more people whose stories they tell;
plans.json holds support plans, with their progress, a family group conference and agreed versions;
safeguarding.json holds safeguarding concerns and enquiries at different stages.
Every record goes through whatsstrong.people.services, so each history entry names a member of staff:
the person's allocated worker, or their team's supervisor when nobody is allocated.
"""

import json
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from whatsstrong.core.models import Role, Team, User
from whatsstrong.people.models import Asset, NetworkMember, Person
from whatsstrong.people.services import asset_save, network_member_save, person_archive, person_create, person_update

from .assessments import add_assessments, add_reviews
from .audits import add_audits
from .directory import add_directory
from .forums import add_forums
from .plans import add_plans
from .risk import add_risk
from .safeguarding import add_safeguarding
from .storyboards import add_storyboards
from .supervision import add_supervision
from .surveys import add_surveys

DEMO_DIR = Path(__file__).resolve().parent / "data"
DATE_FIELDS = {"date_of_birth", "advocate_referred_on"}


def read(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def people_files():
    return sorted(path.name for path in DEMO_DIR.glob("people-*.json"))


def organisation():
    return read("organisation.json")


def is_loaded():
    return Team.objects.filter(name__in=[team["name"] for team in organisation()["teams"]]).exists()


def clashing_usernames():
    """Demo usernames already taken by someone else, which would stop the demo loading."""
    names = [member["username"] for member in organisation()["staff"]]
    return sorted(User.objects.filter(username__in=names).values_list("username", flat=True))


def _person_data(raw, staff):
    """Turn a person's fields from JSON into model values: dates, and usernames into staff."""
    data = {}
    for field, value in raw.items():
        if field in DATE_FIELDS and value:
            value = date.fromisoformat(value)
        elif field == "allocated_worker":
            value = staff[value] if value else None
        data[field] = value
    return data


def _create_staff(org, teams, password):
    # Everyone shares the demo password, so hash it once: Argon2 takes about a third of a second
    # per hash, and twelve of them would make the first `make run` noticeably slower.
    hashing = User()
    hashing.set_password(password)
    staff = {}
    for member in org["staff"]:
        admin = member["role"] == Role.ADMINISTRATOR
        user = User(
            username=member["username"],
            first_name=member["first_name"],
            last_name=member["last_name"],
            role=member["role"],
            team=teams.get(member["team"]),
            job_title=member["job_title"],
            qualified=member["qualified"],
            is_staff=admin,
            is_superuser=admin,
        )
        user.password = hashing.password
        user.full_clean()
        user.save()
        staff[user.username] = user
    return staff


def _create_person(record, team, staff, supervisors):
    record = dict(record)
    ref = record.pop("ref")
    network = record.pop("network")
    assets = record.pop("assets")
    username = record.pop("worker")
    worker = staff[username] if username else None
    actor = worker or supervisors[team.pk]
    person = person_create(actor=actor, data={**_person_data(record, staff), "team": team, "allocated_worker": worker})
    person.full_clean()
    members = {}
    for entry in network:
        member = network_member_save(actor=actor, person=person, data=entry)
        member.full_clean()
        members[member.name] = member
    for entry in assets:
        entry = dict(entry)
        linked = entry.pop("member", None)
        asset = asset_save(
            actor=actor, person=person, data={**entry, "network_member": members[linked] if linked else None}
        )
        asset.full_clean()
    return ref, person


def _on(day):
    """Midday on a demo date, in local time: when a note written that day was saved."""
    return timezone.make_aware(datetime.combine(date.fromisoformat(day), time(12)))


def _add_note(entry, person, staff):
    """A case note and its addenda through the services, then dated to the day they were written, so
    the demo's notes are past the author's correction period as real ones would be."""
    from whatsstrong.conversations.models import Addendum, CaseNote
    from whatsstrong.conversations.services import addendum_add, case_note_add

    data = {field: entry[field] for field in ("kind", "present", "text")}
    note = case_note_add(
        actor=staff[entry["by"]], person=person, data={**data, "happened_on": date.fromisoformat(entry["happened_on"])}
    )
    CaseNote.objects.filter(pk=note.pk).update(created_at=_on(entry["happened_on"]))
    for addition in entry.get("addenda", []):
        addendum = addendum_add(actor=staff[addition["by"]], person=person, note_id=note.pk, text=addition["text"])
        Addendum.objects.filter(pk=addendum.pk).update(added_at=_on(addition["added_on"]))


@transaction.atomic
def load(*, password):
    """Create the whole demo in one transaction, so a failure leaves nothing half-loaded."""
    org = organisation()
    teams = {t["key"]: Team.objects.create(name=t["name"], description=t["description"]) for t in org["teams"]}
    staff = _create_staff(org, teams, password)
    supervisors = {user.team_id: user for user in staff.values() if user.role == Role.SUPERVISOR}

    people = {}
    for name in people_files():
        content = read(name)
        for record in content["people"]:
            ref, person = _create_person(record, teams[content["team"]], staff, supervisors)
            people[ref] = person

    for update in read("updates.json")["updates"]:
        person = Person.objects.get(pk=people[update["person"]].pk)
        person_update(
            actor=staff[update["by"]],
            person_id=person.pk,
            expected_version=person.version,
            data=_person_data(update["data"], staff),
        )

    assessed = read("assessments.json")
    for record in assessed["people"]:
        record = dict(record)
        team = teams[record.pop("team")]
        ref, person = _create_person(record, team, staff, supervisors)
        people[ref] = person

    notes = read("notes.json")
    for entry in notes["notes"]:
        _add_note(entry, people[entry["person"]], staff)
    for entry in notes["archived"]:
        person_archive(actor=staff[entry["by"]], person_id=people[entry["person"]].pk, reason=entry["reason"])

    assessment_counts = add_assessments(assessed["assessments"], people, staff)
    assessment_counts |= add_reviews(assessed, people, staff)
    plan_counts = add_plans(read("plans.json"), people, staff)
    plan_counts |= add_safeguarding(read("safeguarding.json"), people, staff)
    # The community directory, and people pointed to it (data/directory.json).
    assessment_counts |= add_directory(people, staff)
    # Positive risk assessments and the risk enablement panel (data/risk.json).
    assessment_counts |= add_risk(read("risk.json"), people, staff, teams)
    # Outcomes forums hearing people, the gaps they raised, and a plan naming a directory service.
    assessment_counts |= add_forums(read("forums.json"), people, staff)
    # A quarter of audits across both teams, one moderated and one answered (data/audits.json).
    assessment_counts |= add_audits(read("audits.json"), people, staff, teams)
    # Experience surveys: invitations and a year of answers (data/surveys.json).
    assessment_counts |= add_surveys(people, staff, teams)
    # Storyboards in the evidence bank, one waiting for review and one sent back (data/storyboards.json).
    assessment_counts |= add_storyboards(read("storyboards.json"), staff)
    # Six months of one-to-one supervision for every practitioner (data/supervision.json).
    assessment_counts |= add_supervision(read("supervision.json"), people, staff)

    return {
        "teams": len(teams),
        "staff": len(staff),
        "people": len(people),
        "case notes": len(notes["notes"]),
        "archived": len(notes["archived"]),
        "network members": NetworkMember.objects.filter(person__team__in=teams.values()).count(),
        "strengths": Asset.objects.filter(person__team__in=teams.values()).count(),
        "later changes": len(read("updates.json")["updates"]),
        **assessment_counts,
        **plan_counts,
    }
