"""What the access log's hash chain costs: one entry written with the chain and without, and
`verify_audit` over a large log.

    .venv/bin/python bench/audit.py --events 1000000
    .venv/bin/python bench/audit.py --events 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench_audit

Starts from an empty database each time (var/bench-audit.sqlite3, or a whatsstrong_bench* PostgreSQL
database, never another), runs the migrations, then:

1. writes `--writes` entries one at a time through `AccessEvent.objects.create` (the chain: the lock,
   the head read, the hash, the insert and the head moved, each in its own transaction), and as many
   again as a bare INSERT in its own transaction (what an entry cost before the chain), and prints the
   median and 95th percentile of each and the queries each takes;
2. fills the log to `--events` entries (chained, in batches) and times `verify_audit`'s check of the
   whole chain. See bench/README.md.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (settings and the database rules the benchmarks share)

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--writes", type=int, default=2000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-audit.sqlite3")
    return parser.parse_args()


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def p95(times):
    return sorted(times)[int(len(times) * 0.95) - 1]


def main():
    args = parse_args()
    url = args.database_url or f"sqlite:///{ROOT / 'var' / 'bench-audit.sqlite3'}"
    pages.refuse_other_databases(url)
    (ROOT / "var").mkdir(exist_ok=True)
    if url.startswith("postgres"):
        pages.ensure_postgres_database(url)
    pages.drop_bench_database(url)
    pages.configure(url)

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Model
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from whatsstrong.core import audit_log
    from whatsstrong.core.models import AccessEvent, Team, User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor}, migrated in {time.perf_counter() - started:.0f} s")
    team = Team.objects.create(name="Bench")
    user = User.objects.create(username="bench", role="supervisor", team=team)
    record_type = ContentType.objects.get_for_model(Team)

    def entry(**more):
        return AccessEvent(
            user=user,
            content_type=record_type,
            object_id=team.pk,
            action="view_restricted",
            path="/people/123/",
            **more,
        )

    chained, bare = [], []
    for i in range(args.writes):
        begin = time.perf_counter()
        AccessEvent.objects.create(
            user=user, content_type=record_type, object_id=team.pk, action="view_restricted", path="/people/123/"
        )
        chained.append(time.perf_counter() - begin)
        event = entry(at=timezone.now(), seq=10**15 + i, prev_hash="", hash="")
        begin = time.perf_counter()
        with transaction.atomic():
            Model.save_base(event, force_insert=True)  # the insert alone, as before the chain
        bare.append(time.perf_counter() - begin)
    with CaptureQueriesContext(connection) as with_chain:
        AccessEvent.objects.create(
            user=user, content_type=record_type, object_id=team.pk, action="view_restricted", path="/people/123/"
        )
    with CaptureQueriesContext(connection) as without:
        with transaction.atomic():
            Model.save_base(entry(at=timezone.now(), seq=2 * 10**15, prev_hash="", hash=""), force_insert=True)
    table = AccessEvent._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:  # the bare entries go; the chain stays whole
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {audit_log.TRIGGER}")
        cursor.execute(f"DELETE FROM {table} WHERE seq >= %s", [10**15])
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {audit_log.TRIGGER}")
    statements = lambda queries: sum(  # noqa: E731
        1 for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    )
    print(f"\nWriting one access event, {args.writes} times each, every write its own transaction:")
    print(
        f"  with the chain     median {ms(statistics.median(chained))}, p95 {ms(p95(chained))}, "
        f"{statements(with_chain.captured_queries)} statements"
    )
    print(
        f"  without (insert)   median {ms(statistics.median(bare))}, p95 {ms(p95(bare))}, "
        f"{statements(without.captured_queries)} statement"
    )

    have = AccessEvent.objects.count()
    started = time.perf_counter()
    batch = 10_000
    while have < args.events:
        size = min(batch, args.events - have)
        AccessEvent.objects.bulk_create([entry() for _ in range(size)])
        have += size
    filled = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {AccessEvent._meta.db_table}")
    print(f"\nFilled the log to {have:,} entries in {filled:.0f} s (chained in batches of {batch:,}).")
    started = time.perf_counter()
    report = audit_log.verify()
    took = time.perf_counter() - started
    assert report.whole, report.problems[:5]
    print(
        f"verify_audit over {report.checked:,} entries: {took:.1f} s ({report.checked / took:,.0f} entries a second), "
        "the chain whole."
    )


if __name__ == "__main__":
    main()
