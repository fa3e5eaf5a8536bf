"""Bad input gets a specific message, keeps what was typed, and saves nothing."""

import re

import pytest
from django.urls import reverse

from whatsstrong.people.models import Person

GOOD = {
    "given_name": "Kwame",
    "family_name": "Mensah",
    "preferred_name": "",
    "pronouns": "he/him",
    "date_of_birth_0": "4",
    "date_of_birth_1": "11",
    "date_of_birth_2": "1950",
    "nhs_number": "943 476 5919",
    "address": "12 Mill Lane",
    "postcode": "cv1 2gn",
}


@pytest.fixture
def new_person(client_for, teams, staff):
    client = client_for("alice")

    def post(**changes):
        data = {**GOOD, "team": teams["north"].pk, "allocated_worker": staff["alice"].pk, **changes}
        return client.post(reverse("people:new"), data)

    return post


def test_good_input_adds_the_person_with_tidy_values(new_person):
    response = new_person()
    assert response.status_code == 302
    kwame = Person.objects.get(family_name="Mensah")
    assert kwame.postcode == "CV1 2GN" and kwame.nhs_number == "9434765919" and kwame.date_of_birth.year == 1950


@pytest.mark.parametrize(
    "changes, field_id, message",
    [
        ({"nhs_number": "943 476 5918"}, "id_nhs_number", "Check the NHS number"),
        ({"nhs_number": "12345"}, "id_nhs_number", "Enter an NHS number with 10 digits"),
        ({"postcode": "CV99"}, "id_postcode", "Enter a real UK postcode, like CV1 2GN"),
        ({"given_name": ""}, "id_given_name", "Enter their given name"),
        ({"family_name": ""}, "id_family_name", "Enter their family name"),
        ({"date_of_birth_2": ""}, "id_date_of_birth_0", "Date of birth must include a year"),
        ({"date_of_birth_0": "31", "date_of_birth_1": "2"}, "id_date_of_birth_0", "Date of birth must be a real date"),
        ({"date_of_birth_2": "2999"}, "id_date_of_birth_0", "Date of birth must be in the past"),
        (
            {"date_of_birth_2": "1850"},
            "id_date_of_birth_0",
            "Date of birth must be the same as or after 1 January 1900",
        ),
        (
            {"date_of_birth_2": "0001"},
            "id_date_of_birth_0",
            "Date of birth must be the same as or after 1 January 1900",
        ),
        ({"date_of_birth_0": "99999999999"}, "id_date_of_birth_0", "Date of birth must be a real date"),
    ],
)
def test_each_mistake_is_named_linked_from_the_summary_and_nothing_is_saved(new_person, changes, field_id, message):
    response = new_person(**changes)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert f'href="#{field_id}"' in body and f'id="{field_id}"' in body
    assert "<title>Error: " in body
    assert 'value="12 Mill Lane"' in body or "12 Mill Lane</textarea>" in body  # what was typed stays
    assert not Person.objects.filter(family_name="Mensah").exists()


def test_a_day_too_big_for_a_date_is_shown_back_as_typed(new_person):
    body = new_person(date_of_birth_0="99999999999").content.decode()
    assert 'value="99999999999"' in body and 'value="11"' in body and 'value="1950"' in body


def test_a_date_of_birth_in_1900_is_accepted(new_person):
    assert new_person(date_of_birth_0="1", date_of_birth_1="1", date_of_birth_2="1900").status_code == 302
    assert Person.objects.get(family_name="Mensah").date_of_birth.isoformat() == "1900-01-01"


def test_a_worker_from_another_team_is_refused_with_a_reason(new_person, staff):
    response = new_person(allocated_worker=staff["bob"].pk)
    assert "Bob Test is not in North Locality" in response.content.decode()
    assert not Person.objects.filter(family_name="Mensah").exists()


def test_naming_an_appropriate_person_is_required_when_there_is_one(client_for, peggy):
    response = client_for("alice").post(
        reverse("people:edit", args=[peggy.pk, "capacity"]),
        {
            "capacity_note": "Able to decide about support at home",
            "appropriate_person": "yes",
            "appropriate_person_name": "",
            "advocacy_exception": "",
            "version": peggy.version,
        },
    )
    assert "Enter the name of the appropriate person" in response.content.decode()
    assert Person.objects.get(pk=peggy.pk).capacity_note == ""


def test_the_advocacy_prompt_shows_when_an_advocate_is_needed(client_for, staff, peggy):
    from whatsstrong.people.services import person_update

    person_update(
        actor=staff["alice"],
        person_id=peggy.pk,
        expected_version=peggy.version,
        data={"difficulty_retaining": True, "appropriate_person": "no"},
    )
    body = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    assert "Arrange an independent advocate" in body and "retaining that information" in body


def test_the_network_shows_as_a_picture_and_as_a_table(client_for, staff, peggy):
    from whatsstrong.people.services import network_member_save

    network_member_save(
        actor=staff["alice"],
        person=peggy,
        data={"name": "Winston", "relationship": "late husband", "kind": "family", "closeness": 1, "has_died": True},
    )
    network_member_save(
        actor=staff["alice"],
        person=peggy,
        data={"name": "Grace", "relationship": "daughter", "kind": "family", "closeness": 1, "is_carer": True},
    )
    body = client_for("alice").get(peggy.get_absolute_url()).content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert "Winston" in svg and "Grace" in svg and 'role="img"' in svg
    table = body[body.index('id="network-table"') :]
    assert "Died, still matters" in table and "Carer" in table


def test_only_the_teams_supervisor_changes_allocation_and_restriction(client_for, staff, peggy):
    url = reverse("people:edit", args=[peggy.pk, "allocation"])
    assert client_for("alice").get(url).status_code == 403
    assert client_for("sam").get(url).status_code == 403  # supervisor of another team
    carol = client_for("carol")
    response = carol.post(
        url, {"team": peggy.team_id, "allocated_worker": staff["bob"].pk, "restricted": "on", "version": peggy.version}
    )
    assert "Bob Test is not in North Locality" in response.content.decode()
    response = carol.post(
        url,
        {"team": peggy.team_id, "allocated_worker": staff["alice"].pk, "restricted": "on", "version": peggy.version},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=peggy.pk).restricted is True
    assert peggy.history.latest().history_user == staff["carol"]


def test_nhs_numbers_and_postcodes_typed_with_spaces_are_not_cut_short(client_for, new_person):
    page = client_for("alice").get(reverse("people:new")).content.decode()
    for name in ("nhs_number", "postcode"):
        control = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert "maxlength" not in control
    assert new_person(nhs_number="943 476 5919", postcode="sw1a  1aa").status_code == 302
    saved = Person.objects.get(family_name="Mensah")
    assert (saved.nhs_number, saved.postcode) == ("9434765919", "SW1A 1AA")


def test_required_choices_offer_only_real_answers_and_none_is_chosen_before_the_user_chooses(client_for, peggy):
    import re

    from django.urls import reverse

    body = client_for("alice").get(reverse("people:add_asset", args=[peggy.pk])).content.decode()
    radios = re.findall(r'<input class="govuk-radios__input"[^>]*name="level"[^>]*>', body)
    assert len(radios) == 3
    assert not any('value=""' in radio for radio in radios) and not any("checked" in radio for radio in radios)
    assert "---------" not in body
