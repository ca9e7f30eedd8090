"""Curated vocabularies: actors, news outlets and demonyms.

They live in CSV files under ``resources/`` so that analysts can extend them without code.
The geoparser uses them to mask names that contain place words (Hayat Tahrir al-Sham, SANA);
the event extractor uses the actor table to name who did what.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor as ACLED would name it, with the phrases that refer to it."""

    name: str
    side: str
    inter: int
    country: str
    aliases: tuple[str, ...]
    generic_aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """A matched phrase in a text, with what it refers to."""

    start: int
    end: int
    text: str
    ref: str
    generic: bool = False


def _resource(name: str) -> Path:
    return Path(str(resources.files("eventmap") / "resources" / name))


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def _pattern(phrases: list[str], flags: int = 0) -> re.Pattern[str] | None:
    if not phrases:
        return None
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p).replace(r"\ ", " ").replace(" ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


class ActorTable:
    """Finds actor phrases in text; generic ones only where the article's country fits."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self._by_alias: dict[str, Actor] = {}
        self._generic: dict[str, Actor] = {}
        for actor in actors:
            for alias in actor.aliases:
                self._by_alias.setdefault(alias.casefold(), actor)
            for alias in actor.generic_aliases:
                self._generic.setdefault(alias.casefold(), actor)
        originals = [a for actor in actors for a in actor.aliases]
        self._acronyms = _pattern([a for a in originals if a.isupper()])
        self._named = _pattern([a for a in originals if not a.isupper()], re.IGNORECASE)
        self._generic_re = _pattern(list(self._generic), re.IGNORECASE)

    def by_name(self, name: str) -> Actor | None:
        return next((a for a in self.actors if a.name == name), None)

    def find(self, text: str, country: str | None = None) -> list[Span]:
        """Non-overlapping actor mentions, longest first, in text order."""
        found: list[Span] = []
        for pattern in (self._named, self._acronyms):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                actor = self._by_alias[_norm(m.group(0))]
                found.append(Span(m.start(), m.end(), m.group(0), actor.name))
        if self._generic_re is not None:
            for m in self._generic_re.finditer(text):
                actor = self._generic[_norm(m.group(0))]
                if country is None or actor.country == country:
                    found.append(Span(m.start(), m.end(), m.group(0), actor.name, generic=True))
        return _non_overlapping(found)


def _norm(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


def _non_overlapping(spans: list[Span]) -> list[Span]:
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def load_actors(path: str | Path | None = None) -> ActorTable:
    """The actor table from ``path`` (same columns as resources/actors.csv) or the built-in one."""
    actors = []
    for row in _rows(Path(path) if path else _resource("actors.csv")):
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        actors.append(
            Actor(
                name=row["actor"],
                side=row["side"],
                inter=int(row["inter"]),
                country=row["country"],
                aliases=tuple(a for a in aliases if not a.startswith("~")),
                generic_aliases=tuple(a[1:] for a in aliases if a.startswith("~")),
            )
        )
    return ActorTable(actors)


@cache
def default_actors() -> ActorTable:
    return load_actors()


class MediaTable:
    """News agencies and outlets, matched case-sensitively: 'SANA' the agency, not Sanaa."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.names: dict[str, str] = {}
        self.parties: dict[str, str] = {}
        for row in _rows(Path(path) if path else _resource("media.csv")):
            for alias in row["aliases"].split("|"):
                self.names[alias.strip()] = row["name"]
            if (row.get("party") or "").strip():
                self.parties[row["name"]] = row["party"].strip()
        self._re = _pattern(list(self.names))

    def find(self, text: str) -> list[Span]:
        if self._re is None:
            return []
        return [
            Span(m.start(), m.end(), m.group(0), self.names.get(m.group(0), m.group(0)))
            for m in self._re.finditer(text)
        ]


@cache
def default_media() -> MediaTable:
    return MediaTable()


@cache
def demonyms() -> dict[str, str]:
    """Demonym (and its plural) -> ISO country code, case-sensitive as written in English."""
    table: dict[str, str] = {}
    for row in _rows(_resource("demonyms.csv")):
        word, code = row["demonym"].strip(), row["country_code"].strip()
        table[word] = code
        if not word.endswith(("ese", "ish", "ch", "ss")):
            table.setdefault(word + "s", code)
    return table
