"""Filling the actor table: the curated CSV, then every country's generated actors.

Beside the curated rows (``actors.csv``), every country gets ACLED's generic actors, generated
from pycountry and the demonym list rather than typed by hand: Military Forces of X and Police
Forces of X (with 'Kenyan army', 'Kenyan police'...), Protesters (X), Rioters (X), Civilians (X)
and Unidentified Armed Group (X). A curated actor whose name is a generated one takes its
place, so the table holds one actor per name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from eventmap.actors.sources import acled_country_names, csv_rows, demonyms, resource_path
from eventmap.actors.table import Actor, ActorTable
from eventmap.wordlists import entries

# Generated per country: role -> (name pattern, side, inter). {the} is ACLED's article.
ROLE_ACTORS: dict[str, tuple[str, str, int]] = {
    "military": ("Military Forces of {the}{name}", "state", 1),
    "police": ("Police Forces of {the}{name}", "state", 1),
    "protesters": ("Protesters ({name})", "other", 6),
    "rioters": ("Rioters ({name})", "other", 5),
    "civilians": ("Civilians ({name})", "civilians", 7),
    "armed_group": ("Unidentified Armed Group ({name})", "rebel", 3),
    "gang": ("Unidentified Gang ({name})", "rebel", 3),
    "identity_militia": ("Communal Militia ({name})", "rebel", 4),
}
_NOUN_FILES = {"military": "military_nouns.txt", "police": "police_nouns.txt"}
_OF_NOUNS = {"military": ("military forces",), "police": ("police forces",)}


def load_actors(path: str | Path | None = None, *, countries: bool | None = None) -> ActorTable:
    """The actor table from ``path`` (same columns as resources/actors.csv) or the built-in one.

    ``countries`` (default: only for the built-in table) adds every country's generated actors.
    """
    actors = []
    for row in csv_rows(Path(path) if path else resource_path("actors.csv")):
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        actors.append(
            Actor(
                name=row["actor"],
                side=row["side"],
                inter=int(row["inter"]),
                country=row["country"],
                aliases=tuple(a for a in aliases if not a.startswith("~")),
                generic_aliases=tuple(a[1:] for a in aliases if a.startswith("~")),
            )
        )
    if countries if countries is not None else path is None:
        return _with_countries(actors)
    return ActorTable(actors)


def _core(name: str) -> str:
    return re.split(r"\s*\(\d{4}-", name)[0].strip()


def _with_countries(curated: list[Actor]) -> ActorTable:
    """Curated actors first, then each country's generated ones; a curated actor whose name
    (years aside) is a generated one takes that one's place and gains its aliases."""
    by_core = {_core(a.name): i for i, a in enumerate(curated)}
    actors = list(curated)
    extra: list[Actor] = []
    roles: dict[str, dict[str, str]] = {role: {} for role in ROLE_ACTORS}
    adjectives: dict[str, list[str]] = {}
    for word, code in demonyms().items():
        if len(code) == 2 and word[0].isupper() and not word.endswith("s"):
            adjectives.setdefault(code, []).append(word)
    for code, (name, the) in sorted(acled_country_names().items()):
        for role, (pattern, side, inter) in ROLE_ACTORS.items():
            actor_name = pattern.format(the="the " if the else "", name=name)
            # Phrases after a demonym that name the role ('Kenyan troops', 'Iraqi police').
            nouns = entries(_NOUN_FILES[role]) if role in _NOUN_FILES else ()
            aliases = tuple(f"{adj} {noun}" for adj in adjectives.get(code, ()) for noun in nouns)
            if role in ("military", "police"):  # 'the military forces of Azerbaijan'
                words = _OF_NOUNS[role]
                aliases += tuple(f"{w} of {'the ' if the else ''}{name}" for w in words)
            if actor_name in by_core:
                i = by_core[actor_name]
                old = actors[i]
                actors[i] = Actor(
                    old.name,
                    old.side,
                    old.inter,
                    old.country or code,
                    old.aliases + tuple(a for a in aliases if a not in old.aliases),
                    old.generic_aliases,
                )
                roles[role][code] = old.name
                continue
            extra.append(Actor(actor_name, side, inter, code, aliases, ()))
            roles[role][code] = actor_name
    table = ActorTable(actors + extra, roles)
    curated_aliases = {a for actor in curated for a in actor.aliases}
    table.curated = frozenset(curated_aliases)
    table.generated = frozenset(  # 'forces of Armenia' names a place: masked like curated
        a
        for actor in table.actors
        for a in actor.aliases
        if a not in curated_aliases and " of " not in a
    )
    return table


@cache
def default_actors() -> ActorTable:
    return load_actors()
