"""`generate_council --services N`: a realistic directory, written fast, that search and the Open
Referral UK API read like one written through the pages."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from whatsstrong.directory import queries, rules, search
from whatsstrong.directory.models import Location, OpeningTime, Organisation, Service, ServiceWord

SERVICES = 240
pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(db):
    out = StringIO()
    call_command("generate_council", services=SERVICES, seed=3, batch_size=100, stdout=out)
    return out.getvalue()


def test_it_writes_the_services_with_places_times_categories_and_history(generated):
    assert f"Generated {SERVICES} directory services" in generated
    assert Service.objects.count() == SERVICES == Service.history.count()
    assert Location.objects.count() >= SERVICES / 5
    assert OpeningTime.objects.count() >= SERVICES / 2
    assert not Service.objects.filter(categories__isnull=True).exists()
    assert queries.due_for_check(datetime.date.today()).exists()
    for place in Location.objects.all():
        assert rules.postcode_problem(place.postcode) is None and place.outward


def test_its_search_index_is_what_the_services_would_write(generated):
    from whatsstrong.directory import services

    sample = list(Service.objects.order_by("pk")[:20])
    before = {s.pk: dict(ServiceWord.objects.filter(service=s).values_list("word", "weight")) for s in sample}
    services.reindex([s.pk for s in sample])
    after = {s.pk: dict(ServiceWord.objects.filter(service=s).values_list("word", "weight")) for s in sample}
    assert before == after


def test_search_and_the_api_read_it(generated, client):
    found = search.find(search.Criteria(text="lunch club"))
    assert found.total > 0
    row = queries.rows_for(found.page(0, 1))[0]
    assert client.get(f"/oruk/services/{row.pk}").json()["name"] == row.name


def test_the_same_seed_gives_the_same_directory():
    call_command("generate_council", services=30, seed=9, stdout=StringIO())
    first = list(Service.objects.order_by("name", "pk").values_list("pk", "name"))
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.all().delete()
    call_command("generate_council", services=30, seed=9, stdout=StringIO())
    assert list(Service.objects.order_by("name", "pk").values_list("pk", "name")) == first


def test_it_asks_for_something_to_generate():
    with pytest.raises(CommandError, match="Give --people, --services or both"):
        call_command("generate_council", stdout=StringIO())


def test_its_word_counts_and_statuses_are_what_the_services_would_keep(generated):
    from django.db.models import Count

    from whatsstrong.directory.models import SearchWord

    actual = dict(ServiceWord.objects.order_by().values("word").annotate(n=Count("pk")).values_list("word", "n"))
    assert dict(SearchWord.objects.filter(services__gt=0).values_list("word", "services")) == actual
    assert not ServiceWord.objects.exclude(status=F("service__status")).exists()
