"""Opt-in online geocoding: offline first, then any geopy geocoder, every answer cached.

Online services are slow, rate-limited and change their answers; a map must be reproducible.
So the chain asks the offline gazetteer first, sends only what it cannot resolve through
geopy's RateLimiter (>= 1 s apart, retries with backoff), and stores every answer, including
"no result", in SQLite. A rerun reads the cache and never touches the network.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location

from eventmap.errors import GeocoderServiceError, InvalidInput
from eventmap.geocode import OfflineGeocoder
from eventmap.geocode_query import validate_query

DEFAULT_CACHE = Path("data") / "geocode_cache.sqlite"
MIN_DELAY_SECONDS = 1.0


class GeocodeCache:
    """Persistent answers keyed by provider and query; each write is its own transaction.

    WAL journaling plus a commit per answer means a killed process loses nothing it had
    already written, and readers never see half a row.
    """

    def __init__(self, path: str | Path = DEFAULT_CACHE) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS answers ("
            " provider TEXT NOT NULL, query TEXT NOT NULL, options TEXT NOT NULL,"
            " payload TEXT NOT NULL, created REAL NOT NULL,"
            " PRIMARY KEY (provider, query, options))"
        )

    @staticmethod
    def _key(query: str, options: dict[str, Any]) -> tuple[str, str]:
        return query.strip().casefold(), json.dumps(options, sort_keys=True, default=str)

    def get(self, provider: str, query: str, options: dict[str, Any]) -> tuple[bool, Any]:
        q, o = self._key(query, options)
        with self._lock:
            row = self._db.execute(
                "SELECT payload FROM answers WHERE provider=? AND query=? AND options=?",
                (provider, q, o),
            ).fetchone()
        return (True, json.loads(row[0])) if row else (False, None)

    def put(self, provider: str, query: str, options: dict[str, Any], payload: Any) -> None:
        q, o = self._key(query, options)
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                (provider, q, o, json.dumps(payload, sort_keys=True, default=str), time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def _to_payload(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {
        "address": loc.address,
        "latitude": loc.latitude,
        "longitude": loc.longitude,
        "raw": loc.raw,
    }


def _from_payload(payload: dict[str, Any] | None) -> Location | None:
    if payload is None:
        return None
    return Location(payload["address"], (payload["latitude"], payload["longitude"]), payload["raw"])


class ChainGeocoder:
    """Offline gazetteer first; then a cached, rate-limited geopy geocoder (opt-in)."""

    def __init__(
        self,
        online: Any,
        *,
        offline: OfflineGeocoder | None = None,
        cache: GeocodeCache | str | Path = DEFAULT_CACHE,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
        timeout: float = 10.0,
    ) -> None:
        if os.environ.get("EVENTMAP_OFFLINE") == "1":
            raise GeocoderServiceError(
                "EVENTMAP_OFFLINE=1 forbids online geocoding; unset it to use the online chain"
            )
        if min_delay_seconds < MIN_DELAY_SECONDS:
            raise InvalidInput(
                f"min_delay_seconds must be >= {MIN_DELAY_SECONDS} to respect public services"
            )
        self.offline = offline or OfflineGeocoder()
        self.online = online
        self.provider = type(online).__name__
        self.cache = cache if isinstance(cache, GeocodeCache) else GeocodeCache(cache)
        self.timeout = timeout
        self._limited = RateLimiter(
            online.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
            swallow_exceptions=False,
        )

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        kind: str | None = None,
        **kwargs: Any,
    ) -> Location | list[Location] | None:
        text = validate_query(query)
        found = self.offline.geocode(
            text, exactly_one=exactly_one, country_codes=country_codes, kind=kind
        )
        if found is not None:
            return found
        options = {"exactly_one": exactly_one, "country_codes": country_codes, **kwargs}
        hit, payload = self.cache.get(self.provider, text, options)
        if not hit:
            try:
                answer = self._limited(
                    text,
                    exactly_one=exactly_one,
                    timeout=self.timeout,
                    **({"country_codes": country_codes} if country_codes else {}),
                    **kwargs,
                )
            except GeopyError as exc:
                raise GeocoderServiceError(f"{self.provider} failed for {text!r}: {exc}") from exc
            if exactly_one or answer is None:
                payload = _to_payload(answer)
            else:
                payload = [_to_payload(a) for a in answer]
            self.cache.put(self.provider, text, options, payload)
        if isinstance(payload, list):
            return [loc for p in payload if (loc := _from_payload(p)) is not None] or None
        return _from_payload(payload)

    __call__ = geocode


def nominatim(user_agent: str, **kwargs: Any) -> Any:
    """A Nominatim geocoder with a real user agent (their usage policy requires one)."""
    from geopy.geocoders import Nominatim

    if not user_agent or "geopy" in user_agent.lower() or len(user_agent) < 8:
        raise InvalidInput(
            "Nominatim needs a real user agent naming your application and a contact, "
            "e.g. 'eventmap-newsroom/1.0 (you@example.org)'"
        )
    return Nominatim(user_agent=user_agent, **kwargs)
