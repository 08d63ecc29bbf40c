"""Engines that run ``process`` over a stream of inputs.

Every engine takes an iterator of :class:`~zh_gov_essays.records.RawDoc` and
yields :class:`~zh_gov_essays.records.Document` s, streaming: no engine holds
the whole corpus.  Output order does not matter to the build (the writer
sorts by ``doc_id``), but the local engine keeps input order anyway so that
``inspect`` and error messages follow the files.

Every engine runs :func:`~zh_gov_essays.engines.guard.process_safely`: an
exception on one input becomes an ``internal_error`` rejection and the run
goes on.  What stops a run is the machine failing it: :class:`OutOfMemory`
(a ``MemoryError`` while cleaning an input) or :class:`WorkerLost` (a worker
process killed, e.g. by the out-of-memory killer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from zh_gov_essays.records import Document, RawDoc

ENGINES = ("local", "ray")


class OutOfMemory(MemoryError):
    """The machine ran out of memory while cleaning one input (named in the message)."""


class WorkerLost(RuntimeError):
    """A worker process died under the engine (a signal, the out-of-memory killer)."""


def run(raws: Iterable[RawDoc], *, engine: str = "local", workers: int = 1) -> Iterator[Document]:
    """Process ``raws`` with the named engine."""
    if engine == "local":
        from zh_gov_essays.engines.local import run_local

        return run_local(raws, workers=workers)
    if engine == "ray":
        from zh_gov_essays.engines.ray_engine import run_ray

        return run_ray(raws, workers=workers)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
