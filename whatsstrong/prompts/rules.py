"""Rules for question prompts: pure functions over plain values, no Django.

A prompt may name the person with `{name}`, filled with their preferred name on screen. Search
folds case and accents away, so "cafe" finds "café" and "FAMILY" finds "family".
"""

from __future__ import annotations

import re
import unicodedata

PLACEHOLDER = "{name}"
# Where no person is in view, the placeholder reads as this.
NO_NAME = "the person"
PLACEHOLDER_MESSAGE = "Use {name} for the person's name, and no other words in curly brackets"
KINDS = ("strengths", "ropes", "scaling", "solution_focused")


def placeholder_problem(text: str) -> str | None:
    """What is wrong with the placeholders in a prompt's text; None when nothing is."""
    rest = text.replace(PLACEHOLDER, "")
    if "{" in rest or "}" in rest:
        return PLACEHOLDER_MESSAGE
    return None


def fill(text: str, name: str | None) -> str:
    """The prompt as shown: `{name}` replaced by the person's name (or "the person"), and a
    sentence that starts with the placeholder still starting with a capital."""
    filled = text.replace(PLACEHOLDER, name or NO_NAME)
    return filled[:1].upper() + filled[1:] if text.startswith(PLACEHOLDER) else filled


def fold(text: str) -> str:
    """Lower case without accents: the form both the query and the prompts are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_words(query: str) -> list[str]:
    return fold(query).split()


def matches(words: list[str], folded_haystack: str) -> bool:
    """Every word typed appears somewhere in the prompt, its group or its tags."""
    return all(word in folded_haystack for word in words)


def tag_list(tags: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", tags) if t]


def data_problems(data: dict) -> list[str]:
    """Everything wrong with a prompts data file (prompts/data/prompts.json), in plain words."""
    problems = []
    known_tags = set(data.get("tags", {}))
    group_codes: set[str] = set()
    prompt_codes: set[str] = set()
    texts: set[str] = set()
    for g, group in enumerate(data.get("groups", [])):
        where = f"group {g + 1} ({group.get('code', 'no code')})"
        for key in ("code", "name", "kind", "source"):
            if not str(group.get(key, "")).strip():
                problems.append(f"{where} has no {key}")
        if group.get("kind") and group["kind"] not in KINDS:
            problems.append(f"{where} has an unknown kind {group['kind']!r}")
        if group.get("code") in group_codes:
            problems.append(f"{where} repeats a group code")
        group_codes.add(group.get("code"))
        if not group.get("prompts"):
            problems.append(f"{where} has no prompts")
        for prompt in group.get("prompts", []):
            code, text = prompt.get("code", ""), str(prompt.get("text", "")).strip()
            at = f"prompt {code or 'with no code'} in {where}"
            if not code:
                problems.append(f"{at} has no code")
            elif code in prompt_codes:
                problems.append(f"{at} repeats a prompt code")
            prompt_codes.add(code)
            if not text:
                problems.append(f"{at} has no text")
            elif fold(text) in texts:
                problems.append(f"{at} repeats the text of another prompt")
            texts.add(fold(text))
            if text and placeholder_problem(text):
                problems.append(f"{at}: {PLACEHOLDER_MESSAGE}")
            unknown = [t for t in prompt.get("tags", []) if t not in known_tags]
            if unknown:
                problems.append(f"{at} has unknown tags: {', '.join(unknown)}")
    return problems
