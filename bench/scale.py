"""How the busiest pages and name search grow from a council of 150,000 people to one of 500,000.

    .venv/bin/python bench/scale.py
    .venv/bin/python bench/scale.py --postgres postgres://postgres@127.0.0.1:5432

Runs bench/pages.py for each size in turn (each in its own process, with its own generated council:
var/bench-150k.sqlite3 and var/bench-500k.sqlite3, or the PostgreSQL databases whatsstrong_bench_150k
and whatsstrong_bench_500k), `--rounds` times, taking turns, so both sizes meet the machine in the same
states. For each page it keeps the lowest p95 of the rounds (the round least disturbed by other work)
and compares the sizes. Target: the larger council's p95 is at most 1.5 times the smaller's for every
page. The exit status is 1 when a page misses it. See bench/README.md.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROWTH_TARGET = 1.5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="150000,500000", help="People in each council (default 150000,500000).")
    parser.add_argument(
        "--postgres", metavar="SERVER_URL", help="PostgreSQL server; each size gets whatsstrong_bench_<N>k there."
    )
    parser.add_argument("--rounds", type=int, default=2, help="Runs of each size, taking turns (default 2).")
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per page and run (default 200).")
    parser.add_argument("--only", metavar="WORDS", help="Only the pages whose name contains these words.")
    return parser.parse_args()


def label(people):
    return f"{people // 1000}k" if people % 1000 == 0 else str(people)


def run_pages(people, args, into):
    command = [sys.executable, str(ROOT / "bench" / "pages.py"), "--people", str(people)]
    command += ["--requests", str(args.requests), "--json", str(into)]
    if args.postgres:
        command += ["--database-url", f"{args.postgres.rstrip('/')}/whatsstrong_bench_{label(people)}"]
    if args.only:
        command += ["--only", args.only]
    # pages.py exits 1 when one of its own targets is missed; its figures are still written.
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if not into.exists():
        sys.exit(f"bench/pages.py --people {people} wrote no figures:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
    print(f"  {label(people)}: done", flush=True)
    return json.loads(into.read_text())


def lowest(runs):
    """Per page, the figures of the run with the lowest p95."""
    best = {}
    for run in runs:
        for page in run["pages"]:
            if page["page"] not in best or page["p95"] < best[page["page"]]["p95"]:
                best[page["page"]] = page
    return best


def main():
    args = parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    runs = {people: [] for people in sizes}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(1, args.rounds + 1):
            print(f"Round {round_number} of {args.rounds}:", flush=True)
            for people in sizes:
                runs[people].append(run_pages(people, args, Path(folder) / f"{people}-{round_number}.json"))
    small, large = sizes[0], sizes[-1]
    before, after = lowest(runs[small]), lowest(runs[large])
    database = runs[small][0]["database"]
    print()
    print(
        f"{database} · {small:,} and {large:,} people · {args.requests} requests a page a run · "
        f"lowest p95 of {args.rounds} runs each, taking turns"
    )
    header = ("page", f"queries {label(small)}/{label(large)}", f"p95 {label(small)}", f"p95 {label(large)}")
    header += ("growth", "target", "result")
    widths = (40, 15, 8, 8, 6, 8, 6)
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    failed = False
    for name, small_page in before.items():
        large_page = after.get(name)
        if large_page is None:
            continue
        growth = large_page["p95"] / small_page["p95"]
        ok = growth <= GROWTH_TARGET
        failed |= not ok
        cells = (
            name,
            f"{small_page['queries']} / {large_page['queries']}",
            f"{small_page['p95']:.1f}",
            f"{large_page['p95']:.1f}",
            f"{growth:.2f}x",
            f"<= {GROWTH_TARGET}x",
            "pass" if ok else "FAIL",
        )
        print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip())
    print("\np95 in ms, server time through Django's test client as bench/pages.py measures it.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
