"""The event extractor: walks an article's sentences through the stages, in order.

It owns what the stages share (the geoparser, the actor and media tables, the demonyms) and
the state carried from sentence to sentence: the last dated report (its date is inherited by
'The agency also noted...'), the last source ('the agency'), the last events (which 'These
strikes...' add to) and the last named actors ('the jihadists' after a sentence naming them).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from typing import Any

import pandas as pd

from eventmap.actors import ActorTable, MediaTable, default_actors, default_media, demonyms
from eventmap.article import Article
from eventmap.dates import find_dates
from eventmap.events.actors import sentence_actors
from eventmap.events.claims import CLAIM, attribution, claim_row
from eventmap.events.code import fold_lede, merge, order_actors
from eventmap.events.frame import event_rows, mention_rows
from eventmap.events.incident import (
    first_place,
    incident_date,
    reads_incident,
    redate,
    report_tolls,
    violent_sentence,
    violent_trigger,
)
from eventmap.events.locate import dominant_country, sentence_events
from eventmap.events.lookup import PlaceLookup, only_sure_towns
from eventmap.events.model import Candidate
from eventmap.events.readings import Readings
from eventmap.events.scene import scene_phrases
from eventmap.events.sentences import (
    AGGREGATE,
    ANAPHORA,
    CONTINUES_REPORT,
    LEDE_SENTENCES,
    SHORT_REPORT_CHARS,
    skipped,
)
from eventmap.events.speakers import Speakers
from eventmap.events.triggers import ESCALATES, escalation, find_triggers
from eventmap.events.us_cues import Relocator, police_quoted
from eventmap.events.us_state import in_state, state_context
from eventmap.events.villages import Villages, cued_countries
from eventmap.fatalities import add_tolls, find_fatalities
from eventmap.geoparse import Geoparser, Mention, default_geoparser, sentence_bounds
from eventmap.literal_gate import article as gate_article
from eventmap.literal_gate import gated
from eventmap.schema import CLAIM_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

# Asked of every sentence; gated (literal_gate), the article's one literal scan rules most
# sentences out instead of an IGNORECASE pass each. The answers are the patterns' own.
_AGGREGATE = gated(AGGREGATE)
_CLAIM = gated(CLAIM)


class EventTables:
    """What one article says: dated events, every place mention, and claims.

    The tables are built on first use from their rows (``event_rows``...): a caller that only
    needs the rows, such as the batch interface over thousands of short texts, never pays for
    three DataFrames per text."""

    def __init__(
        self,
        event_rows: list[dict],
        mention_rows: list[dict],
        claim_rows: list[dict],
        article: Article,
    ) -> None:
        self.event_rows = event_rows
        self.mention_rows = mention_rows
        self.claim_rows = claim_rows
        self.article = article
        self._tables: dict[str, pd.DataFrame] = {}

    def _table(self, name: str, rows: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
        if name not in self._tables:
            self._tables[name] = pd.DataFrame(rows, columns=list(columns))
        return self._tables[name]

    @property
    def events(self) -> pd.DataFrame:
        return self._table("events", self.event_rows, EVENT_COLUMNS)

    @property
    def place_mentions(self) -> pd.DataFrame:
        return self._table("place_mentions", self.mention_rows, MENTION_COLUMNS)

    @property
    def claims(self) -> pd.DataFrame:
        return self._table("claims", self.claim_rows, CLAIM_COLUMNS)


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
        self.places = PlaceLookup(self.geoparser.geocoder, self.actors)
        self._relocator = Relocator(self.geoparser.geocoder)
        self.villages = Villages(self.geoparser.geocoder)

    def extract(self, article: Article) -> EventTables:
        text = article.text
        gate_article(text)  # the lexicons' literals found once, not per sentence and clause
        mentions = self.geoparser.parse(text)
        ordered = sorted(mentions, key=lambda m: m.start)  # each sentence takes its slice
        starts = [m.start for m in ordered]
        country = dominant_country(mentions)
        sentences = sentence_bounds(text)
        skip = skipped(text, sentences, article)
        candidates: list[Candidate] = []
        claims: list[dict[str, Any]] = []
        read = Readings(text, sentences, article.published)  # tolls and dates, on demand
        last_events: list[Candidate] = []
        speakers = Speakers(
            lambda sentence, last: attribution(sentence, country, last, self.media, self.actors)
        )
        body_index = 0
        previous_named: list[str] = []  # named actors of the last sentence that had any
        homes: set[str] = set()  # countries the article's rebels and militias belong to
        # Once per article, only if a sentence needs it (per sentence: quadratic in its size).
        article_countries = functools.cache(lambda: _countries(mentions) | cued_countries(text))
        for i, (s, e) in enumerate(sentences):
            if i in skip:
                continue
            sentence = text[s:e]
            body_index += 1
            pos = speakers.add(sentence)  # who speaks is read only where it is used
            spans = sentence_actors(
                sentence, s, country, previous_named, self.actors, self.demonyms
            )
            previous_named = [sp.ref for sp in spans if not sp.generic] or previous_named
            homes.update(self.places.homes(spans))
            if _AGGREGATE.search(sentence) or _CLAIM.search(sentence):
                source, party = speakers.source(pos)
                claims.append(
                    claim_row(article, sentence, s, e, read.toll(i), source, party, self.geoparser)
                )
                if _AGGREGATE.search(sentence):
                    continue  # totals over many days and places are claims, not events
            if last_events and ANAPHORA.match(sentence):
                fatal = read.toll(i)
                for cand in last_events:
                    cand.extra_quotes.append((s, e))
                    if fatal.text and fatal.coded >= cand.fatalities.coded:
                        cand.fatalities = fatal
                continue
            read.may_report(i, pos)  # a later sentence may continue its report
            if not find_triggers(sentence, s):  # no trigger, no event: spare the rest
                found = []
            else:
                own = read.date(i)
                date, date_source = own, "own" if own else "none"
                report = None
                if own is None and CONTINUES_REPORT.search(sentence):
                    last_report = read.last_report()  # its date, the position of its source
                    if last_report is not None:
                        date, date_source = last_report[0], "inherited"
                        report = last_report[1]
                if own is None and date is None and body_index <= LEDE_SENTENCES:
                    date_source = "lede"
                fatal = read.toll(i)
                source, party = speakers.source(pos)
                if report is not None and not source:
                    source, party = speakers.source(report)
                found = sentence_events(
                    text,
                    sentence,
                    s,
                    e,
                    i,
                    ordered[bisect_left(starts, s) : bisect_left(starts, e)],
                    spans,
                    date,
                    date_source,
                    fatal,
                    source,
                    party,
                    self.actors,
                    resolve=self.places.within,
                    senses=self.places.senses,
                )
                if not found:  # only names the gazetteer lacks: a village list's province
                    day = date.date_start if date is not None else article.published
                    inside = ordered[bisect_left(starts, s) : bisect_left(starts, e)]
                    args = (spans, date, date_source, fatal, source, party)
                    found = _village_events(
                        self, text, (s, e, i), inside, args, country, day, candidates,
                        homes | article_countries(),
                    )  # fmt: skip
            if found:
                last_events = found
                candidates.extend(found)
            elif last_events:
                fatal = read.toll(i)
                if fatal.coded or fatal.wounded:
                    # 'Two soldiers died.' after the event sentence: the same event's toll.
                    for cand in last_events:
                        cand.fatalities = add_tolls(cand.fatalities, fatal, sentence)
                # 'Police raided the area. A shoot-out broke out.': the operation turned
                # into the fight the very next sentence tells (not a claim about it).
                turned = (
                    escalation(sentence)
                    if last_events[0].sentence == i - 1 and not _CLAIM.search(sentence)
                    else None
                )
                for cand in last_events:
                    if turned and cand.sub_event in ESCALATES:
                        cand.sub_event = turned
                        cand.extra_quotes.append((s, e))
        candidates = self.places.at_home(candidates, mentions, homes)
        candidates = self.places.to_front(candidates, text, article.published)
        candidates = self.villages.to_front(candidates, text, article.published)
        candidates = only_sure_towns(candidates, mentions, text)
        if not candidates:
            candidates = self._short_report(article, sentences, skip, mentions, country)
        context = state_context(
            text, mentions, article.title, article.outlet or article.url, self._relocator
        )
        foreign = country != "US" and not (context.dateline or context.local)
        if foreign and not police_quoted(text, context.home):  # 'Georgia' abroad; not a US
            context.state = None  # outlet's 'Norfolk' nor a report quoting 'Memphis Police'
        candidates = in_state(candidates, context, self._relocator)
        local = context.state is not None
        candidates = redate(candidates, text, article.published, local)
        if reads_incident(candidates, text, local):  # no dated event, or only steps' days
            incident = self._report_incident(article, read, skip, ordered, context)
            candidates = incident + candidates
        if local or country == "US":
            candidates = report_tolls(candidates, text, article.title, sentences)
        events = merge(order_actors(fold_lede(candidates), self.actors))
        return EventTables(
            event_rows=event_rows(article, events, text, self.actors),
            mention_rows=mention_rows(mentions, article.id, text),
            claim_rows=claims,
            article=article,
        )

    def _report_incident(
        self,
        article: Article,
        read: Readings,
        skip: set[int],
        mentions: list[Mention],
        context: Any,
    ) -> list[Candidate]:
        """A report no sentence of which gave a dated event: its incident, read from the whole
        report (see events/incident.py): its first violent sentence, however late (a report
        may open on a hearing or a vigil), or nothing when no sentence is violent."""
        text, sentences = article.text, read.sentences
        body = [i for i in range(len(sentences)) if i not in skip]
        if not body:
            return []
        lede_end = sentences[body[min(len(body) - 1, 3)]][1]
        starts = [m.start for m in mentions]
        country = "US" if context.state is not None else dominant_country(mentions)
        for i in body:
            s, e = sentences[i]
            sentence = text[s:e]
            if _AGGREGATE.search(sentence):
                continue
            date, date_source = incident_date(text, sentences, i, article.published)
            fatal = read.toll(i)
            for k in range(i + 1, min(i + 4, len(sentences))):
                more = read.toll(k)
                if more.coded > fatal.coded:
                    fatal = more
            spans = sentence_actors(sentence, s, country, [], self.actors, self.demonyms)
            args = (spans, date, date_source, fatal, None, False, self.actors)
            inside = mentions[bisect_left(starts, s) : bisect_left(starts, e)]
            found = sentence_events(
                text,
                sentence,
                s,
                e,
                i,
                inside,
                *args,
                resolve=self.places.within,
                senses=self.places.senses,
            )
            found = in_state([c for c in found if violent_sentence([c])], context, self._relocator)
            if not found and violent_trigger(sentence, s):
                place = first_place(text, mentions, context, self._relocator, lede_end)
                if place is not None:
                    found = sentence_events(text, sentence, s, e, i, [], *args, places=[place])
            if found:
                return found[:1]
        return []

    def _short_report(
        self,
        article: Article,
        sentences: list[tuple[int, int]],
        skip: set[int],
        mentions: list,
        country: str | None,
    ) -> list[Candidate]:
        """A short report whose trigger and place sit in different sentences ('On 2 May,
        gunmen attacked a bus. It happened near X.'): one event, at the report's first place
        phrase, dated by the report's first date."""
        text = article.text
        if len(text) > SHORT_REPORT_CHARS:
            return []
        places = scene_phrases(
            text, mentions, 0, len(text), self.places.within, self.places.senses, False
        )[:1]
        dates = find_dates(text, article.published)
        if not places:
            return []
        for i, (s, e) in enumerate(sentences):
            if i in skip:
                continue
            sentence = text[s:e]
            spans = sentence_actors(sentence, s, country, [], self.actors, self.demonyms)
            found = sentence_events(
                text,
                sentence,
                s,
                e,
                i,
                mentions,
                spans,
                dates[0] if dates else None,
                "own" if dates else "none",
                find_fatalities(text),
                None,
                False,
                self.actors,
                places=places,
            )
            if found:
                return found[:1]
        return []


def _countries(mentions: list[Mention]) -> set[str]:
    """The countries of the article's resolved places (names inside names excluded)."""
    return {
        m.country_code for m in mentions if m.resolved and m.country_code and m.role != "in_name"
    }


def _village_events(
    x: EventExtractor,
    text: str,
    where: tuple[int, int, int],
    inside: list[Mention],
    args: tuple,
    country: str | None,
    day: Any,
    before: list[Candidate],
    supported: set[str],
) -> list[Candidate]:
    """A trigger sentence (``text[s:e]``, the ``i``-th) whose only places are names the
    gazetteer lacks: its event at the province a national list of villages, or a bracketed
    province abbreviation, places it in (events/villages.py), in a country the article
    supports (``supported``): its places', its rebels' or one its words stand for ('the OSCE
    SMM')."""
    s, e, i = where
    places = x.villages.sentence_places(inside, supported, day, before, text, s, e)
    if not places:
        return []
    spans, date, date_source, fatal, source, party = args
    sentence = text[s:e]
    if country is None:  # 'militants' of the village's country
        spans = sentence_actors(sentence, s, places[0][0].country_code, [], x.actors, x.demonyms)
    return sentence_events(
        text, sentence, s, e, i, [], spans, date, date_source, fatal, source, party,
        x.actors, places=places,
    )  # fmt: skip


_DEFAULT: EventExtractor | None = None


def extract_events(article: Article, *, extractor: EventExtractor | None = None) -> EventTables:
    """Events, place mentions and claims of one article (see the package docstring)."""
    global _DEFAULT
    if extractor is None:
        if _DEFAULT is None:
            _DEFAULT = EventExtractor()
        extractor = _DEFAULT
    return extractor.extract(article)
