"""Curated vocabularies: actors, news outlets and demonyms.

They live in CSV files under ``resources/`` so that analysts can extend them without code.
The geoparser uses them to mask names that contain place words (Hayat Tahrir al-Sham, SANA);
the event extractor uses the actor table to name who did what.

The stages, each importing only earlier ones:

- ``sources``: the resource CSVs, demonyms, ACLED's country names, role phrases;
- ``words``: the tokenizer and how a phrase's words sit in a text;
- ``scan``: phrases near one span (``PhraseScan``), the geoparser's per-run question;
- ``phrases``: many phrases found at once (``PhraseIndex``, ``Span``);
- ``table``: the actor table (``Actor``, ``ActorTable``): who a phrase names, inter codes;
- ``load``: filling it from actors.csv plus every country's generated actors;
- ``media``: news outlets (``MediaTable``);
- ``mask``: outlets and named actors the geoparser must not read as places.

Every public name is importable from ``eventmap.actors`` as before the split.
"""

from eventmap.actors.load import ROLE_ACTORS, default_actors, load_actors
from eventmap.actors.mask import actor_name_words, name_mask
from eventmap.actors.media import MediaTable, default_media
from eventmap.actors.phrases import PhraseIndex, Span
from eventmap.actors.scan import PhraseScan
from eventmap.actors.sources import acled_country_names, demonyms
from eventmap.actors.table import STATE_PREFIXES, Actor, ActorTable

__all__ = [
    "ROLE_ACTORS",
    "STATE_PREFIXES",
    "Actor",
    "ActorTable",
    "MediaTable",
    "PhraseIndex",
    "PhraseScan",
    "Span",
    "acled_country_names",
    "actor_name_words",
    "default_actors",
    "default_media",
    "demonyms",
    "load_actors",
    "name_mask",
]
