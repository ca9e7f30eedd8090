"""Candidates: every occurrence of a planned place name, with what only its place can tell.

The runs regex walks the text; each run is planned once (``plans``), masked where it touches
a name that must not be read as a place (SANA, Hayat Tahrir al-Sham: ``eventmap.actors``), and
its matches become candidates with what the occurrence adds: its sentence, a title just before
it ('President Assad'), sentence-initial common words ('Reading the report'), and the
qualifiers around it. Runs that could hold a name the gazetteer lacks are kept for ``unknown``.
"""

from __future__ import annotations

import re
from bisect import bisect_right as _bisect_right
from collections.abc import Sequence
from typing import Any

from eventmap.dates import MONTH_BEFORE_DAY
from eventmap.geoparse.lexicon import CURRENCY_WORDS, TITLES
from eventmap.geoparse.model import CACHE_LIMIT, Candidate, Run, Word, overlaps, remember
from eventmap.geoparse.qualifiers import qualifiers
from eventmap.geoparse.runs import OPENERS_AND_SPACE, plain_words, run_pattern

_SAINTS = ("St ", "St. ", "Saint ", "Ste ", "Sainte ")
_POSSESSIVE_NAME = re.compile(r"['’]s\s+[A-Z]")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")


def _shifted(words: tuple[tuple[int, int, str], ...], offset: int) -> list[Word]:
    return [Word(start + offset, end + offset, text) for start, end, text in words]


# The first two letters of every currency word, and the blanks after which the next word
# is further on: a name followed by none of these is followed by no currency.
_CURRENCY_STARTS = frozenset({w[:2] for w in CURRENCY_WORDS} | {" ", "\t"})


def _currency_after(text: str, end: int) -> bool:
    """Is the word after the name a currency ('Lebanese pounds')? A look at the two letters
    after the usual single space settles nearly every name without the regex."""
    gap = text[end : end + 1]
    if gap != " " and gap != "\t":
        return False  # the pattern needs a blank first
    head = text[end + 1 : end + 3]
    if head[:1] not in _CURRENCY_STARTS and head.lower() not in _CURRENCY_STARTS:
        return False  # (the word, lowered, starts with the lowered head)
    after = _NEXT_WORD.match(text, end)
    return after is not None and after.group(1).lower() in CURRENCY_WORDS


def _title_before(text: str, start: int) -> bool:
    """'President Assad', 'Mr Homs': a title right before the run makes it a person.

    Read once per occurrence of a planned run: the usual case (one space, a plain word)
    finds that word in place instead of copying the 25 characters before the run."""
    if text[start - 1 : start] == " ":  # the usual case: 'spokesman Rami Haddad'
        lo = start - 25 if start > 25 else 0
        cut = text.rfind(" ", lo, start - 1)
        word = text[cut + 1 if cut >= 0 else lo : start - 1]
        if word and word.isalpha():
            return word.lower() in TITLES
    before = text[max(0, start - 25) : start].rstrip()
    return bool(before) and before.rsplit(None, 1)[-1].rstrip(".").lower() in TITLES


class CandidateFinder:
    """Finds the candidates of a text (see the module docstring); state lives on the parser."""

    _mask: Any
    _plans: dict[Any, tuple]
    _splits: dict[str, tuple]
    _mask_anchors: dict[str, tuple]
    _run_probe: Any
    _composed_plan: Any
    _side_plan: Any
    _compile: Any
    _quiet: set[str]
    _unknown_sizes: dict[str, int]
    _persons: set[str]

    def _candidates(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        starts: list[int],
    ) -> tuple[list[Candidate], list[Run]]:
        # The regex finds whole runs of capitalised words at C speed; Python only splits
        # the few that contain possessives, contractions or odd gaps.
        found: list[Candidate] = []
        runs: list[Run] = []
        plans = self._plans
        splits = self._splits
        mask_anchors = self._mask_anchors
        quiet = self._quiet
        unknown_sizes = self._unknown_sizes
        scan = None  # the masked names of this text, looked up on first need
        for m in run_pattern(text).finditer(text):
            token = m.group(0)
            if token in quiet:  # seen before: no place, no unknown name
                if text[m.start() - 1] == "-":  # unless an 'al-' before it makes one
                    runs.append((*m.span(), token, None))  # (masked names: see unknown)
                continue
            start, end = m.span()
            size = unknown_sizes.get(token, -1)
            if size == -1:
                size = self._unknown_size_of(token)
            plan = plans.get(token)
            if plan is None:
                words = plain_words(token)
                if words is not None:
                    # A run of plain words is its own plan key, whatever touches it: plan
                    # it now (a new 'A and B' from A and B where it can be: see compose).
                    plan = self._side_plan(token, words)
            if plan is not None and not plan[2]:
                # Names no place, and a masked name only ever takes matches away: what
                # touches it matters only if the unknown stage gets that far, and that
                # stage looks for it itself (None). Known to need nothing at all ('The'),
                # the run is quiet from now on.
                if not size:
                    if len(quiet) > CACHE_LIMIT:
                        quiet.clear()
                    quiet.add(token)
                if size or text[start - 1 : start] == "-":
                    runs.append((start, end, token, None))
                continue
            # Names that must not be read as places (SANA, Hayat Tahrir al-Sham) only matter
            # where they touch a capitalised run, so look for them there, not text-wide.
            probe = mask_anchors.get(token)
            if probe is None:
                probe = self._run_probe(token)
            masked: tuple[tuple[int, int], ...] = ()
            if probe:
                if scan is None:
                    scan = self._mask.scanner(text)
                # Tuples, not lists: a long text keeps tens of thousands of runs alive, and
                # the garbage collector stops tracking tuples of plain values.
                masked = tuple(sorted(scan.near(start, end, probe)))
            if size or text[start - 1 : start] == "-":
                runs.append((start, end, token, masked))  # could be an unknown name (see unknown)
            if plan is not None and not masked:
                # 'Homs', 'Aleppo province' (a token that splits into several runs is never
                # a plan key itself).
                self._emit(text, start, plan, sentences, starts, found)
                continue
            split = splits.get(token)
            if split is None:
                split = remember(splits, token, self._split(token))
            for words in split:
                self._match_run(text, start, words, sentences, starts, masked, found)
        return found, runs

    def _match_run(
        self,
        text: str,
        offset: int,
        words: tuple[tuple[int, int, str], ...],
        sentences: list[tuple[int, int]],
        starts: list[int],
        masked: Sequence[tuple[int, int]],
        found: list[Candidate],
    ) -> None:
        """Candidates from one run; ``words`` have offsets relative to ``offset``."""
        base, last = offset + words[0][0], offset + words[-1][1]
        # What a run holds depends on its text and on where masked names cut it, and news
        # repeats its runs ('The', 'Syrian', 'Homs province'): plan each one once.
        key: Any = text[base:last]
        inside: Sequence[tuple[int, int]] = ()
        if masked and overlaps(base, last, masked):
            inside = masked
            key = (key, tuple((s - base, e - base) for s, e in masked if s < last and base < e))
        plan = self._plans.get(key)
        if plan is None:
            # 'Homs and Hama' from 'Homs' and 'Hama' where it can be (see compose)
            plan = None if inside else self._composed_plan(key)
            if plan is None:
                plan = self._compile(text, _shifted(words, offset), inside)
            remember(self._plans, key, plan)
        if plan[2]:
            self._emit(text, base, plan, sentences, starts, found)

    def _emit(
        self,
        text: str,
        base: int,
        plan: tuple,
        sentences: list[tuple[int, int]],
        starts: list[int],
        found: list[Candidate],
    ) -> None:
        """Candidates from a planned run that starts at ``base``: the run's cached decisions
        plus what only this occurrence can tell (sentence start, a title before, qualifiers)."""
        _, _, _, templates, person_static, person_words, head = plan
        person: bool | None = None  # decided on the first match: most runs match nothing
        for (
            rel_start,
            rel_end,
            name,
            demonym,
            in_mask,
            drop,
            common,
            in_org,
            in_name,
            person_name,
            feature,
            placeable,
        ) in templates:
            if not in_mask:
                if person is None:
                    person = person_static or _title_before(text, base + head)
                    if person:
                        self._persons.update(person_words)
                if drop or (person and demonym is None):
                    continue
            elif drop:
                continue
            start = base + rel_start
            if person_name:
                self._persons.add(name)
            if not placeable:
                continue
            end = base + rel_end
            if _currency_after(text, end):
                continue  # 'the US dollar', 'Lebanese pounds': a currency names no place
            if end - start <= 4 and MONTH_BEFORE_DAY.match(text, start):
                continue  # 'Nov 3', 'Jun. 24': a date, not Nov (Tajikistan) or Jun (Japan)
            if name.startswith(_SAINTS) and _POSSESSIVE_NAME.match(text, end):
                continue  # "St Peter's Basilica", "St Mary's Hospital": a building, not a town
            sentence = _bisect_right(starts, start) - 1
            kind_hint, qualifier, qualifier_text = qualifiers(text, start, end)
            found.append(
                Candidate(
                    start,
                    end,
                    text[start:end],
                    name,
                    sentence,
                    kind_hint,
                    qualifier,
                    qualifier_text,
                    demonym,
                    in_name,
                    in_org,
                    common,
                    # Sentence-initial: nothing but openers and spaces before the name in its
                    # sentence ('Reading the report').
                    common
                    and demonym is None
                    and start - starts[sentence] <= 8
                    and not text[starts[sentence] : start].strip(OPENERS_AND_SPACE),
                    feature,
                )
            )
