"""Which language a request is answered in, and which language a translated field's
text is in.

Pages carry it in their path: Vietnamese at the root, English under /en/. The API has
no language prefix (its bodies hold both languages), so its messages follow the
client's Accept-Language, Vietnamese when the client states none we speak.

On an English page a content field with no English shows its Vietnamese text
(modeltranslation's fallback); `lang_attribute` marks the element that holds it.
"""

import functools
import re

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_vary_headers
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled, resolution_order

from fairportal.text import nfc

API_PREFIX = "/api/"


def request_language(request) -> str:
    if request.path_info.startswith(API_PREFIX):
        return translation.get_language_from_request(request, check_path=False)
    i18n_used, prefixed_default = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    language = translation.get_language_from_request(request, check_path=i18n_used)
    if (
        not translation.get_language_from_path(request.path_info)
        and i18n_used
        and not prefixed_default
    ):
        language = settings.LANGUAGE_CODE
    return language


class ApiLanguageMiddleware:
    """After LocaleMiddleware, which gives every unprefixed path the default language:
    the API speaks the client's language instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


def fallback_language(obj, field: str, language: str | None = None) -> str:
    """The language of the text `obj.<field>` shows, when it is not the page's: "vi" on
    an English page for a field with no English (modeltranslation falls back to the
    Vietnamese); "" where the field has text in the page's language (or none at all).

    It asks the columns in the order modeltranslation reads them, with its idea of an
    empty value, so it names the text actually shown. `language` is the active one
    unless given (a list works it out once). The columns must be loaded: a deferred one
    would cost a query per row."""
    language = language or translation.get_language()
    if not obj or not language:
        return ""
    meaningful, undefined, columns = _columns_read(type(obj), field, language, fallbacks_enabled())
    for code, column in columns:
        if meaningful(getattr(obj, column, None), undefined):
            return "" if code == language else code
    return ""


@functools.cache
def _columns_read(model, field: str, language: str, fallbacks: bool) -> tuple:
    """(its test of a value, its empty value, ((language, column)…)) of what
    modeltranslation reads for `model.<field>` in `language`: worked out once, as the
    directory asks it a hundred times a page. `fallbacks` is in the key because
    modeltranslation's `fallbacks(False)` changes the order."""
    descriptor = getattr(model, field)
    if not isinstance(descriptor, TranslationFieldDescriptor):
        raise TypeError(f"{model.__name__}.{field} is not a translated field")
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    order = resolution_order(language, descriptor.fallback_languages)
    columns = tuple((code, build_localized_fieldname(field, code)) for code in order)
    return descriptor.meaningful_value, undefined, columns


def lang_attribute(obj, field: str, language: str | None = None) -> str:
    """` lang="vi"` for the element holding `obj.<field>` when that text fell back to
    Vietnamese (WCAG 3.1.2, so that a screen reader reads it with a Vietnamese voice);
    "" otherwise, so pages whose text is in their language are unchanged."""
    code = fallback_language(obj, field, language)
    return f' lang="{code}"' if code else ""


# Letters that English never writes and Vietnamese writes in most of its syllables: the
# vowels with a breve, circumflex or horn, đ, and every vowel with a tone mark but those
# other languages' names carry too: the acute and grave on a plain vowel (French,
# Spanish: "Café René") and the tilde on a and o (Portuguese: "São Paulo"). Those count
# only in a text with another sign of Vietnamese ("Công ty TNHH Thép Hòa Phát").
_VIETNAMESE_LETTERS = frozenset("ăâđêôơưằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữựảạẻẽẹỉĩịỏọủũụỷỹỵ")
_SHARED_WITH_OTHER_LANGUAGES = frozenset("áàéèíìóòúùýỳãõ")
# Words written without accents that only Vietnamese uses ("Cong ty TNHH Kim Long").
_VIETNAMESE_WORDS = frozenset(
    "ty tnhh cua voi khong duoc chung toi cac nhung mot va cty xin cam".split()
)
# Short words of English that a note or a name in English is seldom without.
_ENGLISH_WORDS = frozenset(
    """the a an and or to of in on at for with from by is are was were be been will would
    can could please thank thanks we you your our us i he she they it this that these
    those not no yes call contact approved dear mr mrs ms co ltd limited company inc corp
    corporation llc booth fair week today tomorrow before after""".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def written_language(text: str) -> str:
    """ "vi" for a free text written in Vietnamese (a note of the board, a company's
    answer or name), "" otherwise. Such a field has no language column to ask: a text
    counts as Vietnamese when more of its words are Vietnamese (letters or words only
    Vietnamese writes) than English (the short words of English), and at least a quarter
    of them are: "Please call Nguyễn Văn An." and "Approved. Contact Ms Hương." stay
    English."""
    words = _WORD.findall(nfc(str(text or "")).lower())
    if not words:
        return ""
    vietnamese = sum(
        1 for word in words if _VIETNAMESE_LETTERS.intersection(word) or word in _VIETNAMESE_WORDS
    )
    if vietnamese:
        vietnamese += sum(
            1
            for word in words
            if _SHARED_WITH_OTHER_LANGUAGES.intersection(word)
            and not _VIETNAMESE_LETTERS.intersection(word)
        )
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    return "vi" if vietnamese > english and vietnamese * 4 >= len(words) else ""


def text_lang_attribute(text: str, language: str | None = None) -> str:
    """` lang="vi"` for the element holding a free text written in Vietnamese on a page
    in another language (WCAG 3.1.2); "" otherwise."""
    code = written_language(text)
    if not code or code == (language or translation.get_language()):
        return ""
    return f' lang="{code}"'


# The interface's words per language, read from the catalogues once per process
# (`words`); cleared when a test changes the languages or the catalogues' paths.
_WORDS: dict[tuple[str, str], str] = {}


def words(*messages: str, language: str | None = None) -> list[str]:
    """`gettext` of each of `messages` in `language` (the active one by default), kept:
    the catalogues do not change while a process runs, and the tags that draw every
    page ask for some forty words, each a walk through the active translation's
    catalogue and its fallbacks (a tenth of a directory page's work). Mark the
    messages with `gettext_noop` where they are written, for makemessages."""
    language = language or translation.get_language()
    if language is None:  # translations deactivated: the messages as written
        return list(messages)
    found = []
    for message in messages:
        text = _WORDS.get((language, message))
        if text is None:
            with translation.override(language):
                text = _WORDS[(language, message)] = translation.gettext(message)
        found.append(text)
    return found


@receiver(setting_changed)
def _forget_words(*, setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _WORDS.clear()
