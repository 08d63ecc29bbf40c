"""Engines that run the per-document work over a crawl.

Every engine takes the inputs (an :class:`~zh_gov_essays.read.InputSet`, or
any iterable of :class:`~zh_gov_essays.records.RawDoc`) and yields
:class:`~zh_gov_essays.records.Document` s, streaming: no engine holds the
whole corpus.  What a worker does to one input is a :class:`Work`: the
pipeline's ``process``, then each post-process step, all given the same
small, picklable ``context`` (what a crawl-level pass learned before
cleaning).  Each engine ships the ``Work`` to a worker once, not per
document.  Output order does not matter to the build (the writer sorts by
``doc_id``), but both engines keep input order anyway so that ``inspect``
and error messages follow the files.

Every :class:`Work` runs ``process`` through the guard
(:func:`~zh_gov_essays.engines.guard.process_safely`): an exception on one
input becomes an ``internal_error`` rejection and the run goes on.  What
stops a run is the machine failing it: :class:`OutOfMemory` (a
``MemoryError`` while cleaning an input) or :class:`WorkerLost` (a worker
process killed, e.g. by the out-of-memory killer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from zh_gov_essays.engines.errors import OutOfMemory, WorkerLost
from zh_gov_essays.engines.pool import ProcessPool

if TYPE_CHECKING:
    from zh_gov_essays.engines.work import PostStep, Work
    from zh_gov_essays.learn import CrawlContext
    from zh_gov_essays.read import InputSet
    from zh_gov_essays.records import Document, RawDoc

__all__ = [
    "ENGINES",
    "WORKER_MODULES",
    "OutOfMemory",
    "PostStep",
    "ProcessPool",
    "Work",
    "WorkerLost",
    "learn",
    "run",
]

ENGINES = ("local", "ray")

# What a worker imports to learn and to clean (the pipeline and its rules,
# about 0.6 s): a pool started with ``preload=WORKER_MODULES`` imports them
# while the caller still imports its own.  This package imports none of
# them itself, so that the build can start its workers first.
WORKER_MODULES = ("zh_gov_essays.pipeline", "zh_gov_essays.engines.work")


def __getattr__(name: str) -> Any:
    """``Work`` and ``PostStep``, imported with the pipeline when first asked for."""
    if name in ("Work", "PostStep"):
        from zh_gov_essays.engines import work

        return getattr(work, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(
    inputs: InputSet | Iterable[RawDoc],
    *,
    engine: str = "local",
    workers: int = 1,
    context: Any = None,
    post: Iterable[PostStep] = (),
    pool: ProcessPool | None = None,
) -> Iterator[Document]:
    """Run :class:`Work` ``(context, post)`` over ``inputs`` with the named engine.

    ``pool``: the local engine's workers, kept from an earlier pass (:func:`learn`).
    """
    from zh_gov_essays.engines.work import Work
    from zh_gov_essays.read import InputSet

    work = Work(context, tuple(post))
    if engine == "local":
        from zh_gov_essays.engines.local import run_local

        raws = inputs.raws() if isinstance(inputs, InputSet) else inputs
        return run_local(raws, workers=workers, work=work, pool=pool)
    if engine == "ray":
        from zh_gov_essays.engines.ray_engine import run_ray

        return run_ray(inputs, workers=workers, work=work)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


def learn(
    inputs: InputSet,
    *,
    engine: str = "local",
    workers: int = 1,
    wrap: Callable[[Iterable[Any]], Iterable[Any]] = iter,
    pool: ProcessPool | None = None,
) -> CrawlContext:
    """The crawl-level first pass (site templates) over ``inputs``.

    With local workers, each worker reads and decodes its share of the
    inputs and sends back numbers (:func:`~zh_gov_essays.pipeline.input_evidence`);
    this process only counts them, in input order, so the context is the
    one :func:`~zh_gov_essays.pipeline.learn_crawl` learns alone.  ``wrap``
    wraps the stream of inputs (or of their evidence) in a progress bar.
    ``pool``: run on these workers, which the cleaning then reuses (:func:`run`).
    """
    from zh_gov_essays.pipeline import crawl_context, input_evidence, learn_crawl

    if engine == "local" and (workers > 1 or pool is not None):
        from zh_gov_essays.engines.local import run_local

        evidence = run_local(inputs.raws(), workers=workers, work=input_evidence, pool=pool)
        return crawl_context(wrap(evidence))
    return learn_crawl(wrap(inputs.raws()))
