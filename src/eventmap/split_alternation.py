"""A large case-insensitive alternation searched as runs of its alternatives, same answers.

The literal gate (literal_gate.py) runs an IGNORECASE pattern as its lower-case twin, several
times faster, only when the whole pattern allows it: one alternative with a case-sensitive
part ('(?-i:[A-Z][a-z]+)') or an upper-case class ('[A-Z]') leaves the whole pattern to the
IGNORECASE engine, which enters every alternative at every word (fatalities' one-victim
pattern: most of a toll reading's time). Cut into runs of consecutive alternatives, the runs
whose alternatives allow it get their twin, and each run its start set and literals.

``search`` gives the whole pattern's answer: re's match is the leftmost one, and at one
position the first alternative (in order) that matches there; the runs keep the order, so it
is the leftmost of the runs' matches and, at one position, the earlier run's. Only for
patterns of the form ``(?:A|B|...)`` or ``\\b(?:A|B|...)`` without capturing groups (a run's
match has the whole pattern's span and text, not its group numbers).
"""

from __future__ import annotations

import re

from eventmap.literal_gate import GatedPattern, gated
from eventmap.literal_twin import lower_twin

_HEADS = ("\\b(?:", "(?:")


def alternatives(source: str) -> tuple[str, list[str]]:
    """``source`` as (its head, its top-level alternatives), ``head + '|'.join(alts) + ')'``
    being ``source``; ValueError when it is not one non-capturing group of alternatives."""
    head = next((h for h in _HEADS if source.startswith(h)), None)
    if head is None or not source.endswith(")"):
        raise ValueError(f"not a group of alternatives: {source[:40]!r}")
    body = source[len(head) : -1]
    parts: list[str] = []
    depth, start, k, in_class = 0, 0, 0, False
    while k < len(body):
        ch = body[k]
        if ch == "\\":
            k += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            k += 1 + (body[k + 1 : k + 2] == "^")
            k += body[k : k + 1] == "]"  # a ']' first in a class is a literal
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise ValueError(f"more than one group: {source[:40]!r}")
        elif ch == "|" and depth == 0:
            parts.append(body[start:k])
            start = k + 1
        k += 1
    parts.append(body[start:])
    if depth or head + "|".join(parts) + ")" != source:
        raise ValueError(f"not a group of alternatives: {source[:40]!r}")
    return head, parts


class SplitAlternation:
    """``regex`` searched as gated runs of its alternatives (see the module docstring)."""

    __slots__ = ("flags", "parts", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        if regex.groups:
            raise ValueError("capturing groups: a run's match would number them otherwise")
        head, alts = alternatives(regex.pattern)
        flags = regex.flags

        def compiled(run: list[str]) -> re.Pattern[str]:
            return re.compile(f"{head}{'|'.join(run)})", flags)

        runs: list[list[str]] = []
        twin_before = None
        for alt in alts:  # consecutive alternatives that have a twin, or that have none
            twin = lower_twin(compiled([alt])) is not None
            if runs and twin == twin_before:
                runs[-1].append(alt)
            else:
                runs.append([alt])
            twin_before = twin
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = flags
        self.parts: tuple[GatedPattern, ...] = tuple(gated(compiled(run)) for run in runs)

    def search(self, text: str) -> re.Match[str] | None:
        """``regex.search(text)``'s match: its span and text (the match is a run's)."""
        best = None
        for part in self.parts:
            m = part.search(text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best
