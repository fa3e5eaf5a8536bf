"""How fast the audit pre-screen reads assessments: records per second on a generated council.

    .venv/bin/python bench/prescreen.py                      # 10,000 assessments, SQLite
    .venv/bin/python bench/prescreen.py --assessments 0      # every assessment of the council
    .venv/bin/python bench/prescreen.py --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench_prescreen

Builds the database with `generate_council --people N` (or reuses it, as bench/pages.py does), then
reads the pre-screen (`audits.queries.prescreen_assessments`: own words, strengths at three levels,
wellbeing areas, network, first-person outcomes, the language coach's counts, days since review) for
the first N assessments in chunks of 500, as a quarter's sampling does, and prints records a second.
See bench/README.md.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the council benchmark: settings, database handling)

CHUNK = 500


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=15_000, help="People in the generated council (default 15,000).")
    parser.add_argument("--assessments", type=int, default=10_000, help="Assessments to pre-screen; 0 for all.")
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-<N>.sqlite3")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    return parser.parse_args()


def main():
    args = parse_args()
    database_url = args.database_url or f"sqlite:///{pages.sqlite_path(args.people)}"
    pages.refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        pages.ensure_postgres_database(database_url)
    else:
        pages.sqlite_path(args.people).parent.mkdir(exist_ok=True)
    pages.configure(database_url)
    from django.db import connection

    pages.build(args, database_url)
    from whatsstrong.assessments.models import Assessment
    from whatsstrong.audits import queries, rules

    ids = Assessment.objects.order_by("pk").values_list("pk", flat=True)
    ids = list(ids[: args.assessments] if args.assessments else ids)
    print(f"Pre-screening {len(ids):,} assessments on {connection.vendor} ({args.people:,} people)...")
    marked = 0
    started = time.perf_counter()
    for at in range(0, len(ids), CHUNK):
        found = queries.prescreen_assessments(ids[at : at + CHUNK])
        marked += sum(1 for p in found.values() if p.attention)
    elapsed = time.perf_counter() - started
    print(
        f"{len(ids):,} assessments in {elapsed:.1f} s: {len(ids) / elapsed:,.0f} records a second; "
        f"{marked:,} marked for attention on at least one of {len(rules.INDICATOR_KEYS)} indicators."
    )


if __name__ == "__main__":
    main()
