"""Qualifiers: the words around a name that set its kind and how vague it is.

'the city of Hama' is the town, 'Hama province' and 'northern Hama' the division, 'the
outskirts of Idlib' the countryside around it, 'north of Homs' somewhere near the town. The
kind hint steers resolution (town or division of that name); the label and words travel with
the mention, because ACLED's geo-precision depends on them.
"""

from __future__ import annotations

import re

import regex

DIVISION_AFTER = re.compile(
    r"[ \t]*(provinces?|governorates?|regions?|countryside|city|district|state|oblast)\b",
    re.IGNORECASE,
)
# 'Daraa and Suwayda regions': the plural division word covers both names.
_SHARED_DIVISION_AFTER = re.compile(
    r"\s+(?:and|or)\s+(?:the\s+)?[A-Z][\w'’‘-]*(?:\s[A-Z][\w'’‘-]*)?\s+"
    r"(provinces|governorates|regions)\b"
)
# Searched backwards from the name (the regex module's (?r)): a few steps instead of a scan
# of the 40 characters before it. Backwards, the first alternative that fits wins, so the
# longer words come first ('northeastern' before 'eastern').
_QUALIFIER_BEFORE = regex.compile(
    r"(?r)(?:\b(?P<dir>north-?east|north-?west|south-?east|south-?west|north|south|east|west|"
    r"centre|center|middle)\s+of\s+(?:the\s+)?|(?P<rural>countryside|outskirts|rural areas?|"
    r"environs|suburbs)\s+of\s+(?:the\s+)?|(?P<prov>province|governorate|region)\s+of\s+"
    r"(?:the\s+)?|(?P<city>city|town|village)\s+of\s+(?:the\s+)?|(?P<rural2>rural)\s+|"
    r"(?P<dir2>north-?eastern|north-?western|south-?eastern|south-?western|northern|southern|"
    r"eastern|western|central)\s+)$",
    regex.IGNORECASE,
)
_QUALIFIER_ENDINGS = ("of ", "of the ", "rural ", "ern ", "central ")
# Every match of _QUALIFIER_BEFORE holds one of these (lower case): where none is in the 40
# characters before a name ('residents of Homs'), the backwards search cannot match.
QUALIFIER_WORDS = (
    "north",
    "south",
    "east",
    "west",
    "centre",
    "center",
    "central",
    "middle",
    "countryside",
    "outskirts",
    "rural",
    "environs",
    "suburbs",
    "province",
    "governorate",
    "region",
    "city",
    "town",
    "village",
)


# Any of them, in one C-speed scan instead of a substring test per word.
_ANY_QUALIFIER_WORD = re.compile("|".join(QUALIFIER_WORDS))
_NONE: tuple[None, None, None] = (None, None, None)
# The first two letters of DIVISION_AFTER's words: after one blank, two ASCII letters that
# begin none of them ('on', 'and', 'said') settle it without the regex (in ASCII, IGNORECASE
# is plain lower case; other text, and more blanks, go to the regex).
_DIVISION_HEADS = frozenset(
    w[:2]
    for w in (
        "province",
        "governorate",
        "region",
        "countryside",
        "city",
        "district",
        "state",
        "oblast",
    )
)
_BLANKS = frozenset(" \t")


def qualifiers(text: str, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    """Words around a name that set its kind and vagueness.

    Returns (kind hint, qualifier label, qualifier words): 'the northeast of Homs province'
    gives ('admin1', 'direction', 'northeast of ... province').
    """
    # Every qualifier before a name ends in one of these; skip the regex when none does.
    before = None
    if text[start - 8 if start > 8 else 0 : start].lower().endswith(_QUALIFIER_ENDINGS):
        lo = start - 40 if start > 40 else 0
        seg = text[lo:start]
        # In ASCII text case is plain a-z, so a lower-case copy shows every possible match.
        if not seg.isascii() or _ANY_QUALIFIER_WORD.search(seg.lower()):
            before = _QUALIFIER_BEFORE.search(text, lo, start)
    after = None
    pos = end + 1 if text[end : end + 1] == " " else end  # the usual single space
    head = text[pos : pos + 2]
    if head.lower() in _DIVISION_HEADS or not head.isascii() or head[:1] in _BLANKS:
        after = DIVISION_AFTER.match(text, end)
    if after is None and text.startswith((" and ", " or "), end):
        after = _SHARED_DIVISION_AFTER.match(text, end)
    if before is None and after is None:
        return _NONE  # most names: nothing around them qualifies them
    kind = label = None
    words: list[str] = []
    if before:
        words.append(before.group(0).strip())
        if before.group("city"):
            kind = "city"
        elif before.group("dir"):
            label = "direction"  # 'north of Homs': near the town
        elif before.group("dir2"):
            # 'northern Aleppo', 'central Washington': part of a region, so the division
            # where the name has one (the state, not the capital), else the name itself.
            kind, label = "admin1", "direction"
        elif before.group("rural") or before.group("rural2"):
            kind, label = "admin1", "countryside"
        else:
            kind = "admin1"
    if after:
        word = after.group(1).lower()
        words.append(word)
        if word == "city":
            kind = "city"
        else:
            kind = "admin1"
            if word == "countryside":
                label = "countryside"
    return kind, label, " ... ".join(words) or None
