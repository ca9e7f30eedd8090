"""Geocoding a list of names: one row per name found, the rest with the reason.

One bad name never stops a batch (invalid input, no match, a service error are each reported
in input order); the rows are plain dicts for the command line, a GeoDataFrame for notebooks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from eventmap.errors import GeocoderServiceError, InvalidInput
from eventmap.geocode import OfflineGeocoder, Plain

if TYPE_CHECKING:
    import geopandas as gpd


def geocode_rows(
    names: Iterable[object],
    geocoder: OfflineGeocoder | Any | None = None,
    *,
    progress: bool | None = None,
    **kwargs: Any,
) -> tuple[list[dict[str, Any]], list[tuple[object, str]]]:
    """geocode_many's rows as plain dicts (no pandas): resolved rows, then (name, reason).

    One bad row never stops the batch: invalid input, no match and service errors are all
    reported in the second return value, in input order.
    """
    geocoder = geocoder or OfflineGeocoder()
    items = list(names)
    show = progress if progress is not None else len(items) >= 200
    if show:
        from tqdm.auto import tqdm

        items_iter: Iterable[object] = tqdm(items, desc="geocoding", unit="name")
    else:
        items_iter = items
    rows: list[dict[str, Any]] = []
    unresolved: list[tuple[object, str]] = []
    lookup = getattr(geocoder, "answers", None)
    for i, name in enumerate(items_iter):
        try:
            if lookup is not None:
                found = lookup(name, exactly_one=True, **kwargs)
                loc = Plain(*found[0]) if found else None
            else:
                loc = geocoder.geocode(name, exactly_one=True, **kwargs)
        except InvalidInput as exc:
            unresolved.append((name, f"invalid input: {exc}"))
            continue
        except GeocoderServiceError as exc:
            unresolved.append((name, f"service error: {exc}"))
            continue
        if loc is None:
            unresolved.append((name, "no match in the gazetteer"))
            continue
        raw = dict(loc.raw)
        rows.append(
            {
                "input_index": i,
                "query": name,
                "address": loc.address,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                **{k: raw.get(k) for k in _BATCH_COLUMNS},
            }
        )
    return rows, unresolved


def geocode_many(
    names: Iterable[object],
    geocoder: OfflineGeocoder | Any | None = None,
    *,
    progress: bool | None = None,
    **kwargs: Any,
) -> tuple[gpd.GeoDataFrame, list[tuple[object, str]]]:
    """Geocode a list; resolved places as a GeoDataFrame, the rest with the reason.

    One bad row never stops the batch: invalid input, no match and service errors are all
    reported in the second return value, in input order.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    rows, unresolved = geocode_rows(names, geocoder, progress=progress, **kwargs)
    columns = ["input_index", "query", "address", "latitude", "longitude", *_BATCH_COLUMNS]
    frame = gpd.GeoDataFrame(
        rows,
        columns=columns,
        geometry=[Point(r["longitude"], r["latitude"]) for r in rows],
        crs="EPSG:4326",
    )
    return frame, unresolved


_BATCH_COLUMNS = (
    "geonameid",
    "name",
    "kind",
    "country_code",
    "admin1_code",
    "admin1_name",
    "admin1_iso",
    "population",
    "point",
    "matched_name",
    "match",
    "qualifier",
    "score",
    "source",
)
