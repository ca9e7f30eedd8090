"""The actor table: who an actor phrase names, and ACLED's codes for that actor.

Curated rows name actors by their aliases ('HTS' -> Hayat Tahrir al-Sham); generic aliases
('rebels', '~' in actors.csv) and role phrases ('the police', 'gunmen': actor_roles.csv)
name an actor only through the event's country. A state's forces are state forces (inter 1)
in their own country and external forces (8) anywhere else: ``ActorTable.inter``. How the
table is filled (the CSV, every country's generated actors) is ``load``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventmap.actors.phrases import PhraseIndex, Span, non_overlapping
from eventmap.actors.sources import actor_role_phrases


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor as ACLED would name it, with the phrases that refer to it."""

    name: str
    side: str
    inter: int
    country: str
    aliases: tuple[str, ...]
    generic_aliases: tuple[str, ...]

    @property
    def is_state(self) -> bool:
        """A government's own forces: their inter code depends on where they act."""
        return self.name.startswith(STATE_PREFIXES) or self.inter == 1


STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ")


class ActorTable:
    """Finds actor phrases in text; generic ones only where the article's country fits."""

    def __init__(self, actors: list[Actor], roles: dict[str, dict[str, str]] | None = None) -> None:
        """``roles``: role -> {country code: actor name}; phrases from actor_roles.csv."""
        self.actors = actors
        self.roles = roles or {}
        # Aliases generated per country from demonyms ('Kenyan army'): no place names inside,
        # so the geoparser need not mask them (thousands of phrases sharing 'army', 'forces').
        self.generated: frozenset[str] = frozenset()
        # Aliases typed in the table (not generated per country): their names of people and
        # groups ('Hadi' in 'pro-Hadi forces') tell the geoparser what is not a town.
        self.curated: frozenset[str] = frozenset(a for actor in actors for a in actor.aliases)
        role_phrases = actor_role_phrases() if self.roles else {}
        self._role_index = PhraseIndex({p: (role, True) for p, role in role_phrases.items()})
        # reversed: where two actors share an alias, the first one listed wins
        self._named = PhraseIndex(
            {a: (actor.name, False) for actor in reversed(actors) for a in actor.aliases}
        )
        # A generic phrase ('rebels') can name a different actor in each country: the index
        # finds the phrase, (phrase, country) gives the actor; the first listed wins.
        self._generic_index = PhraseIndex(
            {
                a: (" ".join(a.split()).casefold(), True)
                for actor in actors
                for a in actor.generic_aliases
            }
        )
        self._generic_by: dict[tuple[str, str | None], str] = {}
        for actor in actors:
            for a in actor.generic_aliases:
                key = " ".join(a.split()).casefold()
                self._generic_by.setdefault((key, actor.country), actor.name)
                self._generic_by.setdefault((key, None), actor.name)
        self._by_name = {actor.name: actor for actor in actors}
        self._role_of = {name: role for role, by in self.roles.items() for name in by.values()}
        # The same sentence is read for its actors and for who is speaking: find once.
        self._found: dict[tuple, tuple[Span, ...]] = {}
        # ...and with and without role phrases: each index reads a sentence once, whatever
        # the country (its phrases as found, before the country names a generic one).
        self._read: dict[str, list[list[Span] | None]] = {}
        self._generic_phrases = {
            a.casefold() for actor in actors for a in actor.generic_aliases
        } | set(role_phrases)

    def is_generic(self, phrase: str) -> bool:
        """'troops', 'militants': words that name an actor only through the article's context."""
        return " ".join(phrase.split()).casefold() in self._generic_phrases

    def by_name(self, name: str) -> Actor | None:
        return self._by_name.get(name)

    def find(
        self,
        text: str,
        country: str | None = None,
        *,
        generic: bool = True,
        roles: bool = False,
    ) -> list[Span]:
        """Non-overlapping actor mentions, longest first, in text order.

        ``roles``: also phrases like 'the police', 'gunmen', named through ``country``'s
        generated actors (a curated generic alias at the same place wins).
        """
        key = (text, country, generic, roles)
        cached = self._found.get(key)
        if cached is not None:
            return list(cached)
        found = self._find(text, country, generic, roles)
        if len(self._found) > 4096:  # bounded: a long run of new sentences starts afresh
            self._found.clear()
        self._found[key] = tuple(found)
        return found

    def _find(self, text: str, country: str | None, generic: bool, roles: bool) -> list[Span]:
        found = list(self._spans(text, 0))
        if generic:
            for sp in self._spans(text, 1):
                name = self._generic_by.get((sp.ref, country))
                if name is not None:
                    found.append(Span(sp.start, sp.end, sp.text, name, True))
        if roles and country:
            taken = {(sp.start, sp.end) for sp in found}
            for sp in self._spans(text, 2):
                name = self.role_actor(sp.ref, country)
                if name and (sp.start, sp.end) not in taken:
                    found.append(Span(sp.start, sp.end, sp.text, name, True))
        return non_overlapping(found)

    def _spans(self, text: str, which: int) -> list[Span]:
        """The phrases of index ``which`` (0 named, 1 generic, 2 roles) in ``text``, each
        index's read once per sentence (spans are immutable: shared by every answer)."""
        read = self._read.get(text)
        if read is None:
            if len(self._read) >= 256:  # bounded: the sentences of one article at a time
                self._read.clear()
            read = self._read[text] = [None, None, None]
        spans = read[which]
        if spans is None:
            index = (self._named, self._generic_index, self._role_index)[which]
            # three indexes read the same sentence: its words are worked out once
            spans = read[which] = index.find(text, PhraseIndex.words_of(text))
        return spans

    def role_actor(self, role: str, country: str | None) -> str | None:
        """ACLED's generic actor of ``role`` ('police', 'protesters'...) in ``country``."""
        return self.roles.get(role, {}).get(country) if country else None

    def in_country(self, name: str, country: str | None) -> str:
        """The same generic actor in ``country``: 'police' read as Police Forces of Canada off
        a namesake town ('Hamilton') are the United States' once the event is placed in Ohio.
        Only a role's actor changes; a named actor or one of no role stays as it is."""
        role = self._role_of.get(name)
        if role is None or not country:
            return name
        return self.roles[role].get(country, name)

    def inter(self, name: str | None, country: str | None = None) -> int | None:
        """ACLED's inter code of ``name`` in an event in ``country``.

        A state's forces are state forces (1) at home and external forces (8) elsewhere;
        other actors keep their own code.
        """
        actor = self._by_name.get(name) if name else None
        if actor is None:
            return None
        if actor.is_state and country and actor.country:
            return 1 if actor.country == country else 8
        return actor.inter
