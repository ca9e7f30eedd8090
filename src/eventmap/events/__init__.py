"""ACLED-style events from one article: what happened, where, when, by whom, how many died.

The stages, in the order a sentence flows through them (each module says why it exists)::

    article ─ geoparse (places and roles) ─ sentence_bounds
      │
      ├─ sentences   which sentences carry events; dates inherited, ledes, anaphora, totals
      ├─ readings    a sentence's toll and date, read once and only when a stage asks
      ├─ triggers    trigger words -> ACLED sub-event type (resources/event_triggers.tsv)
      ├─ actors      who did it and to whom: actor spans, subject and target sides
      ├─ claims      who says so (party or not); totals and allegations become claim rows
      ├─ speakers    that source read only for the sentences that use it ('the agency' said)
      ├─ phrases     place phrases: one location each, nested, unknown villages kept by name
      ├─ lookup      the gazetteer's second answers: a name inside a province, namesakes
      ├─ villages    a village the gazetteer lacks, placed in its province from a national
      │              list of settlements (Ukraine's), when the article supports that country
      ├─ surnames    the words a report writes as people's names ('Jackson says'): no places
      ├─ scene       which places may be the scene: not the hospital's town, a street, a
      │              hometown ('a Buffalo man') when the sentence names another place
      ├─ locate      each event location + its nearest trigger -> one candidate event
      ├─ us_places   US towns the gazetteer lacks (Census list), found only inside a
      │              state the report names, and only a name with one place there
      ├─ us_cues     a US local report's cues: its outlet's state, a credited station,
      │              the agencies it quotes; look-ups inside a state
      ├─ us_namesakes  which county or well-known city a bare US name means
      ├─ us_votes    how a US report's words, towns and outlet vote for its state
      ├─ us_state    the US state a local report is about (dateline, 'Town, Ga.', outlet)
      │              and its home town; events at a namesake elsewhere move inside it
      ├─ incident_day  the incident's day, not an arrest's, a hearing's or the report's;
      │              a week or month refined by the day the report gives
      ├─ incident    the report's incident when no sentence gave a dated event (place, day
      │              and toll from the whole report)
      ├─ code        ACLED atomicity (actor pair x place x day), hierarchy, lede folding
      └─ frame       ACLED columns + quote, offsets, claim, precision, confidence
                     -> EventTables(events, place_mentions, claims)

``extractor`` wires them and carries the state from sentence to sentence; ``model`` holds the
candidate event they pass along. No stage imports a later one. Every row keeps its quote and
offsets, who claims it and whether that is a party to the conflict (then verified is False):
claims stay claims.
"""

from eventmap.events.extractor import EventExtractor, EventTables, extract_events
from eventmap.events.frame import mentions_frame

__all__ = ["EventExtractor", "EventTables", "extract_events", "mentions_frame"]
