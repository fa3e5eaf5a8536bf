"""Command line: python -m whatsstrong.language [--jsonl] [FILE...]

Plain mode prints each finding readably. --jsonl reads lines of
{"id": ..., "text": ...} and writes one line of {"id": ..., "flags": [...]}
per input line, all in one process, for batch use.

Exit status is 0 whatever is found; 2 means the input could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from json.encoder import py_encode_basestring

try:  # the C version, as json.dumps uses with ensure_ascii=False
    from _json import encode_basestring
except ImportError:  # pragma: no cover
    encode_basestring = py_encode_basestring

from .lexicon import LexiconError, load_lexicon
from .matcher import check

BATCH = 2000  # output lines written at a time


class BadInput(Exception):
    pass


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _print_findings(name: str, text: str, lexicon, out) -> None:
    for f in check(text, lexicon):
        line, col = _line_col(text, f.start)
        phrase = " ".join(text[f.start : f.end].split())
        out.write(f'{name}:{line}:{col}: {f.kind} [{f.rule}] "{phrase}"\n    try: {f.suggest}\n    why: {f.reason}\n')


def _json_value(value, dumps=json.dumps, text=encode_basestring) -> str:
    """JSON for an id or a field: plain strings and whole numbers without the encoder's set-up."""
    kind = type(value)
    if kind is str:
        return text(value)
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    return dumps(value, ensure_ascii=False)


def _flag_json(f, fixed: dict) -> str:
    # The kind, rule and suggestion of a rule are the same on every line: written once.
    key = (f.kind, f.rule, f.suggest)
    middle = fixed.get(key)
    if middle is None:
        middle = fixed[key] = (
            f', "kind": {_json_value(f.kind)}, "rule": {_json_value(f.rule)}, "suggest": {_json_value(f.suggest)}'
        )
    return f'{{"start": {f.start}, "end": {f.end}{middle}, "replacement": {_json_value(f.replacement)}}}'


def _jsonl(stream, name: str, lexicon, out) -> None:
    loads = json.loads
    buf: list[str] = []
    fixed: dict = {}
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            obj = loads(raw)
        except ValueError as exc:
            out.write("".join(buf))
            raise BadInput(f"{name}: line {number}: not valid JSON ({exc})") from None
        text = obj.get("text") if isinstance(obj, dict) else None
        if not isinstance(text, str):
            out.write("".join(buf))
            raise BadInput(f'{name}: line {number}: expected an object with a "text" string')
        # Written as text directly: the same JSON as json.dumps gives, without building objects.
        flags = ", ".join([_flag_json(f, fixed) for f in check(text, lexicon)])
        buf.append(f'{{"id": {_json_value(obj.get("id"))}, "flags": [{flags}]}}\n')
        if len(buf) >= BATCH:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m whatsstrong.language",
        description="Point out deficit language and service jargon in case notes.",
    )
    parser.add_argument("files", nargs="*", help="text files to check (default: standard input)")
    parser.add_argument(
        "--jsonl", action="store_true", help='read lines of {"id", "text"} and write one line of flags per input'
    )
    parser.add_argument("--lexicon", help="use this lexicon file instead of the bundled one")
    args = parser.parse_args(argv)
    try:
        lexicon = load_lexicon(args.lexicon)
    except (OSError, ValueError, LexiconError) as exc:
        print(f"error: cannot load lexicon: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    sources = args.files or ["-"]
    try:
        for name in sources:
            label = "<stdin>" if name == "-" else name
            try:
                stream = sys.stdin if name == "-" else open(name, encoding="utf-8")
            except OSError as exc:
                raise BadInput(f"{name}: {exc.strerror}") from None
            with stream if name != "-" else _NoClose(stream):
                try:
                    if args.jsonl:
                        _jsonl(stream, label, lexicon, out)
                    else:
                        _print_findings(label, stream.read(), lexicon, out)
                except UnicodeDecodeError as exc:
                    raise BadInput(f"{label}: not UTF-8 text ({exc})") from None
    except BadInput as exc:
        out.flush()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out.flush()
    return 0


class _NoClose:
    """Use standard input in a with-block without closing it."""

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        return False
