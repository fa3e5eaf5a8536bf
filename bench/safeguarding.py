"""The SAC return (`manage.py sac_return`) on a generated council, against a hand-written SQL floor.

    .venv/bin/python bench/safeguarding.py --people 30000
    .venv/bin/python bench/safeguarding.py --people 30000 \\
        --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench_safeguarding

Builds the database with the generator (`generate_council --people N`, which adds safeguarding
concerns and enquiries at national rates), or reuses it when it already holds a council of that size.
Then, for the last complete reporting year (April to March), it times the whole command, counting and
writing the CSV, against one hand-written SQL statement (a UNION ALL of one grouped query per table)
giving the same counts, checks the two agree cell for cell, and prints the medians and their ratio.
The target: the command within 2 times the floor. See bench/README.md.
"""

import argparse
import io
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the council benchmark: settings, database handling)

TARGET_RATIO = 2

S42 = "FROM safeguarding_enquiry e WHERE e.kind = 's42' AND e.concluded_on BETWEEN %(first)s AND %(last)s"
FLOOR_SQL = f"""
SELECT 'SG1f', 'concerns', '', COUNT(*) FROM safeguarding_concern WHERE raised_on BETWEEN %(first)s AND %(last)s
UNION ALL
SELECT 'SG1f', kind, '', COUNT(*) FROM safeguarding_enquiry
  WHERE started_on BETWEEN %(first)s AND %(last)s GROUP BY kind
UNION ALL
SELECT 'SG2a', a.code, s.kind, COUNT(DISTINCT a.enquiry_id)
  FROM safeguarding_enquiryabuse a JOIN safeguarding_sourceofrisk s ON s.enquiry_id = a.enquiry_id
  WHERE a.enquiry_id IN (SELECT e.id {S42}) GROUP BY a.code, s.kind
UNION ALL
SELECT 'SG2a', a.code, 'All sources', COUNT(*) FROM safeguarding_enquiryabuse a
  WHERE a.enquiry_id IN (SELECT e.id {S42}) GROUP BY a.code
UNION ALL
SELECT 'SG2b', e.location, s.kind, COUNT(DISTINCT e.id)
  FROM safeguarding_enquiry e JOIN safeguarding_sourceofrisk s ON s.enquiry_id = e.id
  WHERE e.kind = 's42' AND e.concluded_on BETWEEN %(first)s AND %(last)s AND e.location <> ''
  GROUP BY e.location, s.kind
UNION ALL
SELECT 'SG2b', e.location, 'All sources', COUNT(*) {S42} AND e.location <> '' GROUP BY e.location
UNION ALL
SELECT 'SG2c', e.action_result, '', COUNT(*) {S42} AND e.action_result <> '' GROUP BY e.action_result
UNION ALL
SELECT 'SG2d', e.risk_outcome, '', COUNT(*) {S42} AND e.action_result = 'identified_action'
  AND e.risk_outcome <> '' GROUP BY e.risk_outcome
UNION ALL
SELECT 'SG3a', e.capacity, '', COUNT(*) {S42} AND e.capacity <> '' GROUP BY e.capacity
UNION ALL
SELECT 'SG3a', 'lacked', e.advocacy, COUNT(*) {S42} AND e.capacity = 'lacked'
  AND e.advocacy IN ('advocate', 'family_friend') GROUP BY e.advocacy
UNION ALL
SELECT 'SG4a', e.asked, '', COUNT(*) {S42} AND e.asked <> '' GROUP BY e.asked
UNION ALL
SELECT 'SG4a achieved', t.answer, '', COUNT(*) FROM (
  SELECT CASE WHEN SUM(CASE WHEN o.achieved = 'fully' THEN 1 ELSE 0 END) = COUNT(*) THEN 'fully'
              WHEN SUM(CASE WHEN o.achieved IN ('fully', 'partly') THEN 1 ELSE 0 END) > 0 THEN 'partly'
              ELSE 'not' END AS answer
  FROM safeguarding_desiredoutcome o
  WHERE o.achieved <> '' AND o.enquiry_id IN (SELECT e.id {S42} AND e.asked = 'expressed')
  GROUP BY o.enquiry_id) t GROUP BY t.answer
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-safeguarding-<N>.sqlite3")
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
    from whatsstrong.demo.generator.council import Council
    from whatsstrong.demo.generator.safeguarding import Safeguarding

    print(f"Generating {args.people:,} people (seed {args.seed}) on {connection.vendor}...")
    started = time.monotonic()
    Council(people=args.people, seed=args.seed, out=lambda line: None).generate()
    Safeguarding(seed=args.seed, out=print).generate()
    return time.monotonic() - started


def floor(year):
    from django.db import connection

    from whatsstrong.safeguarding import rules

    first, last = rules.sac_year(year)
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, {"first": first, "last": last})
        return Counter({(t, r, c): n for t, r, c, n in cursor.fetchall()})


def command(year):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("sac_return", "--year", str(year), stdout=out)
    return out.getvalue()


def timings_ms(run, times):
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        taken.append((time.perf_counter() - started) * 1000)
    return taken


def main():
    args = parse_args()
    default = pages.ROOT / "var" / f"bench-safeguarding-{args.people // 1000}k.sqlite3"
    database_url = args.database_url or f"sqlite:///{default}"
    pages.refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        pages.ensure_postgres_database(database_url)
    (pages.ROOT / "var").mkdir(exist_ok=True)
    pages.configure(database_url)
    generate_seconds = build(args, database_url)
    pages.settle()

    from django.db import connection

    from whatsstrong.safeguarding import sac
    from whatsstrong.safeguarding.models import Concern, Enquiry

    today = date.today()
    year = today.year - 1 if today.month >= 4 else today.year - 2  # the last complete April to March
    ours = {k: n for k, n in sac.counts(year).items() if n}
    theirs = {k: n for k, n in floor(year).items() if n}
    if ours != theirs:
        sys.exit(f"The counts differ: {sorted(set(ours.items()) ^ set(theirs.items()))[:10]}")
    csv_total = sum(int(line.rsplit(",", 1)[1]) for line in command(year).splitlines()[1:])
    if csv_total != sum(ours.values()):
        sys.exit("The CSV does not add up to the counts.")
    for _ in range(3):  # warm up
        command(year)
        floor(year)
    # Taken in turns, so a busy moment on the machine falls on both alike.
    ours_times, floor_times = [], []
    for _ in range(args.runs):
        ours_times += timings_ms(lambda: command(year), 1)
        floor_times += timings_ms(lambda: floor(year), 1)
    ours_ms, floor_ms = statistics.median(ours_times), statistics.median(floor_times)
    ratio = ours_ms / floor_ms
    print(
        f"{connection.vendor}: {args.people:,} people, {Concern.objects.count():,} concerns, "
        f"{Enquiry.objects.count():,} enquiries; SAC year {year}-{(year + 1) % 100:02d}, "
        f"{len(ours)} cells counted, the same by both."
    )
    if generate_seconds:
        print(f"Generated in {generate_seconds:.1f} s.")
    print(
        f"sac_return (count and write CSV), median of {args.runs}: {ours_ms:.1f} ms (fastest {min(ours_times):.1f} ms)"
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
