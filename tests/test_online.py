"""The opt-in online chain, with a fake geopy geocoder: never the network."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from eventmap.errors import GeocoderServiceError, InvalidInput
from eventmap.geocode import OfflineGeocoder
from eventmap.online import ChainGeocoder, GeocodeCache, nominatim


class FakeGeocoder:
    """Stands in for Nominatim: answers one village, counts its calls."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[str] = []
        self.fail = fail

    def geocode(self, query: str, exactly_one: bool = True, timeout: float | None = None, **kw):
        self.calls.append(query)
        if self.fail:
            raise GeocoderUnavailable("service down")
        if query == "Kafr Zita Farms":
            return Location("Kafr Zita Farms, Hama, Syria", (35.37, 36.6), {"osm_id": 1})
        return None


@pytest.fixture
def chain(tmp_path: Path) -> tuple[ChainGeocoder, FakeGeocoder]:
    fake = FakeGeocoder()
    return ChainGeocoder(fake, offline=OfflineGeocoder(), cache=tmp_path / "c.sqlite"), fake


def test_offline_answers_never_go_online(chain) -> None:
    geocoder, fake = chain
    assert geocoder.geocode("Homs").raw["geonameid"] == 169577
    assert fake.calls == []


def test_online_answers_are_cached_and_reused(chain, tmp_path: Path) -> None:
    geocoder, fake = chain
    first = geocoder.geocode("Kafr Zita Farms")
    again = geocoder.geocode("Kafr Zita Farms")
    assert first.latitude == again.latitude == 35.37
    assert fake.calls == ["Kafr Zita Farms"]
    # A rerun (new process, same cache file) is offline and gives the same answer.
    fresh = FakeGeocoder()
    rerun = ChainGeocoder(fresh, cache=tmp_path / "c.sqlite").geocode("Kafr Zita Farms")
    assert rerun.raw == {"osm_id": 1} and fresh.calls == []


def test_no_result_is_cached_too(chain) -> None:
    geocoder, fake = chain
    assert geocoder.geocode("Qwxzyv Farms") is None
    assert geocoder.geocode("Qwxzyv Farms") is None
    assert fake.calls == ["Qwxzyv Farms"]


def test_service_errors_become_ours(tmp_path: Path) -> None:
    chain = ChainGeocoder(
        FakeGeocoder(fail=True), cache=tmp_path / "c.sqlite", max_retries=1, error_wait_seconds=1.0
    )
    with pytest.raises(GeocoderServiceError, match="service down"):
        chain.geocode("Kafr Zita Farms")
    assert len(chain.cache) == 0  # failures are not cached


def test_rate_limit_cannot_be_lowered(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=">= 1"):
        ChainGeocoder(FakeGeocoder(), cache=tmp_path / "c.sqlite", min_delay_seconds=0.2)


def test_rate_limiter_spaces_calls(chain) -> None:
    import time

    geocoder, fake = chain
    t0 = time.monotonic()
    geocoder.geocode("Qwxzyv One")
    geocoder.geocode("Qwxzyv Two")
    assert time.monotonic() - t0 >= 0.95
    assert len(fake.calls) == 2


def test_nominatim_needs_a_real_user_agent() -> None:
    with pytest.raises(InvalidInput, match="user agent"):
        nominatim("geopy")
    assert nominatim("eventmap-tests/0.1 (tests@example.org)").__class__.__name__ == "Nominatim"


def test_killed_process_keeps_what_it_wrote(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    script = textwrap.dedent(
        f"""
        import os, signal
        from eventmap.online import GeocodeCache
        c = GeocodeCache({str(path)!r})
        for i in range(3):
            c.put("Fake", f"place {{i}}", {{}}, {{"i": i}})
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], check=False)
    assert proc.returncode == -signal.SIGKILL
    cache = GeocodeCache(path)
    assert len(cache) == 3
    assert cache.get("Fake", "place 2", {}) == (True, {"i": 2})
    assert os.path.exists(path)
