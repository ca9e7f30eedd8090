"""Phrases near one span of a text: the geoparser's question for every capitalised run.

The text-wide lookup (``phrases.PhraseIndex.find``) reads every word of a sentence; the
geoparser needs only the names touching a run it is about to read as a place, so a
``PhraseScan`` looks just around that run, guided by what ``PhraseIndex.probe`` worked out
from the run's words. It comes before the index because the index hands out scans
(``PhraseIndex.scanner``); it knows the index only by the two tables it reads (``Anchored``).
"""

from __future__ import annotations

from typing import Protocol

from eventmap.actors.words import LAST_TOKEN, TOKEN, lowered, match_at


class Anchored(Protocol):
    """What a scan reads of its index (a ``PhraseIndex``): per anchor word (and whether it
    matches case-sensitively), its phrases grouped by shape and how far they reach."""

    _shapes: dict[tuple[str, bool], list[tuple[int, int, dict]]]
    _reach: dict[tuple[str, bool], tuple[int, int]]

    def capitals_run(self, text: str, start: int, end: int) -> bool: ...


class PhraseScan:
    """The phrases of one text that overlap given spans, found by looking around each span.

    The geoparser asks, for every capitalised run, whether a masked name touches it. Such a
    name holds one of the run's words ('Syrian', 'The', 'Forces' sit in dozens of names), so
    the run's words say which phrases to check (``PhraseIndex.probe``, once per run text)
    and only the few words around the run are read. A phrase that fits is confirmed where
    the text-wide ``find`` would confirm it: at its anchor word, which picks the longest
    phrase there.
    """

    __slots__ = ("_index", "_lower", "_text")

    def __init__(self, index: Anchored, text: str) -> None:
        self._index = index
        self._text = text
        self._lower: str | None = None

    def near(self, start: int, end: int, probe: tuple) -> list[tuple[int, int]]:
        """(start, end) of the phrases overlapping ``text[start:end]``, a span whose text
        gave ``probe`` (``PhraseIndex.probe``)."""
        found: list[tuple[int, int]] = []
        text = self._text
        for (
            exact,
            words,
            offsets,
            inside,
            beyond,
            need_before,
            need_after,
            adjacent_before,
            adjacent_after,
        ) in probe:
            if exact:
                hay = text
            else:
                if self._lower is None:
                    self._lower = lowered(text)
                hay = self._lower
            anchors = [(start + rel, word) for rel, word in inside]
            # Phrases reaching beyond the span need the very word before or after it: one
            # word on each side rules out nearly all of them.
            if beyond and (
                (adjacent_before and self._word_before(hay, start, need_before) in adjacent_before)
                or (adjacent_after and self._word_after(hay, end, need_after) in adjacent_after)
            ):
                self._beyond(
                    hay, start, end, words, offsets, beyond, need_before, need_after, anchors
                )
            if anchors:
                self._confirm(text, hay, exact, start, end, anchors, found)
        return found

    @staticmethod
    def _word_before(hay: str, start: int, reach: int) -> str | None:
        m = LAST_TOKEN.search(hay, max(0, start - reach), start)
        return None if m is None else m.group(0)

    @staticmethod
    def _word_after(hay: str, end: int, reach: int) -> str | None:
        m = TOKEN.search(hay, end, end + reach)
        return None if m is None else m.group(0)

    @staticmethod
    def _beyond(
        hay: str,
        start: int,
        end: int,
        words: tuple[str, ...],
        offsets: tuple[int, ...],
        beyond: tuple,
        need_before: int,
        need_after: int,
        anchors: list[tuple[int, str]],
    ) -> None:
        """Anchors of the phrases that hold the span's words and reach beyond it."""
        before = list(TOKEN.finditer(hay, max(0, start - need_before), start))
        after = list(TOKEN.finditer(hay, end, min(len(hay), end + need_after)))
        nb = len(before)
        seq = [m.group(0) for m in before]
        seq.extend(words)
        seq.extend(m.group(0) for m in after)
        for first, last, keys in beyond:
            i, j = first + nb, last + nb
            if i < 0 or j > len(seq):
                continue
            a = keys.get(tuple(seq[i:j]))
            if a is None:
                continue
            at = first + a  # the anchor's index relative to the span's words
            if at < 0:
                pos = before[nb + at].start()
            elif at < len(words):
                pos = start + offsets[at]
            else:
                pos = after[at - len(words)].start()
            anchors.append((pos, seq[i + a]))

    def _confirm(
        self,
        text: str,
        hay: str,
        exact: bool,
        start: int,
        end: int,
        anchors: list[tuple[int, str]],
        found: list[tuple[int, int]],
    ) -> None:
        index = self._index
        size = len(hay)
        for pos, word in sorted(set(anchors)):
            key = (word, exact)
            before, after = index._reach[key]
            n = len(word)
            # Where a phrase overlapping [start, end) has its anchor (as the scan looked).
            if not (start - after <= pos <= min(size, end + before + n) - n):
                continue
            if (pos and hay[pos - 1].isalnum()) or (pos + n < size and hay[pos + n].isalnum()):
                continue
            hit = match_at(
                text, hay, pos, n, index._shapes[key], index._reach[key], hyphenated=True
            )
            if hit is None or not (hit[0] < end and start < hit[1]):
                continue
            if exact and hit[:2] == (pos, pos + n) and index.capitals_run(text, pos, pos + n):
                continue
            found.append((hit[0], hit[1]))
