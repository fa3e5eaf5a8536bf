"""Answering a survey with a code, without an account: single use, guessing slowed and logged,
answers apart from the record unless the person agrees, and nothing lost on a mistake."""

import pytest
from django.urls import reverse

from whatsstrong.surveys import rules, services
from whatsstrong.surveys.models import Answer, Invitation, Response, WrongCode


@pytest.fixture
def invited(staff, peggy):
    invitation, code = services.invitation_create(actor=staff["alice"], person=peggy, survey_code="carer")
    return invitation, code


def start(client, code):
    return client.post(reverse("surveys:answer_start"), {"code": code})


def answer_all(client, *, link="no", answer="agree", more="The new day centre is great."):
    client.post(reverse("surveys:answer_agree"), {"link": link})
    for n in range(1, 6):
        client.post(reverse("surveys:answer_question", args=[n]), {"answer": answer})
    client.post(reverse("surveys:answer_more"), {"more": more})
    return client.post(reverse("surveys:answer_check"))


def test_the_code_is_kept_only_as_a_hash(invited):
    invitation, code = invited
    stored = Invitation.objects.get(pk=invitation.pk)
    assert code not in stored.code_hash and stored.code_hash == services.code_hash(code)
    assert code not in str(stored.history.values())


def test_a_person_answers_with_a_code_and_it_works_once(client, invited, peggy):
    invitation, code = invited
    response = start(client, rules.show_code(code).lower())  # typed with a space, in small letters
    assert response.status_code == 302 and response.url == reverse("surveys:answer_agree")
    done = answer_all(client)
    assert done.url == reverse("surveys:answer_done")
    saved = Response.objects.get()
    assert saved.survey == "carer" and saved.channel == "online" and saved.team_id == peggy.team_id
    assert Answer.objects.filter(response=saved, answer="agree").count() == 5
    assert saved.more == "The new day centre is great."
    assert Invitation.objects.get(pk=invitation.pk).used
    # The same code again: refused, and nothing more saved.
    client.logout()
    again = start(client, code)
    assert again.status_code == 200
    assert "could not find that code, or it has been used already" in again.content.decode()
    assert Response.objects.count() == 1


def test_two_windows_with_one_code_save_one_response(client, invited):
    _, code = invited
    start(client, code)
    answer_all(client)
    # A second window that started with the same code before the first sent its answers.
    from django.test import Client

    other = Client()
    other.post(reverse("surveys:answer_start"), {"code": code})  # refused: already used
    assert Response.objects.count() == 1
    with pytest.raises(services.CodeNotAccepted):
        services.response_submit(invitation_id=Invitation.objects.get().pk, answers={})
    assert Response.objects.count() == 1


def test_answers_are_not_linked_to_the_person_by_default(client, invited):
    _, code = invited
    start(client, code)
    answer_all(client, link="no")
    assert Response.objects.get().person_id is None


def test_answers_are_linked_only_when_the_person_agrees(client, invited, peggy):
    _, code = invited
    start(client, code)
    answer_all(client, link="yes")
    assert Response.objects.get().person_id == peggy.pk


def test_the_first_page_needs_a_choice_and_never_assumes_yes(client, invited):
    _, code = invited
    start(client, code)
    page = client.post(reverse("surveys:answer_agree"), {})
    assert "Choose whether we keep your answers with your record" in page.content.decode()
    # Jumping to the check page without choosing goes back to the choice.
    assert client.get(reverse("surveys:answer_check")).url == reverse("surveys:answer_agree")


def test_no_answer_chosen_gives_a_clear_error_and_keeps_earlier_answers(client, invited):
    _, code = invited
    start(client, code)
    client.post(reverse("surveys:answer_agree"), {"link": "no"})
    client.post(reverse("surveys:answer_question", args=[1]), {"answer": "strongly_agree"})
    page = client.post(reverse("surveys:answer_question", args=[2]), {})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Choose how much you agree, or choose ‘Prefer not to say’" in html
    assert "<title>Error: " in html
    back = client.get(reverse("surveys:answer_question", args=[1])).content.decode()
    assert 'value="strongly_agree" checked' in back


def test_an_answer_out_of_range_is_refused_in_words(client, invited):
    _, code = invited
    start(client, code)
    client.post(reverse("surveys:answer_agree"), {"link": "no"})
    page = client.post(reverse("surveys:answer_question", args=[1]), {"answer": "11"})
    assert "Choose one of the answers shown" in page.content.decode()


def test_prefer_not_to_say_is_an_answer(client, invited):
    _, code = invited
    start(client, code)
    answer_all(client, answer=rules.PREFER_NOT)
    assert set(Answer.objects.values_list("answer", flat=True)) == {rules.PREFER_NOT}


def test_easy_read_shows_short_sentences_and_is_remembered(client, invited):
    _, code = invited
    client.get(reverse("surveys:answer_start") + "?easy=1")
    start(client, code)
    client.post(reverse("surveys:answer_agree"), {"link": "no"})
    html = client.get(reverse("surveys:answer_question", args=[3])).content.decode()
    assert "People asked what I think. They listened to me." in html
    assert "Yes, mostly" in html and "I do not want to say" in html
    answer_all(client)
    assert Response.objects.get().easy_read


def test_the_question_pages_need_a_code_first(client, db):
    assert client.get(reverse("surveys:answer_question", args=[1])).url == reverse("surveys:answer_start")


def test_guessing_codes_is_slowed_and_logged(client, invited, caplog):
    for _ in range(rules.WRONG_CODE_LIMIT - 1):
        page = start(client, "CDEF3467")
        assert page.status_code == 200
    assert WrongCode.objects.count() == rules.WRONG_CODE_LIMIT - 1
    assert "survey code was not accepted" in caplog.text
    page = start(client, "CDEF3467")
    assert page.status_code == 429
    assert "Try again in 30 minutes" in page.content.decode()
    # Even the right code waits now: guessing cannot go on.
    _, code = invited
    assert start(client, code).status_code == 429
    assert client.get(reverse("surveys:answer_start")).status_code == 429
    # The address is kept only as a keyed hash.
    assert "127.0.0.1" not in WrongCode.objects.first().address


def test_a_mistyped_code_is_answered_without_counting_as_a_guess(client, invited):
    page = start(client, "CDE")
    assert "The code has 8 letters and numbers" in page.content.decode()
    assert WrongCode.objects.count() == 0
