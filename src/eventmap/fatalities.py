"""Fatality counts as ACLED codes them: the lowest figure reported, vague words made numbers.

'dozens' is 12, 'tens' 10, 'hundreds' 100, 'several' or 'many' 3 (10 when the attack is
large), 'casualties' or 'losses' with no figure 0. Ranges keep both ends; the coded value is
the low one. The words they came from are always kept beside the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VAGUE = {
    "dozens": 12,
    "dozen": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "several": 3,
    "many": 3,
    "numerous": 3,
    "multiple": 3,
    "a number": 3,
    "some": 3,
    "a few": 3,
    "few": 3,
}
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a hundred": 100,
}
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    + r")(?![a-z]))"
)
_QUANT = (
    rf"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to)\s+)?"
    rf"(?P<low>{_NUMBER})(?:\s*(?:-|–|to|and)\s*(?P<high>{_NUMBER}))?"
    r"|(?P<vague>" + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + r")"
)
_DEATH = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|dying|lives|bodies|fatalities|eliminat(?:ed|ing|e)"
    r"|slain|massacred|executed|perished)\b",
    re.IGNORECASE,
)
_CASUALTY_ONLY = re.compile(r"\b(?:casualties|losses)\b", re.IGNORECASE)
_FIGURE = re.compile(
    r"[“\"']?(?:" + _QUANT + r")[”\"']?"
    r"(?:\s+(?:of\s+)?[“\"']?(?:the\s+)?)?",
    re.IGNORECASE,
)
_LARGE = re.compile(r"\b(?:massive|large[- ]scale|major|campaign|massacre|heavy)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fatalities:
    """A coded count and the words it came from."""

    coded: int
    low: int | None
    high: int | None
    text: str | None
    start: int | None = None
    end: int | None = None


NONE = Fatalities(0, None, None, None)


def _value(token: str) -> int:
    token = token.lower().strip()
    if token in _WORDS:
        return _WORDS[token]
    return int(token.replace(",", ""))


def find_fatalities(sentence: str, offset: int = 0) -> Fatalities:
    """The lowest death figure a sentence reports (0 and no text when it reports none)."""
    death = _DEATH.search(sentence)
    if death is None:
        cas = _CASUALTY_ONLY.search(sentence)
        if cas is None:
            return NONE
        return Fatalities(0, None, None, cas.group(0), offset + cas.start(), offset + cas.end())
    best: tuple[int, re.Match[str]] | None = None
    for m in _FIGURE.finditer(sentence):
        if not (m.group("low") or m.group("vague")):
            continue
        # The figure must sit close to the death word (same clause, a few words away).
        gap = min(abs(m.start() - death.end()), abs(death.start() - m.end()))
        if gap > 60 or _is_year_or_money(sentence, m):
            continue
        if best is None or gap < best[0]:
            best = (gap, m)
    if best is None:
        return Fatalities(0, None, None, None)
    m = best[1]
    if m.group("vague"):
        word = m.group("vague").lower()
        coded = _VAGUE[word]
        if coded == 3 and _LARGE.search(sentence):
            coded = 10
        return Fatalities(
            coded, coded, None, m.group("vague"), offset + m.start("vague"), offset + m.end("vague")
        )
    low = _value(m.group("low"))
    high = _value(m.group("high")) if m.group("high") else None
    text = m.group(0).strip(" “”\"'").removesuffix(" of").strip()
    return Fatalities(low, low, high, text, offset + m.start(), offset + m.start() + len(text))


def _is_year_or_money(sentence: str, m: re.Match[str]) -> bool:
    token = m.group("low") or ""
    if re.fullmatch(r"(19|20)\d\d", token):
        return True
    before = sentence[max(0, m.start() - 2) : m.start()]
    return "$" in before or "£" in before or "€" in before
