"""News agencies and outlets: who reported, never who acted.

Outlets are a table of their own because they are matched case-sensitively ('SANA' the
agency, not Sanaa the city) and read for other things than actors: who is speaking, which
party an outlet belongs to, and names the geoparser must not read as places (``mask``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from eventmap.actors.phrases import PhraseIndex, Span, non_overlapping
from eventmap.actors.sources import csv_rows, resource_path


class MediaTable:
    """News agencies and outlets, matched case-sensitively: 'SANA' the agency, not Sanaa."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.names: dict[str, str] = {}
        self.parties: dict[str, str] = {}
        for row in csv_rows(Path(path) if path else resource_path("media.csv")):
            for alias in row["aliases"].split("|"):
                self.names[alias.strip()] = row["name"]
            if (row.get("party") or "").strip():
                self.parties[row["name"]] = row["party"].strip()
        self.index = PhraseIndex({alias: (name, False) for alias, name in self.names.items()})

    def find(self, text: str) -> list[Span]:
        return non_overlapping(self.index.find(text))


@cache
def default_media() -> MediaTable:
    return MediaTable()
