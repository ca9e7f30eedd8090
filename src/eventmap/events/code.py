"""ACLED's coding rules: which candidates are one event, and which type that event gets.

ACLED's atomicity: one event per actor pair x location x day. When one pair, place and day
hold several sub-event types, the one highest in ACLED's hierarchy is kept and the others add
their quotes and fatalities to it. Undated lede sentences fold into the dated event they
announce; province-level rows absorb rows for the province's namesake capital; a joint
operation is coded with the state first and its allies as associates.
"""

from __future__ import annotations

from typing import Any

from eventmap.actors import ActorTable
from eventmap.events.actors import SIDE_ORDER
from eventmap.events.model import Candidate
from eventmap.geoparse import Mention

# ACLED's name for an armed group the report does not name.
_UNIDENTIFIED = "Unidentified "
# ACLED's hierarchy when one actor pair, place and day hold several types: the first wins.
HIERARCHY: tuple[str, ...] = (
    "Chemical weapon",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Attack",
    "Abduction/forced disappearance",
    "Sexual violence",
    "Excessive force against protesters",
    "Mob violence",
    "Violent demonstration",
    "Protest with intervention",
    "Peaceful protest",
    "Arrests",
    "Looting/property destruction",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Non-violent transfer of territory",
    "Change to group/activity",
    "Agreement",
    "Other",
)
_RANK = {sub: i for i, sub in enumerate(HIERARCHY)}


def fold_lede(candidates: list[Candidate]) -> list[Candidate]:
    """Undated lede sentences announce the dated event that follows: fold them into it."""
    dated = [c for c in candidates if c.date is not None]
    kept = []
    for cand in candidates:
        if cand.date is None and cand.date_source == "lede":
            target = next(
                (
                    d
                    for d in dated
                    if d.sub_event == cand.sub_event
                    and d.mention.admin1_code == cand.mention.admin1_code
                    and d.mention.country_code == cand.mention.country_code
                ),
                None,
            )
            if target is not None:
                target.extra_quotes.append(cand.quote)
                if not target.actors1:
                    target.actors1, target.actor_texts1 = cand.actors1, cand.actor_texts1
                else:
                    for ref, txt in zip(cand.actors1, cand.actor_texts1, strict=True):
                        if ref not in target.actors1:
                            target.actors1.append(ref)
                            target.actor_texts1.append(txt)
                if not target.actors2:
                    target.actors2, target.actor_texts2 = cand.actors2, cand.actor_texts2
                if cand.fatalities.coded > target.fatalities.coded:
                    target.fatalities = cand.fatalities
                if not target.claimed_by:
                    target.claimed_by, target.party_claim = cand.claimed_by, cand.party_claim
                continue
        kept.append(cand)
    return kept


def order_actors(candidates: list[Candidate], table: ActorTable) -> list[Candidate]:
    """A joint operation is coded with the state first and its allies as associates.

    An actor the text does not name ('police', 'a man', an event's default doer) is the
    generic actor of the country the event is placed in: the article's country was guessed
    from its places before a namesake ('Birmingham', 'Hamilton') moved into the report's state.
    """
    for c in candidates:
        where = c.mention.country_code
        for names, texts in ((c.actors1, c.actor_texts1), (c.actors2, c.actor_texts2)):
            for k, (name, text) in enumerate(zip(names, texts, strict=False)):
                if not text or text == name or table.is_generic(text):
                    names[k] = table.in_country(name, where)
        order = sorted(
            range(len(c.actors1)),
            key=lambda k: (
                c.actors1[k].startswith(_UNIDENTIFIED),  # a named actor leads an unnamed one
                SIDE_ORDER.get(getattr(table.by_name(c.actors1[k]), "side", "unknown"), 9),
            ),
        )
        c.actors1 = [c.actors1[k] for k in order]
        c.actor_texts1 = [c.actor_texts1[k] for k in order]
    return candidates


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """ACLED atomicity: one row per actor pair x location x day, highest type kept."""
    groups: dict[tuple[Any, ...], list[Candidate]] = {}
    for cand in candidates:
        day = cand.date.event_date if cand.date else None
        loc = (cand.mention.country_code, cand.mention.admin1_code)
        key = (day, cand.date is None, tuple(cand.actors1[:1]), loc)
        groups.setdefault(key, []).append(cand)
    merged = []
    for group in groups.values():
        # Within one division on one day, province-level rows absorb town rows of that
        # division's namesake capital only; distinct towns stay distinct events.
        by_place: dict[Any, list[Candidate]] = {}
        province = [c for c in group if c.mention.kind == "admin1"]
        for cand in group:
            place_key = cand.mention.geonameid
            if province and (
                cand.mention.kind == "city" and _is_capital(cand.mention, province[0].mention)
            ):
                place_key = province[0].mention.geonameid
            by_place.setdefault(place_key, []).append(cand)
        for items in by_place.values():
            items.sort(key=lambda c: (_RANK.get(c.sub_event, 99), c.sentence))
            head = items[0]
            if province and any(
                c.mention.geonameid == province[0].mention.geonameid for c in items
            ):
                head.mention = (
                    province[0].mention if head.mention.kind != "admin1" else head.mention
                )
            for other in items[1:]:
                head.extra_quotes.append(other.quote)
                head.extra_quotes.extend(other.extra_quotes)
                if other.fatalities.coded > head.fatalities.coded:
                    head.fatalities = other.fatalities
                for ref in other.actors2:
                    if ref not in head.actors2:
                        head.actors2.append(ref)
            merged.append(head)
    return merged


def _is_capital(town: Mention, province: Mention) -> bool:
    capital = province.raw.get("capital") or {}
    return capital.get("geonameid") == town.geonameid
