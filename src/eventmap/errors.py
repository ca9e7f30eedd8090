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


class InputError(EventmapError, ValueError):
    """A file the user gave (sidecar, boundaries, options) is malformed; the message names it."""


class OutputError(EventmapError):
    """An output set cannot be written whole (the previous set, if any, is left as it was)."""


class PngExportError(EventmapError, RuntimeError):
    """A PNG could not be rendered: no browser, a browser that does not start, or a timeout."""


class BrowserNotFound(PngExportError):
    """No Chromium to render PNGs with; eventmap never downloads one itself."""
