"""The admin holds what administrators administer; people's records are reached only through pages."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from whatsstrong.core.models import User
from whatsstrong.people.models import Person


def belongs_to_a_person(model):
    return model is Person or any(f.related_model is Person for f in model._meta.concrete_fields if f.is_relation)


def test_no_part_of_anyones_record_is_in_the_admin():
    registered = set(admin.site._registry)
    held = [m._meta.label for m in apps.get_models() if belongs_to_a_person(m) and m in registered]
    assert held == []
    assert not any(m._meta.label == "core.AccessEvent" for m in registered)  # the log is read on its own page


@pytest.mark.parametrize(
    "path", ["people/person/", "conversations/casenote/", "core/accessevent/", "people/networkmember/", "people/asset/"]
)
def test_an_administrator_cannot_open_records_or_the_log_in_the_admin(client_for, path):
    assert client_for("adam").get(f"/admin/{path}").status_code == 404


def test_staff_are_deactivated_never_deleted(client_for, staff, peggy):
    adam = client_for("adam")
    alice = staff["alice"]
    assert adam.get(reverse("admin:core_user_delete", args=[alice.pk])).status_code == 403
    listing = adam.get(reverse("admin:core_user_changelist")).content.decode()
    assert 'value="delete_selected"' not in listing and 'value="deactivate"' in listing
    response = adam.post(
        reverse("admin:core_user_changelist"), {"action": "deactivate", "_selected_action": [alice.pk]}, follow=True
    )
    body = response.content.decode()
    assert "Alice Test still has 1 person allocated" in body
    alice.refresh_from_db()
    peggy.refresh_from_db()
    assert alice.is_active is False and peggy.allocated_worker_id == alice.pk
    assert peggy.history.earliest().history_user_id == alice.pk


def test_a_deactivated_member_of_staff_cannot_sign_in_or_use_the_product(client, staff):
    from conftest import PASSWORD

    User.objects.filter(pk=staff["alice"].pk).update(is_active=False)
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert client.get(reverse("home")).status_code == 302


def test_teams_cannot_be_deleted(client_for, teams):
    assert client_for("adam").get(reverse("admin:core_team_delete", args=[teams["north"].pk])).status_code == 403
