"""Copy groups by banded LSH with numpy: the groups datasketch's MinHashLSH finds."""

from __future__ import annotations

import random

import numpy as np

from eventmap.corpus import minhash
from eventmap.corpus.minhash import NUM_PERM, THRESHOLD, copy_groups, signature


def datasketch_groups(ids: list[str], sigs: list[bytes | None]) -> dict[str, str]:
    """The reference: datasketch's LSH proposes, the full signature confirms."""
    from datasketch import MinHash, MinHashLSH

    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    lsh = MinHashLSH(num_perm=NUM_PERM, params=minhash._bands())
    seen: dict[str, np.ndarray] = {}
    for aid, sig in sorted(zip(ids, sigs, strict=True), key=lambda t: t[0]):
        if sig is None or aid in seen:
            continue
        values = np.frombuffer(sig, dtype="<u4").astype(np.uint64)
        m = MinHash(num_perm=NUM_PERM, hashvalues=values)
        for other in lsh.query(m):
            if float(np.mean(seen[other] == values)) >= THRESHOLD:
                a, b = find(aid), find(other)
                parent[max(a, b)] = min(a, b)
        lsh.insert(aid, m)
        seen[aid] = values
    return {i: find(i) for i in ids}


def test_the_band_layout_is_datasketchs():
    assert minhash._bands() == (minhash.BANDS, minhash.ROWS)


def test_the_same_groups_as_datasketchs_lsh():
    rng = random.Random(5)
    words = [f"w{k}" for k in range(300)]
    ids, sigs = [], []
    for _story in range(120):
        base = [rng.choice(words) for _ in range(60)]
        for copy in range(rng.choice((1, 1, 2, 4))):
            text = list(base)
            for _ in range(copy * rng.choice((0, 1, 3, 8))):  # light to heavy edits
                text[rng.randrange(len(text))] = rng.choice(words)
            ids.append(f"a{rng.randrange(10**6):06d}")
            sigs.append(signature(" ".join(text)))
    ids += ["none", ids[0], "short"]  # no signature, an id twice, a damaged signature
    sigs += [None, sigs[5], b"\x01\x02"]
    got = copy_groups(ids, sigs)
    want = datasketch_groups(ids[:-1], sigs[:-1]) | {"short": "short"}
    assert got == want
    assert sum(1 for k, v in got.items() if k != v) > 20  # copies were found


def test_the_mersenne_remainder_without_division_is_numpys():
    p = (1 << 61) - 1
    edges = [0, 1, p - 1, p, p + 1, 2 * p - 1, 2 * p, 2 * p + 1, (1 << 61), (1 << 64) - 1]
    rng = np.random.default_rng(3)
    values = np.array(edges, dtype=np.uint64)
    values = np.concatenate([values, rng.integers(0, 2**64 - 1, 5000, dtype=np.uint64)])
    want = values % np.uint64(p)
    assert np.array_equal(minhash._mod_mersenne(values.copy()), want)


def test_signatures_over_several_chunks_are_datasketchs():
    """Shingles hashed CHUNK at a time into reused arrays: texts of just under, at and over
    one and two chunks give datasketch's bytes, and a shorter text after a longer one is
    not read from the longer one's leftovers."""
    from datasketch import MinHash

    rng = random.Random(5)
    vocabulary = [f"w{k}" for k in range(400)]
    for n in (1, 4, 5, 6, 200, 259, 260, 261, 516, 517, 900, 7):
        words = [rng.choice(vocabulary) for _ in range(n)]
        if n >= minhash.SHINGLE:
            windows = range(n - minhash.SHINGLE + 1)
            shingles = {" ".join(words[i : i + minhash.SHINGLE]) for i in windows}
        else:
            shingles = {" ".join(words)}
        m = MinHash(num_perm=NUM_PERM, seed=13)
        m.update_batch([s.encode() for s in shingles])
        assert signature(" ".join(words)) == m.hashvalues.astype("<u4").tobytes(), n
