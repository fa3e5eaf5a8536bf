"""Several network members and strengths on one page: blank rows left out, another row without
losing anything, all or nothing on a mistake, no strength typed twice, and only for those who
may change the record."""

import html
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from whatsstrong.people import services
from whatsstrong.people.forms import ROW_LIMIT
from whatsstrong.people.models import Asset, NetworkMember

BLANK_MEMBER = {"kind": "family", "closeness": "2"}  # a network row as drawn: the choices' defaults


def page(person):
    return reverse("people:add_strengths_and_network", args=[person.pk])


def form_data(members=(), strengths=(), *, network_rows=3, strength_rows=3, **extra):
    """What the page posts: `members` and `strengths` fill the first rows, the rest stay as drawn."""
    data = {
        "network-TOTAL_FORMS": str(max(network_rows, len(members))),
        "network-INITIAL_FORMS": "0",
        "strengths-TOTAL_FORMS": str(max(strength_rows, len(strengths))),
        "strengths-INITIAL_FORMS": "0",
    }
    for n in range(max(network_rows, len(members))):
        row = {**BLANK_MEMBER, **(members[n] if n < len(members) else {})}
        data |= {f"network-{n}-{name}": value for name, value in row.items()}
    for n, row in enumerate(strengths):
        data |= {f"strengths-{n}-{name}": value for name, value in row.items()}
    return data | extra


JOY = {"name": "Joy Okafor", "relationship": "daughter", "closeness": "1", "what_they_bring": "Sunday visits"}
CHOIR = {"name": "St Mary's choir", "relationship": "choir", "kind": "community", "closeness": "3"}
GARDEN = {"description": "Grows her own vegetables", "level": "own", "in_their_words": "on"}
JOY_DATA = {"name": "Joy Okafor", "relationship": "daughter"}  # for the service, without the form's choices
LIBRARY = {"description": "The library's knit and natter group", "level": "community"}


def summary_links(response):
    """(href, text) of each link in the error summary."""
    body = response.content.decode()
    block = body[body.index("govuk-error-summary__list") :]
    block = block[: block.index("</ul>")]
    return [(href, html.unescape(text)) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)]


def test_the_page_offers_blank_rows_three_people_and_six_strengths(client_for, peggy):
    body = client_for("alice").get(page(peggy)).content.decode()
    assert [body.count(f'name="network-{n}-name"') for n in range(4)] == [1, 1, 1, 0]
    assert [body.count(f'name="strengths-{n}-description"') for n in range(7)] == [1, 1, 1, 1, 1, 1, 0]
    assert '<h1 class="govuk-heading-l">Add Peggy\'s strengths and network</h1>' in body


def test_filled_rows_are_saved_and_blank_rows_left_out(client_for, peggy):
    response = client_for("alice").post(page(peggy), form_data([JOY, {}, CHOIR], [GARDEN, {}, LIBRARY]))
    assert response.status_code == 302 and response["Location"] == peggy.get_absolute_url()
    members = NetworkMember.objects.filter(person=peggy).order_by("pk")
    assert [(m.name, m.relationship, m.kind, m.closeness) for m in members] == [
        ("Joy Okafor", "daughter", "family", 1),
        ("St Mary's choir", "choir", "community", 3),
    ]
    strengths = Asset.objects.filter(person=peggy).order_by("pk")
    assert [(a.description, a.level, a.in_their_words) for a in strengths] == [
        ("Grows her own vegetables", "own", True),
        ("The library's knit and natter group", "community", False),
    ]


def test_it_says_what_was_added(client_for, peggy):
    response = client_for("alice").post(page(peggy), form_data([JOY], [GARDEN, LIBRARY]), follow=True)
    assert "Added 1 person to Peggy&#39;s network and 2 strengths." in response.content.decode()


def test_saving_and_going_on_opens_who_they_are(client_for, peggy):
    response = client_for("alice").post(page(peggy), form_data([JOY], [GARDEN], then="who-i-am"))
    assert response["Location"] == reverse("people:edit", args=[peggy.pk, "who-i-am"])
    assert NetworkMember.objects.filter(person=peggy).count() == 1


@pytest.mark.parametrize("which, rows_after", [("network", (4, 3)), ("strengths", (3, 4))])
def test_another_row_keeps_everything_typed_and_saves_nothing(client_for, peggy, which, rows_after):
    data = form_data([JOY], [{"description": "Makes everyone laugh"}, {"level": "network"}], add_row=which)
    response = client_for("alice").post(page(peggy), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert [body.count(f'name="network-{n}-relationship"') for n in range(5)].count(1) == rows_after[0]
    assert [body.count(f'name="strengths-{n}-description"') for n in range(5)].count(1) == rows_after[1]
    assert 'value="Joy Okafor"' in body and 'value="daughter"' in body and "Sunday visits" in body
    assert 'value="Makes everyone laugh"' in body
    assert re.search(r'name="strengths-1-level" type="radio" value="network" checked', body)
    assert re.search(r'value="1" selected>Closest to them', body)
    assert "govuk-error-summary" not in body and "Error:" not in body  # the half-typed rows are not judged yet
    new_row = f"{which}-{rows_after[0 if which == 'network' else 1] - 1}"
    assert re.search(rf'name="{new_row}-(name|description)"[^>]*autofocus', body)
    assert not NetworkMember.objects.filter(person=peggy).exists() and not Asset.objects.filter(person=peggy).exists()


def test_rows_added_again_can_still_be_left_blank(client_for, peggy):
    """Rows drawn again after "Add another" are offered like new ones: empty, they are left out."""
    client = client_for("alice")
    client.post(page(peggy), form_data([JOY], [GARDEN], add_row="strengths"))
    response = client.post(page(peggy), form_data([JOY], [GARDEN], network_rows=3, strength_rows=4))
    assert response.status_code == 302
    assert NetworkMember.objects.filter(person=peggy).count() == 1 and Asset.objects.filter(person=peggy).count() == 1


@pytest.mark.parametrize(
    "members, strengths, link, message",
    [
        ([JOY], [GARDEN, {"level": "own"}], "#id_strengths-1-description", "Strength 2: enter what the strength is"),
        (
            [JOY],
            [{"description": "Sings in the choir"}],
            "#id_strengths-0-level_0",
            "Strength 1: choose whose strength it is",
        ),
        ([JOY, {"relationship": "neighbour"}], [GARDEN], "#id_network-1-name", "Person 2: enter their name"),
        (
            [{"name": "Dev"}],
            [GARDEN],
            "#id_network-0-relationship",
            "Person 1: enter how they know Peggy, for example daughter or neighbour",
        ),
        ([{**JOY, "closeness": "9"}], [], "#id_network-0-closeness", "Person 1: select a valid choice."),
        ([], [{**GARDEN, "level": "moon"}], "#id_strengths-0-level_0", "Strength 1: select a valid choice."),
        ([], [], "#id_network-0-name", "Person 1: enter someone in their network or a strength before saving"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_saved(client_for, peggy, members, strengths, link, message):
    response = client_for("alice").post(page(peggy), form_data(members, strengths))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: " in body
    found = summary_links(response)
    assert any(href == link and text.startswith(message) for href, text in found), found
    assert f'id="{link[1:]}"' in body  # the link lands on the field
    assert not NetworkMember.objects.filter(person=peggy).exists() and not Asset.objects.filter(person=peggy).exists()
    for row in members:  # nothing typed is lost
        for value in row.values():
            if len(value) > 2:
                assert html.escape(value) in body


def test_too_many_rows_are_refused_with_a_message(client_for, peggy):
    response = client_for("alice").post(page(peggy), form_data([JOY], [GARDEN], network_rows=ROW_LIMIT + 1))
    assert response.status_code == 200
    assert any(href == "#network" for href, _ in summary_links(response))
    assert not NetworkMember.objects.filter(person=peggy).exists()


# --- The same strength is never typed twice ------------------------------------------------------


@pytest.fixture
def peggy_gardens(peggy, staff):
    services.asset_save(
        actor=staff["alice"], person=peggy, data={"description": "Grows her own vegetables", "level": "own"}
    )
    return peggy


@pytest.mark.parametrize(
    "typed, level, refused",
    [
        ("Grows her own vegetables", "own", True),
        ("  grows HER own\tvegetables ", "own", True),
        ("Grows her own vegetables", "network", False),  # the same words at another level are another strength
        ("Grows her own vegetables and herbs", "own", False),
    ],
)
def test_a_strength_already_recorded_is_refused_at_its_level(client_for, peggy_gardens, typed, level, refused):
    response = client_for("alice").post(page(peggy_gardens), form_data([JOY], [{"description": typed, "level": level}]))
    if refused:
        assert ("#id_strengths-0-description", "Strength 1: this strength is already recorded at this level") in (
            summary_links(response)
        )
        assert Asset.objects.filter(person=peggy_gardens).count() == 1
        assert not NetworkMember.objects.filter(person=peggy_gardens).exists()  # all or nothing
    else:
        assert response.status_code == 302
        assert Asset.objects.filter(person=peggy_gardens).count() == 2


def test_the_same_strength_twice_on_the_page_is_refused(client_for, peggy):
    strengths = [LIBRARY, GARDEN, {"description": "grows her OWN vegetables", "level": "own"}]
    response = client_for("alice").post(page(peggy), form_data([], strengths))
    assert ("#id_strengths-2-description", "Strength 3: this is the same as strength 2") in summary_links(response)
    assert not Asset.objects.filter(person=peggy).exists()


def test_the_service_refuses_a_repeat_saved_since_the_page_was_checked(peggy_gardens, staff):
    with pytest.raises(services.RepeatedStrengths) as refused:
        services.strengths_and_network_add(
            actor=staff["alice"],
            person=peggy_gardens,
            members=[{"name": "Joy", "relationship": "daughter"}],
            strengths=[
                {"description": "Sings", "level": "own"},
                {"description": "GROWS her own vegetables", "level": "own"},
            ],
        )
    assert refused.value.repeats == {1: None}
    assert Asset.objects.filter(person=peggy_gardens).count() == 1
    assert not NetworkMember.objects.filter(person=peggy_gardens).exists()


def test_a_repeat_saved_by_someone_else_meanwhile_is_named_on_its_row(client_for, peggy_gardens, monkeypatch):
    """The form checked against the strengths as they were; the service checks again, row locked."""
    from whatsstrong.people import queries

    monkeypatch.setattr(queries, "strength_words", lambda person_id: [])  # as read before the other save
    response = client_for("alice").post(
        page(peggy_gardens), form_data([JOY], [LIBRARY, {"description": "grows her own vegetables", "level": "own"}])
    )
    assert ("#id_strengths-1-description", "Strength 2: this strength is already recorded at this level") in (
        summary_links(response)
    )
    assert Asset.objects.filter(person=peggy_gardens).count() == 1
    assert not NetworkMember.objects.filter(person=peggy_gardens).exists()


def test_a_failure_part_way_saves_nothing(client_for, peggy, monkeypatch):
    """One transaction for the page: the network members saved before a strength failed are undone."""

    def failing(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "asset_save", failing)
    with pytest.raises(RuntimeError):
        client_for("alice").post(page(peggy), form_data([JOY, CHOIR], [GARDEN]))
    assert not NetworkMember.objects.filter(person=peggy).exists()


# --- Who may add, and what the history says ------------------------------------------------------


@pytest.mark.parametrize("persona", ["bob", "quinn", "lee", "dina", "adam"])
def test_it_refuses_anyone_who_may_not_change_the_record(client_for, peggy, persona):
    client = client_for(persona)
    assert client.get(page(peggy)).status_code == 403
    assert client.post(page(peggy), form_data([JOY], [GARDEN])).status_code == 403
    assert not NetworkMember.objects.filter(person=peggy).exists() and not Asset.objects.filter(person=peggy).exists()


def test_the_team_supervisor_may_add(client_for, peggy):
    assert client_for("carol").post(page(peggy), form_data([JOY], [GARDEN])).status_code == 302


def test_the_service_decides_on_the_record_as_stored(peggy, staff, teams):
    """A copy of the person from before they moved team does not let their old team add to them."""
    stale = type(peggy).objects.get(pk=peggy.pk)
    services.person_update(
        actor=staff["carol"],
        person_id=peggy.pk,
        expected_version=peggy.version,
        data={"team": teams["south"], "allocated_worker": staff["bob"]},
    )
    with pytest.raises(PermissionDenied):
        services.strengths_and_network_add(actor=staff["alice"], person=stale, members=[JOY_DATA], strengths=[])
    assert not NetworkMember.objects.filter(person=peggy).exists()


def test_each_addition_has_a_history_row_naming_who_added_it(client_for, peggy, staff):
    client_for("alice").post(page(peggy), form_data([JOY, CHOIR], [GARDEN, LIBRARY]))
    added = [*NetworkMember.objects.filter(person=peggy), *Asset.objects.filter(person=peggy)]
    assert len(added) == 4
    for record in added:
        (row,) = record.history.all()
        assert (row.history_type, row.history_user) == ("+", staff["alice"])


def test_an_archived_record_cannot_be_added_to(client_for, peggy, staff):
    services.person_archive(actor=staff["carol"], person_id=peggy.pk, reason="Moved away")
    assert client_for("alice").get(page(peggy)).status_code == 404


# --- The person's page: the next steps at the top -----------------------------------------------------


def test_the_next_steps_and_latest_notes_come_before_who_they_are(client_for, peggy):
    body = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    order = [
        body.index(">Add a case note<"),
        body.index(">Add strengths and network<"),
        body.index(">Latest case notes<"),
        body.index(">Who Peggy is<"),
    ]
    assert order == sorted(order)
    assert f'href="{page(peggy)}"' in body
    assert f'href="{reverse("conversations:add_note", args=[peggy.pk])}"' in body


def test_someone_who_only_reads_the_record_gets_no_next_steps(client_for, peggy):
    body = client_for("bob").get(peggy.get_absolute_url()).content.decode()
    assert "Add a case note" not in body and "Add strengths and network" not in body
