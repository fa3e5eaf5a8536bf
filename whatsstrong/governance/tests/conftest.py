"""A crafted council for the retention schedule: archived records with a last contact long ago and
recently, one with a safeguarding enquiry (the longer rule), one on legal hold."""

import datetime

import pytest

TODAY = datetime.date(2026, 12, 1)
LONG_AGO = datetime.date(2017, 6, 1)  # more than 8 years before TODAY, less than 15
RECENT = datetime.date(2024, 3, 1)


def archive(staff, person, reason="Moved to another council"):
    from whatsstrong.people.services import person_archive

    return person_archive(actor=staff["carol"], person_id=person.pk, reason=reason)


def note(staff, person, day, text="We talked about the garden and her choir."):
    from whatsstrong.conversations.services import case_note_add

    return case_note_add(actor=staff["alice"], person=person, data={"happened_on": day, "text": text})


@pytest.fixture
def old_record(staff, make_person):
    """Archived, last seen in 2017: due under the 8-year rule, with network, strengths, a note and a draft."""
    from whatsstrong.core.models import Draft
    from whatsstrong.people.services import asset_save, network_member_save

    person = make_person(given_name="Edith", family_name="Marsh", preferred_name="Edie", nhs_number="9434765919")
    member = network_member_save(
        actor=staff["alice"], person=person, data={"name": "Ruth Marsh", "relationship": "daughter", "kind": "family"}
    )
    asset_save(actor=staff["alice"], person=person, data={"level": "own", "description": "Knits for the church fair"})
    note(staff, person, LONG_AGO, "Edie and Ruth Marsh talked about knitting.")
    Draft.objects.create(user=staff["alice"], key=f"person:{person.pk}:note:new", data={"text": "Edie said"})
    archive(staff, person)
    person.refresh_from_db()
    person.member = member
    return person


@pytest.fixture
def recent_record(staff, make_person):
    """Archived, last seen in 2024: not due until 2032."""
    person = make_person(given_name="Frank", family_name="Hill", preferred_name="")
    note(staff, person, RECENT)
    archive(staff, person)
    return person


@pytest.fixture
def enquiry_record(staff, make_person):
    """Archived, last seen in 2017, with a safeguarding enquiry: kept 15 years, until 2032."""
    from whatsstrong.safeguarding.services import concern_decide, concern_raise

    person = make_person(given_name="Grace", family_name="Wood", preferred_name="")
    concern = concern_raise(
        actor=staff["alice"],
        person=person,
        data={
            "raised_by": "A neighbour",
            "raised_on": LONG_AGO,
            "what_happened": "Money went missing.",
            "happened_on": None,
            "immediate_safety": "Safe at home.",
        },
    )
    concern_decide(
        actor=staff["carol"],
        person=person,
        concern_id=concern.pk,
        expected_version=concern.version,
        data={"decision": "s42", "decision_reasons": "Care needs and cannot stop it.", "decided_on": LONG_AGO},
    )
    archive(staff, person)
    return person


@pytest.fixture
def held_record(staff, make_person):
    """Archived, last seen in 2017 (due), but on legal hold."""
    from whatsstrong.governance.services import hold_set

    person = make_person(given_name="Harold", family_name="Ng", preferred_name="")
    note(staff, person, LONG_AGO)
    archive(staff, person)
    person.hold = hold_set(actor=staff["quinn"], person=person, reason="A claim against the council is open.")
    return person
