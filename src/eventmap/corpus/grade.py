"""Stage B's rules applied to pairs of event mentions: each pair graded high, medium or low.

Pairs are formed within one country x admin1 area, each day with itself and the next day
(so a block of days needs one day of overlap); the grades follow rules.py.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from eventmap.corpus.counties import county_reach_km
from eventmap.corpus.merge_rows import _WHY_DAY, _WHY_PLACE, _WHY_PROVINCE, _WHY_TYPE
from eventmap.corpus.rules import MergeRules
from eventmap.corpus.rules import km as rules_km
from eventmap.schema import DISORDER_BY_EVENT_TYPE

LOW_LINKS_PER_MENTION = 3
_VIOLENT = np.array(
    ["Battles", "Explosions/Remote violence", "Violence against civilians"], dtype=object
)
# Sub-event types that local news often leads with when it reports a violent incident: the
# arrest that followed the shooting, the crowd that gathered (see _grade)
_ASIDE = np.array(["Arrests", "Mob violence"], dtype=object)
# A day named outright ('on Monday', 'Tuesday afternoon'), not one counted back from the
# publication ('last night', 'yesterday') nor near midnight: a late hour of the day before
# ('Sunday night') and an early one of the day after ('early Monday') may be one moment.
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_LATE = re.compile(r"\b(?:late|night|evening|overnight|midnight)\b", re.IGNORECASE)
_EARLY = re.compile(r"\b(?:early|morning|overnight|midnight)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\b(?:last|yesterday|today|tonight|ago)\b", re.IGNORECASE)


class PairData:
    """The columns the rules read, as arrays over a bucket's prepared mentions (row order)."""

    def __init__(self, m: pd.DataFrame) -> None:
        self.day = m["_day"].to_numpy()
        self.area = pd.factorize(m["_area"])[0]
        self.lat = m["latitude"].to_numpy(float)
        self.lon = m["longitude"].to_numpy(float)
        self.gid = pd.to_numeric(m["geonameid"], errors="coerce").fillna(-1).to_numpy("int64")
        self.prec = m["_prec"].to_numpy()
        self.explicit = m["_explicit"].to_numpy(bool)
        self.named_day = named_days(m["date_text"])
        self.art = m["article_id"].to_numpy(object)
        self.sub = m["sub_event_type"].fillna("").to_numpy(object)
        self.etype = m["event_type"].fillna("").to_numpy(object)
        self.disorder = np.array(
            [DISORDER_BY_EVENT_TYPE.get(t, "") for t in self.etype], dtype=object
        )
        self.actors = m["_actors"].to_numpy(object)
        self.has_admin1 = m["admin1"].notna().to_numpy()
        self.state_level, self.reach = coarse_places(m, self.prec, self.lat, self.lon)
        # reports linked by the people they name (follow_ups.py), -1 when none
        link = m["_link"] if "_link" in m.columns else pd.Series(-1, index=m.index)
        self.link = link.to_numpy("int64")


EDGE_COLUMNS = ["i", "j", "grade", "score", "days", "km", "why"]


def day_pairs(p: PairData, idx: np.ndarray, d: int, rules: MergeRules) -> pd.DataFrame | None:
    """Graded pairs (i < j, row numbers) of one area's mentions ``idx`` (sorted): those of day
    ``d`` with each other and with the next day's (the block's day of overlap)."""
    days = p.day[idx]
    a = idx[days == d]
    b = idx[(days == d) | (days == d + 1)]
    ii, jj = np.meshgrid(a, b, indexing="ij")
    ii, jj = ii.ravel(), jj.ravel()
    keep = (ii < jj) | (p.day[jj] == d + 1)
    ii, jj = ii[keep], jj[keep]
    i, j = np.minimum(ii, jj), np.maximum(ii, jj)
    keep = p.art[i] != p.art[j]
    i, j = i[keep], j[keep]
    if not len(i):
        return None
    return _grade(i, j, p, rules)


def named_days(date_text: pd.Series) -> np.ndarray:
    """Each mention's day as its report names it: 0 not a weekday named outright, 1 a
    weekday, 2 at a late hour, 3 at an early hour, 4 both (see ``_WEEKDAY``)."""
    out = np.zeros(len(date_text), dtype="int8")
    for k, t in enumerate(date_text):
        if isinstance(t, str) and _WEEKDAY.search(t) and not _COUNTED.search(t):
            late, early = bool(_LATE.search(t)), bool(_EARLY.search(t))
            out[k] = 4 if late and early else 2 if late else 3 if early else 1
    return out


def coarse_places(m: pd.DataFrame, prec, lat, lon) -> tuple[np.ndarray, np.ndarray]:
    """Which province-level mentions (precision 3) are placed at their state or province
    only (a state; a town guessed from the state alone: a local outlet's city), and each
    US county-level one's reach in km (0 for the others; counties.py)."""
    kind = m["location_kind"] if "location_kind" in m.columns else pd.Series(None, index=m.index)
    kind = kind.fillna("").to_numpy(object)
    coarse = prec >= 3
    reach = np.zeros(len(m))
    for k in np.flatnonzero(coarse & (kind == "admin2")):
        reach[k] = county_reach_km(float(lat[k]), float(lon[k])) or 0.0
    return coarse & (reach == 0), reach


def _grade(i, j, d: PairData, rules: MergeRules) -> pd.DataFrame:
    day, lat, lon, gid, prec, explicit = d.day, d.lat, d.lon, d.gid, d.prec, d.explicit
    sub, etype, disorder, actors, has_admin1 = d.sub, d.etype, d.disorder, d.actors, d.has_admin1
    link, state_level, reach, named_day = d.link, d.state_level, d.reach, d.named_day
    dd = np.abs(day[i] - day[j])
    inferred = ~(explicit[i] & explicit[j])
    km = rules_km(lat[i], lon[i], lat[j], lon[j])
    p = np.maximum(prec[i], prec[j])
    same_gid = (gid[i] == gid[j]) & (gid[i] >= 0)
    limit = np.where(p <= 1, rules.town_km, rules.near_km)
    both_admin1 = has_admin1[i] & has_admin1[j]
    # Province level: a report placed at its state fits any place of the state, but two
    # such reports are not one incident on place alone; county-level reports fit what
    # lies within the county's reach (the larger of two counties').
    st_i, st_j = state_level[i], state_level[j]
    county_km = np.maximum(reach[i], reach[j])
    coarse_ok = np.where(st_i | st_j, both_admin1 & ~(st_i & st_j), same_gid | (km <= county_km))
    place_ok = np.where(p <= 2, same_gid | (km <= limit), coarse_ok)
    county_pair = (p == 3) & ~st_i & ~st_j  # a day apart when inferred, as towns are
    coarse_miss = np.where(st_i | st_j, both_admin1, km <= county_km * rules.review_factor)
    place_near_miss = ~place_ok & np.where(p <= 2, km <= limit * rules.review_factor, coarse_miss)
    place_same = (p <= 1) & place_ok
    same_sub = sub[i] == sub[j]
    same_type = etype[i] == etype[j]
    same_disorder = (disorder[i] == disorder[j]) & (disorder[i] != "")
    conflict = np.array(
        [bool(x) and bool(y) and not (x & y) for x, y in zip(actors[i], actors[j], strict=True)],
        dtype=bool,
    )
    # a day apart is one incident's only when a date was inferred, and not when both
    # reports name their weekday outright ('Monday' and 'Tuesday' are two days)
    # the earlier of two named days at a late hour, the later at an early one: midnight
    first = np.where(day[i] <= day[j], named_day[i], named_day[j])
    second = np.where(day[i] <= day[j], named_day[j], named_day[i])
    midnight = np.isin(first, (2, 4)) & np.isin(second, (3, 4))
    inferred = inferred & ~((named_day[i] > 0) & (named_day[j] > 0) & ~midnight)
    day_ok = (dd == 0) | (inferred & (dd <= rules.day_slack_inferred))
    possible = same_disorder & ~conflict
    high = possible & (dd == 0) & same_type & (place_same | (place_ok & same_sub & (p <= 2)))
    # One shooting reported as an attack by one outlet and a clash by another: violent types
    # of one disorder may merge, but only on the same town and day or with an inferred date
    violent = np.isin(etype[i], _VIOLENT) & np.isin(etype[j], _VIOLENT)
    # (also two reports of one town when one says only 'near' it)
    same_town = place_same | (same_gid & (p <= 2))
    medium = (
        possible
        & ~high
        & day_ok
        & place_ok
        & (
            (same_type & ((p <= 2) | (same_sub & ((dd == 0) | county_pair))))
            | (violent & same_town)
        )
    )
    # Local news often leads with the arrest that followed a shooting, or codes the crowd
    # at the scene: an arrest or mob violence of the same town and day (a day apart when
    # inferred) as a violent event, with no actors in conflict, is a report of that
    # incident (the merged event keeps the violent type, ACLED's first-listed; each
    # report's own type stays in its source)
    aside = (np.isin(sub[i], _ASIDE) & np.isin(etype[j], _VIOLENT)) | (
        np.isin(sub[j], _ASIDE) & np.isin(etype[i], _VIOLENT)
    )
    medium = medium | (aside & ~conflict & ~high & day_ok & same_town)
    # two reports naming the same people at one place (checked when linked, <= 25 km)
    # on one day tell one incident, whatever town radius or violent type each coded
    linked = (link[i] == link[j]) & (link[i] >= 0) & (dd == 0)
    medium = medium | (possible & ~high & linked & (same_type | violent))
    low = possible & ~high & ~medium & (place_ok | place_near_miss) & (dd <= 1)
    grade = np.where(high, "high", np.where(medium, "medium", np.where(low, "low", None)))
    score = (
        (dd == 0) * 2.0
        + same_gid * 2.0
        + place_ok * 1.0
        + same_sub * 1.0
        + same_type * 1.0
        - np.minimum(km, 50.0) / 50.0
    )
    why = (
        (~day_ok) * _WHY_DAY
        + (~place_ok) * _WHY_PLACE
        + (~same_type) * _WHY_TYPE
        + (((place_ok & ~same_sub) | (st_i & st_j)) & (p == 3)) * _WHY_PROVINCE
    )
    kept = grade != None  # noqa: E711 (numpy comparison)
    edges = pd.DataFrame(
        {
            "i": i[kept],
            "j": j[kept],
            "grade": grade[kept],
            "score": score[kept],
            "days": dd[kept],
            "km": km[kept],
            "why": why[kept],
        }
    )
    # Review links are only a reader's shortlist: the best few per mention are kept, so
    # their number grows with the mentions, not with the pairs of a crowded town-day.
    low = edges["grade"] == "low"
    best = (
        edges[low]
        .sort_values(["i", "score", "j"], ascending=[True, False, True], kind="stable")
        .groupby("i", sort=False)
        .head(LOW_LINKS_PER_MENTION)
    )
    return pd.concat([edges[~low], best], ignore_index=True)
