"""The title box: which article this map shows, and how far to trust it.

A map of claims looks like a map of facts. The box names the article, the outlet and
the date, and says in so many words that the claims are unverified.
"""

from __future__ import annotations

from folium.template import Template
from markupsafe import Markup

from eventmap.maps._util import VerbatimRender

UNVERIFIED_NOTE = (
    "Events as reported in the article. Claims by parties to the conflict "
    "have not been independently verified."
)


class TitleBox(VerbatimRender):
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="em-box em-title"
             style="display:none">{{ this.body }}</div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        eventmap.control({{ this._parent.get_name() }}, {{ this.get_name()|tojson }},
                         "topleft", true);
        {% endmacro %}
        """
    )

    def __init__(
        self,
        title: str | None = None,
        outlet: str | None = None,
        published: str | None = None,
        source_note: str | None = None,
        *,
        n_events: int = 0,
        n_mapped: int = 0,
        note: str | None = None,
    ) -> None:
        """``note``: what the events are and how far to trust them (default: one article's
        events, parties' claims unverified)."""
        super().__init__()
        self._name = "TitleBox"
        byline = " · ".join(x for x in (outlet, published) if x)
        counts = f"{n_mapped} event{'s' if n_mapped != 1 else ''} mapped"
        if n_events > n_mapped:
            counts += f"; {n_events - n_mapped} without a location not shown"
        self.body = Markup('<h1>{}</h1>{}{}<p class="em-muted">{}</p><p><b>{}</b></p>').format(
            title or "Events reported in the article",
            Markup('<p class="em-muted">{}</p>').format(byline) if byline else "",
            Markup("<p>{}</p>").format(source_note) if source_note else "",
            counts,
            note or UNVERIFIED_NOTE,
        )
