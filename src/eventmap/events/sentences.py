"""Which sentences carry events, and which date a sentence without its own date inherits.

News reports are not lists of events: the headline restates the story, boilerplate and
bylines carry nothing, 'The agency also noted...' continues the dated report before it,
'These strikes killed...' adds to the events just found, 'a total of ... so far' sums many
days and places (a claim, not an event), and an undated lede announces the dated event that
follows. These rules decide how the extractor walks the sentences.
"""

from __future__ import annotations

import re

from eventmap.article import Article
from eventmap.literal_gate import gated

# How many body sentences count as the lede (undated ones there fold into a dated event).
LEDE_SENTENCES = 3
# A report this short tells one event (a wire item, a coder's note): its trigger and its
# place may sit in different sentences.
SHORT_REPORT_CHARS = 1200

# Gated (literal_gate): asked of each undated trigger sentence, most of which lack its words;
# the others run it as its lower-case twin, not under IGNORECASE at every position.
CONTINUES_REPORT = gated(
    re.compile(
        r"^\s*(?:the\s+(?:agency|ministry|military|army|source|statement|report)\b|it\s+"
        r"(?:also|further|added)\b|additionally\b|also\b|further(?:more)?\b|moreover\b)|"
        r"\b(?:also|further)\s+(?:noted|said|reported|stated|revealed|added|claimed)\b",
        re.IGNORECASE,
    )
)
ANAPHORA = re.compile(
    r"^\s*(?:these|the|those|such)\s+(?:strikes|attacks|raids|clashes|"
    r"operations|bombings|assaults|shelling)\b",
    re.IGNORECASE,
)
# 'A total of' sums over days only with a span of time ('a total of 344 people were killed
# last year', '... since March') or as a running total ('have been killed', 'forces have
# eliminated a total of'): alone it counts one incident's victims ('a total of six people
# were shot'), and 'a total of 12 explosions near X' counts rounds at one place.
_SPAN = (
    r"\bsince\b|\bso\s+far\b|\bto\s+date\b|\b(?:this|last|past|previous)\s+"
    r"(?:\d+\s+|few\s+|several\s+)?(?:year|month|week|day|decade)s?\b|\b(?:over|in|during|"
    r"within)\s+(?:the\s+)?(?:past|last|previous|first)\b|\b(?:over|in|during)\s+\d{4}\b"
)
_PERFECT = r"\b(?:have|has)\s+(?:now\s+)?(?:been|shot|hit|lost|[a-z]+(?:ed|en))\b"
_TOTAL_OF = (
    r"\ba\s+total\s+of\b(?!\s+\d[\d,]*\s+(?:[\w()+.-]+/)*(?:explosion|shot|projectile|"
    r"burst|round|shell|rocket|missile|mortar|grenade|violation)s?\b)"
)
AGGREGATE = re.compile(
    rf"{_TOTAL_OF}(?=.*?(?:{_SPAN}|{_PERFECT}))|{_PERFECT}.*?{_TOTAL_OF}|\bso\s+far\b|"
    r"\bsince\s+the\s+(?:start|beginning)\b|\bin\s+total\b|\baltogether\b",
    re.IGNORECASE,
)
# Asked of every sentence: gated (literal_gate), most sentences lack its words and are
# ruled out by the article's one literal scan instead of an IGNORECASE pass each.
_BOILERPLATE = gated(
    re.compile(
        r"read\s+(?:the\s+)?full\s+article|contributed\s+to\s+this\s+report|"
        r"click\s+here|subscribe\s+to|follow\s+us",
        re.IGNORECASE,
    )
)


_NO_LETTER = re.compile(r"[\W\d_]*")


def skipped(text: str, sentences: list[tuple[int, int]], article: Article) -> set[int]:
    """Headline (restates the story), boilerplate, bylines and runs without a letter (a
    page's rules of dots or dashes) carry no events."""
    skip = set()
    for i, (s, e) in enumerate(sentences):
        sentence = text[s:e].strip()
        if (
            _NO_LETTER.fullmatch(sentence)
            or _BOILERPLATE.search(sentence)
            or (i == 0 and article.title and sentence.startswith(article.title.strip()[:40]))
        ):
            skip.add(i)
    return skip
