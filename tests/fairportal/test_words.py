"""The interface's words kept per language (fairportal.languages.words): each page's
tags take them from there, so they must follow the page's language and never outlive
a change of the languages or catalogues (tests that override them)."""

from django.utils import translation

from fairportal import countries, languages


def test_words_follow_the_language_asked_or_active():
    with translation.override("vi"):
        assert languages.words("Tìm kiếm", "Kết quả") == ["Tìm kiếm", "Kết quả"]
        assert languages.words("Tìm kiếm", language="en") == ["Search"]
    with translation.override("en"):
        assert languages.words("Tìm kiếm", "Kết quả") == ["Search", "Results"]
        assert countries.country_name("jp") == "Japan"
    with translation.override("vi"):
        assert countries.country_name("JP") == "Nhật Bản"


def test_words_as_written_when_translations_are_off():
    with translation.override(None):
        assert languages.words("Tìm kiếm") == ["Tìm kiếm"]


def test_words_and_names_are_read_again_after_the_languages_change(settings):
    with translation.override("en"):
        languages.words("Tìm kiếm")
        countries.country_name("JP")
    assert languages._WORDS and countries._kept_names

    settings.LANGUAGE_CODE = "en"

    assert not languages._WORDS and not countries._kept_names
