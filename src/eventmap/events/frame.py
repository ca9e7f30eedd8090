"""The output tables: ACLED's columns for each event, and one row per place mention.

Coding stops at candidates; this stage writes what a user reads. Each event row gets ACLED's
fields (event id, dates and time precision, inter codes and interaction, geo-precision,
notes) plus eventmap's own provenance: the quote and its offsets, who claims it and whether
that is verified, the location's text and kind, and a confidence. Rows are sorted so that a
re-run writes the same bytes.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from eventmap.actors import ActorTable
from eventmap.article import Article
from eventmap.events.model import Candidate, stable_id
from eventmap.geoparse import Mention
from eventmap.schema import (
    DISORDER_BY_EVENT_TYPE,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SUB_EVENT_TO_TYPE,
)

EXCESSIVE = "Excessive force against protesters"
# A town named like its province ('Hama' in Hama): ACLED's precision 2, the place is uncertain.
NAMESAKE_PRECISION = 2


def _geo_precision(m: Mention) -> int:
    if m.kind in ("admin1", "admin2"):
        return 3  # a province or a county: ACLED's 'larger region' (a US county at its centre)
    if m.qualifier == "direction":
        return 2
    if m.qualifier_text and "city" in m.qualifier_text:
        return 1  # 'the city of Hama' is the town itself
    namesake = (m.admin1 or "").lower() == (m.text or "").lower()
    return NAMESAKE_PRECISION if namesake else 1


def _point(m: Mention) -> tuple[float, float, str, int | None]:
    """ACLED codes province-level events to the provincial capital."""
    if m.kind == "admin1" and m.raw.get("capital"):
        cap = m.raw["capital"]
        return cap["latitude"], cap["longitude"], m.admin1 or m.name or m.text, cap["geonameid"]
    name = m.text if m.raw.get("match") in ("name", "alternate") else (m.name or m.text)
    return m.latitude, m.longitude, name, m.geonameid


def events_frame(
    article: Article, cands: list[Candidate], text: str, table: ActorTable
) -> pd.DataFrame:
    return pd.DataFrame(event_rows(article, cands, text, table), columns=list(EVENT_COLUMNS))


def event_rows(
    article: Article, cands: list[Candidate], text: str, table: ActorTable
) -> list[dict]:
    """The event table's rows, in its order: dated events first, then by date, place, type.

    Plain dicts, so that a caller who needs no table (a batch of short texts) pays nothing
    for building one."""
    rows = []
    for c in cands:
        m = c.mention
        lat, lon, location, gid = _point(m)
        location = c.location_name or location
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
        key = stable_id(article.id, str(date), sub, a1 or "", str(gid), mention_type)
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
                "inter1": table.inter(a1, m.country_code),
                "actor2": a2,
                "assoc_actor_2": "; ".join(c.actors2[1:]) or None,
                "inter2": table.inter(a2, m.country_code),
                "interaction": _interaction(
                    table.inter(a1, m.country_code), table.inter(a2, m.country_code)
                ),
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
                "geo_precision": c.precision or _geo_precision(m),
                "source": article.source,
                "source_scale": None,
                "notes": notes,
                # A protest nobody used lethal force on has no fatalities of its own (deaths
                # it is about happened elsewhere): ACLED's excessive-force rule.
                "fatalities": 0 if etype == "Protests" and sub != EXCESSIVE else fat.coded,
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
                "wounded": fat.wounded,
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
    rows.sort(key=_row_order)  # stable, like the table sort it replaces
    return rows


def _row_order(row: dict) -> tuple:
    date, start, sub = row["event_date"], row["location_start"], row["sub_event_type"]
    return (
        row["mention_type"] != "event",
        date is None,
        date or "",
        start is None,
        start or 0,
        sub is None,
        sub or "",
    )


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two inter codes, lower first (10 when alone)."""
    if inter1 is None:
        return None
    codes = sorted(x for x in (inter1, inter2) if x is not None)
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


def _notes(c: Candidate, date: dt.date | None, location: str) -> str:
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
    return pd.DataFrame(mention_rows(mentions, article_id, text), columns=list(MENTION_COLUMNS))


def mention_rows(mentions: list[Mention], article_id: str, text: str = "") -> list[dict]:
    """The place-mention table's rows (see ``mentions_frame``)."""
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
    return rows
