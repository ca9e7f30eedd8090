"""A pattern compiled with the characters its matches start with finds what the plain one finds."""

import importlib
import pkgutil
import re
import sys

import pytest

import eventmap
from eventmap.start_set import with_start_set
from tests.random_texts import random_texts


def _project_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern held at module level by the project's modules, compiled plain:
    a module holds many already with their start set, and comparing that with itself could
    not fail."""
    found: dict[tuple[str, int], re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(eventmap.__path__, "eventmap."):
        try:
            module = importlib.import_module(info.name)
        except Exception:  # pragma: no cover - optional extras (plots, dask)
            continue
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[(value.pattern, value.flags)] = re.compile(value.pattern, value.flags)
    return list(found.values())


def _texts(seed: int, n: int) -> list[str]:
    words = [
        "MACON,",
        "Ga.",
        "—",
        "Macon",
        "police",
        "said",
        "Jo",
        "Williams,",
        "34,",
        "of",
        "Selma",
        "was",
        "shot",
        "on",
        "Dec.",
        "3,",
        "2024",
        "Tuesday",
        "near",
        "the",
        "Bibb",
        "County",
        "Sheriff's",
        "office.",
        "D.C.",
        "police",
        "in",
        "Washington,",
        "D.C.",
        "(WMAZ)",
        "-",
        "'Officer",
        "Thomas'",
        "Jackson",
        "says",
        "İed",
        "ſhot",
        "KK",
        "12",
        "2024-12-07",
        "last",
        "week",
        "Lebanese",
        "pounds",
        "St",
        "Peter's",
        "al-Bab",
        "Trinidad",
        "and",
        "Tobago",
        "—",
        "–",
        "“quoted”",
        "x_y",
        "3rd",
    ]
    seps = [" ", " ", "  ", "\n", "-", ", ", ". ", "\u00a0", ""]
    return [_PROSE, *random_texts(seed, n, words, seps, (0, 30))]


# Sentences the scans of a report's windows are written for (who took the wounded where,
# passive doers, denials, counted days), beside the random word soup.
_PROSE = (
    "According to police, a Buffalo man, 34, of Macon was taken to a hospital in Erie "
    "after two days; no one, without arrests, was shot by unknown men near the intersection "
    "of North Elm. Mobs protesting against the ARREST of Jo and Syrian and Russian planes "
    "struck; posted Monday, on West Ave. A native of Selma, carrying a gun, was found dead."
)


def _same(plain: re.Pattern[str], fast: re.Pattern[str], text: str) -> None:
    def shown(m: re.Match[str] | None) -> object:
        return m and (m.span(), m.group(0), m.groups(), m.groupdict())

    assert [shown(m) for m in fast.finditer(text)] == [shown(m) for m in plain.finditer(text)]
    assert fast.findall(text) == plain.findall(text)
    assert fast.split(text) == plain.split(text)
    assert fast.sub("#", text) == plain.sub("#", text)
    for pos in (0, 1, len(text) // 2):
        assert shown(fast.search(text, pos)) == shown(plain.search(text, pos))
        assert shown(fast.match(text, pos)) == shown(plain.match(text, pos))
        end = max(pos, len(text) - 3)
        assert shown(fast.search(text, pos, end)) == shown(plain.search(text, pos, end))
        windowed = [shown(m) for m in fast.finditer(text, pos, end)]
        assert windowed == [shown(m) for m in plain.finditer(text, pos, end)]


def test_every_project_pattern_finds_the_same_with_its_start_set() -> None:
    patterns = _project_patterns()
    assert len(patterns) > 100
    texts = _texts(5, 60)
    changed = 0
    for plain in patterns:
        fast = with_start_set(plain)
        assert (fast.pattern, fast.flags, fast.groups, fast.groupindex) == (
            plain.pattern,
            plain.flags,
            plain.groups,
            plain.groupindex,
        )
        changed += fast is not plain
        for text in texts:
            _same(plain, fast, text)
    assert changed > 20  # (the set is read from most of them)


@pytest.mark.parametrize(
    "source",
    [
        r"\bfoo\b",
        r"(?<![\w.])([A-Z][a-z]+)[ \t]+(?=([A-Z]\w*))",
        r"(?:on\s+)?\d{1,2}(?:st|nd)?",
        r"\b(?:(?:a|b)?c|d*e)f",
        r"(?m)^[ \t\W]{0,3}([A-Z]+)",
        r"(?<!\w)(?:x|(?:y)+)",
        r"\bin\s+(?:early\s+)?(?P<m>may|june)\b",
        r"(?>ab|a)c",
        r"(?:é|ß)+",
    ],
)
def test_patterns_starting_with_assertions_or_optional_parts(source: str) -> None:
    plain = re.compile(source)
    fast = with_start_set(plain)
    assert fast is not plain
    for text in [
        "",
        "foo",
        "afoo foo",
        "on 12st on 3",
        "cf df eef aef bcf",
        "X\n AB\n.CD",
        "xyyy ayx",
        "in early may in june",
        "abc ac",
        "éßé",
        *_texts(7, 50),
    ]:
        _same(plain, fast, text)


@pytest.mark.parametrize(
    "source, flags",
    [
        (r"\béfo", re.IGNORECASE),  # (a non-ASCII letter: the set of its cases is not read)
        (r"\b(?:é|a)", re.IGNORECASE),
        (r"(?i:f)oo", 0),  # a letter under another flag
        (r"\b[^a]b", 0),  # a negated class
        (r"\b.x", 0),  # any character
        (r"\ba?", 0),  # may match nothing
        (r"foo", 0),  # re has a prefix already
        (r"[ab]c", 0),  # re has its charset already
    ],
)
def test_no_set_where_it_cannot_be_read(source: str, flags: int) -> None:
    plain = re.compile(source, flags)
    assert with_start_set(plain) is plain


_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("start", ["[ -~]", "[a-z]", "[A-Z]", "i", "K", "s", "[\\d_]", "\\s"])
def test_a_case_insensitive_set_holds_every_character_ignorecase_matches(start: str) -> None:
    plain = re.compile(f"(?<!\uffff){start}", re.IGNORECASE)
    fast = with_start_set(plain)
    assert fast is not plain
    assert [m.start() for m in fast.finditer(_ALL)] == [m.start() for m in plain.finditer(_ALL)]


def test_case_insensitive_patterns_find_the_same_with_their_start_set() -> None:
    for source in (r"\bread\s+(?:the\s+)?full|click\s+here", r"\b(?:on\s+)?k\w+", r"(?:\s|x)is"):
        plain = re.compile(source, re.IGNORECASE)
        fast = with_start_set(plain)
        assert fast is not plain, source
        for text in [
            "READ the Full",
            "Click  Here",
            "\u212aILL on kill",
            " İs ıs xIS",
            *_texts(9, 40),
        ]:
            _same(plain, fast, text)
