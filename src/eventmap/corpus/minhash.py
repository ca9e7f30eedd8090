"""Near-identical texts (wire copies, republications) by MinHash over word shingles.

A wire story republished by twenty outlets is one source, not twenty: an event's
corroboration counts groups of near-identical texts, not articles. Signatures are
computed once per article in stage A (only for articles that report an event) and
compared within a merge block in stage B, so memory follows the block, not the corpus.

Stage A computes signatures with numpy exactly as datasketch's ``MinHash`` does (its SHA-1
32-bit hash, its permutations drawn from the same seed; a test checks the bytes agree):
importing datasketch pulls in scipy, ~0.9 s of CPU in every worker before its first
article, and stage A needs none of it. Stage B finds the copies by datasketch's banded LSH,
with numpy (copy_groups).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import threading
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
    else:  # the 5-word windows, zipped: no slice per window
        windows = zip(*(words[k:] for k in range(SHINGLE)), strict=False)
        shingles = set(map(" ".join, windows))
    sha1 = hashlib.sha1
    # datasketch's sha1_hash32: the digest's first 4 bytes, little-endian
    digests = b"".join([sha1(s.encode()).digest()[:4] for s in shingles])
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint64).reshape(-1, 1)
    a, b = _permutations()
    work, high, over = _buffers()
    best = None
    # datasketch's universal hashing: (a * h + b) mod the Mersenne prime, cut to 32 bits
    # (the product wraps at 64 bits there too), CHUNK shingles at a time into reused arrays:
    # one array of all shingles x 64 permutations (~170 KB for a kit article, times the
    # temporaries) was mapped and unmapped by malloc at each article, ~6 of its ~12 minor
    # page faults and a fifth of signature()'s time
    for k in range(0, len(hashes), CHUNK):
        part = hashes[k : k + CHUNK]
        n = len(part)
        x = work[:n]
        np.multiply(part, a, out=x)
        x += b
        _mod_mersenne(x, high[:n], over[:n])
        x &= _MAX_HASH
        least = x.min(axis=0)
        best = least if best is None else np.minimum(best, least, out=best)
    assert best is not None  # at least one shingle, if only the empty one
    return best.astype("<u4").tobytes()


def _mod_mersenne(
    x: np.ndarray, high: np.ndarray | None = None, over: np.ndarray | None = None
) -> np.ndarray:
    """``x % (2**61 - 1)`` in place, without a division (a third of signature()'s time):
    2**61 is 1 modulo the prime, so x = q * 2**61 + r is q + r, which is below twice the
    prime (q < 8): one conditional subtraction finishes it. ``high`` and ``over``: work
    arrays of x's shape (uint64, bool), else new ones."""
    high = np.right_shift(x, _SHIFT, out=high)
    x &= _MERSENNE
    x += high
    over = np.greater_equal(x, _MERSENNE, out=over)
    np.subtract(x, _MERSENNE, out=x, where=over)
    return x


CHUNK = 256  # shingles hashed per pass: work arrays of 256 x 64 values (128 KB), reused
_WORK = threading.local()  # a thread's own work arrays (a worker runs tasks on threads)


def _buffers() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """This thread's work arrays for signature(): the permuted values, their high bits and
    which of them exceed the prime."""
    found = getattr(_WORK, "arrays", None)
    if found is None:
        shape = (CHUNK, NUM_PERM)
        found = (np.empty(shape, np.uint64), np.empty(shape, np.uint64), np.empty(shape, bool))
        _WORK.arrays = found
    return found


def similarity(a: bytes, b: bytes) -> float:
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.mean(x == y))


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SHIFT = np.uint64(61)


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


def copy_groups(ids: Sequence[str], signatures: Sequence[bytes | None]) -> dict[str, str]:
    """Map each article id to its group's smallest id (a group = near-identical texts).

    Banded LSH as datasketch's ``MinHashLSH`` does it (``BANDS`` bands of ``ROWS`` values;
    two texts are candidates when any band is equal), each candidate pair confirmed on the
    full signature, so the threshold holds whatever the band layout. Done with numpy over
    one array of signatures: datasketch's index kept ~2.6 KB of Python objects per article
    (60 MB for a bucket of 22,000 mentions) and its import pulls in scipy in every worker.
    A signature of the wrong length (a damaged shard) is no one's copy."""
    first: dict[str, bytes] = {}
    for aid, sig in sorted(zip(ids, signatures, strict=True), key=lambda t: t[0]):
        if isinstance(sig, bytes | bytearray) and len(sig) == 4 * NUM_PERM:
            first.setdefault(aid, bytes(sig))
    keys = list(first)  # sorted: a group's smallest index is its smallest id
    parent = np.arange(len(keys))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    if len(keys) > 1:
        sigs = np.frombuffer(b"".join(first.values()), dtype="<u4").reshape(len(keys), NUM_PERM)
        for i, j in _confirmed(sigs, _candidates(sigs)):
            a, b = find(int(i)), find(int(j))
            if a != b:
                parent[max(a, b)] = min(a, b)
    group = {aid: keys[find(k)] for k, aid in enumerate(keys)}
    return {i: group.get(i, i) for i in ids}


BANDS, ROWS = 5, 11  # datasketch's optimal layout for THRESHOLD and NUM_PERM (a test checks)


def _candidates(sigs: np.ndarray) -> np.ndarray:
    """Pairs (i < j) of rows equal in at least one band."""
    pairs = []
    for band in range(BANDS):
        cut = np.ascontiguousarray(sigs[:, band * ROWS : (band + 1) * ROWS])
        _, label = np.unique(cut.view(f"V{cut.shape[1] * 4}").ravel(), return_inverse=True)
        order = np.argsort(label, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(label[order]) != 0, True])
        for lo, hi in itertools.pairwise(starts):
            if hi - lo > 1:
                members = np.sort(order[lo:hi])
                i, j = np.triu_indices(len(members), k=1)
                pairs.append(np.stack([members[i], members[j]], axis=1))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(pairs), axis=0)


def _confirmed(sigs: np.ndarray, pairs: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """The candidate pairs whose signatures agree on at least THRESHOLD of their values."""
    keep = [
        part[(sigs[part[:, 0]] == sigs[part[:, 1]]).mean(axis=1) >= THRESHOLD]
        for part in (pairs[k : k + chunk] for k in range(0, len(pairs), chunk))
    ]
    return np.concatenate(keep) if keep else pairs


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for the threshold (it integrates, with scipy): what
    BANDS and ROWS must equal."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r
