"""The values the geoparser's stages pass along, and the helpers they all share.

``Mention`` is the public result: one toponym with its offsets, what it resolved to and the
role it plays. The rest is internal: a word of a run, a candidate name on its way to
resolution, a run's cached template for one match, and the bounded caches' store helper.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from eventmap.errors import InvalidInput

ROLES: tuple[str, ...] = (
    "event_location",
    "government",
    "speaker_or_actor_location",
    "country_reference",
    "demonym",
    "in_name",
)
MAX_TEXT_CHARS = 5_000_000
MAX_SPAN_TOKENS = 5
CACHE_LIMIT = 200_000  # entries kept per parser cache; cleared beyond that (bounded memory)
REGION = "@region"  # the 'demonym' of a region match: recognised, never mapped
NO_DIVISIONS: frozenset[str] = frozenset()
UNKNOWN = object()  # a cache miss, where None is a cached answer
IN_NAME_MIN_POPULATION = 500_000  # a town inside a longer name must be this big to count


@dataclass(slots=True)
class Mention:
    """One toponym in a text, with offsets into that text and what we made of it."""

    start: int
    end: int
    text: str
    role: str
    resolved: bool
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    kind: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    admin1_iso: str | None = None
    qualifier: str | None = None
    qualifier_text: str | None = None
    confidence: float = 0.0
    reason: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("raw")
        return data


# A capitalised run as the regex found it: start, end, text and the masked names touching it
# (None: not looked for yet, as a run that names no place needs them only in the last stage).
Run = tuple[int, int, str, tuple[tuple[int, int], ...] | None]


class Word(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str
    lookup: str
    sentence: int
    kind_hint: str | None
    qualifier: str | None
    qualifier_text: str | None
    demonym: str | None = None
    in_name: bool = False
    in_org: bool = False
    single_common: bool = False
    initial_common: bool = False
    feature: str | None = None
    location: Any = None
    # Why the name is reported unresolved although the gazetteer knows a namesake: 'the
    # village of Joseph in the countryside of Idleb' is no Joseph in Oregon.
    elsewhere: str | None = None


class Template(NamedTuple):
    """A match inside a run, decided by the run's words alone; offsets from the run's start."""

    start: int
    end: int
    name: str
    demonym: str | None
    in_mask: bool
    drop: bool
    common: bool
    in_org: bool
    in_name: bool
    person_name: bool  # the word before is a first name: remember this one as a surname
    feature: str | None
    placeable: bool  # False when the roles stage would drop it whatever the article says


def remember(cache: dict, key: Any, value: Any) -> Any:
    """Store ``value`` in one of a parser's caches, emptied when full (memory stays bounded)."""
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def validate(text: object) -> str:
    if text is None:
        raise InvalidInput("text is None")
    if not isinstance(text, str):
        raise InvalidInput(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    return text


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    if not spans:
        return False
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end
