"""Who speaks in each body sentence, read only for the sentences that use it.

A sentence's source is its own (an outlet, a party that 'said') except where it refers back
('the agency'): then it is the last source before it. Reading a source is a phrase search over
the outlet and actor tables, and most sentences carry neither an event nor a claim, so the
extractor asks only for the sources it uses; the answers are those of reading every sentence
in order.
"""

from __future__ import annotations

from typing import Any


class _NeedsLast(Exception):
    """attribution() read the previous sentence's source ('the agency' said...)."""


class _Unknown:
    """The previous source, not yet worked out: reading it stops the attribution."""

    def __getitem__(self, key: Any) -> Any:
        raise _NeedsLast

    def __iter__(self) -> Any:
        raise _NeedsLast

    def __bool__(self) -> bool:
        raise _NeedsLast


_UNKNOWN = _Unknown()


class Speakers:
    """Who speaks in each body sentence, worked out only for the sentences that need it.

    A sentence's source is its own (an outlet, a party that 'said') except where it refers
    back ('the agency'): then it is the last source before it. Reading sources is a phrase
    search per sentence, and most sentences carry neither an event nor a claim, so a source
    is read when a claim, an event or a report that a later sentence continues asks for it,
    walking back only as far as the chain of references goes. The values are those of
    reading every sentence in order."""

    def __init__(self, attribute: Any) -> None:
        self.attribute = attribute  # (sentence, last source) -> (source, party)
        self.sentences: list[str] = []
        self.known: dict[int, tuple[str | None, bool]] = {}

    def add(self, sentence: str) -> int:
        self.sentences.append(sentence)
        return len(self.sentences) - 1

    def source(self, pos: int) -> tuple[str | None, bool]:
        found = self.known.get(pos)
        if found is None:
            found = self._own(pos)
            if found is None:
                found = tuple(self.attribute(self.sentences[pos], self._last_before(pos)))
            self.known[pos] = found
        return found

    def _own(self, pos: int) -> tuple[str | None, bool] | None:
        """The sentence's source when it does not depend on the one before, else None."""
        try:
            found = self.attribute(self.sentences[pos], _UNKNOWN)
        except _NeedsLast:
            return None
        return None if found is _UNKNOWN else tuple(found)

    def _last_before(self, pos: int) -> tuple[str | None, bool]:
        """The last source (a non-empty one) of the sentences before ``pos``."""
        pending: list[int] = []  # sentences that refer back, below the one found
        last: tuple[str | None, bool] = (None, False)
        for q in range(pos - 1, -1, -1):
            found = self.known.get(q)
            if found is None:
                found = self._own(q)
                if found is None:
                    pending.append(q)
                    continue
                self.known[q] = found
            if found[0]:
                last = found
                break
        for q in reversed(pending):  # oldest first, each seeing the source before it
            found = tuple(self.attribute(self.sentences[q], last))
            self.known[q] = found
            if found[0]:
                last = found
        return last
