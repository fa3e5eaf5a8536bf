import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse

from whatsstrong.conversations import rules
from whatsstrong.conversations.models import Addendum, CaseNote
from whatsstrong.conversations.services import addendum_add, case_note_add, case_note_correct


def note_form(**changes):
    return {
        "happened_on_0": "3",
        "happened_on_1": "11",
        "happened_on_2": "2026",
        "kind": "visit",
        "present": "Peggy and Grace",
        "text": "Peggy showed me her tomatoes.",
        "version": "",
        **changes,
    }


def age(note, hours):
    """Make a note look as if it was written `hours` ago."""
    CaseNote.objects.filter(pk=note.pk).update(created_at=note.created_at - datetime.timedelta(hours=hours))
    return CaseNote.objects.get(pk=note.pk)


def test_a_practitioner_adds_a_case_note_and_it_shows_on_the_record(client_for, staff, peggy):
    alice = client_for("alice")
    response = alice.post(reverse("conversations:add_note", args=[peggy.pk]), note_form())
    assert response.status_code == 302
    note = CaseNote.objects.get(person=peggy)
    assert note.author == staff["alice"] and note.history.latest().history_user == staff["alice"]
    assert "Peggy showed me her tomatoes." in alice.get(peggy.get_absolute_url()).content.decode()


def test_a_note_with_no_text_is_refused_and_keeps_the_rest(client_for, peggy):
    body = (
        client_for("alice")
        .post(reverse("conversations:add_note", args=[peggy.pk]), note_form(text=""))
        .content.decode()
    )
    assert "Enter the note" in body and 'value="Peggy and Grace"' in body
    assert not CaseNote.objects.exists()


def test_another_team_cannot_add_notes(client_for, peggy):
    assert client_for("bob").post(reverse("conversations:add_note", args=[peggy.pk]), note_form()).status_code == 403
    assert not CaseNote.objects.exists()


def test_the_author_corrects_their_own_note_on_the_day(client_for, staff, peggy):
    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "Peggy showd me her tomatoes."})
    response = client_for("alice").post(
        reverse("conversations:note", args=[peggy.pk, note.pk]),
        note_form(text="Peggy showed me her tomatoes.", version="1"),
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Peggy showed me her tomatoes." and note.version == 2 and note.author == staff["alice"]


def test_a_colleague_cannot_rewrite_someone_elses_note(client_for, staff, peggy):
    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "What Alice wrote"})
    carol = client_for("carol")
    page = carol.get(reverse("conversations:note", args=[peggy.pk, note.pk]))
    assert page.status_code == 302 and page.url == reverse("conversations:add_addendum", args=[peggy.pk, note.pk])
    carol.post(reverse("conversations:note", args=[peggy.pk, note.pk]), note_form(text="Carol's words", version="1"))
    with pytest.raises(PermissionDenied):
        case_note_correct(
            actor=staff["carol"], person=peggy, note_id=note.pk, expected_version=1, data={"text": "Carol's words"}
        )
    assert CaseNote.objects.get(pk=note.pk).text == "What Alice wrote"


def test_after_the_correction_period_the_author_adds_an_addendum_too(client_for, staff, peggy):
    note = age(case_note_add(actor=staff["alice"], person=peggy, data={"text": "Met at home."}), hours=25)
    with pytest.raises(PermissionDenied):
        case_note_correct(
            actor=staff["alice"],
            person=peggy,
            note_id=note.pk,
            expected_version=1,
            data={"text": "Met at the library."},
        )
    alice = client_for("alice")
    assert alice.get(reverse("conversations:note", args=[peggy.pk, note.pk])).status_code == 302
    response = alice.post(
        reverse("conversations:add_addendum", args=[peggy.pk, note.pk]), {"text": "We met at the library, not at home."}
    )
    assert response.status_code == 302
    page = alice.get(peggy.get_absolute_url()).content.decode()
    assert "Met at home." in page and "We met at the library, not at home." in page
    assert "Added by Alice Test" in page


@override_settings(CASE_NOTE_CORRECTION_HOURS=1)
def test_the_correction_period_is_a_setting(staff, peggy):
    note = age(case_note_add(actor=staff["alice"], person=peggy, data={"text": "Met at home."}), hours=2)
    with pytest.raises(PermissionDenied):
        case_note_correct(actor=staff["alice"], person=peggy, note_id=note.pk, expected_version=1, data={"text": "x"})


def test_the_person_page_names_the_author_and_offers_the_right_action(client_for, staff, peggy):
    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "Garden visit."})
    mine = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    assert "by Alice Test" in mine and reverse("conversations:note", args=[peggy.pk, note.pk]) in mine
    theirs = client_for("carol").get(peggy.get_absolute_url()).content.decode()
    assert reverse("conversations:add_addendum", args=[peggy.pk, note.pk]) in theirs
    assert reverse("conversations:note", args=[peggy.pk, note.pk]) + '"' not in theirs


def test_an_addendum_needs_text_and_keeps_nothing_half_saved(client_for, staff, peggy):
    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "Garden visit."})
    body = (
        client_for("carol")
        .post(reverse("conversations:add_addendum", args=[peggy.pk, note.pk]), {"text": "  "})
        .content.decode()
    )
    assert "Enter what you are adding to the note" in body
    assert not Addendum.objects.exists()


def test_another_team_cannot_add_to_a_note(client_for, staff, peggy):
    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "Garden visit."})
    response = client_for("bob").post(
        reverse("conversations:add_addendum", args=[peggy.pk, note.pk]), {"text": "Bob's words"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        addendum_add(actor=staff["bob"], person=peggy, note_id=note.pk, text="Bob's words")
    assert not Addendum.objects.exists()


def test_notes_corrections_and_addenda_show_on_the_history_page(client_for, staff, peggy):
    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "First words"})
    case_note_correct(
        actor=staff["alice"], person=peggy, note_id=note.pk, expected_version=1, data={"text": "Corrected words"}
    )
    addendum_add(actor=staff["carol"], person=peggy, note_id=note.pk, text="Carol adds this")
    body = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "First words" in body and "Corrected words" in body and "Carol adds this" in body
    assert "Addendum to the case note of" in body


def test_correcting_a_note_someone_else_corrected_first_is_refused_and_keeps_the_typing(client_for, staff, peggy):
    """The author has the note open twice (two tabs): the second save sees the first."""
    note = case_note_add(actor=staff["alice"], person=peggy, data={"text": "First version"})
    case_note_correct(
        actor=staff["alice"], person=peggy, note_id=note.pk, expected_version=1, data={"text": "Second version"}
    )
    body = (
        client_for("alice")
        .post(reverse("conversations:note", args=[peggy.pk, note.pk]), note_form(text="Third version", version="1"))
        .content.decode()
    )
    assert "Alice Test saved changes while you were editing" in body
    assert re.search(r">\s*Third version</textarea>", body)
    assert CaseNote.objects.get(pk=note.pk).text == "Second version"


NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "author, actor, hours_ago, window, expected",
    [
        (1, 1, 0, 24, True),
        (1, 1, 24, 24, True),  # the last moment of the period
        (1, 1, 24.01, 24, False),
        (1, 2, 0, 24, False),  # someone else, even at once
        (1, 1, 2, 1, False),
    ],
)
def test_who_may_correct_a_note(author, actor, hours_ago, window, expected):
    written = NOW - datetime.timedelta(hours=hours_ago)
    assert (
        rules.may_correct(author_id=author, actor_id=actor, created_at=written, now=NOW, window_hours=window)
        is expected
    )
