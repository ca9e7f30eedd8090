"""Plans: which spans of a run name places, decided once per run text.

News repeats its runs ('The', 'Syrian', 'Homs province'), and what a run holds depends on its
words alone: the longest gazetteer name, demonym or region at each word (at most five words),
and for each match the traps its neighbours reveal: a person ('Tim Cook', 'Frederick R
Cook'), an organisation ('New York Times'), a feature ('Mississippi River'), a piece of a
longer name ('Jisr' in 'Jisr al-Shughur'), an acronym (SANA). The plan is cached by the run's
text; the candidates stage applies it to every occurrence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventmap.dates import TIME_WORDS
from eventmap.gazetteer import MATCH_ALIAS, MATCH_LOOSE
from eventmap.geocode_query import parse_query
from eventmap.geoparse.lexicon import (
    CONNECTORS,
    COUNTRY_ABBREVIATIONS,
    DIVISION_FEATURES,
    FEATURE_WORDS,
    NAME_PREFIXES,
    NOT_PLACES,
    ORG_WORDS,
    REGIONS,
    STOPWORDS,
    TITLES,
)
from eventmap.geoparse.model import (
    IN_NAME_MIN_POPULATION,
    MAX_SPAN_TOKENS,
    REGION,
    UNKNOWN,
    Template,
    Word,
    overlaps,
    remember,
)
from eventmap.geoparse.qualifiers import DIVISION_AFTER
from eventmap.normalize import fold


def _in_compound(text: str, run: Sequence[Word], i: int, j: int) -> bool:
    """Is run[i:j] only part of a longer name the gazetteer does not know?

    'Jisr' in 'Jisr al-Shughur', 'Ain' in 'Ras al-Ain', 'Sharaa' in 'Ahmed al-Sharaa',
    'Mazar' in 'Mazar-i-Sharif': a link word joined by a hyphen (an Arabic article, i, e,
    au, des...) binds the words on both sides into one name, so matching a piece of it would
    put a wrong dot on the map (Jisr ez Zarqa, Al Ain, a Mazar in Jordan).
    """
    n = len(run)
    if j + 1 < n and run[j].text.lower() in CONNECTORS and text[run[j].end] == "-":
        return True  # 'Jisr al-Shughur', 'Mazar-i-Sharif', 'Stratford-upon-Avon'
    return (
        i >= 2 and run[i - 1].text.lower() in CONNECTORS and text[run[i - 1].end] == "-"
    )  # 'Ras al-Ain', 'Port-au-Prince'


def _person_words(words: tuple[str, ...]) -> bool:
    """Bylines and names: an initial inside the run ('Frederick R Cook') or a title first."""
    for w in words[1:]:  # (a plain loop: this runs for every new run)
        if len(w.rstrip(".")) == 1 and w[0].isupper():
            return True
    return words[0].rstrip(".").lower() in TITLES


def person_words(words: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """Does a (trimmed) run look like a person's name, and the words it would make persons."""
    return _person_words(words), tuple(w for w in words if w not in CONNECTORS)


class PlanMaker:
    """Plans a run's matches and templates (cached by run text by the candidates stage)."""

    gazetteer: Any
    demonyms: dict[str, str]
    _common: frozenset[str]
    _multiword_heads: frozenset[str]
    _prefixes: dict[str, bool]
    _single_words: dict[str, Any]
    _small_towns: dict[str, bool]

    def _compile(
        self, text: str, run: list[Word], masked: Sequence[tuple[int, int]]
    ) -> tuple[int, int, tuple, tuple[tuple, ...], bool, tuple[str, ...], int]:
        """A run's plan plus everything about its matches that its text alone decides:
        (lo, hi, matches, templates, looks like a person, its words, offset of its head)."""
        lo, hi, matches = self._plan(text, run, masked)
        if not matches:
            return lo, hi, matches, (), False, (), 0
        base = run[0].start
        run = run[lo:hi]
        words = tuple(w.text for w in run)
        templates = tuple(  # plain tuples, for the garbage collector (see runs._split)
            tuple(self._template(text, run, i, j, name, demonym, in_mask, base))
            for i, j, name, demonym, in_mask in matches
        )
        static, names = person_words(words)
        return lo, hi, matches, templates, static, names, run[0].start - base

    def _plan(
        self, text: str, run: list[Word], masked: Sequence[tuple[int, int]]
    ) -> tuple[int, int, tuple[tuple[int, int, str, str | None, bool], ...]]:
        """Which spans of a run name places: (first, last) of the trimmed run and the matches
        as (i, j, name, demonym, inside a masked name), longest match first."""
        lo, hi = 0, len(run)
        while hi > lo and run[hi - 1].text in CONNECTORS:
            hi -= 1
        while (
            hi > lo
            and run[lo].text.lower() in STOPWORDS
            and run[lo].text not in COUNTRY_ABBREVIATIONS
        ):
            if hi - lo > 1 and self._continues(text[run[lo].start : run[lo + 1].end]):
                break  # 'San Diego', 'Le Havre', 'Port-au-Prince': the word begins the name
            lo += 1
        trimmed = run[lo:hi]
        n = len(trimmed)
        matches: list[tuple[int, int, str, str | None, bool]] = []
        i = 0
        while i < n:
            word = trimmed[i]
            if masked and overlaps(word.start, word.end, masked):
                if word.text in self.demonyms:
                    matches.append((i, i + 1, word.text, self.demonyms[word.text], True))
                i += 1
                continue
            if word.text in CONNECTORS:
                i += 1
                continue
            match = self._longest_at(text, trimmed, i, masked)
            if (
                match is not None
                and i + 1 < n
                and word.text.lower() in STOPWORDS
                and not word.text.isupper()  # 'US' is not the pronoun
            ):
                # 'The Cape Town': a name that runs on past 'The Cape' wins over it
                later = self._longest_at(text, trimmed, i + 1, masked)
                if later is not None and later[1] > match[1]:
                    match = later
            if match is None:
                i += 1
                continue
            matches.append(match)
            i = match[1]
        return lo, hi, tuple(matches)

    def _longest_at(
        self,
        text: str,
        trimmed: list[Word],
        i: int,
        masked: Sequence[tuple[int, int]],
        cached: bool = True,
    ) -> tuple[int, int, str, str | None, bool] | None:
        """The longest place name, demonym or region starting at trimmed[i]."""
        n = len(trimmed)
        word = trimmed[i]
        longest = min(n, i + MAX_SPAN_TOKENS)
        if longest > i + 1 and not self._continues(text[word.start : trimmed[i + 1].end]):
            longest = i + 1  # no name starts with these two words: 'Hassan Bello and ...'
        if cached and longest == i + 1 and not (masked and overlaps(word.start, word.end, masked)):
            # One word alone: what it names depends on the word only ('Bello' in every
            # 'X Bello and Y Z' run), so decide it once.
            known = self._single_words.get(word.text, UNKNOWN)
            if known is UNKNOWN:
                known = self._longest_at(text, [word], 0, (), cached=False)
                remember(self._single_words, word.text, known)
            return None if known is None else (i, i + 1, known[2], known[3], False)
        for j in range(longest, i, -1):
            last = trimmed[j - 1]
            if last.text in CONNECTORS:
                continue
            if masked and overlaps(word.start, last.end, masked):
                continue
            name = text[word.start : last.end]
            if name in self.demonyms:  # 'Syrian', 'North American'
                return (i, j, name, self.demonyms[name], False)
            if name.lower() in REGIONS and not self._is_sea(name):
                return (i, j, name, REGION, False)
            if j - i == 1 and name.lower() in STOPWORDS and name not in COUNTRY_ABBREVIATIONS:
                continue
            if self.gazetteer.lookup(name):
                return (i, j, name, None, False)
        return None

    def _is_sea(self, name: str) -> bool:
        """The Red Sea, the Atlantic: once regions with no point, now seas the gazetteer has."""
        info = self.gazetteer.info
        return any(info(row).kind == "sea" for row, _ in self.gazetteer.lookup(name))

    def _continues(self, words: str) -> bool:
        """Might a place name, demonym or region start with these words?"""
        known = self._prefixes.get(words)
        if known is None:
            key = fold(words)  # (folded once, for both questions)
            known = key in self._multiword_heads or self.gazetteer.continues_folded(key)
            remember(self._prefixes, words, known)
        return known

    def _template(
        self,
        text: str,
        run: list[Word],
        i: int,
        j: int,
        name: str,
        demonym: str | None,
        in_mask: bool,
        base: int,
    ) -> Template:
        """What run[i:j] is, as far as the run's own words tell (cached with the plan)."""
        start, end = run[i].start, run[j - 1].end
        lower = name.lower()
        single = j - i == 1
        is_acronym = single and name.isupper() and len(name.replace(".", "")) <= 5
        drop = lower in NOT_PLACES or (
            is_acronym
            and demonym is None
            and name not in COUNTRY_ABBREVIATIONS
            and not any(level == MATCH_ALIAS for _, level in self.gazetteer.lookup(name))
        )  # SANA, HTS, NATO: acronyms are organisations, not places
        if demonym is None and _in_compound(text, run, i, j):
            drop = True
        common = single and not is_acronym and lower in self._common
        # Organisation names that contain a place: 'New York Times', 'University of Texas'.
        n = len(run)
        after = run[j].text.lower() if j < n else ""
        before = run[i - 2].text.lower() if i >= 2 and run[i - 1].text == "of" else ""
        in_org = after in ORG_WORDS or before in ORG_WORDS
        beyond = run[j + 1].text.lower() if j + 1 < n else ""
        # 'Cavan County Council', 'U.S. District Court': the body of the place, not a feature.
        body = demonym is None and after in DIVISION_FEATURES and beyond in ORG_WORDS
        in_org = in_org or body
        in_name = person_name = False
        if single and demonym is None:
            if not in_org and j < n:
                nxt = run[j].text
                if (
                    nxt not in CONNECTORS
                    and not DIVISION_AFTER.match(" " + nxt)
                    and nxt.lower() not in TIME_WORDS
                ):
                    # 'Jackson Smith', 'Paris Hilton': a capitalised word right after a
                    # one-word place name usually makes it a person or an organisation.
                    in_name = True
            if i > 0:
                prev_word = run[i - 1].text
                prev = prev_word.lower()
                if (
                    prev_word not in CONNECTORS
                    and prev not in STOPWORDS
                    and prev not in NAME_PREFIXES
                    and not in_org
                ):
                    in_name = True  # surname position: 'Tim Cook', 'Mohamed Salah'
                    person_name = (
                        prev_word.isalpha()
                        and prev_word.istitle()
                        and not self.gazetteer.lookup(prev_word)
                    )
        feature = None
        if demonym is None and after in FEATURE_WORDS and not body:
            feature = after
            end = run[j].end
        elif demonym is None and single and i > 0 and lower in FEATURE_WORDS:
            feature = lower  # 'Nile Delta', 'Hudson Valley': the place word is the feature
            start = run[i - 1].start
        # Inside a name ('Jackson Smith'), only a big town survives the roles stage: when the name
        # has no other sense, skip it now rather than resolve it in every article.
        placeable = not (
            in_name and demonym is None and feature is None and self._only_small_towns(name)
        )
        return Template(
            start - base,
            end - base,
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
        )

    def _only_small_towns(self, name: str) -> bool:
        """Every sense of ``name`` is a town the roles stage drops inside a name."""
        known = self._small_towns.get(name)
        if known is None:
            known = remember(self._small_towns, name, self._small_towns_only(name))
        return known

    def _small_towns_only(self, name: str) -> bool:
        g = self.gazetteer
        rows = g.lookup(parse_query(name).name)
        if not rows:
            return False
        info = g.info
        for row, level in rows:  # (a loop: one row read per sense, no generator)
            r = info(row)
            if r.kind != "city" or (
                r.population >= IN_NAME_MIN_POPULATION and level != MATCH_LOOSE
            ):
                return False
        return True
