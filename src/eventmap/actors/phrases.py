"""Many phrases found in a text at once: the index every table (actors, outlets, the
geoparser's name mask) builds over its phrases.

One regex per phrase would cost thousands of scans per sentence; the index looks each
phrase up by one word (its anchor) and checks the words around it, so the cost grows with
the text, not with the number of phrases. It also prepares, per span text, what a
``scan.PhraseScan`` must look for around that span (``PhraseIndex.probe``).
"""

from __future__ import annotations

from dataclasses import dataclass

from eventmap.actors.scan import PhraseScan
from eventmap.actors.words import TOKEN, in_capitals_run, lowered, match_at, places


@dataclass(frozen=True, slots=True)
class Span:
    """A matched phrase in a text, with what it refers to."""

    start: int
    end: int
    text: str
    ref: str
    generic: bool = False


_WORDS_OF: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {}
# The words any index built so far looks up: its anchors (lower case) and its capitals words
# lowered, and each capitals word by its lower case. ``words_of`` keeps only these of an ASCII
# text's words (a few of its dozens): an index asks only whether its own are there.
_KNOWN: set[str] = set()
_KNOWN_ASCII: set[bytes] = set()  # the ASCII ones, as bytes: an ASCII text is split as bytes
_EXACT_BY_LOWER: dict[str, set[str]] = {}
_EXACT: set[str] = set()  # the capitals words themselves
# An ASCII text's words in lower case by one translation and a split of its bytes: letters
# lowered, all else but digits a space (TOKEN's words of an ASCII text are its runs of letters
# and digits).
_ASCII_WORDS = bytes(ord(chr(i).lower()) if chr(i).isalnum() else 32 for i in range(128)) + bytes(
    range(128, 256)
)
_NONE: frozenset[str] = frozenset()


def words_of(text: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """The text lowered, its lower-case words and its words as written: what ``find``
    checks first, worked out once when several indexes read the same text (a sentence
    is read for its actors, its outlets and who speaks: up to five indexes).

    Only the words some index looks up (``_KNOWN``, ``_EXACT``): an index asks whether
    its own words are among them and which, and gets the same answers from these few as
    from all of the text's words, with no set of every word built (most sentences hold
    none of them); an ASCII text's are found by splitting its bytes."""
    found = _WORDS_OF.get(text)
    if found is None:
        if text.isascii():  # a word lowered is the lowered text's word: one scan
            hits = _KNOWN_ASCII.intersection(text.encode().translate(_ASCII_WORDS).split())
            known = frozenset(map(bytes.decode, hits)) if hits else _NONE
            exact = _NONE
            if not _EXACT_BY_LOWER.keys().isdisjoint(known):
                exact = frozenset(
                    word
                    for low in known
                    for word in _EXACT_BY_LOWER.get(low, ())
                    if places(text, word)
                )
            found = (text.lower(), known, exact)
        else:  # (its words as written: those of the indexes' capitals words)
            lower = lowered(text)
            known = frozenset(_KNOWN.intersection(TOKEN.findall(lower)))
            found = (lower, known, frozenset(_EXACT.intersection(TOKEN.findall(text))))
        if len(text) <= 2000:  # sentences, not whole articles
            if len(_WORDS_OF) >= 256:  # bounded: the sentences of one article at a time
                _WORDS_OF.clear()
            _WORDS_OF[text] = found
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
            tokens = tuple(TOKEN.findall(phrase))
            if not tokens:
                continue
            exact = phrase.isupper()
            key = tuple(tokens if exact else (t.lower() for t in tokens))
            anchor = max(range(len(key)), key=lambda k: (len(key[k]), -k))
            self._anchors.setdefault((key[anchor], exact), []).append((key, anchor, ref, generic))
        # How far a phrase can reach around its anchor, so checks tokenize only that much.
        self._reach: dict[tuple[str, bool], tuple[int, int]] = {}
        # What a phrase of two words or more at an anchor needs next to it (``match_at``).
        self._near: dict[tuple[str, bool], tuple[frozenset[str], frozenset[str]]] = {}
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
            # the words right before and right after the anchor in its longer phrases
            self._near[anchor_key] = (
                frozenset(key[a - 1] for key, a, _, _ in entries if a > 0),
                frozenset(key[a + 1] for key, a, _, _ in entries if a + 1 < len(key)),
            )
        self._anchor_words = frozenset(w for w, exact in self._shapes if not exact)
        self._exact_words = frozenset(w for w, exact in self._shapes if exact)
        _know(self._anchor_words, self._exact_words)
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
        # Finished per word (see _finish_shapes) the first time a span holds it: most words
        # of the thousands of phrases never occur in a worker's articles, and finishing them
        # all up front was a tenth of a worker's start-up.
        self._word_shapes: dict[tuple[str, bool], dict | list[tuple]] = word_shapes
        # Those words apart, per case: most runs hold none of them (four in five of a kit's
        # runs), and ``probe`` has nothing to look for around such a run.
        self._probe_exact = frozenset(w for w, exact in word_shapes if exact)
        self._probe_lower = frozenset(w for w, exact in word_shapes if not exact)

    lowered = staticmethod(lowered)  # ``words.lowered``: offsets of the text stay valid

    def _shapes_of(self, word: tuple[str, bool]) -> list[tuple] | tuple[()]:
        """The word's phrase shapes, finished on first use (its raw entry is a dict)."""
        found = self._word_shapes.get(word, ())
        if found.__class__ is dict:
            found = self._word_shapes[word] = _finish_shapes(found)
        return found

    def probe(self, span: str) -> tuple:
        """What to look for around a span with this text (a capitalised run), decided once
        per text: () when no phrase can fit there (the usual case), wherever it stands.

        Per case (exact, then case-insensitive): the span's words and their offsets in it;
        the anchors of the phrases wholly inside it, as (offset, anchor word); the phrase
        shapes that reach beyond it, as (first, last word index relative to the span's
        words, phrases); how many characters before and after the span those need, and
        which words they need right before and right after it.
        """
        lower = lowered(span)
        if self._probe_exact.isdisjoint(TOKEN.findall(span)) and self._probe_lower.isdisjoint(
            TOKEN.findall(lower)
        ):
            return ()  # no word of the span is in any phrase: none can touch it
        parts = []
        for exact, hay in ((True, span), (False, lower)):
            words = [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(hay)]
            inside: set[tuple[int, str]] = set()
            beyond: dict[tuple[int, int], dict] = {}
            need_before = need_after = 0
            adjacent_before: set[str] = set()
            adjacent_after: set[str] = set()
            texts = tuple(w for _, _, w in words)
            m = len(words)
            for i, (_, _, word) in enumerate(words):
                for k, n, keys, reach_before, reach_after, left, right, cuts in self._shapes_of(
                    (word, exact)
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
                    # the shape's phrases grouped by their words inside the span, once per
                    # cut: not a pass over all of them per run ('police' is in hundreds)
                    cut = (lo - first, hi - first)
                    groups = cuts.get(cut)
                    if groups is None:
                        groups = cuts[cut] = _by_words(keys, *cut)
                    group = groups.get(texts[lo:hi])
                    if group is None:
                        continue
                    fitting, right_before, right_after = group
                    beyond.setdefault((first, last), []).append(fitting)
                    if first < 0:  # the phrase's words right before the span
                        adjacent_before |= right_before
                    if last > m:
                        adjacent_after |= right_after
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

    def capitals_run(self, text: str, start: int, end: int) -> bool:
        """Is the one-word capitals phrase at text[start:end] typesetting, not an acronym
        (``words.in_capitals_run``)?"""
        return in_capitals_run(text, start, end, self._exact_words)

    def scanner(self, text: str) -> PhraseScan:
        """Phrase lookups near spans of ``text`` (see ``PhraseScan``)."""
        return PhraseScan(self, text)

    words_of = staticmethod(words_of)  # a text's words, shared by the indexes reading it

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
        anchors, reach, near = self._shapes, self._reach, self._near
        if text.isascii():
            # Only the anchor words' places, by substring search: the same hits in the same
            # order as the word-by-word loop (in ASCII the lowered text's words are the text's)
            hits = self._ascii_hits(text, lower, lower_set, exact_set)
        else:
            hits = self._hits(text, lower)
        for pos, end, exact in hits:
            key = (text[pos:end], True) if exact else (lower[pos:end], False)
            hay = text if exact else lower
            hit = match_at(text, hay, pos, end - pos, anchors[key], reach[key], near=near[key])
            if hit is not None:
                s, e, ref, generic = hit
                if exact and (s, e) == (pos, end) and self.capitals_run(text, s, e):
                    continue
                found.append(Span(s, e, text[s:e], ref, generic))
        return found

    def _hits(self, text: str, lower: str) -> list[tuple[int, int, bool]]:
        """(start, end, exact?) of each word of ``lower`` that anchors a phrase, in order."""
        lower_words, exact_words = self._anchor_words, self._exact_words
        hits = []
        for token in TOKEN.finditer(lower):
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
        hits = [(*span, False) for w in self._anchor_words & lower_set for span in places(lower, w)]
        if self._exact_words:
            for w in self._exact_words & exact_set:
                hits.extend((*span, True) for span in places(text, w))
        hits.sort()  # by place; at one place the case-insensitive hit first, as in _hits
        return hits


def _know(anchors: frozenset[str], exact: frozenset[str]) -> None:
    """Adds an index's words to those ``words_of`` keeps (``_KNOWN``); the texts read
    before it are read again, since their words were cut down without these."""
    fresh = (anchors | {w.lower() for w in exact}) - _KNOWN
    fresh_exact = [w for w in exact if w not in _EXACT_BY_LOWER.get(w.lower(), ())]
    if fresh or fresh_exact:
        _KNOWN.update(fresh)
        _KNOWN_ASCII.update(w.encode() for w in fresh if w.isascii())
        for word in fresh_exact:
            _EXACT_BY_LOWER.setdefault(word.lower(), set()).add(word)
            _EXACT.add(word)
        _WORDS_OF.clear()


def _finish_shapes(shapes: dict[tuple[int, int], dict]) -> list[tuple]:
    """A word's shapes as ``probe`` reads them: per (index k, phrase length n), the phrases,
    and per number c of their words that lie before (after) a span, the characters those
    words take at most and the words that can stand right next to the span; and the words
    right before and after the word in those phrases (None at an end)."""
    return [
        (
            k,
            n,
            keys,
            _reaches(keys, k, True),
            _reaches(keys, n - k - 1, False),
            frozenset(key[k - 1] for key in keys) if k else None,
            frozenset(key[k + 1] for key in keys) if k + 1 < n else None,
            {},  # (a, b) -> the phrases by their words a..b (_by_words), filled by probe
        )
        for (k, n), keys in shapes.items()
    ]


def _by_words(
    keys: dict, a: int, b: int
) -> dict[tuple[str, ...], tuple[dict, frozenset[str], frozenset[str]]]:
    """The phrases of a shape (``keys``: words -> anchor index) grouped by their words
    a..b, each group in the shape's own order, with the words of its phrases right before
    word a and right at word b (those that touch a span holding words a..b; empty at an
    end): worked out once per group, not per run ('police' is in hundreds of phrases)."""
    groups: dict[tuple[str, ...], dict] = {}
    for key, anchor in keys.items():
        groups.setdefault(key[a:b], {})[key] = anchor
    return {
        words: (
            group,
            frozenset(key[a - 1] for key in group) if a else frozenset(),
            frozenset(key[b] for key in group if b < len(key)),
        )
        for words, group in groups.items()
    }


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


def non_overlapping(spans: list[Span]) -> list[Span]:
    """The spans that do not overlap, longest first where they do, in text order."""
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
