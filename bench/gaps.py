"""Server time of the commissioners' gap counts (by calendar quarter, category and area, with how soon
they were needed) beside a hand-written SQL floor giving the same rows.

    DEBUG=1 DATABASE_URL=sqlite:///var/bench-forums.sqlite3 .venv/bin/python bench/gaps.py
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/whatsstrong_bench .venv/bin/python bench/gaps.py

Reads whatever council the database holds (a generated one: `generate_council` raises gaps at its
outcomes forums); `--add N` first adds N more gaps spread over three years, to see how the counts
grow. Each query runs `--runs` times after a warm-up; the script prints the median and p95 of each,
the ratio to the floor, and checks that both give the same counts. See bench/README.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whatsstrong.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from whatsstrong.core.models import User  # noqa: E402
from whatsstrong.directory import queries  # noqa: E402
from whatsstrong.directory.models import Gap, TaxonomyTerm  # noqa: E402

QUARTER = {
    "sqlite": "strftime('%Y', g.recorded_on) || '-Q' || ((CAST(strftime('%m', g.recorded_on) AS INTEGER) + 2) / 3)",
    "postgresql": "to_char(g.recorded_on, 'YYYY') || '-Q' || to_char(g.recorded_on, 'Q')",
}
FLOOR = """SELECT {quarter} AS q, t.name, g.area, COUNT(*),
                  SUM(CASE WHEN g.urgency = 'now' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN g.urgency = 'soon' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN g.urgency = 'later' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN g.urgency = '' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN g.source = 'forum' THEN 1 ELSE 0 END)
           FROM directory_gap g LEFT JOIN directory_taxonomyterm t ON t.id = g.category_id
           GROUP BY 1, 2, 3 ORDER BY 1 DESC, 4 DESC, 2, 3"""


def floor():
    with connection.cursor() as cursor:
        cursor.execute(FLOOR.format(quarter=QUARTER[connection.vendor]))
        return cursor.fetchall()


def product():
    return queries.gap_counts_by_quarter()


def timed(fn, runs, warm_up):
    for _ in range(warm_up):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def add(n, seed):
    rng = random.Random(seed)
    terms = list(TaxonomyTerm.objects.filter(active=True).values_list("pk", flat=True))
    someone = User.objects.order_by("pk").values_list("pk", flat=True).first()
    start = date.today() - timedelta(days=3 * 365)
    Gap.objects.bulk_create(
        [
            Gap(
                category_id=rng.choice(terms),
                area=f"CV{rng.randint(1, 12)}",
                who="People nearby",
                need="Something the area lacks",
                urgency=rng.choice(["now", "soon", "later", ""]),
                source=rng.choice(["search", "person", "forum"]),
                recorded_by_id=someone,
                recorded_on=start + timedelta(days=rng.randint(0, 3 * 365)),
            )
            for _ in range(n)
        ],
        batch_size=5000,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--add", type=int, default=0, help="Add this many gaps first (kept).")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.add:
        add(args.add, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE directory_gap")
    ours = [(c.key, c.category, c.area, c.count, c.now, c.soon, c.later, c.not_said, c.at_forum) for c in product()]
    theirs = [(q, name or "No category", *rest) for q, name, *rest in floor()]
    same = sorted(ours) == sorted(tuple(r) for r in theirs)
    gaps = Gap.objects.count()
    ours_ms, theirs_ms = timed(product, args.runs, args.warm_up), timed(floor, args.runs, args.warm_up)
    print(f"{connection.vendor}: {gaps:,} gaps, {len(ours):,} rows of counts; same rows as the floor: {same}")
    print("| query | median ms | p95 ms |")
    print("|---|---|---|")
    print(f"| gap_counts_by_quarter (the page, the CSV, the API) | {ours_ms[0]:.1f} | {ours_ms[1]:.1f} |")
    print(f"| hand-written SQL floor | {theirs_ms[0]:.1f} | {theirs_ms[1]:.1f} |")
    print(f"ratio (median): {ours_ms[0] / theirs_ms[0]:.2f}x")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
