"""Table-driven tests of the person rules; no database."""

import datetime
from dataclasses import FrozenInstanceError

import pytest

from whatsstrong.people import rules


@pytest.mark.parametrize(
    "value, problem",
    [
        ("9434765919", None),
        ("943 476 5919", None),
        ("943-476-5919", None),
        ("4010232137", None),
        ("4010232110", None),  # the weighted sum divides by 11, so the check digit is 0
        ("9434765918", "do not add up"),  # wrong check digit
        ("943476591", "10 digits"),  # too short
        ("94347659190", "10 digits"),  # too long
        ("94347A5919", "10 digits"),  # a letter
        ("", "10 digits"),
        (None, "10 digits"),
        ("1000000010", "do not add up"),  # check digit would be 10: never issued
    ],
)
def test_nhs_numbers_are_checked_with_their_check_digit(value, problem):
    found = rules.nhs_number_problem(value)
    if problem is None:
        assert found is None
    else:
        assert problem in found


TODAY = datetime.date(2026, 3, 14)
EARLY = "Date of birth must be the same as or after 1 January 1900"
FUTURE = "Date of birth must be in the past"


@pytest.mark.parametrize(
    "value, problem",
    [
        (None, None),  # not known yet
        (datetime.date(1948, 3, 27), None),
        (datetime.date(1900, 1, 1), None),  # the earliest
        (TODAY, None),  # born today
        (datetime.date(1899, 12, 31), EARLY),
        (datetime.date(1850, 6, 1), EARLY),  # 1950 mistyped
        (datetime.date(1, 1, 1), EARLY),  # 0001: the year left out
        (datetime.date(2026, 3, 15), FUTURE),  # tomorrow
        (datetime.date(9999, 12, 31), FUTURE),
    ],
)
def test_a_date_of_birth_is_not_in_the_future_nor_before_1900(value, problem):
    assert rules.date_of_birth_problem(value, today=TODAY) == problem


@pytest.mark.parametrize(
    "value, normalised",
    [
        ("cv1 2gn", "CV1 2GN"),
        ("CV12GN", "CV1 2GN"),
        ("sw1a 1aa", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("W1A 0AX", "W1A 0AX"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_real_postcodes_are_accepted_and_tidied(value, normalised):
    assert rules.postcode_problem(value) is None
    assert rules.normalise_postcode(value) == normalised


@pytest.mark.parametrize("value", ["CV1", "12345", "CV1 2G", "QV1 2GN", "CV1 2CN", "CVV1 2GN", "hello", ""])
def test_malformed_postcodes_are_refused_with_an_example(value):
    assert "like CV1 2GN" in rules.postcode_problem(value)


@pytest.mark.parametrize(
    "difficulties, appropriate, exception, needed, prompt_has",
    [
        ([False] * 4, "no", "", False, ""),  # no substantial difficulty: nothing owed
        ([True, False, False, False], "no", "", True, "Arrange an independent advocate"),
        ([False, False, False, True], "yes", "", False, ""),  # someone suitable supports them
        ([True, False, False, False], "yes", "care_home_8_weeks", True, "an exception applies"),
        ([False, True, False, False], "not_considered", "", False, "Find out whether someone suitable"),
    ],
)
def test_the_advocacy_test_needs_difficulty_and_no_appropriate_person(
    difficulties, appropriate, exception, needed, prompt_has
):
    result = rules.advocacy_assessment(difficulties=difficulties, appropriate_person=appropriate, exception=exception)
    assert result.needed is needed
    assert prompt_has in result.prompt
    assert bool(result.prompt) is bool(prompt_has)


def test_once_an_advocate_is_asked_for_the_prompt_says_so():
    result = rules.advocacy_assessment(difficulties=[True] * 4, appropriate_person="no", referred=True)
    assert result.needed and result.prompt == "An independent advocate has been asked for."


@pytest.mark.parametrize(
    "name, key",
    [
        ("Zoë", "zoe"),
        ("O'Brien", "o'brien"),
        ("  Smith-Jones ", "smith-jones"),
        ("ŁUKASZ", "lukasz"),
        ("Søren Æbelø", "soren aebelo"),
    ],
)
def test_name_keys_are_lower_case_and_accent_free(name, key):
    assert rules.name_key(name) == key


@pytest.mark.parametrize(
    "name, key",
    [
        ("O’Brien", "o'brien"),  # a phone's curly apostrophe
        ("Mary\tAnn", "mary ann"),
        ("Ｍａｒｙ", "mary"),  # full-width letters
        ("محمد", "محمد"),  # Arabic
        ("مُحَمَّد", "محمد"),  # written with its short vowels
        ("أحمد", "احمد"),  # alef with hamza, often typed as plain alef
        ("عائشہ", "عايشه"),  # Urdu letter forms fold to the Arabic ones
        ("محـــمد", "محمد"),  # stretched with tatweel
        ("יִצְחָק", "יצחק"),  # Hebrew vowel points are optional
        ("Νίκος", "νικοσ"),  # Greek accents go; final sigma is sigma
        ("ΣΩΚΡΆΤΗΣ", "σωκρατησ"),
        ("Дмитрий Ёлкин", "дмитрии елкин"),  # Cyrillic: ё is searched as е
        ("王小明", "王小明"),  # Chinese
        ("山田　太郎", "山田 太郎"),  # Japanese, with an ideographic space
        ("ｶﾞｸ", "ガク"),  # half-width katakana
        ("김민준", "김민준"),  # Korean
        ("कृष्ण शर्मा", "कृष्ण शर्मा"),  # Devanagari keeps its vowel signs and virama
        ("প্রিয়া", "প্রিয়া"),  # Bengali
        ("ਗੁਰਪ੍ਰੀਤ", "ਗੁਰਪ੍ਰੀਤ"),  # Gurmukhi
        ("สมชาย ใจดี", "สมชาย ใจดี"),  # Thai
        ("ジョン・スミス", "ジョン スミス"),  # the katakana middle dot parts names
    ],
)
def test_name_keys_keep_the_letters_of_every_script(name, key):
    assert rules.name_key(name) == key


def test_a_name_key_is_the_same_however_the_name_was_composed():
    import unicodedata

    for name in ["Zoë", "कृष्ण", "가나", "ガク", "Νίκος", "مُحَمَّد"]:
        assert rules.name_key(unicodedata.normalize("NFD", name)) == rules.name_key(unicodedata.normalize("NFC", name))


def test_a_name_key_fits_its_column():
    assert len(rules.name_key("ﷺ" * 20)) == rules.NAME_KEY_LENGTH


@pytest.mark.parametrize(
    "prefix, end",
    [
        ("smi", "smj"),
        ("liz", "li{"),
        ("محم", "محن"),
        ("王", "玌"),  # the next code point, U+738C
        ("𠮷", "𠮸"),  # beyond U+FFFF
        ("a\U0010ffff", "b"),
        (chr(0xD7FF), chr(0xE000)),  # surrogates are skipped
        ("\U0010ffff", None),
    ],
)
def test_the_end_of_a_prefix_range(prefix, end):
    assert rules.prefix_end(prefix) == end


def test_a_prefix_range_holds_exactly_the_strings_that_start_with_the_prefix():
    strings = [
        "li",
        "liz",
        "lizzie",
        "liza",
        "li{",
        "lj",
        "liz\U0001f600",
        "liz\U0010ffff",
        "王",
        "王𠮷",
        "王小明",
        "王\uffff",
        "猫",
        "𠮷野",
        "𠮷",
        "محمد",
        "محن",
    ]
    for prefix in ["liz", "王", "𠮷", "محم", "li"]:
        end = rules.prefix_end(prefix)
        assert {s for s in strings if prefix <= s < end} == {s for s in strings if s.startswith(prefix)}


@pytest.mark.parametrize(
    "word, splits",
    [
        ("王小明", [("王", "小明"), ("王小", "明")]),
        ("김민준", [("김", "민준"), ("김민", "준")]),
        ("王", []),
        ("smith", []),
        ("محمد", []),
    ],
)
def test_a_chinese_japanese_or_korean_name_typed_without_a_space_may_split_after_the_family_name(word, splits):
    assert rules.family_and_given_splits(word) == splits


@pytest.mark.parametrize("value, digits", [(" 943 476-5919 ", "9434765919"), ("", ""), (None, "")])
def test_nhs_numbers_are_kept_as_digits_alone(value, digits):
    assert rules.normalise_nhs_number(value) == digits


@pytest.mark.parametrize(
    "value, normalised",
    [
        ("cv1", "CV1"),
        ("CV12", "CV12"),  # too short to have an inward code: left as typed, in capitals
        ("M11AE", "M1 1AE"),
        ("", ""),
        (None, ""),
    ],
)
def test_short_or_missing_postcodes_are_tidied_without_inventing_a_space(value, normalised):
    assert rules.normalise_postcode(value) == normalised


def test_a_missing_postcode_is_asked_for_like_a_malformed_one():
    assert "like CV1 2GN" in rules.postcode_problem(None)


@pytest.mark.parametrize(
    "given, preferred, family, shown",
    [
        ("Margaret", "Peggy", "Okafor", "Peggy Okafor"),
        ("Margaret", "", "Okafor", "Margaret Okafor"),
        ("Margaret", None, "Okafor", "Margaret Okafor"),
        ("", "", "Okafor", "Okafor"),
    ],
)
def test_the_name_shown_is_the_one_they_prefer_with_their_family_name(given, preferred, family, shown):
    assert rules.display_name(given, preferred, family) == shown


@pytest.mark.parametrize("name", ["", None, "  "])
def test_an_empty_name_has_an_empty_key(name):
    assert rules.name_key(name) == ""


@pytest.mark.parametrize(
    "worker_team, team, problem",
    [
        (1, 1, None),
        (2, 1, "Alice Test is not in North Locality; choose someone in that team"),
        (None, 1, "Alice Test is not in North Locality; choose someone in that team"),
    ],
)
def test_the_allocated_worker_must_be_in_the_persons_team(worker_team, team, problem):
    assert (
        rules.worker_team_problem(
            worker_name="Alice Test", worker_team_id=worker_team, team_id=team, team_name="North Locality"
        )
        == problem
    )


@pytest.mark.parametrize(
    "choice, name, problem",
    [
        ("yes", "Joy Okafor", None),
        ("yes", "", "Enter the name of the appropriate person"),
        ("yes", "   ", "Enter the name of the appropriate person"),
        ("yes", None, "Enter the name of the appropriate person"),
        ("no", "", None),
        ("not_considered", None, None),
    ],
)
def test_an_appropriate_person_needs_a_name(choice, name, problem):
    assert rules.appropriate_person_problem(choice, name) == problem


@pytest.mark.parametrize(
    "appropriate, exception, referred, prompt",
    [
        (
            "no",
            "",
            False,
            "Arrange an independent advocate: they have substantial difficulty with understanding "
            "relevant information, using or weighing the information, and there is no suitable person "
            "to support them.",
        ),
        (
            "yes",
            "care_home_8_weeks",
            False,
            "Arrange an independent advocate: they have substantial difficulty with "
            "understanding relevant information, using or weighing the information, "
            "and an exception applies.",
        ),
        (
            "no",
            "care_home_8_weeks",
            False,
            "Arrange an independent advocate: they have substantial difficulty with "
            "understanding relevant information, using or weighing the information, "
            "and there is no suitable person to support them.",
        ),
        ("yes", "care_home_8_weeks", True, "An independent advocate has been asked for."),
        (
            "not_considered",
            "",
            False,
            "They may have substantial difficulty with understanding relevant information, "
            "using or weighing the information. Find out whether someone suitable can support "
            "them; if not, an independent advocate is needed.",
        ),
    ],
)
def test_the_advocacy_prompt_names_the_difficulties_and_the_reason(appropriate, exception, referred, prompt):
    result = rules.advocacy_assessment(
        difficulties=[True, False, True, False], appropriate_person=appropriate, exception=exception, referred=referred
    )
    assert result.prompt == prompt
    assert result.needed is (appropriate != "not_considered")


def test_with_no_difficulty_nothing_is_owed_even_when_an_advocate_was_asked_for():
    result = rules.advocacy_assessment(difficulties=[False] * 4, appropriate_person="no", referred=True)
    assert result == rules.AdvocacyResult(False, "")


def test_an_advocacy_result_cannot_be_changed_after_it_is_made():
    result = rules.advocacy_assessment(difficulties=[False] * 4, appropriate_person="no")
    with pytest.raises(FrozenInstanceError):
        result.needed = True


@pytest.mark.parametrize(
    "prefix, end",
    [
        ("", None),  # nothing typed: there is no range to end
        (chr(0xD7FE), chr(0xD7FF)),  # the last character before the surrogates is itself a character
        (chr(0x10FFFE), chr(0x10FFFF)),  # and so is the very last one
    ],
)
def test_the_end_of_a_prefix_range_at_the_edges(prefix, end):
    assert rules.prefix_end(prefix) == end


@pytest.mark.parametrize(
    "name, key",
    [
        ("Henry 8", "henry 8"),
        ("Room 0 9", "room 0 9"),
        ("Wing 5a", "wing 5a"),
    ],
)
def test_name_keys_keep_digits(name, key):
    assert rules.name_key(name) == key


def test_a_name_key_is_at_most_100_characters_as_its_column():
    assert len(rules.name_key("a" * 150)) == 100 == rules.NAME_KEY_LENGTH


def test_nothing_typed_is_not_chinese_japanese_or_korean_writing():
    assert rules.written_without_spaces("") is False
    assert rules.family_and_given_splits("") == []


def test_a_family_name_typed_without_a_space_is_taken_as_at_most_four_characters():
    assert [family for family, _ in rules.family_and_given_splits("欧阳司马小明")] == [
        "欧",
        "欧阳",
        "欧阳司",
        "欧阳司马",
    ]


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Grows her own vegetables", "grows her own vegetables"),
        ("  grows  HER own\tvegetables\n", "grows her own vegetables"),
        ("Sings in the STRASSE choir", "sings in the strasse choir"),
        ("Singt im Straßenchor", "singt im strassenchor"),  # casefold, not just lower case
        ("ﬁxes bikes", "fixes bikes"),  # a ligature typed on a phone is the two letters
        ("", ""),
        (None, ""),
    ],
)
def test_strengths_are_compared_without_case_or_spacing(typed, key):
    assert rules.strength_key(typed) == key


@pytest.mark.parametrize(
    "existing, new, repeats",
    [
        ([], [("own", "Cooks"), ("own", "Sings")], {}),
        ([("own", "Cooks")], [("own", " COOKS ")], {0: None}),
        ([("own", "Cooks")], [("network", "Cooks")], {}),  # another level: another strength
        ([], [("own", "Cooks"), ("own", "cooks"), ("own", "Cooks  ")], {1: 0, 2: 0}),
        ([], [("own", "Cooks"), ("community", "Cooks")], {}),
        ([("own", "Cooks")], [("own", "Sings"), ("own", "cooks"), ("own", "Cooks")], {1: None, 2: None}),
    ],
)
def test_repeated_strengths_name_what_they_repeat(existing, new, repeats):
    assert rules.repeated_strengths(existing, new) == repeats
