"""Character n-grams, MinHash signatures and LSH band keys, vectorised with numpy.

The MinHash is datasketch's (``datasketch.MinHash``, scheme ``affine32``,
the default since datasketch 2.0) computed for many sets at once: each 32-bit
n-gram hash is pre-mixed with the MurmurHash3 finaliser and permuted with
``a * h + b (mod 2**32)``; the signature is the minimum over the set, per
permutation.  The permutation parameters come from the same random stream
(``numpy.random.RandomState(seed)``), so a signature here is bit for bit the
``hashvalues`` datasketch computes from the same n-gram hashes (tested).
datasketch itself updates one set at a time; here a whole document's
paragraphs go through one matrix product and one ``minimum.reduceat``, which
``zh-gov-essays bench`` measures against datasketch.

Sets are sorted arrays of unique ``uint32`` n-gram hashes, so the exact
Jaccard of two sets is a merge of two sorted arrays (:func:`jaccard`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

NGRAM = 5
"""Characters per n-gram (measured choice: see :mod:`zh_gov_essays.publish.dedup`)."""

BANDS = 20
ROWS = 4
"""LSH banding: ``BANDS`` bands of ``ROWS`` signature values each.

Two sets of Jaccard similarity ``s`` share at least one band with probability
``1 - (1 - s**4)**20``: 0.996 at 0.7 (the near-duplicate threshold), 0.72 at
0.5, 0.03 at 0.2 and 1e-4 at 0.05.  Candidates are always confirmed by the
exact Jaccard, so a loose band only costs a comparison, a tight one misses
copies.
"""

NUM_PERM = BANDS * ROWS
SEED = 1  # datasketch's default seed

_U32 = np.uint32
_U64 = np.uint64
_MAX32 = np.iinfo(np.uint32).max
_POLY = np.uint64(0x100000001B3)  # odd multiplier of the n-gram polynomial hash
_BAND_MUL = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier combining a band's values
# Rows of the (n-grams x permutations) matrix computed at once: bounds its memory
# (65,536 x 80 x 4 bytes = 20 MiB) for documents of any length.
_CHUNK_GRAMS = 1 << 16


def fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finaliser, a bijection on ``uint32`` (datasketch's pre-mix).

    >>> fmix32(np.array([0, 1], dtype=np.uint32)).tolist()
    [0, 1364076727]
    """
    h = h.astype(_U32, copy=True)
    h ^= h >> _U32(16)
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    h ^= h >> _U32(16)
    return h


def fmix64(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 64-bit finaliser, a bijection on ``uint64``.

    >>> fmix64(np.array([0, 1], dtype=np.uint64)).tolist()
    [0, 12994781566227106604]
    """
    h = h.astype(_U64, copy=True)
    h ^= h >> _U64(33)
    h *= _U64(0xFF51AFD7ED558CCD)
    h ^= h >> _U64(33)
    h *= _U64(0xC4CEB9FE1A85EC53)
    h ^= h >> _U64(33)
    return h


def ngram_hashes(keys: Sequence[str], n: int = NGRAM) -> tuple[np.ndarray, np.ndarray]:
    """The sets of character n-grams of ``keys``, as sorted unique ``uint32`` hashes.

    Returns ``(offsets, grams)``: the set of ``keys[i]`` is
    ``grams[offsets[i]:offsets[i + 1]]``.  A key shorter than ``n`` is one
    n-gram (itself); an empty key has none.  An n-gram's hash is a polynomial
    of its code points modulo 2**64, finalised with :func:`fmix64`, top 32 bits.

    >>> offsets, grams = ngram_hashes(["加强机关建设", "加强", ""], n=5)
    >>> offsets.tolist()
    [0, 2, 3, 3]
    >>> bool(grams[0] < grams[1])
    True
    """
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    codes = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    # One window of n code points per position; windows that run past their
    # key are dropped, and a key shorter than n becomes one short window.
    width = np.minimum(lengths, n)
    windows = np.maximum(lengths - n + 1, 0) + (lengths > 0) * (lengths < n)
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), windows)
    first = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(windows, out=first[1:])
    pos = starts[owner] + np.arange(len(owner), dtype=np.int64) - first[owner]
    size = width[owner]
    h = np.zeros(len(owner), dtype=_U64)
    padded = np.concatenate([codes, np.zeros(n, dtype=_U64)])
    for j in range(n):
        h = np.where(j < size, h * _POLY + padded[pos + j], h)
    h = (fmix64(h) >> _U64(32)).astype(_U64)
    tagged = np.sort((owner.astype(_U64) << _U64(32)) | h)
    if len(tagged):  # unique (sorting is faster than np.unique's hash table here)
        first = np.ones(len(tagged), dtype=bool)
        np.not_equal(tagged[1:], tagged[:-1], out=first[1:])
        tagged = tagged[first]
    offsets = np.searchsorted(tagged >> _U64(32), np.arange(len(keys) + 1, dtype=_U64))
    return offsets.astype(np.int64), (tagged & _U64(_MAX32)).astype(_U32)


@cache
def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``affine32`` permutation parameters ``(a, b)``: ``a`` odd.

    >>> a, b = permutations(4)
    >>> a.dtype, bool((a % 2 == 1).all()), b.shape
    (dtype('uint32'), True, (4,))
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=_U32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=_U32)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def signatures(
    offsets: np.ndarray, grams: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED
) -> np.ndarray:
    """MinHash signatures of the sets ``grams[offsets[i]:offsets[i + 1]]``, one row each.

    An empty set gets the empty signature (every value ``2**32 - 1``), as in datasketch.

    >>> offsets, grams = ngram_hashes(["建设服务型机关的重要举措", "建设服务型机关的重要举措", "完全不同的一句话"])
    >>> sig = signatures(offsets, grams)
    >>> sig.shape, bool((sig[0] == sig[1]).all()), float((sig[0] == sig[2]).mean())
    ((3, 80), True, 0.0)
    """
    a, b = permutations(num_perm, seed)
    rows = len(offsets) - 1
    out = np.full((rows, num_perm), _MAX32, dtype=_U32)
    mixed = fmix32(grams)
    counts = np.diff(offsets)
    row = 0
    while row < rows:
        # A chunk of whole rows holding at most _CHUNK_GRAMS n-grams (or one large row).
        end = int(np.searchsorted(offsets, offsets[row] + _CHUNK_GRAMS, side="right")) - 1
        end = min(max(end, row + 1), rows)
        lo, hi = int(offsets[row]), int(offsets[end])
        if hi > lo:
            permuted = np.multiply.outer(mixed[lo:hi], a)
            permuted += b
            for r in range(row, end):  # faster than minimum.reduceat over rows of 80 values
                if counts[r]:
                    out[r] = permuted[offsets[r] - lo : offsets[r + 1] - lo].min(axis=0)
        row = end
    return out


def band_keys(sigs: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """The LSH bucket key of each band of each signature: ``uint64``, one column per band.

    Equal bands give equal keys; the band's number is part of the key, so one
    table can hold every band.

    >>> sig = np.arange(8, dtype=np.uint32).reshape(1, 8)
    >>> keys = band_keys(sig, bands=2, rows=4)
    >>> keys.shape, bool(keys[0, 0] != keys[0, 1])
    ((1, 2), True)
    """
    parts = sigs[:, : bands * rows].astype(_U64).reshape(len(sigs), bands, rows)
    h = np.zeros((len(sigs), bands), dtype=_U64)
    for j in range(rows):
        h = h * _BAND_MUL + parts[:, :, j]
    return fmix64(h + np.arange(bands, dtype=_U64) * _POLY)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The exact Jaccard similarity of two sets given as sorted unique arrays.

    >>> jaccard(np.array([1, 2, 3]), np.array([2, 3, 4]))
    0.5
    >>> jaccard(np.array([], dtype=np.uint32), np.array([], dtype=np.uint32))
    0.0
    """
    if not len(a) or not len(b):
        return 0.0
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    common = int(np.count_nonzero(b[at] == a))
    return common / (len(a) + len(b) - common)
