"""Who says so: the source of each sentence, and the claims that are not events.

Claims stay claims. A sentence's source is an outlet ('SANA', then 'the agency' in the next
sentences), a party speaking ('the Syrian army said'), or 'media reports'; an outlet owned by
a party to the conflict makes the report a party's claim (``verified`` False downstream).
Totals over many days ('a total of 300 so far') and allegations become claim rows with their
quantity and speaker, never dated events.
"""

from __future__ import annotations

import re
from typing import Any

from eventmap.actors import ActorTable, MediaTable
from eventmap.article import Article
from eventmap.events.model import stable_id
from eventmap.fatalities import Fatalities
from eventmap.geoparse import Geoparser
from eventmap.literal_gate import gated

CLAIM = re.compile(
    r"\bclaim(?:s|ed)?\b|\ballege(?:d|s)?\b|\ballegations?\b|\bsuggested\s+"
    r"that\b|\baccused\b",
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
# Asked of every sentence whose source is wanted: gated (literal_gate), they run only in one
# holding 'agency', or 'media' or 'report', as lower-case twins, not under IGNORECASE at every
# position of each.
_THE_AGENCY = gated(re.compile(r"\bthe\s+agency\b", re.IGNORECASE))
_MEDIA_REPORTS = gated(re.compile(r"\bmedia\s+claim|\breports?\s+from\b", re.IGNORECASE))


def attribution(
    sentence: str,
    country: str | None,
    last: tuple[str | None, bool],
    media: MediaTable,
    actors: ActorTable,
) -> tuple[str | None, bool]:
    """Who says so, and whether that is a party to the conflict."""
    found = [m for m in media.find(sentence) if m.ref != "Telegram"]
    if _THE_AGENCY.search(sentence) and last[0]:
        return last
    if found:
        outlet = found[0].ref
        party = media.parties.get(outlet)
        short = found[0].text
        if party:
            who = "Syrian military source" if _MILITARY_SOURCE.search(sentence) else party
            return f"{who} via {short}", True
        return short, False
    for sp in actors.find(sentence, country):
        after = sentence[sp.end : sp.end + 40]
        if re.match(
            r"\s+(?:has\s+|have\s+)?(?:revealed|said|announced|claimed|stated|"
            r"reported|characteri[sz]ed)\b",
            after,
        ):
            return sp.ref, True
    if _MEDIA_REPORTS.search(sentence):
        dem = re.search(r"\b([A-Z][a-z]+)\s+media\b", sentence)
        return (f"{dem.group(1)} media" if dem else "media reports"), bool(dem)
    return None, False


def claim_row(
    article: Article,
    sentence: str,
    s: int,
    e: int,
    fatal: Fatalities,
    source: str | None,
    party: bool,
    geoparser: Geoparser,
) -> dict[str, Any]:
    """One row of the claims table (``schema.CLAIM_COLUMNS``) for a claiming sentence."""
    speaker = _SPEAKER.search(sentence)
    marker = CLAIM.search(sentence)
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
    low = fatal.low if fatal.text else (int(number.group(0).replace(",", "")) if number else None)
    places = [m for m in geoparser.parse(sentence) if m.resolved and m.kind == "admin1"]
    return {
        "claim_id": stable_id(article.id, "claim", str(s)),
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
