"""Adding someone who may already have a record: the page and the API warn, link to records the
user may open, say only that others exist, and save once told "this is a different person". An
NHS number already on a record is refused outright."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from whatsstrong.people import queries, rules, services
from whatsstrong.people.models import Person

pytestmark = pytest.mark.django_db

BORN = datetime.date(1948, 3, 27)
NHS = "9990000018"
OTHER_NHS = "9990000026"

TYPED = {
    "given_name": "Margaret",
    "family_name": "Okafor",
    "preferred_name": "",
    "pronouns": "she/her",
    "date_of_birth_0": "27",
    "date_of_birth_1": "3",
    "date_of_birth_2": "1948",
    "nhs_number": "",
    "address": "4 Canal Walk",
    "postcode": "cv1 2gn",
}


@pytest.fixture
def add(client_for, teams, staff):
    """Post the new-person form as `who` (Alice unless told)."""

    def post(who="alice", **changes):
        user = staff[who]
        data = {**TYPED, "team": user.team_id, "allocated_worker": user.pk, **changes}
        return client_for(who).post(reverse("people:new"), data)

    return post


def existing(make_person, staff, *, archived=False, **data):
    person = make_person(
        **{"given_name": "Margaret", "family_name": "Okafor", "preferred_name": "", "date_of_birth": BORN, **data}
    )
    if archived:
        supervisor = "carol" if person.team_id == staff["carol"].team_id else "sam"
        services.person_archive(actor=staff[supervisor], person_id=person.pk, reason="Moved away")
    return person


def added():
    return Person.all_objects.filter(address="4 Canal Walk").count()


# --- Who the warning names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "typed", "warned"),
    [
        ({}, {}, True),  # the same name and date of birth
        ({}, {"given_name": "MARGARET", "family_name": "okafor"}, True),  # case
        ({"given_name": "Zoë", "family_name": "Brontë"}, {"given_name": "Zoe", "family_name": "Bronte"}, True),
        ({}, {"given_name": "Okafor", "family_name": "Margaret"}, True),  # names the other way round
        ({}, {"date_of_birth_0": "28"}, False),  # a different date of birth
        ({}, {"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""}, False),  # none typed
        ({}, {"given_name": "Mary"}, False),
        ({"date_of_birth": None, "nhs_number": NHS}, {"given_name": "Someone", "nhs_number": "999 000 0018"}, True),
    ],
)
def test_who_is_a_possible_duplicate(add, make_person, staff, stored, typed, warned):
    person = existing(make_person, staff, **stored)
    response = add(**typed)
    if warned:
        body = response.content.decode()
        assert response.status_code == 200 and "They may already have a record" in body
        assert reverse("people:detail", args=[person.pk]) in body
        assert added() == 0
    else:
        assert response.status_code == 302 and added() == 1


def test_the_warning_keeps_everything_typed_and_offers_both_ways_on(add, make_person, staff):
    person = existing(make_person, staff, postcode="CV1 2GN")
    body = add().content.decode()
    assert "Peggy" not in body  # nothing of the make_person default leaks in
    assert f'<a class="govuk-link" href="/people/{person.pk}/">Margaret Okafor</a>' in body
    assert "Born 27 Mar 1948, CV1 2GN, North Locality" in body
    for typed in ('value="Margaret"', 'value="Okafor"', 'value="she/her"', "4 Canal Walk", 'value="cv1 2gn"'):
        assert typed in body
    assert 'value="27"' in body and 'value="1948"' in body
    assert 'name="different_person" value="margaret|okafor|1948-03-27"' in body
    assert "There is a problem" not in body


def test_saying_it_is_a_different_person_saves_them(add, make_person, staff):
    existing(make_person, staff)
    response = add(different_person="margaret|okafor|1948-03-27")
    assert response.status_code == 302 and added() == 1


def test_a_different_person_answer_given_for_another_name_does_not_stand(add, make_person, staff):
    existing(make_person, staff)
    existing(make_person, staff, given_name="Mary")
    # Warned about Margaret, the practitioner changes the name to Mary's and saves at once.
    response = add(given_name="Mary", different_person="margaret|okafor|1948-03-27")
    assert "They may already have a record" in response.content.decode() and added() == 0


def test_the_warning_shows_with_other_mistakes_and_nothing_typed_is_lost(add, make_person, staff):
    existing(make_person, staff)
    body = add(postcode="CV99").content.decode()
    assert "There is a problem" in body and "Enter a real UK postcode" in body
    assert "They may already have a record" in body and 'value="CV99"' in body and "4 Canal Walk" in body
    assert added() == 0


# --- What is said of records the user may not open ---------------------------------------------------


@pytest.mark.parametrize(
    ("who", "restricted", "archived", "linked", "says"),
    [
        ("alice", True, False, True, None),  # her own restricted person: named and linked
        ("bob", True, False, False, "A restricted record has the same name and date of birth"),
        ("sam", True, False, False, "A restricted record has"),
        ("alice", False, True, False, "An archived record has the same name and date of birth"),
        ("bob", False, True, False, "An archived record has"),
        ("carol", False, True, True, None),  # a manager reads archived records
        ("sam", False, True, True, None),
        ("sam", True, True, False, "An archived record has"),  # archived and restricted, another team
    ],
)
def test_a_record_the_user_may_not_open_is_only_said_to_exist(
    add, make_person, staff, who, restricted, archived, linked, says
):
    person = existing(make_person, staff, restricted=restricted, archived=archived, postcode="CV1 2GN")
    body = add(who).content.decode()
    assert "They may already have a record" in body
    assert (f"/people/{person.pk}/" in body) is linked
    if says:
        assert says in body and "ask your team manager" in body.lower()
        # Nothing about the record beyond what was typed: not its team, worker, postcode or number.
        warning = body.split('id="possible-duplicates"')[1].split("</form>")[0].split("<form")[0]
        for secret in ("North Locality", "Alice", "CV1 2GN", f"/people/{person.pk}/", f"#{person.pk}"):
            assert secret not in warning
    assert added() == 0
    response = add(who, different_person="margaret|okafor|1948-03-27")
    assert response.status_code == 302 and added() == 1


# --- The same NHS number: refused ---------------------------------------------------------------------


@pytest.mark.parametrize("archived", [False, True])
def test_an_nhs_number_already_on_a_record_is_refused_whatever_is_confirmed(add, make_person, staff, archived):
    person = existing(make_person, staff, given_name="Sione", family_name="Tupou", nhs_number=NHS, archived=archived)
    response = add(nhs_number="999 000 0018", different_person="margaret|okafor|1948-03-27")
    body = response.content.decode()
    assert response.status_code == 200 and added() == 0
    assert "There is a problem" in body and 'href="#id_nhs_number"' in body
    assert "Someone already has a record with this NHS number" in body
    assert 'name="different_person"' not in body and "cannot be on two records" in body
    assert (f"/people/{person.pk}/" in body) is (not archived)
    assert 'value="999 000 0018"' in body


def test_the_database_holds_one_record_per_nhs_number(make_person, staff):
    existing(make_person, staff, nhs_number=NHS)
    with pytest.raises(IntegrityError):
        Person.objects.create(given_name="A", family_name="B", team=staff["alice"].team, nhs_number=NHS)


def test_blank_nhs_numbers_are_not_shared_numbers(make_person, staff):
    make_person(given_name="Ann", nhs_number="")
    make_person(given_name="Bea", nhs_number="")
    assert Person.objects.filter(nhs_number="").count() == 2


def test_the_service_refuses_a_second_record_for_an_nhs_number(make_person, staff):
    first = existing(make_person, staff, nhs_number=NHS)
    with pytest.raises(services.NhsNumberInUse) as refused:
        services.person_create(
            actor=staff["bob"],
            data={"given_name": "X", "family_name": "Y", "nhs_number": NHS, "team": staff["bob"].team},
        )
    assert refused.value.holder_id == first.pk


def test_changing_an_nhs_number_to_one_in_use_is_refused_on_the_details_page(client_for, make_person, staff):
    existing(make_person, staff, nhs_number=NHS)
    other = make_person(given_name="Ann", family_name="Lee", nhs_number=OTHER_NHS)
    response = client_for("alice").post(
        reverse("people:edit", args=[other.pk, "details"]),
        {"version": other.version, "given_name": "Ann", "family_name": "Lee", "nhs_number": "999 000 0018"},
    )
    assert "Someone already has a record with this NHS number" in response.content.decode()
    assert Person.objects.get(pk=other.pk).nhs_number == OTHER_NHS
    # Saving the record's own number again is no clash.
    response = client_for("alice").post(
        reverse("people:edit", args=[other.pk, "details"]),
        {"version": other.version, "given_name": "Ann", "family_name": "Leigh", "nhs_number": "999 000 0026"},
    )
    assert response.status_code == 302


def test_a_number_taken_between_the_check_and_the_save_is_refused_as_in_use(make_person, staff, monkeypatch):
    holder = existing(make_person, staff, nhs_number=NHS)
    other = make_person(given_name="Ann", family_name="Lee", nhs_number=OTHER_NHS)
    # The service's check runs before the other record's save lands (it finds no holder); the
    # database's unique constraint refuses the save, and the service must say why, not fail.
    real, asked = queries.nhs_number_holder, []

    def too_early(number, *, other_than=None):
        asked.append(number)
        return None if len(asked) == 1 else real(number, other_than=other_than)

    monkeypatch.setattr(queries, "nhs_number_holder", too_early)
    with pytest.raises(services.NhsNumberInUse) as refused:
        services.person_update(
            actor=staff["alice"], person_id=other.pk, expected_version=other.version, data={"nhs_number": NHS}
        )
    assert refused.value.holder_id == holder.pk and len(asked) == 2
    assert refused.value.message_dict == {"nhs_number": [rules.NHS_NUMBER_IN_USE]}
    assert Person.objects.get(pk=other.pk).nhs_number == OTHER_NHS


def test_the_details_page_names_a_number_taken_at_the_last_moment_keeping_what_was_typed(
    client_for, make_person, staff, monkeypatch
):
    existing(make_person, staff, nhs_number=NHS)
    other = make_person(given_name="Ann", family_name="Lee", nhs_number=OTHER_NHS)
    # Every check before the save ran before the other record's save landed.
    real, asked = queries.nhs_number_holder, []

    def too_early(number, *, other_than=None):
        asked.append(number)
        return None if len(asked) <= 2 else real(number, other_than=other_than)

    monkeypatch.setattr(queries, "nhs_number_holder", too_early)
    monkeypatch.setattr(Person, "validate_constraints", lambda self, exclude=None: None)
    response = client_for("alice").post(
        reverse("people:edit", args=[other.pk, "details"]),
        {"version": other.version, "given_name": "Ann", "family_name": "Leeson", "nhs_number": "999 000 0018"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and len(asked) == 3
    assert f'<a href="#id_nhs_number">{rules.NHS_NUMBER_IN_USE}</a>' in html
    assert 'value="Leeson"' in html  # what was typed is kept
    assert Person.objects.get(pk=other.pk).nhs_number == OTHER_NHS


def test_the_service_refuses_a_change_to_an_nhs_number_in_use_only_after_checking_access(make_person, staff):
    existing(make_person, staff, nhs_number=NHS)
    other = make_person(given_name="Ann", family_name="Lee")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # Bob may not change Alice's person, so learns nothing of the number
        services.person_update(actor=staff["bob"], person_id=other.pk, expected_version=1, data={"nhs_number": NHS})
    with pytest.raises(services.NhsNumberInUse):
        services.person_update(actor=staff["alice"], person_id=other.pk, expected_version=1, data={"nhs_number": NHS})


def test_possible_duplicates_are_found_by_index_seeks(make_person, staff, django_assert_max_num_queries):
    existing(make_person, staff, nhs_number=NHS)
    identity = rules.Identity.of(given_name="Margaret", family_name="Okafor", date_of_birth=BORN, nhs_number=NHS)
    with django_assert_max_num_queries(1):
        [match] = queries.possible_duplicates(identity, user=staff["alice"])
    assert match.reason == rules.SAME_NHS_NUMBER


# --- The API ------------------------------------------------------------------------------------------


def post_person(client, **body):
    data = {"given_name": "Margaret", "family_name": "Okafor", "date_of_birth": "1948-03-27", **body}
    return client.post("/api/people", data, content_type="application/json")


def test_the_api_answers_409_with_the_matches_and_adds_them_when_told_they_differ(client_for, make_person, staff):
    person = existing(make_person, staff)
    client = client_for("alice")
    response = post_person(client)
    assert response.status_code == 409
    body = response.json()
    assert body["can_confirm"] is True and body["others"] == 0
    assert body["matches"] == [
        {"id": person.pk, "display_name": "Margaret Okafor", "reason": rules.SAME_NAME_AND_BIRTH}
    ]
    assert Person.objects.count() == 1
    response = post_person(client, confirm_not_duplicate=True)
    assert response.status_code == 201 and Person.objects.count() == 2


@pytest.mark.parametrize(("restricted", "archived"), [(True, False), (False, True)])
def test_the_api_names_only_records_the_user_may_open(client_for, make_person, staff, restricted, archived):
    existing(make_person, staff, restricted=restricted, archived=archived)
    response = post_person(client_for("bob"))
    body = response.json()
    assert response.status_code == 409
    assert body["matches"] == [] and body["others"] == 1 and "team manager" in body["detail"]
    assert post_person(client_for("bob"), confirm_not_duplicate=True).status_code == 201


def test_the_api_refuses_adding_to_another_team_before_saying_anything_of_duplicates(
    client_for, make_person, staff, teams
):
    existing(make_person, staff)
    response = post_person(client_for("bob"), team_id=teams["north"].pk, allocated_worker_id=None)
    assert response.status_code == 403 and "matches" not in response.json()
    assert post_person(client_for("alice")).status_code == 409  # the same identity, from the right team


def test_the_api_refuses_an_nhs_number_in_use_even_when_told_they_differ(client_for, make_person, staff):
    person = existing(make_person, staff, given_name="Sione", family_name="Tupou", nhs_number=NHS)
    response = post_person(client_for("alice"), nhs_number="999 000 0018", confirm_not_duplicate=True)
    body = response.json()
    assert response.status_code == 409 and body["can_confirm"] is False
    assert [m["id"] for m in body["matches"]] == [person.pk]
    assert "Someone already has a record with this NHS number" in body["detail"]
    assert Person.objects.count() == 1


def test_the_api_refuses_changing_an_nhs_number_to_one_in_use_naming_the_field(client_for, make_person, staff):
    existing(make_person, staff, nhs_number=NHS)
    other = make_person(given_name="Ann", family_name="Lee")
    response = client_for("alice").patch(
        f"/api/people/{other.pk}", {"version": other.version, "nhs_number": NHS}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "nhs_number", "message": rules.NHS_NUMBER_IN_USE}]


def test_the_schema_documents_the_409_and_the_confirmation(client):
    schema = client.get("/api/openapi.json").json()
    create = schema["paths"]["/api/people"]["post"]
    assert "409" in create["responses"]
    assert "confirm_not_duplicate" in schema["components"]["schemas"]["PersonCreate"]["properties"]
    assert {"can_confirm", "matches", "others"} <= set(schema["components"]["schemas"]["DuplicateOut"]["properties"])
