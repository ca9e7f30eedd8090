"""A sentence's dead and its date, read once per article and only when a stage asks.

Reading fatalities and dates are regex scans over the sentence, and most sentences carry no
event: their toll matters only to the events before them and their date only to a later
sentence that continues their report ('The agency also noted...'). The extractor walked
every sentence through both scans, and the incident reader read the first sentences' tolls
again; here each is read on first use and kept for the article, so the answers are those of
reading every sentence in order, at a fraction of the scans.
"""

from __future__ import annotations

import datetime as dt

from eventmap.dates import DateRef, date_end, find_dates
from eventmap.fatalities import Fatalities, find_fatalities


class Readings:
    """Per sentence index of one article: its fatalities, its own (first) date, and the
    last dated report a sentence can continue."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], published: dt.date | None):
        self.text = text
        self.sentences = sentences
        self.published = published
        self._tolls: dict[int, Fatalities] = {}
        self._dates: dict[int, DateRef | None] = {}
        self._reports: list[tuple[int, int]] = []  # (sentence index, its source position)
        # how many of _reports are read, and the last dated report among them
        self._last: tuple[int, tuple[DateRef, int] | None] = (0, None)

    def toll(self, i: int) -> Fatalities:
        """``find_fatalities`` of the ``i``-th sentence."""
        found = self._tolls.get(i)
        if found is None:
            s, e = self.sentences[i]
            found = self._tolls[i] = find_fatalities(self.text[s:e], s)
        return found

    def date(self, i: int) -> DateRef | None:
        """The first date ``find_dates`` reads in the ``i``-th sentence, or None."""
        if i not in self._dates:
            s, e = self.sentences[i]
            # a sentence cut inside its date ('on Friday, Feb.' + '24') reads the whole date
            dates = find_dates(self.text[s : date_end(self.text, e)], self.published, s)
            self._dates[i] = dates[0] if dates else None
        return self._dates[i]

    def may_report(self, i: int, pos: int) -> None:
        """Sentence ``i`` (its source at speaker position ``pos``) is one a later sentence
        may continue, if it has a day-precise date of its own (read only when asked)."""
        self._reports.append((i, pos))

    def last_report(self) -> tuple[DateRef, int] | None:
        """The date and source position of the last sentence given to ``may_report`` whose
        own date is a day: the report a sentence continues. Read backwards from the last,
        each sentence at most once per article (the answer for the ones read is kept)."""
        seen, found = self._last
        for i, pos in reversed(self._reports[seen:]):
            own = self.date(i)
            if own is not None and own.precision == 1:
                found = (own, pos)
                break
        self._last = (len(self._reports), found)
        return found
