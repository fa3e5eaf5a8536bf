"""The drafts endpoint answers bad input with a 400 that names what to fix, and keeps nothing.

Each of these used to reach the database (or Python's recursion limit) and end in a server error.
"""

import json

import pytest
from django.urls import reverse

from whatsstrong.core.models import Draft


def send(client, body):
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(reverse("core:save_draft"), text, content_type="application/json")


def key_for(person):
    return f"person:{person.pk}:who-i-am"


def assert_refused(response, field, words):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["field"] == field
    assert words in body["error"]
    assert not Draft.objects.exists()


def test_a_nul_character_in_a_field_value_is_refused(client_for, peggy):
    response = send(client_for("alice"), {"key": key_for(peggy), "fields": {"life_story": "Kingston\u0000Coventry"}})
    assert_refused(response, "fields.life_story", "character")


def test_a_nul_character_in_a_field_name_is_refused(client_for, peggy):
    response = send(client_for("alice"), {"key": key_for(peggy), "fields": {"life\u0000story": "Kingston"}})
    assert_refused(response, "fields", "field name")


def test_a_nul_character_in_the_key_is_refused(client_for, peggy):
    response = send(client_for("alice"), {"key": key_for(peggy) + "\u0000", "fields": {"life_story": "Kingston"}})
    assert_refused(response, "key", "Unknown form key")


def test_half_a_surrogate_pair_in_a_field_value_is_refused(client_for, peggy):
    body = '{"key": "KEY", "fields": {"life_story": "Kingston \\ud800"}}'.replace("KEY", key_for(peggy))
    assert_refused(send(client_for("alice"), body), "fields.life_story", "character")


def test_json_nested_too_deeply_to_read_is_refused(client_for):
    depth = 100_000
    response = send(
        client_for("alice"), '{"key": "person:1:who-i-am", "fields": {"life_story": ' + "[" * depth + "]" * depth + "}}"
    )
    assert_refused(response, "body", "nested")


def test_a_nested_value_is_refused_rather_than_kept_as_text(client_for, peggy):
    nested = {"a": [[[[{"b": "Kingston"}]]]]}
    response = send(client_for("alice"), {"key": key_for(peggy), "fields": {"life_story": nested}})
    assert_refused(response, "fields.life_story", "text")


@pytest.mark.parametrize("value", [42, None, True, ["Kingston"]])
def test_a_field_value_that_is_not_text_is_refused(client_for, peggy, value):
    response = send(client_for("alice"), {"key": key_for(peggy), "fields": {"life_story": value}})
    assert_refused(response, "fields.life_story", "text")


@pytest.mark.parametrize("fields", [["life_story", "Kingston"], [["life_story", "Kingston"]], "Kingston", None])
def test_fields_that_are_not_an_object_are_refused(client_for, peggy, fields):
    response = send(client_for("alice"), {"key": key_for(peggy), "fields": fields})
    assert_refused(response, "fields", "object")


@pytest.mark.parametrize("version", [-1, 2**31, 10**30, 1.5, "1e400", "three", True])
def test_a_version_that_is_not_a_whole_number_a_record_could_have_is_refused(client_for, peggy, version):
    response = send(
        client_for("alice"), {"key": key_for(peggy), "fields": {"life_story": "Kingston"}, "version": version}
    )
    assert_refused(response, "version", "whole number")


def test_an_infinite_version_is_refused(client_for, peggy):
    body = '{"key": "KEY", "fields": {"life_story": "Kingston"}, "version": 1e400}'.replace("KEY", key_for(peggy))
    assert_refused(send(client_for("alice"), body), "version", "whole number")


def test_writing_longer_than_a_draft_can_hold_is_refused_not_cut_short(client_for, peggy):
    from whatsstrong.core.drafts import MAX_DRAFT_CHARS

    response = send(client_for("alice"), {"key": key_for(peggy), "fields": {"life_story": "x" * (MAX_DRAFT_CHARS + 1)}})
    assert_refused(response, "fields.life_story", f"{MAX_DRAFT_CHARS:,}")


def test_more_fields_than_any_form_has_are_refused(client_for, peggy):
    fields = {f"field_{n}": "Kingston" for n in range(51)}
    assert_refused(send(client_for("alice"), {"key": key_for(peggy), "fields": fields}), "fields", "50 fields or fewer")


def test_a_body_too_large_to_read_is_refused_with_json(client_for, peggy, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = send(client_for("alice"), {"key": key_for(peggy), "fields": {"life_story": "x" * 2000}})
    assert response.status_code == 413 and response.json()["field"] == "body"
    assert not Draft.objects.exists()


def test_a_body_that_is_not_a_json_object_is_refused(client_for):
    assert_refused(send(client_for("alice"), "[1, 2]"), "body", "JSON object")
    assert_refused(send(client_for("alice"), "not json"), "body", "JSON")


@pytest.mark.parametrize("version", [None, "", 0, 3, "3", 2**31 - 1])
def test_good_drafts_are_still_kept(client_for, staff, peggy, version):
    response = send(
        client_for("alice"),
        {"key": key_for(peggy), "fields": {"life_story": "Kingston, then Coventry"}, "version": version},
    )
    assert response.status_code == 200, response.content
    draft = Draft.objects.get(user=staff["alice"], key=key_for(peggy))
    assert draft.data == {"life_story": "Kingston, then Coventry"}
    assert draft.base_version == (None if version in (None, "") else int(version))


@pytest.mark.parametrize(
    "form",
    [
        "note:new",
        "note:12",
        "note:12:addendum",
        "assessment:3:conversation:new",
        "assessment:3:section:what_matters",
        "assessment:3:hand_over",
        "assessment:3:look:wellbeing:a",
    ],
)
def test_case_note_addendum_and_assessment_keys_are_accepted(client_for, staff, peggy, form):
    key = f"person:{peggy.pk}:{form}"
    assert send(client_for("alice"), {"key": key, "fields": {"text": "Saw the tomatoes"}}).status_code == 200
    assert Draft.objects.filter(user=staff["alice"], key=key).exists()


def test_discarding_with_a_nul_in_the_key_discards_nothing_and_goes_on(client_for, staff, peggy):
    alice = client_for("alice")
    send(alice, {"key": key_for(peggy), "fields": {"life_story": "Kingston"}})
    response = alice.post(reverse("core:discard_draft"), {"key": key_for(peggy) + "\u0000", "next": "/"})
    assert response.status_code == 302
    assert Draft.objects.filter(user=staff["alice"]).count() == 1
