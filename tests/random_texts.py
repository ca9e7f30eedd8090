"""Seeded word soup for the tests that compare a fast search with the plain one: each test
brings its own words (the ones its patterns look for) and separators."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence


def random_texts(
    seed: int,
    n: int,
    words: Sequence[str],
    seps: Sequence[str],
    lengths: tuple[int, int],
    cased: Sequence[Callable[[str], str]] = (),
) -> list[str]:
    """``n`` texts of ``lengths`` (least, most) words, each followed by a separator; with
    ``cased``, each word is first re-cased by one of those functions."""
    rng = random.Random(seed)

    def word() -> str:
        if cased:
            return rng.choice(cased)(rng.choice(words))
        return rng.choice(words)

    return [
        "".join(word() + rng.choice(seps) for _ in range(rng.randint(*lengths))) for _ in range(n)
    ]
