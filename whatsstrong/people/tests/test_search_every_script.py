"""Name search finds names written in any script, on SQLite and PostgreSQL alike."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from whatsstrong.people.models import Person
from whatsstrong.people.name_index import PersonNameToken
from whatsstrong.people.search import find_people

pytestmark = pytest.mark.django_db


def names(people):
    return [p.formal_name for p in people]


@pytest.fixture
def someone(make_person):
    """Adds one person by given and family name, beside a Latin name that must never match."""

    def add(given, family, preferred=""):
        make_person(given_name="Zachary", family_name="Quinton", preferred_name="")
        return make_person(given_name=given, family_name=family, preferred_name=preferred)

    return add


@pytest.mark.parametrize(
    ("given", "family", "typed"),
    [
        ("فاطمة", "الزهراء", "فاط"),  # Arabic, given name
        ("فاطمة", "الزهراء", "الزه"),  # Arabic, family name
        ("فاطمة", "الزهراء", "فاطمة الزهراء"),
        ("小明", "王", "王"),  # Chinese
        ("小明", "王", "小明"),
        ("小明", "王", "王 小明"),
        ("小明", "王", "王小明"),  # typed without a space, family name first, as it is written
        ("小明", "王", "王小"),
        ("太郎", "山田", "山田太"),  # Japanese
        ("민준", "김", "김민준"),  # Korean
        ("Дмитрий", "Иванов", "Иван"),  # Cyrillic
        ("Дмитрий", "Иванов", "дмитрий иван"),
        ("Νίκος", "Παπαδόπουλος", "Παπαδ"),  # Greek
        ("Νίκος", "Παπαδόπουλος", "νικ"),  # typed without its accent
        ("प्रिया", "शर्मा", "शर्"),  # Devanagari
        ("प्रिया", "शर्मा", "प्रि"),
        ("প্রিয়া", "দাস", "প্রি"),  # Bengali
        ("ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ", "ਗੁਰ"),  # Gurmukhi
        ("יצחק", "כהן", "יצ"),  # Hebrew
        ("สมชาย", "ใจดี", "สมช"),  # Thai
    ],
)
def test_a_name_in_any_script_is_found_by_its_start(someone, given, family, typed):
    someone(given, family)
    assert names(find_people(typed)) == [f"{given} {family}"]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("مُحَمَّد", "محمد"),  # stored with its short vowels, typed without
        ("محمد", "مُحَمَّد"),
        ("أحمد", "احمد"),  # alef with hamza, typed as plain alef
        ("Zoë", "zoe"),
        ("Zoe", "Zoë"),
        ("Łukasz", "lukasz"),
        ("Lukasz", "Łuk"),
        ("Νίκος", "ΝΙΚΟΣ"),
    ],
)
def test_optional_marks_are_ignored_either_way(someone, stored, typed):
    someone(stored, "Example")
    assert names(find_people(typed)) == [f"{stored} Example"]


def test_a_character_beyond_u_ffff_after_the_typed_start_is_still_found(someone):
    # Some Japanese and Hong Kong names use characters outside the Basic Multilingual Plane.
    someone("美𠮷", "陳")
    assert names(find_people("美")) == ["美𠮷 陳"]
    assert names(find_people("陳美")) == ["美𠮷 陳"]
    assert names(find_people("𠮷")) == []


@pytest.mark.parametrize(
    ("given", "family", "typed"),
    [
        ("عبد", "الرحمن", "الرحمان"),  # Arabic: an extra alef, a common spelling
        ("Александр", "Петров", "Алекасндр"),  # Cyrillic: two letters swapped
        ("Νίκος", "Παπαδόπουλος", "Παπαδόπουλλος"),  # Greek: a letter doubled
        ("प्रिया", "शर्मा", "सर्मा"),  # Devanagari: स for श
    ],
)
def test_a_slip_in_an_alphabetic_script_is_forgiven(someone, given, family, typed):
    someone(given, family)
    assert names(find_people(typed)) == [f"{given} {family}"]


@pytest.mark.parametrize("typed", ["王小名", "王大明", "김민존"])
def test_one_wrong_character_in_a_chinese_or_korean_name_is_another_name(someone, typed):
    # Each character is a syllable or a word, so there is no slip to forgive.
    someone("小明", "王")
    someone("민준", "김")
    assert find_people(typed) == []


def test_the_search_page_finds_an_arabic_name(client_for, someone):
    someone("فاطمة", "الزهراء")
    body = client_for("alice").get("/people/", {"q": "فاط"}).content.decode()
    assert "فاطمة الزهراء" in body


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("ИВАНОВ", "Иванов"), ("дми", "Дмитрий"), ("zoe lukas", "Łukasiewicz"), ("ŁUKASIEWICZ", "Łukasiewicz")],
)
def test_the_search_page_finds_people_however_their_name_is_typed(client_for, someone, typed, shown):
    someone("Дмитрий", "Иванов")
    someone("Zoë", "Łukasiewicz")
    body = client_for("alice").get("/people/", {"q": typed}).content.decode()
    assert shown in body


def test_the_migration_gives_people_saved_before_it_their_keys_and_index(someone):
    person = someone("فاطمة", "الزهراء")
    # As the rules before it left them: no letters kept from Arabic, nothing in the index.
    Person.objects.filter(pk=person.pk).update(family_name_key="", given_name_key="")
    PersonNameToken.objects.filter(person_id=person.pk).delete()
    assert find_people("فاط") == []

    migration = importlib.import_module("whatsstrong.people.migrations.0005_name_keys_for_every_script")
    migration.forwards(apps, None)

    assert names(find_people("فاط")) == ["فاطمة الزهراء"]
    assert names(find_people("Zachary Quintn")) == ["Zachary Quinton"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="collations are PostgreSQL's; SQLite compares bytes")
def test_the_key_columns_compare_in_code_point_order_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, collation_name FROM information_schema.columns "
            "WHERE table_name IN ('people_person', 'people_personnametoken', 'people_personnamepair') "
            "AND (column_name LIKE %s OR column_name IN ('token', 'other'))",
            ["%name_key"],
        )
        columns = {(table, column): collation for table, column, collation in cursor.fetchall()}
    assert len(columns) == 10 and set(columns.values()) == {"BINARY"}, columns


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics targets are PostgreSQL's")
@pytest.mark.django_db
def test_a_prefix_range_of_family_names_is_estimated_near_its_size(make_person):
    """With the default statistics PostgreSQL estimated one row for a range inside a histogram
    bucket, whatever it held (migration 0011), and then sorted every match of a common prefix
    instead of reading the first page off the index. Here: 400 family names, a few common, most rare."""
    team = make_person().team_id
    Person.objects.bulk_create(
        Person(given_name="Ann", family_name=f"N{n:03d}", family_name_key=f"n{n:03d}", team_id=team)
        for n in range(400)
        for _ in range(4000 // (n + 10) + 3)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT id FROM people_person WHERE family_name_key >= 'n250' "
            "AND family_name_key < 'n251'"
        )
        estimate = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
    actual = Person.objects.filter(family_name_key__gte="n250", family_name_key__lt="n251").count()
    assert actual / 2 <= estimate <= actual * 2, (estimate, actual)


# --- a PostgreSQL database whose own collation follows language rules --------------------------

LINGUISTIC_LOCALES = [  # the first the server can make is used
    "LOCALE_PROVIDER libc LOCALE 'en_GB.UTF-8'",
    "LOCALE_PROVIDER libc LOCALE 'en_US.UTF-8'",
    "LOCALE_PROVIDER icu ICU_LOCALE 'en-GB' LOCALE 'C.UTF-8'",
]

LINGUISTIC_NAMES = [
    ("Lizzie", "Jones"),
    ("Piotr", "Kowalczyk"),
    ("कृष्ण", "शर्मा"),
    ("小明", "王"),
    ("Νίκος", "Παπαδόπουλος"),
    ("Sean", "O'Brien"),
    ("Zachary", "Quinton"),
]
LINGUISTIC_FINDS = {
    "Liz": ["Lizzie Jones"],
    "kowalcz": ["Piotr Kowalczyk"],
    "कृष्": ["कृष्ण शर्मा"],
    "王小": ["小明 王"],
    "Παπαδ": ["Νίκος Παπαδόπουλος"],
    "o'b": ["Sean O'Brien"],
}

# Run in a separate process against the new database: migrate, add people, search.
LINGUISTIC_SEARCH = """
import json, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from whatsstrong.core.models import Role, Team, User
from whatsstrong.people.search import find_people
from whatsstrong.people.services import person_create
names, queries = json.loads(sys.argv[1]), json.loads(sys.argv[2])
team = Team.objects.create(name="North Locality")
alice = User.objects.create(username="alice", role=Role.PRACTITIONER, team=team)
for given, family in names:
    person_create(actor=alice, data={"given_name": given, "family_name": family, "team": team,
                                     "allocated_worker": alice})
print(json.dumps({q: [p.formal_name for p in find_people(q)] for q in queries}))
"""


@pytest.fixture
def linguistic_database():
    """A new database whose default collation sorts by English language rules, dropped afterwards."""
    import psycopg

    settings = connection.settings_dict
    name = f"{settings['NAME']}_linguistic"
    server = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        for locale in LINGUISTIC_LOCALES:
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8 {locale}')
                break
            except psycopg.Error:
                continue
        else:
            pytest.skip("This PostgreSQL server has no English locale to make a database with")
        collation = admin.execute(
            "SELECT coalesce(daticulocale, datcollate) FROM pg_database WHERE datname = %s", [name]
        ).fetchone()[0]
        try:
            yield name, collation, server
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a database collation is PostgreSQL's")
def test_names_are_found_in_a_database_that_sorts_by_language_rules(linguistic_database):
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings

    name, collation, server = linguistic_database
    assert collation.lower().startswith("en"), collation
    password = f":{server['password']}" if server["password"] else ""
    url = f"postgres://{server['user']}{password}@{server['host'] or 'localhost'}:{server['port'] or 5432}/{name}"
    run = subprocess.run(
        [sys.executable, "-c", LINGUISTIC_SEARCH, json.dumps(LINGUISTIC_NAMES), json.dumps(list(LINGUISTIC_FINDS))],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "whatsstrong.test_settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.strip().splitlines()[-1]) == LINGUISTIC_FINDS
