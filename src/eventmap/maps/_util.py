"""Small helpers shared by the map elements: safe JSON for <script>, clean values, ids.

Every string that reaches the page comes from a news article and is hostile until
proven otherwise, so there is exactly one way to put data into JavaScript
(:func:`js_json`) and one way to put text into HTML (markupsafe).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from markupsafe import Markup

# Order matters only in that none of the replacements creates another's pattern.
_JS_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("'", "\\u0027"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
    # Jinja delimiters: JSON never has them outside strings, so escaping the second
    # character is always inside a string literal (defence in depth, see Verbatim).
    ("{{", "{\\u007b"),
    ("{%", "{\\u0025"),
    ("{#", "{\\u0023"),
)


def js_json(obj: Any) -> Markup:
    """JSON that is safe inside an inline <script> and inside an HTML attribute.

    ``<``, ``>``, ``&`` and ``'`` become \\u escapes (as Jinja's htmlsafe_json_dumps
    does), so ``</script>`` in a quote can never close the script element.
    ensure_ascii=False keeps Arabic names at one code point each (smaller files).
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for needle, replacement in _JS_ESCAPES:
        if needle in text:
            text = text.replace(needle, replacement)
    return Markup(text)


def no_jinja(html: str) -> Markup:
    """HTML with Jinja delimiters broken by an entity (for text folium re-renders)."""
    return Markup(str(html).replace("{", "&#123;").replace("}", "&#125;"))


class Verbatim(Element):
    """Already-rendered text, emitted as is.

    branca's MacroElement.render wraps each rendered macro in ``Element(text)``, which
    compiles the text as a Jinja template: article text containing ``{{ ... }}`` would
    be evaluated in Python, and a 20 MB data script would be lexed for seconds.
    """

    def __init__(self, content: str) -> None:
        super().__init__()
        self._name = "Verbatim"
        self.content = content

    def render(self, **kwargs: Any) -> str:
        return self.content


class VerbatimRender(MacroElement):
    """MacroElement whose header/html/script output is never re-parsed by Jinja.

    Place it last among the bases (e.g. ``class X(FeatureGroup, VerbatimRender)``) so
    that it sits just above MacroElement in the MRO and folium's own render steps
    (adding to the map, JS/CSS links) still run.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("You cannot render this Element if it is not in a Figure.")
        for key, child in self._children.items():
            # folium's Layer.render adds a fresh ElementAddToElement on every render,
            # with a random id that keys it in the figure: pin it so re-renders match.
            if key == self.get_name() + "_add":
                child._id = self._id + "add"
        module = self._template.module
        for part in ("header", "html", "script"):
            macro = getattr(module, part, None)
            if macro is not None:
                getattr(figure, part).add_child(
                    Verbatim(str(macro(self, kwargs))), name=self.get_name()
                )
        for child in self._children.values():
            child.render(**kwargs)


def clean(value: Any) -> Any:
    """None for every flavour of missing (None, NaN, pd.NA, NaT, empty string)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a hard dependency
        pass
    return value


def text(value: Any) -> str | None:
    """A display string or None; sequences (e.g. a source chain list) are joined."""
    value = clean(value)
    if value is None:
        return None
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        parts = [str(v).strip() for v in value if clean(v) is not None]
        return " → ".join(parts) or None
    return str(value)


def text_series(series: pd.Series) -> pd.Series:
    """Vectorised :func:`text` (100k rows in milliseconds instead of a second)."""
    values = series.astype(object)
    mask = values.notna().to_numpy()
    sample = values[mask].head(50)
    if any(isinstance(v, (list, tuple, np.ndarray)) for v in sample):
        return values.map(text)
    out = pd.Series([None] * len(values), index=values.index, dtype=object)
    if mask.any():
        stripped = values[mask].astype(str).str.strip()
        out[mask] = stripped.where(stripped != "", None)
    return out


def map_unique(series: pd.Series, fn: Any) -> pd.Series:
    """``series.map(fn)`` evaluating ``fn`` once per distinct value (columns repeat a lot)."""
    try:
        codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=False)
    except TypeError:  # unhashable values (lists): fall back to the plain map
        return series.map(fn)
    results = np.empty(len(uniques), dtype=object)
    results[:] = [fn(u) for u in uniques]
    return pd.Series(results[codes], index=series.index, dtype=object)


def as_int(value: Any) -> int | None:
    value = clean(value)
    if value is None:
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def as_bool(value: Any) -> bool | None:
    value = clean(value)
    if value is None:
        return None
    if isinstance(value, str):
        low = value.lower()
        if low in ("true", "yes", "1", "verified"):
            return True
        if low in ("false", "no", "0", "unverified"):
            return False
        return None
    return bool(value)


class StableIds:
    """Deterministic replacement for branca's random element ids.

    folium names every JavaScript variable after a uuid, so two builds of the same map
    differ byte for byte. We give each element we create an id from a counter, with a
    prefix derived from the data so that two eventmap maps merged into one page by a
    user still get distinct names.
    """

    def __init__(self, seed_parts: Iterable[str]) -> None:
        digest = hashlib.sha1("\x1f".join(seed_parts).encode("utf-8")).hexdigest()
        self.prefix = "em" + digest[:6]
        self.counter = 0

    def __call__(self, element: Element) -> Element:
        """Give ``element`` the next id; call before adding it to a parent."""
        self.counter += 1
        element._id = f"{self.prefix}{self.counter:05d}"
        return element


def rounded_geometry(geometry: dict[str, Any], digits: int = 4) -> dict[str, Any]:
    """GeoJSON geometry with coordinates rounded: 4 digits is ~10 m, plenty for a map."""

    def walk(coords: Any) -> Any:
        if isinstance(coords[0], (int, float)):
            return [round(float(c), digits) for c in coords]
        return [walk(c) for c in coords]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
