"""The default engine: this machine, one process or a pool of them."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

from zh_gov_essays.pipeline import process
from zh_gov_essays.records import Document, RawDoc

# Documents handed to a worker at a time: large enough to amortise pickling,
# small enough that a few slow documents don't stall the pool.
CHUNK_SIZE = 8


def run_local(raws: Iterable[RawDoc], *, workers: int = 1) -> Iterator[Document]:
    """Yield ``process(raw)`` for each input, in input order.

    ``workers=1`` runs in this process.  More workers use a process pool
    (``imap``: results stream back as they are done, and at most a few
    chunks per worker are in flight).  Each worker builds its own OpenCC
    converters on first use; nothing unpicklable crosses processes.
    """
    if workers <= 1:
        for raw in raws:
            yield process(raw)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes=workers) as pool:
        yield from pool.imap(process, raws, chunksize=CHUNK_SIZE)
