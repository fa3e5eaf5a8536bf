"""The demo council's community directory: big enough to search, spread over the demo area, with
people pointed to it and gaps recorded, all written through the services."""

import pytest

from whatsstrong.directory import queries, rules, search
from whatsstrong.directory.models import Gap, Location, Service, Signpost
from whatsstrong.people.models import Person


@pytest.mark.django_db
def test_the_demo_directory_has_at_least_150_services_across_the_demo_area(demo):
    assert Service.objects.count() >= 150
    assert "directory services" in demo
    districts = set(Location.objects.values_list("outward", flat=True))
    assert districts == {"CV1", "CV2", "CV6", "CV7"}
    assert not Location.objects.filter(latitude__isnull=True).exists()
    for place in Location.objects.all():
        assert rules.postcode_problem(place.postcode) is None, place
    # Every demo person's postcode can be placed, so distances work from their records.
    for postcode in Person.objects.values_list("postcode", flat=True):
        assert queries.place_of(rules.read_place(postcode))[0] is not None, postcode


@pytest.mark.django_db
def test_demo_people_are_signposted_and_some_say_how_it_went(demo):
    assert Signpost.objects.count() >= 20
    assert Signpost.objects.filter(helped="yes").exclude(their_words="").count() >= 8
    assert Signpost.objects.filter(tried="").exists() and Signpost.objects.filter(tried="no").exists()
    assert Gap.objects.count() >= 5 and Gap.objects.filter(person__isnull=True).exists()


@pytest.mark.django_db
def test_the_demo_directory_has_work_for_its_editor_and_history_naming_her(demo):
    import datetime

    due = queries.due_for_check(datetime.date.today())
    assert 10 <= due.count() < Service.objects.count() // 2
    assert not Service.history.exclude(history_user__username="lena").exists()


@pytest.mark.django_db
def test_a_practitioner_finds_things_near_someone_in_the_demo(demo):
    eileen = Person.objects.get(given_name="Eileen")
    point, _ = queries.place_of(rules.read_place(eileen.postcode))
    found = search.find(search.Criteria(text="lunch", origin=point, nearest_first=True))
    rows = queries.rows_for(found.page(0, 5))
    assert rows and rows[0].miles < 2
