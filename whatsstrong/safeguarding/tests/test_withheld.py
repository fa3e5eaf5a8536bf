"""The alleged source of harm never appears in anything made for the person: the copy of their plan
(page and PDF) and of their assessment ask core/withheld.py, where safeguarding registers its names."""

import pytest
from django.urls import reverse

from whatsstrong.core import withheld


def test_the_registry_gives_the_sources_named_for_this_person_only(staff, peggy, worked, make_person):
    from whatsstrong.safeguarding import services

    enquiry = worked[0]
    services.source_add(
        actor=staff["alice"],
        person=peggy,
        enquiry_id=enquiry.pk,
        data={"kind": "service_provider", "name": "Carewell Ltd"},
    )
    assert withheld.names_for(peggy) == ["Carewell Ltd", "Dean Okafor"]
    assert withheld.names_for(make_person(given_name="Ann", family_name="Other")) == []


def test_the_plan_copy_leaves_out_the_nephew(client_for, staff, peggy, worked, nephew):
    from whatsstrong.plans import services

    alice = staff["alice"]
    plan = services.plan_start(actor=alice, person=peggy)
    outcome = services.outcome_add(
        actor=alice,
        person=peggy,
        plan_id=plan.pk,
        data={"text": "Walk to church with Dean on Sundays", "wellbeing": ["e"]},
    )
    services.contribution_add(
        actor=alice,
        person=peggy,
        outcome_id=outcome.pk,
        data={"kind": "network", "network_member": nephew.pk, "what": "drive me to the bank"},
    )
    html = client_for("alice").get(reverse("plans:copy", args=[peggy.pk, plan.pk])).content.decode()
    assert "Walk to church with someone on Sundays" in html
    assert "Dean" not in html and "drive me to the bank" not in html


@pytest.fixture
def assessment(staff, peggy):
    from whatsstrong.assessments import services

    return services.assessment_start(actor=staff["alice"], person=peggy, kind="strengths_and_wellbeing")


def test_the_assessment_copy_leaves_out_the_nephew(client_for, staff, peggy, worked, assessment):
    import datetime

    from whatsstrong.assessments import services

    services.conversation_add(
        actor=staff["alice"],
        person=peggy,
        assessment_id=assessment.pk,
        data={
            "happened_on": datetime.date.today(),
            "place": "At home",
            "present": "Peggy, Dean Okafor",
            "text": "Dean Okafor came in during the visit.",
        },
    )
    html = client_for("alice").get(reverse("assessments:copy", args=[peggy.pk, assessment.pk])).content.decode()
    assert "Dean" not in html
    assert "Someone came in during the visit." in html and "Peggy, someone" in html
