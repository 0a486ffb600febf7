"""Property tests (Hypothesis) for fold, search texts, the sort key and the validators."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exhibitors.validators import normalize_phone, tax_code_check_digit, validate_tax_code
from fairportal.text import fold, matches_words, search_text, search_words, sort_key

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
    st.sampled_from(["0{p}{r}", "+84{p}{r}", "84{p}{r}x", "(+84) {p}{r}", "0{p} {r}", "0{p}.{r}"]),
)
def test_vietnamese_mobile_numbers_normalise_to_e164(prefix, rest, layout):
    raw = layout.format(p=prefix, r=rest)
    if raw.endswith("x"):  # "84…" without + or 0 is not a number we accept
        with pytest.raises(ValidationError):
            normalize_phone(raw[:-1])
        return
    assert normalize_phone(raw) == f"+84{prefix}{rest}"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_phone_normaliser_returns_e164_or_raises_validation_error(text):
    try:
        value = normalize_phone(text)
    except ValidationError:
        return
    assert value.startswith("+") and value[1:].isdigit() and 9 <= len(value) <= 16
