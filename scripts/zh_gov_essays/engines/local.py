"""The default engine: this machine, one process or a pool of them."""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from zh_gov_essays.engines.work import clean
from zh_gov_essays.records import Document, RawDoc

# Documents handed to a worker at a time: large enough to amortise pickling,
# small enough that a few slow documents don't stall the pool.
CHUNK_SIZE = 8
# Chunks in flight per worker: keeps every worker busy while bounding how much
# of the input is read ahead (Pool.imap would read the whole input at once).
CHUNKS_PER_WORKER = 2


def _process_chunk(chunk: list[RawDoc]) -> list[Document]:
    return [clean(raw) for raw in chunk]


def _chunks(raws: Iterable[RawDoc]) -> Iterator[list[RawDoc]]:
    it = iter(raws)
    while chunk := list(itertools.islice(it, CHUNK_SIZE)):
        yield chunk


def run_local(raws: Iterable[RawDoc], *, workers: int = 1) -> Iterator[Document]:
    """Yield ``clean(raw)`` (``process`` and the fingerprint) for each input, in input order.

    ``workers=1`` runs in this process.  More workers use a process pool fed
    through a bounded window: at most ``workers * CHUNKS_PER_WORKER`` chunks
    of :data:`CHUNK_SIZE` inputs are read ahead, however large the crawl.
    Each worker builds its own OpenCC converters on first use; nothing
    unpicklable crosses processes.
    """
    if workers <= 1:
        for raw in raws:
            yield clean(raw)
        return
    chunks = _chunks(raws)
    window = workers * CHUNKS_PER_WORKER
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        pending: deque[Future[list[Document]]] = deque()
        for chunk in itertools.islice(chunks, window):
            pending.append(pool.submit(_process_chunk, chunk))
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_process_chunk, nxt))
            yield from done
