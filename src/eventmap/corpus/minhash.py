"""Near-identical texts (wire copies, republications) by MinHash over word shingles.

A wire story republished by twenty outlets is one source, not twenty: an event's
corroboration counts groups of near-identical texts, not articles. Signatures are
computed once per article in stage A (only for articles that report an event) and
compared within a merge block in stage B, so memory follows the block, not the corpus.

Stage A computes signatures with numpy exactly as datasketch's ``MinHash`` does (its SHA-1
32-bit hash, its permutations drawn from the same seed; a test checks the bytes agree):
importing datasketch pulls in scipy, ~0.9 s of CPU in every worker before its first
article, and stage A needs none of it. Stage B uses datasketch's LSH to find the copies.
"""

from __future__ import annotations

import hashlib
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
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    sha1 = hashlib.sha1
    hashes = np.fromiter(
        (int.from_bytes(sha1(s.encode()).digest()[:4], "little") for s in shingles),
        dtype=np.uint64,
        count=len(shingles),
    ).reshape(-1, 1)
    a, b = _permutations()
    # datasketch's universal hashing: (a * h + b) mod the Mersenne prime, cut to 32 bits
    # (the product wraps at 64 bits there too)
    permuted = ((hashes * a + b) % _MERSENNE) & _MAX_HASH
    return permuted.min(axis=0).astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.mean(x == y))


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutations for the seed (``MinHash._init_permutations``), drawn once."""
    gen = np.random.RandomState(_SEED)
    pairs = [
        (
            gen.randint(1, _MERSENNE, dtype=np.uint64),
            gen.randint(0, _MERSENNE, dtype=np.uint64),
        )
        for _ in range(NUM_PERM)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a.reshape(1, -1), b.reshape(1, -1)


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
    permutations = np.vstack(_permutations())
    seen: dict[str, np.ndarray] = {}
    for aid, sig in sorted(zip(ids, signatures, strict=True), key=lambda t: t[0]):
        if sig is None or aid in seen:
            continue
        values = np.frombuffer(sig, dtype="<u4").astype(np.uint64)
        m = MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values, permutations=permutations)
        for other in lsh.query(m):
            if float(np.mean(seen[other] == values)) >= THRESHOLD:
                a, b = find(aid), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        lsh.insert(aid, m)
        seen[aid] = values
    return {i: find(i) for i in ids}
