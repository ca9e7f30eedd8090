"""Words and how a phrase sits among them: the tokenizer every phrase lookup shares.

A phrase ('Hayat Tahrir al-Sham') is a run of words; an index finds it from one word (its
anchor) and checks the words around it. What a word is, where a whole word occurs, how far
apart a phrase's words may be and when a hyphen joins a name to more of a name are decided
here once, so the text-wide lookup (``phrases``) and the span-local one (``scan``) agree.
"""

from __future__ import annotations

import re

import regex

TOKEN = re.compile(r"[^\W_]+")
LAST_TOKEN = regex.compile(r"(?r)[^\W_]+")  # searched backwards: the last word of a range
GAP_CHARS = frozenset(" \t\n-'’")


def lowered(text: str) -> str:
    """``text.lower()`` with the same length, so offsets stay valid."""
    lower = text.lower()
    if len(lower) != len(text):  # a few letters change length when lowered: be exact
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return lower


def places(hay: str, word: str) -> list[tuple[int, int]]:
    r"""(start, end) of each whole-word ``word`` in ``hay``, in order: the spans of TOKEN's
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


def in_capitals_run(text: str, start: int, end: int, acronyms: frozenset[str]) -> bool:
    """Is the capitals word text[start:end] one word of a run set in capitals ('SANTA ANA,
    Calif. --', a dateline or a headline)? There the capitals are typesetting, not an
    acronym: 'ANA' in 'SANTA ANA' is no Afghan army. A neighbour that is itself a known
    acronym ('HTS SANA') does not make a run."""
    before = LAST_TOKEN.search(text, max(0, start - 40), start - 1) if start >= 2 else None
    if before is not None and before.end() == start - 1 and text[start - 1] == " ":
        word = before.group(0)
        if len(word) > 1 and word.isalpha() and word.isupper() and word not in acronyms:
            return True
    if end + 1 < len(text) and text[end] == " ":
        after = TOKEN.match(text, end + 1)
        if after is not None:
            word = after.group(0)
            if len(word) > 1 and word.isalpha() and word.isupper() and word not in acronyms:
                return True
    return False


def hyphen_compound(text: str, start: int, end: int) -> bool:
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


def match_at(
    text: str,
    hay: str,
    pos: int,
    size: int,
    shapes: list,
    reach: tuple[int, int],
    hyphenated: bool = False,
    near: tuple[frozenset[str], frozenset[str]] | None = None,
) -> tuple[int, int, str, bool] | None:
    """The longest phrase anchored at ``pos``. A name joined by a hyphen to more of a
    name ('al-Sham' in 'Jaysh al-Sham-x') is not this phrase; with ``hyphenated``, one
    joined to a lower-case word ('Taliban-planted', 'pro-Houthi') still is. ``near``: the
    words right before and right after the anchor in its phrases of two words or more
    (each such phrase has one of them); where the text has neither, none of those fits
    and the words after the anchor are not read (most anchors: 'police said')."""
    words: list[str] | None = None
    window: list | None = None
    at = lo = hi = 0
    longer = True  # may a phrase of two words or more fit?
    for anchor, n, keys in shapes:
        if n > 1 and not longer:
            continue
        if n == 1:  # a one-word phrase: the anchor itself, no need to tokenize around it
            token = TOKEN.match(hay, pos)
            if token is None or token.end() != pos + size:
                continue
            ref, generic = keys[(token.group(0),)]
            start, end = pos, pos + size
        else:
            if words is None:
                # The words around the anchor, as strings: most phrases do not fit, and a
                # word's place is read only for one that does (``window``). A word of the
                # range starts at ``pos`` only where a word starts there (TOKEN's words
                # are runs of str.isalnum characters); then the words before it are those
                # of the range up to ``pos``.
                lo, hi = max(0, pos - reach[0]), min(len(hay), pos + reach[1])
                if not (
                    pos < hi and hay[pos].isalnum() and (pos == lo or not hay[pos - 1].isalnum())
                ):
                    return None
                words = TOKEN.findall(hay, lo, pos)
                if near is not None and not (words and words[-1] in near[0]):
                    after = TOKEN.search(hay, pos + size, hi)
                    if after is None or after.group() not in near[1]:
                        longer = False
                        continue
                at = len(words)
                words += TOKEN.findall(hay, pos, hi)
            first = at - anchor
            if first < 0 or first + n > len(words):
                continue
            hit = keys.get(tuple(words[first : first + n]))
            if hit is None:
                continue
            ref, generic = hit
            if window is None:
                window = list(TOKEN.finditer(hay, lo, hi))
            tokens = window[first : first + n]
            if any(
                not GAP_CHARS.issuperset(text[tokens[k].end() : tokens[k + 1].start()])
                for k in range(n - 1)
            ):
                continue
            start, end = tokens[0].start(), tokens[-1].end()
        if (
            (start and text[start - 1] in "-_") or (end < len(text) and text[end] in "-_")
        ) and not (hyphenated and hyphen_compound(text, start, end)):
            continue
        return start, end, ref, generic
    return None
