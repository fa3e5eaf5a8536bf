"""Who may call the API: a named staff member, by token or signed in; never anyone anonymous."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from whatsstrong.core.models import ApiToken
from whatsstrong.people.models import Person

pytestmark = pytest.mark.django_db

NEW_PERSON = {"given_name": "Joseph", "family_name": "Mensah"}


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def every_operation():
    """(method, path) for each operation in the API's own OpenAPI schema, so a new one is covered too."""
    from whatsstrong.api import api

    return [(method, path) for path, operations in api.get_openapi_schema()["paths"].items()
            for method in operations]


@pytest.mark.parametrize("method, path", every_operation())
@pytest.mark.parametrize("token", [None, "not-a-token-anyone-was-given"])
def test_every_operation_refuses_a_caller_without_a_good_token_with_a_json_401(peggy, method, path, token):
    # CSRF is enforced as in a real browser: a write with no one signed in is a 401, not a CSRF 403.
    client = Client(enforce_csrf_checks=True)
    url = path.format(person_id=peggy.pk, member_id=1, asset_id=1)
    response = getattr(client, method)(url, NEW_PERSON, content_type="application/json",
                                       **(bearer(token) if token else {}))
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Bearer" in response.json()["detail"] and "Bearer" in response["WWW-Authenticate"]
    assert Person.objects.count() == 1


def test_a_bearer_token_acts_as_its_staff_member(client, staff, peggy):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    response = client.get("/api/people", **bearer(raw))
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [peggy.pk]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_change_by_token_is_recorded_against_its_staff_member(client, staff, peggy):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    response = client.patch(f"/api/people/{peggy.pk}", {"version": 1, "pronouns": "she/her"},
                            content_type="application/json", **bearer(raw))
    assert response.status_code == 200
    assert peggy.history.order_by("-history_date").first().history_user == staff["alice"]


def test_a_token_carries_its_staff_members_access(client, staff, peggy):
    raw = ApiToken.issue(user=staff["dina"], name="Directory tool")
    assert client.get(f"/api/people/{peggy.pk}", **bearer(raw)).status_code == 403


@pytest.mark.parametrize("spoil", ["revoke", "deactivate", "wrong", "scheme"])
def test_a_spoilt_token_is_refused(client, staff, peggy, spoil):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    headers = bearer(raw)
    if spoil == "revoke":
        ApiToken.objects.update(revoked_at=timezone.now())
    elif spoil == "deactivate":
        staff["alice"].is_active = False
        staff["alice"].save()
    elif spoil == "wrong":
        headers = bearer(raw[:-2] + "xx")
    else:
        headers = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    response = client.get("/api/people", **headers)
    assert response.status_code == 401
    assert "detail" in response.json() and "items" not in response.json()


def test_signed_in_writes_need_the_csrf_token_but_token_writes_do_not(staff):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff["alice"], backend="whatsstrong.core.backends.StaffBackend")
    assert browser.get("/api/people").status_code == 200  # reads are safe without it
    forged = browser.post("/api/people", NEW_PERSON, content_type="application/json")
    assert forged.status_code == 403
    assert not Person.objects.exists()

    browser.get("/people/")  # any page sets the CSRF cookie
    signed = browser.post("/api/people", NEW_PERSON, content_type="application/json",
                          HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert signed.status_code == 201, signed.content

    system = Client(enforce_csrf_checks=True)
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    assert system.post("/api/people", NEW_PERSON, content_type="application/json", **bearer(raw)).status_code == 201
    assert Person.objects.count() == 2


def test_the_command_prints_a_working_token_once(staff):
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_api_token", "alice", "--name", "Care records sync", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert ApiToken.user_for(raw) == staff["alice"]
    token = ApiToken.objects.get()
    assert token.name == "Care records sync" and raw not in token.token_hash
    assert "only this once" in err.getvalue()


def test_the_command_refuses_an_unknown_or_inactive_user(staff):
    with pytest.raises(CommandError):
        call_command("issue_api_token", "nobody", "--name", "X", stdout=io.StringIO())
    staff["bob"].is_active = False
    staff["bob"].save()
    with pytest.raises(CommandError):
        call_command("issue_api_token", "bob", "--name", "X", stdout=io.StringIO())
    assert not ApiToken.objects.exists()
