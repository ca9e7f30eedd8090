"""Which places of a sentence may be where its event happened.

Local news names many places that are not the scene: the hospital the wounded were flown to
('flown to VCU Medical Center in Richmond', 'a San Antonio hospital'), a street named like a
town ('the intersection of Prescott and Gollihar'), someone's home town ('a Buffalo man', 'a
Metairie native', 'Jo Roe, 34, of Macon'). ``scene_phrases`` keeps a sentence's place phrases
that may be the scene (a hometown only when no other place is named: alone, it is all the
sentence gives, and us_state.py may move it to the report's own town); locate.py pairs them
with the sentence's triggers.
"""

from __future__ import annotations

import re
from functools import cache

from eventmap.events.lookup import ELSEWHERE_BEFORE
from eventmap.events.phrases import Resolver, Senses, place_phrases
from eventmap.geoparse import Mention
from eventmap.start_set import with_start_set
from eventmap.wordlists import entries

# Where the wounded were taken, not where they were shot: 'flown to VCU Medical Center in
# Richmond', 'taken to Jackson for treatment', 'sent to the crime lab in Little Rock'.
_TAKEN_BEFORE = re.compile(
    r"\b(?:taken|flown|airlifted|air-lifted|transported|rushed|transferred|evacuated)\s+"
    r"(?:by\s+(?:helicopter|ambulance|air)\s+)?to\s+(?:[^\s,;:]+\s+){0,6}?(?:in\s+)?$",
    re.IGNORECASE,
)
_TREATED_BEFORE = re.compile(
    r"\b(?:hospital|medical\s+cent(?:er|re)|clinic|crime\s+lab|trauma\s+cent(?:er|re)|morgue)"
    r"\s+in\s+(?:the\s+)?$|\brecovering\s+in\s+$",
    re.IGNORECASE,
)
# A town's name heading a hospital's ('Magnolia Regional Medical Center', 'a San Antonio
# hospital'), or a town where someone lies recovering ('is in Jacksonville recovering').
_TREATED_AFTER = re.compile(
    r"\s+(?:(?:Regional|General|Memorial|Community|University|Children['’]s|Medical)\s+){0,3}"
    r"(?:Hospital|Medical\s+Cent(?:er|re)|Trauma\s+Cent(?:er|re))\b|\s+(?:area\s+)?hospital\b|"
    r"\s+(?:recovering|being\s+treated)\b"
)
# A street named like a town: 'the 16600 block of Edmore', 'the intersection of Prescott and
# Gollihar', 'on North Lamar', 'off West Highland'.
_STREET_BEFORE = re.compile(
    r"\b(?:block\s+of|intersection\s+of|corner\s+of)\s+(?:the\s+)?"
    r"(?:(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\.?\s+)?$|"
    r"\b(?:on|off)\s+(?:North|South|East|West|N\.|S\.|E\.|W\.)\s+$"
)
# Before a town named as where it happened: 'in Maysville', 'near rural Selah'.
SCENE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside)\s+(?:(?:the|a|an|downtown|rural|suburban|"
    r"unincorporated|(?:north|south|east|west)(?:ern|east|eastern|west|western)?)\s+){0,2}$",
    re.IGNORECASE,
)
# Before a town named as someone's home: 'a Dacula teenager', 'a 20-year-old Buffalo man'.
_HOME_BEFORE = re.compile(r"\b(?:an?|the)\s+(?:\d+-year-old\s+)?$", re.IGNORECASE)


@cache
def _home_after() -> re.Pattern[str]:
    """After a town named as someone's home: a person noun (resources/person_nouns.txt)."""
    nouns = "|".join(entries("person_nouns.txt"))
    return re.compile(rf"\s+(?:{nouns})s?\b", re.IGNORECASE)


def hometown_cue(text: str, m: Mention) -> bool:
    """Whether ``m`` is written as someone's home ('a Dacula teenager', 'Jo Roe, of Macon')."""
    return bool(
        ELSEWHERE_BEFORE.search(text, max(0, m.start - 24), m.start)
        or (
            _HOME_BEFORE.search(text, max(0, m.start - 24), m.start)
            and _home_after().match(text, m.end)
        )
    )


# After a town written as someone's home: 'a Metairie native', 'Tampa resident Jo Roe'.
_NATIVE_AFTER = re.compile(r"\s+(?:native|resident)\b", re.IGNORECASE)
# Before it: 'Jo Roe, 34, of Macon', 'a resident of Macon', 'who lived in Macon'.
_HOME_OF_BEFORE = re.compile(
    r"\b\d{1,3}\s*,\s+(?:of|from)\s+$|\b(?:native|resident)s?\s+of\s+$|"
    r"\b(?:lived|lives|living|grew\s+up)\s+in\s+$",
    re.IGNORECASE,
)


@cache
def _person_from() -> re.Pattern[str]:
    """Before a town named as someone's home: a person noun and 'from' ('a man from Macon',
    'a 15-year-old male from Macon'); person nouns: resources/person_nouns.txt."""
    nouns = "|".join(entries("person_nouns.txt"))
    return re.compile(rf"\b(?:{nouns}|male|female)s?\s+from\s+$", re.IGNORECASE)


# Its end, which any match of it holds: found at C speed (a literal), it rules most places
# out before the nouns are tried at every word before them.
_FROM_BEFORE = re.compile(r"from\s+$", re.IGNORECASE)


def written_as_home(text: str, m: Mention) -> bool:
    """Whether ``m`` is written as someone's home, not as where something happened ('a
    Buffalo man was shot', 'a Metairie native', 'a man from Columbus', 'Jo Roe, 34, of
    Macon', 'who lived in Macon')."""
    before = max(0, m.start - 40)
    return bool(
        (
            _HOME_BEFORE.search(text, max(0, m.start - 24), m.start)
            and _home_after().match(text, m.end)
        )
        or _NATIVE_AFTER.match(text, m.end)
        or _HOME_OF_BEFORE.search(text, before, m.start)
        or (
            _FROM_BEFORE.search(text, before, m.start) is not None
            and _person_from().search(text, before, m.start)
        )
    )


# How far before a place its cues are looked for (within its sentence).
_CUE_CHARS = 80


def not_the_scene(text: str, m: Mention, s: int) -> bool:
    """Whether the place ``m`` (in the sentence starting at ``s``) is written as where the
    wounded were treated, as a street or as someone's home, not where it happened: such a
    place makes no event (a report's scene is then read from its other sentences)."""
    before = max(s, m.start - _CUE_CHARS)
    if _TREATED_BEFORE.search(text, before, m.start) or _TREATED_AFTER.match(text, m.end):
        return True
    if taken_there(text, m, s):
        return True
    return _STREET_BEFORE.search(text, before, m.start) is not None


def written_as_street(text: str, m: Mention) -> bool:
    """Whether ``m`` is written as a street ('the intersection of Prescott and Gollihar')."""
    return _STREET_BEFORE.search(text, max(0, m.start - _CUE_CHARS), m.start) is not None


def taken_there(text: str, m: Mention, s: int = 0) -> bool:
    """Whether the place ``m`` is where someone was taken ('flown to VCU Medical Center in
    Richmond', 'taken to Jackson for treatment') or a street ('the intersection of Prescott
    and Gollihar'): never the scene, even where a facility in it may be ('a bomb exploded at
    Zubair Hospital in Lashkar Gah')."""
    before = max(s, m.start - _CUE_CHARS)
    return bool(
        _TAKEN_BEFORE.search(text, before, m.start) or _STREET_BEFORE.search(text, before, m.start)
    )


def scene_phrases(
    text: str,
    mentions: list[Mention],
    s: int,
    e: int,
    resolve: Resolver | None = None,
    senses: Senses | None = None,
    facilities: bool = True,
) -> list[tuple[Mention, int | None, str | None]]:
    """The place phrases of ``text[s:e]`` that may be where something happened: not a
    hospital's town nor a street (``not_the_scene``; without ``facilities`` only not where
    someone was taken nor a street: a short report's one place), nor someone's home when
    another place is named (alone, the home is all the sentence gives)."""
    scene = not_the_scene if facilities else taken_there
    places = [
        p for p in place_phrases(text, mentions, s, e, resolve, senses) if not scene(text, p[0], s)
    ]
    # 'A Buffalo man was shot in the Town of Arkwright': the home gives way to the scene
    elsewhere = [p for p in places if not written_as_home(text, p[0])]
    return elsewhere or places


# Searched over sentences and the words around a place, date or trigger: with their start
# sets (start_set.py) re skips to where a match can start instead of trying every position.
_TAKEN_BEFORE, _TREATED_BEFORE, _STREET_BEFORE, _HOME_BEFORE, _HOME_OF_BEFORE, SCENE_BEFORE = map(
    with_start_set,
    (_TAKEN_BEFORE, _TREATED_BEFORE, _STREET_BEFORE, _HOME_BEFORE, _HOME_OF_BEFORE, SCENE_BEFORE),
)
