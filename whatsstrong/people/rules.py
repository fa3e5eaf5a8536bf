"""Rules about a person's record, as pure functions over plain values (no Django here)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

# --- Names --------------------------------------------------------------------------------------


# Keys are as long as the name columns; a few characters grow when decomposed (ligatures).
NAME_KEY_LENGTH = 100

# Latin letters that carry no combining accent to strip, so Unicode decomposition leaves them alone.
FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})

# Letters of Arabic script that people type interchangeably, depending on their keyboard and
# language (Arabic, Urdu, Persian): the usual folding for search. The elongation stroke (tatweel)
# only stretches a word on the page, so it goes.
ARABIC_FOLD = str.maketrans({"ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ہ": "ه", "ۃ": "ه", "ـ": None})

# Scripts whose marks are optional in everyday writing: accents in Latin, Greek and Cyrillic,
# short vowels and hamza in Arabic, points in Hebrew. Their marks are dropped, so "Zoë" and
# "zoe", "Νίκος" and "νικος", "مُحَمَّد" and "محمد" give one key. In other scripts (Devanagari,
# Bengali, Gurmukhi, Thai, Japanese kana...) a mark is a vowel or a sound, part of the spelling,
# and is kept.
SCRIPTS_WITH_OPTIONAL_MARKS = {"LATIN", "GREEK", "CYRILLIC", "ARABIC", "HEBREW"}

# Chinese, Japanese and Korean names are written family name first, with no space before the
# given name, and each character is a syllable or a word.
UNSPACED_SCRIPTS = {"CJK", "IDEOGRAPHIC", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HANGUL"}

APOSTROPHES = {"'", "\u2019", "\u2018", "\u02bc"}  # typed ' or ’ (phones), or the modifier letter
WORD_BREAKS = {"\u30fb"}  # the katakana middle dot between the parts of a foreign name


def script_of(letter):
    """The script a letter belongs to, as the first word of its Unicode name ("LATIN", "ARABIC")."""
    return unicodedata.name(letter, "").split(" ")[0]


def name_key(name: str | None) -> str:
    """The form of a name that search compares: lower case, in any script, with the optional marks
    of its script removed ("Zoë" gives "zoe", "Łukasz" gives "lukasz", "Νίκος" gives "νικος").
    Letters, digits, apostrophes, spaces and hyphens are kept; other signs are dropped."""
    text = unicodedata.normalize("NFKD", (name or "").casefold().translate(FOLD)).translate(ARABIC_FOLD)
    kept = []
    script = ""  # of the letter before, which a mark belongs to
    for ch in text:
        kind = unicodedata.category(ch)
        if kind[0] == "M":
            if script not in SCRIPTS_WITH_OPTIONAL_MARKS:
                kept.append(ch)
        elif kind[0] == "L" or "0" <= ch <= "9":
            script = script_of(ch)
            kept.append(ch)
        elif ch in APOSTROPHES:
            kept.append("'")
        elif kind == "Pd":
            kept.append("-")
        elif ch.isspace() or ch in WORD_BREAKS:
            kept.append(" ")
    # Composed again, so a key holds the same characters however the name was typed.
    key = unicodedata.normalize("NFC", "".join(kept))
    return " ".join(key.split())[:NAME_KEY_LENGTH]


def prefix_end(prefix: str) -> str | None:
    """The first string after every string that starts with `prefix`, in code-point order, so that
    key >= prefix AND key < prefix_end(prefix) finds them with a plain index, in any script.
    None when there is no such string (a prefix of U+10FFFF only)."""
    for i in range(len(prefix) - 1, -1, -1):
        code = ord(prefix[i]) + 1
        if 0xD800 <= code <= 0xDFFF:
            code = 0xE000  # surrogates are not characters and cannot be stored
        if code <= 0x10FFFF:
            return prefix[:i] + chr(code)
    return None


def written_without_spaces(word: str) -> bool:
    """Whether a word is in Chinese, Japanese or Korean writing."""
    return bool(word) and all(script_of(ch) in UNSPACED_SCRIPTS for ch in word)


def family_and_given_splits(word: str, longest_family: int = 4) -> list[tuple[str, str]]:
    """The ways a name typed without a space could be a family name then the start of a given
    name, for Chinese, Japanese and Korean writing: "王小明" may be 王 then 小明, or 王小 then 明."""
    if not written_without_spaces(word):
        return []
    return [(word[:i], word[i:]) for i in range(1, min(len(word) - 1, longest_family) + 1)]


# --- NHS number -------------------------------------------------------------------------------
# Ten digits; the last is a modulus 11 check digit over the first nine, weighted 10 down to 2.

NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def display_name(given_name: str, preferred_name: str, family_name: str) -> str:
    """The name used on screen: the one they prefer, with their family name."""
    return f"{preferred_name or given_name} {family_name}".strip()


def normalise_nhs_number(value: str | None) -> str:
    return re.sub(r"[\s-]", "", value or "")


def nhs_number_problem(value: str | None) -> str | None:
    """None when the NHS number is valid, otherwise what is wrong, in plain words."""
    digits = normalise_nhs_number(value)
    if not digits.isdigit() or len(digits) != 10:
        return "Enter an NHS number with 10 digits, like 943 476 5919"
    remainder = sum(int(d) * w for d, w in zip(digits, NHS_WEIGHTS)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        return "Check the NHS number: the digits do not add up, so one may be mistyped"
    return None


# --- Date of birth ----------------------------------------------------------------------------
# Nobody we support was born before 1900; an earlier year is a slip (1850 for 1950, 0001 for 2001).

EARLIEST_DATE_OF_BIRTH = datetime.date(1900, 1, 1)


def date_of_birth_problem(value, today):
    """None when the date of birth could be real, otherwise what to fix, in plain words."""
    if value is None:
        return None
    if value > today:
        return "Date of birth must be in the past"
    if value < EARLIEST_DATE_OF_BIRTH:
        return "Date of birth must be the same as or after 1 January 1900"
    return None


# --- Postcode ---------------------------------------------------------------------------------
# The shapes of a UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A) then inward (9AA).

POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str | None) -> str:
    """Upper case with one space before the last three characters: 'cv1 2gn' becomes 'CV1 2GN'."""
    compact = re.sub(r"\s", "", value or "").upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_problem(value: str | None) -> str | None:
    compact = re.sub(r"\s", "", value or "").upper()
    if not POSTCODE.match(compact):
        return "Enter a real UK postcode, like CV1 2GN"
    return None


# An outward code on its own ("CV1", "SW1A"): the part of a postcode before the space.
OUTWARD_CODE = re.compile(r"^(?:GIR|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?))$")


def postcode_key(value: str | None) -> str:
    """The stored search form of a postcode: normalised when it is a real one, else as typed in
    upper case (older or imported records), so a search never misses one for its spacing."""
    return normalise_postcode(value) if not postcode_problem(value) else (value or "").strip().upper()


def outward_key(key: str) -> str:
    """The part of a stored postcode key before its space ("CV1" of "CV1 2GN"), so that searching
    an outward code is one equality on an index rather than a range sorted by name."""
    return key.split(" ", 1)[0] if " " in key else ""


# --- Finding people: what a search box holds -------------------------------------------------
# One box takes a name, a date of birth, an NHS number or a postcode, or a name with a date of
# birth or a postcode. Dates are day first, with the year in full: 27/3/1948, 27-3-1948,
# 27.3.1948, 27 3 1948, 27 March 1948, 27 Mar 1948, or 1948-03-27.

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(MONTHS)  # "sep" before "sept" is fine: the pattern backtracks
DATE_FORMS = (
    re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d+)(?![\w/.-])"),  # 27/3/1948, 27-3-1948, 27.3.1948
    re.compile(rf"(?<!\w)(\d{{1,2}})()\s+({_MONTH_NAMES})\.?\s+(\d+)(?!\w)", re.IGNORECASE),  # 27 March 1948
    re.compile(r"(?<![\w/.-])(\d{1,2})()\s+(\d{1,2})\s+(\d+)(?![\w/.-])"),  # 27 3 1948
    re.compile(r"(?<![\w/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w/.-])"),  # 1948-03-27
)
NHS_NUMBER_TYPED = re.compile(r"^[\d\s-]+$")

SEARCH_HELP = "Search by name, date of birth (like 27/3/1948), NHS number or postcode"
DATE_PROBLEM = "Enter a date of birth as day, month and year, like 27/3/1948 or 27 March 1948"
YEAR_PROBLEM = "Enter the year of birth in full, like 27/3/1948"
POSTCODE_SEARCH_PROBLEM = "Enter a full postcode, like CV1 2GN, or its first part, like CV1"
NUMBER_PROBLEM = "Enter a date of birth, like 27/3/1948, or an NHS number of 10 digits"
ONE_DATE_PROBLEM = "Search by one date of birth at a time"
NHS_NUMBER_ALONE_PROBLEM = "Search by an NHS number on its own, like 943 476 5919"
_DATE_SIGNS = re.compile(r"\d[/.-]\d")


@dataclass(frozen=True)
class SearchTerms:
    """What a search box held, read into the keys people are found by. `problem` says what to fix."""

    name: str = ""  # the words of a name, as typed
    date_of_birth: datetime.date | None = None
    nhs_number: str = ""  # 10 digits
    postcode: str = ""  # a full postcode, normalised ("CV1 2GN")
    outward_code: str = ""  # the first part of a postcode ("CV1")
    problem: str | None = None

    @property
    def by_key(self) -> bool:
        """Found by something other than a name: these searches never show a restricted record
        that the user may not open, since the match itself would tell them its date of birth,
        NHS number or postcode."""
        return bool(self.date_of_birth or self.nhs_number or self.postcode or self.outward_code)


def _date_from(match: re.Match, iso: bool) -> tuple[datetime.date | None, str | None]:
    if iso:
        year, month, day = match.group(1), match.group(2), match.group(3)
    else:
        day, month, year = match.group(1), match.group(3), match.group(4)
    if len(year) != 4:
        return None, YEAR_PROBLEM
    number = MONTHS.get(month.lower()) if not month.isdigit() else int(month)
    try:
        return datetime.date(int(year), number, int(day)), None
    except (TypeError, ValueError):
        return None, DATE_PROBLEM


def read_search(text: str | None, today: datetime.date) -> SearchTerms:
    """Read a search box: a name, a date of birth, an NHS number, a postcode or the first part of
    one, or a name with a date of birth or a postcode (or both). Anything else gets a problem to fix."""
    text = " ".join((text or "").split())
    if not text:
        return SearchTerms()
    digits = sum(ch.isdigit() for ch in text)
    if NHS_NUMBER_TYPED.match(text) and digits >= 9:
        # Only digits, more than a date has: an NHS number, checked as the forms check it.
        return SearchTerms(nhs_number=normalise_nhs_number(text), problem=nhs_number_problem(text))
    born, rest = None, text
    for number, form in enumerate(DATE_FORMS):
        found = form.search(rest)
        if found:
            born, problem = _date_from(found, iso=number == 3)
            problem = problem or date_of_birth_problem(born, today)
            if problem:
                return SearchTerms(problem=problem)
            rest = " ".join((rest[: found.start()] + " " + rest[found.end() :]).split())
            break
    words = rest.split()
    postcode = outward = ""
    if POSTCODE.match("".join(words[-2:]).upper()):  # "CV1 2GN" at the end, or "CV12GN" alone
        postcode, words = normalise_postcode("".join(words[-2:])), words[:-2]
    elif words and POSTCODE.match(words[-1].upper()):
        postcode, words = normalise_postcode(words[-1]), words[:-1]
    elif words and OUTWARD_CODE.match(words[-1].upper()):
        outward, words = words[-1].upper(), words[:-1]
    left = [word for word in words if any(ch.isdigit() for ch in word)]
    if left:
        # A number left over is not part of a name: say what we could not read.
        return SearchTerms(problem=_leftover_problem(left, born))
    name = " ".join(words)
    if name and not name_key(name):
        return SearchTerms(problem=SEARCH_HELP)
    return SearchTerms(name=name, date_of_birth=born, postcode=postcode, outward_code=outward)


def _leftover_problem(left: list[str], born: datetime.date | None) -> str:
    if any(ch.isalpha() for word in left for ch in word):
        return POSTCODE_SEARCH_PROBLEM
    if born is not None and any(_DATE_SIGNS.search(word) for word in left):
        return ONE_DATE_PROBLEM
    if sum(ch.isdigit() for word in left for ch in word) >= 9:
        return NHS_NUMBER_ALONE_PROBLEM
    if any(_DATE_SIGNS.search(word) for word in left):
        return DATE_PROBLEM
    return NUMBER_PROBLEM


# --- Possible duplicates ------------------------------------------------------------------------
# A new record may be someone the council already knows. The same NHS number is the same person
# (a second record for it is refused); the same name and date of birth probably is (the
# practitioner is warned and decides). Names are compared by their search keys, so accents, case
# and spacing do not hide a match, and given and family names the other way round count too:
# names from cultures that put the family name first are often entered that way.

NHS_NUMBER_IN_USE = "Someone already has a record with this NHS number. Check the number, or use their record"

SAME_NHS_NUMBER = "the same NHS number"
SAME_NAME_AND_BIRTH = "the same name and date of birth"
SWAPPED_NAME_AND_BIRTH = "the same date of birth, with given and family names the other way round"


@dataclass(frozen=True)
class Identity:
    """What a possible duplicate is judged on: name keys (name_key), date of birth, NHS number."""

    given_key: str
    family_key: str
    date_of_birth: datetime.date | None
    nhs_number: str

    @classmethod
    def of(cls, *, given_name: str, family_name: str, date_of_birth=None, nhs_number: str = "") -> Identity:
        return cls(name_key(given_name), name_key(family_name), date_of_birth, normalise_nhs_number(nhs_number))


def duplicate_reason(new: Identity, existing: Identity) -> str | None:
    """Why `existing` may be the person `new` describes, or None when nothing suggests it."""
    if new.nhs_number and new.nhs_number == existing.nhs_number:
        return SAME_NHS_NUMBER
    if new.date_of_birth is None or new.date_of_birth != existing.date_of_birth:
        return None
    if not (new.given_key and new.family_key):
        return None
    if (new.given_key, new.family_key) == (existing.given_key, existing.family_key):
        return SAME_NAME_AND_BIRTH
    if (new.given_key, new.family_key) == (existing.family_key, existing.given_key):
        return SWAPPED_NAME_AND_BIRTH
    return None


def duplicate_confirmation(new: Identity) -> str:
    """What a practitioner's "this is a different person" answer is tied to: the name and date of
    birth they were warned about. Change either and the answer no longer stands."""
    born = new.date_of_birth.isoformat() if new.date_of_birth else ""
    return f"{new.given_key}|{new.family_key}|{born}"


# --- Allocation ------------------------------------------------------------------------------


def worker_team_problem(*, worker_name: str, worker_team_id: int | None, team_id: int, team_name: str) -> str | None:
    """A person's allocated worker must belong to the team that works with them."""
    if worker_team_id != team_id:
        return f"{worker_name} is not in {team_name}; choose someone in that team"
    return None


# --- Care Act section 67: independent advocacy ------------------------------------------------

DIFFICULTY_LABELS = (
    "understanding relevant information",
    "retaining that information",
    "using or weighing the information",
    "communicating their views, wishes or feelings",
)


def appropriate_person_problem(choice: str | None, name: str | None) -> str | None:
    if choice == "yes" and not (name or "").strip():
        return "Enter the name of the appropriate person"
    return None


# --- Strengths --------------------------------------------------------------------------------


def strength_key(text: str | None) -> str:
    """A strength's words compared without case or spacing: "Grows  her own Vegetables" is
    "grows her own vegetables". Casefold, so "STRASSE" and "straße" are one."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def repeated_strengths(existing: list[tuple[str, str]], new: list[tuple[str, str]]) -> dict[int, int | None]:
    """Which of the `new` strengths (level, words) repeat one already recorded at the same level
    (index: None) or an earlier one in `new` (index: the earlier index). Others are left out."""
    seen = {(level, strength_key(text)) for level, text in existing}
    first_at: dict[tuple[str, str], int] = {}
    repeats: dict[int, int | None] = {}
    for index, (level, text) in enumerate(new):
        key = (level, strength_key(text))
        if key in seen:
            repeats[index] = None
        elif key in first_at:
            repeats[index] = first_at[key]
        else:
            first_at[key] = index
    return repeats


@dataclass(frozen=True)
class AdvocacyResult:
    needed: bool
    prompt: str  # what the practitioner should do now, or "" when nothing is owed


def advocacy_assessment(
    *, difficulties: list[bool], appropriate_person: str, exception: str = "", referred: bool = False
) -> AdvocacyResult:
    """Whether an independent advocate must be arranged.

    An advocate is needed when the person would have substantial difficulty in any of the four
    areas AND there is no appropriate person to support them; or, with substantial difficulty,
    when one of the exceptions in the advocacy regulations applies even though there is one.
    """
    hard = [label for flag, label in zip(difficulties, DIFFICULTY_LABELS) if flag]
    if not hard:
        return AdvocacyResult(False, "")
    if appropriate_person == "not_considered":
        return AdvocacyResult(
            False,
            "They may have substantial difficulty with "
            + ", ".join(hard)
            + ". Find out whether someone suitable can support them; if not, an independent advocate is needed.",
        )
    if appropriate_person == "no" or exception:
        why = "there is no suitable person to support them" if appropriate_person == "no" else "an exception applies"
        if referred:
            return AdvocacyResult(True, "An independent advocate has been asked for.")
        return AdvocacyResult(
            True,
            f"Arrange an independent advocate: they have substantial difficulty with {', '.join(hard)}, and {why}.",
        )
    return AdvocacyResult(False, "")


# --- Reviews --------------------------------------------------------------------------------------
# The date is set by the assessments app (its rules say when); here only how a date reads today,
# for the caseload and the team's overdue reviews as well as the person's page.

DUE_SOON_DAYS = 28


def review_overdue(due_on: datetime.date | None, today: datetime.date) -> bool:
    """Overdue from the day after it was due; no date (nothing planned, or closed) is never overdue."""
    return due_on is not None and today > due_on


def review_due_soon(due_on: datetime.date | None, today: datetime.date, days: int = DUE_SOON_DAYS) -> bool:
    return due_on is not None and today <= due_on <= today + datetime.timedelta(days=days)


def review_tag(due_on: datetime.date | None, today: datetime.date) -> str | None:
    """How the caseload shows the review: "overdue", "soon", "planned", or None when none is planned."""
    if due_on is None:
        return None
    if review_overdue(due_on, today):
        return "overdue"
    return "soon" if review_due_soon(due_on, today) else "planned"


# Who sees a team's overdue reviews: its own supervisor, and those who oversee every team.
EVERY_TEAM_ROLES = {"quality_lead", "senior_leader", "administrator"}


def may_see_team_reviews(*, role: str, own_team_id: int | None, team_id: int) -> bool:
    if role == "supervisor":
        return own_team_id is not None and own_team_id == team_id
    return role in EVERY_TEAM_ROLES
