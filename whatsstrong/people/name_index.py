"""The name index behind typo-tolerant search, kept up to date on every save of a person.

PersonNameToken links a person who is not archived to each token of their names, with copies of
their family and given name keys so that matches can be ranked without reading the people table.
PersonNamePair links them to each two different tokens of their names, both ways round, so that a
search of two words seeks the people holding both instead of intersecting everyone holding either.
NameVariant files every distinct token under its deletion keys (see spelling.py). Both use plain
B-tree indexes, so the search runs the same on SQLite and PostgreSQL. Variants of tokens nobody
has any more are harmless: a search always goes through PersonNameToken.
"""

from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import spelling
from .models import CODE_POINT_ORDER, Person


class PersonNameToken(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    # Searched by prefix ranges and sorted, like the keys on Person: see CODE_POINT_ORDER there.
    token = models.CharField(max_length=100, db_collation=CODE_POINT_ORDER)
    family_name_key = models.CharField(max_length=100, default="", db_collation=CODE_POINT_ORDER)
    given_name_key = models.CharField(max_length=100, default="", db_collation=CODE_POINT_ORDER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "token"], name="one_link_per_person_and_token")]
        # Covers a typo search: find by token, rank by name, without touching the people table.
        indexes = [
            models.Index(
                fields=["token", "family_name_key", "given_name_key", "person"], name="people_nametoken_rank_idx"
            )
        ]

    def __str__(self):
        return self.token


class PersonNamePair(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    token = models.CharField(max_length=100, db_collation=CODE_POINT_ORDER)
    other = models.CharField(max_length=100, db_collation=CODE_POINT_ORDER)
    family_name_key = models.CharField(max_length=100, default="", db_collation=CODE_POINT_ORDER)
    given_name_key = models.CharField(max_length=100, default="", db_collation=CODE_POINT_ORDER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "token", "other"], name="one_pair_per_person_and_tokens")
        ]
        # A seek on one close token and the other word's tokens, ranked without the people table.
        indexes = [
            models.Index(
                fields=["token", "other", "family_name_key", "given_name_key", "person"],
                name="people_namepair_rank_idx",
            )
        ]

    def __str__(self):
        return f"{self.token} + {self.other}"


class NameVariant(models.Model):
    key = models.CharField(max_length=100)
    token = models.CharField(max_length=100)

    class Meta:
        # The unique index leads with key, which is how searches read it.
        constraints = [models.UniqueConstraint(fields=["key", "token"], name="one_variant_per_key_and_token")]

    def __str__(self):
        return f"{self.key} → {self.token}"


def tokens_of(person):
    if person.archived_at is not None:
        return set()
    return spelling.person_tokens(person.family_name_key, person.given_name_key, person.preferred_name_key)


def links_for(person_id, family_name_key, given_name_key, tokens):
    return [
        PersonNameToken(
            person_id=person_id, token=token, family_name_key=family_name_key, given_name_key=given_name_key
        )
        for token in sorted(tokens)
    ]


def pairs_of(tokens, among=None):
    """Each two different tokens, both ways round; with `among`, only pairs holding one of those."""
    among = tokens if among is None else among
    return sorted({(a, b) for a in tokens for b in tokens if a != b and (a in among or b in among)})


def pair_links_for(person_id, family_name_key, given_name_key, pairs):
    return [
        PersonNamePair(
            person_id=person_id, token=a, other=b, family_name_key=family_name_key, given_name_key=given_name_key
        )
        for a, b in pairs
    ]


def variant_rows(tokens):
    """NameVariant rows (unsaved) for every key of every token."""
    return [NameVariant(key=key, token=token) for token in sorted(tokens) for key in sorted(spelling.index_keys(token))]


def add_variants(tokens, batch_size=2000):
    if tokens:
        NameVariant.objects.bulk_create(variant_rows(tokens), batch_size=batch_size, ignore_conflicts=True)


def index_person(person, created=False):
    """Bring one person's entries in the index up to date with their names (none once archived)."""
    wanted = tokens_of(person)
    keys = (person.family_name_key, person.given_name_key)
    have = (
        {}
        if created
        else {
            token: (family, given)
            for token, family, given in PersonNameToken.objects.filter(person_id=person.pk).values_list(
                "token", "family_name_key", "given_name_key"
            )
        }
    )
    stale = set(have) - wanted
    if stale:
        PersonNameToken.objects.filter(person_id=person.pk, token__in=stale).delete()
        pairs = PersonNamePair.objects.filter(person_id=person.pk)
        pairs.filter(models.Q(token__in=stale) | models.Q(other__in=stale)).delete()
    if any(have[token] != keys for token in wanted & set(have)):
        # The ranking copies follow every change of name, even when the tokens stay the same.
        for model in (PersonNameToken, PersonNamePair):
            model.objects.filter(person_id=person.pk).update(family_name_key=keys[0], given_name_key=keys[1])
    new = wanted - set(have)
    if new:
        PersonNameToken.objects.bulk_create(links_for(person.pk, *keys, new), ignore_conflicts=True)
        pairs = pair_links_for(person.pk, *keys, pairs_of(wanted, among=new))
        PersonNamePair.objects.bulk_create(pairs, ignore_conflicts=True)
        add_variants(new)


def rebuild(batch_size=5000):
    """Index every person again from scratch (after a bulk load that skipped save())."""
    PersonNameToken.objects.all().delete()
    PersonNamePair.objects.all().delete()
    seen = set()
    rows, pairs = [], []
    people = Person.objects.order_by().values_list("pk", "family_name_key", "given_name_key", "preferred_name_key")
    for pk, family, given, preferred in people.iterator(chunk_size=batch_size):
        tokens = spelling.person_tokens(family, given, preferred)
        rows += links_for(pk, family, given, tokens)
        pairs += pair_links_for(pk, family, given, pairs_of(tokens))
        seen |= tokens
        if len(rows) >= batch_size:
            PersonNameToken.objects.bulk_create(rows, batch_size=batch_size)
            PersonNamePair.objects.bulk_create(pairs, batch_size=batch_size)
            rows, pairs = [], []
    PersonNameToken.objects.bulk_create(rows, batch_size=batch_size)
    PersonNamePair.objects.bulk_create(pairs, batch_size=batch_size)
    add_variants(seen)


@receiver(post_save, sender=Person, dispatch_uid="people.name_index")
def _keep_index(sender, instance, created, **kwargs):
    index_person(instance, created=created)
