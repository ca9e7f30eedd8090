"""The lower-case twin of a case-insensitive pattern, where it is the same pattern.

Python's IGNORECASE scan is several times slower than a case-sensitive one; over text
lower-cased by ``literal_gate.fold`` (same length, same offsets), a pattern whose letters
are all plain literals finds the same matches lower-cased and without the flag. Kept apart
from the gate, which uses it, so each module stays small (as is the gate's fallback trie).
"""

from __future__ import annotations

import re

from eventmap.start_set import with_start_set

# Escapes whose meaning survives lower-casing the pattern's source.
_PLAIN_GROUPS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?P<", "(?P=")
# Non-ASCII characters without case (typographic quotes and dashes): IGNORECASE matches only
# themselves, and folding maps nothing onto them.
_CASELESS = frozenset("“”‘’–—")
_SAFE_ESCAPE = set("bswd.()[]{}?*+|^$\\/ '\"&#,:;!<>=%@~`-")


def lower_twin(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """``regex`` with its letters lower-cased and without IGNORECASE, when that is the same
    pattern on folded text: an ASCII source (typographic quotes and dashes aside) whose
    upper-case letters are all plain literals (none in a class, none in an escape or an
    inline flag; a group's name may change case: its groups are not read)."""
    src = regex.pattern
    if not (regex.flags & re.IGNORECASE) or not isinstance(src, str):
        return None
    if not src.isascii() and not all(ch.isascii() or ch in _CASELESS for ch in src):
        return None
    in_class = False
    out: list[str] = []  # the source lower-cased, group syntax ('(?P<') kept
    k = 0
    while k < len(src):
        ch = src[k]
        if ch == "\\":
            if k + 1 >= len(src) or src[k + 1] not in _SAFE_ESCAPE:
                return None
            out.append(src[k : k + 2])
            k += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch.isupper():
                return None
        elif ch == "[":
            in_class = True
            if src[k + 1 : k + 2] == "]":
                out.append("[")
                k += 1  # a ']' right after '[' is a literal
                ch = "]"
        elif src.startswith("(?", k):
            group = next((g for g in _PLAIN_GROUPS if src.startswith(g, k)), None)
            if group is None:
                return None  # inline flags, comments
            out.append(group)
            k += len(group)
            continue
        out.append(ch.lower())
        k += 1
    try:  # (with the characters its matches start with: most of its scans are misses)
        return with_start_set(re.compile("".join(out), regex.flags & ~re.IGNORECASE))
    except re.error:
        return None


def trie_pattern(words: list[str]) -> str:
    """A regex matching the longest of ``words`` at a position (longer branches first): the
    literal gate's scanner where Aho-Corasick is missing."""
    if not words:
        return ""
    groups: dict[str, list[str]] = {}
    end = False
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            end = True
    branches = [re.escape(ch) + trie_pattern(rest) for ch, rest in sorted(groups.items())]
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if end else body
