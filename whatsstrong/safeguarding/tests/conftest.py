import datetime

import pytest

DAY = datetime.timedelta(days=1)


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture
def nephew(staff, peggy):
    """Peggy's nephew Dean, in her network: later named as the alleged source of harm."""
    from whatsstrong.people.services import network_member_save

    return network_member_save(
        actor=staff["alice"],
        person=peggy,
        data={"name": "Dean Okafor", "relationship": "nephew", "kind": "family"},
    )


@pytest.fixture
def concern(staff, peggy, today):
    """Alice raises a concern about Peggy's money."""
    from whatsstrong.safeguarding.services import concern_raise

    return concern_raise(
        actor=staff["alice"],
        person=peggy,
        data={
            "raised_by": "Mrs Hale, her neighbour",
            "raised_on": today - 10 * DAY,
            "what_happened": "Her pension goes from her account on the day it arrives.",
            "happened_on": None,
            "immediate_safety": "She has food in and her bank card is with her.",
        },
    )


@pytest.fixture
def enquiry(staff, peggy, concern, today):
    """Carol decides a section 42 enquiry is needed; it starts that day."""
    from whatsstrong.safeguarding.services import concern_decide

    decided = concern_decide(
        actor=staff["carol"],
        person=peggy,
        concern_id=concern.pk,
        expected_version=concern.version,
        data={
            "decision": "s42",
            "decision_reasons": "She has care needs and cannot stop it.",
            "decided_on": today - 9 * DAY,
        },
    )
    return decided.enquiry


@pytest.fixture
def worked(staff, peggy, enquiry, nephew):
    """The enquiry with Peggy's say, two outcomes in her words, the types of harm and her nephew named."""
    from whatsstrong.safeguarding import services

    alice = staff["alice"]
    services.enquiry_save(
        actor=alice,
        person=peggy,
        enquiry_id=enquiry.pk,
        expected_version=enquiry.version,
        abuse_types=["financial", "psychological"],
        data={"asked": "expressed", "capacity": "had", "location": "own_home", "actions": "Bank told; new card."},
    )
    first = services.outcome_add(
        actor=alice, person=peggy, enquiry_id=enquiry.pk, text="“I want to stay in my own home.”"
    )
    second = services.outcome_add(actor=alice, person=peggy, enquiry_id=enquiry.pk, text="“Keep my money safe.”")
    services.source_add(
        actor=alice, person=peggy, enquiry_id=enquiry.pk, data={"kind": "known", "network_member": nephew.pk}
    )
    enquiry.refresh_from_db()
    return enquiry, first, second
