"""The capitalised words a report writes as people's names, which are then no places.

Local news names victims, suspects and witnesses whose surnames are towns somewhere ('Sherman
Wilson', 'Casey Jackson', 'Heather Kelso'), then writes them alone ('Wilson was airlifted',
'Jackson says', 'Robinson, 16, told police'). Such a word is a person's, not a town's, in
that report: it neither votes for a state nor is the report's home town (us_state.py), nor is
an event placed there (us_state.in_state). A word is read as a surname after a title ('Officer
Thomas') or a given name with what follows a person after it (an age, 'Jr.', a hometown, a
verb: ``_PERSON_AFTER``), or alone with an age or 'said' after it (``_ALONE``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from eventmap.start_set import with_start_set
from eventmap.wordlists import word_set


# A capitalised word right before a town's name makes it a surname ('Jo Williams', 'Officer
# Thomas'), unless the word is part of a place's name (resources/place_name_words.txt).
@cache
def _place_words() -> frozenset[str]:
    return word_set("place_name_words.txt")


@cache
def _titles() -> frozenset[str]:
    return word_set("titles.txt") - _place_words()


# (Scans of the whole report that start with a look-behind: with_start_set lets re skip to
# the capitals, start_set.py. A name's letters are possessive: what follows them never is one,
# so giving some back at a word that is no name never helps.)
_CAPITALISED_PAIR = with_start_set(
    re.compile(r"(?<![\w.])([A-Z][a-z]++)[ \t]++(?=([A-Z]\w*(?:[-'’][A-Z]\w*)*))")
)
# What follows a person's name, not a town's: an age ('Jo Williams, 34,', 'Jo Williams (34)'),
# a generation ('Jo Williams Jr.'), where they are from or what they said or did ('Jo Williams
# of Selma', 'Jo Williams said', 'Jo Williams and his son'). A capitalised word before a town
# with none of these after it is a caption's or a headline's ('Buy Photo Cincinnati police',
# 'an Eastside Jacksonville girl').
_PERSON_AFTER = re.compile(
    r",\s*(?:aged?\s+)?\d{1,3}\b|\s*\(\d{1,3}\)|\s+(?:of|said|says|told|who|was|is|has|had)\b|"
    r",?\s+(?:Jr|Sr)\b|\s+(?:II|III|IV)\b|\s+and\s+(?:his|her)\b"
)
# A name alone written as a person: with an age ('Robinson, 16, told police', 'Lindsay, 24 and
# Duncan, 23,') or saying something ('Jackson says'). Not after a word that makes it a place
# ('of Macon, 34,' is a hometown; 'police in Macon said').
_ALONE = with_start_set(
    re.compile(
        r"(?<![\w.'’-])([A-Z][a-z]++)"
        r"(?=,\s*(?:aged?\s+)?\d{1,3}\s*(?:,|\)|\s+and\b)|\s+(?:said|says|told)\b)"
    )
)
_PLACE_WORD_BEFORE = re.compile(
    r"\b(?:of|from|in|at|near|outside|to|into|toward|towards|the)\s+$", re.IGNORECASE
)


@lru_cache(maxsize=4)
def surnames(text: str) -> frozenset[str]:
    """The capitalised words ``text`` writes as someone's name (in lower case): after a title,
    or after a given name (a capitalised word that is no place word nor one the report also
    writes in lower case: 'Fatal Memphis shooting' is a headline's 'fatal') with an age, a
    hometown or a verb after it; or alone with an age or 'said' after it. Two passes."""
    lower: dict[str, bool] = {}  # word -> does the text write it in lower case
    found = set()
    for m in _CAPITALISED_PAIR.finditer(text):
        name = m.group(2)
        if name.lower() in found:
            continue
        word = m.group(1).lower()
        if word in _titles():
            found.add(name.lower())
            continue
        if word in _place_words() or not _PERSON_AFTER.match(text, m.end(2)):
            continue
        written = lower.get(word)
        if written is None:
            written = lower[word] = _written(text, word)
        if not written:
            found.add(name.lower())
    for m in _ALONE.finditer(text):
        name = m.group(1).lower()
        if name in found or _PLACE_WORD_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        found.add(name)
    return frozenset(found)


def _written(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` (lower-case letters) as a word of its own: whether it
    is one of ``re.findall(r"\\b[a-z]+\\b", text)``, found without reading every word of a
    long report (an occurrence with no word character, re's \\w, on either side)."""
    size, end = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        after = at + size
        if (at == 0 or not _is_word(text[at - 1])) and (after == end or not _is_word(text[after])):
            return True
        at = text.find(word, at + 1)
    return False


def _is_word(ch: str) -> bool:
    """re's \\w for one character of a str pattern: alphanumeric (str.isalnum) or '_'."""
    return ch.isalnum() or ch == "_"


def surnames_of(text: str, names: set[str]) -> set[str]:
    """Those of ``names`` (one word each) the report writes as someone's name (``surnames``),
    in lower case."""
    written = surnames(text)
    return {n.lower() for n in names if n[:1].isupper() and " " not in n} & written
