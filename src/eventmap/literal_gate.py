"""A cheap proof that a case-insensitive pattern cannot match a text, before running it.

Python's ``re`` tries every alternative of an IGNORECASE pattern at every position of the
text, and the trigger, date and cue lexicons are large alternations run on every sentence:
that scan was most of the event extractor's time, though most sentences match nothing. Any
match of such a pattern contains one of a few literal strings (its *necessary literals*, read
from the parsed pattern: 'strike' for ``air\\s*strikes?``); a substring test on the
case-folded text (C speed) rules the pattern out when none is there. The gate only skips
scans that would find nothing, so results never change; a pattern whose literals cannot be
read (only classes, optional parts) is always run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from eventmap.literal_twin import lower_twin, trie_pattern
from eventmap.start_set import with_start_set

try:  # Aho-Corasick in C: a text's literals in one pass (else the trie regex below)
    import ahocorasick
except ImportError:  # pragma: no cover - a declared dependency; works without it
    ahocorasick = None

try:  # the parser is private API; without it every pattern simply runs ungated
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - other Python versions
    _C = _P = None  # type: ignore[assignment]

# The only non-ASCII characters that IGNORECASE matches to an ASCII letter (Python 3.11:
# dotted and dotless i, long s, Kelvin sign); str.lower() alone does not make them ASCII.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDED_CHARS = tuple(chr(code) for code in _FOLD)  # the only ones translate changes
_REGISTRY: set[str] = set()  # every gated pattern's literals, found in one pass per text
_STATE: dict[str, Any] = {
    "scanner": None,
    "closure": {},
    "text": None,
    "present": frozenset(),
    "folded_of": None,
    "folded": "",
    "prefixes": {},
    "article": None,  # the text ``article`` scanned, and where its literals start
    "article_folded": "",
    "hit_at": [],
    "hit_literals": [],
}


# Answers of the gated scans for the current article, by (pattern, method, text), and the
# literals present in its texts: the extractor's stages read the same sentences and the
# whole report with the same lexicons (a report's dates are read four times over).
# Emptied at each ``article``, when a literal is registered, and when full.
_MEMO: dict[tuple[Any, int, str], Any] = {}
_MEMO_LIMIT = 8192


def _remember(key: tuple[Any, int, str], value: Any) -> Any:
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[key] = value
    return value


def fold(text: str) -> str:
    """``text`` as the gate compares it: lower case, IGNORECASE's ASCII look-alikes mapped.

    Same length as ``text`` and the same word, space and digit characters at each offset
    (checked over every code point by the tests), so offsets found in it hold in ``text``."""
    if text is _STATE["folded_of"]:
        return _STATE["folded"]
    if text is _STATE["article"]:  # the words around a place or a date, read in the article
        return _STATE["article_folded"]
    if text.isascii() or not any(ch in text for ch in _FOLDED_CHARS):
        folded = text.lower()  # translate would change nothing (and maps char by char: slow)
    else:
        folded = text.translate(_FOLD).lower()
    _STATE["folded_of"], _STATE["folded"] = text, folded
    return folded


def present(text: str) -> frozenset[str]:
    """The registered literals that occur in ``text`` (folded): read from the hits of the
    article ``text`` is a slice of (see ``article``), else one regex pass over a trie of all
    of them, each hit widened to the literals it contains."""
    state = _STATE
    if text is state["text"]:
        return state["present"]
    key = (None, 3, text)  # the stages alternate between a sentence and its clauses
    found = _MEMO.get(key)
    if found is None:
        hits = _from_article(text)
        found = _remember(key, frozenset(_scan(text) if hits is None else hits))
    state["text"], state["present"] = text, found
    return found


def _scan(text: str) -> set[str]:
    _, closure, _ = _scanner()
    found: set[str] = set()
    for _, hit in _longest(fold(text)):
        found |= closure[hit]
    return found


def _longest(folded: str) -> list[tuple[int, str]]:
    """(start, longest registered literal starting there) for each start, in text order:
    the automaton reports every occurrence by its end, so at one start the last is the
    longest (the regex tried its trie at every position: 70 ns a character)."""
    scanner = _scanner()[0]
    if isinstance(scanner, re.Pattern):
        return [(m.start(), m.group(1)) for m in scanner.finditer(folded)]
    longest: dict[int, str] = {}
    for end, (extra, lit) in scanner.iter(folded) if _REGISTRY else ():
        longest[end - extra] = lit
    return sorted(longest.items())


def article(text: str) -> None:
    """Scan ``text`` once for every registered literal and keep where each starts.

    The extractor gates each sentence of an article several times and many of its slices
    (a clause, a window around a date): scanned one by one they were read three times
    over. With the article's hits, ``present`` of any slice of it is a look-up: a literal
    occurs in a slice exactly when one of its hits starts and ends inside it."""
    state = _STATE
    state["article"] = None
    _MEMO.clear()
    folded = fold(text)
    if len(folded) != len(text):  # pragma: no cover - fold keeps lengths (tested)
        return
    hits, prefixes = _longest(folded), _scanner()[2]
    at, literals = [start for start, _ in hits], [prefixes[lit] for _, lit in hits]
    state.update(article=text, article_folded=folded, hit_at=at, hit_literals=literals)


def _from_article(text: str) -> set[str] | None:
    """``present`` of ``text`` read from the article's hits; None if it is no slice of it.

    Which occurrence of ``text`` is found does not matter: the same characters hold the
    same literals. Every literal starting at a position is a prefix of the longest one the
    scan found there, so the hits' prefixes that end inside ``text`` are all of them."""
    state = _STATE
    whole = state["article"]
    if whole is None:
        return None
    start = whole.find(text)
    if start < 0:
        return None
    end = start + len(text)
    at, literals = state["hit_at"], state["hit_literals"]
    found: set[str] = set()
    for k in range(bisect_left(at, start), bisect_left(at, end)):
        room = end - at[k]
        for size, lit in literals[k]:
            if size > room:
                break
            found.add(lit)
    return found


def _scanner() -> tuple[Any, dict[str, frozenset[str]], dict[str, tuple]]:
    """The scanner over the registered literals (an Aho-Corasick automaton, else a trie
    regex), and per literal the literals inside it (``closure``) and its registered
    prefixes, shortest first, with their lengths."""
    state = _STATE
    if state["scanner"] is None:
        if ahocorasick is not None:
            automaton = ahocorasick.Automaton()
            for lit in _REGISTRY:
                automaton.add_word(lit, (len(lit) - 1, lit))  # (end - start, the literal)
            automaton.make_automaton()
            state["scanner"] = automaton
        else:  # pragma: no cover - see the import
            state["scanner"] = re.compile(f"(?=({trie_pattern(sorted(_REGISTRY))}))")
        # from each literal's own substrings and prefixes (a few dozen look-ups each), not by
        # testing every pair of literals (quadratic: most of a worker's first article)
        state["closure"] = {
            lit: frozenset(
                lit[i:j]
                for i in range(len(lit))
                for j in range(i + 1, len(lit) + 1)
                if lit[i:j] in _REGISTRY
            )
            for lit in _REGISTRY
        }
        state["prefixes"] = {
            lit: tuple((k, lit[:k]) for k in range(1, len(lit) + 1) if lit[:k] in _REGISTRY)
            for lit in _REGISTRY
        }
    return state["scanner"], state["closure"], state["prefixes"]


def _register(literals: frozenset[str]) -> None:
    if not literals <= _REGISTRY:
        _REGISTRY.update(literals)
        _STATE.update(scanner=None, text=None, article=None)
        _MEMO.clear()  # the literals present in a text are the registered ones


def necessary_literals(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains; None when no
    such set can be read from the pattern (then it must always be run)."""
    if _P is None:
        return None
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    else:
        flags = 0
    if not isinstance(pattern, str):
        return None
    try:
        parsed = _P.parse(pattern, flags)
    except Exception:
        return None
    found = _sequence(list(parsed))
    return frozenset(found) if found else None


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Necessary literals of a sequence: the most selective of its parts' sets."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _C.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found = _node(op, av)
        if found:
            options.append(found)
    if run:
        options.append({"".join(run)})
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x) for x in s), -len(s)))


def _node(op: Any, av: Any) -> set[str] | None:
    if op is _C.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _C.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if not found:
                return None  # one branch without literals: the whole may match without any
            union |= found
        return union
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        low, _high, item = av
        return _sequence(list(item)) if low >= 1 else None
    return None  # classes, anchors, lookarounds, backreferences: no literal promised


class GatedPattern:
    """A compiled pattern that skips its scan when the text lacks its necessary literals.

    Offers the ``re.Pattern`` methods the lexicons use, with the same results. A
    case-insensitive pattern is also run as its lower-case twin without IGNORECASE over the
    folded text (the same matches at the same offsets, several times faster); ``spans`` gives
    those offsets, ``search`` and ``finditer`` run the pattern itself only where the twin
    matched (for the groups as ``text`` writes them), the other methods use it only to say
    no quickly."""

    __slots__ = ("flags", "literals", "lower", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = with_start_set(regex)  # (a case-sensitive one: see start_set)
        self.literals = necessary_literals(regex)
        if self.literals is not None:
            _register(self.literals)
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.lower = lower_twin(regex)

    def possible(self, text: str) -> bool:
        """False only when no match can exist (no necessary literal in ``text``)."""
        lits = self.literals
        if lits is not None and lits.isdisjoint(present(text)):
            return False
        if self.lower is not None:
            return self.lower.search(fold(text)) is not None
        return True

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match, as ``finditer`` would give them."""
        lits = self.literals
        if lits is not None and lits.isdisjoint(present(text)):
            return []
        key = (self, 0, text)
        found = _MEMO.get(key)
        if found is None:
            scan = self.lower.finditer(fold(text)) if self.lower else self.regex.finditer(text)
            found = _remember(key, tuple(m.span() for m in scan))
        return list(found)

    def _maybe(self, text: str, args: tuple[int, ...], anchored: bool = False) -> bool:
        """False only when no match can exist: no literal in ``text`` (which holds every
        literal between pos and endpos), or none of the twin's with the same bounds (the
        folded text has the same offsets), found as ``match`` when ``anchored``."""
        lits = self.literals
        if lits is not None and lits.isdisjoint(present(text)):
            return False
        if self.lower is None:
            return True
        twin = self.lower.match if anchored else self.lower.search
        return twin(fold(text), *args) is not None

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        if args or self.lower is None:
            return self.regex.search(text, *args) if self._maybe(text, args) else None
        lits = self.literals
        if lits is not None and lits.isdisjoint(present(text)):
            return None
        key = (self, 1, text)
        found = _MEMO.get(key, _MEMO)  # (None is an answer)
        if found is not _MEMO:
            return found
        twin = self.lower.search(fold(text))
        if twin is None:
            return _remember(key, None)
        m = self.regex.match(text, twin.start())
        if m is None or m.end() != twin.end():  # pragma: no cover - they agree (tested)
            m = self.regex.search(text)
        return _remember(key, m)

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        """Without pos/endpos, the twin finds where the matches are on the folded text (the
        IGNORECASE scan is several times slower) and the pattern runs only there, for the
        groups of ``text``; a lookbehind or '\\b' still sees the text before each start."""
        if args or self.lower is None:
            return self.regex.finditer(text, *args) if self._maybe(text, args) else iter(())
        lits = self.literals
        if lits is not None and lits.isdisjoint(present(text)):
            return iter(())
        key = (self, 2, text)
        found = _MEMO.get(key)
        if found is None:
            found = _remember(key, self._matches(text))
        return iter(found)

    def _matches(self, text: str) -> tuple[re.Match[str], ...]:
        found = []
        match = self.regex.match
        for twin in self.lower.finditer(fold(text)):
            m = match(text, twin.start())
            if m is None or m.end() != twin.end():  # pragma: no cover - they agree (tested)
                return tuple(self.regex.finditer(text))
            found.append(m)
        return tuple(found)

    def findall(self, text: str, *args: int) -> list[Any]:
        return self.regex.findall(text, *args) if self._maybe(text, args) else []

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.match(text, *args) if self._maybe(text, args, True) else None

    def __repr__(self) -> str:
        return f"GatedPattern({self.regex!r}, literals={sorted(self.literals or ())!r})"


def gated(regex: re.Pattern[str]) -> GatedPattern:
    return GatedPattern(regex)


_INDEXES: dict[int, tuple[list, dict[str, tuple[int, ...]], tuple[int, ...]]] = {}


def candidates(entries: list[tuple[Any, ...]], text: str) -> list[tuple[Any, ...]]:
    """The entries of a lexicon (rows whose first item is a ``GatedPattern``) that may match
    ``text``, in the lexicon's order: one scan of the text, not one test per pattern."""
    index = _INDEXES.get(id(entries))
    if index is None or index[0] is not entries:
        by_literal: dict[str, list[int]] = {}
        always = []
        for k, row in enumerate(entries):
            lits = row[0].literals
            if lits is None:
                always.append(k)
            for lit in lits or ():
                by_literal.setdefault(lit, []).append(k)
        index = (entries, {lit: tuple(ks) for lit, ks in by_literal.items()}, tuple(always))
        _INDEXES[id(entries)] = index  # keeps the list alive, so its id is never reused
    _, by_literal, always = index
    chosen = set(always)
    for lit in by_literal.keys() & present(text):  # (the smaller set is the one iterated)
        chosen.update(by_literal[lit])
    return [entries[k] for k in sorted(chosen)]
