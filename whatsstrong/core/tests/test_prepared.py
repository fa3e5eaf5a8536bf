"""Prepared queries give what the queryset gives, compile each shape once, and refuse misuse."""

import functools

import pytest
from django.db.models import Count

from whatsstrong.core.prepared import PreparedQuery, prepared
from whatsstrong.people.models import NetworkMember, Person
from whatsstrong.people.services import network_member_save


def counted(build):
    """A prepared query that counts how often its queryset is built (compiling builds it)."""
    calls = []

    @functools.wraps(build)
    def wrapper(*ids, **shape):
        calls.append((ids, shape))
        return build(*ids, **shape)

    query = PreparedQuery(wrapper)
    query.builds = calls
    return query


def with_team(person_id):
    return Person.objects.select_related("team", "allocated_worker").filter(pk=person_id)


def test_gives_the_same_people_as_the_queryset_with_related_objects(make_person, staff):
    ada = make_person(given_name="Ada", family_name="Lovelace", preferred_name="")
    bob_person = make_person(worker="bob", given_name="Ben", family_name="Ames", preferred_name="")
    query = prepared(with_team)
    for person in (ada, bob_person):
        [found] = query(person.pk)
        expected = with_team(person.pk).get()
        assert found.pk == expected.pk and found.display_name == expected.display_name
        assert found.date_of_birth == expected.date_of_birth and found.updated_at == expected.updated_at
        assert found.team.name == expected.team.name
        assert found.allocated_worker.username == expected.allocated_worker.username
    assert query(987654321) == []


def test_compiles_once_then_only_swaps_the_id(make_person):
    first, second = make_person(given_name="One"), make_person(given_name="Two")
    query = counted(with_team)
    assert query(first.pk)[0].given_name == "One"
    builds_after_first = len(query.builds)
    assert query(second.pk)[0].given_name == "Two"
    assert len(query.builds) == builds_after_first


def test_values_list_gives_tuples_and_each_shape_compiles_once(make_person, staff):
    for name in ("Cara", "Abel", "Bea"):
        make_person(given_name=name, family_name="Smith")

    def page(worker_id, *, offset, limit):
        return (Person.objects.filter(allocated_worker_id=worker_id).order_by("given_name")
                .values_list("given_name", flat=False)[offset:offset + limit])

    query = counted(page)
    alice = staff["alice"].pk
    assert query(alice, offset=0, limit=2) == [("Abel",), ("Bea",)]
    assert query(alice, offset=2, limit=2) == [("Cara",)]
    builds = len(query.builds)
    assert query(alice, offset=0, limit=2) == [("Abel",), ("Bea",)]
    assert len(query.builds) == builds


def test_a_grouped_count_is_a_values_list(make_person, staff):
    make_person(), make_person()

    @prepared
    def size(worker_id):
        return Person.objects.filter(allocated_worker_id=worker_id).values("allocated_worker_id") \
            .annotate(n=Count("pk")).values_list("n")

    assert size(staff["alice"].pk) == [(2,)]
    assert size(staff["bob"].pk) == []


def test_a_child_list_follows_changes(peggy, staff):
    @prepared
    def network_of(person_id):
        return NetworkMember.objects.filter(person_id=person_id)

    assert network_of(peggy.pk) == []
    network_member_save(actor=staff["alice"], person=peggy, data={"name": "Joy", "relationship": "daughter"})
    assert [m.name for m in network_of(peggy.pk)] == ["Joy"]


@pytest.mark.django_db
def test_an_id_used_outside_a_filter_is_refused():
    @prepared
    def ignores_its_id(person_id):
        return Person.objects.order_by("pk")

    with pytest.raises(ValueError, match="must be a value in a filter"):
        ignores_its_id(3)


@pytest.mark.django_db
def test_prefetch_and_wrong_arguments_are_refused():
    @prepared
    def with_network(person_id):
        return Person.objects.filter(pk=person_id).prefetch_related("network")

    with pytest.raises(ValueError, match="prefetch_related"):
        with_network(1)
    query = prepared(with_team)
    with pytest.raises(TypeError, match="takes 1 ids"):
        query(1, 2)
