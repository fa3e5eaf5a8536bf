"""The caseload: whose people, in what order, counted and paged, with the columns it shows."""

from django.urls import reverse
from django.utils import timezone

from whatsstrong.core.backends import StaffBackend
from whatsstrong.people import queries
from whatsstrong.people.services import person_archive


def names(rows):
    return [row.display_name for row in rows]


def test_rows_match_the_model_caseload_in_order_and_columns(make_person, staff):
    make_person(given_name="Zoe", family_name="Adams", preferred_name="", postcode="CV1 2GN")
    make_person(given_name="Margaret", family_name="Adams", preferred_name="Peggy")
    make_person(given_name="Ann", family_name="Brown", preferred_name="")
    make_person(worker="bob", given_name="Bob's", family_name="Person")
    caseload = queries.Caseload(staff["alice"])
    assert caseload.count() == 3
    rows = caseload[0:50]
    models = list(queries.caseload_for(staff["alice"]))
    assert names(rows) == [p.display_name for p in models] == ["Peggy Adams", "Zoe Adams", "Ann Brown"]
    first = rows[1]
    assert first.postcode == "CV1 2GN" and first.worker_name == "Alice Test"
    assert first.updated_on == timezone.localdate(models[1].updated_at)


def test_a_supervisor_sees_the_whole_team_and_archived_people_drop_out(make_person, staff):
    kept = make_person(given_name="Kept")
    gone = make_person(given_name="Gone")
    make_person(worker="bob", given_name="Southern")
    person_archive(actor=staff["carol"], person_id=gone.pk, reason="Moved out of the area")
    caseload = queries.Caseload(staff["carol"])
    assert caseload.count() == 1
    assert [row.pk for row in caseload[0:50]] == [kept.pk]


def test_the_caseload_page_pages_through_fifty_at_a_time(client_for, make_person, staff):
    for n in range(queries.CASELOAD_PAGE_SIZE + 2):
        make_person(given_name=f"Person{n:02d}", family_name="Adams", preferred_name="")
    client = client_for("alice")
    first = client.get(reverse("home")).content.decode()
    assert "52 people" in first and "Person00 Adams" in first and "Person49 Adams" in first
    assert "Person50 Adams" not in first and "Page 1 of 2" in first
    second = client.get(reverse("home") + "?page=2").content.decode()
    assert "Person50 Adams" in second and "Person51 Adams" in second and "Person00 Adams" not in second


def test_an_empty_caseload_says_so(client_for):
    body = client_for("bob").get(reverse("home")).content.decode()
    assert "0 people" in body and "No one is allocated to you yet." in body


def test_the_sign_in_backend_drops_inactive_staff_and_unreadable_ids(staff):
    backend = StaffBackend()
    assert backend.get_user(str(staff["alice"].pk)).username == "alice"
    staff["alice"].is_active = False
    staff["alice"].save()
    assert backend.get_user(str(staff["alice"].pk)) is None
    assert backend.get_user("not-a-number") is None
    assert backend.get_user("987654") is None
