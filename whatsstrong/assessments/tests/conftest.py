import datetime

import pytest


@pytest.fixture
def talk():
    """The facts of a conversation, as a service takes them."""

    def make(**more):
        return {
            "happened_on": datetime.date.today() - datetime.timedelta(days=1),
            "place": "At home",
            "present": "Peggy, her daughter Joy",
            "communication": "Spoke for herself",
            "advocate": False,
            "advocate_name": "",
            "interpreter": False,
            "interpreter_language": "",
            "text": 'Peggy said "the garden keeps me going" and showed me her seedlings.',
            **more,
        }

    return make


@pytest.fixture
def started(staff, peggy):
    """Alice's strengths and wellbeing assessment of Peggy, just started."""
    from whatsstrong.assessments.services import assessment_start

    return assessment_start(actor=staff["alice"], person=peggy, kind="strengths_and_wellbeing")


@pytest.fixture
def ready(staff, peggy, started, talk):
    """Alice's assessment of Peggy with a conversation and an analysis: ready to send."""
    from whatsstrong.assessments import services

    services.conversation_add(actor=staff["alice"], person=peggy, assessment_id=started.pk, data=talk())
    started.refresh_from_db()
    services.assessment_write(
        actor=staff["alice"],
        person=peggy,
        assessment_id=started.pk,
        expected_version=started.version,
        data={"analysis": "Peggy draws on her garden and her daughter."},
    )
    started.refresh_from_db()
    return started
