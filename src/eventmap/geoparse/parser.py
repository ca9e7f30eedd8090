"""The Geoparser: wires the stages in the order the text flows, and owns their caches.

Each stage is a mixin holding one job's methods (``runs``, ``plans``, ``compose``,
``candidates``, ``resolve``, ``context``, ``roles``, ``unknown``); this class creates the
state they share (the geocoder, the vocabularies, a dozen bounded caches that make repeated
names cheap) and runs them in order in ``parse``. Mixins, not separate objects: the hot loops
call one another's methods millions of times, and a method on ``self`` is the cheapest call
there is.
"""

from __future__ import annotations

import json
from operator import attrgetter
from pathlib import Path
from typing import Any

from eventmap.actors import (
    MediaTable,
    actor_name_words,
    default_actors,
    default_media,
    demonyms,
    name_mask,
)
from eventmap.errors import InvalidInput
from eventmap.geocode import OfflineGeocoder
from eventmap.geoparse.candidates import CandidateFinder
from eventmap.geoparse.compose import GLUES, Composer
from eventmap.geoparse.context import ContextReader
from eventmap.geoparse.lexicon import REGIONS, common_words
from eventmap.geoparse.model import NO_DIVISIONS, UNKNOWN, Mention, Word, validate
from eventmap.geoparse.plans import PlanMaker
from eventmap.geoparse.roles import RoleDecider
from eventmap.geoparse.runs import RunReader, sentence_bounds
from eventmap.geoparse.unknown import UnknownNames
from eventmap.normalize import fold

_BY_OFFSETS = attrgetter("start", "end")  # text order; a C-level sort key


class Geoparser(
    RunReader, PlanMaker, Composer, CandidateFinder, ContextReader, RoleDecider, UnknownNames
):
    """Reusable geoparser: holds the geocoder and vocabularies, caches resolutions."""

    def __init__(
        self,
        geocoder: OfflineGeocoder | None = None,
        *,
        media: MediaTable | None = None,
        actors: Any | None = None,
    ) -> None:
        self.geocoder = geocoder or OfflineGeocoder()
        self.gazetteer = self.geocoder.gazetteer
        self.media = media or default_media()
        self.actors = actors or default_actors()
        self.demonyms = demonyms()
        self._mask = name_mask(self.media, self.actors)
        # Is a masked name made of the words joining two runs alone? (see compose)
        self._glue_in_mask = {glue: bool(self._mask.find(glue.strip())) for glue in GLUES}
        self._actor_words = actor_name_words(self.actors)
        self._common = common_words()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._areas: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._plans: dict[Any, tuple] = {}
        self._mask_anchors: dict[str, tuple] = {}  # run -> its anchor words (see actors)
        self._splits: dict[str, tuple[tuple[Word, ...], ...]] = {}
        self._prefixes: dict[str, bool] = {}
        self._single_words: dict[str, Any] = {}
        self._small_towns: dict[str, bool] = {}
        self._unknown_sizes: dict[str, int] = {}
        self._places: dict[int, tuple] = {}  # id(Location) -> its mention fields (see roles)
        self._facts: dict[int, tuple] = {}  # id(Location) -> its context fields (see context)
        self._quiet: set[str] = set()  # runs known to need nothing (see candidates)
        # First two words of the demonyms and regions that have more than one word.
        self._multiword_heads = frozenset(
            fold(" ".join(words[:2]))
            for words in (name.replace("-", " ").split() for name in (*self.demonyms, *REGIONS))
            if len(words) > 1
        )
        self._persons: set[str] = set()
        self._ctx: tuple[str | None, set[str]] = (None, set())
        self._article: tuple[list, list] = ([], [])  # candidates and their first readings

    # ------------------------------------------------------------------ public

    def parse(self, text: str, *, country_hint: str | None = None) -> list[Mention]:
        text = validate(text)
        if not text.strip():
            return []
        sentences = sentence_bounds(text)
        starts = [s for s, _ in sentences]
        self._persons = set()
        candidates, runs = self._candidates(text, sentences, starts)
        # First readings: a plain name's cache key is at hand, so a cached answer (nearly
        # every name of a warm parser) is read here without two calls (``_resolve``).
        cache = self._cache
        first = []
        for c in candidates:
            loc = UNKNOWN
            if c.demonym is None and c.feature is None:
                loc = cache.get((c.lookup, c.kind_hint, None, NO_DIVISIONS), UNKNOWN)
            first.append(self._resolve(c, None, NO_DIVISIONS) if loc is UNKNOWN else loc)
        self._article = (candidates, first)
        pinned = self._contained(text, candidates, first)
        facts = self._place_facts(first)
        dominant, divisions, mentioned = self._context(candidates, facts)
        dominant = country_hint or dominant
        self._ctx = (dominant, mentioned | ({dominant} if dominant else set()))
        mentions = []
        for k, (cand, loc, fact) in enumerate(zip(candidates, first, facts, strict=True)):
            if (
                (dominant or divisions)
                and loc is not None
                and cand.demonym is None
                and k not in pinned
            ):
                loc = self._rebias(cand, loc, fact, dominant, divisions)
            mention = self._mention(text, cand, loc, sentences)
            if mention is not None:
                mentions.append(mention)
        mentions.extend(self._unresolved(text, sentences, starts, runs, mentions))
        mentions.sort(key=_BY_OFFSETS)
        return mentions


_DEFAULT: Geoparser | None = None


def default_geoparser() -> Geoparser:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Geoparser()
    return _DEFAULT


def geoparse(
    text: str, *, country_hint: str | None = None, geoparser: Geoparser | None = None
) -> list[Mention]:
    """Mentions of places in ``text``, in text order (see ``Mention``)."""
    return (geoparser or default_geoparser()).parse(text, country_hint=country_hint)


def geoparse_jsonl(
    source: str | Path,
    target: str | Path,
    *,
    progress: bool = True,
    geoparser: Geoparser | None = None,
) -> int:
    """Geoparse lines {"id", "text", ...} into {"id", "toponyms": [...]} (the eval format).

    The output appears only when every line went through: a bad line leaves no half file.
    """
    from tqdm.auto import tqdm

    parser = geoparser or default_geoparser()
    source, target = Path(source), Path(target)
    lines = source.read_text(encoding="utf-8").splitlines()
    results = []
    for lineno, line in enumerate(
        tqdm(lines, desc="geoparsing", unit="doc", disable=not progress), start=1
    ):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            text = doc["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InvalidInput(
                f"{source}:{lineno}: not a {{'id', 'text'}} JSON line ({exc})"
            ) from exc
        toponyms = [
            {
                "start": m.start,
                "end": m.end,
                "name": m.text,
                "lat": m.latitude,
                "lon": m.longitude,
                "role": m.role,
            }
            for m in parser.parse(text)
        ]
        results.append(json.dumps({"id": doc.get("id"), "toponyms": toponyms}, ensure_ascii=False))
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text("".join(r + "\n" for r in results), encoding="utf-8")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return len(results)
