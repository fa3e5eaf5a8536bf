"""Writing in progress survives a timeout or lost connection and is offered back."""

import json

from django.urls import reverse

from whatsstrong.core.drafts import get_draft


def save(client, key, fields, version=1):
    return client.post(
        reverse("core:save_draft"),
        json.dumps({"key": key, "fields": fields, "version": version}),
        content_type="application/json",
    )


def test_a_draft_is_kept_offered_back_restored_and_cleared_by_saving(client_for, staff, peggy):
    alice = client_for("alice")
    key = f"person:{peggy.pk}:who-i-am"
    assert save(alice, key, {"life_story": "Grew up in Kingston, came to Coventry in 1962"}).status_code == 200
    url = reverse("people:edit", args=[peggy.pk, "who-i-am"])
    page = alice.get(url).content.decode()
    assert "Unsaved writing" in page and "Put my unsaved writing back" in page
    restored = alice.get(url + "?restore=1").content.decode()
    assert "Grew up in Kingston, came to Coventry in 1962</textarea>" in restored
    alice.post(
        url,
        {
            "life_story": "Grew up in Kingston, came to Coventry in 1962",
            "preferred_language": "English",
            "version": peggy.version,
        },
    )
    assert get_draft(user=staff["alice"], key=key) is None


def test_drafts_are_private_to_their_writer(client_for, staff, peggy):
    save(client_for("alice"), f"person:{peggy.pk}:who-i-am", {"life_story": "Alice's notes"})
    page = client_for("carol").get(reverse("people:edit", args=[peggy.pk, "who-i-am"])).content.decode()
    assert "Unsaved writing" not in page


def test_a_malformed_draft_is_refused_with_a_reason(client_for):
    alice = client_for("alice")
    response = alice.post(reverse("core:save_draft"), "not json", content_type="application/json")
    assert response.status_code == 400 and "key" in response.json()["error"]
    assert save(alice, "../../etc", {"x": "y"}).json()["field"] == "key"


def test_discarding_a_draft_removes_it(client_for, staff, peggy):
    alice = client_for("alice")
    key = f"person:{peggy.pk}:who-i-am"
    save(alice, key, {"life_story": "Something"})
    response = alice.post(reverse("core:discard_draft"), {"key": key, "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert get_draft(user=staff["alice"], key=key) is None


def test_a_draft_sent_after_the_sign_in_ended_is_refused_not_redirected(client):
    response = save(client, "person:1:who-i-am", {"life_story": "x"})
    assert response.status_code == 401 and "kept on this device" in response.json()["error"]


def saved_keys_on(page):
    import html
    import re

    found = re.search(r"data-drafts-saved='([^']*)'", page)
    return json.loads(html.unescape(found.group(1))) if found else None


def test_the_page_after_a_save_tells_the_browser_which_draft_to_drop_and_only_once(client_for, staff, peggy):
    alice = client_for("alice")
    response = alice.post(
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
        follow=True,
    )
    page = response.content.decode()
    assert "Case note saved." in page
    assert saved_keys_on(page) == [f"person:{peggy.pk}:note:new"]
    assert f'data-user-id="{staff["alice"].pk}"' in page
    assert saved_keys_on(alice.get(peggy.get_absolute_url()).content.decode()) == []


def test_a_save_that_is_refused_does_not_drop_the_draft(client_for, peggy):
    alice = client_for("alice")
    alice.post(reverse("conversations:add_note", args=[peggy.pk]), {"text": "", "version": ""})
    assert saved_keys_on(alice.get(peggy.get_absolute_url()).content.decode()) == []


def test_a_hint_drawn_between_the_save_and_the_next_page_leaves_the_keys_for_that_page(client_for, peggy):
    alice = client_for("alice")
    url = reverse("people:edit", args=[peggy.pk, "who-i-am"])
    alice.post(
        url, {"life_story": "Kingston, then Coventry", "preferred_language": "English", "version": peggy.version}
    )
    hint = alice.post(
        reverse("coach:check"), {"coach_field": "life_story", "life_story": "She suffers from arthritis."}
    )
    assert hint.status_code == 200 and "suffers from" in hint.content.decode()
    assert saved_keys_on(alice.get(peggy.get_absolute_url()).content.decode()) == [f"person:{peggy.pk}:who-i-am"]


def test_no_one_signed_in_means_no_user_on_the_page(client):
    page = client.get(reverse("login")).content.decode()
    assert "data-user-id" not in page and "drafts.js" not in page
