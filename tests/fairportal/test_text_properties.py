"""Property tests (Hypothesis) for fold, search texts, the sort key and the validators."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exhibitors.validators import (
    NATIONAL_NUMBERING,
    format_phone,
    normalize_phone,
    tax_code_check_digit,
    validate_tax_code,
)
from fairportal.countries import COUNTRY_CHOICES
from fairportal.text import (
    fold,
    matches_words,
    search_text,
    search_words,
    sort_key,
    typed_words,
)

ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
VOWELS = set("aăâeêioôơuưy")


def _compose(letter: str, tone: int, upper: bool) -> str:
    mark = TONES[tone] if letter in VOWELS else ""
    char = unicodedata.normalize("NFC", letter + mark)
    return char.upper() if upper else char


letters = st.tuples(
    st.integers(0, len(ALPHABET) - 1), st.integers(0, len(TONES) - 1), st.booleans()
)
words = st.lists(letters, min_size=1, max_size=8)


def _reference_key(parts):
    """Vietnamese collation from the parts themselves: letters, then tones, then case."""
    tones = [tone if ALPHABET[index] in VOWELS else 0 for index, tone, _ in parts]
    return ([index for index, _, _ in parts], tones, [upper for _, _, upper in parts])


@settings(max_examples=300, deadline=None)
@given(st.lists(words, min_size=2, max_size=6))
def test_sort_key_agrees_with_reference_ordering(names):
    strings = ["".join(_compose(ALPHABET[i], t, u) for i, t, u in parts) for parts in names]
    by_key = sorted(range(len(names)), key=lambda n: (sort_key(strings[n]), n))
    by_reference = sorted(range(len(names)), key=lambda n: (_reference_key(names[n]), n))

    assert [strings[n] for n in by_key] == [strings[n] for n in by_reference]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_idempotent_ascii_friendly_and_equal_for_nfd(text):
    folded = fold(text)

    assert fold(folded) == folded
    assert folded == fold(unicodedata.normalize("NFD", text))
    assert "đ" not in folded and not any(unicodedata.combining(ch) for ch in folded)
    assert "  " not in folded and folded == folded.strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_text_is_found_by_itself_and_by_the_start_of_each_word(text):
    words = search_words(text)

    assert matches_words(words[:20], text)
    assert matches_words([word[:2] for word in words][:20], text)
    assert "  " not in search_text(text) and search_text(text) == search_text(search_text(text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_words_as_typed_fold_to_the_search_words(text):
    typed = typed_words(text)

    assert [fold(word) for word in typed] == search_words(text)
    assert typed == [unicodedata.normalize("NFC", word.lower()) for word in typed]


lower_words = st.text(alphabet="abcdefghiklmnopqrstuvxy", min_size=3, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(lower_words, min_size=1, max_size=6), st.data())
def test_the_middle_of_a_word_is_not_a_match(words, data):
    text = " ".join(words)
    word = data.draw(st.sampled_from(words))
    middle = word[1:]
    # Unless the middle happens to start some word of the text ("aab" has "ab" …).
    assume(not any(other.startswith(middle) for other in words))

    assert not matches_words([middle], text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 9))
def test_tax_code_check_digit_is_the_only_valid_tenth_digit(head, tenth):
    code = f"{head}{tenth}"
    expected = tax_code_check_digit(head)
    if expected == tenth:
        validate_tax_code(code)
        validate_tax_code(f"{code}-001")
    else:
        with pytest.raises(ValidationError):
            validate_tax_code(code)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_tax_code_validator_raises_only_validation_errors(text):
    try:
        validate_tax_code(text)
    except ValidationError:
        pass


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["3", "5", "7", "8", "9"]),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(
        ["0{p}{r}", "+84{p}{r}", "84{p}{r}", "84 {p}{r}", "(+84) {p}{r}", "0{p} {r}", "0{p}.{r}"]
    ),
)
def test_vietnamese_mobile_numbers_normalise_to_e164(prefix, rest, layout):
    raw = layout.format(p=prefix, r=rest)

    assert normalize_phone(raw) == f"+84{prefix}{rest}"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("84912345678", "+84912345678"),
        ("84 91 234 5678", "+84912345678"),
        ("84.912.345.678", "+84912345678"),
        ("84 24 3881 1234", "+842438811234"),
        ("84 236 3822 123", "+842363822123"),
        # A domestic number that begins 08…, and one whose national digits begin 84:
        # the leading 0 says domestic, the missing one says the 84 is the country.
        ("0841 234 567", "+84841234567"),
        ("84841234567", "+84841234567"),
        ("0912 345 678", "+84912345678"),
    ],
)
def test_vietnamese_number_typed_with_84_but_without_plus_is_read_as_plus_84(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "8491234567",  # one digit short of a mobile after the 84
        "849123456789",  # one digit too many
        "8412345678",  # no Vietnamese number begins 1 after the 84
        "84024 3881 1234",  # the 0 of a domestic number kept after the 84
        "81312345678",  # Japan's number without its +: not ours to guess
    ],
)
def test_digits_after_84_that_are_no_vietnamese_number_stay_refused(typed):
    with pytest.raises(ValidationError) as error:
        normalize_phone(typed)

    assert error.value.code == "phone_format"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_phone_normaliser_returns_e164_or_raises_validation_error(text):
    try:
        value = normalize_phone(text)
    except ValidationError:
        return
    assert value.startswith("+") and value[1:].isdigit() and 9 <= len(value) <= 16


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(sorted(NATIONAL_NUMBERING)))
def test_phone_of_a_chosen_country_is_e164_or_a_validation_error(text, country):
    try:
        value = normalize_phone(text, country=country)
    except ValidationError:
        return
    assert value.startswith("+") and value[1:].isdigit() and 9 <= len(value) <= 16


def test_every_country_the_meeting_form_offers_has_its_numbering():
    # A country added to the form without one would read its buyers' numbers as
    # Vietnamese again.
    assert {code for code, _name in COUNTRY_CHOICES} - {"VN"} == set(NATIONAL_NUMBERING)


@pytest.mark.parametrize(
    ("country", "typed", "stored"),
    [
        ("HK", "9123 4567", "+85291234567"),  # no trunk prefix
        ("IT", "06 1234 5678", "+390612345678"),  # the 0 belongs to the number
        ("RU", "8 495 123-45-67", "+74951234567"),  # the trunk prefix is 8
        ("RU", "800 123 4567", "+78001234567"),  # ... and a number may begin with 8
        ("CN", "138 0013 8000", "+8613800138000"),  # typed without its trunk 0
        ("KR", "０１０－１２３４－５６７８", "+821012345678"),  # a full-width keyboard
    ],
)
def test_a_national_number_is_read_with_its_countrys_numbering(country, typed, stored):
    assert normalize_phone(typed, country=country) == stored


@pytest.mark.parametrize("country", ["", "VN", "BR"])
def test_vietnam_no_country_or_one_without_numbering_reads_as_vietnamese(country):
    assert normalize_phone("0912 345 678", country=country) == "+84912345678"
    with pytest.raises(ValidationError) as error:
        normalize_phone("010-1234-5678", country=country)

    assert error.value.code == "phone_vn"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.builds("+84{}{}".format, st.sampled_from("35789"), st.from_regex(r"\A[0-9]{8}\Z")),
        st.builds("+842{}".format, st.from_regex(r"\A[0-9]{9}\Z")),
        st.from_regex(r"\A\+[1-7][0-9]{7,14}\Z"),
    ),
    st.booleans(),
)
def test_a_phone_written_for_reading_is_read_back_as_the_same_number(stored, international):
    written = format_phone(stored, international=international)

    assert normalize_phone(written) == stored


@pytest.mark.parametrize(
    ("stored", "at_home", "abroad"),
    [
        ("+84912345678", "0912 345 678", "+84 912 345 678"),
        ("+842438811234", "024 3881 1234", "+84 24 3881 1234"),
        ("+842838221234", "028 3822 1234", "+84 28 3822 1234"),
        ("+842363822123", "0236 3822 123", "+84 236 3822 123"),
        # Another country's number is dialled from Vietnam with its calling code, in
        # that country's groups, whoever reads it.
        ("+81312345678", "+81 3 1234 5678", "+81 3 1234 5678"),
        ("+819012345678", "+81 90 1234 5678", "+81 90 1234 5678"),
        ("+821012345678", "+82 10 1234 5678", "+82 10 1234 5678"),
        ("+82234567890", "+82 2 3456 7890", "+82 2 3456 7890"),
        ("+6561234567", "+65 6123 4567", "+65 6123 4567"),
        ("+85221234567", "+852 2123 4567", "+852 2123 4567"),
        ("+886912345678", "+886 912 345 678", "+886 912 345 678"),
        ("+8613812345678", "+86 138 1234 5678", "+86 138 1234 5678"),
        ("+66812345678", "+66 81 234 5678", "+66 81 234 5678"),
        ("+12025550123", "+1 202 555 0123", "+1 202 555 0123"),
        ("+447700900123", "+44 7700 900123", "+44 7700 900123"),
        ("+33612345678", "+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("+493012345678", "+49 30 12345678", "+49 30 12345678"),
        # A length no rule of the country takes: its calling code apart, the rest whole.
        ("+8112345", "+81 12345", "+81 12345"),
        # A calling code none of the fair's countries has: where it ends is not known.
        ("+201001234567", "+201001234567", "+201001234567"),
        ("", "", ""),
    ],
)
def test_phones_are_written_as_people_write_them(stored, at_home, abroad):
    assert format_phone(stored) == at_home
    assert format_phone(stored, international=True) == abroad


def test_phone_typed_in_full_width_digits_is_stored_in_ascii():
    assert normalize_phone("０９１２ ３４５ ６７８") == "+84912345678"
    with pytest.raises(ValidationError):
        normalize_phone("٠٩١٢٣٤٥٦٧٨")  # Arabic-Indic digits: not a number we can dial
