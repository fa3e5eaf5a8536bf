"""Command line: python -m whatsstrong.eligibility [--jsonl] [--today YYYY-MM-DD] [FILE...]

--jsonl reads one case per line (standard input, or each FILE in turn) and writes one answer per
line, in the same order; blank lines are skipped. A line that is not JSON, not an object, not
UTF-8 or not a well-formed case gets an answer with "error" and the run goes on.

Without --jsonl, each FILE (or standard input) holds one case, or a list of cases, as JSON, and
the decisions are printed readably.

Exit status: 0 when every case was read, even if some were malformed; 2 for a usage error (an
unknown option, a bad --today, a file that cannot be opened), or in the readable mode when the
input is not JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from .cases import decide
from .rules import json_type


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from None


def _not_json(name: str):
    # Python reads NaN and Infinity, which JSON does not have and would be written back out.
    raise ValueError(f"{name} is not a JSON value")


def _answer_line(number: int, raw: bytes, today: date | None) -> dict:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"id": None, "error": f"line {number} is not UTF-8 text"}
    try:
        case = json.loads(text, parse_constant=_not_json)
    except ValueError as exc:
        return {"id": None, "error": f"line {number} is not valid JSON ({exc})"}
    if not isinstance(case, dict):
        return {"id": None, "error": f"line {number} is {json_type(case)}, not a JSON object"}
    return decide(case, today=today)


def _jsonl(stream, today, out) -> None:
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        answer = _answer_line(number, raw, today)
        out.write(json.dumps(answer, ensure_ascii=False).encode("utf-8") + b"\n")


def _readable(name: str, stream, today, out) -> bool:
    try:
        data = json.loads(stream.read().decode("utf-8"), parse_constant=_not_json)
    except (UnicodeDecodeError, ValueError) as exc:
        print(f"error: {name}: not JSON ({exc})", file=sys.stderr)
        return False
    lines = []
    for case in data if isinstance(data, list) else [data]:
        answer = decide(case, today=today)
        label = "case" if answer["id"] is None else f"case {answer['id']}"
        if "error" in answer:
            lines.append(f"{label}: cannot decide: {answer['error']}")
            continue
        lines.append(f"{label}: {'eligible' if answer['eligible'] else 'not eligible'}")
        lines += [f"  - {reason}" for reason in answer["reasons"]]
    out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m whatsstrong.eligibility",
        description="Decide whether an adult's or a carer's needs meet the Care Act eligibility criteria.",
    )
    parser.add_argument("files", nargs="*", help="files of cases (default: standard input)")
    parser.add_argument("--jsonl", action="store_true", help="read one case per line and write one answer per line")
    parser.add_argument("--today", type=_today, help="the date no occasion may be after (default: today)")
    args = parser.parse_args(argv)
    streams = []
    try:
        for name in args.files:
            try:
                streams.append((name, open(name, "rb")))  # noqa: SIM115 - closed below
            except OSError as exc:
                print(f"error: {name}: {exc.strerror}", file=sys.stderr)
                return 2
        if not streams:
            streams.append(("<stdin>", sys.stdin.buffer))
        out = sys.stdout.buffer
        ok = True
        for name, stream in streams:
            if args.jsonl:
                _jsonl(stream, args.today, out)
            else:
                ok = _readable(name, stream, args.today, out) and ok
        out.flush()
        return 0 if ok else 2
    finally:
        for _name, stream in streams:
            if stream is not sys.stdin.buffer:
                stream.close()
