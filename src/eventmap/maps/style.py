"""Visual vocabulary of the map: one shape per event type, one colour per actor side.

Shape carries the event type and colour the side of actor1, so both read at a glance
and survive greyscale printing (shape) and colour blindness (Okabe-Ito palette).
Location precision is drawn, not written: solid (named town), solid with a dashed
halo (near a town / part of a region), hollow and dashed (province-level point).
Symbols are inline SVG so the map needs no icon font and no network.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from eventmap.schema import ACTOR_SIDES, EVENT_TYPES, GEO_PRECISION_LABELS

SIDE_COLOURS: dict[str, str] = {
    "state": "#0072B2",
    "state_ally": "#56B4E9",
    "rebel": "#D55E00",
    "civilians": "#009E73",
    "other": "#CC79A7",
    "unknown": "#6E6E6E",
}
SIDE_LABELS: dict[str, str] = {
    "state": "State forces",
    "state_ally": "State allies",
    "rebel": "Rebels / non-state armed groups",
    "civilians": "Civilians",
    "other": "Other",
    "unknown": "Unknown / unidentified",
}
assert set(SIDE_COLOURS) == set(ACTOR_SIDES)

NEUTRAL = "#4A4A4A"
OUTLINE = "#1B1B1B"

# Shape (filled outline) and glyph (white strokes on top) per event type, in a
# 34 x 34 box centred on 0,0 so that every symbol shares one anchor.
_SHAPES: dict[str, tuple[str, str]] = {
    "Battles": (
        '<circle r="9.5"/>',
        '<path d="M-4.6-4.6 4.6 4.6M4.6-4.6-4.6 4.6M-6-2.2-2.2-6M6-2.2 2.2-6"/>',
    ),
    "Explosions/Remote violence": (
        '<polygon points="0,-12 2.9,-6.9 8.5,-8.5 6.9,-2.9 12,0 6.9,2.9 8.5,8.5 2.9,6.9 '
        '0,12 -2.9,6.9 -8.5,8.5 -6.9,2.9 -12,0 -6.9,-2.9 -8.5,-8.5 -2.9,-6.9"/>',
        '<circle r="2.2"/>',
    ),
    "Violence against civilians": (
        '<polygon points="0,-11.5 10.5,7.5 -10.5,7.5"/>',
        '<path d="M0-4.5V1.5M0 4.2v.1"/>',
    ),
    "Protests": (
        '<rect x="-8.5" y="-8.5" width="17" height="17" rx="2.5"/>',
        '<path d="M-3.8 5.5V-5.5L4.5-3-3.8-.5"/>',
    ),
    "Riots": (
        '<polygon points="0,-10.5 9.1,-5.25 9.1,5.25 0,10.5 -9.1,5.25 -9.1,-5.25"/>',
        '<path d="M1.5-6-2.5 0.5H2.5L-1.5 6"/>',
    ),
    "Strategic developments": (
        '<polygon points="0,-11.5 11.5,0 0,11.5 -11.5,0"/>',
        '<rect x="-2.4" y="-2.4" width="4.8" height="4.8"/>',
    ),
}
_FALLBACK = ('<circle r="9"/>', '<circle r="2"/>')
assert set(_SHAPES) == set(EVENT_TYPES)

ICON_SIZE = 34
ICON_ANCHOR = 17
APPROX_LABEL = GEO_PRECISION_LABELS[3]
# "Near a town / part of a region": drawn as a dashed circle this wide around the point.
PRECISION2_RADIUS_M = 20_000


def side_colour(side: str | None) -> str:
    return SIDE_COLOURS.get(side or "unknown", SIDE_COLOURS["unknown"])


def precision_class(precision: int | None) -> int:
    """1, 2 or 3; unknown precision is drawn as the least precise (never overclaim)."""
    return precision if precision in (1, 2, 3) else 3


@lru_cache(maxsize=512)
def symbol_svg(event_type: str | None, colour: str, precision: int) -> Markup:
    """The SVG for one (type, colour, precision); cached because maps repeat them."""
    shape, glyph = _SHAPES.get(event_type or "", _FALLBACK)
    parts = [
        f'<svg class="em-sym" width="{ICON_SIZE}" height="{ICON_SIZE}" viewBox="-17 -17 34 34" '
        'aria-hidden="true" focusable="false">'
    ]
    if precision == 2:
        parts.append(
            f'<circle r="15.5" fill="{colour}" fill-opacity="0.22" stroke="{colour}" '
            'stroke-width="1.3" stroke-dasharray="3 2"/>'
        )
    if precision == 3:
        parts.append(
            f'<g fill="#ffffff" fill-opacity="0.92" stroke="{colour}" stroke-width="2.6" '
            f'stroke-dasharray="3.2 1.8">{shape}</g>'
            f'<g fill="none" stroke="{colour}" stroke-width="2" stroke-linecap="round">'
            f"{glyph}</g>"
        )
    else:
        parts.append(
            f'<g fill="{colour}" stroke="{OUTLINE}" stroke-width="1.2">{shape}</g>'
            '<g fill="#ffffff" stroke="#ffffff" stroke-width="2" stroke-linecap="round">'
            f"{glyph}</g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def icon_html(
    event_type: str | None,
    side: str | None,
    precision: int | None,
    *,
    event_id: str | None = None,
    title: str | None = None,
) -> Markup:
    """The marker's HTML: the symbol (its place name is a separate, collision-free label).

    The wrapper carries ``em-event`` and data attributes so that tests (and readers
    of the DOM) can count and filter markers without knowing the drawing.
    """
    prec = precision_class(precision)
    svg = symbol_svg(event_type, side_colour(side), prec)
    return Markup(
        '<div class="em-event em-p{}" data-event-id="{}" data-event-type="{}" '
        'data-side="{}" data-precision="{}" role="img" aria-label="{}">{}</div>'
    ).format(
        prec,
        event_id or "",
        event_type or "",
        side or "unknown",
        prec,
        title or "",
        svg,
    )


def legend_swatch(colour: str) -> Markup:
    return Markup(
        '<svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">'
        '<circle r="6" fill="{}" stroke="{}" stroke-width="1"/></svg>'
    ).format(colour, OUTLINE)


def legend_symbol(event_type: str | None, precision: int = 1, colour: str = NEUTRAL) -> Markup:
    return Markup('<span class="em-legend-sym">{}</span>').format(
        symbol_svg(event_type, colour, precision)
    )


def escape_title(parts: list[str | None]) -> Markup:
    """One-line text from parts, escaped, skipping the missing ones."""
    return escape(" · ".join(p for p in parts if p))


MARKER_CSS = """
.em-marker { background: none; border: none; }
.em-event { position: relative; width: 34px; height: 34px; line-height: 0; }
.em-event svg { display: block; filter: drop-shadow(0 1px 1px rgba(0,0,0,.35)); }
.em-popup { font: 12.5px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; }
.em-popup h4 { margin: 0 0 2px; font-size: 14px; }
.em-popup .em-kind { color: #555; margin-bottom: 6px; }
.em-popup .em-bar { height: 4px; border-radius: 2px; margin-bottom: 6px; }
.em-popup dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 0 0 6px; }
.em-popup dt { color: #555; font-weight: 600; }
.em-popup dd { margin: 0; overflow-wrap: anywhere; }
.em-popup .em-as-written { color: #555; font-style: italic; }
.em-popup blockquote {
  margin: 4px 0 0; padding: 4px 8px; border-left: 3px solid #999; background: #f5f5f5;
  font-style: italic; overflow-wrap: anywhere; white-space: pre-wrap;
}
.em-badge {
  display: inline-block; padding: 0 5px; border-radius: 8px; font-size: 11px;
  font-weight: 600; background: #fde3cf; color: #8a3400;
}
.em-badge.em-ok { background: #d7f0e3; color: #0b5a35; }
.em-popup .em-id { color: #777; font-size: 11px; }
"""
