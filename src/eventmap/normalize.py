"""Place-name folding that survives transliteration.

News English writes the same Arabic place many ways (Ḩamāh, Hama, Hamah; Dar‘ā, Dar'a,
Daraa, Deraa; As-Suwayda, Suwayda). Two keys absorb most of that without fuzzy matching,
which would put dots on the wrong town: ``fold`` (case, diacritics, apostrophes, ayn/hamza,
punctuation) and ``loose`` (additionally drops Arabic article prefixes and doubled letters).
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Apostrophes, ayn and hamza marks are dropped: Dar‘ā = Dar'a = Dara.
_DROP = "'’‘ʿʾʼʻ`´′ʹ\u02bc\u02bb.\u200b\u200e\u200f"
# Separators become spaces: As-Suwayda = As Suwayda.
_SPACE = '-‐‑‒–—―_/,;:()[]{}"“”«»\t\n\r'
_TABLE = str.maketrans({**{c: "" for c in _DROP}, **{c: " " for c in _SPACE}})
# The same for ASCII text as byte tables: str.translate with a dict raises and clears a
# KeyError for each character the table leaves alone (most of a name), bytes.translate reads
# a table. Upper case is lowered by the same table, as str.lower does for ASCII.
_ASCII_TABLE = bytes(b + 32 if 65 <= b <= 90 else 32 if chr(b) in _SPACE else b for b in range(256))
_ASCII_DROP = bytes(ord(c) for c in _DROP if c.isascii())
_WS = re.compile(r"\s+")
_DOUBLES = re.compile(r"(.)\1+")

# Arabic definite-article forms as written in English (al-, el-, as-, ad-, ar-, ...).
ARTICLES = frozenset(
    {
        "al",
        "el",
        "as",
        "ad",
        "ar",
        "an",
        "at",
        "az",
        "ash",
        "ath",
        "adh",
        "ed",
        "er",
        "es",
        "ez",
        "et",
        "en",
        "ul",
    }
)


def is_latin(name: str) -> bool:
    """Only Latin-script names are indexed: transliterating other scripts invents English words."""
    if name.isascii():
        return True
    return all(
        not ch.isalpha() or ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in name
    )


def fold(name: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key."""
    if name.isalpha() and name.isascii():
        return name.lower()  # the common case: one plain word
    if not name.isascii():
        name = anyascii(name)
        if not name.isascii():  # (anyascii writes ASCII; kept exact whatever it returns)
            return " ".join(name.lower().translate(_TABLE).split())
    return " ".join(name.encode().translate(_ASCII_TABLE, _ASCII_DROP).decode().split())


def strip_article(folded: str) -> str:
    """Drop a leading Arabic article: 'as suwayda' -> 'suwayda', keeping one-word names whole."""
    head, sep, rest = folded.partition(" ")
    if sep and head in ARTICLES and rest:
        return rest
    return folded


def loose(folded: str) -> str:
    """Second-chance key: no leading article, no spaces, doubled letters collapsed.

    The collapse is ``_DOUBLES.sub(r"\\1", key)`` done by a loop: re expands a template
    replacement in Python, five times slower on a name, and the parser asks this for every
    new pair of capitalised words (``Gazetteer.continues``)."""
    key = strip_article(folded).replace(" ", "")
    if "\n" in key:  # ('.' does not match a newline, so newlines are never collapsed)
        return _DOUBLES.sub(r"\1", key)
    kept = []
    last = ""
    for ch in key:
        if ch != last:
            kept.append(ch)
            last = ch
    return "".join(kept)
