"""Compact, append-only tables for the corpus-level duplicate state.

The duplicate finder remembers, for every earlier paragraph and document,
a few integers: hashes and band keys pointing at ordinals.  Python dicts
would spend about 100 bytes per entry on that; these tables spend 12
(:class:`BucketIndex`) or 4 (:class:`GrowArray`), and answer a whole
document's lookups in a few numpy calls.
"""

from __future__ import annotations

import numpy as np


class GrowArray:
    """A numpy array that grows at the end (amortised doubling), for per-item integers.

    >>> a = GrowArray(np.uint32)
    >>> a.extend([3, 4]); a.append(5)
    >>> a.view().tolist(), len(a)
    ([3, 4, 5], 3)
    """

    def __init__(self, dtype: type) -> None:
        self._data = np.zeros(16, dtype=dtype)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def append(self, value: int) -> None:
        """Add one value at the end."""
        self.extend([value])

    def extend(self, values: np.ndarray | list[int]) -> None:
        """Add values at the end."""
        values = np.asarray(values, dtype=self._data.dtype)
        end = self._size + len(values)
        if end > len(self._data):
            grown = np.zeros(max(end, 2 * len(self._data)), dtype=self._data.dtype)
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : end] = values
        self._size = end

    def view(self) -> np.ndarray:
        """The filled part (a view: do not keep it across appends)."""
        return self._data[: self._size]

    @property
    def nbytes(self) -> int:
        """Bytes allocated (including room to grow)."""
        return self._data.nbytes


MERGE_RATIO = 8
"""How much longer than the next run a run must be to stay apart (see :class:`BucketIndex`).

Lookups cost a pair of binary searches per run and a document makes four
of them, so fewer runs pay: marking the bench's 5,000 pages took 5.6-5.8 s
with 2 (about 12 runs per index), 5.0-5.3 s with 8, 5.1-5.5 s with 16
(merges then copy more).  Which run an entry sits in changes nothing a
lookup returns but its order across keys, which no caller depends on.
"""


class BucketIndex:
    """A multimap from ``uint64`` (or ``uint32``) keys to ``uint32`` values, 12 (or 8) bytes
    per entry.

    Entries live in sorted runs (keys and values in two arrays); a new batch
    is one run, and a run is merged with the one before it while that one is
    not at least :data:`MERGE_RATIO` times as long, so there are
    O(log n) runs and every entry is re-merged O(log n) times (a stable
    sort of two sorted runs is a linear merge).  A lookup is two binary
    searches per run for the whole batch of keys.  Values of one key come
    back in the order they were added (merges are stable).

    >>> index = BucketIndex()
    >>> index.add(np.array([7, 9], dtype=np.uint64), np.array([0, 1], dtype=np.uint32))
    >>> index.add(np.array([7], dtype=np.uint64), np.array([2], dtype=np.uint32))
    >>> which, values = index.lookup(np.array([9, 7, 8], dtype=np.uint64))
    >>> sorted(zip(which.tolist(), values.tolist()))
    [(0, 1), (1, 0), (1, 2)]

    Keys of another type than ``key_dtype`` are refused, not converted: a
    narrowing cast would drop bits, a widening one copy every run per lookup.
    """

    def __init__(self, key_dtype: type = np.uint64) -> None:
        self.key_dtype = np.dtype(key_dtype)
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    @property
    def nbytes(self) -> int:
        """Bytes held by the runs."""
        return sum(keys.nbytes + values.nbytes for keys, values in self._runs)

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add the entries ``keys[i] -> values[i]``."""
        if not len(keys):
            return
        self._check(keys)
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], values[order].astype(np.uint32)))
        while len(self._runs) > 1 and len(self._runs[-2][0]) < MERGE_RATIO * len(self._runs[-1][0]):
            new = self._runs.pop()
            self._runs.append(_merge(self._runs.pop(), new))

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every entry whose key is in ``keys``: ``(which, values)``, ``which`` indexing ``keys``."""
        self._check(keys)
        which_parts: list[np.ndarray] = []
        value_parts: list[np.ndarray] = []
        for run_keys, run_values in self._runs:
            # Methods, not np.searchsorted and friends: a lookup makes a few hundred calls
            # per document on small arrays, where numpy's function dispatch costs more.
            lo = run_keys.searchsorted(keys, side="left")
            # Most keys are new: where each found key's entries end is searched for those
            # keys only (a second search of every key cost as much as the first).
            found = (run_keys[np.minimum(lo, len(run_keys) - 1)] == keys).nonzero()[0]
            if not len(found):
                continue
            lo = lo[found]
            counts = run_keys.searchsorted(keys[found], side="right") - lo
            total = int(counts.sum())
            skip = (lo - (counts.cumsum() - counts)).repeat(counts)
            which_parts.append(found.repeat(counts))
            value_parts.append(run_values[skip + np.arange(total)])
        if not which_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint32)
        return np.concatenate(which_parts), np.concatenate(value_parts)

    def _check(self, keys: np.ndarray) -> None:
        if keys.dtype != self.key_dtype:
            raise TypeError(f"keys are {keys.dtype}, this index holds {self.key_dtype}")


def _merge(
    old: tuple[np.ndarray, np.ndarray], new: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs as one, older entries first among equal keys.

    Each new entry goes after the old ones with its key (``side="right"``)
    and after the new ones before it.  Unlike a stable sort of the two runs
    concatenated, no index array of the whole (8 bytes an entry) and no
    concatenated copies are made: the largest merges at 4N documents were
    the build's memory peak.

    >>> keys, values = _merge(
    ...     (np.array([1, 3, 3], dtype=np.uint64), np.array([10, 30, 31], dtype=np.uint32)),
    ...     (np.array([0, 3], dtype=np.uint64), np.array([0, 32], dtype=np.uint32)),
    ... )
    >>> keys.tolist(), values.tolist()
    ([0, 1, 3, 3, 3], [0, 10, 30, 31, 32])
    """
    old_keys, old_values = old
    new_keys, new_values = new
    at = old_keys.searchsorted(new_keys, side="right")
    at += np.arange(len(new_keys), dtype=at.dtype)
    total = len(old_keys) + len(new_keys)
    from_old = np.ones(total, dtype=bool)
    from_old[at] = False
    keys = np.empty(total, dtype=old_keys.dtype)
    keys[at] = new_keys
    keys[from_old] = old_keys
    values = np.empty(total, dtype=np.uint32)
    values[at] = new_values
    values[from_old] = old_values
    return keys, values
