"""Who did what to whom in one sentence: actor spans, then the two sides of the event.

The actor table (``eventmap.actors``) finds the phrases; this stage reads them as news English
writes them: 'Russian and Syrian warplanes' are two actors sharing one noun, 'the jihadists'
right after a sentence naming the group is that group, the subject side stands before the
trigger and the target side after it, and a joint operation is coded with the state first and
its allies as associates.
"""

from __future__ import annotations

import re

from eventmap.actors import ActorTable, Span

# Order of sides within actor 1: the state leads a joint operation, its allies associate.
SIDE_ORDER = {"state": 0, "rebel": 1, "state_ally": 2, "other": 3, "unknown": 4}
_DEMONYM_AND = re.compile(r"\b([A-Z][a-z]+)\s+and\s+$")


def sentence_actors(
    sentence: str,
    offset: int,
    country: str | None,
    previous_named: list[str],
    table: ActorTable,
    demonyms: dict[str, str],
) -> list[Span]:
    """Actor spans of a sentence (offsets into the whole text), in text order."""
    spans = []
    for sp in table.find(sentence, country):
        spans.append(Span(offset + sp.start, offset + sp.end, sp.text, sp.ref, sp.generic))
        # 'Russian and Syrian warplanes': the demonym before 'and' shares the noun.
        m = _DEMONYM_AND.search(sentence[: sp.start])
        if m and m.group(1) in demonyms:
            noun = sp.text.split(" ", 1)[1] if " " in sp.text else ""
            other = table.find(f"{m.group(1)} {noun}", country) if noun else []
            if other and other[0].ref != sp.ref:
                spans.append(
                    Span(
                        offset + m.start(1),
                        offset + m.end(1) + len(noun) + 1,
                        m.group(1) + " " + noun,
                        other[0].ref,
                    )
                )
    # 'The jihadists' right after a sentence naming the group: the named group.
    resolved = []
    for sp in spans:
        if sp.generic and previous_named:
            before = sentence[max(0, sp.start - offset - 4) : sp.start - offset].lower()
            actor = table.by_name(sp.ref)
            if before.strip() == "the" and actor is not None:
                named = next(
                    (n for n in previous_named if (a := table.by_name(n)) and a.side == actor.side),
                    None,
                )
                if named:
                    sp = Span(sp.start, sp.end, sp.text, named, False)
        resolved.append(sp)
    return sorted(resolved, key=lambda sp: sp.start)


def pair(before: list[Span], after: list[Span], table: ActorTable) -> tuple[list[Span], list[Span]]:
    """Subject side before the trigger, target side after it; sides never mix."""

    def side(sp: Span) -> str:
        actor = table.by_name(sp.ref)
        return actor.side if actor else "unknown"

    first = [sp for sp in before if side(sp) != "civilians"] or before
    if first:
        lead = (
            side(first[-1])
            if side(first[-1]) != "rebel"
            or not any(side(sp) in ("state", "state_ally") for sp in first)
            else "rebel"
        )
        group = {"state", "state_ally"} if lead in ("state", "state_ally") else {lead}
        actors1 = sorted(
            (sp for sp in first if side(sp) in group),
            key=lambda sp: (SIDE_ORDER.get(side(sp), 9), sp.start),
        )
        targets = [sp for sp in after if side(sp) not in group]
        if not targets:
            targets = [sp for sp in first if side(sp) not in group]
        return _unique(actors1), _unique(targets)
    return [], _unique(after)


def _unique(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for sp in spans:
        if sp.ref not in seen:
            seen.add(sp.ref)
            out.append(sp)
    return out
