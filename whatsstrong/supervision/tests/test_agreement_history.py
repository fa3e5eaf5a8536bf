"""The page of a peer group's agreement, version by version: newest first, who saved each and when,
what changed field by field in the fields' own words (members by name), one entry per save; read by
the members, the group's supervisor and quality leads, and no one else."""

import datetime

import pytest

from whatsstrong.supervision import queries, services

DAY = datetime.date(2026, 3, 9)


def agreement(**changes):
    return {
        "name": "North peers",
        "frequency": "Every six weeks",
        "duration": "90 minutes",
        "place": "",
        "preparation": "",
        "recording": "",
        "confidentiality": "",
        "apologies": "",
        "agreed_on": DAY,
    } | changes


@pytest.fixture
def changed(staff, nia, group):
    alice, carol = staff["alice"], staff["carol"]
    services.group_update(
        actor=alice,
        group_id=group.pk,
        expected_version=1,
        data=agreement(frequency="Every four weeks"),
        member_ids=[alice.pk, nia.pk, carol.pk],
    )
    services.group_update(
        actor=nia,
        group_id=group.pk,
        expected_version=2,
        data=agreement(frequency="Every four weeks", apologies="We go ahead with three or more."),
        member_ids=[alice.pk, nia.pk, carol.pk],
    )
    return group


def test_each_save_is_one_version_newest_first_with_what_changed(changed):
    versions = queries.agreement_versions(changed.pk)
    assert [v.number for v in versions] == [3, 2, 1]
    newest, members_changed, first = versions
    assert newest.entry.by == "Nia Test"
    assert newest.entry.changes == [("When people send apologies", "", "We go ahead with three or more.")]
    # The fields and the members saved together: one entry, though simple-history kept two rows.
    assert members_changed.entry.by == "Alice Test"
    assert members_changed.entry.changes == [
        ("Members", "Alice Test, Nia Test", "Alice Test, Carol Test, Nia Test"),
        ("How often it meets", "Every six weeks", "Every four weeks"),
    ]
    assert first.entry.by == "Carol Test" and first.entry.changes == []
    assert first.first == [
        ("Name of the group", "North peers"),
        ("Members", "Alice Test, Nia Test"),
        ("Supervisor", "Carol Test"),
        ("How often it meets", "Every six weeks"),
        ("How long each session lasts", "90 minutes"),
        ("Date agreed", "9 Mar 2026"),
    ]
    assert newest.entry.at >= members_changed.entry.at >= first.entry.at


def test_the_page_from_the_group_page(client_for, changed):
    client = client_for("alice")
    url = f"/supervision/groups/{changed.pk}/history/"
    assert f'href="{url}"' in client.get(changed.get_absolute_url()).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Version 3") < html.index("Version 2") < html.index("Version 1")
    assert "Changed by Nia Test" in html and "Agreed by Carol Test" in html
    assert "We go ahead with three or more." in html and "Alice Test, Carol Test, Nia Test" in html
    assert "How often it meets" in html and "Every four weeks" in html


@pytest.mark.parametrize("who, status", [("carol", 200), ("quinn", 200), ("bob", 404), ("sam", 404), ("lee", 404)])
def test_who_reads_the_versions(client_for, changed, who, status):
    assert client_for(who).get(f"/supervision/groups/{changed.pk}/history/").status_code == status


def test_no_such_group(client_for, changed):
    assert client_for("alice").get(f"/supervision/groups/{changed.pk + 99}/history/").status_code == 404
