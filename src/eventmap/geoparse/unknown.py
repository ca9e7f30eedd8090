"""Unknown names: places the offline data lacks, reported as such and never guessed.

A capitalised name right after 'in', 'near', 'outside', 'the village of'... that no gazetteer
entry matched is most likely a place the data does not have (a hamlet, a neighbourhood, a new
spelling). It is reported with resolved=False and a reason, so an analyst sees what the map
is missing; it is never put on the map. Which runs could be such a name was decided by
``runs``; this stage checks the words before them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from eventmap.geoparse.model import Mention, Run, overlaps
from eventmap.geoparse.runs import NAME_PREFIX_ARTICLES, OPENERS

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


class UnknownNames:
    """Reports the runs after a locative word that no place matched."""

    _unknown_sizes: dict[str, int]  # run text -> size of the unknown name it could be (runs)
    _mask: Any
    _mask_anchors: dict[str, tuple]
    _run_probe: Any

    def _masked(self, scan: Any, start: int, end: int, token: str) -> tuple[tuple[int, int], ...]:
        """The masked names touching the run text[start:end] (``PhraseScan.near``)."""
        probe = self._mask_anchors.get(token)
        if probe is None:
            probe = self._run_probe(token)
        return tuple(sorted(scan.near(start, end, probe))) if probe else ()

    def _unresolved(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        starts: list[int],
        runs: list[Run],
        found: list[Mention],
    ) -> Iterator[Mention]:
        """Capitalised names after 'in', 'near', 'outside'... that no gazetteer entry matches.

        They are reported with resolved=False, never guessed onto the map. Every such name
        starts a capitalised run (or an 'al-' just before one), so only runs are examined,
        and only those after a locative word get the full pattern.
        """
        taken = sorted((m.start, m.end) for m in found)
        taken_starts = {m.start for m in found}
        sizes = self._unknown_sizes
        scan = None
        for start, run_end, token, masked in runs:
            if start in taken_starts:
                continue
            run_start = start
            gap = text[start - 1 : start]
            if gap == "-":
                prefix = text[max(0, start - 4) : start]
                for article in NAME_PREFIX_ARTICLES:
                    if prefix.endswith(article):
                        start -= len(article)
                        break
                else:
                    continue
                gap = text[start - 1 : start]
                size = self._unknown_size(text, start)
            else:
                size = sizes.get(token, -1)  # decided by the candidates stage, nearly always
                if size == -1:
                    size = self._unknown_size_of(token)
            if not size:
                continue
            if gap == " ":  # the usual case: one space after the word before
                word = text[text.rfind(" ", max(0, start - 16), start - 1) + 1 : start - 1]
            elif gap.isspace():
                word = (text[max(0, start - 16) : start].split() or [""])[-1]
            else:
                continue
            word = word.lstrip(OPENERS)  # '(in Homs'
            if word not in _LOCATIVE_LAST_WORDS:
                continue
            if word in ("of", "the") and not _LOCATIVE_BEFORE.search(
                text, max(0, start - 70), start
            ):
                continue  # 'the mayor of Springfield', 'the Homs'
            end = start + size
            if overlaps(start, end, taken):
                continue
            if masked is None:  # not looked for yet (see candidates): only now needed
                if scan is None:
                    scan = self._mask.scanner(text)
                masked = self._masked(scan, run_start, run_end, token)
            if overlaps(start, end, masked):
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
