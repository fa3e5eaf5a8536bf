"""Giving a reason to open a restricted record, how long it lasts, and what the access log keeps."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from whatsstrong.core import access
from whatsstrong.core.models import AccessEvent, AccessGrant

from .cases import age, supervisor_sets, switch_off


@pytest.fixture
def restricted_peggy(staff, peggy):
    supervisor_sets(staff, peggy, restricted=True)
    peggy.refresh_from_db()
    return peggy


def nothing_recorded():
    return not AccessGrant.objects.exists() and not AccessEvent.objects.exists()


@pytest.mark.parametrize(
    "reason",
    [
        "Duty desk",  # 9 characters
        "   Duty desk   ",  # 9 once the spaces around it are trimmed
        " " * 12,
        "\n\t  \n \t    ",
        "",
        None,
    ],
    ids=["9 characters", "9 padded with spaces", "only spaces", "only blank lines and tabs", "empty", "none given"],
)
def test_a_reason_shorter_than_10_characters_is_refused_and_nothing_is_recorded(staff, restricted_peggy, reason):
    with pytest.raises(ValueError, match="at least 10 characters"):
        access.grant_restricted_access(user=staff["bob"], record=restricted_peggy, reason=reason)
    assert nothing_recorded()
    assert not access.has_live_grant(staff["bob"], restricted_peggy)


@pytest.mark.parametrize("reason", ["Duty desk!", "  Duty desk!\n"], ids=["10 characters", "10 padded"])
def test_a_reason_of_10_characters_opens_the_record_and_is_logged_trimmed(staff, restricted_peggy, reason):
    grant = access.grant_restricted_access(
        user=staff["bob"], record=restricted_peggy, reason=reason, path="/people/1/restricted/"
    )
    assert grant.reason == "Duty desk!"
    assert access.has_live_grant(staff["bob"], restricted_peggy)
    assert access.view_decision(staff["bob"], restricted_peggy).allowed
    event = AccessEvent.objects.get()
    assert (event.user, event.object_id, event.action, event.reason, event.path) == (
        staff["bob"],
        restricted_peggy.pk,
        AccessEvent.Action.BREAK_GLASS,
        "Duty desk!",
        "/people/1/restricted/",
    )


@pytest.mark.parametrize("who", ["dina", "inactive bob"])
def test_someone_who_may_not_see_records_cannot_give_a_reason(staff, restricted_peggy, who):
    user = staff["dina"] if who == "dina" else staff["bob"]
    if who == "inactive bob":
        switch_off(user)
    with pytest.raises(PermissionDenied):
        access.grant_restricted_access(user=user, record=restricted_peggy, reason="Covering the duty desk today")
    assert nothing_recorded()


def test_a_grant_lasts_exactly_the_configured_minutes(staff, restricted_peggy, settings):
    settings.RESTRICTED_ACCESS_MINUTES = 15
    grant = access.grant_restricted_access(user=staff["bob"], record=restricted_peggy, reason="Duty desk cover today")
    assert grant.expires_at - grant.granted_at == timedelta(minutes=15)
    age(grant, timedelta(minutes=14, seconds=50))
    assert access.has_live_grant(staff["bob"], restricted_peggy)
    age(grant, timedelta(seconds=11))  # now 15 minutes and a second ago
    assert not access.has_live_grant(staff["bob"], restricted_peggy)
    assert access.view_decision(staff["bob"], restricted_peggy).needs_reason


def test_with_no_minutes_configured_a_reason_opens_nothing(staff, restricted_peggy, settings):
    settings.RESTRICTED_ACCESS_MINUTES = 0
    access.grant_restricted_access(user=staff["bob"], record=restricted_peggy, reason="Duty desk cover today")
    assert not access.has_live_grant(staff["bob"], restricted_peggy)


def test_a_grant_is_for_one_person_and_one_record(staff, restricted_peggy, make_person):
    rita = make_person(given_name="Rita", family_name="Hollis", preferred_name="", restricted=True)
    access.grant_restricted_access(user=staff["bob"], record=restricted_peggy, reason="Duty desk cover today")
    assert access.has_live_grant(staff["bob"], restricted_peggy)
    assert not access.has_live_grant(staff["sam"], restricted_peggy)
    assert not access.has_live_grant(staff["bob"], rita)


# What log_view writes
#  restricted  refused  logged as
LOG_ROWS = [
    (False, False, None),
    (True, False, AccessEvent.Action.VIEW_RESTRICTED),
    (False, True, AccessEvent.Action.REFUSED),
    (True, True, AccessEvent.Action.REFUSED),
]


@pytest.mark.parametrize("restricted, refused, action", LOG_ROWS)
def test_views_of_restricted_records_and_refusals_are_logged(staff, peggy, restricted, refused, action):
    if restricted:
        supervisor_sets(staff, peggy, restricted=True)
        peggy.refresh_from_db()
    event = access.log_view(user=staff["bob"], record=peggy, path="/people/1/", refused=refused)
    if action is None:
        assert event is None and not AccessEvent.objects.exists()
    else:
        stored = AccessEvent.objects.get()
        assert stored == event
        assert (stored.user, stored.object_id, stored.action, stored.path) == (
            staff["bob"],
            peggy.pk,
            action,
            "/people/1/",
        )
        assert list(access.access_log_for(peggy)) == [stored]


def test_a_view_is_not_logged_as_refused_unless_it_was(staff, peggy):
    assert access.log_view(user=staff["alice"], record=peggy) is None
    assert not AccessEvent.objects.exists()


def test_a_long_address_is_cut_to_what_the_log_holds(staff, restricted_peggy):
    long_path = "/people/1/" + "x" * 300
    access.log_view(user=staff["alice"], record=restricted_peggy, path=long_path)
    access.grant_restricted_access(
        user=staff["bob"], record=restricted_peggy, reason="Duty desk cover today", path=long_path
    )
    assert [len(e.path) for e in AccessEvent.objects.all()] == [255, 255]
    assert all(long_path.startswith(e.path) for e in AccessEvent.objects.all())
