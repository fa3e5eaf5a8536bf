"""The command line, run as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

GOOD_ADULT = {
    "id": "a-1",
    "who": "adult",
    "needs_from_impairment": True,
    "outcomes": {"a": ["without_assistance"], "c": ["significantly_longer"]},
    "significant_impact": True,
}
GOOD_CARER = {
    "id": 2,
    "who": "carer",
    "needs_from_caring": True,
    "health_deteriorating": False,
    "outcomes": {"viii": ["significantly_longer"]},
    "significant_impact": True,
}


def run(args, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "whatsstrong.eligibility", *args], input=stdin, capture_output=True, cwd=ROOT
    )


def rows(out):
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


def test_jsonl_over_a_file_of_good_and_bad_lines_answers_every_line_in_order(tmp_path):
    lines = [
        json.dumps(GOOD_ADULT),
        "",
        "   ",
        "{not json",
        '{"id": NaN, "who": "adult"}',
        json.dumps({**GOOD_ADULT, "id": "a-2", "who": "child"}),
        "[1, 2]",
        json.dumps(GOOD_CARER),
        json.dumps({"who": "adult", "needs_from_impairment": True, "significant_impact": True, "outcomes": {"q": []}}),
        json.dumps({**GOOD_ADULT, "id": "a-3", "over_period": [{"date": "2026-12-02", "outcomes": {}}]}),
    ]
    cases = tmp_path / "cases.jsonl"
    cases.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "bytes", "who": "\xff"}\n')
    out = run(["--jsonl", "--today", "2026-12-01", str(cases)])
    assert out.returncode == 0, out.stderr
    got = rows(out)
    assert [r["id"] for r in got] == ["a-1", None, None, "a-2", None, 2, None, "a-3", None]
    assert got[0]["eligible"] is True and got[0]["unable"] == ["a", "c"]
    assert got[1]["error"].startswith("line 4 is not valid JSON")
    assert got[2]["error"] == "line 5 is not valid JSON (NaN is not a JSON value)"
    assert got[3]["error"] == '"who" must be "adult" or "carer", not "child"'
    assert got[4]["error"] == "line 7 is a list, not a JSON object"
    assert got[5]["eligible"] is False and got[5]["unable"] == []
    assert got[6]["error"].startswith('outcomes: "q" is not an adult outcome code')
    assert got[7]["error"] == "over_period[0].date: 2026-12-02 is in the future (today is 2026-12-01)"
    assert got[8]["error"] == "line 11 is not UTF-8 text"


def test_jsonl_from_standard_input_keeps_text_as_written():
    case = {**GOOD_CARER, "id": "Zoë", "outcomes": {"v": ["pain_distress_anxiety"]}}
    out = run(["--jsonl"], (json.dumps(case, ensure_ascii=False) + "\n").encode("utf-8"))
    assert out.returncode == 0
    assert "Zoë" in out.stdout.decode("utf-8")
    assert rows(out) == [
        {
            "id": "Zoë",
            "eligible": True,
            "unable": ["v"],
            "reasons": [
                "Eligible: all 3 conditions are met.",
                "The carer's needs come from providing care that the adult needs.",
                "Unable to achieve 1 of the outcomes: keeping up relationships with family and friends.",
                "The needs have, or are likely to have, a significant impact on the carer's wellbeing.",
                "Keeping up relationships with family and friends: doing it alone causes them significant pain, "
                "distress or anxiety.",
            ],
        }
    ]


def test_jsonl_reads_several_files_in_turn(tmp_path):
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    first.write_text(json.dumps(GOOD_ADULT) + "\n", encoding="utf-8")
    second.write_text(json.dumps(GOOD_CARER), encoding="utf-8")  # no newline at the end
    out = run(["--jsonl", str(first), str(second)])
    assert [r["id"] for r in rows(out)] == ["a-1", 2]


def test_an_empty_input_gives_no_answers():
    out = run(["--jsonl"], b"\n\n")
    assert out.returncode == 0 and out.stdout == b""


def test_a_missing_file_is_a_usage_error_and_nothing_is_answered(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD_ADULT) + "\n", encoding="utf-8")
    out = run(["--jsonl", str(good), "/no/such/cases.jsonl"])
    assert out.returncode == 2 and out.stdout == b""
    assert b"/no/such/cases.jsonl" in out.stderr


def test_a_bad_option_or_date_is_a_usage_error():
    assert run(["--jsnl"]).returncode == 2
    out = run(["--jsonl", "--today", "1/12/2026"])
    assert out.returncode == 2 and b"YYYY-MM-DD" in out.stderr


def test_the_readable_mode_prints_each_decision_and_its_reasons(tmp_path):
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps([GOOD_ADULT, {"id": 9, "who": "nobody"}]), encoding="utf-8")
    out = run([str(cases)])
    assert out.returncode == 0
    text = out.stdout.decode("utf-8")
    assert text.startswith("case a-1: eligible\n  - Eligible: all 3 conditions are met.\n")
    assert '\ncase 9: cannot decide: "who" must be "adult" or "carer", not "nobody"\n' in text


def test_the_readable_mode_refuses_input_that_is_not_json():
    out = run([], b"not json")
    assert out.returncode == 2 and b"not JSON" in out.stderr
