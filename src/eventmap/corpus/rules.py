"""The merge rules' numbers, in one place: the manifest records them with every run.

Start: ACLED's atomicity (actor pair x place x day). Then the issue's rules: the same day
(a day apart only when a date was inferred from the publication date: 'on Friday',
'yesterday'); place by precision (same GeoNames id or <= 5 km for a named town, <= 25 km
for 'near', the same province for province-level events); compatible types in ACLED's
hierarchy; actors not in conflict; never two events of one article.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

EARTH_KM = 6371.0088  # the mean Earth radius (IUGG)


def km(lat1, lon1, lat2, lon2):
    """Great-circle kilometres between points in degrees, scalars or arrays (broadcast): the
    one distance every radius of the rules is compared with, so that the pairing, the
    follow-up links and a merged event's place agree on what '5 km' means."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    )
    return EARTH_KM * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


@dataclass(frozen=True)
class MergeRules:
    town_km: float = 5.0  # geo_precision 1: same GeoNames id or this close
    near_km: float = 25.0  # geo_precision 2 ('near X', part of a region)
    review_factor: float = 2.0  # up to this many times the distance: a candidate link
    day_slack_inferred: int = 1  # days apart allowed when a date was inferred
    copy_threshold: float = 0.8  # MinHash similarity above which two texts are one source

    def to_json(self) -> dict:
        return asdict(self) | {
            "blocks": "country x admin1, each day compared with itself and the next day "
            "(the week blocks' day of overlap)",
            "types": "same sub-event type or same event type; battles, explosions and "
            "violence against civilians with each other only at the same town (medium; also "
            "when one says only 'near' it); an arrest or mob violence with a violent event of "
            "the same town and day (medium); other types of one disorder "
            "only as candidate links; other disorders never",
            "actors": "named actors must share one (an unidentified group fits any)",
            "same_article": "two events of one article never merge (also transitively)",
            "province": "province-level reports merge only on the very same day and sub-event "
            "type; a US county-level one only within the county's reach (1.5 x the distance "
            "to the nearest other county's point, >= 25 km), a day apart like a town; one "
            "placed at its state fits any place of the state but never another state-level "
            "one (candidate link)",
            "days": "a day apart only when a date was inferred, and not when both reports "
            "name their weekday outright unless the earlier at a late hour and the later at "
            "an early one ('Sunday night', 'early Monday')",
            "follow_ups": "reports of one area naming the same person (with an age or a role: "
            "'Jo Doe, 23,', 'the victim, Jo Doe') at one place (<= 25 km, or one placed only at "
            "its county or state), up to 1,100 days apart, take the day most of them give and "
            "merge on it (medium) whatever their town radius or violent types; a name in more "
            "than 8 reports of the area links nothing",
            "grades": "high: same day, same place, same type; medium: the other rule-passing "
            "links; below: candidate_links for review (the best 3 per mention)",
        }


DEFAULT_RULES = MergeRules()
