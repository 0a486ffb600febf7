"""Text helpers for Vietnamese: accent-free search and the Vietnamese sort key.

`search_text()` is what the `search_text` (Vietnamese) and `search_text_en`
(English) columns hold: the folded words, each after a space, so that a query's word
is looked for at the start of a word ("in" finds "máy in", not "kinh doanh");
`search_words()` folds a query the same way, and `typed_words()` gives the same words
with the diacritics the visitor typed.
`sort_key()` is the byte key stored in `name_sort` columns, so that both databases
order names as a Vietnamese reader expects. `nfc()` is how text typed, pasted or
imported is stored.
"""

import re
import unicodedata

from django.db.models import Q

_SPACES = re.compile(r"\s+")
# In search, anything but a letter or a digit of any script separates words, except
# dots and apostrophes: a token such as "c.p." or "tp.hcm" is kept joined ("cp",
# "tphcm") and, in the stored text, also in its parts ("tp", "hcm").
_JOINING = re.compile(r"[.'\u2019]")
_NOT_TOKEN = re.compile(r"[^\w.'\u2019]+|_+")
# The same split of a query as typed (lower case, NFC, not folded): a combining mark
# left over by NFC stays in its word, as `fold()` drops it from the word.
_NOT_TYPED_TOKEN = re.compile(r"[^\w.'\u2019\u0300-\u036f]+|_+")
# A query's words beyond this many are ignored (each is one condition of the query).
MAX_QUERY_WORDS = 20

# Combining marks that make a different letter of the Vietnamese alphabet.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
# Tone marks in the order of the Vietnamese collation: none, grave, hook, tilde,
# acute, dot below.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# The alphabet with f, j, w and z at their Latin places.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
    "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_WEIGHT = {letter: 0x100 + index for index, letter in enumerate(_ALPHABET)}
_MODIFIED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}
_SPACE_WEIGHT = 0x10
_PUNCTUATION_WEIGHT = 0x20
_DIGIT_WEIGHT = 0x40  # + the digit's value
_OTHER_WEIGHT = 0x1000  # + the code point, after every letter of the alphabet


def nfc(text: str) -> str:
    """`text` with each accented letter as one character (Unicode NFC): "ệ" typed or
    pasted as "e" + two combining marks (NFD, as some Mac tools write it) becomes the
    "ệ" every other row holds, so that it compares, counts and sorts as the same text."""
    return unicodedata.normalize("NFC", text)


def fold(text: str | None) -> str:
    """Lower-case, map đ to d, strip diacritics and squeeze spaces.

    "Điện tử Hà Nội" -> "dien tu ha noi".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def _tokens(text: str | None) -> list[str]:
    """The folded tokens of `text`, split at anything but letters, digits, dots and
    apostrophes; each without its leading or trailing dots ("c.p." is "c.p")."""
    tokens = (token.strip(".'\u2019") for token in _NOT_TOKEN.split(fold(text)))
    return [token for token in tokens if _JOINING.sub("", token)]


def search_words(query: str | None) -> list[str]:
    """The folded words of a visitor's query, each of which must match (at most
    MAX_QUERY_WORDS).

    Punctuation separates words ("LBP-2900" is "lbp" and "2900"), except dots and
    apostrophes, which join ("C.P." is "cp", "TP.HCM" is "tphcm").
    """
    return [_JOINING.sub("", token) for token in _tokens(query)][:MAX_QUERY_WORDS]


def typed_words(query: str | None) -> list[str]:
    """The words of `search_words(query)` as the visitor typed them: lower case, NFC,
    diacritics kept ("Nhật Bản" is ["nhật", "bản"], "nhat ban" is ["nhat", "ban"]).

    Where the two do not line up word for word (a mark outside the Vietnamese ones,
    which `fold()` drops inside a word), the folded words themselves: as if typed
    without diacritics.
    """
    folded = search_words(query)
    text = nfc((query or "").lower())
    tokens = (token.strip(".'\u2019") for token in _NOT_TYPED_TOKEN.split(text))
    typed = [_JOINING.sub("", token) for token in tokens if _JOINING.sub("", token)]
    typed = typed[:MAX_QUERY_WORDS]
    if [_JOINING.sub("", fold(word)) for word in typed] != folded:
        return folded
    return typed


def search_text(*parts: str | None) -> str:
    """The text stored in a `search_text` column: every word of `parts`, folded, each
    after one space (" canon viet nam"), so that " " + word finds word starts only.

    A token with dots or apostrophes is stored in its parts and then joined: "Q.Tân
    Bình, TP.HCM" is " q tan qtan binh tp hcm tphcm", so that "Tân Bình", "HCM",
    "TP.HCM" and "TP HCM" all find it, and a phrase typed joined ("C.P. Việt Nam",
    " cp viet nam") is still one run of words.
    """
    words = []
    for token in _tokens(" ".join(p for p in parts if p)):
        pieces = [piece for piece in _JOINING.split(token) if piece]
        if len(pieces) > 1:
            words += pieces
        words.append("".join(pieces))
    return "".join(f" {word}" for word in words)


def filter_by_words(queryset, query: str | None, field: str = "search_text"):
    """Keep the rows where each word of `query` starts a word of the Vietnamese
    search text (`field`) or each starts a word of the English one (`field` + "_en"):
    "dien tu" finds "Điện tử", "canon" finds "Canon", "in" finds "máy in" but not
    "kinh doanh", and "máy in" does not find a firm "in an industrial zone".

    `contains` (not `icontains`) on the folded columns lets PostgreSQL use their
    trigram indexes.
    """
    words = search_words(query)
    if not words:
        return queryset
    return queryset.filter(words_condition(words, field))


def english_singular(word: str) -> str:
    """The singular an English plural query word may stand for, or "" when it is none:
    "printers" -> "printer", "batteries" -> "battery", "boxes" -> "box", "glasses" ->
    "glass". Names and descriptions say "Laser printer"; visitors type "printers".
    `words_condition` looks for the singular as a whole word.
    Words of three letters or fewer, and "-ss", "-us", "-is" endings, are left alone."""
    if len(word) < 4 or not word.isascii() or not word.isalpha() or not word.endswith("s"):
        return ""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zzes", "ches", "shes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return ""
    return word[:-1]


def words_condition(words: list[str], field: str = "search_text") -> Q:
    """The condition of `filter_by_words` for folded `words` (not empty): each starts a
    word of `field`, or each starts a word of `field` + "_en", where a plural also
    finds its singular (`english_singular`)."""

    def starts_a_word(column: str, word: str, singular: str = "") -> Q:
        condition = Q(**{f"{column}__contains": f" {word}"})
        if singular:
            # The singular as a whole word: "parts" finds "part", not "partner".
            condition |= Q(**{f"{column}__contains": f" {singular} "}) | Q(
                **{f"{column}__endswith": f" {singular}"}
            )
        return condition

    english = f"{field}_en"
    return Q(*(starts_a_word(field, word) for word in words)) | Q(
        *(starts_a_word(english, word, english_singular(word)) for word in words)
    )


def matches_words(words: list[str], *parts: str | None) -> bool:
    """`filter_by_words` in Python, for rows with no `search_text` column."""
    text = search_text(*parts)
    return all(f" {word}" in text for word in words)


def _letters(text: str):
    """Yield (base, tone, is_upper) for each character of `text`."""
    decomposed = unicodedata.normalize("NFD", text)
    index = 0
    while index < len(decomposed):
        char = decomposed[index]
        index += 1
        marks = []
        while index < len(decomposed) and unicodedata.combining(decomposed[index]):
            marks.append(decomposed[index])
            index += 1
        lower = char.lower()
        is_upper = char != lower
        base = lower
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif (base, mark) in _MODIFIED:
                base = _MODIFIED[(base, mark)]
        yield base, tone, is_upper


def _primary_weight(base: str) -> int:
    if base in _LETTER_WEIGHT:
        return _LETTER_WEIGHT[base]
    if base.isdigit() and base.isascii():
        return _DIGIT_WEIGHT + int(base)
    if base.isspace():
        return _SPACE_WEIGHT
    category = unicodedata.category(base)
    if category[0] in "PSZC":
        return _PUNCTUATION_WEIGHT
    return _OTHER_WEIGHT + ord(base)


def sort_key(text: str | None) -> bytes:
    """The Vietnamese collation key of `text`, as bytes to store in `name_sort`.

    Three levels, as ICU's Vietnamese collation: the letters of the whole name in
    the Vietnamese alphabet; where those are equal, the tones; then the case.
    """
    letters = list(_letters(_SPACES.sub(" ", (text or "").strip())))
    primary = b"".join(_primary_weight(base).to_bytes(3, "big") for base, _, _ in letters)
    secondary = bytes(tone + 1 for _, tone, _ in letters)
    tertiary = bytes(2 if upper else 1 for _, _, upper in letters)
    return primary + b"\x00\x00\x00" + secondary + b"\x00" + tertiary


def row_id(value) -> int | None:
    """An id read from a link, a query or a form (`?fair=3`, `?ids=4,5`, a posted
    company): ASCII digits that fit the database's bigint, else None. "²" is a digit to
    `str.isdigit` and 10**20 one to Python; the database refuses both (a 500) where
    nobody meant anything."""
    value = str(value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return int(value)


def first_few(labels, limit: int = 3) -> str:
    """The first `limit` labels joined with commas, "…" after them when there are more:
    how a refusal names the events or meetings it is about."""
    labels = list(labels)
    shown = labels[:limit] + (["…"] if len(labels) > limit else [])
    return ", ".join(shown)
