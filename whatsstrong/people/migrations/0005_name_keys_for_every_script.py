"""Name keys for every script: work each person's keys out again with rules.name_key, which now
keeps the letters of every script (Arabic, Chinese, Devanagari, Greek...) instead of dropping
them, then rebuild the name index from the new keys.

It reads the people in batches by id rather than through one open cursor, because SQLite does
not keep a read apart from the writes made on the same connection.
"""

from django.db import migrations

from whatsstrong.people import rules, spelling

BATCH = 2000
KEYS = ("family_name_key", "given_name_key", "preferred_name_key")


def in_batches(queryset):
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def recompute_keys(Person):
    people = Person.objects.only("family_name", "given_name", "preferred_name", *KEYS)
    for batch in in_batches(people):
        changed = []
        for person in batch:
            keys = tuple(rules.name_key(name) for name in (person.family_name, person.given_name,
                                                           person.preferred_name))
            if keys != tuple(getattr(person, key) for key in KEYS):
                for key, value in zip(KEYS, keys):
                    setattr(person, key, value)
                changed.append(person)
        Person.objects.bulk_update(changed, KEYS)


def rebuild_name_index(Person, PersonNameToken, NameVariant):
    """As name_index.rebuild(), with the models as they are at this migration."""
    PersonNameToken.objects.all().delete()
    seen = set()
    people = Person.objects.filter(archived_at__isnull=True).only(*KEYS)
    for batch in in_batches(people):
        links = []
        for person in batch:
            tokens = spelling.person_tokens(person.family_name_key, person.given_name_key, person.preferred_name_key)
            links += [PersonNameToken(person_id=person.pk, token=token, family_name_key=person.family_name_key,
                                      given_name_key=person.given_name_key) for token in sorted(tokens)]
            seen |= tokens
        PersonNameToken.objects.bulk_create(links, batch_size=BATCH)
    variants = [NameVariant(key=key, token=token) for token in sorted(seen)
                for key in sorted(spelling.index_keys(token))]
    NameVariant.objects.bulk_create(variants, batch_size=BATCH, ignore_conflicts=True)


def forwards(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    recompute_keys(Person)
    rebuild_name_index(Person, apps.get_model("people", "PersonNameToken"), apps.get_model("people", "NameVariant"))


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0004_name_keys_in_code_point_order"),
    ]

    # Going back leaves the new keys in place: the search before this change ignores what it cannot read.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
