"""Find the places an English news text names, resolve them, and say what role each plays.

Rules plus the gazetteer, no learned model. The stages, in the order the text flows (each
module says why it exists; the word lists they read are files in ``resources/``)::

    text ─ runs        capitalised word runs and sentences; which runs could be unknown names
             │
           plans       per run text: longest gazetteer names, demonyms, regions; the traps
             │         (persons, organisations, features, acronyms), cached
           compose     'A and B' planned from the plans of A and B where that is exact
             │
           candidates  each occurrence of a planned name: sentence, title before, qualifiers
             │         (qualifiers: 'the city of', 'Hama province', 'northern Aleppo')
           resolve     candidate -> one ranked gazetteer place (eventmap.geocode), cached
             │
           context     the article's dominant country and divisions; 'Paris, Texas';
             │         one sense per discourse; uncertain names resolved again with that bias
           roles       drop disproved readings; event location, government, speaker, demonym...
             │
           unknown     names after 'in', 'near'... that no place matched: reported, not guessed
             │
    Mention list (text order)

``parser.Geoparser`` wires the stages and owns their caches; ``model`` holds ``Mention`` and
the values passed between stages, ``lexicon`` the vocabularies. No stage imports a later one.
The traps are those of news text: SANA the agency is not Sanaa, the byline 'Frederick R Cook'
is not a place called Cook, 'Reading the report' is not Reading, and 'Hayat Tahrir al-Sham'
is a group; 'the government in Damascus' is not an event in Damascus.
"""

from eventmap.geoparse.model import MAX_SPAN_TOKENS, MAX_TEXT_CHARS, ROLES, Mention
from eventmap.geoparse.parser import Geoparser, default_geoparser, geoparse, geoparse_jsonl
from eventmap.geoparse.runs import sentence_bounds

__all__ = [
    "MAX_SPAN_TOKENS",
    "MAX_TEXT_CHARS",
    "ROLES",
    "Geoparser",
    "Mention",
    "default_geoparser",
    "geoparse",
    "geoparse_jsonl",
    "sentence_bounds",
]
