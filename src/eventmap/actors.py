"""Curated vocabularies: actors, news outlets and demonyms.

They live in CSV files under ``resources/`` so that analysts can extend them without code.
The geoparser uses them to mask names that contain place words (Hayat Tahrir al-Sham, SANA);
the event extractor uses the actor table to name who did what.

Beside the curated rows (``actors.csv``), every country gets ACLED's generic actors, generated
from pycountry and the demonym list rather than typed by hand: Military Forces of X and Police
Forces of X (with 'Kenyan army', 'Kenyan police'...), Protesters (X), Rioters (X), Civilians (X)
and Unidentified Armed Group (X). Phrases such as 'the police' or 'gunmen' name one of these
through the event's country (``actor_roles.csv``). A state's forces are state forces (inter 1)
in their own country and external forces (8) anywhere else: ``ActorTable.inter``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import regex


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor as ACLED would name it, with the phrases that refer to it."""

    name: str
    side: str
    inter: int
    country: str
    aliases: tuple[str, ...]
    generic_aliases: tuple[str, ...]

    @property
    def is_state(self) -> bool:
        """A government's own forces: their inter code depends on where they act."""
        return self.name.startswith(STATE_PREFIXES) or self.inter == 1


STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ")
# Generated per country: role -> (name pattern, side, inter). {the} is ACLED's article.
ROLE_ACTORS: dict[str, tuple[str, str, int]] = {
    "military": ("Military Forces of {the}{name}", "state", 1),
    "police": ("Police Forces of {the}{name}", "state", 1),
    "protesters": ("Protesters ({name})", "other", 6),
    "rioters": ("Rioters ({name})", "other", 5),
    "civilians": ("Civilians ({name})", "civilians", 7),
    "armed_group": ("Unidentified Armed Group ({name})", "rebel", 3),
    "gang": ("Unidentified Gang ({name})", "rebel", 3),
    "identity_militia": ("Communal Militia ({name})", "rebel", 4),
}
# Phrases after a demonym that name a country's army or police ('Kenyan troops').
_MILITARY_NOUNS = (
    "army",
    "armed forces",
    "military",
    "forces",
    "troops",
    "soldiers",
    "security forces",
    "government forces",
    "air force",
    "warplanes",
    "jets",
    "fighter jets",
    "aircraft",
    "military aircraft",
    "drones",
    "navy",
    "artillery",
    "border guards",
    "special forces",
    "defence ministry",
    "defense ministry",
    "servicemen",
    "marines",
)
_OF_NOUNS = {"military": ("military forces",), "police": ("police forces",)}
_POLICE_NOUNS = ("police", "policemen", "police officers", "police forces", "riot police")


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


_TOKEN = re.compile(r"[^\W_]+")
_LAST_TOKEN = regex.compile(r"(?r)[^\W_]+")  # searched backwards: the last word of a range
_GAP_CHARS = frozenset(" \t\n-'’")
_WORDS_OF: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {}


def _places(hay: str, word: str) -> list[tuple[int, int]]:
    r"""(start, end) of each whole-word ``word`` in ``hay``, in order: the spans of _TOKEN's
    words equal to it (a word is a run of str.isalnum characters, what [^\W_] matches), found
    by substring search rather than by reading every word of the sentence."""
    size, n = len(hay), len(word)
    found = []
    pos = hay.find(word)
    while pos >= 0:
        end = pos + n
        if (pos == 0 or not hay[pos - 1].isalnum()) and (end == size or not hay[end].isalnum()):
            found.append((pos, end))
        pos = hay.find(word, pos + 1)
    return found


class PhraseIndex:
    """Multi-word phrases found with a few fast substring scans, not one regex per phrase.

    Each phrase is looked for by its longest word (rare letters, few false hits), then checked
    word by word around it. A phrase written in capitals ('HTS', 'SANA') matches
    case-sensitively; others ignore case and tolerate hyphens or line breaks between words
    ('al-Sham' = 'al Sham').
    """

    def __init__(self, phrases: dict[str, tuple[str, bool]]) -> None:
        # anchor word -> [(all words, index of the anchor, reference, generic?)]
        self._anchors: dict[tuple[str, bool], list[tuple[tuple[str, ...], int, str, bool]]] = {}
        for phrase, (ref, generic) in phrases.items():
            tokens = tuple(_TOKEN.findall(phrase))
            if not tokens:
                continue
            exact = phrase.isupper()
            key = tuple(tokens if exact else (t.lower() for t in tokens))
            anchor = max(range(len(key)), key=lambda k: (len(key[k]), -k))
            self._anchors.setdefault((key[anchor], exact), []).append((key, anchor, ref, generic))
        # How far a phrase can reach around its anchor, so checks tokenize only that much.
        self._reach: dict[tuple[str, bool], tuple[int, int]] = {}
        # Per anchor, its phrases grouped by shape (where the anchor sits, how many words),
        # longest first: one dict lookup per shape instead of one comparison per phrase.
        self._shapes: dict[tuple[str, bool], list[tuple[int, int, dict]]] = {}
        for anchor_key, entries in self._anchors.items():
            entries.sort(key=lambda e: -len(e[0]))
            shapes: dict[tuple[int, int], dict] = {}
            for key, a, ref, generic in entries:
                shapes.setdefault((a, len(key)), {}).setdefault(key, (ref, generic))
            self._shapes[anchor_key] = [(a, n, keys) for (a, n), keys in shapes.items()]
            before = max(sum(len(t) + 3 for t in key[:a]) for key, a, _, _ in entries)
            after = max(sum(len(t) + 3 for t in key[a:]) for key, a, _, _ in entries)
            self._reach[anchor_key] = (before, after)
        self._anchor_words = frozenset(w for w, exact in self._shapes if not exact)
        self._exact_words = frozenset(w for w, exact in self._shapes if exact)
        # Every word of every phrase ('al', 'of': in dozens of names, a span is never just
        # that, so left out) -> where it sits in its phrases: (its index, phrase length) -> the
        # phrases (word tuples) of that shape, each with its anchor's index. This is what
        # ``probe`` and ``PhraseScan`` use to look around a span instead of across the text.
        word_shapes: dict[tuple[str, bool], dict[tuple[int, int], dict]] = {}
        for (_, exact), entries in self._anchors.items():
            for key, a, _, _ in entries:
                for k, token in enumerate(key):
                    if len(token) <= 2 and len(key) > 1:
                        continue
                    shapes = word_shapes.setdefault((token, exact), {})
                    shapes.setdefault((k, len(key)), {})[key] = a
        # With, per shape and per number c of its words that lie before (after) a span,
        # the characters those words take at most and the words that can stand right next
        # to the span: decided here once, not for every new run.
        # And the words right before and after the word in those phrases (None at an end).
        self._word_shapes: dict[tuple[str, bool], list[tuple]] = {
            word: [
                (
                    k,
                    n,
                    keys,
                    _reaches(keys, k, True),
                    _reaches(keys, n - k - 1, False),
                    frozenset(key[k - 1] for key in keys) if k else None,
                    frozenset(key[k + 1] for key in keys) if k + 1 < n else None,
                )
                for (k, n), keys in shapes.items()
            ]
            for word, shapes in word_shapes.items()
        }

    @staticmethod
    def lowered(text: str) -> str:
        """``text.lower()`` with the same length, so offsets stay valid."""
        lower = text.lower()
        if len(lower) != len(text):  # a few letters change length when lowered: be exact
            lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        return lower

    def probe(self, span: str) -> tuple:
        """What to look for around a span with this text (a capitalised run), decided once
        per text: () when no phrase can fit there (the usual case), wherever it stands.

        Per case (exact, then case-insensitive): the span's words and their offsets in it;
        the anchors of the phrases wholly inside it, as (offset, anchor word); the phrase
        shapes that reach beyond it, as (first, last word index relative to the span's
        words, phrases); how many characters before and after the span those need, and
        which words they need right before and right after it.
        """
        parts = []
        for exact, hay in ((True, span), (False, self.lowered(span))):
            words = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(hay)]
            inside: set[tuple[int, str]] = set()
            beyond: dict[tuple[int, int], dict] = {}
            need_before = need_after = 0
            adjacent_before: set[str] = set()
            adjacent_after: set[str] = set()
            texts = tuple(w for _, _, w in words)
            m = len(words)
            for i, (_, _, word) in enumerate(words):
                for k, n, keys, reach_before, reach_after, left, right in self._word_shapes.get(
                    (word, exact), ()
                ):
                    first, last = i - k, i - k + n
                    if first >= 0 and last <= m:
                        a = keys.get(texts[first:last])
                        if a is not None:
                            inside.add((words[first + a][0], texts[first + a]))
                        continue
                    # The reach is the shape's, fitting or not: the words read around the
                    # span stay the same whatever the run's other words are.
                    if first < 0:
                        need_before = max(need_before, reach_before[-first][0] + 8)
                    if last > m:
                        need_after = max(need_after, reach_after[last - m][0] + 8)
                    # Only the phrases whose words inside the span are the span's words can
                    # fit ('Taiz and Salamiyah' holds 'and' but no phrase has 'Taiz and'):
                    # the others never send a run to the text. The word's neighbours in the
                    # span rule out most shapes before their phrases are read.
                    if (left is not None and i and texts[i - 1] not in left) or (
                        right is not None and i + 1 < m and texts[i + 1] not in right
                    ):
                        continue
                    lo, hi = max(first, 0), min(last, m)
                    inner = texts[lo:hi]
                    fitting = {
                        key: a for key, a in keys.items() if key[lo - first : hi - first] == inner
                    }
                    if not fitting:
                        continue
                    beyond.setdefault((first, last), []).append(fitting)
                    if first < 0:  # the phrase's words right before the span
                        adjacent_before.update(key[-first - 1] for key in fitting)
                    if last > m:
                        adjacent_after.update(key[m - first] for key in fitting)
            if inside or beyond:
                parts.append(
                    (
                        exact,
                        texts,
                        tuple(w[0] for w in words),
                        tuple(sorted(inside)),
                        tuple(
                            (f, last, keys) for (f, last), dicts in beyond.items() for keys in dicts
                        ),
                        need_before,
                        need_after,
                        frozenset(adjacent_before),
                        frozenset(adjacent_after),
                    )
                )
        # No phrase fits: nothing to look for around this run, wherever it stands.
        return tuple(parts)

    def scanner(self, text: str) -> PhraseScan:
        """Phrase lookups near spans of ``text`` (see ``PhraseScan``)."""
        return PhraseScan(self, text)

    @classmethod
    def words_of(cls, text: str) -> tuple[str, frozenset[str], frozenset[str]]:
        """The text lowered, its lower-case words and its words as written: what ``find``
        checks first, worked out once when several indexes read the same text (a sentence
        is read for its actors, its outlets and who speaks: up to five indexes)."""
        found = _WORDS_OF.get(text)
        if found is None:
            lower = cls.lowered(text)
            found = (lower, frozenset(_TOKEN.findall(lower)), frozenset(_TOKEN.findall(text)))
            if len(text) <= 2000:  # sentences, not whole articles
                if len(_WORDS_OF) >= 256:  # bounded: the sentences of one article at a time
                    _WORDS_OF.clear()
                _WORDS_OF[text] = found
        return found

    def find(
        self, text: str, words: tuple[str, frozenset[str], frozenset[str]] | None = None
    ) -> list[Span]:
        """Every phrase in ``text``: one pass over its words, each looked up as an anchor
        (the cost grows with the text, not with the number of phrases). ``words``: the
        text's ``words_of``, when the caller has it."""
        lower, lower_set, exact_set = words or self.words_of(text)
        found: list[Span] = []
        # Most words anchor no phrase: a set intersection (C speed) finds the few that do,
        # and a text without any is done before the per-word loop.
        if self._anchor_words.isdisjoint(lower_set) and self._exact_words.isdisjoint(exact_set):
            return found
        anchors, reach = self._shapes, self._reach
        if text.isascii():
            # Only the anchor words' places, by substring search: the same hits in the same
            # order as the word-by-word loop (in ASCII the lowered text's words are the text's)
            hits = self._ascii_hits(text, lower, lower_set, exact_set)
        else:
            hits = self._hits(text, lower)
        for pos, end, exact in hits:
            key = (text[pos:end], True) if exact else (lower[pos:end], False)
            hay = text if exact else lower
            hit = self._match_at(text, hay, pos, end - pos, anchors[key], reach[key])
            if hit is not None:
                s, e, ref, generic = hit
                found.append(Span(s, e, text[s:e], ref, generic))
        return found

    def _hits(self, text: str, lower: str) -> list[tuple[int, int, bool]]:
        """(start, end, exact?) of each word of ``lower`` that anchors a phrase, in order."""
        lower_words, exact_words = self._anchor_words, self._exact_words
        hits = []
        for token in _TOKEN.finditer(lower):
            pos, end = token.span()
            if token.group(0) in lower_words:
                hits.append((pos, end, False))
            if exact_words and text[pos:end] in exact_words:
                hits.append((pos, end, True))
        return hits

    def _ascii_hits(
        self, text: str, lower: str, lower_set: frozenset[str], exact_set: frozenset[str]
    ) -> list[tuple[int, int, bool]]:
        """``_hits`` of an ASCII text: the few anchor words it holds, looked for one by one."""
        hits = [
            (*span, False) for w in self._anchor_words & lower_set for span in _places(lower, w)
        ]
        if self._exact_words:
            for w in self._exact_words & exact_set:
                hits.extend((*span, True) for span in _places(text, w))
        hits.sort()  # by place; at one place the case-insensitive hit first, as in _hits
        return hits

    @staticmethod
    def _match_at(
        text: str,
        hay: str,
        pos: int,
        size: int,
        shapes: list,
        reach: tuple[int, int],
        hyphenated: bool = False,
    ) -> tuple[int, int, str, bool] | None:
        """The longest phrase anchored at ``pos``. A name joined by a hyphen to more of a
        name ('al-Sham' in 'Jaysh al-Sham-x') is not this phrase; with ``hyphenated``, one
        joined to a lower-case word ('Taliban-planted', 'pro-Houthi') still is."""
        window: list | None = None
        words: list[str] = []
        at = 0
        for anchor, n, keys in shapes:
            if n == 1:  # a one-word phrase: the anchor itself, no need to tokenize around it
                token = _TOKEN.match(hay, pos)
                if token is None or token.end() != pos + size:
                    continue
                ref, generic = keys[(token.group(0),)]
                start, end = pos, pos + size
            else:
                if window is None:
                    lo = max(0, pos - reach[0])
                    window = list(_TOKEN.finditer(hay, lo, min(len(hay), pos + reach[1])))
                    found = next((k for k, t in enumerate(window) if t.start() == pos), None)
                    if found is None:
                        return None
                    at = found
                    words = [t.group(0) for t in window]
                first = at - anchor
                if first < 0 or first + n > len(window):
                    continue
                hit = keys.get(tuple(words[first : first + n]))
                if hit is None:
                    continue
                ref, generic = hit
                tokens = window[first : first + n]
                if any(
                    not _GAP_CHARS.issuperset(text[tokens[k].end() : tokens[k + 1].start()])
                    for k in range(n - 1)
                ):
                    continue
                start, end = tokens[0].start(), tokens[-1].end()
            if (
                (start and text[start - 1] in "-_") or (end < len(text) and text[end] in "-_")
            ) and not (hyphenated and _hyphen_compound(text, start, end)):
                continue
            return start, end, ref, generic
        return None


def _reaches(keys: dict, most: int, before: bool) -> tuple[tuple[int, frozenset[str]], ...]:
    """For c = 0..most words of each phrase in ``keys`` outside a span (its first c words
    if ``before``, else its last c): the characters they take at most (a gap of up to 3
    each) and the words that touch the span."""
    out: list[tuple[int, frozenset[str]]] = [(0, frozenset())]
    for c in range(1, most + 1):
        parts = [key[:c] if before else key[len(key) - c :] for key in keys]
        chars = max(sum(len(t) + 3 for t in part) for part in parts)
        out.append((chars, frozenset(part[-1] if before else part[0] for part in parts)))
    return tuple(out)


def _hyphen_compound(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] joined by hyphens only to lower-case words, as in
    'Taliban-planted', 'Hamas-run', 'anti-Houthi' (a compound adjective, not a longer name)?"""
    if (
        start
        and text[start - 1] in "-_"
        and not (text[start - 1] == "-" and start >= 2 and text[start - 2].islower())
    ):
        return False
    return not (
        end < len(text)
        and text[end] in "-_"
        and not (text[end] == "-" and end + 1 < len(text) and text[end + 1].islower())
    )


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

    def __init__(self, index: PhraseIndex, text: str) -> None:
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
                    self._lower = PhraseIndex.lowered(text)
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
        m = _LAST_TOKEN.search(hay, max(0, start - reach), start)
        return None if m is None else m.group(0)

    @staticmethod
    def _word_after(hay: str, end: int, reach: int) -> str | None:
        m = _TOKEN.search(hay, end, end + reach)
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
        before = list(_TOKEN.finditer(hay, max(0, start - need_before), start))
        after = list(_TOKEN.finditer(hay, end, min(len(hay), end + need_after)))
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
            hit = index._match_at(
                text, hay, pos, n, index._shapes[key], index._reach[key], hyphenated=True
            )
            if hit is not None and hit[0] < end and start < hit[1]:
                found.append((hit[0], hit[1]))


class ActorTable:
    """Finds actor phrases in text; generic ones only where the article's country fits."""

    def __init__(self, actors: list[Actor], roles: dict[str, dict[str, str]] | None = None) -> None:
        """``roles``: role -> {country code: actor name}; phrases from actor_roles.csv."""
        self.actors = actors
        self.roles = roles or {}
        # Aliases generated per country from demonyms ('Kenyan army'): no place names inside,
        # so the geoparser need not mask them (thousands of phrases sharing 'army', 'forces').
        self.generated: frozenset[str] = frozenset()
        # Aliases typed in the table (not generated per country): their names of people and
        # groups ('Hadi' in 'pro-Hadi forces') tell the geoparser what is not a town.
        self.curated: frozenset[str] = frozenset(a for actor in actors for a in actor.aliases)
        role_phrases = _role_phrases() if self.roles else {}
        self._role_index = PhraseIndex({p: (role, True) for p, role in role_phrases.items()})
        # reversed: where two actors share an alias, the first one listed wins
        self._named = PhraseIndex(
            {a: (actor.name, False) for actor in reversed(actors) for a in actor.aliases}
        )
        # A generic phrase ('rebels') can name a different actor in each country: the index
        # finds the phrase, (phrase, country) gives the actor; the first listed wins.
        self._generic_index = PhraseIndex(
            {
                a: (" ".join(a.split()).casefold(), True)
                for actor in actors
                for a in actor.generic_aliases
            }
        )
        self._generic_by: dict[tuple[str, str | None], str] = {}
        for actor in actors:
            for a in actor.generic_aliases:
                key = " ".join(a.split()).casefold()
                self._generic_by.setdefault((key, actor.country), actor.name)
                self._generic_by.setdefault((key, None), actor.name)
        self._by_name = {actor.name: actor for actor in actors}
        # The same sentence is read for its actors and for who is speaking: find once.
        self._found: dict[tuple, tuple[Span, ...]] = {}
        self._generic_phrases = {
            a.casefold() for actor in actors for a in actor.generic_aliases
        } | set(role_phrases)

    def is_generic(self, phrase: str) -> bool:
        """'troops', 'militants': words that name an actor only through the article's context."""
        return " ".join(phrase.split()).casefold() in self._generic_phrases

    def by_name(self, name: str) -> Actor | None:
        return self._by_name.get(name)

    def find(
        self,
        text: str,
        country: str | None = None,
        *,
        generic: bool = True,
        roles: bool = False,
    ) -> list[Span]:
        """Non-overlapping actor mentions, longest first, in text order.

        ``roles``: also phrases like 'the police', 'gunmen', named through ``country``'s
        generated actors (a curated generic alias at the same place wins).
        """
        key = (text, country, generic, roles)
        cached = self._found.get(key)
        if cached is not None:
            return list(cached)
        found = self._find(text, country, generic, roles)
        if len(self._found) > 4096:  # bounded: a long run of new sentences starts afresh
            self._found.clear()
        self._found[key] = tuple(found)
        return found

    def _find(self, text: str, country: str | None, generic: bool, roles: bool) -> list[Span]:
        words = PhraseIndex.words_of(text)  # three indexes read the same sentence
        found = self._named.find(text, words)
        if generic:
            for sp in self._generic_index.find(text, words):
                name = self._generic_by.get((sp.ref, country))
                if name is not None:
                    found.append(Span(sp.start, sp.end, sp.text, name, True))
        if roles and country:
            taken = {(sp.start, sp.end) for sp in found}
            for sp in self._role_index.find(text, words):
                name = self.role_actor(sp.ref, country)
                if name and (sp.start, sp.end) not in taken:
                    found.append(Span(sp.start, sp.end, sp.text, name, True))
        return _non_overlapping(found)

    def role_actor(self, role: str, country: str | None) -> str | None:
        """ACLED's generic actor of ``role`` ('police', 'protesters'...) in ``country``."""
        return self.roles.get(role, {}).get(country) if country else None

    def inter(self, name: str | None, country: str | None = None) -> int | None:
        """ACLED's inter code of ``name`` in an event in ``country``.

        A state's forces are state forces (1) at home and external forces (8) elsewhere;
        other actors keep their own code.
        """
        actor = self._by_name.get(name) if name else None
        if actor is None:
            return None
        if actor.is_state and country and actor.country:
            return 1 if actor.country == country else 8
        return actor.inter


def _non_overlapping(spans: list[Span]) -> list[Span]:
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def load_actors(path: str | Path | None = None, *, countries: bool | None = None) -> ActorTable:
    """The actor table from ``path`` (same columns as resources/actors.csv) or the built-in one.

    ``countries`` (default: only for the built-in table) adds every country's generated actors.
    """
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
    if countries if countries is not None else path is None:
        return _with_countries(actors)
    return ActorTable(actors)


def acled_country_names() -> dict[str, tuple[str, bool]]:
    """ISO code -> (country name as ACLED writes it, whether 'the' precedes it)."""
    import pycountry

    names = {
        c.alpha_2: (getattr(c, "common_name", None) or c.name, False) for c in pycountry.countries
    }
    for row in _rows(_resource("acled_countries.csv")):
        names[row["country_code"]] = (row["acled_name"], row["the"].strip() == "1")
    return names


def _core(name: str) -> str:
    return re.split(r"\s*\(\d{4}-", name)[0].strip()


def _with_countries(curated: list[Actor]) -> ActorTable:
    """Curated actors first, then each country's generated ones; a curated actor whose name
    (years aside) is a generated one takes that one's place and gains its aliases."""
    by_core = {_core(a.name): i for i, a in enumerate(curated)}
    actors = list(curated)
    extra: list[Actor] = []
    roles: dict[str, dict[str, str]] = {role: {} for role in ROLE_ACTORS}
    adjectives: dict[str, list[str]] = {}
    for word, code in demonyms().items():
        if len(code) == 2 and word[0].isupper() and not word.endswith("s"):
            adjectives.setdefault(code, []).append(word)
    for code, (name, the) in sorted(acled_country_names().items()):
        for role, (pattern, side, inter) in ROLE_ACTORS.items():
            actor_name = pattern.format(the="the " if the else "", name=name)
            nouns = {"military": _MILITARY_NOUNS, "police": _POLICE_NOUNS}.get(role, ())
            aliases = tuple(f"{adj} {noun}" for adj in adjectives.get(code, ()) for noun in nouns)
            if role in ("military", "police"):  # 'the military forces of Azerbaijan'
                words = _OF_NOUNS[role]
                aliases += tuple(f"{w} of {'the ' if the else ''}{name}" for w in words)
            if actor_name in by_core:
                i = by_core[actor_name]
                old = actors[i]
                actors[i] = Actor(
                    old.name,
                    old.side,
                    old.inter,
                    old.country or code,
                    old.aliases + tuple(a for a in aliases if a not in old.aliases),
                    old.generic_aliases,
                )
                roles[role][code] = old.name
                continue
            extra.append(Actor(actor_name, side, inter, code, aliases, ()))
            roles[role][code] = actor_name
    table = ActorTable(actors + extra, roles)
    curated_aliases = {a for actor in curated for a in actor.aliases}
    table.curated = frozenset(curated_aliases)
    table.generated = frozenset(  # 'forces of Armenia' names a place: masked like curated
        a
        for actor in table.actors
        for a in actor.aliases
        if a not in curated_aliases and " of " not in a
    )
    return table


@cache
def _role_phrases() -> dict[str, str]:
    phrases: dict[str, str] = {}
    for row in _rows(_resource("actor_roles.csv")):
        for phrase in row["phrases"].split("|"):
            if phrase.strip():
                phrases.setdefault(phrase.strip().casefold(), row["role"].strip())
    return phrases


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
        self.index = PhraseIndex({alias: (name, False) for alias, name in self.names.items()})

    def find(self, text: str) -> list[Span]:
        return _non_overlapping(self.index.find(text))


def actor_name_words(actors: ActorTable) -> frozenset[str]:
    """Capitalised words of the typed aliases, demonyms aside: 'Hadi', 'Taliban', 'Houthi'.

    Many are also alternate spellings of some small town somewhere (Hadi is Hardy, Arkansas);
    the geoparser trusts such a reading only from a town's own name.
    """
    skip = demonyms()
    return frozenset(
        word
        for alias in actors.curated
        for word in _TOKEN.findall(alias)
        if len(word) > 2 and word[0].isupper() and not word.isupper() and word not in skip
    )


def name_mask(media: MediaTable, actors: ActorTable) -> PhraseIndex:
    """One index of every outlet and named actor: spans the geoparser must not read as places."""
    phrases = {alias: (name, False) for alias, name in media.names.items()}
    for actor in reversed(actors.actors):
        phrases.update({a: (actor.name, False) for a in actor.aliases if a not in actors.generated})
    return PhraseIndex(phrases)


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
