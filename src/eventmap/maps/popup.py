"""Popup and tooltip content for one event, built with markupsafe only.

A popup is where a reader judges an event: what was coded next to what the article
said (actors, fatalities, place, date as written), who claims it, whether anyone
verified it, and the quote it came from. Every value is article text and is escaped
by ``Markup.format``; nothing here concatenates raw strings into HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from eventmap.maps._events import day_label
from eventmap.maps._util import as_bool, as_int, text
from eventmap.maps.style import SIDE_LABELS, side_colour
from eventmap.schema import GEO_PRECISION_LABELS, TIME_PRECISION_LABELS


def date_text(row: Mapping[str, Any]) -> str | None:
    start, end = day_label(row.get("_start")), day_label(row.get("_end"))
    if start is None:
        return text(row.get("event_date"))
    return start if start == end else f"{start} – {end}"


def province_label(row: Mapping[str, Any]) -> Markup:
    """'Homs province (approximate)': the name the events table coded, not the dataset's."""
    name = text(row.get("admin1")) or text(row.get("location")) or "Unknown"
    return Markup("{} province (approximate)").format(name)


def tooltip_text(row: Mapping[str, Any]) -> Markup:
    """One line: date · sub-event type · place (the province, approximate, when coarse)."""
    place = text(row.get("location")) or text(row.get("location_text")) or text(row.get("admin1"))
    if row.get("_prec") == 3:
        name = text(row.get("admin1")) or place or "Unknown"
        place = f"{name} province (approximate)"  # escaped below, with the rest
    parts = [date_text(row), text(row.get("sub_event_type")) or text(row.get("event_type")), place]
    return escape(" · ".join(p for p in parts if p))


def popup_html(row: Mapping[str, Any]) -> Markup:
    items: list[Markup] = []

    def item(label: str, value: Markup | str | None) -> None:
        if value:
            items.append(Markup("<dt>{}</dt><dd>{}</dd>").format(label, value))

    when = date_text(row)
    if when:
        tp = TIME_PRECISION_LABELS.get(as_int(row.get("time_precision")) or 0)
        value = Markup("{}{}").format(when, f" (precision: {tp})" if tp else "")
        item("Date", value + _as_written(row.get("date_text")))

    item("Actors", _actors(row))

    coded = as_int(row.get("fatalities"))
    reported = text(row.get("fatalities_text"))
    if coded is not None or reported:
        value = Markup("{} coded").format(coded if coded is not None else "—")
        if reported:
            value += Markup("; reported as “{}”").format(reported)
        item("Fatalities", value)

    verified = as_bool(row.get("verified"))
    claimant = text(row.get("claimed_by"))
    badge = (
        Markup('<span class="em-badge em-ok">verified</span>')
        if verified
        else Markup('<span class="em-badge">unverified</span>')
    )
    item("Claimed by", Markup("{} {}").format(claimant or "not attributed", badge))

    item("Location", _location(row))
    item("Source", text(row.get("source_chain")) or text(row.get("source")))

    kind = text(row.get("event_type")) or "Event"
    head = text(row.get("sub_event_type")) or kind
    quote = text(row.get("quote"))
    event_id = text(row.get("event_id")) or text(row.get("event_id_cnty"))
    return Markup(
        '<div class="em-popup"><div class="em-bar" style="background:{}"></div>'
        '<h4>{}</h4><div class="em-kind">{}</div><dl>{}</dl>{}{}</div>'
    ).format(
        side_colour(text(row.get("actor1_side"))),
        head,
        kind,
        Markup("").join(items),
        Markup("<blockquote>{}</blockquote>").format(quote) if quote else "",
        Markup('<div class="em-id">event {}</div>').format(event_id) if event_id else "",
    )


def _as_written(value: Any) -> Markup:
    written = text(value)
    if not written:
        return Markup("")
    return Markup('<br><span class="em-as-written">as written: “{}”</span>').format(written)


def _actor(name: Any, written: Any, side: Any) -> Markup | None:
    coded, as_written, side_name = text(name), text(written), text(side)
    if not coded and not as_written:
        return None
    label = coded or as_written
    out = Markup("{}").format(label)
    if side_name:
        out += Markup(' <span class="em-as-written">[{}]</span>').format(
            SIDE_LABELS.get(side_name, side_name)
        )
    if coded and as_written and as_written.casefold() not in coded.casefold():
        out += Markup(' <span class="em-as-written">(“{}”)</span>').format(as_written)
    return out


def _actors(row: Mapping[str, Any]) -> Markup | None:
    a1 = _actor(row.get("actor1"), row.get("actor1_text"), row.get("actor1_side"))
    a2 = _actor(row.get("actor2"), row.get("actor2_text"), row.get("actor2_side"))
    if a1 and a2:
        return Markup("{}<br>vs {}").format(a1, a2)
    return a1 or a2


def _location(row: Mapping[str, Any]) -> Markup | None:
    written = text(row.get("location_text"))
    coded = [text(row.get(c)) for c in ("location", "admin1", "country")]
    coded_text = ", ".join(dict.fromkeys(c for c in coded if c))
    if not written and not coded_text:
        return None
    prec = row.get("_prec")
    label = GEO_PRECISION_LABELS.get(prec, "precision unknown")
    out = Markup("")
    if written:
        out += Markup("“{}”").format(written)
    if coded_text:
        out += Markup(" → {}" if written else "{}").format(coded_text)
    return out + Markup('<br><span class="em-as-written">geo precision {}: {}</span>').format(
        prec, label
    )
