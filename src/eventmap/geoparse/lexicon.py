"""The geoparser's vocabularies, read once from ``resources/`` (see each file's header).

Which words are titles, organisation words, regions or never places changes far more often
than the rules that use them, so the lists are data: one concept a file. The sets are built
at import, before any text is parsed, and are plain frozensets (a membership test in the hot
loops costs what it cost when the lists were code).
"""

from __future__ import annotations

from functools import cache

from eventmap.normalize import ARTICLES
from eventmap.wordlists import word_set

# Words that may sit inside a place name: Arabic articles (see normalize) and particles.
CONNECTORS: frozenset[str] = ARTICLES | word_set("name_connectors.txt")
# Words that may stand before a place name without making it a surname.
NAME_PREFIXES = word_set("name_prefixes.txt")
TITLES = word_set("titles.txt")
ORG_WORDS = word_set("organisation_words.txt")
# A capitalised word after a place name that makes it another place: 'Mississippi River',
# 'Orange County', 'Niger Delta'. Such places are reported unresolved, never put on the town.
FEATURE_WORDS = word_set("feature_words.txt")
# Regions the gazetteer has no honest point for: recognised, reported, not mapped.
REGIONS = word_set("regions.txt")
STOPWORDS = word_set("stopwords.txt")
NOT_PLACES = word_set("not_places.txt")
# A word after a name that makes the phrase a currency: 'the US dollar' names no place.
CURRENCY_WORDS = word_set("currency_words.txt")
COUNTRY_ABBREVIATIONS = word_set("country_abbreviations.txt")
# Feature words that name an administrative area: 'X County Council' is X's council.
DIVISION_FEATURES = frozenset({"county", "district", "borough", "parish", "township"})


@cache
def common_words() -> frozenset[str]:
    """Lower-case English words (Webster's 2nd, public domain): 'nice', 'reading', 'bath'."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=False, alpha=True))
