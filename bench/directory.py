"""Server time of the directory's word search on a generated directory, against the engine floor.

    .venv/bin/python bench/directory.py --services 50000
    .venv/bin/python bench/directory.py --services 50000 \\
        --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench_directory

Builds the database with `generate_council --services N`, or reuses it when it already holds a
generated directory of that size, then times, for the same searches taking turns (floor, page and
API for each search), in-process with Django's test Client and the production middleware: the
practitioners' search page (`/directory/?q=`, signed in) and `GET /oruk/services?search=` (no
sign-in). The floor is a hand-written full-text query returning the same ids, best first: SQLite's
FTS5 or PostgreSQL's tsvector with a GIN index, over a table of each service's index words that only
this script builds. See bench/README.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the council benchmark: settings, database handling, p95)

TARGET_MS = 50
FLOOR_RATIO = 2
STATUSES = ("active", "temporarily closed")
# What practitioners look for (the generator's activities), typed whole, as a start, or with a slip.
SEARCHES = [
    "lunch club",
    "knit",
    "walking group",
    "memory cafe",
    "tai chi",
    "singing",
    "money advice",
    "food pantry",
    "mens shed",
    "allotment",
    "carers cafe",
    "computer help",
    "english conversation",
    "bereavement",
    "choir",
    "drama group",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-directory-<N>.sqlite3")
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per kind (default 200).")
    parser.add_argument("--warm-up", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    return parser.parse_args()


def generated_size():
    from django.db import connection

    from whatsstrong.core.models import User
    from whatsstrong.demo.generator.directory import EDITOR
    from whatsstrong.directory.models import Service

    if "directory_service" not in connection.introspection.table_names():
        return None
    if not User.objects.filter(username=EDITOR).exists():
        return None
    return Service.objects.count()


def build(args, database_url):
    from django.core.management import call_command
    from django.db import connection

    if args.rebuild or generated_size() not in (None, args.services):
        connection.close()
        pages.drop_bench_database(database_url)
    call_command("migrate", verbosity=0)
    if generated_size() == args.services:
        print(f"Reusing the generated directory of {args.services:,} services.")
        return None
    from whatsstrong.demo.generator.directory import Directory

    started = time.monotonic()
    Directory(services=args.services, seed=args.seed, batch_size=5000, out=print).generate()
    return time.monotonic() - started


# --- the engine floor --------------------------------------------------------------------------------


def build_floor():
    """Each service's index words as one document, in the engine's own full-text index."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS bench_fts")
            cursor.execute("CREATE VIRTUAL TABLE bench_fts USING fts5(service_id UNINDEXED, body)")
            cursor.execute(
                "INSERT INTO bench_fts (service_id, body) SELECT service_id, group_concat(word, ' ') "
                "FROM directory_serviceword GROUP BY service_id"
            )
        else:
            cursor.execute("DROP TABLE IF EXISTS bench_fts")
            cursor.execute(
                "CREATE TABLE bench_fts AS SELECT service_id, to_tsvector('simple', string_agg(word, ' ')) AS body "
                "FROM directory_serviceword GROUP BY service_id"
            )
            cursor.execute("CREATE INDEX bench_fts_body ON bench_fts USING gin (body)")
            cursor.execute("ANALYZE bench_fts")


def floor_query(text):
    """The hand-written full-text SQL for a search, and its parameters: every typed word answered by one
    of the words the product's search finds for it, ranked by the engine."""
    from django.db import connection

    from whatsstrong.directory import rules, search

    answers = search.answers(rules.words(text)[: rules.MOST_WORDS])
    if connection.vendor == "sqlite":
        match = " AND ".join("(" + " OR ".join(f'"{w}"' for w in sorted(a)) + ")" for a in answers)
        sql = (
            "SELECT f.service_id FROM bench_fts f JOIN directory_service s ON s.id = f.service_id "
            "WHERE bench_fts MATCH %s AND s.status IN (%s, %s) ORDER BY bm25(bench_fts)"
        )
    else:
        match = " & ".join("(" + " | ".join(sorted(a)) + ")" for a in answers)
        sql = (
            "SELECT f.service_id FROM bench_fts f JOIN directory_service s ON s.id = f.service_id, "
            "to_tsquery('simple', %s) q WHERE f.body @@ q AND s.status IN (%s, %s) ORDER BY ts_rank(f.body, q) DESC"
        )
    return sql, [match, *STATUSES]


def run_floor(text):
    from django.db import connection

    sql, params = floor_query(text)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def same_ids(texts):
    """The floor finds exactly the services the product's search finds, for every search timed."""
    from whatsstrong.directory import search

    for text in sorted(set(texts)):
        found = search.find(search.Criteria(text=text), size=10**6)
        ours = {str(h.service_id).replace("-", "") for h in found.hits}
        floor = {str(i).replace("-", "") for i in run_floor(text)}
        if ours != floor:
            sys.exit(f"The floor and the search disagree for {text!r}: {len(ours)} and {len(floor)} services")


# --- timing ------------------------------------------------------------------------------------------


def plan(rng, count):
    texts = []
    for i in range(count):
        text = SEARCHES[i % len(SEARCHES)]
        kind = rng.random()
        if kind < 0.25:
            words = text.split()
            i = rng.randrange(len(words))
            if len(words[i]) >= 5:
                words[i] = pages.typo(rng, words[i])
            text = " ".join(words)
        elif kind < 0.5:
            text = " ".join(w[: max(4, len(w) - 2)] for w in text.split())
        texts.append(text)
    return texts


def timed(fns, items, warm_up):
    """Times of each function for each item, in ms. The functions take turns on each item, so the
    floor, the page and the API all meet the machine in the same state (it is shared)."""
    for item in items[:warm_up]:
        for fn in fns:
            fn(item)
    times = [[] for _ in fns]
    for item in items:
        for fn, kept in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn(item)
            kept.append((time.perf_counter() - start) * 1000)
    return times


def main():
    args = parse_args()
    default = pages.ROOT / "var" / f"bench-directory-{args.services // 1000}k.sqlite3"
    database_url = args.database_url or f"sqlite:///{default}"
    pages.refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        pages.ensure_postgres_database(database_url)
    (pages.ROOT / "var").mkdir(exist_ok=True)
    pages.configure(database_url)
    pages.install_urls()
    generate_seconds = build(args, database_url)
    pages.settle()
    build_floor()

    import django
    from django.db import connection
    from django.test import Client

    from whatsstrong.core.models import Role, User

    texts = plan(random.Random(args.seed), args.requests)
    same_ids(texts)
    reader, _ = User.objects.get_or_create(username="bench.practitioner", defaults={"role": Role.PRACTITIONER})
    signed_in, anyone = Client(), Client()
    signed_in.force_login(reader, backend="whatsstrong.core.backends.StaffBackend")

    def page(text):
        response = signed_in.get("/directory/", {"q": text})
        if response.status_code != 200:
            sys.exit(f"/directory/?q={text} answered {response.status_code}")

    def api(text):
        response = anyone.get("/oruk/services", {"search": text})
        if response.status_code != 200:
            sys.exit(f"/oruk/services?search={text} answered {response.status_code}")

    load_before = os.getloadavg()[0]
    floor, page_times, api_times = timed([run_floor, page, api], texts, args.warm_up)
    load_after = os.getloadavg()[0]
    rows = [("search page /directory/?q=", page_times), ("API /oruk/services?search=", api_times)]
    version = connection.Database.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
    print()
    print(
        f"{connection.vendor} {version} · Django {django.get_version()} · Python {sys.version.split()[0]} · "
        f"{args.services:,} services · {args.requests} searches a kind after {args.warm_up} to warm up"
    )
    if generate_seconds is not None:
        print(f"generate_council --services took {generate_seconds:.1f} s.")
    print(f"The machine's one-minute load average: {load_before:.1f} before timing, {load_after:.1f} after.")
    print()
    print(f"{'what':32} {'median ms':>10} {'p95 ms':>8} {'p95 to floor':>13}  target")
    floor_p95 = pages.p95(floor)
    print(f"{'floor: full-text SQL, same ids':32} {statistics.median(floor):10.1f} {floor_p95:8.1f}")
    failed = False
    for name, times in rows:
        high = pages.p95(times)
        ok = high < TARGET_MS and high <= FLOOR_RATIO * floor_p95
        failed |= not ok
        print(
            f"{name:32} {statistics.median(times):10.1f} {high:8.1f} {high / floor_p95:12.1f}x"
            f"  p95 < {TARGET_MS} ms and <= {FLOOR_RATIO}x floor: {'pass' if ok else 'FAIL'}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
