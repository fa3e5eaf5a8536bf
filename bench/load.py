"""The highest rate of a mixed practitioner workload that 2 gunicorn workers serve with a p95 under
200 ms and no errors.

    .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/whatsstrong_bench
    .venv/bin/python bench/load.py --seconds 10      # a quick try; the figures need the full 60 s

Uses the generated council of bench/pages.py (its build function: reused when it exists, made
when it does not), collects the static files with the manifest, and starts gunicorn with 2 workers,
gunicorn.conf.py and production settings, behind a pretend TLS proxy (requests carry
X-Forwarded-Proto: https). Several practitioners are signed in, one session per simulated user,
and Locust, headless (bench/locustfile.py), makes their requests at a fixed rate for each step:
caseloads, people's pages, name searches, assessments, support plans, and case notes saved. The
rate doubles while a step holds, then the gap between the last step that held and the first that
did not is halved until it is within 10%. A step holds when its p95 is under 200 ms,
no request failed, and Locust achieved at least 95% of the rate asked. See bench/README.md.
"""

import argparse
import csv
import http.client
import json
import math
import os
import random
import re
import resource
import secrets
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import pages

ROOT = Path(__file__).resolve().parent.parent
P95_TARGET_MS = 200
ACHIEVED_SHARE = 0.95
# Each simulated user makes at most this many requests a second, so it waits 250 ms or more between
# starts and only falls behind when its own page takes longer than the target.
MOST_PAGES_A_SECOND_EACH = 4
CLOSE_ENOUGH = 0.10
WORKERS = 2
# A line of gunicorn's access log for a request (the log also holds the server's own messages).
REQUEST_LINE = re.compile(r'"(GET|POST) \S+ HTTP/[\d.]+" \d+ ')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=150_000)
    parser.add_argument("--database-url", help="Default: SQLite at var/bench-<N>.sqlite3, as bench/pages.py")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="Generate the council again even if it exists.")
    parser.add_argument("--seconds", type=int, default=60, help="Length of each step (default 60).")
    parser.add_argument(
        "--start-rate", type=float, default=25, help="Pages a second asked in the first step (default 25)."
    )
    parser.add_argument("--practitioners", type=int, default=10, help="Practitioners signed in (default 10).")
    parser.add_argument("--max-steps", type=int, default=12, help="Stop after this many steps (default 12).")
    return parser.parse_args()


# --- the database and the sign-ins -------------------------------------------------------------------


def practitioners(count):
    """The practitioners with the fullest caseloads, so their pages show the most rows."""
    from django.db.models import Count

    from whatsstrong.core.models import Role, User

    return list(
        User.objects.filter(role=Role.PRACTITIONER).annotate(held=Count("caseload")).order_by("-held", "pk")[:count]
    )


def sign_in(users, count, signed):
    """Sessions made the way a sign-in makes them, without hashing a password for each one, each with
    the CSRF secret its browser would hold."""
    from django.conf import settings
    from django.test import Client

    while len(signed) < count:
        number = len(signed) % len(users)
        client = Client()
        client.force_login(users[number], backend="whatsstrong.core.backends.StaffBackend")
        signed.append(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
                "practitioner": number,
                "csrf": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32)),
            }
        )
    return signed


NOTES = [
    "Rang to see how the first week at the lunch club went. Enjoyed it and wants to go again on Thursday.",
    "Talked through the new bus pass. Their son will go with them the first time.",
    "Checked in after the fall last month. Feeling steadier and walking to the shop each morning.",
    "Spoke about the garden project. Keen to help with the seedlings; I will send the details.",
]


def work_for(user, rng):
    """What this practitioner opens: people on their caseload (not restricted), names they type,
    and those people's assessments and support plans, or their team's where they hold none."""
    import datetime

    from whatsstrong.assessments.models import Assessment
    from whatsstrong.people.models import Person
    from whatsstrong.plans.models import SupportPlan

    held = Person.objects.filter(allocated_worker=user, restricted=False)
    people = list(held.order_by("pk").values_list("pk", "given_name", "family_name"))
    team = Person.objects.filter(team=user.team_id, restricted=False)
    searches = []
    for _, given, family in people:
        word = max(family.split(), key=len)
        if rng.random() < 0.7:
            searches.append(word[: rng.randint(3, max(3, len(word)))])
        else:
            searches.append(f"{given.split()[0]} {pages.typo(rng, word) if len(word) > 3 else word}")

    def urls(model, kind):
        for among in (held, team):
            found = model.objects.filter(person__in=among).order_by("pk").values_list("person_id", "pk")[:50]
            if found:
                return [f"/people/{person}/{kind}/{pk}/" for person, pk in found]
        sys.exit(f"The generated council has no {kind} for {user}: run with --rebuild.")

    today = datetime.date.today()
    return {
        "people": [pk for pk, *_ in people],
        "searches": searches,
        "assessments": urls(Assessment, "assessments"),
        "plans": urls(SupportPlan, "plans"),
        "notes": NOTES,
        "today": [today.day, today.month, today.year],
    }


def sign_out(signed):
    from django.contrib.sessions.models import Session
    from django.db import connection

    Session.objects.filter(session_key__in=[s["cookie"].split("=", 1)[1] for s in signed]).delete()
    connection.close()


# --- the server -----------------------------------------------------------------------------------


def production_env(folder):
    """Production settings: pages.configure() has already set DATABASE_URL and SECRET_KEY, which the
    sessions made above depend on."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "LOG_LEVEL"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "whatsstrong.settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_TLS_PROXY": "1",
        "STATIC_ROOT": str(folder / "static"),
    }


def collect_static(env):
    run = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode:
        sys.exit(f"collectstatic failed:\n{run.stdout}{run.stderr}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, folder):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(folder / "access.log", "w"),
        stderr=open(folder / "error.log", "w"),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting:\n" + (folder / "error.log").read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start within 30 s")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def warm_up(port, signed, work, requests=200):
    """Each worker compiles its templates and opens its database connection before the timed steps:
    every kind of page, each signed-in user in turn."""
    for i in range(requests):
        user = signed[i % len(signed)]
        mine = work[user["practitioner"]]
        url = [
            "/",
            f"/people/{mine['people'][i % len(mine['people'])]}/",
            "/people/?" + urlencode({"q": mine["searches"][i % len(mine["searches"])]}),
            mine["assessments"][i % len(mine["assessments"])],
            mine["plans"][i % len(mine["plans"])],
        ][i % 5]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", url, headers={"X-Forwarded-Proto": "https", "Cookie": user["cookie"]})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        if response.status != 200:
            sys.exit(f"Warming up, {url} answered {response.status}:\n{body[:1000]!r}")


# --- one step of load -----------------------------------------------------------------------------


def users_for(rate, practitioner_count):
    return max(practitioner_count, math.ceil(rate / MOST_PAGES_A_SECOND_EACH))


def server_cpu_seconds(server):
    """CPU time of gunicorn's master and workers so far, from /proc (Linux)."""
    pids = [server.pid] + [
        int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ]
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime and stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def locust_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_step(number, rate, users, port, folder, seconds, server):
    """Locust, headless, for `seconds` at `rate` requests a second; returns its aggregated figures and
    the cores gunicorn and Locust kept busy meanwhile. Users start `rate` a second, so their
    requests are spread evenly over time rather than arriving together."""
    prefix = folder / f"step-{number}"
    access_log_from = (folder / "access.log").stat().st_size
    started, server_before, locust_before = time.monotonic(), server_cpu_seconds(server), locust_cpu_seconds()
    env = os.environ | {
        "LOAD_USERS": str(folder / "users.json"),
        "LOAD_WORK": str(folder / "work.json"),
        "LOAD_REQUESTS_A_SECOND_EACH": str(rate / users),
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--host",
            f"http://127.0.0.1:{port}",
            "--users",
            str(users),
            "--spawn-rate",
            str(rate),
            "--run-time",
            f"{seconds}s",
            "--reset-stats",
            "--only-summary",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - started
    server_cores = (server_cpu_seconds(server) - server_before) / wall
    locust_cores = (locust_cpu_seconds() - locust_before) / wall
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        sys.exit(f"Locust wrote no figures (exit {run.returncode}):\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
    with stats.open() as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["Name"] == "Aggregated")
    kinds = {
        r["Name"]: (int(r["Request Count"]), float(r["50%"]), float(r["95%"]), int(r["Failure Count"]))
        for r in rows
        if r["Name"] != "Aggregated" and int(r["Request Count"])
    }
    inside = time_inside_gunicorn(folder / "access.log", access_log_from)
    errors = int(row["Failure Count"])
    failures_file = Path(f"{prefix}_failures.csv")
    return {
        "rate": rate,
        "users": users,
        "requests": int(row["Request Count"]),
        "achieved": float(row["Requests/s"]),
        "median": float(row["50%"]),
        "p95": float(row["95%"]),
        "errors": errors,
        "failures": failures_file.read_text() if errors and failures_file.exists() else "",
        "inside median": statistics.median(inside),
        "inside p95": statistics.quantiles(inside, n=20)[18],
        "server cores": server_cores,
        "locust cores": locust_cores,
        "generator busy": "CPU usage" in run.stderr,
        "load average": os.getloadavg()[0],
        "kinds": kinds,
    }


def time_inside_gunicorn(access_log, offset):
    """From the step's lines of the access log: ms from reading each request to sending its answer,
    without the wait for a free worker, nor the network and Locust's own delays."""
    with access_log.open() as f:
        f.seek(offset)
        return [int(line.rsplit(" ", 1)[1].removesuffix("ms\n")) for line in f if REQUEST_LINE.search(line)]


def holds(step):
    return step["errors"] == 0 and step["p95"] < P95_TARGET_MS and step["achieved"] >= ACHIEVED_SHARE * step["rate"]


def next_rate(rate, held, failed):
    """Double until a step fails, then halve the gap; None when the answer is within 10%."""
    if failed is None:
        return rate * 2
    if held is None:
        return rate / 2 if rate / 2 >= 1 else None
    if failed - held <= max(1, CLOSE_ENOUGH * held):
        return None
    return round((held + failed) / 2)


def database_name(connection):
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    connection.ensure_connection()
    return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"


# --- the report ------------------------------------------------------------------------------------


KIND_WIDTHS = (20, 6, 9, 6, 6)


def report(steps, held, failed, args, database, details):
    print()
    print(
        f"{database} · {args.people:,} people · gunicorn, {WORKERS} sync workers, production settings · "
        f"{args.practitioners} practitioners signed in · {args.seconds} s a step"
    )
    print(details)
    header = (
        "step",
        "asked /s",
        "users",
        "achieved /s",
        "requests",
        "median ms",
        "p95 ms",
        "errors",
        "inside median",
        "inside p95",
        "gunicorn cores",
        "Locust cores",
        "load avg",
        "holds",
    )
    widths = (4, 8, 5, 11, 8, 9, 6, 6, 13, 10, 14, 12, 8, 5)
    print()
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for number, step in enumerate(steps, 1):
        cells = (
            number,
            f"{step['rate']:g}",
            step["users"],
            f"{step['achieved']:.1f}",
            step["requests"],
            f"{step['median']:g}",
            f"{step['p95']:g}",
            step["errors"],
            f"{step['inside median']:.0f}",
            f"{step['inside p95']:.0f}",
            f"{step['server cores']:.2f}",
            f"{step['locust cores']:.2f}",
            f"{step['load average']:.1f}",
            ("yes" if holds(step) else "no") + (" *" if step["generator busy"] else ""),
        )
        print("  ".join(str(c).rjust(w) for c, w in zip(cells, widths)))
    if any(step["generator busy"] for step in steps):
        print("* Locust warned that its CPU was above 90%: the load generator, not only the server, was short of CPU.")
    print(
        "Median and p95: as Locust saw them. Inside: the time gunicorn's access log gives each answer, in ms,"
        " without the wait for a free worker."
    )
    print("Cores: CPU seconds used by gunicorn (master and workers) and by Locust, per second of the step.")
    print("Load avg: the machine's one-minute load average at the end of the step (2 cores; other work counts too).")
    for step in steps:
        if step["failures"]:
            print(f"\nFailures at {step['rate']:g} requests a second:\n{step['failures']}")
    best = max((step for step in steps if holds(step)), key=lambda step: step["rate"], default=None)
    best = best or (steps[-1] if steps else None)
    if best:
        which = "the highest step that held" if holds(best) else "the last step"
        print(f"\nEach kind of request in {which} ({best['rate']:g} a second):")
        print("  ".join(h.rjust(w) for h, w in zip(("request", "count", "median ms", "p95 ms", "errors"), KIND_WIDTHS)))
        for name, (count, median, high, errors) in sorted(best["kinds"].items(), key=lambda kind: -kind[1][0]):
            cells = (name, count, f"{median:g}", f"{high:g}", errors)
            print("  ".join(str(c).rjust(w) for c, w in zip(cells, KIND_WIDTHS)))
    print()
    if held is None:
        print(f"No step held: even {failed:g} requests a second missed p95 < {P95_TARGET_MS} ms with no errors.")
    elif failed is None:
        print(f"Every step held, up to {held:g} requests a second; raise --max-steps to look higher.")
    else:
        print(
            f"Highest rate held: {held:g} requests a second of the mixed workload "
            f"(p95 < {P95_TARGET_MS} ms, no errors, {ACHIEVED_SHARE:.0%} of the rate achieved); "
            f"{failed:g} a second did not hold."
        )


def main():
    args = parse_args()
    database_url = args.database_url or f"sqlite:///{pages.sqlite_path(args.people)}"
    pages.refuse_other_databases(database_url)
    if database_url.startswith("postgres"):
        pages.ensure_postgres_database(database_url)
    (ROOT / "var").mkdir(exist_ok=True)
    pages.configure(database_url)
    pages.build(args, database_url)
    pages.settle()

    from django.db import connection

    database = database_name(connection)
    signed_in = practitioners(args.practitioners)
    rng = random.Random(args.seed)
    work = [work_for(user, rng) for user in signed_in]
    signed = sign_in(signed_in, args.practitioners, [])
    folder = Path(tempfile.mkdtemp(prefix="whatsstrong-load-"))
    server = None
    steps, held, failed = [], None, None
    try:
        env = production_env(folder)
        collect_static(env)
        port = free_port()
        connection.close()
        server = start_gunicorn(env, port, folder)
        (folder / "work.json").write_text(json.dumps(work))
        warm_up(port, signed, work)
        rate = args.start_rate
        while rate is not None and len(steps) < args.max_steps:
            users = users_for(rate, args.practitioners)
            sign_in(signed_in, users, signed)
            connection.close()
            (folder / "users.json").write_text(json.dumps(signed[:users]))
            step = run_step(len(steps) + 1, rate, users, port, folder, args.seconds, server)
            steps.append(step)
            print(
                f"step {len(steps)}: asked {rate:g}/s, achieved {step['achieved']:.1f}/s, "
                f"median {step['median']:g} ms, p95 {step['p95']:g} ms, {step['errors']} errors, "
                f"gunicorn {step['server cores']:.2f} cores, Locust {step['locust cores']:.2f}: "
                + ("holds" if holds(step) else "does not hold"),
                flush=True,
            )
            if holds(step):
                held = rate
            else:
                failed = rate if failed is None else min(failed, rate)
            rate = next_rate(rate, held, failed)
        errors_logged = [line for line in (folder / "error.log").read_text().splitlines() if " ERROR " in line]
    finally:
        if server is not None:
            stop(server)
        sign_out(signed)
        shutil.rmtree(folder, ignore_errors=True)
    caseloads = ", ".join(str(user.held) for user in signed_in)
    report(
        steps,
        held,
        failed,
        args,
        database,
        f"Caseloads of the practitioners signed in: {caseloads} people. "
        f"Errors in gunicorn's error log: {len(errors_logged)}.",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
