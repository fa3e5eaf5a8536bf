"""The command line, run as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "whatsstrong.language", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
    )


def test_jsonl_round_trip():
    lines = [
        {"id": "a", "text": "She refuses her POC."},
        {"id": 2, "text": "Nothing to see."},
        {"id": "c", "text": "\U0001f600 he wanders"},
    ]
    out = run(["--jsonl"], "".join(json.dumps(x) + "\n" for x in lines))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", 2, "c"]
    assert rows[0]["flags"] == [
        {
            "start": 4,
            "end": 11,
            "kind": "deficit",
            "rule": "refuses",
            "suggest": rows[0]["flags"][0]["suggest"],
            "replacement": "declines",
        },
        # "her POC" fits no replacement the lexicon has, so there is none to offer.
        {
            "start": 16,
            "end": 19,
            "kind": "jargon",
            "rule": "POC",
            "suggest": rows[0]["flags"][1]["suggest"],
            "replacement": None,
        },
    ]
    assert rows[1]["flags"] == []
    assert rows[2]["flags"][0]["start"] == 5  # code points, not UTF-16 units or bytes


def test_jsonl_bad_line_exits_2_and_names_the_line():
    out = run(["--jsonl"], '{"id": 1, "text": "ok"}\n\n{"id": 2, "text": oops}\n')
    assert out.returncode == 2
    assert "line 3" in out.stderr
    assert json.loads(out.stdout.splitlines()[0]) == {"id": 1, "flags": []}


def test_jsonl_missing_text_exits_2():
    out = run(["--jsonl"], '{"id": 1}\n')
    assert out.returncode == 2 and "line 1" in out.stderr


def test_plain_text_from_file(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Visited today.\nHe is wheelchair-bound and the OT came.\n", encoding="utf-8")
    out = run([str(note)])
    assert out.returncode == 0
    assert f"{note}:2:7: deficit [wheelchair-bound]" in out.stdout
    assert "jargon [OT]" in out.stdout
    assert "try: uses a wheelchair" in out.stdout


def test_plain_text_from_stdin_with_nothing_found():
    out = run([], "A lovely visit.")
    assert out.returncode == 0 and out.stdout == ""


def test_missing_file_exits_2():
    out = run(["/no/such/file.txt"])
    assert out.returncode == 2 and "error" in out.stderr


def test_jsonl_writes_the_same_json_as_the_json_module():
    """The batch mode writes its lines as text for speed; they must equal json.dumps exactly."""
    import io

    from whatsstrong.language import check, cli, load_lexicon

    cases = [
        ('a"quoted\\id', 'He said "no" and refused \u2028 lunch'),
        (7, "Ünïcode 😀 she wanders"),
        (None, "Nothing here."),
        (1.5, "The OTs came; the Dols was granted."),
        (True, "Refused."),
        ({"nested": [1]}, "She is challenging."),
    ]
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in cases)
    out = io.StringIO()
    cli._jsonl(io.StringIO(data), "test", load_lexicon(), out)
    want = [
        json.dumps(
            {
                "id": i,
                "flags": [
                    {
                        "start": f.start,
                        "end": f.end,
                        "kind": f.kind,
                        "rule": f.rule,
                        "suggest": f.suggest,
                        "replacement": f.replacement,
                    }
                    for f in check(t)
                ],
            },
            ensure_ascii=False,
        )
        for i, t in cases
    ]
    assert out.getvalue().splitlines() == want
