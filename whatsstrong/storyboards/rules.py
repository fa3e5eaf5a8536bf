"""The storyboard rules, as pure functions (no Django): the review workflow, what a story needs before
it is sent for review and before it is published, consent, the details that may identify someone,
when a published story is due a fresh look, the words a search looks for, the CPD record a story
drafts, and the check of the themes data file.

The workflow, as a table (`TRANSITIONS`): the author writes a draft and submits it; a quality lead
approves it with a review date (it is published to the evidence bank) or sends it back saying what
to change; the author changes it and submits it again. A published story whose review date has come
is looked at again: approved with a new date, or sent back.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from whatsstrong.surveys.rules import identifying_details

DRAFT, SUBMITTED, SENT_BACK, PUBLISHED = "draft", "submitted", "sent_back", "published"
SUBMIT, APPROVE, SEND_BACK = "submit", "approve", "send_back"

TRANSITIONS = {
    (DRAFT, SUBMIT): SUBMITTED,
    (SENT_BACK, SUBMIT): SUBMITTED,
    (SUBMITTED, APPROVE): PUBLISHED,
    (SUBMITTED, SEND_BACK): SENT_BACK,
    (PUBLISHED, APPROVE): PUBLISHED,  # looked at again: stays published with a new review date
    (PUBLISHED, SEND_BACK): SENT_BACK,
}
# The longest a review date may be set ahead: stories about practice go out of date.
LONGEST_REVIEW_DAYS = 3 * 366

# The text fields a reader sees, in the order the form asks for them, with the words naming them.
STORY_FIELDS = {
    "title": "Title",
    "situation": "The situation",
    "what_was_done": "What was done",
    "difference": "The difference it made",
    "their_words": "In the person's own words",
    "learning": "What was learnt",
    "people_involved": "The people involved",
}
# What submitting needs (their words are optional: only where the person agreed).
NEEDED = {
    "title": "Enter a title for the story",
    "situation": "Describe the situation",
    "what_was_done": "Say what was done",
    "difference": "Say what difference it made",
    "learning": "Say what was learnt",
    "people_involved": "Say who was involved, by their role (for example, the person, their daughter)",
}
CONSENT_WHO = "Say who agreed to the story being shared (for example, the person, or their attorney)"
CONSENT_HOW = "Choose how they agreed"
CONSENT_WHEN = "Enter the date they agreed"
CONSENT_FUTURE = "The date they agreed must be today or in the past"
CONSENT_NEEDED = "A story about someone who draws on support needs their consent recorded before it is published"
WORDS_NEED_CONSENT = "Their own words can only be shared with their consent: record it, or take their words out"
NO_THEMES = "Choose at least one practice theme the story shows"
UNKNOWN_THEME = "Choose themes from the list"
NOT_NOW = "This story cannot be {action} now: it is {status}"
OWN_STORY = "Someone else must review this story: you wrote it"
NO_REVIEW_DATE = "Enter the date the story should be looked at again"
PAST_REVIEW_DATE = "The review date must be in the future"
FAR_REVIEW_DATE = "The review date must be within three years"
NO_CHANGES = "Say what the author should change"
FLAGS_OPEN = (
    "{n} possible identifying detail{s} not yet resolved: take {them} out of the story, or accept {them} with a reason"
)
NO_ACCEPT_REASON = "Say why these words can stay in the story"
NOTHING_CHOSEN = "Choose the words you are accepting"
NO_SUCH_FLAG = "Choose a flagged detail still open in the story"
REPLACEMENT_FLAGGED = "The words to put in its place look like a name or contact detail too: use a role, like 'her son'"
# What stands where a detail was taken out, when the reviewer gives nothing else.
TAKEN_OUT = {
    "name": "[name taken out]",
    "email": "[email address taken out]",
    "phone": "[phone number taken out]",
    "postcode": "[postcode taken out]",
}
STATUS_WORDS = {
    DRAFT: "a draft",
    SUBMITTED: "waiting for review",
    SENT_BACK: "sent back for changes",
    PUBLISHED: "published",
}
ACTION_WORDS = {SUBMIT: "submitted", APPROVE: "approved", SEND_BACK: "sent back"}


def next_status(status: str, action: str) -> str | None:
    """Where the story goes when this is done to it, or None when it cannot be done now."""
    return TRANSITIONS.get((status, action))


def action_problem(status: str, action: str) -> str | None:
    if next_status(status, action) is None:
        return NOT_NOW.format(action=ACTION_WORDS.get(action, action), status=STATUS_WORDS.get(status, status))
    return None


def consent_problems(
    *, about_someone: bool, their_words: str, given_by: str, how: str, given_on: datetime.date | None, today
) -> dict[str, str]:
    """Consent must be recorded whole (who, how, when, not in the future) when the story is about
    someone who draws on support, or quotes them. A story about a team's way of working needs none."""
    problems: dict[str, str] = {}
    needed = about_someone or bool((their_words or "").strip())
    anything = bool((given_by or "").strip() or how or given_on)
    if not (needed or anything):
        return problems
    if not (given_by or "").strip():
        problems["consent_by"] = CONSENT_WHO
    if not how:
        problems["consent_how"] = CONSENT_HOW
    if given_on is None:
        problems["consent_on"] = CONSENT_WHEN
    elif given_on > today:
        problems["consent_on"] = CONSENT_FUTURE
    if problems and (their_words or "").strip() and not about_someone:
        problems.setdefault("their_words", WORDS_NEED_CONSENT)
    return problems


def submit_problems(story: dict, themes: list[str], known_themes: set[str], today) -> dict[str, str]:
    """What a story needs before it goes for review: every part written, a theme, and consent."""
    problems = {name: message for name, message in NEEDED.items() if not (story.get(name) or "").strip()}
    if not themes:
        problems["themes"] = NO_THEMES
    elif set(themes) - known_themes:
        problems["themes"] = UNKNOWN_THEME
    problems |= consent_problems(
        about_someone=bool(story.get("about_someone")),
        their_words=story.get("their_words", ""),
        given_by=story.get("consent_by", ""),
        how=story.get("consent_how", ""),
        given_on=story.get("consent_on"),
        today=today,
    )
    return problems


# --- Details that may identify someone ---------------------------------------------------------------


@dataclass(frozen=True)
class StoryFlag:
    field: str  # which part of the story
    words: str  # the words flagged, as written
    kind: str  # name, email, phone, postcode

    @property
    def key(self) -> str:
        return flag_key(self.field, self.words)


def flag_key(field: str, words: str) -> str:
    return f"{field}:{' '.join(words.split())}"


# Days said in the plural ("on Fridays") are not names either.
PLURAL_DAYS = {f"{day}s" for day in "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()}


def _details(text: str):
    return [
        flag
        for flag in identifying_details(text)
        if not (flag.kind == "name" and set(text[flag.start : flag.end].split()) <= PLURAL_DAYS)
    ]


def flags(story: dict) -> list[StoryFlag]:
    """Every possible name or contact detail in the parts of the story a reader sees, once each."""
    found: dict[str, StoryFlag] = {}
    for field in STORY_FIELDS:
        text = story.get(field) or ""
        for flag in _details(text):
            one = StoryFlag(field, text[flag.start : flag.end], flag.kind)
            found.setdefault(one.key, one)
    return list(found.values())


def marked(text: str) -> list[tuple[str, str]]:
    """The text in pieces, each with the kind of detail flagged in it, or '' for the rest."""
    pieces, at = [], 0
    for flag in _details(text or ""):
        if flag.start > at:
            pieces.append((text[at : flag.start], ""))
        pieces.append((text[flag.start : flag.end], flag.kind))
        at = flag.end
    if at < len(text or ""):
        pieces.append((text[at:], ""))
    return pieces


def open_flags(found: list[StoryFlag], accepted: set[str]) -> list[StoryFlag]:
    """Flags still in the story that the reviewer has not accepted with a reason."""
    return [f for f in found if f.key not in accepted]


def take_out(text: str, words: str, replacement: str) -> str:
    """The text with every flagged place these words stand (spaces aside) put as `replacement`; the
    rest of the text as it was."""
    target = " ".join(words.split())
    pieces, at = [], 0
    for flag in _details(text or ""):
        if " ".join(text[flag.start : flag.end].split()) == target:
            pieces += [text[at : flag.start], replacement]
            at = flag.end
    return "".join(pieces) + (text or "")[at:]


def take_out_problems(key: str, open_keys: set[str], replacement: str) -> dict[str, str]:
    """Taking a detail out needs one still open, and nothing that would be flagged in its place."""
    problems = {}
    if key not in open_keys:
        problems["key"] = NO_SUCH_FLAG
    if _details(replacement or ""):
        problems["replace_with"] = REPLACEMENT_FLAGGED
    return problems


def accept_problems(chosen: list[str], open_keys: set[str], reason: str) -> dict[str, str]:
    problems = {}
    if not chosen or not set(chosen) <= open_keys:
        problems["flags"] = NOTHING_CHOSEN
    if not (reason or "").strip():
        problems["reason"] = NO_ACCEPT_REASON
    return problems


# --- The reviewer's decision -----------------------------------------------------------------------


def decision_problems(
    *,
    status: str,
    action: str,
    review_on: datetime.date | None,
    changes: str,
    reviewer_is_author: bool,
    open_flag_count: int,
    consent: dict[str, str],
    today,
) -> dict[str, str]:
    """Approving needs a review date in the next three years, every flag resolved and consent
    recorded; sending back needs what to change. Nobody reviews their own story."""
    if reviewer_is_author:
        return {"__all__": OWN_STORY}
    problem = action_problem(status, action)
    if problem:
        return {"__all__": problem}
    problems = {}
    if action == APPROVE:
        if review_on is None:
            problems["review_on"] = NO_REVIEW_DATE
        elif review_on <= today:
            problems["review_on"] = PAST_REVIEW_DATE
        elif review_on > today + datetime.timedelta(days=LONGEST_REVIEW_DAYS):
            problems["review_on"] = FAR_REVIEW_DATE
        if open_flag_count:
            n = open_flag_count
            problems["__all__"] = FLAGS_OPEN.format(n=n, s="" if n == 1 else "s", them="it" if n == 1 else "them")
        if consent:
            problems["consent"] = CONSENT_NEEDED
    elif action == SEND_BACK and not (changes or "").strip():
        problems["changes"] = NO_CHANGES
    return problems


def due_for_review(status: str, review_on: datetime.date | None, today) -> bool:
    """A published story is looked at again from its review date."""
    return status == PUBLISHED and review_on is not None and review_on <= today


# --- Search -------------------------------------------------------------------------------------------

COMMON_WORDS = set("a an and the of to in on for with at by from is was it her his their they she he".split())
MAX_WORDS = 8


def fold(text: str) -> str:
    """Lower case, accents off, so 'Zoë' finds 'zoe'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_words(typed: str) -> list[str]:
    """The words a search looks for: folded, common words left out, each once, at most eight."""
    words = []
    for word in re.findall(r"\w[\w'’-]*", fold(typed)):
        if word not in COMMON_WORDS and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def search_text(story: dict) -> str:
    """What a search reads in a story, folded: the title and every part a reader sees."""
    return fold(" ".join(story.get(field) or "" for field in STORY_FIELDS))


def matches(story_text: str, words: list[str]) -> bool:
    return all(word in story_text for word in words)


# --- A CPD record from a story -------------------------------------------------------------------------

CPD_TYPES = [
    ("practice", "Learning from my own practice"),
    ("reflection", "Reflecting on someone else's practice"),
    ("course", "A course, workshop or training"),
    ("reading", "Reading or research"),
    ("supervision", "Supervision or peer discussion"),
    ("other", "Something else"),
]
CPD_TYPE_CODES = {code for code, _ in CPD_TYPES}


def cpd_draft(story: dict, *, own_story: bool, theme_labels: list[str], today: datetime.date) -> dict:
    """A CPD record drafted from a story, for the practitioner to change: their own story is
    learning from practice; another's is reflection on it. The date is the day it is drafted."""
    themes = ", ".join(theme_labels)
    if own_story:
        description = (
            f"I wrote up a piece of my practice as a storyboard for the evidence bank: {story['title']}.\n\n"
            f"The situation: {story['situation']}\n\nWhat I did: {story['what_was_done']}"
        )
    else:
        description = (
            f"I read and reflected on a storyboard in the evidence bank: {story['title']}.\n\n"
            f"The situation: {story['situation']}\n\nWhat was done: {story['what_was_done']}"
        )
    if themes:
        description += f"\n\nPractice themes: {themes}."
    return {
        "kind": "practice" if own_story else "reflection",
        "title": story["title"][:150],
        "description": description,
        "done_on": today,
        "learning": story.get("learning") or "",
        "impact": f"The difference it made: {story['difference']}\n\nWhat I will do differently or keep doing: ",
    }


CPD_NEEDED = {
    "kind": "Choose the type of CPD",
    "title": "Enter a title",
    "description": "Describe what you did",
    "done_on": "Enter the date of the activity",
    "learning": "Say what you learnt",
    "impact": "Say how it changes your practice",
}
CPD_FUTURE = "The date of the activity must be today or in the past"


def cpd_problems(record: dict, today) -> dict[str, str]:
    problems = {name: message for name, message in CPD_NEEDED.items() if not record.get(name)}
    if record.get("kind") and record["kind"] not in CPD_TYPE_CODES:
        problems["kind"] = CPD_NEEDED["kind"]
    if record.get("done_on") and record["done_on"] > today:
        problems["done_on"] = CPD_FUTURE
    for name in ("title", "description", "learning", "impact"):
        if name in record and isinstance(record[name], str) and not record[name].strip():
            problems[name] = CPD_NEEDED[name]
    return problems


def cpd_text(record: dict, type_label: str) -> str:
    """The plain text download of a CPD record: headed parts a registration portal can take."""
    parts = [
        ("Title", record["title"]),
        ("Type of CPD", type_label),
        ("Date", record["done_on"].strftime("%d %B %Y").lstrip("0")),
        ("What I did", record["description"]),
        ("What I learnt", record["learning"]),
        ("The impact on my practice", record["impact"]),
    ]
    return "\n\n".join(f"{heading}\n{'-' * len(heading)}\n{text.strip()}" for heading, text in parts) + "\n"


# --- The themes data file ------------------------------------------------------------------------------

CODE = re.compile(r"[a-z][a-z0-9-]{1,39}")


def theme_problems(data) -> list[str]:
    """Every problem in the themes file, each naming the theme by its place in the list."""
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list) or not data["themes"]:
        return ["The file must hold an object with a 'themes' list that is not empty"]
    problems, seen = [], set()
    for n, theme in enumerate(data["themes"], start=1):
        if not isinstance(theme, dict):
            problems.append(f"Theme {n}: must be an object with a code, a label and a hint")
            continue
        code = theme.get("code")
        if not isinstance(code, str) or not CODE.fullmatch(code):
            problems.append(f"Theme {n}: the code must be lower case letters, numbers and dashes")
        elif code in seen:
            problems.append(f"Theme {n}: the code {code!r} is used twice")
        else:
            seen.add(code)
        for part in ("label", "hint"):
            if not isinstance(theme.get(part), str) or not theme[part].strip():
                problems.append(f"Theme {n}: the {part} is empty")
    return problems
