"""The team's supervision overview (who is overdue) and a supervisee's history, on a generated
council, beside hand-written SQL giving the same rows.

    .venv/bin/python bench/supervision.py --people 150000
    .venv/bin/python bench/supervision.py --people 150000 \\
        --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench_supervision

Builds the database with the generator (people, then six months of supervision at the rates in
whatsstrong/demo/generator/supervision.py), or reuses it when it already holds a council of that size.
Then, for the supervisor with the most supervisees and that team's practitioner with the most sessions:

- the reads: `supervision.queries.overview` (every supervisee, their last session, how often, the next
  due, overdue first) and the history page's reads (`history`: the sessions and how often), each beside one
  hand-written SQL statement giving the same rows, checked to agree; target within 4 times the floor;
- the pages a person waits for, `/supervision/` and `/supervision/staff/<id>/`, through Django's test
  Client signed in; target under 100 ms at the 95th percentile.

Medians and 95th percentiles are printed. See bench/README.md.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (the council benchmark: settings, database handling)

TARGET_RATIO = 4
TARGET_P95_MS = 100

OVERVIEW_SQL = """
SELECT u.id, u.first_name, u.last_name, u.username, sv.every_weeks,
  (SELECT MAX(s.held_on) FROM supervision_supervisionsession s WHERE s.supervisee_id = u.id AND s.held_on <= %(today)s)
FROM core_user u
LEFT JOIN supervision_supervisee sv ON sv.user_id = u.id
WHERE u.is_active AND u.id <> %(me)s AND u.role IN ('practitioner', 'supervisor')
  AND ((u.team_id = %(team)s AND u.role = 'practitioner') OR sv.supervisor_id = %(me)s)
  AND (sv.supervisor_id IS NULL OR sv.supervisor_id = %(me)s)
"""
HISTORY_SQL = """
SELECT s.id, s.held_on, u.first_name, u.last_name, u.username FROM supervision_supervisionsession s
JOIN core_user u ON u.id = s.supervisor_id WHERE s.supervisee_id = %(who)s ORDER BY s.held_on DESC, s.id DESC
"""
WEEKS_SQL = "SELECT every_weeks FROM supervision_supervisee WHERE user_id = %(who)s"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=150_000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-supervision-<N>k.sqlite3")
    parser.add_argument("--runs", type=int, default=60, help="Timed runs of each (default 60).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--scratch-database",
        action="store_true",
        help="The PostgreSQL database named is yours to fill and empty, though not named whatsstrong_bench...",
    )
    return parser.parse_args()


def build(args, database_url):
    from django.core.management import call_command
    from django.db import connection

    if args.rebuild or pages.generated_size() not in (None, args.people):
        connection.close()
        pages.drop_bench_database(database_url)
    call_command("migrate", verbosity=0)
    from whatsstrong.supervision.models import SupervisionSession

    if pages.generated_size() == args.people and SupervisionSession.objects.exists():
        print(f"Reusing the generated council of {args.people:,} people.")
        return None
    from whatsstrong.demo.generator.council import Council
    from whatsstrong.demo.generator.supervision import Supervision

    print(f"Generating {args.people:,} people (seed {args.seed}) on {connection.vendor}...")
    started = time.monotonic()
    if pages.generated_size() != args.people:
        Council(people=args.people, seed=args.seed, out=lambda line: None).generate()
    Supervision(seed=args.seed, out=print).generate()
    return time.monotonic() - started


def rows(sql, params):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def p95(times):
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def timed(run, runs):
    taken = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        taken.append((time.perf_counter() - started) * 1000)
    return taken


def report(label, ours, floor=None):
    line = f"{label}: median {statistics.median(ours):.2f} ms, p95 {p95(ours):.2f} ms"
    if floor is not None:
        ratio = statistics.median(ours) / statistics.median(floor)
        line += (
            f"; SQL floor median {statistics.median(floor):.2f} ms, p95 {p95(floor):.2f} ms; "
            f"ratio of medians {ratio:.2f} (target at most {TARGET_RATIO})"
        )
        return line, ratio <= TARGET_RATIO and p95(ours) < TARGET_P95_MS
    return line + f" (target p95 under {TARGET_P95_MS} ms)", p95(ours) < TARGET_P95_MS


def _unwrap_date(value):
    return value if value is None or not isinstance(value, str) else __import__("datetime").date.fromisoformat(value)


def main():
    args = parse_args()
    default = pages.ROOT / "var" / f"bench-supervision-{args.people // 1000}k.sqlite3"
    database_url = args.database_url or f"sqlite:///{default}"
    if not (args.scratch_database and database_url.startswith("postgres")):
        pages.refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        pages.ensure_postgres_database(database_url)
    (pages.ROOT / "var").mkdir(exist_ok=True)
    pages.configure(database_url)
    pages.install_urls()
    generate_seconds = build(args, database_url)
    pages.settle()

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from whatsstrong.core.models import Role, User
    from whatsstrong.supervision import queries
    from whatsstrong.supervision.models import SupervisionSession

    today = timezone.localdate()
    supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True, team__isnull=False)
    supervisor = max(supervisors, key=lambda u: User.objects.filter(team_id=u.team_id, role=Role.PRACTITIONER).count())
    busiest = (
        SupervisionSession.objects.filter(supervisee__team_id=supervisor.team_id)
        .values("supervisee_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    member = User.objects.get(pk=busiest["supervisee_id"])
    params = {"today": today, "me": supervisor.pk, "team": supervisor.team_id, "who": member.pk}

    ours = sorted((s.supervisee_id, s.last_held_on, s.every_weeks) for _, s in queries.overview(supervisor, today))
    theirs = sorted((r[0], _unwrap_date(r[5]), r[4] or 4) for r in rows(OVERVIEW_SQL, params))
    if ours != theirs:
        sys.exit(f"The overview differs from the SQL floor: {sorted(set(ours) ^ set(theirs))[:5]}")
    history = [s.pk for s in queries.history(member.pk, today)[0]]
    if history != [r[0] for r in rows(HISTORY_SQL, params)]:
        sys.exit("The history differs from the SQL floor.")

    def overview_reads():
        return queries.overview(supervisor, today)

    def history_reads():
        return queries.history(member.pk, today)

    def history_floor():
        return rows(HISTORY_SQL, params), rows(WEEKS_SQL, params)

    client = Client()
    client.force_login(supervisor, backend="whatsstrong.core.backends.StaffBackend")

    def page(path):
        def get():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return get

    for run in (overview_reads, history_reads, history_floor, page("/supervision/")):
        timed(run, 3)  # warm up
    runs = {
        "overview": overview_reads,
        "overview_floor": lambda: rows(OVERVIEW_SQL, params),
        "history": history_reads,
        "history_floor": history_floor,
        "overview_page": page("/supervision/"),
        "history_page": page(f"/supervision/staff/{member.pk}/"),
    }
    results = {name: [] for name in runs}
    for _ in range(args.runs):  # in turns, so a busy moment on the machine falls on all alike
        for name, run in runs.items():
            results[name] += timed(run, 1)

    print(
        f"{connection.vendor} ({urlparse(database_url).scheme}): {args.people:,} people, "
        f"{SupervisionSession.objects.count():,} supervision sessions; {supervisor.display_name} oversees "
        f"{len(ours)} supervisees, {member.display_name} has {len(history)} sessions; {args.runs} runs each."
    )
    if generate_seconds:
        print(f"Generated in {generate_seconds:.1f} s.")
    ok = True
    for label, name, floor in (
        ("Team overview (who is overdue), reads", "overview", "overview_floor"),
        ("Supervisee's history, reads", "history", "history_floor"),
        ("Team overview page /supervision/", "overview_page", None),
        ("Supervisee's history page", "history_page", None),
    ):
        line, passed = report(label, results[name], results[floor] if floor else None)
        ok &= passed
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
