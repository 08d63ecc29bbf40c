"""The default engine: this machine, one process or a pool of them."""

from __future__ import annotations

import itertools
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from zh_gov_essays.engines.errors import WorkerLost
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
# Seconds a terminated worker gets to exit before it is killed.
TERMINATE_GRACE_SECONDS = 5


# The work of this worker process, set once by the pool's initializer.
_WORK: Callable[[RawDoc], Any] = Work()


def _process_chunk(chunk: list[RawDoc]) -> list[Any]:
    return [_WORK(raw) for raw in chunk]


def _chunks(raws: Iterable[RawDoc]) -> Iterator[list[RawDoc]]:
    it = iter(raws)
    while chunk := list(itertools.islice(it, CHUNK_SIZE)):
        yield chunk


def _worker_init(work: Callable[[RawDoc], Any]) -> None:
    """Receive the work once; ignore SIGINT: Ctrl-C reaches every process of the
    terminal's group, and the main process answers it by terminating the pool."""
    global _WORK
    _WORK = work
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop the pool now: cancel what is queued, terminate the workers, reap them.

    ``shutdown(wait=True)`` would let every worker finish the chunks in
    flight first, and a main process that dies without shutting the pool
    down leaves the workers (and the resource tracker) waiting on a queue.
    """
    # The executor keeps its processes in a private dict (Python 3.14 adds
    # terminate_workers(); there is no public way before it).
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # The queue of chunks has a feeder thread that may be blocked writing a
    # chunk (larger than a pipe's buffer) for workers about to die.  The pool
    # shutting down joins that thread, and this process's exit joins the
    # pool's manager thread: the build could hang after Ctrl-C (CPython
    # unblocks it only when it finds the pool broken, gh-94777, not when it
    # was shut down first).  Not joining the feeder (a daemon thread) is safe:
    # nothing it still holds is wanted.
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(TERMINATE_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()


def run_local(
    raws: Iterable[RawDoc],
    *,
    workers: int = 1,
    work: Callable[[RawDoc], Any] | None = None,
) -> Iterator[Any]:
    """Yield ``work(raw)`` for each input, in input order (by default the guarded ``process``).

    ``work`` may return anything picklable: the build's first pass sends
    back each page's template evidence.

    ``workers=1`` runs in this process.  More workers use a process pool fed
    through a bounded window: at most ``workers * CHUNKS_PER_WORKER`` chunks
    of :data:`CHUNK_SIZE` inputs are read ahead, however large the crawl.
    Each worker builds its own OpenCC converters on first use; nothing
    unpicklable crosses processes.  ``work`` (a :class:`~zh_gov_essays.engines.Work`
    with its context) is sent to each worker once, when the worker starts.

    When the caller stops early (an exception, a signal, ``close()``), the
    workers are terminated at once.  A worker that dies raises
    :class:`~zh_gov_essays.engines.WorkerLost`.
    """
    work = work or Work()
    if workers <= 1:
        for raw in raws:
            yield work(raw)
        return
    chunks = _chunks(raws)
    window = workers * CHUNKS_PER_WORKER
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=_worker_init,
        initargs=(work,),
    )
    finished = False
    try:
        pending: deque[Future[list[Any]]] = deque()
        for chunk in itertools.islice(chunks, window):
            pending.append(pool.submit(_process_chunk, chunk))
        while pending:
            # A dead worker breaks the pool: the next result, or the next
            # submit if the caller was busy when it died, raises.
            try:
                done = pending.popleft().result()
                nxt = next(chunks, None)
                if nxt is not None:
                    pending.append(pool.submit(_process_chunk, nxt))
            except BrokenProcessPool as exc:
                raise WorkerLost(
                    "a worker process died (killed by a signal, "
                    "for instance by the out-of-memory killer)"
                ) from exc
            yield from done
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _terminate(pool)
