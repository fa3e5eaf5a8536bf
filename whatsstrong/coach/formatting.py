"""How a finding is shown on the page (the coach's template filters)."""

import re


def span(text, finding):
    """The flagged words themselves (offsets are code points, as Python slices them)."""
    return text[finding.start : finding.end]


def first_option(suggest):
    """Suggestions may offer choices ('declined, or chose not to'); one click uses the first."""
    first = re.split(r",\s*or\s+|;\s*|\s+or\s+|,\s*", suggest or "", maxsplit=1)[0]
    return re.sub(r"\s*\(.*?\)\s*", " ", first).strip()
