"""How much of a rebuilt corpus a Hub upload would send again: a model of chunk-level dedup.

The Hub stores files as content-defined chunks (Xet storage): a gear rolling
hash cuts the bytes where its top bits are zero, about every 64 KiB (never
under 8 KiB or over 128 KiB), and a chunk whose bytes are already stored is
not uploaded again.  :func:`reupload_share` cuts the old and the new files the
same way and returns the share of the new bytes in chunks the old files do
not have: the share a push would upload.

The hash is vectorised with numpy: the gear hash after byte ``i`` is
``sum(gear[b[i-k]] << k for k in range(64))`` modulo 2**64, because older
bytes are shifted out, so 64 shifted additions over the whole array give it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from zh_gov_essays.publish.shards import ShardPolicy
from zh_gov_essays.publish.writer import write_corpus
from zh_gov_essays.records import Document

TARGET_CHUNK = 64 * 1024
MIN_CHUNK = 8 * 1024
MAX_CHUNK = 128 * 1024
_WINDOW = 64


@cache
def _gear() -> np.ndarray:
    """256 fixed pseudo-random 64-bit values (from sha256, so the same everywhere)."""
    values = [int.from_bytes(hashlib.sha256(bytes([b])).digest()[:8], "little") for b in range(256)]
    return np.array(values, dtype=np.uint64)


def _mask(target: int) -> np.uint64:
    bits = target.bit_length() - 1  # 64 KiB → 16 bits: a cut every 2**16 bytes on average
    return np.uint64(((1 << bits) - 1) << (64 - bits))


def chunk_boundaries(
    data: bytes, *, target: int = TARGET_CHUNK, min_size: int = MIN_CHUNK, max_size: int = MAX_CHUNK
) -> list[int]:
    """The end offsets of the content-defined chunks of ``data`` (the last is ``len(data)``).

    >>> rng = np.random.default_rng(0)
    >>> data = rng.integers(0, 256, 1_000_000, dtype=np.uint8).tobytes()
    >>> ends = chunk_boundaries(data)
    >>> ends[-1] == len(data), all(MIN_CHUNK <= b - a <= MAX_CHUNK for a, b in zip([0] + ends, ends[:-1]))
    (True, True)
    """
    n = len(data)
    if n == 0:
        return []
    values = _gear()[np.frombuffer(data, dtype=np.uint8)]
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(_WINDOW):
            h[k:] += values[: n - k] << np.uint64(k)
    candidates = np.flatnonzero((h & _mask(target)) == 0) + 1  # cut after byte i
    ends: list[int] = []
    start = 0
    while n - start > max_size:
        i = np.searchsorted(candidates, start + min_size)
        end = int(candidates[i]) if i < len(candidates) else n
        end = min(end, start + max_size)
        ends.append(end)
        start = end
    i = np.searchsorted(candidates, start + min_size)
    while i < len(candidates) and candidates[i] < n:
        end = int(candidates[i])
        if end - start > max_size:
            end = start + max_size
        ends.append(end)
        start = end
        i = np.searchsorted(candidates, start + min_size)
    if not ends or ends[-1] != n:
        ends.append(n)
    return ends


def chunk_digests(data: bytes) -> list[tuple[bytes, int]]:
    """``(digest, size)`` of every chunk of ``data``."""
    out, start = [], 0
    for end in chunk_boundaries(data):
        out.append((hashlib.blake2b(data[start:end], digest_size=16).digest(), end - start))
        start = end
    return out


def reupload_share(old_files: Iterable[Path], new_files: Iterable[Path]) -> float:
    """The share of the bytes of ``new_files`` in chunks that ``old_files`` do not hold.

    >>> import tempfile
    >>> rng = np.random.default_rng(1)
    >>> a = rng.integers(0, 256, 2_000_000, dtype=np.uint8).tobytes()
    >>> b = a[:1_000_000] + bytes(20_000) + a[1_000_000:]  # 1 % inserted in the middle
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a").write_bytes(a); _ = (d / "b").write_bytes(b)
    >>> share = reupload_share([d / "a"], [d / "b"])
    >>> 0.01 < share < 0.15
    True
    """
    known = {digest for path in old_files for digest, _ in chunk_digests(path.read_bytes())}
    total = sent = 0
    for path in new_files:
        for digest, size in chunk_digests(path.read_bytes()):
            total += size
            if digest not in known:
                sent += size
                known.add(digest)
    return sent / total if total else 0.0


def parquet_files(corpus: Path) -> list[Path]:
    """The Parquet shards of a corpus folder, in name order."""
    return sorted(corpus.glob("*/*.parquet"))


def reupload_after_addition(
    docs: list[Document], workdir: Path, policy: ShardPolicy, *, added: float = 0.01
) -> dict[str, float | int]:
    """Build the corpus without ``added`` of ``docs`` and with all of them; measure the upload.

    The left-out documents are every ``round(1 / added)``-th kept document in
    ``doc_id`` order, so they land all over the sorted files, as new essays
    do.  Returns the share of the full build's Parquet bytes in chunks the
    smaller build does not have, with the sizes and row-group counts.
    """
    kept = sorted((d for d in docs if d.kept), key=lambda d: d.doc_id)
    step = max(1, round(1 / added))
    old_docs = [d for i, d in enumerate(kept) if i % step != step // 2]
    old, new = workdir / "old", workdir / "new"
    write_corpus(old_docs, old, policy=policy)
    write_corpus(kept, new, policy=policy)
    new_files = parquet_files(new)
    groups = sum(pq.ParquetFile(p).metadata.num_row_groups for p in new_files)
    return {
        "documents_before": len(old_docs),
        "documents_after": len(kept),
        "parquet_bytes": sum(p.stat().st_size for p in new_files),
        "row_groups": groups,
        "reupload_share": reupload_share(parquet_files(old), new_files),
    }
