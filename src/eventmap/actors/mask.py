"""What the geoparser must not read as places: outlets and named actors.

Names such as Hayat Tahrir al-Sham or SANA hold place words (Sham, Sanaa); the geoparser
masks every outlet and typed actor alias with one index, and distrusts a town read from a
word that is also part of an actor's name ('Hadi' is Hardy, Arkansas, too). This is the
only stage that needs both tables, so it comes last.
"""

from __future__ import annotations

from eventmap.actors.media import MediaTable
from eventmap.actors.phrases import PhraseIndex
from eventmap.actors.sources import demonyms
from eventmap.actors.table import ActorTable
from eventmap.actors.words import TOKEN


def actor_name_words(actors: ActorTable) -> frozenset[str]:
    """Capitalised words of the typed aliases, demonyms aside: 'Hadi', 'Taliban', 'Houthi'.

    Many are also alternate spellings of some small town somewhere (Hadi is Hardy, Arkansas);
    the geoparser trusts such a reading only from a town's own name.
    """
    skip = demonyms()
    return frozenset(
        word
        for alias in actors.curated
        for word in TOKEN.findall(alias)
        if len(word) > 2 and word[0].isupper() and not word.isupper() and word not in skip
    )


def name_mask(media: MediaTable, actors: ActorTable) -> PhraseIndex:
    """One index of every outlet and named actor: spans the geoparser must not read as places."""
    phrases = {alias: (name, False) for alias, name in media.names.items()}
    for actor in reversed(actors.actors):
        phrases.update({a: (actor.name, False) for a in actor.aliases if a not in actors.generated})
    return PhraseIndex(phrases)
