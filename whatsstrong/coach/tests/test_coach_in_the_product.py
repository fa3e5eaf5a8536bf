"""The language coach inside the product: live hints, organisation rules, the record summary."""

import re

import pytest
from django.urls import reverse

from whatsstrong.coach.models import LexiconEntry
from whatsstrong.coach.services import findings_for


def hints(client, text, field="text"):
    return client.post(reverse("coach:check"), {"coach_field": field, field: text}).content.decode()


def test_a_deficit_phrase_gets_a_hint_with_a_one_click_suggestion(client_for):
    body = hints(client_for("alice"), "Mrs Patel refused her breakfast")
    assert "Writing tips (1)" in body
    button = re.search(r"<button[^>]*ws-coach__accept[^>]*>", body).group(0)
    assert 'data-start="10"' in button and 'data-end="17"' in button and 'data-original="refused"' in button
    assert 'data-suggest="declined"' in button


def test_clean_writing_gets_no_hints(client_for):
    assert "Writing tips" not in hints(client_for("alice"), "Mrs Patel chose toast and tea for breakfast")


def test_hints_need_a_signed_in_user(client):
    response = client.post(reverse("coach:check"), {"coach_field": "text", "text": "refused"})
    assert response.status_code == 401 and response.content == b""


def test_long_text_fields_ask_for_hints_as_the_practitioner_types(client_for, peggy):
    body = client_for("alice").get(reverse("people:edit", args=[peggy.pk, "who-i-am"])).content.decode()
    textarea = re.search(r'<textarea[^>]*name="what_matters"[^>]*>', body).group(0)
    assert f'hx-post="{reverse("coach:check")}"' in textarea and "delay:700ms" in textarea
    assert 'id="id_what_matters-coach" class="ws-coach" aria-live="polite"' in body


@pytest.mark.django_db
def test_an_organisation_can_switch_off_a_rule_and_add_its_own():
    assert [f.rule for f in findings_for("He refused lunch")] == ["refuses"]
    LexiconEntry.objects.create(
        rule="refuses",
        kind="deficit",
        context="conduct",
        terms="refuse+",
        suggest="declined",
        reason="x",
        enabled=False,
    )
    assert findings_for("He refused lunch") == []
    LexiconEntry.objects.create(
        rule="service-user",
        kind="deficit",
        context="label",
        terms="service user+",
        suggest="the person's name",
        reason="People are more than users of a service.",
    )
    found = findings_for("The service user went home")
    assert [(f.rule, f.suggest) for f in found] == [("service-user", "the person's name")]


@pytest.mark.django_db
def test_the_admin_refuses_a_rule_that_does_not_compile(admin_client):
    response = admin_client.post(
        reverse("admin:coach_lexiconentry_add"),
        {
            "rule": "broken",
            "kind": "deficit",
            "context": "label",
            "terms": "!!!",
            "suggest": "x",
            "reason": "y",
            "enabled": "on",
        },
    )
    assert response.status_code == 200 and "needs at least one word" in response.content.decode()
    assert not LexiconEntry.objects.filter(rule="broken").exists()


def test_supervisors_see_a_language_summary_of_the_record(client_for, staff, peggy):
    from whatsstrong.conversations.services import case_note_add

    case_note_add(actor=staff["alice"], person=peggy, data={"text": "Peggy refused the POC review."})
    body = client_for("carol").get(peggy.get_absolute_url()).content.decode()
    assert "finds 1 deficit phrase and 1 jargon term" in body
    assert "Language check" not in client_for("alice").get(peggy.get_absolute_url()).content.decode()


def test_the_api_checks_a_batch_of_texts(client_for):
    response = client_for("alice").post(
        "/api/language/check",
        [{"id": "a", "text": "Mrs Patel refused her breakfast"}, {"id": 2, "text": "She chose toast"}],
        content_type="application/json",
        HTTP_X_CSRFTOKEN="x",
    )
    assert response.status_code == 200, response.content
    first, second = response.json()
    assert first["id"] == "a" and [(f["start"], f["end"], f["kind"]) for f in first["flags"]] == [(10, 17, "deficit")]
    assert second == {"id": 2, "flags": []}


def test_the_api_names_the_field_when_a_text_is_missing(client_for):
    response = client_for("alice").post("/api/language/check", [{"id": "a"}], content_type="application/json")
    assert response.status_code == 422
    assert any("text" in e["field"] for e in response.json()["errors"])


def test_the_api_refuses_anonymous_callers(client):
    assert client.post("/api/language/check", [], content_type="application/json").status_code == 401


def test_the_api_refuses_too_many_texts_at_once(client_for):
    response = client_for("alice").post("/api/language/check", [{"text": "ok"}] * 1001, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body", "message": "Send at most 1,000 texts in one call; this call had 1,001"}
    ]


def test_each_saved_text_keeps_its_summary_so_a_view_reads_counts_not_notes(client_for, staff, peggy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from whatsstrong.coach.models import TextSummary
    from whatsstrong.conversations.services import case_note_add

    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "Peggy refused the POC review."})
    stored = TextSummary.objects.get(object_id=note.pk, content_type__model="casenote")
    assert stored.person_id == peggy.pk and stored.by_kind == {"deficit": 1, "jargon": 1}
    carol = client_for("carol")
    with CaptureQueriesContext(connection) as one_note:
        carol.get(peggy.get_absolute_url())
    for _ in range(20):
        case_note_add(actor=staff["alice"], person=peggy, data={"text": "She refused again."})
    with CaptureQueriesContext(connection) as many_notes:
        body = carol.get(peggy.get_absolute_url()).content.decode()
    assert "finds 21 deficit phrases and 1 jargon term" in body
    assert len(many_notes) == len(one_note)


def test_a_change_to_the_rules_shows_on_the_next_view(client_for, staff, peggy):
    from whatsstrong.conversations.services import case_note_add

    case_note_add(actor=staff["alice"], person=peggy, data={"text": "Peggy refused lunch."})
    carol = client_for("carol")
    assert "finds 1 deficit phrase" in carol.get(peggy.get_absolute_url()).content.decode()
    LexiconEntry.objects.create(
        rule="refuses",
        kind="deficit",
        context="conduct",
        terms="refuse+",
        suggest="declined",
        reason="x",
        enabled=False,
    )
    assert "finds nothing to suggest" in carol.get(peggy.get_absolute_url()).content.decode()


# What the one-click button puts in: the replacement fitted to the sentence, or no button at all.
BUTTONS = [
    ("Mrs Patel refuses her tea", "refuses", "declines"),
    ("Mrs Patel refused her tea", "refused", "declined"),
    ("Mrs Patel is refusing her tea", "refusing", "declining"),
    ("Refused her tea again.", "Refused", "Declined"),
    ("He was toileted at six.", "toileted", "helped to use the toilet"),
    ("We will feed her at noon.", "feed her", "help her eat"),
    ("Anton is non-verbal at home.", "non-verbal", "non-speaking"),
]


@pytest.mark.parametrize("text, original, replacement", BUTTONS)
def test_the_button_puts_in_words_that_fit_the_sentence(client_for, text, original, replacement):
    body = hints(client_for("alice"), text)
    button = re.search(r"<button[^>]*ws-coach__accept[^>]*>", body).group(0)
    assert f'data-original="{original}"' in button and f'data-suggest="{replacement}"' in button
    assert f"Use “{replacement}”" in body


@pytest.mark.parametrize("text", ["She is challenging at times.", "The flat is cluttered.", "Bilal is high risk."])
def test_where_no_word_fits_there_is_no_button_and_the_tip_asks_for_what_happened(client_for, text):
    body = hints(client_for("alice"), text)
    assert "Writing tips (1)" in body
    assert "ws-coach__accept" not in body
    assert "No single word fits here: describe what happened, in your own words." in body


def test_the_api_gives_the_fitted_replacement_or_none(client_for):
    response = client_for("alice").post(
        "/api/language/check",
        [{"id": 1, "text": "She refused lunch."}, {"id": 2, "text": "She is challenging."}],
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    first, second = response.json()
    assert [f["replacement"] for f in first["flags"]] == ["declined"]
    assert [f["replacement"] for f in second["flags"]] == [None]


@pytest.mark.django_db
def test_an_organisation_rule_can_carry_its_own_replacement():
    LexiconEntry.objects.create(
        rule="kicked-off",
        kind="deficit",
        context="conduct",
        terms="kick+ off",
        suggest="got upset",
        reason="Say what happened.",
        replace="kick+ off => get+ upset",
    )
    assert [f.replacement for f in findings_for("He kicked off at tea")] == ["got upset"]
    assert [f.replacement for f in findings_for("He kicks off at tea")] == ["gets upset"]


def test_a_new_bundled_lexicon_checks_stored_summaries_again(client_for, staff, peggy, monkeypatch):
    """Counts kept under an older release of lexicon.json are not trusted once it changes."""
    from whatsstrong.coach import services
    from whatsstrong.coach.models import PersonLanguageTotal, TextSummary
    from whatsstrong.conversations.services import case_note_add

    case_note_add(actor=staff["alice"], person=peggy, data={"text": "Peggy refused lunch."})
    carol = client_for("carol")
    # Counts as an older lexicon might have left them, under the current stamp: they are read as kept.
    zero = {"deficit": 0, "jargon": 0}
    TextSummary.objects.filter(person_id=peggy.pk).update(by_kind=zero, by_rule={})
    PersonLanguageTotal.objects.filter(person_id=peggy.pk).update(by_kind=zero, by_rule={})
    assert "finds nothing to suggest" in carol.get(peggy.get_absolute_url()).content.decode()
    monkeypatch.setattr(services, "BUNDLED_STAMP", "a-newer-file")
    assert "finds 1 deficit phrase" in carol.get(peggy.get_absolute_url()).content.decode()
