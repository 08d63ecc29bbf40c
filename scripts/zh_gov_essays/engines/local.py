"""The default engine: this machine, one process or a pool of them."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from zh_gov_essays.engines.pool import ProcessPool
from zh_gov_essays.engines.work import Work
from zh_gov_essays.records import RawDoc

# Documents handed to a worker at a time: large enough to amortise pickling,
# small enough that a few slow documents don't stall the pool.
CHUNK_SIZE = 8
# Chunks in flight per worker: keeps every worker busy while bounding how much
# of the input is read ahead (Pool.imap would read the whole input at once),
# and while the caller is busy with the results before them (the build's
# writer publishes 32 at a time: with 2 chunks per worker the workers idled).
CHUNKS_PER_WORKER = 4


def _chunks(raws: Iterable[RawDoc]) -> Iterator[list[RawDoc]]:
    it = iter(raws)
    while chunk := list(itertools.islice(it, CHUNK_SIZE)):
        yield chunk


def run_local(
    raws: Iterable[RawDoc],
    *,
    workers: int = 1,
    work: Callable[[RawDoc], Any] | None = None,
    pool: ProcessPool | None = None,
) -> Iterator[Any]:
    """Yield ``work(raw)`` for each input, in input order (by default the guarded ``process``).

    ``work`` may return anything picklable: the build's first pass sends
    back each page's template evidence.

    ``workers=1`` runs in this process.  More workers use a process pool fed
    through a bounded window: at most ``workers * CHUNKS_PER_WORKER`` chunks
    of :data:`CHUNK_SIZE` inputs are read ahead, however large the crawl.
    Each worker builds its own OpenCC converters on first use; nothing
    unpicklable crosses processes.  ``work`` (a :class:`~zh_gov_essays.engines.Work`
    with its context) is sent to each worker once, when the worker starts
    (:class:`~zh_gov_essays.engines.pool.ProcessPool`).

    ``pool``: run on these workers (``workers`` is then their number), which
    outlive the run: the build runs its site-template pass and its cleaning
    on one pool.  ``work`` is sent to them first (:meth:`ProcessPool.use`).

    When the caller stops early (an exception, a signal, ``close()``), the
    workers are terminated at once, a given pool's too (chunks of the run
    are still in flight: it cannot run anything else).  A worker that dies
    raises :class:`~zh_gov_essays.engines.WorkerLost`.
    """
    work = work or Work()
    if pool is None and workers <= 1:
        for raw in raws:
            yield work(raw)
        return
    if pool is None:
        with ProcessPool(work, workers) as own:
            for done in own.map_chunks(_chunks(raws), workers * CHUNKS_PER_WORKER):
                yield from done
        return
    try:
        pool.use(work)
        for done in pool.map_chunks(_chunks(raws), pool.workers * CHUNKS_PER_WORKER):
            yield from done
    except BaseException:  # GeneratorExit too: the caller stopped reading
        pool.terminate()
        raise
