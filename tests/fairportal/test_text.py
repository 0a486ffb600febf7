import unicodedata

import pytest

from fairportal.text import fold, search_words, sort_key, typed_words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Điện tử", "dien tu"),
        ("Điện tử Hà Nội", "dien tu ha noi"),
        ("DƯỢC PHẨM", "duoc pham"),
        ("  Công   nghệ\tcao ", "cong nghe cao"),
        ("", ""),
        (None, ""),
        ("Canon Việt Nam", "canon viet nam"),
    ],
)
def test_fold_strips_diacritics_case_and_spaces(text, folded):
    assert fold(text) == folded


def test_fold_decomposed_input_equals_composed():
    composed = "Đức Nguyễn Thị Ánh"
    decomposed = unicodedata.normalize("NFD", composed)

    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "duc nguyen thi anh"


def test_search_words_splits_folded_query():
    assert search_words("  Máy IN canon ") == ["may", "in", "canon"]
    assert search_words("") == []


def test_typed_words_keep_the_diacritics_of_the_query():
    assert typed_words("  Nhật BẢN, C.P. ") == ["nhật", "bản", "cp"]
    assert typed_words(unicodedata.normalize("NFD", "Đức")) == ["đức"]
    assert typed_words("nhat ban") == search_words("nhat ban") == ["nhat", "ban"]


def test_sort_key_orders_vietnamese_names():
    names = ["Zeta", "Đức", "Ê-kíp", "Bình Minh", "Dương", "Ánh Dương"]

    assert sorted(names, key=sort_key) == [
        "Ánh Dương",
        "Bình Minh",
        "Dương",
        "Đức",
        "Ê-kíp",
        "Zeta",
    ]


def test_sort_key_alphabet_letters_before_tones():
    # "Ca" vs "Cà": same letters, the tone decides; "Cà" before "Cb" (letters first).
    assert sorted(["Cb", "Cà", "Ca"], key=sort_key) == ["Ca", "Cà", "Cb"]
    # Tone order: none, grave, hook, tilde, acute, dot below.
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=sort_key) == [
        "ma", "mà", "mả", "mã", "má", "mạ",
    ]  # fmt: skip


def test_sort_key_special_letters_follow_their_base():
    assert sorted(["ư", "u", "ơ", "ô", "o", "ă", "â", "a", "đ", "d"], key=sort_key) == [
        "a", "ă", "â", "d", "đ", "o", "ô", "ơ", "u", "ư",
    ]  # fmt: skip


def test_sort_key_f_j_w_z_take_latin_places():
    assert sorted(["g", "f", "ê", "k", "j", "i", "x", "w", "v", "z", "y"], key=sort_key) == [
        "ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z",
    ]  # fmt: skip


def test_sort_key_spaces_then_digits_then_letters():
    assert sorted(["An Bình", "3M Việt Nam", "An-Phát", "Anh"], key=sort_key) == [
        "3M Việt Nam", "An Bình", "An-Phát", "Anh",
    ]  # fmt: skip


def test_sort_key_case_is_last_level_and_decomposed_equal():
    # Tones decide before case: hook (ử) before acute (ứ); then lower before upper.
    assert sorted(["Đức", "đức", "đửc"], key=sort_key) == ["đửc", "đức", "Đức"]
    assert sort_key(unicodedata.normalize("NFD", "Đức")) == sort_key("Đức")
    assert sort_key("") == sort_key(None)
    assert sort_key("") < sort_key("a")
