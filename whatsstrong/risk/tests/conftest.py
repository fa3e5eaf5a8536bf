import datetime

import pytest

TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=90)


def a_risk(**more):
    return {
        "what": "A fall on the stairs at her son's house",
        "for_whom": "them",
        "likelihood_theirs": 1,
        "likelihood_ours": 2,
        "severity_theirs": 2,
        "severity_ours": 2,
        "managed_by": "A stair rail, and a pendant alarm",
        **more,
    }


BEST_INTERESTS = {
    "capacity": "lacks",
    "capacity_finding": "Assessed on two visits; she could not weigh up the help she would need at night.",
    "consulted": "Her son Femi, her daughter Grace, the care home's manager",
    "past_wishes": "She always said she would end her days with family.",
    "present_wishes": "“Take me home to Femi's.”",
    "feelings_beliefs_values": "Family comes first; her church is near Femi's house.",
    "best_interests": "A trial move to Femi's, with help at night, is in her best interests.",
}


@pytest.fixture
def assessment(staff, peggy):
    """Alice's positive risk assessment for Peggy, being written, with one risk."""
    from whatsstrong.risk import services

    made = services.assessment_start(
        actor=staff["alice"],
        person=peggy,
        data={
            "decision": "Moving from the care home to live with her son",
            "their_view": "“I want to be with my family.”",
            "benefits_to_them": "Family life, her own church, her grandchildren",
            "keeping_benefits": "Help at night for the first month; a review after four weeks",
        },
    )
    services.risk_add(actor=staff["alice"], person=peggy, assessment_id=made.pk, data=a_risk())
    made.refresh_from_db()
    return made


@pytest.fixture
def referral(staff, peggy, assessment):
    from whatsstrong.risk import services

    return services.referral_add(
        actor=staff["alice"],
        person=peggy,
        data={
            "situation": "Peggy wants to leave the care home to live with her son.",
            "tried": "Day visits to her son's house.",
            "their_view": "“I am ready.”",
            "question": "Is a trial move with help at night a fair way to try it?",
            "assessment": assessment.pk,
        },
    )


@pytest.fixture
def panel(staff):
    from whatsstrong.risk import services

    return services.panel_add(actor=staff["quinn"], data={"meets_on": TODAY, "place": "Room 4", "chair": "Quinn"})


@pytest.fixture
def heard(staff, peggy, referral, panel):
    """The referral on today's panel, with its advice recorded."""
    from whatsstrong.risk import services

    services.referral_schedule(
        actor=staff["quinn"], person=peggy, referral_id=referral.pk, panel_id=panel.pk, expected_version=1
    )
    return services.panel_record(
        actor=staff["quinn"],
        person=peggy,
        referral_id=referral.pk,
        data={"discussion": "Night-time help.", "advice": "Try it for a month.", "recommendations": ""},
        expected_version=2,
    )
