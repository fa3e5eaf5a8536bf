"""Writing assessments through the services: what they keep, what they refuse, and the trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from whatsstrong.assessments import services
from whatsstrong.assessments.models import Assessment, AssessmentStrength, Conversation, SectionText, SignOff
from whatsstrong.core.drafts import get_draft, save_draft
from whatsstrong.core.records import EditConflict
from whatsstrong.people.models import Asset
from whatsstrong.people.services import asset_save

pytestmark = pytest.mark.django_db


def test_starting_an_assessment_keeps_the_author_and_the_team_at_the_time(staff, peggy, started):
    assert started.author == staff["alice"]
    assert started.team_id == peggy.team_id
    assert started.status == Assessment.Status.DRAFT
    assert started.history.first().history_user == staff["alice"]


def test_a_kind_that_does_not_exist_is_refused(staff, peggy):
    with pytest.raises(ValidationError):
        services.assessment_start(actor=staff["alice"], person=peggy, kind="nonsense")


@pytest.mark.parametrize("outsider", ["bob", "quinn", "dina", "sam"])
def test_people_outside_the_team_cannot_start_one(staff, peggy, outsider):
    with pytest.raises(PermissionDenied):
        services.assessment_start(actor=staff[outsider], person=peggy, kind="contact")
    assert not Assessment.objects.exists()


def test_a_conversation_is_recorded_with_its_facts(staff, peggy, started, talk):
    c = services.conversation_add(
        actor=staff["alice"],
        person=peggy,
        assessment_id=started.pk,
        data=talk(interpreter=True, interpreter_language="Yoruba", advocate_name="kept only with yes"),
    )
    c.refresh_from_db()
    assert (c.place, c.interpreter, c.interpreter_language, c.advocate_name) == ("At home", True, "Yoruba", "")
    assert c.author == staff["alice"] and c.person == peggy


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"happened_on": datetime.date.today() + datetime.timedelta(days=1)}, "happened_on"),
        ({"text": ""}, "text"),
        ({"text": "  \n "}, "text"),
        ({"advocate": True, "advocate_name": ""}, "advocate_name"),
        ({"interpreter": True, "interpreter_language": " "}, "interpreter_language"),
    ],
)
def test_a_conversation_in_the_future_or_with_nothing_in_it_is_refused(staff, peggy, started, talk, bad, field):
    with pytest.raises(ValidationError) as refused:
        services.conversation_add(actor=staff["alice"], person=peggy, assessment_id=started.pk, data=talk(**bad))
    assert field in refused.value.message_dict
    assert not Conversation.objects.exists()


def test_changing_a_conversation_checks_the_version_and_the_rules(staff, peggy, started, talk):
    alice = staff["alice"]
    c = services.conversation_add(actor=alice, person=peggy, assessment_id=started.pk, data=talk())
    services.conversation_change(
        actor=staff["carol"],
        person=peggy,
        assessment_id=started.pk,
        conversation_id=c.pk,
        expected_version=1,
        data={"place": "At the allotment"},
    )
    with pytest.raises(EditConflict):
        services.conversation_change(
            actor=alice,
            person=peggy,
            assessment_id=started.pk,
            conversation_id=c.pk,
            expected_version=1,
            data={"place": "At the library"},
        )
    with pytest.raises(ValidationError):
        services.conversation_change(
            actor=alice,
            person=peggy,
            assessment_id=started.pk,
            conversation_id=c.pk,
            expected_version=2,
            data={"text": ""},
        )
    c.refresh_from_db()
    assert (c.place, c.version) == ("At the allotment", 2)


def test_sections_are_kept_one_row_each_with_a_version_check(staff, peggy, started):
    alice = staff["alice"]
    row = services.section_save(
        actor=alice, person=peggy, assessment_id=started.pk, key="hopes", text="To grow tomatoes", expected_version=None
    )
    services.section_save(
        actor=alice, person=peggy, assessment_id=started.pk, key="hopes", text="And beans", expected_version=row.version
    )
    with pytest.raises(EditConflict):
        services.section_save(
            actor=alice, person=peggy, assessment_id=started.pk, key="hopes", text="Stale", expected_version=1
        )
    assert list(SectionText.objects.values_list("key", "text")) == [("hopes", "And beans")]


def test_saving_a_section_or_a_conversation_drops_the_writers_draft_of_it_only(staff, peggy, started, talk):
    alice, key = staff["alice"], f"person:{peggy.pk}:assessment:{started.pk}:section:hopes"
    other = f"person:{peggy.pk}:assessment:{started.pk}:section:worries"
    talk_key = f"person:{peggy.pk}:assessment:{started.pk}:conversation:new"
    for k in (key, other, talk_key):
        save_draft(user=alice, key=k, data={"text": "typed"})
    for version in (None, 1):  # the first save adds the row, the second changes it
        save_draft(user=alice, key=key, data={"text": "typed"})
        services.section_save(
            actor=alice,
            person=peggy,
            assessment_id=started.pk,
            key="hopes",
            text="Tomatoes",
            expected_version=version,
            draft_key=key,
        )
        assert get_draft(user=alice, key=key) is None
    services.conversation_add(actor=alice, person=peggy, assessment_id=started.pk, data=talk(), draft_key=talk_key)
    assert get_draft(user=alice, key=talk_key) is None
    assert get_draft(user=alice, key=other) is not None


def test_a_section_the_document_does_not_have_is_refused(staff, peggy, started):
    with pytest.raises(ValidationError):
        services.section_save(
            actor=staff["alice"],
            person=peggy,
            assessment_id=started.pk,
            key="caring_role",
            text="x",
            expected_version=None,
        )


def test_long_text_gets_a_language_summary_for_the_coach(staff, peggy, started):
    from django.contrib.contenttypes.models import ContentType

    from whatsstrong.coach.models import TextSummary

    row = services.section_save(
        actor=staff["alice"],
        person=peggy,
        assessment_id=started.pk,
        key="about_them",
        text="She is non-compliant with her meds",
        expected_version=None,
    )
    summary = TextSummary.objects.get(content_type=ContentType.objects.get_for_model(SectionText), object_id=row.pk)
    assert summary.person_id == peggy.pk
    assert sum(summary.by_kind.values()) >= 1


def test_strengths_are_linked_and_new_ones_reach_the_persons_record_once(staff, peggy, started):
    alice = staff["alice"]
    garden = asset_save(
        actor=alice,
        person=peggy,
        data={"level": "own", "description": "Grows vegetables", "network_member": None, "in_their_words": False},
    )
    linked = services.strengths_link(
        actor=alice,
        person=peggy,
        assessment_id=started.pk,
        asset_ids=[],
        new=[("own", "  grows   VEGETABLES "), ("community", "The library on Tuesdays")],
    )
    assert garden in linked
    assert Asset.objects.filter(person=peggy).count() == 2  # the same strength is never typed twice
    assert set(started.strengths.values_list("description", flat=True)) == {
        "Grows vegetables",
        "The library on Tuesdays",
    }
    # Unticking unlinks from the assessment, and the strength stays on the person's record.
    services.strengths_link(actor=alice, person=peggy, assessment_id=started.pk, asset_ids=[garden.pk])
    assert list(started.strengths.all()) == [garden]
    assert Asset.objects.filter(person=peggy).count() == 2


def test_someone_elses_strength_cannot_be_linked(staff, peggy, make_person, started):
    other = make_person(given_name="Ola", family_name="Ade")
    theirs = asset_save(
        actor=staff["alice"],
        person=other,
        data={"level": "own", "description": "Sings", "network_member": None, "in_their_words": False},
    )
    with pytest.raises(ValidationError):
        services.strengths_link(actor=staff["alice"], person=peggy, assessment_id=started.pk, asset_ids=[theirs.pk])
    assert not AssessmentStrength.objects.exists()


def test_wellbeing_areas_and_the_persons_own_ranking(staff, peggy, started):
    alice = staff["alice"]
    services.wellbeing_save(
        actor=alice,
        person=peggy,
        assessment_id=started.pk,
        code="g",
        data={"said": '"Joy is my rock"', "working": "Sunday visits", "matters": "Seeing her grandson"},
        expected_version=None,
    )
    services.wellbeing_rank(actor=alice, person=peggy, assessment_id=started.pk, ranks={"g": 1, "h": 2})
    assert dict(started.wellbeing.values_list("code", "rank")) == {"g": 1, "h": 2}
    with pytest.raises(ValidationError) as refused:
        services.wellbeing_rank(actor=alice, person=peggy, assessment_id=started.pk, ranks={"a": 1, "b": 1})
    assert "b" in refused.value.message_dict
    assert dict(started.wellbeing.values_list("code", "rank")) == {"g": 1, "h": 2}
    services.wellbeing_rank(actor=alice, person=peggy, assessment_id=started.pk, ranks={"h": 1})
    assert dict(started.wellbeing.values_list("code", "rank")) == {"g": None, "h": 1}


def test_a_contact_has_no_wellbeing_areas_or_hand_over(staff, peggy):
    contact = services.assessment_start(actor=staff["alice"], person=peggy, kind="contact")
    with pytest.raises(ValidationError):
        services.wellbeing_save(
            actor=staff["alice"], person=peggy, assessment_id=contact.pk, code="a", data={}, expected_version=None
        )
    with pytest.raises(ValidationError):
        services.assessment_write(
            actor=staff["alice"], person=peggy, assessment_id=contact.pk, expected_version=1, data={"hand_over": "x"}
        )


# --- Sign-off ----------------------------------------------------------------------------------------


def trail(assessment):
    return [(s.actor.username, s.action) for s in SignOff.objects.filter(assessment=assessment)]


def test_a_qualified_author_signs_off_their_own(staff, peggy, ready):
    staff["alice"].qualified = True
    done = services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    assert done.status == Assessment.Status.AUTHORISED
    assert trail(ready) == [("alice", "self_authorised")]


def test_anyone_else_sends_it_to_a_supervisor_who_returns_it_then_signs_it_off(staff, peggy, ready):
    alice, carol = staff["alice"], staff["carol"]
    assert services.assessment_submit(actor=alice, person=peggy, assessment_id=ready.pk).status == "awaiting_sign_off"
    # Waiting for sign-off, it cannot be changed.
    with pytest.raises(PermissionDenied):
        services.section_save(
            actor=alice, person=peggy, assessment_id=ready.pk, key="hopes", text="x", expected_version=None
        )
    with pytest.raises(ValidationError):
        services.assessment_return(actor=carol, person=peggy, assessment_id=ready.pk, comment="  ")
    services.assessment_return(actor=carol, person=peggy, assessment_id=ready.pk, comment="Add Joy's view")
    # Returned: it can be changed and sent again.
    services.section_save(
        actor=alice, person=peggy, assessment_id=ready.pk, key="hopes", text="x", expected_version=None
    )
    services.assessment_submit(actor=alice, person=peggy, assessment_id=ready.pk)
    done = services.assessment_authorise(actor=carol, person=peggy, assessment_id=ready.pk)
    assert done.status == Assessment.Status.AUTHORISED
    assert trail(ready) == [
        ("alice", "submitted"),
        ("carol", "returned"),
        ("alice", "submitted"),
        ("carol", "authorised"),
    ]
    assert SignOff.objects.get(action="returned").comment == "Add Joy's view"
    with pytest.raises(PermissionDenied):
        services.assessment_write(
            actor=alice, person=peggy, assessment_id=ready.pk, expected_version=done.version, data={"analysis": "x"}
        )


@pytest.mark.parametrize("who", ["alice", "bob", "sam", "quinn", "lee"])
def test_only_a_supervisor_of_the_persons_team_decides(staff, peggy, ready, who):
    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    with pytest.raises(PermissionDenied):
        services.assessment_authorise(actor=staff[who], person=peggy, assessment_id=ready.pk)
    with pytest.raises(PermissionDenied):
        services.assessment_return(actor=staff[who], person=peggy, assessment_id=ready.pk, comment="No")
    ready.refresh_from_db()
    assert ready.status == "awaiting_sign_off"


def test_a_qualified_supervisor_who_is_not_the_author_sends_it_on(staff, peggy, ready):
    staff["carol"].qualified = True
    assert services.assessment_submit(actor=staff["carol"], person=peggy, assessment_id=ready.pk).status == (
        "awaiting_sign_off"
    )
    with pytest.raises(PermissionDenied):  # carol sent it, but alice wrote it: carol may decide
        services.assessment_authorise(actor=staff["bob"], person=peggy, assessment_id=ready.pk)
    assert services.assessment_authorise(actor=staff["carol"], person=peggy, assessment_id=ready.pk).status == (
        "authorised"
    )


def test_an_assessment_without_a_conversation_or_analysis_cannot_be_sent(staff, peggy, started):
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=started.pk)
    assert len(refused.value.messages) == 2
    assert not SignOff.objects.exists()


# --- The one-page contact -----------------------------------------------------------------------------


def contact(staff, peggy, talk, **more):
    return services.contact_record(
        actor=staff["alice"],
        person=peggy,
        conversation=talk(),
        what_matters="Getting to the shops",
        offered="information_and_advice",
        analysis="Bus pass information given.",
        **more,
    )


def test_a_contact_is_recorded_in_one_go(staff, peggy, talk):
    a = contact(staff, peggy, talk)
    assert a.kind == "contact" and a.status == "draft" and a.offered == "information_and_advice"
    assert a.conversations.count() == 1
    assert SectionText.objects.get(assessment=a, key="what_matters").text == "Getting to the shops"


def test_a_contact_ending_in_advice_is_completed_on_the_same_submit(staff, peggy, talk):
    staff["alice"].qualified = True
    assert contact(staff, peggy, talk, complete=True).status == "authorised"
    staff["alice"].qualified = False
    assert contact(staff, peggy, talk, complete=True).status == "awaiting_sign_off"


def test_a_contact_needing_more_cannot_be_completed_and_nothing_is_kept(staff, peggy, talk):
    with pytest.raises(ValidationError):
        services.contact_record(
            actor=staff["alice"],
            person=peggy,
            conversation=talk(),
            what_matters="",
            offered="further_assessment",
            analysis="More to do",
            complete=True,
        )
    with pytest.raises(ValidationError):
        services.contact_record(
            actor=staff["alice"],
            person=peggy,
            conversation=talk(text=""),
            what_matters="",
            offered="information_and_advice",
            analysis="",
        )
    assert not Assessment.objects.exists()


def test_a_restricted_person_is_refused_to_staff_who_gave_no_reason(staff, make_person, talk):
    rita = make_person(given_name="Rita", family_name="Hollis", restricted=True)
    # Carol supervises the team: she may. Bob is in another team, and even a reason would not let him write.
    services.assessment_start(actor=staff["carol"], person=rita, kind="contact")
    with pytest.raises(PermissionDenied):
        services.assessment_start(actor=staff["bob"], person=rita, kind="contact")


def test_history_names_who_did_each_step(staff, peggy, ready):
    from whatsstrong.assessments.parts import history

    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    services.assessment_return(actor=staff["carol"], person=peggy, assessment_id=ready.pk, comment="Add Joy's view")
    entries = history(peggy)
    returned = [e for e in entries if e.action == "Returned with comments"]
    assert returned and returned[0].by == "Carol Test"
    assert ("Comments", "", "Add Joy's view") in returned[0].changes
    assert any(": conversation of " in e.record and e.action == "Added" for e in entries)
