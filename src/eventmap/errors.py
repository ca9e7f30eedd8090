"""One exception tree, geopy-style: callers catch EventmapError or a precise subclass."""

from __future__ import annotations


class EventmapError(Exception):
    """Base of every error eventmap raises on purpose."""


class InvalidInput(EventmapError, ValueError):
    """Input that no amount of retrying will fix (None, blank, too long, control chars)."""


class GazetteerError(EventmapError):
    """The offline index is missing, unreadable or cannot be built."""


class GeocoderServiceError(EventmapError):
    """An opt-in online geocoder failed after its retries."""


class ArticleError(EventmapError):
    """An article file cannot be read as text; the message says why and what to do."""
