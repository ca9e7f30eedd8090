"""Column sets and ACLED's vocabulary, shared by every stage so that tables line up.

Kept in one leaf module (no eventmap imports) so that events, join, maps and export
can all agree on names without importing each other.
"""

from __future__ import annotations

# ACLED's own event-table columns, in ACLED's order (ACLED Codebook, 2023/2024).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# What eventmap adds so that every row can be traced back to its words and judged.
EXTRA_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "date_start",
    "date_end",
    "date_text",
    "actor1_text",
    "actor2_text",
    "actor1_side",
    "actor2_side",
    "geonameid",
    "location_kind",
    "location_text",
    "location_start",
    "location_end",
    "fatalities_text",
    "fatalities_low",
    "fatalities_high",
    "wounded",
    "claimed_by",
    "verified",
    "source_chain",
    "quote",
    "quote_start",
    "quote_end",
    "mention_type",
    "confidence",
)

EVENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

MENTION_COLUMNS: tuple[str, ...] = (
    "article_id",
    "start",
    "end",
    "text",
    "name",
    "resolved",
    "latitude",
    "longitude",
    "geonameid",
    "kind",
    "country_code",
    "admin1",
    "admin1_code",
    "admin1_iso",
    "qualifier",
    "role",
    "confidence",
    "reason",
    "sentence",
)

CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "article_id",
    "claim_text",
    "quantity_text",
    "quantity_low",
    "quantity_high",
    "claimed_by",
    "verified",
    "location",
    "admin1",
    "quote",
    "quote_start",
    "quote_end",
)

# ACLED event types and their sub-event types.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TO_TYPE: dict[str, str] = {
    sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs
}

DISORDER_BY_EVENT_TYPE: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# Sides used to colour actors on maps; the actor table assigns one to every actor.
ACTOR_SIDES: tuple[str, ...] = ("state", "state_ally", "rebel", "civilians", "other", "unknown")

GEO_PRECISION_LABELS: dict[int, str] = {
    1: "named town",
    2: "near a town / part of a region",
    3: "province-level, approximate point",
}

TIME_PRECISION_LABELS: dict[int, str] = {1: "day", 2: "week", 3: "month"}
