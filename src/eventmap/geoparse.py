"""Find the places an English news text names, resolve them, and say what role each plays.

Rules plus the gazetteer, no learned model: capitalised word runs are matched longest-first
against GeoNames names, then filtered for the traps of news text (SANA the agency is not
Sanaa; the byline 'Frederick R Cook' is not a place called Cook; 'Reading the report' is
not Reading; 'Hayat Tahrir al-Sham' is a group). Ambiguous names are resolved twice, the
second time biased to the article's dominant country. Each mention gets a role, because
'the government in Damascus' is not an event in Damascus.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from eventmap.actors import (
    MediaTable,
    PhraseIndex,
    default_actors,
    default_media,
    demonyms,
    name_mask,
)
from eventmap.errors import InvalidInput
from eventmap.gazetteer import MATCH_ALIAS, MATCH_LOOSE
from eventmap.geocode import OfflineGeocoder, parse_query
from eventmap.normalize import ARTICLES, fold

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
_CACHE_LIMIT = 200_000  # resolutions kept per parser; cleared beyond that (bounded memory)
_REGION = "@region"
_NO_DIVISIONS: frozenset[str] = frozenset()
_UNKNOWN = object()  # a cache miss, where None is a cached answer
_UNKNOWN_POPULATION = 1_000  # what a GeoNames town of population 0 counts as when ranking
_IN_NAME_MIN_POPULATION = 500_000  # a town inside a longer name must be this big to count

# Words keep inner apostrophes (Dar'a); possessives are trimmed (Syria's) and contractions
# (We're) never name places. Hyphens split words ('London-based'); runs join across them.
_POSSESSIVE = ("'s", "’s", "'", "’")
_CONTRACTIONS = ("'re", "’re", "'ve", "’ve", "'ll", "’ll", "n't", "n’t", "'m", "’m", "'d", "’d")
_ABBREVIATED = frozenset({"St", "Mt", "Ft", "Pt"})
# Words that may sit inside a place name: Arabic articles (see normalize) and particles.
_CONNECTORS = ARTICLES | frozenset(
    {
        "of",
        "de",
        "del",
        "da",
        "do",
        "di",
        "du",
        "la",
        "le",
        "on",
        "upon",
        "sur",
        "am",
        "der",
        "den",
        "van",
        "von",
        "y",
        "bin",
        "ibn",
        "les",
        "los",
        "las",
        "the",
        "and",
        # Lower-case links inside hyphenated names: Mazar-i-Sharif, Pul-e-Khumri,
        # Port-au-Prince, Croix-des-Bouquets.
        "i",
        "e",
        "au",
        "aux",
        "des",
    }
)
_CAP = r"(?:\p{Lu}\.){2,}|\p{Lu}[\w'’‘ʿʾ]*"
# 'St. Louis': the cheap test (a letter pair, then '. ') first, the word boundary after.
_GAP = r"(?:[ \t]{1,2}|-|(?<=[SMFP]t)\.\x20(?<=\b..\.\x20))"


def _alternation(words: frozenset[str]) -> str:
    """Words grouped by first letter ('a(?:sh|l|n)|d(?:el|e|a)'): far fewer regex branches
    to try at each gap than one flat list."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        first + "(?:" + "|".join(sorted(rests, key=lambda r: (-len(r), r))) + ")"
        for first, rests in sorted(groups.items())
    )


_RUN = regex.compile(
    r"(?<![\w'’‘ʿʾ])(?:"
    + _CAP
    + r")(?:"
    + _GAP
    + r"(?:(?:"
    + _alternation(_CONNECTORS)
    + r")"
    + _GAP
    + r")*(?:"
    + _CAP
    + r"))*"
)
# Feature words that name an administrative area: 'X County Council' is X's council.
_DIVISION_FEATURES = frozenset({"county", "district", "borough", "parish", "township"})
_SAINTS = ("St ", "St. ", "Saint ", "Ste ", "Sainte ")
_POSSESSIVE_NAME = re.compile(r"['’]s\s+[A-Z]")
# What makes splitting a run need the word regex: possessives, contractions, initials,
# 'St. Louis', tabs or double spaces.
_SLOW_SPLIT = re.compile(r"['’.\t]|  ")
_SIMPLE_WORD = regex.compile(r"\p{Lu}\w*")
# Capitalised words and lower-case connectors, the only words a run is made of.
_RUN_WORD = regex.compile(
    r"(?<![\w'’‘ʿʾ])(?:(?:\p{Lu}\.){2,}|\p{Lu}[\w'’‘ʿʾ]*|(?:"
    + "|".join(sorted(_CONNECTORS, key=len, reverse=True))
    + r")(?![\w'’‘ʿʾ]))"
)
# (the regex module scans this about twice as fast as re)
_SENTENCE_END = regex.compile(r"[.!?…](?P<close>[\"”’')\]]*)\s+|\n+")
_OPENERS = "\"“‘'([—–-:"
_OPENERS_AND_SPACE = _OPENERS + " \t"
# Words that may stand before a place name without making it a surname.
_NAME_PREFIXES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "greater",
        "new",
        "downtown",
        "upper",
        "lower",
        "old",
    }
)

_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "president",
        "minister",
        "senator",
        "sen",
        "gov",
        "governor",
        "rep",
        "representative",
        "general",
        "gen",
        "col",
        "colonel",
        "lt",
        "sgt",
        "captain",
        "capt",
        "judge",
        "justice",
        "prince",
        "princess",
        "king",
        "queen",
        "pope",
        "sheikh",
        "sir",
        "lord",
        "lady",
        "coach",
        "officer",
        "detective",
        "mayor",
        "chancellor",
        "secretary",
        "ambassador",
        "commander",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "director",
        "father",
        "rev",
        "reverend",
        "imam",
        "emir",
        "sultan",
        "jr",
        "sr",
        "dame",
        "mp",
        "councillor",
        "councilman",
        "councilwoman",
        "agent",
    }
)
_ORG_WORDS = frozenset(
    {
        "university",
        "college",
        "school",
        "academy",
        "institute",
        "hospital",
        "times",
        "post",
        "news",
        "herald",
        "journal",
        "press",
        "tribune",
        "gazette",
        "telegraph",
        "guardian",
        "chronicle",
        "daily",
        "agency",
        "party",
        "front",
        "army",
        "forces",
        "council",
        "committee",
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "bank",
        "club",
        "fc",
        "united",
        "airlines",
        "airways",
        "observatory",
        "ministry",
        "department",
        "police",
        "group",
        "foundation",
        "association",
        "union",
        "league",
        "federation",
        "stadium",
        "museum",
        "church",
        "cathedral",
        "mosque",
        "library",
        "court",
        "senate",
        "assembly",
        "parliament",
        "congress",
        "commission",
        "office",
        "brigade",
        "battalion",
        "regiment",
        "network",
        "radio",
        "tv",
        "television",
        "magazine",
        "review",
        "record",
        "star",
        "sun",
        "mail",
        "express",
        "standard",
        "examiner",
        "inquirer",
        "bulletin",
        "sentinel",
        "observer",
        "independent",
        "republican",
        "democrat",
        "international",
        "airport",
        "port",
        "festival",
        "marathon",
        "show",
        "prize",
        "award",
        "cup",
        "open",
        "games",
        "grand",
    }
)
# A capitalised word after a place name that makes it another place: 'Mississippi River',
# 'Orange County', 'Niger Delta'. Such places are reported unresolved, never put on the town.
_FEATURE_WORDS = frozenset(
    {
        "river",
        "delta",
        "valley",
        "mountains",
        "mountain",
        "mount",
        "hills",
        "lake",
        "bay",
        "sea",
        "ocean",
        "island",
        "islands",
        "peninsula",
        "desert",
        "basin",
        "canyon",
        "creek",
        "gulf",
        "strait",
        "park",
        "forest",
        "station",
        "street",
        "road",
        "avenue",
        "bridge",
        "county",
        "township",
        "parish",
        "borough",
        "harbour",
        "harbor",
        "beach",
        "coast",
        "dam",
        "canal",
        "square",
        "highway",
        "boulevard",
        "lane",
        "drive",
        "falls",
        "reservoir",
        "crossing",
        "airport",
        "airbase",
        "base",
        "camp",
        "district",
        "estate",
        "heights",
    }
)
# Regions the gazetteer has no honest point for: recognised, reported, not mapped.
_REGIONS = frozenset(
    {
        "middle east",
        "gulf",
        "persian gulf",
        "arabian gulf",
        "sahara",
        "sahel",
        "levant",
        "balkans",
        "caucasus",
        "korean peninsula",
        "indian ocean",
        "pacific",
        "pacific ocean",
        "atlantic",
        "atlantic ocean",
        "mediterranean",
        "mediterranean sea",
        "arctic",
        "central america",
        "central american",
        "latin america",
        "scandinavia",
        "horn of africa",
        "black sea",
        "red sea",
        "caribbean",
        "north atlantic",
        "south pacific",
        "the west",
        "west coast",
        "east coast",
        "gulf coast",
        "arab",  # the Arab world, not Arab, Alabama
        "arab world",
    }
)
_STOPWORDS = frozenset(
    {
        "we",
        "he",
        "she",
        "it",
        "they",
        "you",
        "i",
        "me",
        "us",
        "our",
        "his",
        "her",
        "their",
        "my",
        "your",
        "no",
        "yes",
        "not",
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "so",
        "to",
        "on",
        "in",
        "at",
        "by",
        "for",
        "with",
        "as",
        "of",
        "from",
        "up",
        "do",
        "be",
        "is",
        "was",
        "are",
        "were",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "who",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "one",
        "two",
        "its",
        "oh",
        "ok",
        "hi",
        "mr",
        "mrs",
        "ms",
        "dr",
        "via",
        "per",
        "vs",
        "de",
        "la",
        "le",
        "el",
        "al",
        "da",
        "di",
        "du",
        "von",
        "van",
        "san",
        "santa",
        "st",
        "saint",
        "fort",
        "mount",
        "lake",
        "port",
        "cape",
    }
)
_NOT_PLACES = frozenset(
    {
        "white house",
        "el niño",
        "el nino",
        "la niña",
        "la nina",
        "niña",
        "niño",
        "bible",
        "commonwealth",
        "nollywood",
        "notre dame",
        "jesus",
        "christ",
        "central",
        "east",
        "west",
        "north",
        "south",
        "centre",
        "center",
        "northern",
        "southern",
        "eastern",
        "western",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "god",
        "allah",
        "christmas",
        "easter",
        "ramadan",
        "eid",
        "i",
    }
)
_COUNTRY_ABBREVIATIONS = frozenset({"US", "UK", "USA", "UAE", "DRC", "U.S.", "U.K.", "U.S.A."})
_DIVISION_AFTER = re.compile(
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
_GOVERNMENT_BEFORE = regex.compile(
    r"(?r)\b(?:government|regime|authorities|officials|administration|leadership|cabinet|"
    r"ministry)\s+(?:in|of)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
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


# A capitalised run as the regex found it: start, end, text and the masked names touching it.
_Run = tuple[int, int, str, tuple[tuple[int, int], ...]]


class _Word(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Candidate:
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


class _Template(NamedTuple):
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
    placeable: bool  # False when _mention would drop it whatever the article says


def _in_compound(text: str, run: Sequence[_Word], i: int, j: int) -> bool:
    """Is run[i:j] only part of a longer name the gazetteer does not know?

    'Jisr' in 'Jisr al-Shughur', 'Ain' in 'Ras al-Ain', 'Sharaa' in 'Ahmed al-Sharaa',
    'Mazar' in 'Mazar-i-Sharif': a link word joined by a hyphen (an Arabic article, i, e,
    au, des...) binds the words on both sides into one name, so matching a piece of it would
    put a wrong dot on the map (Jisr ez Zarqa, Al Ain, a Mazar in Jordan).
    """
    n = len(run)
    if j + 1 < n and run[j].text.lower() in _CONNECTORS and text[run[j].end] == "-":
        return True  # 'Jisr al-Shughur', 'Mazar-i-Sharif', 'Stratford-upon-Avon'
    return (
        i >= 2 and run[i - 1].text.lower() in _CONNECTORS and text[run[i - 1].end] == "-"
    )  # 'Ras al-Ain', 'Port-au-Prince'


def _remember(cache: dict, key: Any, value: Any) -> Any:
    """Store ``value`` in one of a parser's caches, emptied when full (memory stays bounded)."""
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def _shifted(words: tuple[tuple[int, int, str], ...], offset: int) -> list[_Word]:
    return [_Word(start + offset, end + offset, text) for start, end, text in words]


def _person_words(words: tuple[str, ...]) -> bool:
    """Bylines and names: an initial inside the run ('Frederick R Cook') or a title first."""
    if len(words) >= 2 and any(
        len(w.rstrip(".")) == 1 and w[0].isupper() for w in words[1:-1] + words[1:]
    ):
        return True
    return words[0].rstrip(".").lower() in _TITLES


@cache
def _common_words() -> frozenset[str]:
    """Lower-case English words (Webster's 2nd, public domain): 'nice', 'reading', 'bath'."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"], lower=False, alpha=True))


def _validate(text: object) -> str:
    if text is None:
        raise InvalidInput("text is None")
    if not isinstance(text, str):
        raise InvalidInput(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    return text


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; newlines always end one (headlines, bylines)."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        start, stop = m.span()
        close = m.group(1)  # None for a line break; a closing quote stays with its sentence
        end = start if close is None else start + 1 + len(close)
        if end > pos:
            bounds.append((pos, end))
        pos = stop
    if pos < len(text):
        bounds.append((pos, len(text)))
    return bounds or [(0, len(text))]


class Geoparser:
    """Reusable geoparser: holds the geocoder and vocabularies, caches resolutions."""

    def __init__(
        self,
        geocoder: OfflineGeocoder | None = None,
        *,
        media: MediaTable | None = None,
        actors: Any | None = None,
    ) -> None:
        self.geocoder = geocoder or OfflineGeocoder()
        self.gazetteer = self.geocoder.gazetteer
        self.media = media or default_media()
        self.actors = actors or default_actors()
        self.demonyms = demonyms()
        self._mask = name_mask(self.media, self.actors)
        self._common = _common_words()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._areas: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._plans: dict[Any, tuple] = {}
        self._mask_anchors: dict[str, frozenset[tuple[str, bool]]] = {}
        self._splits: dict[str, tuple[tuple[_Word, ...], ...]] = {}
        self._prefixes: dict[str, bool] = {}
        self._single_words: dict[str, Any] = {}
        self._small_towns: dict[str, bool] = {}
        self._unknown_sizes: dict[str, int] = {}
        self._places: dict[int, tuple[Any, str, float, float, float]] = {}
        self._quiet: set[str] = set()  # runs known to need nothing (see _candidates)
        # First two words of the demonyms and regions that have more than one word.
        self._multiword_heads = frozenset(
            fold(" ".join(words[:2]))
            for words in (name.replace("-", " ").split() for name in (*self.demonyms, *_REGIONS))
            if len(words) > 1
        )
        self._persons: set[str] = set()
        self._ctx: tuple[str | None, set[str]] = (None, set())

    # ------------------------------------------------------------------ public

    def parse(self, text: str, *, country_hint: str | None = None) -> list[Mention]:
        text = _validate(text)
        if not text.strip():
            return []
        sentences = sentence_bounds(text)
        starts = [s for s, _ in sentences]
        self._persons = set()
        candidates, runs = self._candidates(text, sentences, starts)
        first = [self._resolve(c, None, _NO_DIVISIONS) for c in candidates]
        pinned = self._contained(text, candidates, first)
        dominant, divisions, mentioned = self._context(candidates, first)
        dominant = country_hint or dominant
        self._ctx = (dominant, mentioned | ({dominant} if dominant else set()))
        mentions = []
        for k, (cand, loc) in enumerate(zip(candidates, first, strict=True)):
            if (
                (dominant or divisions)
                and loc is not None
                and cand.demonym is None
                and k not in pinned
            ):
                loc = self._rebias(cand, loc, dominant, divisions)
            mention = self._mention(text, cand, loc, sentences)
            if mention is not None:
                mentions.append(mention)
        mentions.extend(self._unresolved(text, sentences, starts, runs, mentions))
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _contained(self, text: str, candidates: list[_Candidate], locations: list[Any]) -> set[int]:
        """'Paris, Texas', 'Suffolk County, New York', 'Homs, Syria': a place followed by a
        comma and the division or country that holds it is read inside that container.

        Updates ``locations`` in place; returns the indexes it settled, which the article's
        context must not move again.
        """
        pinned: set[int] = set()
        for k in range(len(candidates) - 1):
            a, b = candidates[k], candidates[k + 1]
            loc = locations[k]
            if (
                loc is None
                or a.demonym is not None
                or b.demonym is not None
                or text[a.end : b.start] not in (", ", ",")
                or loc.raw["kind"] not in ("city", "admin2", "country")
            ):
                continue
            container = locations[k + 1]
            if container is None or container.raw["kind"] not in ("admin1", "country"):
                if text.startswith((",", " and ", " or "), b.end):
                    continue  # 'Aleppo, Homs, Hama and Idlib' is a list of towns
                container = self._cached(("@as-division", b.lookup), self._as_division, b.lookup)
            if container is None or (
                loc.raw["kind"] == "country" and container.raw["kind"] != "admin1"
            ):
                continue  # 'Holland, Michigan' is a town; 'Syria, Iraq' a list of countries
            inside = self._cached(
                ("@within", a.lookup, container.raw["geonameid"]),
                self._within,
                a.lookup,
                container.raw,
            )
            if inside is not None:
                locations[k], locations[k + 1] = inside, container
                pinned.update((k, k + 1))
                # 'Reading, Pennsylvania': the comma and the state say it is a place.
                a.single_common = a.initial_common = False
        # One sense per discourse: once 'Parkland, Florida' has said which Parkland, a later
        # bare 'Parkland' is the same place.
        settled = {
            candidates[k].lookup: locations[k]
            for k in sorted(pinned)
            if locations[k] is not None and locations[k].raw["kind"] in ("city", "admin2")
        }
        if settled:
            for k, cand in enumerate(candidates):
                if k not in pinned and cand.demonym is None and cand.lookup in settled:
                    locations[k] = settled[cand.lookup]
                    pinned.add(k)
        return pinned

    def _cached(self, key: tuple, fn: Any, *args: Any) -> Any:
        """``fn(*args)``, remembered in the parser's resolution cache under ``key``."""
        if key in self._cache:
            return self._cache[key]
        return _remember(self._cache, key, fn(*args))

    def _as_division(self, name: str) -> Any:
        """'New York' after a comma is the state."""
        try:
            return self.geocoder.geocode(name, kind="admin1")
        except InvalidInput:
            return None

    def _within(self, name: str, container: dict[str, Any]) -> Any:
        """The best-ranked sense of ``name`` inside the container place, if any."""
        try:
            ranked = self.geocoder.geocode(
                name, exactly_one=False, country_codes=container["country_code"]
            )
        except InvalidInput:
            return None
        for loc in ranked or ():
            if loc.raw["kind"] not in ("city", "admin2"):
                continue
            if container["kind"] == "country" or (
                loc.raw.get("admin1_code") == container.get("admin1_code")
            ):
                return loc
        return None

    def _rebias(
        self, cand: _Candidate, loc: Any, dominant: str | None, divisions: frozenset[str]
    ) -> Any:
        """Second look at a name in the light of the whole article."""
        raw = loc.raw
        if raw["kind"] in ("country", "continent"):
            return loc
        in_context = raw["country_code"] == dominant or (
            f"{raw['country_code']}.{raw.get('admin1_code')}" in divisions
        )
        sure = raw.get("margin") is None or raw["margin"] >= 2.0
        if in_context and sure:
            return loc
        countries, own_divisions = self._candidate_areas(cand.lookup)
        if dominant not in countries and divisions.isdisjoint(own_divisions):
            return loc  # no candidate of this name lies where the article is
        biased = self._resolve(cand, dominant, divisions)
        if biased is None or biased.raw["geonameid"] == raw["geonameid"]:
            return loc
        b = biased.raw
        if b["match"] == "alias" and b["country_code"] == dominant:
            return biased  # a name we listed for this place, in an article about its country
        # GeoNames gives some towns population 0 (unknown): count them as small, not empty.
        population = b["population"] or _UNKNOWN_POPULATION
        if (
            f"{b['country_code']}.{b.get('admin1_code')}" in divisions
            and population * 100 >= raw["population"]
        ):
            return biased  # the article names this very division (Paris, Texas in a Texas story)
        if b["country_code"] == dominant and population * 30 >= raw["population"]:
            return biased  # but a US article's 'Rome' is still Rome, Italy, not Rome, GA
        return loc

    # ------------------------------------------------------------------ candidates

    def _words(self, text: str, start: int = 0, end: int | None = None) -> Iterator[_Word]:
        """Capitalised words and connectors, possessives trimmed ('Syria's' -> 'Syria')."""
        for m in _RUN_WORD.finditer(text, start, len(text) if end is None else end):
            word, end_ = m.group(0), m.end()
            if "'" in word or "’" in word:
                if word.endswith(_CONTRACTIONS):
                    yield _Word(m.start(), end_, word.lower())  # "We're": never a place
                    continue
                for suffix in _POSSESSIVE:
                    if word.endswith(suffix) and len(word) > len(suffix) + 1:
                        word, end_ = word[: -len(suffix)], end_ - len(suffix)
                        break
            yield _Word(m.start(), end_, word)

    def _candidates(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        starts: list[int],
    ) -> tuple[list[_Candidate], list[_Run]]:
        # The regex finds whole runs of capitalised words at C speed; Python only splits
        # the few that contain possessives, contractions or odd gaps.
        found: list[_Candidate] = []
        runs: list[_Run] = []
        plans = self._plans
        splits = self._splits
        mask_anchors = self._mask_anchors
        quiet = self._quiet
        lower = None
        for m in _RUN.finditer(text):
            token = m.group(0)
            if token in quiet:  # seen before: no place, no masked name, no unknown name
                if text[m.start() - 1] == "-":  # unless an 'al-' before it makes one
                    runs.append((m.start(), m.end(), token, ()))
                continue
            start, end = m.span()
            # Names that must not be read as places (SANA, Hayat Tahrir al-Sham) only matter
            # where they touch a capitalised run, so look for them there, not text-wide.
            anchors = mask_anchors.get(token)
            if anchors is None:
                anchors = _remember(mask_anchors, token, self._mask.anchors_for(token))
            # Tuples, not lists: a long text keeps tens of thousands of runs alive, and the
            # garbage collector stops tracking tuples of plain values.
            masked: tuple[tuple[int, int], ...] = ()
            if anchors:
                if lower is None:
                    lower = PhraseIndex.lowered(text)
                masked = tuple(sorted(self._mask.find_near(text, lower, start, end, anchors)))
            if text[start - 1 : start] == "-" or self._unknown_size_of(token):
                runs.append((start, end, token, masked))  # could be an unknown name: see there
            plan = plans.get(token)
            if plan is not None and not masked:
                if plan[2]:
                    # Seen before as a whole: 'Homs', 'Aleppo province' (a token that splits
                    # into several runs is never a plan key itself).
                    self._emit(text, start, plan, sentences, starts, found)
                elif not anchors and not self._unknown_sizes.get(token, 1):
                    if len(quiet) > _CACHE_LIMIT:
                        quiet.clear()
                    quiet.add(token)
                continue  # seen before and names no place: the common case
            split = splits.get(token)
            if split is None:
                split = _remember(splits, token, self._split(token))
            for words in split:
                self._match_run(text, start, words, sentences, starts, masked, found)
        return found, runs

    def _split(self, token: str) -> tuple[tuple[tuple[int, int, str], ...], ...]:
        """A regex run cut where names cannot continue ('Syria's Homs' -> 'Syria', 'Homs'),
        offsets relative to the run: the cut depends on the run's text alone.

        Words are plain (start, end, text) tuples: cached for the parser's life, and plain
        tuples of plain values are the ones Python's garbage collector stops tracking.
        """
        if _SIMPLE_WORD.fullmatch(token):
            return (((0, len(token), token),),)
        if not _SLOW_SPLIT.search(token):
            # Words joined by single spaces or hyphens, all capitalised or connectors: one run.
            words = []
            pos = 0
            for part in token.replace("-", " ").split(" "):
                words.append((pos, pos + len(part), part))
                pos += len(part) + 1
            return (tuple(words),)
        runs: list[tuple[tuple[int, int, str], ...]] = []
        run: list[_Word] = []
        for word in self._words(token):
            if run and (
                not self._joinable(token, run[-1], word)
                or not (word.text[0].isupper() or word.text in _CONNECTORS)
            ):
                runs.append(tuple(tuple(w) for w in run))
                run = []
            if word.text[0].isupper() or (run and word.text in _CONNECTORS):
                run.append(word)
        if run:
            runs.append(tuple(tuple(w) for w in run))
        return tuple(runs)

    @staticmethod
    def _joinable(text: str, left: _Word, right: _Word) -> bool:
        gap = text[left.end : right.start]
        if gap == ". " and left.text in _ABBREVIATED:
            return True
        return gap in (" ", "-") or (gap.isspace() and "\n" not in gap and len(gap) <= 2)

    def _match_run(
        self,
        text: str,
        offset: int,
        words: tuple[tuple[int, int, str], ...],
        sentences: list[tuple[int, int]],
        starts: list[int],
        masked: Sequence[tuple[int, int]],
        found: list[_Candidate],
    ) -> None:
        """Candidates from one run; ``words`` have offsets relative to ``offset``."""
        base, last = offset + words[0][0], offset + words[-1][1]
        # What a run holds depends on its text and on where masked names cut it, and news
        # repeats its runs ('The', 'Syrian', 'Homs province'): plan each one once.
        key: Any = text[base:last]
        inside: Sequence[tuple[int, int]] = ()
        if masked and _overlaps(base, last, masked):
            inside = masked
            key = (key, tuple((s - base, e - base) for s, e in masked if s < last and base < e))
        plan = self._plans.get(key)
        if plan is None:
            plan = _remember(self._plans, key, self._compile(text, _shifted(words, offset), inside))
        if plan[2]:
            self._emit(text, base, plan, sentences, starts, found)

    def _emit(
        self,
        text: str,
        base: int,
        plan: tuple,
        sentences: list[tuple[int, int]],
        starts: list[int],
        found: list[_Candidate],
    ) -> None:
        """Candidates from a planned run that starts at ``base``: the run's cached decisions
        plus what only this occurrence can tell (sentence start, a title before, qualifiers)."""
        _, _, _, templates, person_static, person_words, head = plan
        person: bool | None = None  # decided on the first match: most runs match nothing
        for t in templates:
            (rel_start, rel_end, name, demonym, in_mask, drop, common, in_org, in_name) = t[:9]
            if not in_mask:
                if person is None:
                    person = person_static or self._title_before(text, base + head)
                    if person:
                        self._persons.update(person_words)
                if drop or (person and demonym is None):
                    continue
            elif drop:
                continue
            person_name, feature, placeable = t[9:]
            start, end = base + rel_start, base + rel_end
            sentence = bisect.bisect_right(starts, start) - 1
            s_start = sentences[sentence][0]
            # Sentence-initial: nothing but openers and spaces before the name in its sentence.
            initial = start - s_start <= 8 and not text[s_start:start].strip(_OPENERS_AND_SPACE)
            if person_name:
                self._persons.add(name)
            if not placeable:
                continue
            if name.startswith(_SAINTS) and _POSSESSIVE_NAME.match(text, end):
                continue  # "St Peter's Basilica", "St Mary's Hospital": a building, not a town
            kind_hint, qualifier, qualifier_text = _qualifiers(text, start, end)
            found.append(
                _Candidate(
                    start,
                    end,
                    text[start:end],
                    name,
                    sentence,
                    kind_hint,
                    qualifier,
                    qualifier_text,
                    demonym,
                    in_name,
                    in_org,
                    common,
                    common and initial and demonym is None,
                    feature,
                )
            )

    def _compile(
        self, text: str, run: list[_Word], masked: Sequence[tuple[int, int]]
    ) -> tuple[int, int, tuple, tuple[tuple, ...], bool, tuple[str, ...], int]:
        """A run's plan plus everything about its matches that its text alone decides:
        (lo, hi, matches, templates, looks like a person, its words, offset of its head)."""
        lo, hi, matches = self._plan(text, run, masked)
        if not matches:
            return lo, hi, matches, (), False, (), 0
        base = run[0].start
        run = run[lo:hi]
        words = tuple(w.text for w in run)
        templates = tuple(  # plain tuples, for the garbage collector (see _split)
            tuple(self._template(text, run, i, j, name, demonym, in_mask, base))
            for i, j, name, demonym, in_mask in matches
        )
        person_words = tuple(w for w in words if w not in _CONNECTORS)
        return lo, hi, matches, templates, _person_words(words), person_words, run[0].start - base

    def _plan(
        self, text: str, run: list[_Word], masked: Sequence[tuple[int, int]]
    ) -> tuple[int, int, tuple[tuple[int, int, str, str | None, bool], ...]]:
        """Which spans of a run name places: (first, last) of the trimmed run and the matches
        as (i, j, name, demonym, inside a masked name), longest match first."""
        lo, hi = 0, len(run)
        while hi > lo and run[hi - 1].text in _CONNECTORS:
            hi -= 1
        while (
            hi > lo
            and run[lo].text.lower() in _STOPWORDS
            and run[lo].text not in _COUNTRY_ABBREVIATIONS
        ):
            if hi - lo > 1 and self._continues(text[run[lo].start : run[lo + 1].end]):
                break  # 'San Diego', 'Le Havre', 'Port-au-Prince': the word begins the name
            lo += 1
        trimmed = run[lo:hi]
        n = len(trimmed)
        matches: list[tuple[int, int, str, str | None, bool]] = []
        i = 0
        while i < n:
            word = trimmed[i]
            if masked and _overlaps(word.start, word.end, masked):
                if word.text in self.demonyms:
                    matches.append((i, i + 1, word.text, self.demonyms[word.text], True))
                i += 1
                continue
            if word.text in _CONNECTORS:
                i += 1
                continue
            match = self._longest_at(text, trimmed, i, masked)
            if (
                match is not None
                and i + 1 < n
                and word.text.lower() in _STOPWORDS
                and not word.text.isupper()  # 'US' is not the pronoun
            ):
                # 'The Cape Town': a name that runs on past 'The Cape' wins over it
                later = self._longest_at(text, trimmed, i + 1, masked)
                if later is not None and later[1] > match[1]:
                    match = later
            if match is None:
                i += 1
                continue
            matches.append(match)
            i = match[1]
        return lo, hi, tuple(matches)

    def _longest_at(
        self,
        text: str,
        trimmed: list[_Word],
        i: int,
        masked: Sequence[tuple[int, int]],
        cached: bool = True,
    ) -> tuple[int, int, str, str | None, bool] | None:
        """The longest place name, demonym or region starting at trimmed[i]."""
        n = len(trimmed)
        word = trimmed[i]
        longest = min(n, i + MAX_SPAN_TOKENS)
        if longest > i + 1 and not self._continues(text[word.start : trimmed[i + 1].end]):
            longest = i + 1  # no name starts with these two words: 'Hassan Bello and ...'
        if cached and longest == i + 1 and not (masked and _overlaps(word.start, word.end, masked)):
            # One word alone: what it names depends on the word only ('Bello' in every
            # 'X Bello and Y Z' run), so decide it once.
            known = self._single_words.get(word.text, _UNKNOWN)
            if known is _UNKNOWN:
                known = self._longest_at(text, [word], 0, (), cached=False)
                _remember(self._single_words, word.text, known)
            return None if known is None else (i, i + 1, known[2], known[3], False)
        for j in range(longest, i, -1):
            last = trimmed[j - 1]
            if last.text in _CONNECTORS:
                continue
            if masked and _overlaps(word.start, last.end, masked):
                continue
            name = text[word.start : last.end]
            if name in self.demonyms:  # 'Syrian', 'North American'
                return (i, j, name, self.demonyms[name], False)
            if name.lower() in _REGIONS:
                return (i, j, name, _REGION, False)
            if j - i == 1 and name.lower() in _STOPWORDS and name not in _COUNTRY_ABBREVIATIONS:
                continue
            if self.gazetteer.lookup(name):
                return (i, j, name, None, False)
        return None

    def _continues(self, words: str) -> bool:
        """Might a place name, demonym or region start with these words?"""
        known = self._prefixes.get(words)
        if known is None:
            known = fold(words) in self._multiword_heads or self.gazetteer.continues(words)
            _remember(self._prefixes, words, known)
        return known

    @staticmethod
    def _title_before(text: str, start: int) -> bool:
        """'President Assad', 'Mr Homs': a title right before the run makes it a person."""
        if text[start - 1 : start] == " ":  # the usual case: 'spokesman Rami Haddad'
            seg = text[max(0, start - 25) : start - 1]
            word = seg[seg.rfind(" ") + 1 :]
            if word and word.isalpha():
                return word.lower() in _TITLES
        before = text[max(0, start - 25) : start].rstrip()
        return bool(before) and before.rsplit(None, 1)[-1].rstrip(".").lower() in _TITLES

    def _template(
        self,
        text: str,
        run: list[_Word],
        i: int,
        j: int,
        name: str,
        demonym: str | None,
        in_mask: bool,
        base: int,
    ) -> _Template:
        """What run[i:j] is, as far as the run's own words tell (cached with the plan)."""
        start, end = run[i].start, run[j - 1].end
        lower = name.lower()
        single = j - i == 1
        is_acronym = single and name.isupper() and len(name.replace(".", "")) <= 5
        drop = lower in _NOT_PLACES or (
            is_acronym
            and demonym is None
            and name not in _COUNTRY_ABBREVIATIONS
            and not any(level == MATCH_ALIAS for _, level in self.gazetteer.lookup(name))
        )  # SANA, HTS, NATO: acronyms are organisations, not places
        if demonym is None and _in_compound(text, run, i, j):
            drop = True
        common = single and not is_acronym and lower in self._common
        # Organisation names that contain a place: 'New York Times', 'University of Texas'.
        n = len(run)
        after = run[j].text.lower() if j < n else ""
        before = run[i - 2].text.lower() if i >= 2 and run[i - 1].text == "of" else ""
        in_org = after in _ORG_WORDS or before in _ORG_WORDS
        beyond = run[j + 1].text.lower() if j + 1 < n else ""
        # 'Cavan County Council', 'U.S. District Court': the body of the place, not a feature.
        body = demonym is None and after in _DIVISION_FEATURES and beyond in _ORG_WORDS
        in_org = in_org or body
        in_name = person_name = False
        if single and demonym is None:
            if not in_org and j < n:
                nxt = run[j].text
                if nxt not in _CONNECTORS and not _DIVISION_AFTER.match(" " + nxt):
                    # 'Jackson Smith', 'Paris Hilton': a capitalised word right after a
                    # one-word place name usually makes it a person or an organisation.
                    in_name = True
            if i > 0:
                prev_word = run[i - 1].text
                prev = prev_word.lower()
                if (
                    prev_word not in _CONNECTORS
                    and prev not in _STOPWORDS
                    and prev not in _NAME_PREFIXES
                    and not in_org
                ):
                    in_name = True  # surname position: 'Tim Cook', 'Mohamed Salah'
                    person_name = (
                        prev_word.isalpha()
                        and prev_word.istitle()
                        and not self.gazetteer.lookup(prev_word)
                    )
        feature = None
        if demonym is None and after in _FEATURE_WORDS and not body:
            feature = after
            end = run[j].end
        elif demonym is None and single and i > 0 and lower in _FEATURE_WORDS:
            feature = lower  # 'Nile Delta', 'Hudson Valley': the place word is the feature
            start = run[i - 1].start
        # Inside a name ('Jackson Smith'), only a big town survives _mention: when the name
        # has no other sense, skip it now rather than resolve it in every article.
        placeable = not (
            in_name and demonym is None and feature is None and self._only_small_towns(name)
        )
        return _Template(
            start - base,
            end - base,
            name,
            demonym,
            in_mask,
            drop,
            common,
            in_org,
            in_name,
            person_name,
            feature,
            placeable,
        )

    def _only_small_towns(self, name: str) -> bool:
        """Every sense of ``name`` is a town _mention drops inside a name (see there)."""
        known = self._small_towns.get(name)
        if known is None:
            known = _remember(self._small_towns, name, self._small_towns_only(name))
        return known

    def _small_towns_only(self, name: str) -> bool:
        g = self.gazetteer
        rows = g.lookup(parse_query(name).name)
        return bool(rows) and all(
            g.info(row).kind == "city"
            and (g.info(row).population < _IN_NAME_MIN_POPULATION or level == MATCH_LOOSE)
            for row, level in rows
        )

    # ------------------------------------------------------------------ resolution

    def _resolve(self, cand: _Candidate, bias: str | None, divisions: frozenset[str]) -> Any:
        if cand.demonym == _REGION or cand.feature is not None:
            return None
        if cand.demonym is not None:
            return self._cached(("@demonym", cand.demonym), self._demonym_location, cand.demonym)
        # Only the biases that could change this name's answer belong in the cache key, so
        # answers are shared across articles instead of recomputed for each one.
        if bias is None and not divisions:
            key: tuple = (cand.lookup, cand.kind_hint, None, _NO_DIVISIONS)
        else:
            countries, own_divisions = self._candidate_areas(cand.lookup)
            key = (
                cand.lookup,
                cand.kind_hint,
                bias if bias in countries else None,
                divisions & own_divisions,
            )
        return self._cached(key, self._geocode, cand.lookup, cand.kind_hint, bias, divisions)

    def _geocode(
        self, name: str, kind_hint: str | None, bias: str | None, divisions: frozenset[str]
    ) -> Any:
        try:
            loc = None
            opts = {"country_bias": bias, "admin1_bias": divisions}
            if kind_hint is not None:
                loc = self.geocoder.geocode(name, kind=kind_hint, **opts)
            if loc is not None and kind_hint == "city" and not loc.raw["national_capital"]:
                plain = self.geocoder.geocode(name, **opts)
                if plain is not None and plain.raw["kind"] == "country":
                    loc = plain  # 'no U.S. city' is not Us, France; 'Kuwait city' is
            if loc is None:
                loc = self.geocoder.geocode(name, **opts)
            return loc
        except InvalidInput:
            return None

    def _candidate_areas(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        """Countries and divisions this name's candidates lie in (what a bias can act on)."""
        areas = self._areas.get(name)
        if areas is None:
            info = self.gazetteer.info
            codes = [(info(r).country, info(r).admin1) for r, _ in self.gazetteer.lookup(name)]
            areas = (frozenset(c for c, _ in codes), frozenset(f"{c}.{a}" for c, a in codes))
            _remember(self._areas, name, areas)
        return areas

    def _demonym_location(self, target: str) -> Any:
        g = self.gazetteer
        if target.startswith("@"):
            row = g.continent_row(target[1:])
            kind, codes = "continent", None
        elif "." in target:  # 'English' is England, 'Scottish' Scotland: GB.ENG, GB.SCT
            country, division = target.split(".", 1)
            row = g.admin1_row(country, division)
            kind, codes = "admin1", country
        else:
            row = g.country_row(target)
            kind, codes = "country", target
        if row is None:
            return None
        return self.geocoder.geocode(g.place(row).name, kind=kind, country_codes=codes)

    @staticmethod
    def _context(
        candidates: list[_Candidate], locations: list[Any]
    ) -> tuple[str | None, frozenset[str], set[str]]:
        """What the article is about: its dominant country, the divisions and countries it names."""
        votes: dict[str, float] = {}
        divisions: dict[tuple[str, str | None], float] = {}
        for cand, loc in zip(candidates, locations, strict=True):
            if loc is None or cand.in_name:
                continue
            raw = loc.raw
            kind = raw["kind"]
            if kind == "continent":
                continue
            cc = raw["country_code"]
            if kind == "country":
                votes[cc] = votes.get(cc, 0.0) + (1.0 if cand.demonym else 2.0)
                continue
            margin = raw.get("margin")
            if kind == "admin1" or margin is None or margin >= 1.0:  # admin1, or sure
                votes[cc] = votes.get(cc, 0.0) + 1.0
                key = (cc, raw.get("admin1_code"))
                divisions[key] = divisions.get(key, 0.0) + (2.0 if kind == "admin1" else 1.0)
        dominant = None
        if votes:
            top, weight = max(votes.items(), key=lambda kv: kv[1])  # first of equals wins
            dominant = top if weight >= 2 and weight >= sum(votes.values()) / 3 else None
        named = frozenset(f"{cc}.{a1}" for (cc, a1), w in divisions.items() if w >= 2)
        return dominant, named, set(votes)

    def _mention(
        self,
        text: str,
        cand: _Candidate,
        loc: Any,
        sentences: list[tuple[int, int]],
    ) -> Mention | None:
        s_start, s_end = sentences[cand.sentence]
        if cand.demonym == _REGION or cand.feature is not None:
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
            and raw["population"] < 100_000
        ):
            return None  # a common word that is also a small town: 'Of', 'Will', 'Bath, ME'
        if (
            cand.in_name
            and raw["kind"] == "city"
            and (raw["population"] < _IN_NAME_MIN_POPULATION or raw["match"] == "loose")
        ):
            return None  # 'Ain Issa' is not Al Ain: a loose match inside a name is too weak
        single_town = raw["kind"] == "city" and " " not in cand.lookup
        if cand.initial_common and single_town and not curated and raw["population"] < 1_000_000:
            return None  # 'Reading the report', 'Nice to see', 'Mobile phones'
        if single_town and cand.lookup in self._persons and raw["population"] < 200_000:
            return None  # one sense per discourse: 'Salah' after 'Mohamed Salah'
        if single_town and raw["population"] < 1_000_000 and _SAID_AFTER.match(text, cand.end):
            return None  # 'Thomas said': towns rarely speak; capitals ('Moscow said') do
        dominant, mentioned = self._ctx
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
        _, name, latitude, longitude, confidence = place
        if cand.single_common:
            confidence -= 0.1
        if cand.demonym:
            confidence = 0.9
        return Mention(
            start=cand.start,
            end=cand.end,
            text=cand.text,
            role=role,
            resolved=True,
            name=name,
            latitude=latitude,
            longitude=longitude,
            geonameid=raw["geonameid"],
            kind=raw["kind"],
            country_code=raw["country_code"],
            admin1=raw.get("admin1_name"),
            admin1_code=raw.get("admin1_code"),
            admin1_iso=raw.get("admin1_iso"),
            qualifier=cand.qualifier,
            qualifier_text=cand.qualifier_text,
            confidence=round(max(confidence, 0.05), 2),
            reason=None,
            sentence_start=s_start,
            sentence_end=s_end,
            raw=raw,  # shared with the cached Location: treat as read-only
        )

    def _place_fields(self, loc: Any) -> tuple[Any, str, float, float, float]:
        """What every mention of this resolved place shares, worked out once per Location
        (kept with the Location itself, so a reused id can never match another one)."""
        raw = loc.raw
        name = raw["name"] if raw["kind"] != "admin1" else raw.get("admin1_name") or raw["name"]
        latitude, longitude = loc[1]  # geopy's (address, (lat, lon)) view: no Point lookups
        confidence = {"name": 0.9, "alternate": 0.85, "alias": 0.85, "loose": 0.7}[raw["match"]]
        if raw.get("margin") is not None and raw["margin"] < 0.5:
            confidence -= 0.2
        return _remember(self._places, id(loc), (loc, name, latitude, longitude, confidence))

    @staticmethod
    def _unresolved_mention(cand: _Candidate, s_start: int, s_end: int, reason: str) -> Mention:
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
    def _role(text: str, cand: _Candidate, raw: dict[str, Any]) -> str:
        if cand.demonym:
            return "demonym"
        if cand.in_name or cand.in_org:
            return "in_name"
        start, end = cand.start, cand.end
        # 'the government in Damascus' ends in 'in', 'of' or 'the': test that before searching.
        tail = text[max(0, start - 6) : start].rstrip().lower()
        if tail.endswith(("in", "of", "the")) and _GOVERNMENT_BEFORE.search(
            text, max(0, start - 60), start
        ):
            return "government"
        nxt = _NEXT_WORD.match(text, end)
        if nxt is not None and nxt.group(1).lower() in _ROLE_AFTER_WORDS:
            if _GOVERNMENT_AFTER.match(text, end, end + 80):
                return "government"
            if _SPEAKER_AFTER.match(text, end, end + 80):
                return "speaker_or_actor_location"
        if raw["kind"] in ("country", "continent"):
            return "country_reference"
        return "event_location"

    # ------------------------------------------------------------------ unresolved

    def _unresolved(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        starts: list[int],
        runs: list[_Run],
        found: list[Mention],
    ) -> Iterator[Mention]:
        """Capitalised names after 'in', 'near', 'outside'... that no gazetteer entry matches.

        They are reported with resolved=False, never guessed onto the map. Every such name
        starts a capitalised run (or an 'al-' just before one), so only runs are examined,
        and only those after a locative word get the full pattern.
        """
        taken = sorted((m.start, m.end) for m in found)
        taken_starts = {m.start for m in found}
        for start, _, token, masked in runs:
            if start in taken_starts:
                continue
            gap = text[start - 1 : start]
            if gap == "-":
                prefix = text[max(0, start - 4) : start]
                for article in _NAME_PREFIX_ARTICLES:
                    if prefix.endswith(article):
                        start -= len(article)
                        break
                else:
                    continue
                gap = text[start - 1 : start]
                size = self._unknown_size(text, start)
            else:
                size = self._unknown_size_of(token)
            if not size:
                continue
            if gap == " ":  # the usual case: one space after the word before
                word = text[text.rfind(" ", max(0, start - 16), start - 1) + 1 : start - 1]
            elif gap.isspace():
                word = (text[max(0, start - 16) : start].split() or [""])[-1]
            else:
                continue
            word = word.lstrip(_OPENERS)  # '(in Homs'
            if word not in _LOCATIVE_LAST_WORDS:
                continue
            if word in ("of", "the") and not _LOCATIVE_BEFORE.search(
                text, max(0, start - 70), start
            ):
                continue  # 'the mayor of Springfield', 'the Homs'
            end = start + size
            if _overlaps(start, end, taken) or _overlaps(start, end, masked):
                continue
            name = text[start:end]
            sentence = bisect.bisect_right(starts, start) - 1
            yield Mention(
                start=start,
                end=end,
                text=name,
                role="event_location",
                resolved=False,
                confidence=0.4,
                reason="not in the offline gazetteer (reported, not guessed)",
                sentence_start=sentences[sentence][0],
                sentence_end=sentences[sentence][1],
            )

    def _unknown_size_of(self, token: str) -> int:
        """The name a run could report depends on the run's text alone: decide that once."""
        size = self._unknown_sizes.get(token, -1)
        if size == -1:
            size = _remember(self._unknown_sizes, token, self._unknown_size(token, 0))
        return size

    def _unknown_size(self, text: str, start: int) -> int:
        """Length of the unknown name that could be reported at ``start``, 0 if none could
        (a title, an organisation, a demonym, a common word, an acronym)."""
        m = _UNKNOWN_NAME.match(text, start)
        if m is None:
            return 0
        name = m.group(0)
        words = name.split()
        first = words[0].lower()
        if (
            first in _NOT_PLACES
            or first in _TITLES
            or first == "the"
            or any(w.lower() in _ORG_WORDS for w in words)
            or name in self.demonyms
            or (len(words) == 1 and first in _common_words())
            or (name.isupper() and len(name) <= 5)
        ):
            return 0
        return len(name)


# An unknown name is reported only after one of these (the pattern's last words).
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:(?:in|near|outside|around|towards?|into|inside|(?:north|south|east|west)\s+of)\s+"
    r"(?:the\s+)?(?:(?:village|town|city|district|area)\s+of\s+)?"
    r"|(?:village|town|district|neighbou?rhood)\s+of\s+)\Z"
)
# The last word before the name: 'in', 'near'... suffice alone; 'of' and 'the' need the
# pattern's longer forms ('north of', 'the village of', 'in the').
_LOCATIVE_LAST_WORDS = frozenset(
    {"in", "near", "outside", "around", "toward", "towards", "into", "inside", "of", "the"}
)
# Articles that may open an unknown name ('al-Bab'); 'ez' only inside one ('Deir ez-Zor').
_LEADING_ARTICLES = ("ash", "al", "el", "as", "ad", "ar", "an", "at", "az")
_NAME_PREFIX_ARTICLES = tuple(f"{a}-" for a in _LEADING_ARTICLES)  # longest first: 'ash-'
_UNKNOWN_NAME = re.compile(
    rf"(?:[A-Z][a-z]+|(?:{'|'.join(_LEADING_ARTICLES)})-[A-Z][a-z]+)"
    rf"(?:[ -](?:(?:{'|'.join((*_LEADING_ARTICLES, 'ez'))})-)?[A-Z][a-z]+){{0,3}}\b"
)


def _qualifiers(text: str, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    """Words around a name that set its kind and vagueness.

    Returns (kind hint, qualifier label, qualifier words): 'the northeast of Homs province'
    gives ('admin1', 'direction', 'northeast of ... province').
    """
    kind = label = None
    words: list[str] = []
    # Every qualifier before a name ends in one of these; skip the regex when none does.
    near = text[max(0, start - 8) : start].lower()
    before = (
        _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
        if near.endswith(_QUALIFIER_ENDINGS)
        else None
    )
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
    after = _DIVISION_AFTER.match(text, end)
    if after is None and text.startswith((" and ", " or "), end):
        after = _SHARED_DIVISION_AFTER.match(text, end)
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


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    if not spans:
        return False
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end


_DEFAULT: Geoparser | None = None


def default_geoparser() -> Geoparser:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Geoparser()
    return _DEFAULT


def geoparse(
    text: str, *, country_hint: str | None = None, geoparser: Geoparser | None = None
) -> list[Mention]:
    """Mentions of places in ``text``, in text order (see ``Mention``)."""
    return (geoparser or default_geoparser()).parse(text, country_hint=country_hint)


def geoparse_jsonl(
    source: str | Path,
    target: str | Path,
    *,
    progress: bool = True,
    geoparser: Geoparser | None = None,
) -> int:
    """Geoparse lines {"id", "text", ...} into {"id", "toponyms": [...]} (the eval format).

    The output appears only when every line went through: a bad line leaves no half file.
    """
    from tqdm.auto import tqdm

    parser = geoparser or default_geoparser()
    source, target = Path(source), Path(target)
    lines = source.read_text(encoding="utf-8").splitlines()
    results = []
    for lineno, line in enumerate(
        tqdm(lines, desc="geoparsing", unit="doc", disable=not progress), start=1
    ):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            text = doc["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InvalidInput(
                f"{source}:{lineno}: not a {{'id', 'text'}} JSON line ({exc})"
            ) from exc
        toponyms = [
            {
                "start": m.start,
                "end": m.end,
                "name": m.text,
                "lat": m.latitude,
                "lon": m.longitude,
                "role": m.role,
            }
            for m in parser.parse(text)
        ]
        results.append(json.dumps({"id": doc.get("id"), "toponyms": toponyms}, ensure_ascii=False))
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text("".join(r + "\n" for r in results), encoding="utf-8")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return len(results)
