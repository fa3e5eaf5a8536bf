"""The audits' quarterly themes report on a generated council, against a hand-written SQL floor.

    .venv/bin/python bench/themes.py --people 30000
    .venv/bin/python bench/themes.py --people 30000 \\
        --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench_themes

Builds the database with the generator (the council, then its audits: about one signed-off assessment
in forty audited, every standard rated, most shared, a quarter of those moderated, actions, and four
in five tagged with learning themes; see demo/generator/audits.py), or reuses it when it already holds
a council of that size. Then, for the last four quarters that have audits, it times the report as
the page and the CSV make it (`audits.queries.themes_report` and every row of the CSV) against one
hand-written SQL statement (a UNION ALL of one grouped query per figure) giving the same figures,
checks the two agree figure for figure, and prints the medians and their ratio. The target: the
report within 2 times the floor. See bench/README.md.
"""

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the council benchmark: settings, database handling)

TARGET_RATIO = 2

# {q} is the quarters' placeholders. Ratings count at the moderator's rating where it differs.
FLOOR_SQL = """
SELECT 'rating', a.quarter, a.team_id, r.standard_id, COALESCE(r.moderated_id, r.rating_id), COUNT(*)
  FROM audits_auditrating r JOIN audits_audit a ON a.id = r.audit_id
  WHERE a.status = 'shared' AND a.quarter IN ({q})
  GROUP BY a.quarter, a.team_id, r.standard_id, COALESCE(r.moderated_id, r.rating_id)
UNION ALL
SELECT 'moderation', a.quarter, NULL, NULL,
       SUM(CASE WHEN r.moderated_id IS NULL OR r.moderated_id = r.rating_id THEN 1 ELSE 0 END), COUNT(*)
  FROM audits_auditrating r JOIN audits_audit a ON a.id = r.audit_id
  WHERE a.status = 'shared' AND a.quarter IN ({q}) AND a.moderated_at IS NOT NULL
  GROUP BY a.quarter
UNION ALL
SELECT 'theme', a.quarter, NULL, t.learningtheme_id, NULL, COUNT(*)
  FROM audits_audit_themes t JOIN audits_audit a ON a.id = t.audit_id
  WHERE a.status = 'shared' AND a.quarter IN ({q})
  GROUP BY a.quarter, t.learningtheme_id
UNION ALL
SELECT 'action', a.quarter, a.team_id, NULL, SUM(CASE WHEN x.done THEN 1 ELSE 0 END), COUNT(*)
  FROM audits_auditaction x JOIN audits_audit a ON a.id = x.audit_id
  WHERE a.status = 'shared' AND a.quarter IN ({q})
  GROUP BY a.quarter, a.team_id
UNION ALL
SELECT 'audits', a.quarter, a.team_id, NULL, NULL, COUNT(*)
  FROM audits_audit a WHERE a.status = 'shared' AND a.quarter IN ({q})
  GROUP BY a.quarter, a.team_id
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-themes-<N>k.sqlite3")
    parser.add_argument("--runs", type=int, default=30, help="Timed runs of each (default 30).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    return parser.parse_args()


def build(args, database_url):
    from django.core.management import call_command
    from django.db import connection

    if args.rebuild or pages.generated_size() not in (None, args.people):
        connection.close()
        pages.drop_bench_database(database_url)
    call_command("migrate", verbosity=0)
    if pages.generated_size() == args.people:
        print(f"Reusing the generated council of {args.people:,} people.")
        return None
    from whatsstrong.demo.generator import audits
    from whatsstrong.demo.generator.council import Council

    print(f"Generating {args.people:,} people (seed {args.seed}) on {connection.vendor}...")
    started = time.monotonic()
    Council(people=args.people, seed=args.seed, out=lambda line: None).generate()
    audits.generate(seed=args.seed, out=print)
    return time.monotonic() - started


def floor(quarters):
    """The report's figures from one hand-written statement, in the shapes `ours` gives them."""
    from django.db import connection

    marks = ", ".join(["%s"] * len(quarters))
    found = {"ratings": Counter(), "moderation": {}, "themes": Counter(), "actions": {}, "audits": Counter()}
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL.format(q=marks), list(quarters) * 5)
        for kind, quarter, team, key, value, n in cursor.fetchall():
            if kind == "rating":
                found["ratings"][(quarter, team, key, value)] = n
            elif kind == "moderation":
                found["moderation"][quarter] = (n, value)
            elif kind == "theme":
                found["themes"][(quarter, key)] = n
            elif kind == "action":
                found["actions"][(quarter, team)] = (value, n - value)
            else:
                found["audits"][(quarter, team)] = n
    return found


def ours(quarters):
    """The report as the page and the CSV make it: the figures, then every CSV row from them."""
    from whatsstrong.audits import queries

    report = queries.themes_report(quarters)
    rows = sum(1 for _ in queries.themes_csv_rows(report))
    return report, rows


def as_figures(report):
    return {
        "ratings": Counter({k: n for k, n in report.ratings.items() if n}),
        "moderation": dict(report.moderation),
        "themes": Counter({k: n for k, n in report.themes.items() if n}),
        "actions": dict(report.actions),
        "audits": Counter(report.audits),
    }


def timings_ms(run, times):
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        taken.append((time.perf_counter() - started) * 1000)
    return taken


def main():
    args = parse_args()
    default = pages.ROOT / "var" / f"bench-themes-{args.people // 1000}k.sqlite3"
    database_url = args.database_url or f"sqlite:///{default}"
    pages.refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        pages.ensure_postgres_database(database_url)
    (pages.ROOT / "var").mkdir(exist_ok=True)
    pages.configure(database_url)
    generate_seconds = build(args, database_url)
    pages.settle()

    from django.db import connection

    from whatsstrong.audits import rules
    from whatsstrong.audits.models import Audit, AuditRating

    last = (
        Audit.objects.filter(status=Audit.Status.SHARED).order_by("-quarter").values_list("quarter", flat=True).first()
    )
    if last is None:
        sys.exit("The generated council has no shared audits: generate a larger one (--people).")
    quarters = rules.quarters_between(rules.quarters_back(last, 4), last)
    report, csv_rows = ours(quarters)
    mine, theirs = as_figures(report), floor(quarters)
    for part in mine:
        if mine[part] != theirs[part]:
            differ = sorted(set(mine[part].items()) ^ set(theirs[part].items()))[:10]
            sys.exit(f"The {part} figures differ: {differ}")
    for _ in range(3):  # warm up
        ours(quarters)
        floor(quarters)
    # Taken in turns, so a busy moment on the machine falls on both alike.
    ours_times, floor_times = [], []
    for _ in range(args.runs):
        ours_times += timings_ms(lambda: ours(quarters), 1)
        floor_times += timings_ms(lambda: floor(quarters), 1)
    ours_ms, floor_ms = statistics.median(ours_times), statistics.median(floor_times)
    ratio = ours_ms / floor_ms
    totals = report.totals()
    print(
        f"{connection.vendor}: {args.people:,} people, {Audit.objects.count():,} audits, "
        f"{AuditRating.objects.count():,} ratings; quarters {quarters[0]} to {quarters[-1]}: "
        f"{totals['audits']:,} shared audits, {totals['ratings']:,} ratings, {totals['moderated']:,} moderated "
        f"({totals['agreed_percent']}% agreed), {totals['tagged']:,} themes tagged, {totals['done']:,} actions done "
        f"and {totals['outstanding']:,} outstanding; {csv_rows:,} CSV rows. The same figures by both."
    )
    if generate_seconds:
        print(f"Generated in {generate_seconds:.1f} s.")
    print(
        f"Themes report (figures and CSV rows), median of {args.runs}: {ours_ms:.1f} ms "
        f"(fastest {min(ours_times):.1f} ms)"
    )
    print(
        f"Hand-written SQL (one UNION ALL), median of {args.runs}: {floor_ms:.1f} ms "
        f"(fastest {min(floor_times):.1f} ms)"
    )
    print(
        f"Ratio of medians: {ratio:.2f} (target at most {TARGET_RATIO}); "
        f"of the fastest: {min(ours_times) / min(floor_times):.2f}"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
