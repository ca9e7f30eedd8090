"""Near-identical texts (wire copies, republications) by MinHash over word shingles.

A wire story republished by twenty outlets is one source, not twenty: an event's
corroboration counts groups of near-identical texts, not articles. Signatures are
computed once per article in stage A (only for articles that report an event) and
compared within a merge block in stage B, so memory follows the block, not the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.8  # estimated Jaccard similarity of shingle sets above which texts are copies
_WORD = re.compile(r"\w+")
_SEED = 13


def signature(text: str) -> bytes:
    """MinHash signature of the text's word 5-shingles (lower-cased), as bytes."""
    from datasketch import MinHash

    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        shingles = {" ".join(words).encode()}
    else:
        shingles = {
            " ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)
        }
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations())
    m.update_batch(sorted(shingles))
    return m.hashvalues.astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.mean(x == y))


@lru_cache(maxsize=1)
def _permutations():
    """The seed's permutations, drawn once per process (datasketch redraws them per object)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED).permutations


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for the threshold: found once (it integrates)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def copy_groups(ids: Sequence[str], signatures: Sequence[bytes | None]) -> dict[str, str]:
    """Map each article id to its group's smallest id (a group = near-identical texts).

    Banded LSH (datasketch's MinHashLSH) proposes pairs; each is confirmed on the full
    signature, so the threshold holds whatever the band layout.
    """
    from datasketch import MinHash, MinHashLSH

    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands())
    seen: dict[str, np.ndarray] = {}
    for aid, sig in sorted(zip(ids, signatures, strict=True), key=lambda t: t[0]):
        if sig is None or aid in seen:
            continue
        values = np.frombuffer(sig, dtype="<u4").astype(np.uint64)
        m = MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values, permutations=_permutations())
        for other in lsh.query(m):
            if float(np.mean(seen[other] == values)) >= THRESHOLD:
                a, b = find(aid), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        lsh.insert(aid, m)
        seen[aid] = values
    return {i: find(i) for i in ids}
