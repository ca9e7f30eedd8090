"""The geoparser's vocabularies as loaded from resources/: shape and consistency."""

from eventmap.geoparse import lexicon
from eventmap.normalize import ARTICLES


def test_word_lists_are_lower_case_and_single_spaced() -> None:
    for name in ("TITLES", "ORG_WORDS", "FEATURE_WORDS", "REGIONS", "STOPWORDS", "NOT_PLACES"):
        words = getattr(lexicon, name)
        assert words, name
        assert all(w == w.lower() and w == " ".join(w.split()) for w in words), name


def test_connectors_include_the_arabic_articles() -> None:
    assert ARTICLES <= lexicon.CONNECTORS
    assert {"de", "of", "upon", "i"} <= lexicon.CONNECTORS


def test_country_abbreviations_are_never_stopwords() -> None:
    assert "US" in lexicon.COUNTRY_ABBREVIATIONS and "us" in lexicon.STOPWORDS
    assert all(a.upper() == a for a in lexicon.COUNTRY_ABBREVIATIONS)


def test_common_words_are_read_once() -> None:
    assert lexicon.common_words() is lexicon.common_words()
    assert "reading" in lexicon.common_words()
