"""Crafted records for the audit tests, set up through the services: one written in a deficit
shape, one strengths-based, each with a signed-off assessment."""

import datetime
from types import SimpleNamespace

import pytest

TODAY = datetime.date.today()

DEFICIT_TEXT = (
    "Service user refuses support and is non-compliant with her POC. She struggles with ADLs and "
    "presents as challenging. Wandering at night. Needs feeding. Manipulative with staff."
)
STRENGTHS_TEXT = (
    'Peggy told me "I have kept that garden going for forty years and I am not stopping now". She walks to '
    'the shop most mornings. "My daughter Jo comes every Sunday and we dig the beds together." She sings '
    'with the Thursday choir at St Mary\'s and said "that choir is my second family". We talked about '
    'what a good week looks like for her: "out in the garden by ten, choir on Thursday, Jo on Sunday".'
)


def signed_off_assessment(staff, person, text, *, areas=(), strengths=(), self_authorise=False):
    """A strengths and wellbeing assessment of the person's, written by Alice and signed off by Carol."""
    from whatsstrong.assessments import services

    alice, carol = staff["alice"], staff["carol"]
    a = services.assessment_start(actor=alice, person=person, kind="strengths_and_wellbeing")
    services.conversation_add(actor=alice, person=person, assessment_id=a.pk, data={"happened_on": TODAY, "text": text})
    for code, said in areas:
        services.wellbeing_save(
            actor=alice,
            person=person,
            assessment_id=a.pk,
            code=code,
            data={"said": said, "working": "", "matters": ""},
            expected_version=None,
        )
    if strengths:
        services.strengths_link(actor=alice, person=person, assessment_id=a.pk, asset_ids=[], new=list(strengths))
    a.refresh_from_db()
    services.assessment_write(
        actor=alice, person=person, assessment_id=a.pk, expected_version=a.version, data={"analysis": text}
    )
    services.assessment_submit(actor=alice, person=person, assessment_id=a.pk)
    if not self_authorise:  # a qualified author's own sign-off is the submit itself
        services.assessment_authorise(actor=carol, person=person, assessment_id=a.pk)
    a.refresh_from_db()
    return a


def outcomes(staff, person, texts):
    from whatsstrong.plans import services

    plan = services.plan_start(actor=staff["alice"], person=person)
    for text in texts:
        services.outcome_add(
            actor=staff["alice"], person=person, plan_id=plan.pk, data={"text": text, "wellbeing": ["b"]}
        )
    return plan


@pytest.fixture
def deficit(staff, make_person):
    """Rose: a record written in a deficit shape, no strengths or network, outcomes about her, review overdue."""
    from whatsstrong.people.models import Person

    rose = make_person(given_name="Rose", family_name="Barker", preferred_name="")
    a = signed_off_assessment(staff, rose, DEFICIT_TEXT, areas=[("a", "Struggles with personal care.")])
    outcomes(staff, rose, ["Service user to attend day centre.", "Reduce risk of falls."])
    # The review fell due long ago: set on the record as a council's migrated data would have it.
    Person.objects.filter(pk=rose.pk).update(review_due_on=TODAY - datetime.timedelta(days=200))
    rose.refresh_from_db()
    return SimpleNamespace(person=rose, assessment=a)


@pytest.fixture
def strong(staff, peggy):
    """Peggy: her words, strengths at three levels, her network, most wellbeing areas, her outcomes,
    and a review signed off today."""
    from whatsstrong.assessments import services
    from whatsstrong.people.services import network_member_save

    for name, relationship in (("Jo Okafor", "daughter"), ("Stan Hughes", "neighbour")):
        network_member_save(
            actor=staff["alice"], person=peggy, data={"name": name, "relationship": relationship, "kind": "family"}
        )
    areas = [(code, f'"I am doing fine with this one," Peggy said about area {code}.') for code in "abcdefg"]
    a = signed_off_assessment(
        staff,
        peggy,
        STRENGTHS_TEXT,
        areas=areas,
        strengths=[
            ("own", "Keeps a vegetable garden"),
            ("network", "Jo digs the beds with her on Sundays"),
            ("community", "Sings with the Thursday choir"),
        ],
    )
    outcomes(staff, peggy, ["I want to get back to my garden by spring.", "To keep singing with my choir."])
    review = services.assessment_start(actor=staff["alice"], person=peggy, kind="review")
    services.conversation_add(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        data={"happened_on": TODAY, "text": '"Things are going well," Peggy said.'},
    )
    review.refresh_from_db()
    services.assessment_write(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        expected_version=review.version,
        data={"analysis": "The plan is working; carry on."},
    )
    review.refresh_from_db()
    services.review_result_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=review.pk,
        result="carry_on",
        next_review_on=TODAY + datetime.timedelta(days=365),
        expected_version=review.version,
    )
    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=review.pk)
    services.assessment_authorise(actor=staff["carol"], person=peggy, assessment_id=review.pk)
    peggy.refresh_from_db()
    return SimpleNamespace(person=peggy, assessment=a, review=review)


@pytest.fixture
def shared_audit(staff, strong):
    """Carol's record audit of Peggy's assessment, every standard rated, shared with Alice."""
    from whatsstrong.audits import queries, services

    audit = services.audit_start(
        actor=staff["carol"], kind="record", person=strong.person, assessment=strong.assessment
    )
    ratings = {s.code: ("good", f"Seen in the record for {s.name}.") for s in queries.standards()}
    ratings["persons-voice"] = ("strong", "Her words throughout.")
    return services.audit_save(
        actor=staff["carol"],
        audit_id=audit.pk,
        expected_version=audit.version,
        ratings=ratings,
        strengths="Peggy's garden and choir are at the centre of the plan.",
        learning="Say more about how risks on the allotment were weighed with her.",
        share=True,
    )
