"""Lexicon loading, the data file, and organisation changes via from_entries."""

import json

import pytest

from whatsstrong.language import Lexicon, LexiconError, check, load_lexicon
from whatsstrong.language.lexicon import DEFAULT_PATH, inflect

from .helpers import phrases


def test_bundled_lexicon_is_valid():
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    entries = data["entries"]
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        assert e["kind"] in ("deficit", "jargon")
        assert e["suggest"] and e["reason"]
    medical = data["medical_abbreviations"]
    assert all(m["abbr"] and m["means"] for m in medical)
    assert len({m["abbr"] for m in medical} | set(ids)) == len(ids) + len(medical)  # no id twice
    assert len(load_lexicon()) == len([e for e in entries if e.get("enabled", True)]) + len(medical)


def test_load_lexicon_is_cached():
    assert load_lexicon() is load_lexicon()


def test_adding_an_entry():
    extra = {
        "id": "service-speak-nfd",
        "kind": "jargon",
        "context": "service_speak",
        "terms": "no fixed date\nnfd",
        "suggest": "no date set yet",
        "reason": "Shorthand the person may not follow.",
        "enabled": True,
    }
    text = "Review is NFD at present, no fixed date."
    assert phrases(text) == []
    lex = Lexicon.from_entries([extra], base=load_lexicon())
    assert phrases(text, lex) == ["NFD", "no fixed date"]
    assert phrases("He refused.", lex) == ["refused"]  # the base entries are kept


def test_disabling_an_entry():
    lex = Lexicon.from_entries(
        [
            {
                "id": "elderly",
                "kind": "deficit",
                "context": "label",
                "terms": ["elderly"],
                "suggest": "older",
                "reason": "r",
                "enabled": False,
            }
        ],
        base=load_lexicon(),
    )
    assert phrases("An elderly man.") == ["elderly"]
    assert phrases("An elderly man.", lex) == []
    assert lex.get("elderly") is None


def test_replacing_an_entry_changes_suggestion():
    lex = Lexicon.from_entries(
        [
            {
                "id": "POC",
                "kind": "jargon",
                "context": "abbreviation",
                "terms": ["POC"],
                "suggest": "your care visits",
                "reason": "r",
            }
        ],
        base=load_lexicon(),
    )
    [f] = check("The POC starts.", lex)
    assert f.suggest == "your care visits"


def test_standalone_lexicon_and_exclusions():
    lex = Lexicon.from_entries(
        [
            {
                "id": "fed",
                "kind": "deficit",
                "context": "done_to",
                "terms": ["fed"],
                "exclude": ["fed up"],
                "suggest": "s",
                "reason": "r",
            }
        ]
    )
    assert phrases("He was fed and fed up.", lex) == ["fed"]
    assert phrases("He refused.", lex) == []


def test_round_trip_through_dicts():
    base = load_lexicon()
    again = Lexicon.from_entries(base.as_dicts())
    text = "He refused the POC and is wheelchair-bound."
    assert check(text, again) == check(text, base)


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "deficit", "context": "label", "terms": ["x"]},
        {"id": "x", "kind": "rude", "context": "label", "terms": ["x"]},
        {"id": "x", "kind": "deficit", "context": "vibe", "terms": ["x"]},
        {"id": "x", "kind": "deficit", "context": "label", "terms": []},
        {"id": "x", "kind": "deficit", "context": "label", "terms": ["* x"]},
    ],
)
def test_bad_entries_are_rejected(bad):
    with pytest.raises(LexiconError):
        Lexicon.from_entries([bad])


def test_inflect():
    assert set(inflect("refuse")) == {"refuse", "refuses", "refused", "refusing"}
    assert set(inflect("deny")) == {"deny", "denies", "denied", "denying"}
    assert {"wanders", "wandered", "wandering"} <= set(inflect("wander"))


def test_no_django_import():
    import subprocess
    import sys

    code = (
        "import sys, whatsstrong.language as l; l.check('He refused.'); "
        "print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_corpus_gold_spans_are_valid():
    """The benchmark corpora exist and every gold span lies inside its text."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(root / "bench"))
    try:
        import language_bench
    finally:
        sys.path.pop(0)
    for name, path in language_bench.CORPORA:
        docs = language_bench.load_corpus(path)  # exits on a bad span
        assert len(docs) >= (300 if name == "dev" else 80)
