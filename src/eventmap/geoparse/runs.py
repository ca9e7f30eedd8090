"""Runs: the capitalised word sequences a place name can only be part of, and the sentences.

The geoparser never reads a word that is not capitalised or a connector ('Deir ez-Zor',
'Rio de Janeiro'): one regex finds whole runs of such words at C speed, and Python only
splits the few runs holding possessives, contractions or odd gaps ('Syria's Homs' -> 'Syria',
'Homs'). A run's text alone also decides whether it could be an unknown name (a place the
gazetteer lacks), which the last stage reports. Sentences bound the context of each name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import regex

from eventmap.geoparse.lexicon import (
    CONNECTORS,
    NOT_PLACES,
    ORG_WORDS,
    TITLES,
    common_words,
)
from eventmap.geoparse.model import Word, remember
from eventmap.wordlists import entries, table

# Words keep inner apostrophes (Dar'a); possessives are trimmed (Syria's) and contractions
# (We're) never name places. Hyphens split words ('London-based'); runs join across them.
_POSSESSIVE = ("'s", "’s", "'", "’")
_CONTRACTIONS = ("'re", "’re", "'ve", "’ve", "'ll", "’ll", "n't", "n’t", "'m", "’m", "'d", "’d")
_ABBREVIATED = frozenset({"St", "Mt", "Ft", "Pt", "ST", "MT", "FT", "PT"})  # 'ST. LOUIS' too


def _alternation(words: frozenset[str]) -> str:
    """Words grouped by first letter ('a(?:sh|l|n)|d(?:el|e|a)'): far fewer regex branches
    to try at each gap than one flat list."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        first + "(?:" + "|".join(sorted(rests, key=lambda r: (-len(r), r))) + ")"
        for first, rests in sorted(groups.items())
    )


def _unicode_class(name: str, astral: bool) -> str:
    """The body of a character class for the regex module's \\p{Lu} ('upper') or \\w
    ('word'), read from resources/unicode_classes.txt (see its generator); without
    ``astral``, only its characters below U+10000."""
    for line in entries("unicode_classes.txt"):
        key, _, spans = line.partition(": ")
        if key != name:
            continue
        body = []
        for span in spans.split():
            lo, _, hi = span.partition("-")
            a, b = int(lo, 16), int(hi or lo, 16)
            if not astral:
                if a > 0xFFFF:
                    continue
                b = min(b, 0xFFFF)
            # The characters themselves (escaped where a class needs it): re parses its
            # patterns in Python, and a pattern a seventh the size compiles that much sooner.
            body.append(_in_class(a) if a == b else f"{_in_class(a)}-{_in_class(b)}")
        return "".join(body)
    raise ValueError(f"unicode_classes.txt has no {name!r} class")


def _in_class(code_point: int) -> str:
    ch = chr(code_point)
    return "\\" + ch if ch in "\\]^-[" else ch


def _run_pattern(astral: bool) -> re.Pattern[str]:
    """The capitalised-run pattern on Python's re, with the regex module's classes spelled
    out (re has no \\p{..}). It reads as

        (?<![\\w'’‘ʿʾ]) CAP (GAP (CONNECTOR GAP)* CAP)*
        CAP = (?:\\p{Lu}\\.){2,} | \\p{Lu}[\\w'’‘ʿʾ]*      ('U.S.', 'Homs', "Dar'a")
        GAP = one or two spaces or tabs, a hyphen, or '. ' after a word 'St' or 'ST' ('St. Louis')

    with the look-behind moved after the first capital, so that the pattern starts with a
    character class and re skips to the next capital in C: half the work of the regex
    module for the same matches. re tests characters above U+FFFF one range at a time, so
    texts without any use classes cut to the first 65,536 code points (``run_pattern``).
    """
    upper = "[" + _unicode_class("upper", astral) + "]"
    word = "[" + _unicode_class("word", astral) + "]"
    name_char = "[" + _unicode_class("word", astral) + "'’‘ʿʾ]"
    cap_tail = r"(?:\.(?:" + upper + r"\.)+|" + name_char + "*)"
    gap = r"(?:[ \t]{1,2}|-|(?<=[SMFP][tT])\.\x20(?<!" + word + r"..\.\x20))"
    connector = "(?:" + _alternation(CONNECTORS) + ")"
    return re.compile(
        f"{upper}(?<!{name_char}.){cap_tail}(?:{gap}(?:{connector}{gap})*{upper}{cap_tail})*"
    )


RUN = _run_pattern(astral=False)


@cache
def _astral_run_pattern() -> re.Pattern[str]:
    return _run_pattern(astral=True)


def run_pattern(text: str) -> re.Pattern[str]:
    """RUN, or for a text with characters above U+FFFF (UTF-16 needs 4 bytes for each,
    lone surrogates 2) the same pattern with the full classes."""
    if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return RUN
    return _astral_run_pattern()


# What makes splitting a run need the word regex: possessives, contractions, initials,
# 'St. Louis', tabs or double spaces.
_SLOW_SPLIT = re.compile(r"['’.\t]|  ")
_SIMPLE_WORD = regex.compile(r"\p{Lu}\w*")
# Capitalised words and lower-case connectors, the only words a run is made of.
_RUN_WORD = regex.compile(
    r"(?<![\w'’‘ʿʾ])(?:(?:\p{Lu}\.){2,}|\p{Lu}[\w'’‘ʿʾ]*|(?:"
    + "|".join(sorted(CONNECTORS, key=len, reverse=True))
    + r")(?![\w'’‘ʿʾ]))"
)
# The regex module's \s, spelled out for re (see RUN): Unicode White_Space.
_SPACE = "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# '[.!?…](?P<close>...)\s+|\n+', with the first character shared so that re can skip to it.
_SENTENCE_END = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])(?P<close>[\"”’')\]]*)" + _SPACE + r"+|(?<=\n)\n*)"
)
OPENERS = "\"“‘'([—–-:"
OPENERS_AND_SPACE = OPENERS + " \t"
# Words that may stand before a place name without making it a surname.
# Articles that may open an unknown name ('al-Bab'); 'ez' only inside one ('Deir ez-Zor').
_LEADING_ARTICLES = ("ash", "al", "el", "as", "ad", "ar", "an", "at", "az")
NAME_PREFIX_ARTICLES = tuple(f"{a}-" for a in _LEADING_ARTICLES)  # longest first: 'ash-'
_UNKNOWN_NAME = re.compile(
    rf"(?:[A-Z][a-z]+|(?:{'|'.join(_LEADING_ARTICLES)})-[A-Z][a-z]+)"
    rf"(?:[ -](?:(?:{'|'.join((*_LEADING_ARTICLES, 'ez'))})-)?[A-Z][a-z]+){{0,3}}\b"
)


# Abbreviation (lower case) -> whether its stop may still end a sentence after a name or a
# number ('Main St.' a street, '20 ft.' feet): see sentence_abbreviations.tsv.
_ABBREVIATIONS: dict[str, bool] = {
    word: kind == "not_after_name" for word, kind in table("sentence_abbreviations.tsv")
}
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


def _abbreviated(text: str, dot: int, after: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation ('Sgt.', 'ST.') before the
    capitalised word at ``after`` on the same line, so that it ends no sentence."""
    if after >= len(text) or not text[after].isupper() or "\n" in text[dot:after]:
        return False
    k = dot
    while k > 0 and dot - k <= _LONGEST_ABBREVIATION and text[k - 1].isalpha():
        k -= 1
    if k == dot or (k > 0 and (text[k - 1].isalnum() or text[k - 1] in ".'’-")):
        return False
    also_ends = _ABBREVIATIONS.get(text[k:dot].lower())
    if also_ends is None:
        return False
    if also_ends:
        j = k
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j > 0 and (text[j - 1].isdigit() or _ends_capitalised(text, j)):
            return False
    return True


def _ends_capitalised(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is capitalised ('Main' in 'Main St.')."""
    k = end
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return k < end and text[k].isupper()


# The last text split and its sentences. The geoparser and the event extractor each split
# the same article (the same string object): the second asks for what the first computed.
# Held as one tuple, replaced whole, so a reader never sees a text with another's bounds.
_LAST_SPLIT: tuple[str | None, tuple[tuple[int, int], ...]] = (None, ())


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; newlines always end one (headlines, bylines), and the
    stop of a title or a place prefix before a capitalised word ends none ('ST. LOUIS -').

    A fresh list each call; the last text's bounds are remembered (see _LAST_SPLIT)."""
    global _LAST_SPLIT
    last = _LAST_SPLIT
    if last[0] is text:  # (it holds the text, so the same object has the same characters)
        return list(last[1])
    bounds = _split_sentences(text)
    _LAST_SPLIT = (text, tuple(bounds))
    return bounds


def _split_sentences(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if (
            text[m.start()] == "."
            and not m.group("close")
            and _abbreviated(text, m.start(), m.end())
        ):
            continue
        # A line break ends at its start (no 'close' group, end -1); after a full stop, a
        # closing quote stays with its sentence.
        end = m.end(1)
        if end < 0:
            end = m.start()
        if end > pos:
            bounds.append((pos, end))
        pos = m.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    return bounds or [(0, len(text))]


def plain_words(token: str) -> tuple[tuple[int, int, str], ...] | None:
    """The words of a run joined by single spaces or hyphens, all capitalised or connectors
    (one run, split without the word regex), or None for a run that needs it."""
    if _SLOW_SPLIT.search(token):
        return None
    words = []
    pos = 0
    for part in token.replace("-", " ").split(" "):
        words.append((pos, pos + len(part), part))
        pos += len(part) + 1
    return tuple(words)


class RunReader:
    """Splits runs into words, and sizes the unknown name a run could be (cached by text)."""

    demonyms: dict[str, str]
    _splits: dict[str, tuple[tuple[tuple[int, int, str], ...], ...]]
    _unknown_sizes: dict[str, int]

    def _words(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Word]:
        """Capitalised words and connectors, possessives trimmed ('Syria's' -> 'Syria')."""
        for m in _RUN_WORD.finditer(text, start, len(text) if end is None else end):
            word, end_ = m.group(0), m.end()
            if "'" in word or "’" in word:
                if word.endswith(_CONTRACTIONS):
                    yield Word(m.start(), end_, word.lower())  # "We're": never a place
                    continue
                for suffix in _POSSESSIVE:
                    if word.endswith(suffix) and len(word) > len(suffix) + 1:
                        word, end_ = word[: -len(suffix)], end_ - len(suffix)
                        break
            yield Word(m.start(), end_, word)

    def _split(self, token: str) -> tuple[tuple[tuple[int, int, str], ...], ...]:
        """A regex run cut where names cannot continue ('Syria's Homs' -> 'Syria', 'Homs'),
        offsets relative to the run: the cut depends on the run's text alone.

        Words are plain (start, end, text) tuples: cached for the parser's life, and plain
        tuples of plain values are the ones Python's garbage collector stops tracking.
        """
        if _SIMPLE_WORD.fullmatch(token):
            return (((0, len(token), token),),)
        words = plain_words(token)
        if words is not None:
            return (words,)
        runs: list[tuple[tuple[int, int, str], ...]] = []
        run: list[Word] = []
        for word in self._words(token):
            if run and (
                not self._joinable(token, run[-1], word)
                or not (word.text[0].isupper() or word.text in CONNECTORS)
            ):
                runs.append(tuple(tuple(w) for w in run))
                run = []
            if word.text[0].isupper() or (run and word.text in CONNECTORS):
                run.append(word)
        if run:
            runs.append(tuple(tuple(w) for w in run))
        return tuple(runs)

    @staticmethod
    def _joinable(text: str, left: Word, right: Word) -> bool:
        gap = text[left.end : right.start]
        if gap == ". " and left.text in _ABBREVIATED:
            return True
        return gap in (" ", "-") or (gap.isspace() and "\n" not in gap and len(gap) <= 2)

    def _unknown_size_of(self, token: str) -> int:
        """The name a run could report depends on the run's text alone: decide that once."""
        size = self._unknown_sizes.get(token, -1)
        if size == -1:
            # 'Rami Haddad and Layla Khoury': no unknown name runs on across ' and' (its
            # words are capitalised), so the run's is its first side's, often known already.
            head, glue, _ = token.partition(" and ")
            size = self._unknown_size_of(head) if glue and head else self._unknown_size(token, 0)
            remember(self._unknown_sizes, token, size)
        return size

    def _unknown_size(self, text: str, start: int) -> int:
        """Length of the unknown name that could be reported at ``start``, 0 if none could
        (a title, an organisation, a demonym, a common word, an acronym)."""
        m = _UNKNOWN_NAME.match(text, start)
        if m is None:
            return 0
        name = m.group(0)
        words = name.split()
        first = words[0].lower()
        if (
            first in NOT_PLACES
            or first in TITLES
            or first == "the"
            or any(w.lower() in ORG_WORDS for w in words)
            or name in self.demonyms
            or (len(words) == 1 and first in common_words())
            or (name.isupper() and len(name) <= 5)
        ):
            return 0
        return len(name)
