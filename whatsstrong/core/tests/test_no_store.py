"""No browser or shared cache keeps a copy of what the app sends: the back button after signing
out, or the next person at the same computer, finds nothing. Static files keep their long cache."""

import json

import pytest
from django.urls import reverse

from whatsstrong.core.models import ApiToken


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


def test_a_persons_record_is_never_stored_by_a_cache(client_for, peggy):
    response = client_for("alice").get(peggy.get_absolute_url())
    assert response.status_code == 200 and no_store(response)


@pytest.mark.parametrize("page", ["home", "people:search", "people:new", "core:access_log"])
def test_every_page_for_someone_signed_in_is_never_stored(client_for, page):
    response = client_for("carol").get(reverse(page))
    assert response.status_code == 200 and no_store(response)


def test_edit_pages_and_their_errors_are_never_stored(client_for, peggy):
    alice = client_for("alice")
    url = reverse("people:edit", args=[peggy.pk, "who-i-am"])
    assert no_store(alice.get(url))
    assert no_store(alice.post(url, {"version": "not a number"}))


def test_the_redirect_after_a_save_is_never_stored(client_for, peggy):
    response = client_for("alice").post(
        reverse("conversations:add_note", args=[peggy.pk]),
        {
            "happened_on_0": "3",
            "happened_on_1": "11",
            "happened_on_2": "2026",
            "kind": "visit",
            "present": "Peggy",
            "text": "Peggy showed me her tomatoes.",
            "version": "",
        },
    )
    assert response.status_code == 302 and no_store(response)


def test_api_answers_to_a_token_are_never_stored(client, staff, peggy):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    response = client.get(f"/api/people/{peggy.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and no_store(response)


def test_the_drafts_endpoint_is_never_stored(client_for, peggy):
    response = client_for("alice").post(
        reverse("core:save_draft"),
        json.dumps({"key": f"person:{peggy.pk}:who-i-am", "fields": {"life_story": "Kingston"}}),
        content_type="application/json",
    )
    assert response.status_code == 200 and no_store(response)


def test_pages_for_someone_not_signed_in_are_never_stored_either(client, peggy):
    # Nothing the app draws is worth caching, and a rule about who is signed in would miss a page
    # drawn just after the sign-in ended.
    assert no_store(client.get(reverse("login")))
    assert no_store(client.get(peggy.get_absolute_url()))  # the redirect to sign in
    assert no_store(client.get("/no-such-page/"))


def test_static_files_keep_their_own_cache_headers(client):
    response = client.get("/static/drafts.js")
    assert response.status_code == 200
    assert not no_store(response) and "max-age" in response["Cache-Control"]
