"""The library is pure: it runs without Django, and its examples are true."""

import doctest
import json
import subprocess
import sys
from pathlib import Path

import whatsstrong.eligibility as eligibility

ROOT = Path(__file__).resolve().parents[3]


def test_importing_and_deciding_loads_no_django():
    code = (
        "import sys, json\n"
        "from whatsstrong.eligibility import decide\n"
        "import whatsstrong.eligibility.cli\n"
        "decide({'who': 'adult', 'needs_from_impairment': True, 'significant_impact': True, 'outcomes': {}})\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(out.stdout) == []


def test_the_examples_in_the_docstring_hold():
    result = doctest.testmod(eligibility)
    assert result.attempted >= 2 and result.failed == 0


def test_the_jsonl_example_in_the_docstring_is_what_the_library_answers():
    lines = [line.strip() for line in eligibility.__doc__.splitlines()]
    given = json.loads(lines[lines.index("One line in:") + 2])
    shown = json.loads(lines[lines.index("and out:") + 2])
    assert eligibility.decide(given) == shown
