"""Server time of the busiest pages on a generated council, against the framework floor.

    .venv/bin/python bench/pages.py --people 150000
    .venv/bin/python bench/pages.py --people 150000 --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench

Builds the database with generate_council, or reuses it when it already holds a generated
council of the same size, then times each page in-process with Django's test Client, signed in
as the practitioner with the fullest caseload, after a warm-up. The floor is a bare view that
returns a static page of the same size through the same middleware; it lives only in this
script's URLconf. See bench/README.md.
"""

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import time
import types
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCH_TARGET_MS = 50
PAGE_TARGET_MS = 100
# A PDF is drawn, not templated: its target is the time a person waits for a download, not a ratio.
PDF_TARGET_MS = 1000
FLOOR_RATIO = 4
BUSY_RECORD_NOTES = 200
FULLEST_PLANS = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=150_000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-<N>.sqlite3")
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per page (default 200).")
    parser.add_argument("--warm-up", type=int, default=30, help="Untimed requests per page first (default 30).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="Generate the council again even if it exists.")
    parser.add_argument(
        "--only", metavar="WORDS", help='Time only the pages whose name contains these words, e.g. "person".'
    )
    parser.add_argument("--json", metavar="FILE", help="Also write each page's figures to FILE (bench/scale.py).")
    return parser.parse_args()


def sqlite_path(people):
    size = f"{people // 1000}k" if people % 1000 == 0 else str(people)
    return ROOT / "var" / f"bench-{size}.sqlite3"


def configure(database_url):
    """A settings module of our own: production settings, plain HTTP, and this script's URLconf."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    os.environ.pop("DEBUG", None)
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import whatsstrong.settings as base

    bench = types.ModuleType("bench_pages_settings")
    bench.__dict__.update({k: v for k, v in vars(base).items() if k.isupper()})
    bench.ROOT_URLCONF = "bench_pages_urls"
    bench.SESSION_COOKIE_SECURE = bench.CSRF_COOKIE_SECURE = False
    bench.SECURE_HSTS_SECONDS = 0
    # The manifest needs collectstatic; plain storage gives the same pages without it.
    bench.STORAGES = {
        **base.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    bench.LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
    sys.modules["bench_pages_settings"] = bench
    sys.modules["bench_pages_urls"] = types.ModuleType("bench_pages_urls")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_pages_settings"
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


FLOOR_BODIES = {}


def install_urls():
    from django.http import HttpResponse
    from django.urls import path

    import whatsstrong.urls

    def floor(request, size):
        return HttpResponse(FLOOR_BODIES[size])

    urls = sys.modules["bench_pages_urls"]
    urls.urlpatterns = [path("bench-floor/<int:size>/", floor)] + whatsstrong.urls.urlpatterns
    for name in ("handler403", "handler404", "handler500"):
        setattr(urls, name, getattr(whatsstrong.urls, name))


def floor_body(size):
    head, tail = b"<!DOCTYPE html><html lang=en><title>Floor</title><body><p>", b"</p></body></html>"
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


# --- the database ---------------------------------------------------------------------------------


def ensure_postgres_database(url):
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')


def refuse_other_databases(url):
    """A council is generated into the database and benchmark data written to it: never a real one."""
    if url.startswith("postgres") and not urlparse(url).path.lstrip("/").startswith("whatsstrong_bench"):
        sys.exit("Use a PostgreSQL database named whatsstrong_bench (or whatsstrong_bench_...) for benchmarks.")


def drop_bench_database(url):
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path)
        if not path.name.startswith("bench-"):
            sys.exit(f"Refusing to delete {path}: only var/bench-*.sqlite3 files are rebuilt.")
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    if not name.startswith("whatsstrong_bench"):
        sys.exit(f"Refusing to drop database {name}: only whatsstrong_bench* databases are rebuilt.")
    import psycopg

    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}"')


def generated_size():
    from django.db import connection

    from whatsstrong.core.models import Team
    from whatsstrong.people.models import Person

    if "people_person" not in connection.introspection.table_names():
        return None
    if not Team.objects.filter(description="Generated for benchmarks").exists():
        return None
    return Person.all_objects.count()


def build(args, database_url):
    """Reuse the generated council of this size, or make it. Returns the generate time, or None."""
    from django.core.management import call_command
    from django.db import connection

    if args.rebuild or generated_size() not in (None, args.people):
        connection.close()
        drop_bench_database(database_url)
    call_command("migrate", verbosity=0)
    if generated_size() == args.people:
        print(f"Reusing the generated council of {args.people:,} people.")
        return None
    from whatsstrong.demo.generator.council import Council

    print(f"Generating {args.people:,} people (seed {args.seed}) on {connection.vendor}...")
    _, elapsed = Council(people=args.people, seed=args.seed, out=print).generate()
    return elapsed


def settle():
    """On PostgreSQL, what autovacuum does soon after a bulk load: statistics, and the visibility map
    that lets a count be read from an index alone. SQLite is left without statistics, as the product runs."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# --- the requests -----------------------------------------------------------------------------------


def typo(rng, word):
    """One random slip: a letter swapped with its neighbour, dropped, doubled or changed."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "change"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]


BUSY_NOTES = (
    "Visited {name} at home. We talked about the allotment and who helps with the heavy digging.",
    "Phone call with {name}. She refused the POC review this week and asked for it after her holiday.",
    "{name} went to the lunch club on Tuesday and wants to go again; her son will drive her.",
    'Met {name} and her daughter. The ADLs assessment can wait: {name} said "I manage fine with the rail".',
    "{name} is non-compliant with the exercise sheet but walks to the shop every morning instead.",
)


def busy_record(worker):
    """A person in the worker's caseload with BUSY_RECORD_NOTES case notes, written through the
    services once (so each note's language summary is stored as the product stores it)."""
    from whatsstrong.conversations.models import CaseNote
    from whatsstrong.conversations.services import case_note_add
    from whatsstrong.people.models import Person

    person = Person.objects.filter(allocated_worker=worker, restricted=False).order_by("pk").first()
    for i in range(CaseNote.objects.filter(person=person).count(), BUSY_RECORD_NOTES):
        case_note_add(
            actor=worker,
            person=person,
            data={
                "kind": "visit",
                "present": person.known_as,
                "text": BUSY_NOTES[i % len(BUSY_NOTES)].format(name=person.known_as),
            },
        )
    return person


def assessment_pages(rng, openable, count):
    """Assessment pages of people the worker may open, the fuller kinds first (they hold the most)."""
    from whatsstrong.assessments.models import Assessment

    found = list(
        Assessment.objects.filter(person__in=openable)
        .order_by("-kind", "pk")
        .values_list("person_id", "pk")[: count * 4]
    )
    if not found:
        sys.exit("The generated council has no assessments: run with --rebuild.")
    chosen = rng.sample(found, min(count, len(found)))
    return [f"/people/{person}/assessments/{pk}/" for person, pk in (chosen * count)[:count]]


def plan_pages(openable, count):
    """Support plan pages of people the worker may open: the agreed plans with the most who-does-what,
    each with its outcomes and their scores."""
    from django.db.models import Count

    from whatsstrong.plans.models import SupportPlan

    found = list(
        SupportPlan.objects.filter(person__in=openable, status="agreed")
        .annotate(parts=Count("contributions"))
        .order_by("-parts", "pk")
        .values_list("person_id", "pk")[:FULLEST_PLANS]
    )
    if not found:
        sys.exit("The generated council has no support plans: run with --rebuild.")
    return [f"/people/{person}/plans/{pk}/" for person, pk in (found * count)[:count]]


def plan(rng, count):
    """The signed-in practitioner, and the URLs to request for each page."""
    from django.db.models import Count, Q

    from whatsstrong.core.models import Role, User
    from whatsstrong.people.models import Person

    worker = (
        User.objects.filter(role=Role.PRACTITIONER).annotate(held=Count("caseload")).order_by("-held", "pk").first()
    )
    supervisor = User.objects.filter(role=Role.SUPERVISOR, team=worker.team).order_by("pk").first()
    openable = list(
        Person.objects.filter(Q(allocated_worker=worker) | Q(team=worker.team, restricted=False)).values_list(
            "pk", flat=True
        )
    )
    people = list(
        Person.objects.filter(pk__in=rng.sample(openable, min(count, len(openable)))).values_list(
            "pk", "given_name", "family_name", "date_of_birth", "nhs_number", "postcode"
        )
    )
    sample = [people[i % len(people)] for i in range(count)]
    rng.shuffle(sample)
    prefix, typos, keyed = [], [], {"nhs": [], "postcode": [], "outward": [], "name and birth": []}
    spacing = random.Random(0).choice  # its own random numbers, so the name searches stay as they were
    for _, given, family, born, nhs, postcode in sample:
        # Typed as people type them: NHS numbers in threes and fours, postcodes in any case.
        if nhs:
            keyed["nhs"].append(f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}")
        if postcode:
            keyed["postcode"].append(spacing((postcode, postcode.lower(), postcode.replace(" ", ""))))
            keyed["outward"].append(postcode.split()[0])
        if born:
            keyed["name and birth"].append(f"{family.split()[-1]} {born.day}/{born.month}/{born.year}")
        family_word = max(family.split(), key=len)
        if rng.random() < 0.6:
            prefix.append(family_word[: rng.randint(3, max(3, len(family_word)))])
            typos.append(typo(rng, family_word) if len(family_word) > 3 else family_word)
        else:
            prefix.append(f"{given[: rng.randint(2, 4)]} {family_word[: rng.randint(2, 4)]}")
            first = given.split()[0]
            typos.append(f"{typo(rng, first) if len(first) > 3 else first} {family_word}")
    pages = {
        "caseload (practitioner)": (worker, ["/"] * count),
        "caseload (supervisor, whole team)": (supervisor, ["/"] * count),
        "person page": (worker, [f"/people/{pk}/" for pk, *_ in sample]),
        f"person page (supervisor, {BUSY_RECORD_NOTES} case notes)": (
            supervisor,
            [f"/people/{busy_record(worker).pk}/"] * count,
        ),
        "assessment page": (worker, assessment_pages(rng, openable, count)),
        "support plan page": (worker, plan_pages(openable, count)),
        "person's copy of the plan (PDF)": (
            worker,
            [url + "copy.pdf" for url in plan_pages(openable, count)],
        ),
        "team's overdue reviews": (supervisor, [f"/people/teams/{worker.team_id}/overdue-reviews/"] * count),
        "search: name prefix": (worker, ["/people/?" + urlencode({"q": q}) for q in prefix]),
        "search: with a typo": (worker, ["/people/?" + urlencode({"q": q}) for q in typos]),
        "search: NHS number": (worker, ["/people/?" + urlencode({"q": q}) for q in keyed["nhs"]]),
        "search: postcode": (worker, ["/people/?" + urlencode({"q": q}) for q in keyed["postcode"]]),
        "search: outward code": (worker, ["/people/?" + urlencode({"q": q}) for q in keyed["outward"]]),
        "search: name and date of birth": (
            worker,
            ["/people/?" + urlencode({"q": q}) for q in keyed["name and birth"]],
        ),
    }
    return worker, pages


def timed(client, urls, floor_url, warm_up):
    """Each page request followed by a floor request, so both meet the machine in the same state."""
    for url in urls[:warm_up]:
        client.get(url)
        client.get(floor_url)
    times, floor_times = [], []
    for url in urls:
        for target, into in ((url, times), (floor_url, floor_times)):
            start = time.perf_counter()
            response = client.get(target)
            into.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                sys.exit(f"{target} answered {response.status_code}")
    return times, floor_times


def p95(times):
    return statistics.quantiles(times, n=100)[94]


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def main():
    args = parse_args()
    database_url = args.database_url or f"sqlite:///{sqlite_path(args.people)}"
    refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        ensure_postgres_database(database_url)
    (ROOT / "var").mkdir(exist_ok=True)
    configure(database_url)
    install_urls()
    generate_seconds = build(args, database_url)
    settle()

    import django
    from django.db import connection
    from django.test import Client

    rng = random.Random(args.seed)
    worker, pages = plan(rng, args.requests)
    rows = []
    for name, (user, urls) in pages.items():
        if args.only and args.only not in name:
            continue
        client = Client()
        client.force_login(user, backend="whatsstrong.core.backends.StaffBackend")
        # The floor's page is as big as this page's first answer.
        size = len(client.get(urls[0]).content)
        FLOOR_BODIES[size] = floor_body(size)
        floor_url = f"/bench-floor/{size}/"
        times, floor_times = timed(client, urls, floor_url, args.warm_up)
        rows.append((name, size, queries_for(client, urls[0]), times, floor_times, queries_for(client, floor_url)))

    print()
    print(
        f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}"
        f" · Django {django.get_version()} · Python {sys.version.split()[0]} · {args.people:,} people · "
        f"{args.requests} requests a page after {args.warm_up} to warm up"
    )
    print(
        f"Signed in as a practitioner holding {worker.caseload.count()} people"
        f" in a team of {worker.team.people.count():,}."
    )
    if generate_seconds is not None:
        print(f"generate_council took {generate_seconds:.1f} s.")
    header = ("page", "KB", "queries", "median ms", "p95 ms", "ratio to floor", "target", "result")
    widths = (36, 4, 7, 9, 7, 14, 29, 6)

    def line(cells):
        print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip())

    print()
    line(header)
    failed = False
    for name, size, queries, times, floor_times, floor_queries in rows:
        median, high = statistics.median(times), p95(times)
        ratio = median / statistics.median(floor_times)
        if name.startswith("search"):
            target, ok = f"p95 < {SEARCH_TARGET_MS} ms", high < SEARCH_TARGET_MS
        elif "(PDF)" in name:
            target, ok = f"p95 < {PDF_TARGET_MS} ms", high < PDF_TARGET_MS
        else:
            target = f"<= {FLOOR_RATIO}x floor and p95 < {PAGE_TARGET_MS} ms"
            ok = ratio <= FLOOR_RATIO and high < PAGE_TARGET_MS
        failed |= not ok
        line(
            (
                name,
                f"{size / 1024:.0f}",
                queries,
                f"{median:.1f}",
                f"{high:.1f}",
                f"{ratio:.1f}x",
                target,
                "pass" if ok else "FAIL",
            )
        )
        line(
            (
                "  floor: static page, same size",
                f"{size / 1024:.0f}",
                floor_queries,
                f"{statistics.median(floor_times):.1f}",
                f"{p95(floor_times):.1f}",
                "1.0x",
                "",
                "",
            )
        )
    if args.json:
        figures = [
            {
                "page": name,
                "queries": queries,
                "median": statistics.median(times),
                "p95": p95(times),
                "floor median": statistics.median(floor_times),
                "floor p95": p95(floor_times),
            }
            for name, size, queries, times, floor_times, floor_queries in rows
        ]
        Path(args.json).write_text(json.dumps({"people": args.people, "database": connection.vendor, "pages": figures}))
    print(
        "\nRatio to floor compares medians. The floor's queries are the sign-in's own: reading and"
        " saving the signed-in user's stored state, in a transaction."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
