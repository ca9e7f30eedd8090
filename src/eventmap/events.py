"""ACLED-style events from one article: what happened, where, when, by whom, how many died.

Sentence by sentence: trigger words give the event type, the geoparser's event locations
give where, the date rules give when (own date, or inherited by a sentence that continues a
dated report: 'The agency also noted...'), the actor table gives who, and the fatality rules
give how many. Undated lede sentences fold into the dated event they announce; anything left
without a date is background, never a dated event. Rows are then merged by ACLED's atomicity
(actor pair x location x day), keeping the event type highest in the hierarchy.

Every row keeps its quote and offsets, who claims it and whether that is a party to the
conflict (then verified is False): claims stay claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from eventmap.actors import ActorTable, MediaTable, Span, default_actors, default_media, demonyms
from eventmap.article import Article
from eventmap.dates import DateRef, find_dates
from eventmap.fatalities import Fatalities, find_fatalities
from eventmap.geoparse import Geoparser, Mention, default_geoparser, sentence_bounds
from eventmap.schema import (
    CLAIM_COLUMNS,
    DISORDER_BY_EVENT_TYPE,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SUB_EVENT_TO_TYPE,
)

# Trigger phrases -> ACLED sub-event type. Order within a sentence does not matter: each
# location takes its nearest trigger.
_TRIGGERS: tuple[tuple[str, str], ...] = (
    (
        r"air\s*strikes?|air\s*raids?|aerial\s+(?:bombardment|strikes?|attacks?)|bombing\s+"
        r"(?:campaign|raids?)|drone\s+(?:strikes?|attacks?)|warplanes?\s+(?:struck|bombed|hit|"
        r"pounded|targeted)|bombarded\s+from\s+the\s+air",
        "Air/drone strike",
    ),
    (
        r"artillery|shelling|shelled|missile\s+(?:fire|strikes?|attacks?)|rocket\s+(?:fire|"
        r"attacks?)|mortars?|barrage|rockets?\s+(?:hit|struck|landed)",
        "Shelling/artillery/missile attack",
    ),
    (r"suicide\s+(?:bomb(?:er|ing)?|attack)", "Suicide bomb"),
    (
        r"(?:roadside|car|truck)\s+bomb|improvised\s+explosive|IEDs?|landmines?|explosive\s+device",
        "Remote explosive/landmine/IED",
    ),
    (r"grenades?", "Grenade"),
    (r"chemical\s+(?:weapons?|attack)", "Chemical weapon"),
    (r"recaptured|retook|regained\s+control|took\s+back", "Government regains territory"),
    (
        r"captured|seized|overran|took\s+control|(?:swift|rapid|major|significant)?\s*gains|"
        r"advanced\s+(?:into|on)|retreat(?:ed|ing)?|withdr(?:ew|awn|awal)\s+from|fell\s+to",
        "Non-state actor overtakes territory",
    ),
    (
        r"clash(?:es|ed)?|fighting|fought|battles?|firefights?|gunfights?|assault|offensive|"
        r"exchange\s+of\s+fire",
        "Armed clash",
    ),
    (r"massacred?|executed|killed\s+(?:\w+\s+){0,2}civilians", "Attack"),
    (r"abduct(?:ed|ion)|kidnapp(?:ed|ing)", "Abduction/forced disappearance"),
    (r"arrest(?:ed|s)?|detained", "Arrests"),
    (
        r"redeploy(?:ed|ment)?|repositioned|reinforcements?|deployed|mobili[sz]ed|"
        r"defensive\s+(?:perimeter|lines?)",
        "Change to group/activity",
    ),
    (r"ceasefire|truce|agreement|deal\s+to", "Agreement"),
    (r"looted|looting|torched|set\s+(?:on\s+)?fire", "Looting/property destruction"),
    (r"protest(?:s|ed|ers)?|demonstrat(?:ion|ors|ed)|rall(?:y|ies)", "Peaceful protest"),
)
_TRIGGER_RE = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), sub) for p, sub in _TRIGGERS]
# Air forces doing something violent also make an air strike ('air forces ... targeted').
_AIR_ACTOR = re.compile(
    r"\b(?:air\s+forces?|warplanes|aircraft|jets|helicopters?)\b", re.IGNORECASE
)
_ATTACK_VERB = re.compile(
    r"\b(?:targeted|struck|hit|bombed|pounded|eliminated|conducted|"
    r"carried\s+out|launched|destroyed)\b",
    re.IGNORECASE,
)
# Triggers in a purpose clause describe what did not (yet) happen: 'to counter attacks'.
_PURPOSE_BEFORE = re.compile(
    r"\b(?:to\s+(?:counter|prevent|repel|deter|stop|avert)|"
    r"against\s+(?:possible|potential|future))\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# ACLED's hierarchy when one actor pair, place and day hold several types: the first wins.
_HIERARCHY: tuple[str, ...] = (
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
_RANK = {sub: i for i, sub in enumerate(_HIERARCHY)}

_CONTINUES_REPORT = re.compile(
    r"^\s*(?:the\s+(?:agency|ministry|military|army|source|statement|report)\b|it\s+"
    r"(?:also|further|added)\b|additionally\b|also\b|further(?:more)?\b|moreover\b)|"
    r"\b(?:also|further)\s+(?:noted|said|reported|stated|revealed|added|claimed)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"^\s*(?:these|the|those|such)\s+(?:strikes|attacks|raids|clashes|"
    r"operations|bombings|assaults|shelling)\b",
    re.IGNORECASE,
)
_AGGREGATE = re.compile(
    r"\ba\s+total\s+of\b|\bso\s+far\b|\bsince\s+the\s+(?:start|beginning)"
    r"\b|\bin\s+total\b|\baltogether\b",
    re.IGNORECASE,
)
_CLAIM = re.compile(
    r"\bclaim(?:s|ed)?\b|\ballege(?:d|s)?\b|\ballegations?\b|\bsuggested\s+"
    r"that\b|\baccused\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"read\s+(?:the\s+)?full\s+article|contributed\s+to\s+this\s+report|"
    r"click\s+here|subscribe\s+to|follow\s+us",
    re.IGNORECASE,
)
_SPEAKER = re.compile(
    r"((?:[A-Z][\w.'-]+\s+){1,5})(?:has\s+|had\s+)?(?:suggested|said|"
    r"claimed|alleged|stated|pledged|warned|accused)\b"
)
_MILITARY_SOURCE = re.compile(
    r"citing\s+(?:a\s+)?(?:military|army|security)\s+sources?|"
    r"military\s+sources?\s+said",
    re.IGNORECASE,
)
_LEDE_SENTENCES = 3
_NAMESAKE_PRECISION = 2


@dataclass
class _Candidate:
    sub_event: str
    mention: Mention
    sentence: int
    quote: tuple[int, int]
    trigger: tuple[int, int]
    actors1: list[str]
    actors2: list[str]
    actor_texts1: list[str]
    actor_texts2: list[str]
    date: DateRef | None
    date_source: str
    fatalities: Fatalities
    claimed_by: str | None
    party_claim: bool
    extra_quotes: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class EventTables:
    """What one article says: dated events, every place mention, and claims."""

    events: pd.DataFrame
    place_mentions: pd.DataFrame
    claims: pd.DataFrame
    article: Article


class EventExtractor:
    """Holds the vocabularies and the geoparser; ``extract(article)`` does the work."""

    def __init__(
        self,
        geoparser: Geoparser | None = None,
        actors: ActorTable | None = None,
        media: MediaTable | None = None,
    ) -> None:
        self.geoparser = geoparser or default_geoparser()
        self.actors = actors or default_actors()
        self.media = media or default_media()
        self.demonyms = demonyms()

    def extract(self, article: Article) -> EventTables:
        text = article.text
        mentions = self.geoparser.parse(text)
        country = _dominant_country(mentions)
        sentences = sentence_bounds(text)
        skip = self._skipped(text, sentences, article)
        candidates: list[_Candidate] = []
        claims: list[dict[str, Any]] = []
        last_report: tuple[DateRef, str | None, bool] | None = None
        last_events: list[_Candidate] = []
        last_source: tuple[str | None, bool] = (None, False)
        body_index = 0
        previous_named: list[str] = []  # named actors of the last sentence that had any
        for i, (s, e) in enumerate(sentences):
            if i in skip:
                continue
            sentence = text[s:e]
            body_index += 1
            source, party = self._attribution(sentence, country, last_source)
            if source:
                last_source = (source, party)
            spans = self._actors(sentence, s, country, previous_named)
            previous_named = [sp.ref for sp in spans if not sp.generic] or previous_named
            dates = find_dates(sentence, article.published, s)
            fatal = find_fatalities(sentence, s)
            if _AGGREGATE.search(sentence) or _CLAIM.search(sentence):
                claims.append(self._claim(article, sentence, s, e, fatal, source, party))
                if _AGGREGATE.search(sentence):
                    continue  # totals over many days and places are claims, not events
            if _ANAPHORA.match(sentence) and last_events:
                for cand in last_events:
                    cand.extra_quotes.append((s, e))
                    if fatal.text and fatal.coded >= cand.fatalities.coded:
                        cand.fatalities = fatal
                continue
            own = dates[0] if dates else None
            date, date_source = own, "own" if own else "none"
            if own is not None and own.precision == 1:
                last_report = (own, source, party)
            if own is None and last_report is not None and _CONTINUES_REPORT.search(sentence):
                date, date_source = last_report[0], "inherited"
                if not source:
                    source, party = last_report[1], last_report[2]
            if own is None and date is None and body_index <= _LEDE_SENTENCES:
                date_source = "lede"
            found = self._sentence_events(
                text, sentence, s, e, i, mentions, spans, date, date_source, fatal, source, party
            )
            if found:
                last_events = found
                candidates.extend(found)
        events = _merge(_order_actors(_fold_lede(candidates), self.actors))
        return EventTables(
            events=_events_frame(article, events, text, self.actors),
            place_mentions=mentions_frame(mentions, article.id, text),
            claims=pd.DataFrame(claims, columns=list(CLAIM_COLUMNS)),
            article=article,
        )

    # ------------------------------------------------------------------ sentence parts

    @staticmethod
    def _skipped(text: str, sentences: list[tuple[int, int]], article: Article) -> set[int]:
        """Headline (restates the story), boilerplate and bylines carry no events."""
        skip = set()
        for i, (s, e) in enumerate(sentences):
            sentence = text[s:e].strip()
            if _BOILERPLATE.search(sentence) or (
                i == 0 and article.title and sentence.startswith(article.title.strip()[:40])
            ):
                skip.add(i)
        return skip

    def _triggers(self, sentence: str, offset: int) -> list[tuple[int, int, str]]:
        found = []
        for pattern, sub in _TRIGGER_RE:
            for m in pattern.finditer(sentence):
                if _PURPOSE_BEFORE.search(sentence[: m.start()]):
                    continue
                found.append((offset + m.start(), offset + m.end(), sub))
        if _AIR_ACTOR.search(sentence) and _ATTACK_VERB.search(sentence):
            m = _AIR_ACTOR.search(sentence)
            if not any(sub == "Air/drone strike" for *_, sub in found):
                found.append((offset + m.start(), offset + m.end(), "Air/drone strike"))
        return sorted(found)

    def _actors(
        self, sentence: str, offset: int, country: str | None, previous_named: list[str]
    ) -> list[Span]:
        spans = []
        for sp in self.actors.find(sentence, country):
            spans.append(Span(offset + sp.start, offset + sp.end, sp.text, sp.ref, sp.generic))
            # 'Russian and Syrian warplanes': the demonym before 'and' shares the noun.
            m = re.search(r"\b([A-Z][a-z]+)\s+and\s+$", sentence[: sp.start])
            if m and m.group(1) in self.demonyms:
                noun = sp.text.split(" ", 1)[1] if " " in sp.text else ""
                other = self.actors.find(f"{m.group(1)} {noun}", country) if noun else []
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
                actor = self.actors.by_name(sp.ref)
                if before.strip() == "the" and actor is not None:
                    named = next(
                        (
                            n
                            for n in previous_named
                            if (a := self.actors.by_name(n)) and a.side == actor.side
                        ),
                        None,
                    )
                    if named:
                        sp = Span(sp.start, sp.end, sp.text, named, False)
            resolved.append(sp)
        return sorted(resolved, key=lambda sp: sp.start)

    def _attribution(
        self, sentence: str, country: str | None, last: tuple[str | None, bool]
    ) -> tuple[str | None, bool]:
        """Who says so, and whether that is a party to the conflict."""
        media = [m for m in self.media.find(sentence) if m.ref != "Telegram"]
        if re.search(r"\bthe\s+agency\b", sentence, re.IGNORECASE) and last[0]:
            return last
        if media:
            outlet = media[0].ref
            party = self.media.parties.get(outlet)
            short = media[0].text
            if party:
                who = "Syrian military source" if _MILITARY_SOURCE.search(sentence) else party
                return f"{who} via {short}", True
            return short, False
        for sp in self.actors.find(sentence, country):
            after = sentence[sp.end : sp.end + 40]
            if re.match(
                r"\s+(?:has\s+|have\s+)?(?:revealed|said|announced|claimed|stated|"
                r"reported|characteri[sz]ed)\b",
                after,
            ):
                return sp.ref, True
        if re.search(r"\bmedia\s+claim|\breports?\s+from\b", sentence, re.IGNORECASE):
            dem = re.search(r"\b([A-Z][a-z]+)\s+media\b", sentence)
            return (f"{dem.group(1)} media" if dem else "media reports"), bool(dem)
        return None, False

    def _sentence_events(
        self,
        text: str,
        sentence: str,
        s: int,
        e: int,
        index: int,
        mentions: list[Mention],
        spans: list[Span],
        date: DateRef | None,
        date_source: str,
        fatal: Fatalities,
        source: str | None,
        party: bool,
    ) -> list[_Candidate]:
        triggers = self._triggers(sentence, s)
        if not triggers:
            return []
        places = [
            m
            for m in mentions
            if s <= m.start < e
            and m.resolved
            and m.role == "event_location"
            and m.kind in ("city", "admin1", "admin2")
        ]
        found = []
        for place in places:
            start, end, sub = min(triggers, key=lambda t: _distance(t, place))
            before = [sp for sp in spans if sp.end <= start]
            after = [sp for sp in spans if sp.start >= end]
            actors1, actors2 = _pair(before, after, self.actors)
            if _RETREAT.match(text[start:end]):
                # 'the army retreated from Hama': the side that took it is actor 1.
                actors1, actors2 = actors2, actors1
            found.append(
                _Candidate(
                    sub_event=sub,
                    mention=place,
                    sentence=index,
                    quote=(s, e),
                    trigger=(start, end),
                    actors1=[a.ref for a in actors1],
                    actors2=[a.ref for a in actors2],
                    actor_texts1=[a.text for a in actors1],
                    actor_texts2=[a.text for a in actors2],
                    date=date,
                    date_source=date_source,
                    fatalities=fatal,
                    claimed_by=source,
                    party_claim=party,
                )
            )
        return found

    def _claim(
        self,
        article: Article,
        sentence: str,
        s: int,
        e: int,
        fatal: Fatalities,
        source: str | None,
        party: bool,
    ) -> dict[str, Any]:
        speaker = _SPEAKER.search(sentence)
        marker = _CLAIM.search(sentence)
        # The speaker must be the one making this claim, not someone earlier in the sentence
        # ('Assad pledged ..., amid claims that ...' is nobody's claim in particular).
        if (
            speaker
            and marker
            and speaker.end() < marker.start() - 1
            and not re.match(r"suggested|claimed|alleged|accused", sentence[marker.start() :])
        ):
            speaker = None
        who = source or (speaker.group(1).strip() if speaker else None)
        number = re.search(r"\b\d{1,3}(?:,\d{3})+|\b\d+\b", sentence)
        quantity = fatal.text or (number.group(0) if number else None)
        low = (
            fatal.low if fatal.text else (int(number.group(0).replace(",", "")) if number else None)
        )
        places = [m for m in self.geoparser.parse(sentence) if m.resolved and m.kind == "admin1"]
        return {
            "claim_id": _stable_id(article.id, "claim", str(s)),
            "article_id": article.id,
            "claim_text": sentence.strip(),
            "quantity_text": quantity,
            "quantity_low": low,
            "quantity_high": fatal.high,
            "claimed_by": who,
            "verified": False,
            "location": places[0].name if places else None,
            "admin1": places[0].admin1 if places else None,
            "quote": sentence.strip(),
            "quote_start": s,
            "quote_end": e,
        }


def _distance(trigger: tuple[int, int, str], m: Mention) -> int:
    return min(abs(trigger[0] - m.end), abs(m.start - trigger[1]))


def _pair(
    before: list[Span], after: list[Span], table: ActorTable
) -> tuple[list[Span], list[Span]]:
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
            key=lambda sp: (_SIDE_ORDER.get(side(sp), 9), sp.start),
        )
        targets = [sp for sp in after if side(sp) not in group]
        if not targets:
            targets = [sp for sp in first if side(sp) not in group]
        return _unique(actors1), _unique(targets)
    return [], _unique(after)


_SIDE_ORDER = {"state": 0, "rebel": 1, "state_ally": 2, "other": 3, "unknown": 4}
_RETREAT = re.compile(r"^(?:retreat|withdr)", re.IGNORECASE)


def _unique(spans: list[Span]) -> list[Span]:
    seen, out = set(), []
    for sp in spans:
        if sp.ref not in seen:
            seen.add(sp.ref)
            out.append(sp)
    return out


def _dominant_country(mentions: Iterable[Mention]) -> str | None:
    votes = Counter(
        m.country_code for m in mentions if m.resolved and m.country_code and m.role != "in_name"
    )
    return votes.most_common(1)[0][0] if votes else None


def _fold_lede(candidates: list[_Candidate]) -> list[_Candidate]:
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


def _order_actors(candidates: list[_Candidate], table: ActorTable) -> list[_Candidate]:
    """A joint operation is coded with the state first and its allies as associates."""
    for c in candidates:
        order = sorted(
            range(len(c.actors1)),
            key=lambda k: _SIDE_ORDER.get(
                getattr(table.by_name(c.actors1[k]), "side", "unknown"), 9
            ),
        )
        c.actors1 = [c.actors1[k] for k in order]
        c.actor_texts1 = [c.actor_texts1[k] for k in order]
    return candidates


def _province_level(m: Mention) -> bool:
    return m.kind == "admin1"


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    """ACLED atomicity: one row per actor pair x location x day, highest type kept."""
    groups: dict[tuple[Any, ...], list[_Candidate]] = {}
    for cand in candidates:
        day = cand.date.event_date if cand.date else None
        loc = (cand.mention.country_code, cand.mention.admin1_code)
        key = (day, cand.date is None, tuple(cand.actors1[:1]), loc)
        groups.setdefault(key, []).append(cand)
    merged = []
    for group in groups.values():
        # Within one division on one day, province-level rows absorb town rows of that
        # division's namesake capital only; distinct towns stay distinct events.
        by_place: dict[Any, list[_Candidate]] = {}
        province = [c for c in group if _province_level(c.mention)]
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


def _stable_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def _geo_precision(m: Mention) -> int:
    if m.kind in ("admin1", "admin2"):
        return 3  # a province or a county: ACLED's 'larger region' (a US county at its centre)
    if m.qualifier == "direction":
        return 2
    if m.qualifier_text and "city" in m.qualifier_text:
        return 1  # 'the city of Hama' is the town itself
    namesake = (m.admin1 or "").lower() == (m.text or "").lower()
    return _NAMESAKE_PRECISION if namesake else 1


def _point(m: Mention) -> tuple[float, float, str, int | None]:
    """ACLED codes province-level events to the provincial capital."""
    if m.kind == "admin1" and m.raw.get("capital"):
        cap = m.raw["capital"]
        return cap["latitude"], cap["longitude"], m.admin1 or m.name or m.text, cap["geonameid"]
    name = m.text if m.raw.get("match") in ("name", "alternate") else (m.name or m.text)
    return m.latitude, m.longitude, name, m.geonameid


def _events_frame(
    article: Article, cands: list[_Candidate], text: str, table: ActorTable
) -> pd.DataFrame:
    rows = []
    for c in cands:
        m = c.mention
        lat, lon, location, gid = _point(m)
        sub = c.sub_event
        etype = SUB_EVENT_TO_TYPE[sub]
        a1 = c.actors1[0] if c.actors1 else None
        a2 = c.actors2[0] if c.actors2 else None
        actor1, actor2 = table.by_name(a1) if a1 else None, table.by_name(a2) if a2 else None
        date = c.date.event_date if c.date else None
        mention_type = "event" if c.date is not None else "background"
        quote_start, quote_end = c.quote
        quote = text[quote_start:quote_end].strip()
        fat = c.fatalities
        verified = False if c.party_claim else None
        confidence = min(
            m.confidence,
            {"own": 0.9, "inherited": 0.75, "lede": 0.5, "none": 0.5}[c.date_source]
            if c.date
            else 0.5,
            0.9 if a1 and not all(table.is_generic(t) for t in c.actor_texts1) else 0.7,
        )
        key = _stable_id(article.id, str(date), sub, a1 or "", str(gid), mention_type)
        iso3 = _iso3(m.country_code)
        notes = _notes(c, date, location)
        rows.append(
            {
                "event_id_cnty": f"{iso3}-EM-{key[:8]}",
                "event_date": date.isoformat() if date else None,
                "year": date.year if date else None,
                "time_precision": c.date.precision if c.date else None,
                "disorder_type": DISORDER_BY_EVENT_TYPE[etype],
                "event_type": etype,
                "sub_event_type": sub,
                "actor1": a1,
                "assoc_actor_1": "; ".join(c.actors1[1:]) or None,
                "inter1": actor1.inter if actor1 else None,
                "actor2": a2,
                "assoc_actor_2": "; ".join(c.actors2[1:]) or None,
                "inter2": actor2.inter if actor2 else None,
                "interaction": _interaction(actor1, actor2),
                "civilian_targeting": "Civilian targeting"
                if actor2 and actor2.side == "civilians"
                else None,
                "iso": _iso_numeric(m.country_code),
                "region": None,
                "country": m.raw.get("country_name"),
                "admin1": m.admin1,
                "admin2": None,
                "admin3": None,
                "location": location,
                "latitude": lat,
                "longitude": lon,
                "geo_precision": _geo_precision(m),
                "source": article.source,
                "source_scale": None,
                "notes": notes,
                "fatalities": fat.coded,
                "tags": None,
                "timestamp": None,
                "event_id": key,
                "article_id": article.id,
                "date_start": c.date.date_start.isoformat() if c.date else None,
                "date_end": c.date.date_end.isoformat() if c.date else None,
                "date_text": c.date.text if c.date else None,
                "actor1_text": "; ".join(c.actor_texts1) or None,
                "actor2_text": "; ".join(c.actor_texts2) or None,
                "actor1_side": actor1.side if actor1 else "unknown",
                "actor2_side": actor2.side if actor2 else None,
                "geonameid": gid,
                "location_kind": m.kind,
                "location_text": text[m.start : m.end],
                "location_start": m.start,
                "location_end": m.end,
                "fatalities_text": fat.text,
                "fatalities_low": fat.low,
                "fatalities_high": fat.high,
                "claimed_by": c.claimed_by,
                "verified": verified,
                "source_chain": " > ".join(article.source_chain) or None,
                "quote": quote,
                "quote_start": quote_start,
                "quote_end": quote_end,
                "mention_type": mention_type,
                "confidence": round(confidence, 2),
            }
        )
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    order = frame["mention_type"].map({"event": 0, "background": 1})
    frame = (
        frame.assign(_o=order)
        .sort_values(
            ["_o", "event_date", "location_start", "sub_event_type"],
            na_position="last",
            kind="stable",
        )
        .drop(columns="_o")
        .reset_index(drop=True)
    )
    return frame


def _interaction(a1: Any, a2: Any) -> int | None:
    if a1 is None:
        return None
    codes = sorted(x.inter for x in (a1, a2) if x is not None)
    return int("".join(map(str, codes))) if len(codes) == 2 else int(f"{codes[0]}0")


def _iso3(country_code: str | None) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=country_code) if country_code else None
    return c.alpha_3 if c else (country_code or "XXX")


def _iso_numeric(country_code: str | None) -> int | None:
    if not country_code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=country_code)
    return int(c.numeric) if c else None


def _notes(c: _Candidate, date: dt.date | None, location: str) -> str:
    when = (
        f"On {date:%-d %B %Y}"
        if date and c.date and c.date.precision == 1
        else (
            f"Around {date:%-d %B %Y} ({c.date.text})"
            if date and c.date
            else "Undated (background)"
        )
    )
    who = " and ".join(c.actor_texts1) or "unidentified forces"
    whom = f" against {', '.join(c.actor_texts2)}" if c.actor_texts2 else ""
    claim = (
        f" Claimed by {c.claimed_by}; not independently verified."
        if c.party_claim
        else (f" Reported by {c.claimed_by}." if c.claimed_by else "")
    )
    fat = (
        f" Fatalities reported as '{c.fatalities.text}' (coded {c.fatalities.coded})."
        if c.fatalities.text
        else ""
    )
    return f"{when}, {who}: {c.sub_event.lower()}{whom} in {location}.{fat}{claim}"


def mentions_frame(mentions: list[Mention], article_id: str, text: str = "") -> pd.DataFrame:
    """Every toponym with its role, resolved or not (unresolved ones say why)."""
    rows = []
    for m in mentions:
        rows.append(
            {
                "article_id": article_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "name": m.name,
                "resolved": m.resolved,
                "latitude": m.latitude,
                "longitude": m.longitude,
                "geonameid": m.geonameid,
                "kind": m.kind,
                "country_code": m.country_code,
                "admin1": m.admin1,
                "admin1_code": m.admin1_code,
                "admin1_iso": m.admin1_iso,
                "qualifier": m.qualifier,
                "role": m.role,
                "confidence": m.confidence,
                "reason": m.reason,
                "sentence": text[m.sentence_start : m.sentence_end].strip() if text else None,
            }
        )
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


_DEFAULT: EventExtractor | None = None


def extract_events(article: Article, *, extractor: EventExtractor | None = None) -> EventTables:
    """Events, place mentions and claims of one article (see module docstring)."""
    global _DEFAULT
    if extractor is None:
        if _DEFAULT is None:
            _DEFAULT = EventExtractor()
        extractor = _DEFAULT
    return extractor.extract(article)
