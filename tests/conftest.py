"""Test-wide guards (no test may touch the network) and the fixtures several files share."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import Callable

import pytest

from eventmap.article import Article
from eventmap.events import EventExtractor

# A report's main event: its deadliest dated event (publication day defaults to a Tuesday).
MainEvent = Callable[..., dict]
# A report's first event row, as the US place rules read it (publication day a Tuesday).
FirstEvent = Callable[..., dict]

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: object) -> bool:
    """Loopback and Unix sockets are this machine (Jupyter kernels, a local browser)."""
    if isinstance(address, (str, bytes)):
        return True  # AF_UNIX path
    if isinstance(address, tuple) and address:
        host = address[0]
        if host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return False


class NetworkRefused(OSError):
    """Raised when a test tries to reach the network: eventmap must work offline."""


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local(address):
        raise NetworkRefused(f"network access refused in tests: connect({address!r})")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_local(address):
        raise NetworkRefused(f"network access refused in tests: connect_ex({address!r})")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def _refuse_network() -> None:
    """Make every non-local socket connect fail loudly for the whole session."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def extractor() -> EventExtractor:
    """One extractor for every file that reads whole articles: building it takes ~0.3 s."""
    return EventExtractor()


TUESDAY = dt.date(2016, 5, 10)  # the publication day the event fixtures default to


def _events(
    extractor: EventExtractor, text: str, published: dt.date, outlet: str | None = None
) -> list[dict]:
    """A text's event rows (not its claims or mentions); a test asking for one needs some."""
    article = Article(id="t", text=text, published=published, outlet=outlet)
    rows = [r for r in extractor.extract(article).event_rows if r["mention_type"] == "event"]
    assert rows, text
    return rows


@pytest.fixture(scope="session")
def main_event(extractor: EventExtractor) -> MainEvent:
    """The deadliest dated event of a text, published on Tuesday 10 May 2016 unless told."""

    def read(text: str, published: dt.date = TUESDAY) -> dict:
        return max(_events(extractor, text, published), key=lambda r: r["fatalities"])

    return read


@pytest.fixture(scope="session")
def first_event(extractor: EventExtractor) -> FirstEvent:
    """The first event of a text published on Tuesday 10 May 2016 by ``outlet`` (a web
    address), the row the US state and namesake rules decide the place of."""

    def read(text: str, outlet: str | None = None) -> dict:
        return _events(extractor, text, TUESDAY, outlet)[0]

    return read
