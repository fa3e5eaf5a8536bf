"""The assessment pages, through the test client: who may open them, bad input kept, and sign-off."""

import datetime

import pytest
from django.urls import reverse

from whatsstrong.assessments import documents, services
from whatsstrong.assessments.models import Assessment, Conversation, SignOff

pytestmark = pytest.mark.django_db
YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)
TOMORROW = datetime.date.today() + datetime.timedelta(days=1)


def at(name, person, assessment=None, *more):
    return reverse(f"assessments:{name}", args=[person.pk, *([assessment.pk] if assessment else []), *more])


def conversation_post(day=YESTERDAY, **more):
    return {
        "happened_on_0": day.day,
        "happened_on_1": day.month,
        "happened_on_2": day.year,
        "place": "At home",
        "present": "Peggy",
        "communication": "",
        "advocate_name": "",
        "interpreter_language": "",
        "text": 'Peggy said "I want my garden back"',
        **more,
    }


def test_the_persons_page_lists_assessments_and_offers_to_start_one(client_for, peggy, ready):
    html = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    assert "Start an assessment" in html and at("start", peggy) in html
    assert "Strengths and wellbeing assessment" in html and "In progress" in html


def test_other_teams_see_the_list_but_cannot_start(client_for, peggy, ready):
    html = client_for("bob").get(peggy.get_absolute_url()).content.decode()
    assert "Strengths and wellbeing assessment" in html
    assert "Start an assessment" not in html
    assert client_for("bob").get(at("start", peggy)).status_code == 403


def test_starting_a_fuller_assessment_opens_its_task_list(client_for, peggy):
    response = client_for("alice").post(at("start", peggy), {"kind": "carers_wellbeing"}, follow=True)
    html = response.content.decode()
    assert Assessment.objects.get().kind == "carers_wellbeing"
    assert "The caring they do" in html and "govuk-task-list" in html
    assert "task-eligibility" in html and "Not started" in html


def test_choosing_a_contact_goes_to_the_one_page_contact(client_for, peggy):
    response = client_for("alice").post(at("start", peggy), {"kind": "contact"})
    assert response.url == at("contact", peggy)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("who, status", [("dina", 403), ("bob", 403), ("quinn", 403)])
def test_edit_pages_refuse_those_who_cannot_change_the_record(client_for, peggy, started, who, status):
    client = client_for(who)
    for page in [
        at("conversation_add", peggy, started),
        at("section", peggy, started, "hopes"),
        at("sign_off", peggy, started),
    ]:
        assert client.get(page).status_code == status


def test_a_restricted_persons_assessment_asks_for_a_reason_first(client_for, staff, make_person):
    rita = make_person(given_name="Rita", family_name="Hollis", restricted=True)
    a = services.assessment_start(actor=staff["alice"], person=rita, kind="contact")
    response = client_for("quinn").get(at("assessment", rita, a))
    assert response.status_code == 302
    assert (
        response.url
        == reverse("core:give_reason", args=[rita.pk]) + f"?next=%2Fpeople%2F{rita.pk}%2Fassessments%2F{a.pk}%2F"
    )
    assert client_for("alice").get(at("assessment", rita, a)).status_code == 200


def test_an_assessment_of_someone_else_is_not_found(client_for, peggy, make_person, started):
    other = make_person(given_name="Ola", family_name="Ade")
    assert client_for("alice").get(at("assessment", other, started)).status_code == 404


def test_a_future_conversation_is_refused_and_what_was_typed_is_kept(client_for, peggy, started):
    response = client_for("alice").post(at("conversation_add", peggy, started), conversation_post(TOMORROW))
    html = response.content.decode()
    assert response.status_code == 200
    assert "must be in the past" in html
    assert "I want my garden back" in html  # escaped or not, the words are still in the box
    assert not Conversation.objects.exists()


def test_an_empty_conversation_is_refused_with_a_clear_error(client_for, peggy, started):
    html = (
        client_for("alice").post(at("conversation_add", peggy, started), conversation_post(text="  ")).content.decode()
    )
    assert "a conversation with nothing in it cannot be saved" in html
    assert not Conversation.objects.exists()


def test_a_conversation_is_saved_and_its_quote_shown_as_a_quote(client_for, peggy, started):
    client = client_for("alice")
    response = client.post(at("conversation_add", peggy, started), conversation_post(), follow=True)
    html = response.content.decode()
    assert '<q class="ws-their-words">I want my garden back</q>' in html
    assert "in Peggy&#39;s own words" in html or "in Peggy's own words" in html


@pytest.mark.parametrize("page", ["conversation_add", "section"])
def test_conversations_and_sections_offer_question_prompts_with_the_persons_name(client_for, peggy, started, page):
    more = [documents.sections(started.kind)[0]["key"]] if page == "section" else []
    html = client_for("alice").get(at(page, peggy, started, *more)).content.decode()
    picker = html.find('data-prompts-for="id_text"')
    assert picker > html.index('name="text"'), "no question prompts beside the text"
    assert "What would you say Peggy is good at?" in html[picker:]
    assert picker < html.index(">Save</button>")


def test_quotes_are_escaped(client_for, staff, peggy, started, talk):
    services.conversation_add(
        actor=staff["alice"], person=peggy, assessment_id=started.pk, data=talk(text='She said "<b>no</b> & yes"')
    )
    html = client_for("alice").get(at("assessment", peggy, started)).content.decode()
    assert '<q class="ws-their-words">&lt;b&gt;no&lt;/b&gt; &amp; yes</q>' in html


def test_guidance_sits_beside_each_section(client_for, peggy, started):
    html = client_for("alice").get(at("section", peggy, started, "hopes")).content.decode()
    assert "Things you might talk about" in html
    assert "govuk-grid-column-one-third" in html
    assert "data-their-words" in html and "assessments.js" in html


def test_ranking_priorities_twice_the_same_is_refused_and_kept(client_for, peggy, started):
    response = client_for("alice").post(at("priorities", peggy, started), {"a": "1", "b": "1", "c": "x"})
    html = response.content.decode()
    assert "Priority 1 is given to two areas" in html
    assert "Give a whole number from 1 to 9" in html
    assert 'value="x"' in html


def test_new_strengths_reach_the_persons_page(client_for, peggy, started):
    client = client_for("alice")
    client.post(at("strengths", peggy, started), {"level_1": "community", "description_1": "The Tuesday lunch club"})
    assert "The Tuesday lunch club" in client.get(peggy.get_absolute_url()).content.decode()
    response = client.post(at("strengths", peggy, started), {"description_2": "No level"})
    assert "Choose the level of new strength 2" in response.content.decode()


def test_the_one_page_contact_completes_with_self_authorisation(client_for, staff, peggy):
    staff["alice"].qualified = True
    staff["alice"].save()
    data = conversation_post(
        what_matters="Getting out",
        offered="information_and_advice",
        analysis="Given the bus pass details.",
        complete="on",
    )
    response = client_for("alice").post(at("contact", peggy), data)
    a = Assessment.objects.get()
    assert response.url == a.get_absolute_url()
    assert a.status == "authorised" and a.kind == "contact"
    assert list(SignOff.objects.values_list("action", flat=True)) == ["self_authorised"]


def test_a_contact_needing_more_cannot_be_completed_and_the_page_keeps_everything(client_for, peggy):
    data = conversation_post(what_matters="Getting out", offered="further_assessment", analysis="", complete="on")
    html = client_for("alice").post(at("contact", peggy), data).content.decode()
    assert "only when it ends with information and advice" in html
    assert "I want my garden back" in html and "Getting out" in html
    assert not Assessment.objects.exists()


def test_sign_off_by_a_supervisor_after_a_return(client_for, staff, peggy, ready):
    alice = client_for("alice")
    alice.post(at("sign_off", peggy, ready))
    ready.refresh_from_db()
    assert ready.status == "awaiting_sign_off"
    # Alice can no longer change it: the edit page sends her back to it.
    assert alice.get(at("section", peggy, ready, "hopes")).status_code == 302
    assert alice.get(at("decide", peggy, ready)).status_code == 403
    carol = client_for("carol")
    assert "Sign off or return this assessment" in carol.get(at("assessment", peggy, ready)).content.decode()
    refused = carol.post(at("decide", peggy, ready), {"decision": "return", "comment": ""})
    assert "Enter your comments" in refused.content.decode()
    carol.post(at("decide", peggy, ready), {"decision": "return", "comment": "Add what Joy said"})
    ready.refresh_from_db()
    assert ready.status == "returned"
    html = carol.get(at("assessment", peggy, ready)).content.decode()
    assert "Add what Joy said" in html and "Returned with comments" in html


def test_sending_an_unready_assessment_says_what_is_needed(client_for, peggy, started):
    response = client_for("alice").post(at("sign_off", peggy, started))
    assert response.status_code == 400
    assert "Record at least one conversation" in response.content.decode()


def test_the_readable_copy_uses_their_preferred_name_and_shows_quotes(client_for, peggy, ready):
    html = client_for("alice").get(at("copy", peggy, ready)).content.decode()
    assert "Peggy, this is what we talked about" in html
    assert '<q class="ws-their-words">the garden keeps me going</q>' in html
    assert "govuk-!-display-none-print" in html


def test_the_history_page_shows_the_sign_off_trail(client_for, staff, peggy, ready):
    services.assessment_submit(actor=staff["alice"], person=peggy, assessment_id=ready.pk)
    html = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "sent for sign-off Strengths and wellbeing assessment" in html


def test_a_contact_has_no_hand_over_page_and_outsiders_learn_nothing_of_it(client_for, staff, peggy):
    contact = services.assessment_start(actor=staff["alice"], person=peggy, kind="contact")
    assert client_for("alice").get(at("hand_over", peggy, contact)).status_code == 404
    assert client_for("dina").get(at("hand_over", peggy, contact)).status_code == 403
    html = client_for("alice").get(at("analysis", peggy, contact)).content.decode()
    assert "What was offered" in html
