"""Joined runs: the plan and mask probe of 'A and B' from those of A and of B.

News joins names freely ('Homs and Hama', 'Rami Haddad and Layla Khoury', 'Rami Haddad of
the Red Crescent'), so most runs a warm parser has never seen are two runs it knows joined
by 'and' or 'of the'. Planning and probing such a run from scratch costs as much as all of
an article's known runs together; its answer is its two sides' answers, shifted, wherever
the words across the join cannot change them. Those conditions are checked here word by
word, and a run that fails one is computed from scratch (tests compare the two on runs
where composition applies and where it must not).
"""

from __future__ import annotations

import re
from typing import Any

from eventmap.geoparse.lexicon import (
    CONNECTORS,
    DIVISION_FEATURES,
    FEATURE_WORDS,
    ORG_WORDS,
    REGIONS,
    STOPWORDS,
)
from eventmap.geoparse.model import MAX_SPAN_TOKENS, Word, remember
from eventmap.geoparse.plans import person_words
from eventmap.geoparse.runs import plain_words

# The words that join two runs into one ('Homs and Hama', 'Rami Haddad of the Red Crescent').
# Each must stay a word the plans step over and that makes no organisation or feature of the
# name before it, or the sides' templates would not be the whole run's.
GLUES = tuple(
    glue
    for glue in (" and ", " of the ")
    if all(
        word in CONNECTORS and word not in ORG_WORDS | FEATURE_WORDS | DIVISION_FEATURES
        for word in glue.split()
    )
)
_LAST_TOKEN = re.compile(r"[A-Za-z0-9]+\Z")
_FIRST_TOKEN = re.compile(r"[A-Za-z0-9]+")


class Composer:
    """Plans and probes coordinated runs from their sides (state lives on the parser)."""

    _mask: Any
    _plans: dict[Any, tuple]
    _mask_anchors: dict[str, tuple]
    _glue_in_mask: dict[str, bool]
    _compile: Any
    _continues: Any
    demonyms: dict[str, str]
    gazetteer: Any

    def _side_plan(self, run: str, words: tuple[tuple[int, int, str], ...]) -> tuple:
        """The plan of one side, a run of plain ``words`` with no masked name (cached)."""
        plan = self._plans.get(run)
        if plan is None:
            plan = self._composed_plan(run, words)
            if plan is None:
                plan = self._compile(run, [Word(*w) for w in words], ())
            remember(self._plans, run, plan)
        return plan

    def _composed_plan(
        self, run: str, words: tuple[tuple[int, int, str], ...] | None = None
    ) -> tuple | None:
        """The plan of 'A and B' (or 'A of the B') from the plans of A and B, or None where
        the words across the join could change it: a name running on across it ('Trinidad
        and Tobago'), a side whose edge the plans trim, a feature word right after it.
        ``words``: the run's ``plain_words``, when the caller has them."""
        glue, k = _glue_of(run)
        if k <= 0:
            return None
        if words is None:
            words = plain_words(run)
            if words is None:
                return None
        n_left = sum(1 for w in words if w[1] <= k)
        n_glue = glue.count(" ") - 1
        n_right = len(words) - n_left - n_glue
        if n_right < 1 or words[n_left][0] != k + 1:
            return None  # (a run never ends in 'and'; a hyphen never meets it)
        first = words[n_left + n_glue][2].lower()
        if (
            words[n_left - 1][2].lower() in STOPWORDS
            or first in FEATURE_WORDS
            or first in CONNECTORS
        ):
            # 'The' before 'and' looks past it; 'River' after it is a feature; 'al-' after it
            # binds the next word into a name ('Kobani and al-Bab').
            return None
        offset = k + len(glue)
        left = self._side_plan(run[:k], words[:n_left])
        right = self._side_plan(
            run[offset:],
            tuple((s - offset, e - offset, t) for s, e, t in words[n_left + n_glue :]),
        )
        lo = left[0]
        if not (lo < n_left == left[1]) or right[0] != 0 or right[1] != n_right:
            return None  # a side trimmed at the glue: the whole run trims differently
        # A name from the left side's last four words may run on across 'and': where the
        # gazetteer has none starting with two of them, each side's longest names stand;
        # where it has ('Smith and ...', 'Trinidad and ...'), the names across are looked up.
        for i in range(max(lo, n_left - 4), n_left):
            if self._continues(run[words[i][0] : words[i + 1][1]]) and self._names_across(
                run, words, i, n_left
            ):
                return None
        shift = n_left - lo + n_glue  # the right side's first word in the trimmed run
        matches = left[2] + tuple((i + shift, j + shift, *rest) for i, j, *rest in right[2])
        if not matches:
            return lo, len(words), (), (), False, (), 0
        templates = left[3] + tuple((s + offset, e + offset, *rest) for s, e, *rest in right[3])
        texts = tuple(w[2] for w in words[lo:])
        static, names = person_words(texts)
        return lo, len(words), matches, templates, static, names, words[lo][0]

    def _names_across(
        self, run: str, words: tuple[tuple[int, int, str], ...], i: int, n_left: int
    ) -> bool:
        """Does a span from words[i] across the join name anything the plans would take
        (as ``PlanMaker._longest_at`` reads the whole run: a demonym, a region, a gazetteer
        name)? Where none does, the longest name at words[i] is the left side's own."""
        for j in range(min(len(words), i + MAX_SPAN_TOKENS), n_left, -1):
            last = words[j - 1][2]
            if last in CONNECTORS:
                continue
            name = run[words[i][0] : words[j - 1][1]]
            if name in self.demonyms or name.lower() in REGIONS or self.gazetteer.lookup(name):
                return True
        return False

    def _run_probe(self, run: str) -> tuple:
        """What to look for around a run for masked names (``PhraseIndex.probe``), cached."""
        probe = self._mask_anchors.get(run)
        if probe is None:
            probe = () if self._nothing_to_probe(run) else self._mask.probe(run)
            remember(self._mask_anchors, run, probe)
        return probe

    def _nothing_to_probe(self, run: str) -> bool:
        """Can no masked name touch 'A and B' wherever it stands? Yes when none can touch A
        nor B, and the words next to the join are indexed (three letters or more): a name
        holding 'and' then holds one of them, so it would touch A or B. Only a name made of
        the join's words alone could escape that, and the parser checked that none is."""
        glue, k = _glue_of(run)
        if k <= 0 or self._glue_in_mask[glue] or not run.isascii():
            return False
        left, right = run[:k], run[k + len(glue) :]
        before, after = _LAST_TOKEN.search(left), _FIRST_TOKEN.match(right)
        return (
            before is not None
            and len(before.group(0)) >= 3
            and after is not None
            and len(after.group(0)) >= 3
            and not self._run_probe(left)
            and not self._run_probe(right)
        )


def _glue_of(run: str) -> tuple[str, int]:
    """The first of GLUES in the run and where it starts (-1: none)."""
    for glue in GLUES:
        k = run.find(glue)
        if k >= 0:
            return glue, k
    return "", -1
