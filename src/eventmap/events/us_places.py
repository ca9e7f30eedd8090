"""Small US towns the gazetteer lacks, looked up inside a state the report already names.

The gazetteer holds GeoNames' towns of 500 people or more; local crime news is often about a
smaller one ('TOWN OF BUSTI, N.Y.', 'a home in Monroe' in a Connecticut paper), which left
such a report at its county, its state or its outlet's city. ``resources/us_places.tsv`` has
every US incorporated place and census-designated place, and the towns and townships that
are working governments, each with a point and its county (US Census Bureau Gazetteer files,
public domain: see data/external/make_us_places.py).

The list has no population, so it never chooses between namesakes: a name is found only inside
one state, given by the caller (us_cues.Relocator, after the gazetteer found nothing there;
never for a town the gazetteer placed in another state: 'Wilmington, Del.' in a Philadelphia
paper is no Wilmington township, Pa.), and only when that state has one place of that name (a
village inside its same-named town, within ``_SAME_PLACE_KM``, is one place); two far apart
('Hamilton Township' in Mercer and in Atlantic County, New Jersey) give nothing. A name that is
also an English word ('Fountain', 'Congress') or never a place ('Christmas') is taken only
where the text itself writes it as a place (a dateline, 'in' or 'near' before it), and never
when a street word or an intersection follows it ('near Broadway and 5th'). The answer is a
town: the caller codes it as precision 1, like a gazetteer town.
"""

from __future__ import annotations

import csv
import math
import re
from functools import cache

from eventmap.geoparse.lexicon import NOT_PLACES, STOPWORDS, common_words
from eventmap.normalize import _DROP, _SPACE, fold
from eventmap.wordlists import resource_path, table

RESOURCE = "us_places.tsv"
# Two entries of one name this close are one place (a village and its town, a CDP in its
# township); farther apart they are namesakes.
_SAME_PLACE_KM = 15.0
_TOWNSHIPS = ("township", "charter township")
# After a name: a street ('Broadway Street') or a numbered street's corner ('Broadway and
# 5th'; 'Busti and Jamestown' names two towns).
_STREET_AFTER = re.compile(
    r"\s*(?:(?:St|Ave|Rd|Blvd|Dr|Hwy|Pkwy)\b\.?|(?:Street|Avenue|Road|Boulevard|Drive|Lane|"
    r"Highway|Parkway|Court|Place|Terrace|Pike|Trail)\b|(?:and|&)\s+\d)"
)
# 'TOWN OF BUSTI, N.Y.', 'the Village of Montfort': the government's name, not the place's.
_GOVERNMENT_OF = re.compile(r"^(?:the\s+)?(?:town|city|village|borough|township)\s+of\s+", re.I)
# Census-designated places' ASCII spellings of words reports abbreviate, and back.
_WORDS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
SOURCE = "US Census Bureau 2018 Gazetteer"


def key(name: str) -> str:
    """Spelling-proof key: 'St. Augustine' and 'Saint Augustine', 'Winston-Salem' and
    'Winston Salem', 'Mt. Airy' and 'Mount Airy' agree."""
    words = fold(name.replace("-", " ").replace(".", " ")).split()
    return " ".join(_WORDS.get(w, w) for w in words)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = math.radians(b[0] - a[0])
    dlon = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


# A list row: state, name, latitude, longitude, kind, county, geoid (as in the file).
Row = tuple[str, str, str, str, str, str, str]


def index(rows: list[Row]) -> dict[tuple[str, str], Row | None]:
    """(state, key) -> the one place of that name in that state, or None when the state has
    namesakes of it farther apart than ``_SAME_PLACE_KM``. A township is found only as
    'Hamilton Township': news writes a township with its kind word, and a bare name that is
    only a township's is more often something else ('AUSTIN —' in a Chicago paper is the
    city's Austin neighbourhood, not Austin township 200 km away)."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        state, name, kind = row[0], row[1], row[4]
        k = key(name)
        if kind in _TOWNSHIPS:
            groups.setdefault((state, f"{k} township"), []).append(row)
            if kind != "township":
                groups.setdefault((state, f"{k} {kind}"), []).append(row)
        else:
            groups.setdefault((state, k), []).append(row)
    out: dict[tuple[str, str], Row | None] = {}
    for where, group in groups.items():
        if len(group) > 1:
            # the point of a place before the town or township around it (a county
            # subdivision's GEOID has 10 digits), of a city, town or village before a CDP's
            group.sort(key=lambda r: (len(r[6]) == 10, r[4] == "CDP", r[6]))
            point = (float(group[0][2]), float(group[0][3]))
            if any(_km(point, (float(r[2]), float(r[3]))) > _SAME_PLACE_KM for r in group[1:]):
                out[where] = None
                continue
        out[where] = group[0]
    return out


def _entry(row: Row) -> dict:
    """A list row as the gazetteer's raw entry for a town, with a negative id (no GeoNames
    id: -(10^10 + GEOID), apart from every other synthetic id) and no population."""
    state, name, lat, lon, kind, county, geoid = row
    return {
        "source": SOURCE,
        "geonameid": -(10**10 + int(geoid)),
        "name": name,
        "kind": "city",
        "census_kind": kind,
        "country_code": "US",
        "country_name": "United States",  # the events' country column, hence merge areas
        "admin1_code": state,
        "admin1_name": _state_names().get(state, state),
        "admin1_iso": f"US-{state}",
        "county": county,
        "population": None,
        "point": "town",
        "national_capital": False,
        "match": "name",
        "margin": None,
        "latitude": float(lat),
        "longitude": float(lon),
    }


@cache
def _state_names() -> dict[str, str]:
    return {row[0]: row[1] for row in table("us_states.tsv")}


@cache
def _lines() -> dict[str, list[str]]:
    """The shipped list's lines by state, read once a process on the first miss (~47,000
    rows; a state's are split and indexed only when a report of that state asks)."""
    by_state: dict[str, list[str]] = {}
    with resource_path(RESOURCE).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    header = tuple(lines[0].rstrip("\n").split("\t")) if lines else ()
    if header != ("state", "name", "latitude", "longitude", "kind", "county", "geoid"):
        raise ValueError(f"{RESOURCE}: unexpected header {header!r}")
    for line in lines[1:]:
        by_state.setdefault(line[: line.index("\t")], []).append(line)
    return by_state


@cache
def _rows(state: str) -> dict[str, list[Row]]:
    """One state's rows by the last character of their keys (``_last``)."""
    rows: dict[str, list[Row]] = {}
    for line in _lines().get(state, ()):
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 7:
            raise ValueError(f"{RESOURCE}: not 7 tab-separated fields: {line!r}")
        if fields[4] in _TOWNSHIPS:
            last = "p"  # ('... township')
        else:
            name = fields[1]
            # (an ASCII name's last character: one strip, not a loop over its characters)
            last = name.rstrip(_NOT_LAST_ASCII)[-1:].lower() if name.isascii() else _last(name)
        rows.setdefault(last, []).append(tuple(fields))  # type: ignore[arg-type]
    return rows


@cache
def _places(state: str, last: str) -> dict[tuple[str, str], Row | None]:
    """One state's places whose keys end in ``last``, indexed (see ``index``): a name's
    namesakes share its key, hence its last character, so indexing the state a part at a
    time gives the same entries; a report asks about a few names, and building a state's
    whole index (its ~1,500 keys) was 10 ms of the worker's first report of the state."""
    return index(_rows(state).get(last, []))


# What key() removes or turns into spaces (never the key's last character), and the last
# characters the _WORDS spellings keep ('saint' -> 'st', 'mount' -> 'mt').
_NOT_LAST = frozenset(_DROP + _SPACE + "-. \t\n\r\x0b\x0c")
# The ASCII characters _last passes over at a name's end: those and ASCII's other spaces.
_NOT_LAST_ASCII = "".join(
    sorted(ch for ch in map(chr, range(128)) if ch in _NOT_LAST or ch.isspace())
)


def _last(name: str) -> str:
    """key(name)[-1:], read without building the key for a plain ASCII name."""
    if not name.isascii():
        return key(name)[-1:]
    for ch in reversed(name):
        if ch not in _NOT_LAST and not ch.isspace():
            return ch.lower()
    return ""


def _word_like(name: str) -> bool:
    """A name that is also an English word, a stop word or never a place ('Fountain',
    'Congress', 'Christmas')."""
    low = name.lower()
    return low in NOT_PLACES or low in STOPWORDS or (" " not in low and low in common_words())


def us_place(
    name: str, state: str, text: str = "", end: int | None = None, cued: bool = False
) -> dict | None:
    """The one place called ``name`` in ``state`` (postal code), as a gazetteer entry (a
    fresh dict), or None. ``cued``: the text writes it as a place (a dateline, 'in' or
    'near' before it), which a name that is also a word needs; ``text`` and ``end`` (where
    the name ends in it) to refuse a street or an intersection ('near Broadway and 5th')."""
    name = _GOVERNMENT_OF.sub("", name.strip())
    if len(name) < 3 or not name[:1].isupper():
        return None
    if name.isupper():
        name = name.title()
    if end is not None and _STREET_AFTER.match(text, end):
        return None
    if not cued and _word_like(name):
        return None
    k = key(name)
    found = _places(state, k[-1:]).get((state, k))
    return _entry(found) if found is not None else None


@cache
def _county_codes() -> dict[tuple[str, str], str]:
    with resource_path("us_counties.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {(r["code"].split(".")[1], fold(r["name"])): r["code"] for r in rows}


def in_county(town: dict, county_name: str, state: str) -> bool | None:
    """Whether a listed town lies in the county so named ('Box Elder County') in ``state``;
    None when either is unknown (a gazetteer town, a county the table lacks)."""
    if town.get("source") != SOURCE or not town.get("county"):
        return None
    code = _county_codes().get((state, fold(county_name)))
    return None if code is None else code == town["county"]
