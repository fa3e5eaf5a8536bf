import re

from django.urls import reverse

from whatsstrong.conversations.models import CaseNote
from whatsstrong.conversations.services import case_note_save


def note_form(**changes):
    return {"happened_on_0": "3", "happened_on_1": "11", "happened_on_2": "2026", "kind": "visit",
            "present": "Peggy and Grace", "text": "Peggy showed me her tomatoes.", "version": "", **changes}


def test_a_practitioner_adds_a_case_note_and_it_shows_on_the_record(client_for, staff, peggy):
    alice = client_for("alice")
    response = alice.post(reverse("conversations:add_note", args=[peggy.pk]), note_form())
    assert response.status_code == 302
    note = CaseNote.objects.get(person=peggy)
    assert note.author == staff["alice"] and note.history.latest().history_user == staff["alice"]
    assert "Peggy showed me her tomatoes." in alice.get(peggy.get_absolute_url()).content.decode()


def test_a_note_with_no_text_is_refused_and_keeps_the_rest(client_for, peggy):
    body = client_for("alice").post(reverse("conversations:add_note", args=[peggy.pk]), note_form(text="")).content.decode()
    assert "Enter the note" in body and 'value="Peggy and Grace"' in body
    assert not CaseNote.objects.exists()


def test_another_team_cannot_add_notes(client_for, peggy):
    assert client_for("bob").post(reverse("conversations:add_note", args=[peggy.pk]), note_form()).status_code == 403
    assert not CaseNote.objects.exists()


def test_editing_a_note_someone_else_changed_is_refused_and_keeps_the_typing(client_for, staff, peggy):
    note = case_note_save(actor=staff["alice"], person=peggy, data={"text": "First version"})
    case_note_save(actor=staff["carol"], person=peggy, note_id=note.pk, expected_version=1, data={"text": "Carol's version"})
    body = client_for("alice").post(reverse("conversations:edit_note", args=[peggy.pk, note.pk]),
                                    note_form(text="Alice's version", version="1")).content.decode()
    assert "Carol Test saved changes while you were editing" in body
    assert re.search(r">\s*Alice&#x27;s version</textarea>", body)
    assert CaseNote.objects.get(pk=note.pk).text == "Carol's version"
