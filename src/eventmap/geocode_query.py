"""A geocoding query read before any lookup: is it a usable name, and what do its words say.

'northeast of Homs province' is the admin1 Homs with a direction; 'the city of Hama' the town.
Kept apart from the ranking so that the geoparser's planner and the online chain can read a
query the same way without loading the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from eventmap.errors import InvalidInput

MAX_QUERY_LENGTH = 512

# Qualifiers, tried in order on the lower-cased query; the group 'name' is what is looked up.
_ADMIN1_WORDS = r"(?:province|governorate|region|state|oblast|muhafazat)"
_QUALIFIERS: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind, qualifier)
    for pattern, kind, qualifier in (
        (
            r"^(?:the\s+)?(?P<q>(?:north|south)(?:-?\s?(?:east|west))?|east|west|centre|center"
            r"|middle)\s+(?:part\s+)?of\s+(?:the\s+)?(?P<name>.+?)\s+" + _ADMIN1_WORDS + r"$",
            "admin1",
            "direction",
        ),
        (r"^(?:the\s+)?" + _ADMIN1_WORDS + r"\s+of\s+(?P<name>.+)$", "admin1", None),
        (r"^(?P<name>.+?)\s+" + _ADMIN1_WORDS + r"$", "admin1", None),
        (
            r"^(?:the\s+)?(?:countryside|outskirts|environs|suburbs|desert|rural\s+areas?)"
            r"\s+of\s+(?:the\s+)?(?P<name>.+)$",
            "admin1",
            "countryside",
        ),
        (r"^(?:rural|greater)\s+(?P<name>.+)$", "admin1", "countryside"),
        (r"^(?P<name>.+?)\s+(?:countryside|outskirts|environs)$", "admin1", "countryside"),
        (
            r"^(?:the\s+)?(?P<q>northern|southern|eastern|western|north-?eastern|north-?western"
            r"|south-?eastern|south-?western|central)\s+(?P<name>.+?)(?:\s+"
            + _ADMIN1_WORDS
            + r")?$",
            "admin1",
            "direction",
        ),
        (r"^(?:the\s+)?(?:city|town|village)\s+of\s+(?P<name>.+)$", "city", None),
        (r"^(?P<name>.+?)\s+(?:city|town)$", "city", None),
        (r"^(?:the\s+)?(?:republic|kingdom|state)\s+of\s+(?P<name>.+)$", "country", None),
    )
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# Every qualifier pattern, and _LEADING_THE, needs a blank: a query without one is its name.
_BLANK = re.compile(r"\s")
# Queries read, remembered: the geoparser asks again for each bias and kind of a name.
PARSE_CACHE_SIZE = 4096


def validate_query(query: object) -> str:
    """Reject what no retry could fix, saying exactly what was wrong."""
    if query is None:
        raise InvalidInput("query is None; pass a place name such as 'Homs province'")
    if not isinstance(query, str):
        raise InvalidInput(f"query must be a string, not {type(query).__name__}")
    text = query.strip()
    if not text:
        raise InvalidInput("query is empty or blank")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"query is {len(text)} characters long; the limit is {MAX_QUERY_LENGTH}")
    if text.isprintable():  # no Cc or Cf character at all (the usual query)
        return text
    bad = [
        ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200e\u200f"
    ]
    if bad:
        raise InvalidInput(f"query contains control characters: {bad[0]!r}")
    return text


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into the name to look up and what the words around it said."""

    name: str
    kind: str | None
    qualifier: str | None
    qualifier_text: str | None


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def parse_query(text: str) -> ParsedQuery:
    """'northeast of Homs province' -> name 'Homs', kind admin1, qualifier 'direction'.

    Cached (ParsedQuery is immutable): the geocoder reads a name again for each bias."""
    if _BLANK.search(text) is None:
        return ParsedQuery(text, None, None, None)
    for pattern, kind, qualifier in _QUALIFIERS:
        m = pattern.match(text)
        if m and m.group("name").strip():
            name = _LEADING_THE.sub("", m.group("name").strip())
            words = m.groupdict().get("q")
            qtext = text[: m.start("name")].strip() or text[m.end("name") :].strip()
            return ParsedQuery(name, kind, qualifier, (words or qtext).strip() or None)
    return ParsedQuery(_LEADING_THE.sub("", text), None, None, None)
