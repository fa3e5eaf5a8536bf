"""The search index kept right: each word's count of services and each row's status follow every
change to a service, and the word search reads the same ranking from the index whichever way it takes."""

import pytest
from django.db.models import Count

from whatsstrong.directory import search, services
from whatsstrong.directory.models import SearchWord, Service, ServiceWord
from whatsstrong.directory.search import Criteria

pytestmark = pytest.mark.django_db


def counted(word):
    return SearchWord.objects.get(word=word).services


def assert_counts_right():
    """Every word's count is the number of services with it in the index."""
    actual = dict(ServiceWord.objects.order_by().values("word").annotate(n=Count("pk")).values_list("word", "n"))
    kept = dict(SearchWord.objects.values_list("word", "services"))
    assert {word: n for word, n in kept.items() if n} == actual


def test_each_word_counts_the_services_that_have_it(directory):
    assert counted("natter") == 1  # Knit and Natter
    assert counted("foleshill") == 5  # the centre runs five services, all named after it as their organisation
    assert_counts_right()


def test_counts_follow_a_service_renamed(dina, directory):
    services.service_save(
        actor=dina,
        organisation=directory.centre,
        service_id=directory.knit.pk,
        expected_version=directory.knit.version,
        data={"name": "Stitch and Chat"},
    )
    assert counted("stitch") == 1
    assert counted("natter") == 0
    assert search.find(Criteria(text="natter")).total == 0  # a word no service has any more answers nothing
    assert search.find(Criteria(text="natte")).total == 0  # nor as a start or with a slip
    assert_counts_right()


def test_a_service_made_defunct_keeps_its_words_counted_and_its_rows_follow_its_status(dina, directory):
    before = counted("walking")
    services.service_save(
        actor=dina,
        organisation=directory.centre,
        service_id=directory.walk.pk,
        expected_version=directory.walk.version,
        data={"name": "Wednesday Walking Group", "status": "defunct"},
    )
    assert set(ServiceWord.objects.filter(service=directory.walk).values_list("status", flat=True)) == {"defunct"}
    assert counted("walking") == before
    assert search.find(Criteria(text="walking")).total == 0
    assert search.find(Criteria(text="walking", statuses=())).total == 1
    assert_counts_right()


def test_a_deleted_service_is_counted_out(dina, directory):
    natter, foleshill = counted("natter"), counted("foleshill")
    Service.objects.get(pk=directory.knit.pk).delete()
    assert counted("natter") == natter - 1
    assert counted("foleshill") == foleshill - 1
    Service.objects.filter(pk__in=[directory.walk.pk, directory.phone.pk]).delete()  # a queryset's delete too
    assert counted("foleshill") == foleshill - 3
    assert_counts_right()


def test_counts_follow_an_organisation_renamed_and_a_service_added(dina, directory):
    services.organisation_save(
        actor=dina,
        organisation_id=directory.leamington.pk,
        expected_version=directory.leamington.version,
        data={"name": "Warwick Friends"},
    )
    services.service_save(actor=dina, organisation=directory.centre, data={"name": "Warwick Walkers"})
    assert counted("warwick") == 2
    assert counted("leamington") == 1  # the memory cafe's place is still in Leamington Spa
    assert_counts_right()


SEARCHES = ["knit", "walking group", "walkng grup", "foleshill", "foleshill cafe", "centre club", "mem", "cafe memory"]


@pytest.mark.parametrize("seek_cost", [0, 10**9])  # always seeking the other words, or always reading them all
def test_both_ways_through_the_index_rank_as_the_filtered_search_does(directory, monkeypatch, seek_cost):
    monkeypatch.setattr(search, "SEEK_COST", seek_cost)
    for text in SEARCHES:
        for statuses in (search.SHOWN_STATUSES, ()):
            c = Criteria(text=text, statuses=statuses)
            matches, counts = search._answers(search.rules.words(text))
            assert all(matches), text
            expected = [(pk, score) for pk, _, score in search.ranked(c, matches)]
            assert expected, text
            for start in range(len(expected) + 2):
                page, total = search.page_by_words(c, matches, counts, start, 2)
                assert page == expected[start : start + 2], (text, start)
                assert total == len(expected), (text, start)


def test_a_word_search_pages_in_the_database_with_the_total(directory):
    everything = search.find(Criteria(text="foleshill"), size=100)
    assert everything.total == 4  # the choir has closed for good
    second = search.find(Criteria(text="foleshill"), start=2, size=2)
    assert second.total == 4
    assert second.hits == everything.hits[2:4]
    past = search.find(Criteria(text="foleshill"), start=10, size=2)
    assert (past.hits, past.total) == ([], 4)


def test_words_with_filters_keep_the_same_services_as_the_filters_alone(directory):
    def ids(criteria):
        return {h.service_id for h in search.find(criteria, size=100).hits}

    assert ids(Criteria(text="foleshill", free_only=True)) == ids(Criteria(free_only=True)) & ids(
        Criteria(text="foleshill")
    )
    # The walking group is for people of 50 and over; the memory cafe is not run from Foleshill.
    assert ids(Criteria(text="foleshill", age=30)) == {directory.knit.pk, directory.lunch.pk, directory.phone.pk}
