"""Who may call the API: a named staff member, by token or signed in; never anyone anonymous."""

import io
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from whatsstrong.core.models import ApiToken
from whatsstrong.people.models import Person

pytestmark = pytest.mark.django_db

NEW_PERSON = {"given_name": "Joseph", "family_name": "Mensah"}
A_PAST_DAY = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def every_operation():
    """(method, path) for each operation in the API's own OpenAPI schema, so a new one is covered too."""
    from whatsstrong.api import api

    return [(method, path) for path, operations in api.get_openapi_schema()["paths"].items() for method in operations]


@pytest.mark.parametrize("method, path", every_operation())
@pytest.mark.parametrize("token", [None, "not-a-token-anyone-was-given"])
def test_every_operation_refuses_a_caller_without_a_good_token_with_a_json_401(peggy, method, path, token):
    # CSRF is enforced as in a real browser: a write with no one signed in is a 401, not a CSRF 403.
    client = Client(enforce_csrf_checks=True)
    # Any other record number in the path is 1: the caller is refused before anything is looked up.
    url = path.format_map(defaultdict(lambda: 1, person_id=peggy.pk, key="hand_over"))
    response = getattr(client, method)(
        url, NEW_PERSON, content_type="application/json", **(bearer(token) if token else {})
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    # No token: say how to send one. A wrong one: say it is not recognised.
    assert ("Bearer" if token is None else "not recognised") in response.json()["detail"]
    assert "Bearer" in response["WWW-Authenticate"]
    assert Person.objects.count() == 1


def test_a_bearer_token_acts_as_its_staff_member(client, staff, peggy):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    response = client.get("/api/people", **bearer(raw))
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [peggy.pk]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_change_by_token_is_recorded_against_its_staff_member(client, staff, peggy):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    response = client.patch(
        f"/api/people/{peggy.pk}", {"version": 1, "pronouns": "she/her"}, content_type="application/json", **bearer(raw)
    )
    assert response.status_code == 200
    assert peggy.history.order_by("-history_date").first().history_user == staff["alice"]


def test_a_token_carries_its_staff_members_access(client, staff, peggy):
    raw = ApiToken.issue(user=staff["dina"], name="Directory tool")
    assert client.get(f"/api/people/{peggy.pk}", **bearer(raw)).status_code == 403


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        ("revoke", "This API token was revoked on 1 March 2025. Ask an administrator for a new one."),
        ("expire", "This API token expired on 1 March 2025. Ask an administrator for a new one."),
        ("deactivate", "The staff member this API token acts for can no longer sign in"),
        ("wrong", "This API token is not recognised"),
        ("scheme", "Send an API token as 'Authorization: Bearer <token>'"),
    ],
)
def test_a_spoilt_token_is_refused_saying_why(client, staff, peggy, spoil, says):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    headers = bearer(raw)
    if spoil == "revoke":
        ApiToken.objects.update(revoked_at=A_PAST_DAY)
    elif spoil == "expire":
        ApiToken.objects.update(expires_at=A_PAST_DAY)
    elif spoil == "deactivate":
        staff["alice"].is_active = False
        staff["alice"].save()
    elif spoil == "wrong":
        headers = bearer(raw[:-2] + "xx")
    else:
        headers = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    response = client.get("/api/people", **headers)
    assert response.status_code == 401
    assert response.json()["detail"].startswith(says) and "items" not in response.json()
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert ApiToken.objects.get().last_used_at is None


def test_a_token_works_until_it_expires(client, staff, peggy, settings):
    settings.API_TOKEN_DAYS = 30
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == timedelta(days=30)
    ApiToken.objects.update(expires_at=timezone.now() + timedelta(seconds=30))
    assert client.get("/api/people", **bearer(raw)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/people", **bearer(raw)).status_code == 401


def test_signed_in_writes_need_the_csrf_token_but_token_writes_do_not(staff):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff["alice"], backend="whatsstrong.core.backends.StaffBackend")
    assert browser.get("/api/people").status_code == 200  # reads are safe without it
    forged = browser.post("/api/people", NEW_PERSON, content_type="application/json")
    assert forged.status_code == 403
    assert not Person.objects.exists()

    browser.get("/people/")  # any page sets the CSRF cookie
    signed = browser.post(
        "/api/people", NEW_PERSON, content_type="application/json", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value
    )
    assert signed.status_code == 201, signed.content

    system = Client(enforce_csrf_checks=True)
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    assert system.post("/api/people", NEW_PERSON, content_type="application/json", **bearer(raw)).status_code == 201
    assert Person.objects.count() == 2


def test_the_command_prints_a_working_token_once(staff, settings):
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_api_token", "alice", "--name", "Care records sync", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert ApiToken.user_for(raw) == staff["alice"]
    token = ApiToken.objects.get()
    assert token.name == "Care records sync" and raw not in token.token_hash
    assert token.expires_at - token.created_at == timedelta(days=settings.API_TOKEN_DAYS) == timedelta(days=90)
    assert "only this once" in err.getvalue() and "working until" in err.getvalue()


def test_the_command_issues_a_token_for_the_days_asked(staff):
    call_command(
        "issue_api_token",
        "alice",
        "--name",
        "Care records sync",
        "--days",
        "7",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == timedelta(days=7)


@pytest.mark.parametrize("days", ["0", "-3"])
def test_the_command_refuses_a_lifetime_under_a_day(staff, days):
    with pytest.raises(CommandError, match="1 or more"):
        call_command("issue_api_token", "alice", "--name", "X", "--days", days, stdout=io.StringIO())
    assert not ApiToken.objects.exists()


def test_the_command_refuses_an_unknown_or_inactive_user(staff):
    with pytest.raises(CommandError):
        call_command("issue_api_token", "nobody", "--name", "X", stdout=io.StringIO())
    staff["bob"].is_active = False
    staff["bob"].save()
    with pytest.raises(CommandError):
        call_command("issue_api_token", "bob", "--name", "X", stdout=io.StringIO())
    assert not ApiToken.objects.exists()


# --- revoking ----------------------------------------------------------------------------------


def test_revoking_by_id_refuses_that_token_and_keeps_it_as_a_record(client, staff, peggy):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    other = ApiToken.issue(user=staff["alice"], name="Directory tool")
    token = ApiToken.objects.get(name="Care records sync")
    out = io.StringIO()
    call_command("revoke_api_token", "--id", str(token.pk), stdout=out)
    assert f"Revoked token {token.pk}: Care records sync, acting for" in out.getvalue()
    response = client.get("/api/people", **bearer(raw))
    assert response.status_code == 401 and "revoked on" in response.json()["detail"]
    assert client.get("/api/people", **bearer(other)).status_code == 200
    assert ApiToken.objects.count() == 2


def test_revoking_by_name_refuses_every_token_for_that_system(client, staff, peggy):
    first = ApiToken.issue(user=staff["alice"], name="Care records sync")
    second = ApiToken.issue(user=staff["carol"], name="Care records sync")
    out = io.StringIO()
    call_command("revoke_api_token", "--name", "Care records sync", stdout=out)
    assert out.getvalue().count("Revoked token") == 2
    assert client.get("/api/people", **bearer(first)).status_code == 401
    assert client.get("/api/people", **bearer(second)).status_code == 401


def test_revoking_says_when_there_is_nothing_to_revoke(staff):
    ApiToken.issue(user=staff["alice"], name="Care records sync")
    token = ApiToken.objects.get()
    with pytest.raises(CommandError, match="No API token with id 999"):
        call_command("revoke_api_token", "--id", "999", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No API token with name 'Sync'"):
        call_command("revoke_api_token", "--name", "Sync", stdout=io.StringIO())
    call_command("revoke_api_token", "--id", str(token.pk), stdout=io.StringIO())
    revoked_at = ApiToken.objects.get().revoked_at
    with pytest.raises(CommandError, match="already revoked"):
        call_command("revoke_api_token", "--id", str(token.pk), stdout=io.StringIO())
    assert ApiToken.objects.get().revoked_at == revoked_at


def test_revoking_needs_an_id_or_a_name(staff):
    with pytest.raises(CommandError):
        call_command("revoke_api_token", stdout=io.StringIO())


# --- the admin ---------------------------------------------------------------------------------


def test_the_admin_lists_tokens_with_who_what_and_when(client_for, staff):
    ApiToken.issue(user=staff["alice"], name="Care records sync")
    ApiToken.issue(user=staff["carol"], name="Directory tool")
    ApiToken.objects.filter(name="Directory tool").update(revoked_at=A_PAST_DAY)
    body = client_for("adam").get("/admin/core/apitoken/").content.decode()
    for text in [
        "Staff member",
        "System",
        "Created",
        "Last used",
        "Expires",
        "Revoked",
        "Status",
        "Care records sync",
        "Directory tool",
        "alice",
        "carol",
        "Active",
        "Revoke selected tokens",
    ]:
        assert text in body, text
    assert "Add API token" not in body and "Delete selected" not in body


def test_the_admin_revokes_selected_tokens(client_for, staff, peggy):
    raw = ApiToken.issue(user=staff["alice"], name="Care records sync")
    kept = ApiToken.issue(user=staff["alice"], name="Directory tool")
    token = ApiToken.objects.get(name="Care records sync")
    admin = client_for("adam")
    response = admin.post("/admin/core/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True)
    assert "Revoked 1 token. The system using it is now refused." in response.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert admin.get("/api/people", **bearer(raw)).status_code == 401
    assert admin.get("/api/people", **bearer(kept)).status_code == 200


def test_the_admin_cannot_add_edit_or_delete_a_token(client_for, staff):
    ApiToken.issue(user=staff["alice"], name="Care records sync")
    token = ApiToken.objects.get()
    admin = client_for("adam")
    assert admin.get("/admin/core/apitoken/add/").status_code == 403
    assert admin.get(f"/admin/core/apitoken/{token.pk}/delete/").status_code == 403
    page = admin.get(f"/admin/core/apitoken/{token.pk}/change/").content.decode()
    assert "Care records sync" in page and token.token_hash not in page and 'name="name"' not in page
    admin.post(f"/admin/core/apitoken/{token.pk}/change/", {"name": "Changed", "revoked_at": ""})
    assert ApiToken.objects.get().name == "Care records sync"
