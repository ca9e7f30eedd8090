"""Roles: which resolved names become mentions, and what part each plays in the text.

A resolved name is not yet a place in the story. This stage drops the readings news text
disproves (a small town that is also a common word, a surname already seen in a person's
name, 'Thomas said'), reports a small town in a country the article never mentions instead of
guessing it, and gives every kept mention a role: 'the government in Damascus' is a seat of
government and 'Moscow said' a speaker, not an event in that city; a demonym refers to its
country; a place inside an organisation's name is in_name.
"""

from __future__ import annotations

import re
from typing import Any

import regex

from eventmap.geoparse.model import IN_NAME_MIN_POPULATION, REGION, Candidate, Mention, remember

_GOVERNMENT_WORDS = (
    "government",
    "regime",
    "authorities",
    "officials",
    "administration",
    "leadership",
    "cabinet",
    "ministry",
)
_GOVERNMENT_BEFORE = regex.compile(
    r"(?r)\b(" + "|".join(_GOVERNMENT_WORDS) + r")\s+(?:in|of)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
_ANY_GOVERNMENT_WORD = re.compile("|".join(_GOVERNMENT_WORDS))  # one scan, not one per word
_GOVERNMENT_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:-based\s+)?(?:government|regime|authorities|administration|"
    r"leadership|cabinet)\b",
    re.IGNORECASE,
)
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s\s+(?:position|stance|view|response)|,?\s+(?:(?:is|was|has|have|had|will|"
    r"would|could|also|has\s+been|is\s+also|had\s+been|did\s+not|does\s+not|has\s+not)\s+)*"
    r"(?:said|says|say|told|warned|warns|accused|accuses|announced|announces|claimed|claims|"
    r"denied|denies|insisted|insists|stated|states|vowed|vows|threatened|threatens|urged|"
    r"urges|called|calls|rejected|rejects|welcomed|welcomes|condemned|condemns|argued|argues|"
    r"believes|wants|hopes|plans|agreed|agrees|signed|signs|sent|sends|backed|backs|"
    r"supports|supported|collaborating|cooperating|working|responded|responds|demanded|"
    r"demands|blamed|blames|confirmed|confirms|pledged|pledges|considers|sees|expects|"
    r"maintains|believed|dismissed|recognised|recognized|recognizes|recognises|imposed|"
    r"sanctioned|launched\s+talks|negotiating))\b",
    re.IGNORECASE,
)
# Both patterns above begin, after "'s", a comma or spaces, with one of their own words: a
# name followed by any other word needs neither.
_NEXT_WORD = re.compile(r"(?:['’]s)?,?\s+-?([A-Za-z]+)")
_ROLE_AFTER_WORDS = frozenset(
    re.findall(r"[a-z]+", _GOVERNMENT_AFTER.pattern + _SPEAKER_AFTER.pattern)
)
_SAID_AFTER = re.compile(
    r",?\s+(?:also\s+)?(?:said|says|told|added|adds|explained|wrote|writes|noted|recalled|asked|"
    r"replied|laughed|admitted|tweeted|posted)\b"
)
# The first two letters of the words that can start _GOVERNMENT_AFTER or _SPEAKER_AFTER.
_ROLE_HEADS = frozenset(w[:2] for w in _ROLE_AFTER_WORDS)


def _role_word_after(text: str, end: int) -> bool:
    """Is the word after the name one that can begin a government or speaker phrase? After
    the usual single space, two ASCII letters that begin none of them settle it."""
    gap = text[end : end + 1]
    if gap == " ":
        head = text[end + 1 : end + 3]
        if head.isascii() and head.isalpha() and len(head) == 2 and head.lower() not in _ROLE_HEADS:
            return False  # the pattern's word begins with these two letters
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and nxt.group(1).lower() in _ROLE_AFTER_WORDS


# The first two letters of every word _SAID_AFTER can read first (it is case-sensitive;
# the 's' of '\s' and 'b' of '\b' come along, harmless).
_SAID_HEADS = frozenset(w[:2] for w in re.findall(r"[a-z]+", _SAID_AFTER.pattern))


def _said_after(text: str, end: int) -> bool:
    """_SAID_AFTER at ``end``; after the usual single space, the next two letters decide
    most names without the regex ('Homs on Monday', 'Homs province')."""
    gap = text[end : end + 1]
    if gap == " ":
        head = text[end + 1 : end + 3]
        if head not in _SAID_HEADS and not head[:1].isspace():
            return False
    elif gap != "," and not gap.isspace():
        return False  # the pattern starts with a comma or a blank
    return _SAID_AFTER.match(text, end) is not None


# 'a Café in Kabul', 'an Oasis near the road': after 'a' or 'an' and before a preposition or
# punctuation, a capitalised word is a thing (a shop's name, a common noun), not a town.
_IN_BEFORE = re.compile(r"\b(?:in|near|outside)\s+\Z")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


def _used_as_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised common word right after a mid-sentence 'in', 'near' or 'outside' is used
    as a place's name ('a shooting in Flint', 'near Tupelo'), unless a possessive makes it
    someone's ('in Noma's case')."""
    return bool(_IN_BEFORE.search(text, max(0, start - 8), start)) and not (
        _POSSESSIVE_AFTER.match(text, end)
    )


_INDEFINITE_BEFORE = re.compile(r"(?:^|[\s(\"“])(?:a|an)\s+\Z", re.IGNORECASE)
_THING_AFTER = re.compile(
    r"(?:\s+(?:in|at|on|near|outside|inside|of|with|where|that|which|and|or)\b|\s*[,.;:)!?]|\Z)"
)
# 'Wagner fighters', 'the Wagner group': a name right before a word for an armed group.
_GROUP_AFTER = re.compile(
    r"\s+(?:group|mercenar(?:y|ies)|fighters|militants|militia|militiamen|paramilitar(?:y|ies)|"
    r"rebels|insurgents|gunmen|loyalists|operatives)\b",
    re.IGNORECASE,
)
# 'Officials in Hama said', 'residents of Homs told': the name is where the speakers are,
# not a person speaking ('Thomas said'), so the speech verb after it does not disprove it.
_SPEAKERS_PLACE_BEFORE = regex.compile(
    r"(?r)(?:\b(?:in|at)|\b(?:residents|people|officials|authorities|governor|mayor|police|"
    r"sources|council)\s+of)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)


class RoleDecider:
    """Turns (candidate, resolved place) into a Mention with its role, or drops it."""

    _ctx: tuple[str | None, set[str]]
    _persons: set[str]
    _actor_words: frozenset[str]
    _article: tuple[list[Candidate], list[Any]]
    _cached: Any
    _as_division: Any
    _places: dict[int, tuple]

    def _mention(
        self,
        text: str,
        cand: Candidate,
        loc: Any,
        sentences: list[tuple[int, int]],
    ) -> Mention | None:
        s_start, s_end = sentences[cand.sentence]
        if cand.demonym == REGION or cand.feature is not None:
            what = (
                f"a {cand.feature} named after a place"
                if cand.feature
                else "a region with no point in the gazetteer"
            )
            return self._unresolved_mention(
                cand,
                s_start,
                s_end,
                f"{what}; not in the offline gazetteer (reported, not guessed)",
            )
        if loc is None:
            return None
        raw = loc.raw
        curated = raw["match"] == "alias"  # a name we listed on purpose ('Palmyra')
        if (
            cand.single_common
            and not curated
            and raw["kind"] == "city"
            and raw["population"]
            < (20_000 if _used_as_a_name(text, cand.start, cand.end) else 100_000)
        ):
            return None  # a common word that is also a small town: 'Of', 'Will', 'Bath, ME'
        if (
            cand.in_name
            and raw["kind"] == "city"
            and (raw["population"] < IN_NAME_MIN_POPULATION or raw["match"] == "loose")
        ):
            return None  # 'Ain Issa' is not Al Ain: a loose match inside a name is too weak
        single_town = raw["kind"] == "city" and " " not in cand.lookup
        if (
            single_town
            and not curated
            and raw["population"] < 100_000
            and _INDEFINITE_BEFORE.search(text, max(0, cand.start - 5), cand.start)
            and _THING_AFTER.match(text, cand.end)
        ):
            return None  # 'a Café in Kabul' is no town in the Philippines
        if (
            single_town
            and cand.lookup in self._actor_words
            and raw["match"] in ("alternate", "loose")
            and raw["population"] < 100_000
            and self._cached(("@as-division", cand.lookup), self._as_division, cand.lookup) is None
        ):
            # 'forces loyal to Hadi': a person or group the actor table names (Sinaloa, a
            # cartel's name, is still the state)
            return None
        if cand.initial_common and single_town and not curated and raw["population"] < 1_000_000:
            return None  # 'Reading the report', 'Nice to see', 'Mobile phones'
        if single_town and cand.lookup in self._persons and raw["population"] < 200_000:
            return None  # one sense per discourse: 'Salah' after 'Mohamed Salah'
        if (
            single_town
            and raw["population"] < 1_000_000
            and _said_after(text, cand.end)
            and not _SPEAKERS_PLACE_BEFORE.search(text, max(0, cand.start - 30), cand.start)
        ):
            return None  # 'Thomas said': towns rarely speak; capitals ('Moscow said') do
        if cand.elsewhere is not None:
            return self._unresolved_mention(cand, s_start, s_end, cand.elsewhere)
        dominant, mentioned = self._ctx
        if (
            dominant
            and single_town
            and not curated
            and raw["population"] < 100_000
            and raw["country_code"] != dominant
            and _GROUP_AFTER.match(text, cand.end)
            and not self._named_elsewhere(raw["country_code"], cand.lookup)
        ):
            return None  # 'Wagner fighters' in a story about Mali: a group, not a Brazilian town
        if (
            dominant
            and raw["kind"] == "city"
            and raw["population"] < 50_000
            and raw["country_code"] not in mentioned
            and not cand.in_org
        ):
            return self._unresolved_mention(
                cand,
                s_start,
                s_end,
                f"only match is a small town in {raw['country_name'] or raw['country_code']}, "
                "a country the article does not mention (reported, not guessed)",
            )
        role = self._role(text, cand, raw)
        place = self._places.get(id(loc))
        if place is None or place[0] is not loc:
            place = self._place_fields(loc)
        _, name, latitude, longitude, confidence, rounded, fields = place
        if cand.single_common or cand.demonym:
            if cand.single_common:
                confidence -= 0.1
            if cand.demonym:
                confidence = 0.9
            rounded = round(max(confidence, 0.05), 2)
        geonameid, kind, country_code, admin1, admin1_code, admin1_iso = fields
        # Positional, in Mention's field order: this runs for every mention of every article.
        return Mention(
            cand.start,
            cand.end,
            cand.text,
            role,
            True,
            name,
            latitude,
            longitude,
            geonameid,
            kind,
            country_code,
            admin1,
            admin1_code,
            admin1_iso,
            cand.qualifier,
            cand.qualifier_text,
            rounded,  # confidence
            None,  # reason
            s_start,
            s_end,
            raw,  # shared with the cached Location: treat as read-only
        )

    def _named_elsewhere(self, country: str, lookup: str) -> bool:
        """Does another name of the article lie in ``country``?"""
        candidates, locations = self._article
        return any(
            loc is not None and loc.raw["country_code"] == country and cand.lookup != lookup
            for cand, loc in zip(candidates, locations, strict=True)
        )

    def _place_fields(self, loc: Any) -> tuple:
        """What every mention of this resolved place shares, worked out once per Location
        (kept with the Location itself, so a reused id can never match another one):
        (loc, name, latitude, longitude, confidence, confidence as reported, the raw fields
        a Mention copies)."""
        raw = loc.raw
        name = raw["name"] if raw["kind"] != "admin1" else raw.get("admin1_name") or raw["name"]
        latitude, longitude = loc[1]  # geopy's (address, (lat, lon)) view: no Point lookups
        confidence = {"name": 0.9, "alternate": 0.85, "alias": 0.85, "loose": 0.7}[raw["match"]]
        if raw.get("margin") is not None and raw["margin"] < 0.5:
            confidence -= 0.2
        fields = (
            raw["geonameid"],
            raw["kind"],
            raw["country_code"],
            raw.get("admin1_name"),
            raw.get("admin1_code"),
            raw.get("admin1_iso"),
        )
        return remember(
            self._places,
            id(loc),
            (loc, name, latitude, longitude, confidence, round(max(confidence, 0.05), 2), fields),
        )

    @staticmethod
    def _unresolved_mention(cand: Candidate, s_start: int, s_end: int, reason: str) -> Mention:
        return Mention(
            start=cand.start,
            end=cand.end,
            text=cand.text,
            role="event_location",
            resolved=False,
            qualifier=cand.qualifier,
            qualifier_text=cand.qualifier_text,
            confidence=0.4,
            reason=reason,
            sentence_start=s_start,
            sentence_end=s_end,
        )

    @staticmethod
    def _role(text: str, cand: Candidate, raw: dict[str, Any]) -> str:
        if cand.demonym:
            return "demonym"
        if cand.in_name or cand.in_org:
            return "in_name"
        start, end = cand.start, cand.end
        # 'the government in Damascus' ends in 'in', 'of' or 'the': test that before searching.
        tail = text[max(0, start - 6) : start].rstrip().lower()
        government = tail.endswith(("in", "of", "the")) and _government_before(text, start)
        if government and not (
            government.group(1).lower() == "officials"
            and not raw.get("national_capital")
            and _SAID_AFTER.match(text, end)  # (where it matches, so does _NEXT_WORD)
        ):
            # 'Officials in Damascus said' is the government; 'officials in Hama said' are
            # local officials, and Hama is where the speakers are.
            return "government"
        if _role_word_after(text, end):
            if _GOVERNMENT_AFTER.match(text, end, end + 80):
                return "government"
            if _SPEAKER_AFTER.match(text, end, end + 80):
                return "speaker_or_actor_location"
        if raw["kind"] in ("country", "continent"):
            return "country_reference"
        return "event_location"


def _government_before(text: str, start: int) -> Any:
    """_GOVERNMENT_BEFORE in the 60 characters before ``start``, or None.

    A backwards regex search costs several microseconds and most names follow an 'in' or
    'of' with no government word in sight ('residents of Homs'): in ASCII text (where case
    is plain a-z) the search runs only when one of the words is there at all (in those 60
    characters: a scan of the whole text lowered costs more than all its names' windows).
    """
    lo = start - 60 if start > 60 else 0
    seg = text[lo:start]
    if seg.isascii() and not _ANY_GOVERNMENT_WORD.search(seg.lower()):
        return None
    return _GOVERNMENT_BEFORE.search(text, lo, start)
