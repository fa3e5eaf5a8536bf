"""Benchmark for the language coach (whatsstrong.language).

    python bench/language_bench.py            # everything
    python bench/language_bench.py --check-corpus
    python bench/language_bench.py --lines 50000 --skip-tools

Prints span-level precision, recall and F1 per kind and overall on the
development and held-out corpora, the same figures for proselint and alex
where they are installed, throughput of the --jsonl command line on one core (the median of several
runs, by the wall clock and by the process's CPU time),
and the median time to check a 2,000-word note.

A predicted span is a hit when it overlaps a gold span of the same kind; a
gold span is found when a predicted span of the same kind overlaps it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CORPORA = [("dev", BENCH / "corpus" / "language-dev.jsonl"), ("held-out", BENCH / "corpus" / "language-heldout.jsonl")]
KINDS = ("deficit", "jargon")
sys.path.insert(0, str(ROOT))

from whatsstrong.language import check, load_lexicon  # noqa: E402


# -- corpus -----------------------------------------------------------------
def load_corpus(path: Path) -> list[dict]:
    """Read a corpus and check every gold span; exit with a message if any is bad."""
    docs, problems, ids = [], [], set()
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except ValueError as exc:
                problems.append(f"line {number}: not JSON ({exc})")
                continue
            text, spans = doc.get("text"), doc.get("spans")
            if not isinstance(text, str) or not isinstance(spans, list):
                problems.append(f"line {number}: needs a text string and a spans list")
                continue
            if doc.get("id") in ids:
                problems.append(f"line {number}: duplicate id {doc.get('id')!r}")
            ids.add(doc.get("id"))
            last_end = 0
            for s in sorted(spans, key=lambda s: s.get("start", -1)):
                a, b, k = s.get("start"), s.get("end"), s.get("kind")
                if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)):
                    problems.append(f"line {number}: span {s} is outside the text")
                elif k not in KINDS:
                    problems.append(f"line {number}: span {s} has an unknown kind")
                elif text[a:b] != text[a:b].strip() or not text[a:b].strip():
                    problems.append(f"line {number}: span {s} starts or ends with a space")
                elif a < last_end:
                    problems.append(f"line {number}: span {s} overlaps the one before")
                else:
                    last_end = b
            docs.append(doc)
    if problems:
        print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
        for p in problems[:50]:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    return docs


def corpus_summary(docs: list[dict]) -> str:
    clean = sum(1 for d in docs if not d["spans"])
    counts = {k: sum(1 for d in docs for s in d["spans"] if s["kind"] == k) for k in KINDS}
    return f"{len(docs)} sentences ({clean} clean), gold spans: " + ", ".join(f"{k} {v}" for k, v in counts.items())


# -- scoring ------------------------------------------------------------------
def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(docs: list[dict], predictions: list[list[tuple[int, int, str | None]]]):
    """Return {kind or 'overall': (precision, recall, f1, n_pred, n_gold)}.

    A prediction's kind may be None (a tool that does not sort its findings):
    it then counts as a prediction of every kind, and as a hit for a kind when
    it overlaps a gold span of that kind."""
    table = {}
    for kind in KINDS + ("overall",):
        tp_pred = n_pred = found = n_gold = 0
        for doc, preds in zip(docs, predictions):
            gold = [(s["start"], s["end"], s["kind"]) for s in doc["spans"] if kind == "overall" or s["kind"] == kind]
            mine = [p for p in preds if kind == "overall" or p[2] in (kind, None)]

            def same(p, g):
                return p[2] is None or p[2] == g[2]

            n_pred += len(mine)
            n_gold += len(gold)
            tp_pred += sum(1 for p in mine if any(_overlaps(p, g) and same(p, g) for g in gold))
            found += sum(1 for g in gold if any(_overlaps(p, g) and same(p, g) for p in mine))
        precision = tp_pred / n_pred if n_pred else 1.0
        recall = found / n_gold if n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[kind] = (precision, recall, f1, n_pred, n_gold)
    return table


def print_table(title: str, table: dict) -> None:
    print(f"  {title}")
    print(f"    {'':9} {'precision':>9} {'recall':>7} {'F1':>6} {'found':>6} {'gold':>5}")
    for kind, (p, r, f, n_pred, n_gold) in table.items():
        print(f"    {kind:9} {p:9.3f} {r:7.3f} {f:6.3f} {n_pred:6d} {n_gold:5d}")


def ours(docs):
    lex = load_lexicon()
    return [[(f.start, f.end, f.kind) for f in check(d["text"], lex)] for d in docs]


# -- other tools --------------------------------------------------------------
def proselint_predictions(docs):
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    preds = []
    for d in docs:
        results = LintFile("corpus", d["text"]).lint()
        # proselint pads the text with a leading newline, so offsets are one out.
        preds.append([(r.check_result.span[0] - 1, r.check_result.span[1] - 1, None) for r in results])
    return preds


ALEX_SCRIPT = r"""
import {text} from 'alex';
import {createInterface} from 'node:readline';
const rl = createInterface({input: process.stdin});
for await (const line of rl) {
  if (!line.trim()) continue;
  const t = JSON.parse(line);
  const out = [];
  for (const m of text(t).messages) {
    const p = m.place || m.position;
    if (!p || !p.start || p.start.offset === undefined) continue;
    // JavaScript offsets count UTF-16 units; convert to code points.
    const cp = (o) => Array.from(t.slice(0, o)).length;
    out.push([cp(p.start.offset), cp(p.end.offset), m.ruleId]);
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
"""


def alex_predictions(docs):
    node = shutil.which("node")
    if not node or not (BENCH / "node_modules" / "alex").is_dir():
        return None
    payload = "".join(json.dumps(d["text"]) + "\n" for d in docs)
    run = subprocess.run(
        [node, "--input-type=module", "-e", ALEX_SCRIPT],
        input=payload,
        capture_output=True,
        text=True,
        cwd=BENCH,
        timeout=600,
    )
    if run.returncode != 0:
        print("  alex failed: " + run.stderr.strip()[:300])
        return None
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    return [[(a, b, None) for a, b, _ in row] for row in rows]


# -- speed ---------------------------------------------------------------------
def _one_core(cmd: list[str]) -> list[str]:
    taskset = shutil.which("taskset")
    return [taskset, "-c", "0", *cmd] if taskset else cmd


def throughput(docs, lines: int, repeats: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.jsonl"
        empty = Path(tmp) / "empty.jsonl"
        empty.write_text("")
        with open(big, "w", encoding="utf-8") as fh:
            for i in range(lines):
                fh.write(json.dumps({"id": i, "text": docs[i % len(docs)]["text"]}, ensure_ascii=False) + "\n")
        cmd = _one_core([sys.executable, "-m", "whatsstrong.language", "--jsonl"])
        env = dict(os.environ, PYTHONPATH=str(ROOT))

        def timed(path):
            """(wall-clock seconds, CPU seconds) of one run of the command line."""
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd + [str(path)], stdout=subprocess.DEVNULL, check=True, env=env, cwd=ROOT)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

        startup = [timed(empty) for _ in range(3)]
        start_wall = statistics.median(w for w, _ in startup)
        start_cpu = statistics.median(c for _, c in startup)
        runs = [timed(big) for _ in range(repeats)]
    pinned = "pinned to one core with taskset" if shutil.which("taskset") else "one process"
    load = f", load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores" if hasattr(os, "getloadavg") else ""
    print(f"  --jsonl over {lines:,} lines ({pinned}), {repeats} runs{load}:")
    walls = sorted(lines / w for w, _ in runs)
    cpus = sorted(lines / c for _, c in runs)
    cpus_net = sorted(lines / max(c - start_cpu, 1e-9) for _, c in runs)
    print(
        f"    wall clock, including interpreter start-up: median {statistics.median(walls):,.0f} lines/s "
        f"(runs: {', '.join(f'{r:,.0f}' for r in walls)})"
    )
    print(
        f"    CPU time of the process, including start-up: median {statistics.median(cpus):,.0f} lines/s "
        f"(runs: {', '.join(f'{r:,.0f}' for r in cpus)})"
    )
    print(
        f"    CPU time excluding start-up ({start_cpu * 1000:.0f} ms CPU, {start_wall * 1000:.0f} ms wall): "
        f"median {statistics.median(cpus_net):,.0f} lines/s"
    )
    print("    (on a shared machine the CPU time is the steadier figure: waiting for a core is not counted)")


def note_time(docs) -> None:
    words, parts = 0, []
    i = 0
    while words < 2000:
        t = docs[i % len(docs)]["text"]
        parts.append(t)
        words += len(t.split())
        i += 1
    note = " ".join(parts)
    lex = load_lexicon()
    check(note, lex)
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        n = len(check(note, lex))
        times.append(time.perf_counter() - t0)
    print(
        f"  2,000-word note ({len(note.split())} words, {n} findings): "
        f"median {statistics.median(times) * 1000:.2f} ms over 50 runs"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check-corpus", action="store_true", help="only check the gold spans")
    ap.add_argument("--lines", type=int, default=200_000, help="lines for the throughput test")
    ap.add_argument("--skip-tools", action="store_true", help="do not run proselint or alex")
    ap.add_argument("--skip-speed", action="store_true", help="do not measure speed")
    ap.add_argument("--repeats", type=int, default=5, help="runs of the throughput test (the median is shown)")
    args = ap.parse_args()

    corpora = [(name, load_corpus(path)) for name, path in CORPORA if path.exists()]
    for name, docs in corpora:
        print(f"{name} corpus: {corpus_summary(docs)}: gold spans valid")
    if args.check_corpus:
        return

    print("\nAccuracy (span level; a hit is any overlap with a gold span of the same kind)")
    for name, docs in corpora:
        print(f"\n{name} corpus")
        print_table("whatsstrong.language", score(docs, ours(docs)))
        if args.skip_tools:
            continue
        print("  Other tools: their findings have no kind, so each finding counts as a")
        print("  prediction of every kind and as a hit for a kind when it overlaps a gold")
        print("  span of that kind (so per-kind precision is out of all their findings).")
        pl = proselint_predictions(docs)
        if pl is None:
            print("  proselint: not installed; install with `pip install -r bench/requirements.txt`")
        else:
            from proselint.version import __version__ as v

            print_table(f"proselint {v} (all default checks)", score(docs, pl))
        al = alex_predictions(docs)
        if al is None:
            print("  alex: not installed; install with `npm ci --prefix bench` (needs node)")
        else:
            version = json.loads((BENCH / "node_modules" / "alex" / "package.json").read_text())["version"]
            print_table(f"alex {version} (default rules)", score(docs, al))

    if not args.skip_speed and corpora:
        print("\nSpeed")
        throughput(corpora[0][1], args.lines, args.repeats)
        note_time(corpora[0][1])


if __name__ == "__main__":
    main()
