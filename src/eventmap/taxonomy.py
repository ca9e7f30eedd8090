"""ACLED's event vocabulary as data: event types, sub-event types, decision rules, inter codes.

The vocabulary lives in ``resources/acled_taxonomy.toml`` (paraphrased from ACLED's public
codebook) so that a reviewer can read and correct it without reading code. Loading checks it
whole: 6 event types, 25 sub-event types each under a known type with a unique rank, rules
that only name known sub-event types, inter codes 1-8. A broken file fails loudly here, not
as a silently mis-typed event later.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from eventmap.errors import EventmapError


@dataclass(frozen=True, slots=True)
class SubEvent:
    name: str
    event_type: str
    rank: int
    definition: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    key: str
    between: tuple[str, ...]
    rule: str


@dataclass(frozen=True, slots=True)
class Taxonomy:
    event_types: dict[str, str]  # name -> definition
    disorder: dict[str, str]  # event type -> disorder type
    sub_events: dict[str, SubEvent]
    rules: dict[str, Rule]
    inter: dict[int, str]  # code -> actor type name

    def event_type(self, sub_event: str) -> str:
        return self.sub_events[sub_event].event_type

    def rank(self, sub_event: str) -> int:
        """Position in ACLED's hierarchy: one atomic event keeps its lowest-ranked sub-type."""
        return self.sub_events[sub_event].rank

    def hierarchy(self) -> tuple[str, ...]:
        return tuple(sorted(self.sub_events, key=self.rank))


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    source = Path(path) if path else Path(str(resources.files("eventmap") / "resources"))
    if path is None:
        source = source / "acled_taxonomy.toml"
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EventmapError(f"{source}: cannot read the ACLED taxonomy ({exc})") from exc
    types = {t["name"]: t["definition"] for t in data.get("event_type", [])}
    disorder = {t["name"]: t["disorder"] for t in data.get("event_type", [])}
    subs = {
        s["name"]: SubEvent(s["name"], s["type"], int(s["rank"]), s["definition"], tuple(s["keys"]))
        for s in data.get("sub_event", [])
    }
    rules = {r["key"]: Rule(r["key"], tuple(r["between"]), r["rule"]) for r in data.get("rule", [])}
    inter = {int(i["code"]): i["name"] for i in data.get("inter", [])}
    problems = []
    if len(types) != 6:
        problems.append(f"{len(types)} event types, ACLED has 6")
    if len(subs) != 25:
        problems.append(f"{len(subs)} sub-event types, ACLED has 25")
    problems += [
        f"{s.name}: unknown type {s.event_type!r}"
        for s in subs.values()
        if s.event_type not in types
    ]
    if len({s.rank for s in subs.values()}) != len(subs):
        problems.append("two sub-event types share a rank")
    problems += [
        f"rule {r.key}: unknown sub-event {b!r}"
        for r in rules.values()
        for b in r.between
        if b not in subs
    ]
    if sorted(inter) != list(range(1, 9)):
        problems.append("inter codes must be 1..8")
    if problems:
        raise EventmapError(f"{source}: " + "; ".join(problems))
    return Taxonomy(types, disorder, subs, rules, inter)


@cache
def default_taxonomy() -> Taxonomy:
    return load_taxonomy()
