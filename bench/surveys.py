"""Experience survey results on 100,000 responses, against a hand-written SQL aggregate.

    .venv/bin/python bench/surveys.py --responses 100000
    .venv/bin/python bench/surveys.py --responses 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench_surveys

Builds the database with `generate_council --responses N` (four teams first), or reuses it when it
already holds that many responses. Then times, for each bundled survey in turn, what the results
page and the API read: `surveys.queries.results(survey)` (the ORM's one aggregate query, the team
names, and the small-group hiding of rules.hidden_cells for every statement), beside the floor: the
same counts by one hand-written GROUP BY over the answers table through a cursor, and nothing more.
Target: median within
2 times the floor's. See bench/README.md.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402  (the council benchmark: settings, database handling, p95)

FLOOR_RATIO = 2
TEAMS = ("Riverside", "Hillcrest", "Northgate", "Eastfield")
FLOOR_SQL = (
    "SELECT statement, team_id, answer, COUNT(*) FROM surveys_answer WHERE survey = %s "
    "GROUP BY statement, team_id, answer"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-surveys-<N>k.sqlite3")
    parser.add_argument("--rounds", type=int, default=40, help="Timed rounds per survey (default 40).")
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    return parser.parse_args()


def generated_size():
    from django.db import connection

    from whatsstrong.surveys.models import Response

    if "surveys_response" not in connection.introspection.table_names():
        return None
    return Response.objects.count()


def build(args, database_url):
    from django.core.management import call_command
    from django.db import connection

    if args.rebuild or generated_size() not in (None, 0, args.responses):
        connection.close()
        pages.drop_bench_database(database_url)
    call_command("migrate", verbosity=0)
    if generated_size() == args.responses:
        print(f"Reusing the {args.responses:,} generated responses.")
        return None
    from whatsstrong.core.models import Team
    from whatsstrong.demo.generator.surveys import Responses

    for name in TEAMS:
        Team.objects.get_or_create(name=f"{name} Team")
    started = time.monotonic()
    Responses(responses=args.responses, seed=args.seed, batch_size=5000, out=print).generate()
    return time.monotonic() - started


def floor(code):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, [code])
        return cursor.fetchall()


def timed(ours, floor_fn, rounds, warm_up):
    """Ours and the floor in turn, so both meet the machine (and its caches) in the same state."""
    for _ in range(warm_up):
        ours()
        floor_fn()
    times = ([], [])
    for _ in range(rounds):
        for fn, kept in ((ours, times[0]), (floor_fn, times[1])):
            start = time.perf_counter()
            fn()
            kept.append((time.perf_counter() - start) * 1000)
    return times


def same_counts(survey):
    """The floor's counts are the product's before hiding: the all-teams row, statement by statement."""
    from whatsstrong.surveys import queries

    totals = {}
    for statement, _, answer, n in floor(survey.code):
        totals[(statement, answer)] = totals.get((statement, answer), 0) + n
    for table in queries.results(survey):
        overall = table.rows[-1]
        expected = sum(totals.get((table.statement.code, c.code), 0) for c in survey.all_choices)
        if overall.total != expected:
            sys.exit(f"The floor and the results disagree on {survey.code}/{table.statement.code}")


def main():
    args = parse_args()
    default = pages.ROOT / "var" / f"bench-surveys-{args.responses // 1000}k.sqlite3"
    database_url = args.database_url or f"sqlite:///{default}"
    pages.refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        pages.ensure_postgres_database(database_url)
    (pages.ROOT / "var").mkdir(exist_ok=True)
    pages.configure(database_url)
    import django

    django.setup()
    from django.db import connection

    from whatsstrong.surveys import definitions, queries

    took = build(args, database_url)
    if took is not None:
        print(f"Generated {args.responses:,} responses in {took:.1f}s.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE surveys_response")
            cursor.execute("VACUUM ANALYZE surveys_answer")
    print(f"{connection.vendor}, {args.responses:,} responses; {args.rounds} timed rounds per survey.")
    print(f"{'survey':<18}{'responses':>10}{'results ms':>12}{'floor ms':>10}{'ratio':>7}")
    missed = False
    for code in ("client", "carer", "safeguarding", "direct_payments"):
        survey = definitions.survey(code)
        same_counts(survey)
        ours_ms, floor_ms = timed(
            lambda s=survey: queries.results(s), lambda c=code: floor(c), args.rounds, args.warm_up
        )
        ours, base = statistics.median(ours_ms), statistics.median(floor_ms)
        ratio = ours / base
        missed |= ratio > FLOOR_RATIO
        count = queries.response_count(code)
        print(f"{code:<18}{count:>10,}{ours:>12.1f}{base:>10.1f}{ratio:>7.2f}")
    print(f"Target: median within {FLOOR_RATIO}x the floor's. {'MISSED' if missed else 'Met'}.")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
