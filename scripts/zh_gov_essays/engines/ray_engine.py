"""Ray engine: reading and the per-document work as a Ray Data pipeline (``pip install '.[ray]'``).

The driver lists the input files (names and sizes only); Ray Data then runs,
streaming, on the cluster's CPUs:

1. ``flat_map``: each file read into its raw documents (a WARC or a dump
   fans out into many), where the file lives: the inputs must be on a
   filesystem every node sees;
2. ``map_batches`` over a pool of actors, each given the
   :class:`~zh_gov_essays.engines.Work` (its context included) once, when
   it starts: ``process`` and the post-process steps, batch by batch;
3. the driver iterates the documents in input order and hands them to the
   corpus writer, which sorts, flags duplicates, assigns splits and writes.

Rows cross the cluster as pickled records (one binary column), so a
document arrives exactly as the local engine makes it.
"""

from __future__ import annotations

import itertools
import os
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from zh_gov_essays.engines.errors import WorkerLost
from zh_gov_essays.engines.work import Work
from zh_gov_essays.read import InputFile, InputSet, docs_of
from zh_gov_essays.records import Document, RawDoc

# Documents per batch handed to an actor: large enough to amortise the
# overhead of a batch, small enough that the work spreads over the CPUs (a
# document takes ~10 ms to clean).
BATCH_DOCS = 16


# Raw documents sent per dataset when the inputs come as an iterable of
# RawDocs rather than files (the driver holds at most this many).
WINDOW_DOCS = 1024


def ray_init_args(workers: int) -> dict:
    """Arguments for ``ray.init``: a local Ray instance of ``workers`` CPUs, or
    the cluster at ``RAY_ADDRESS`` (which refuses a CPU count from a client).

    >>> import os; os.environ.pop("RAY_ADDRESS", None) and None
    >>> ray_init_args(4)["num_cpus"]
    4
    """
    args: dict = {"include_dashboard": False, "log_to_driver": False}
    if not os.environ.get("RAY_ADDRESS"):
        args["num_cpus"] = max(1, workers)
    return args


def _read_file(row: dict[str, Any]) -> Iterator[dict[str, bytes]]:
    """Ray Data ``flat_map``: one input file → its raw documents, pickled."""
    file: InputFile = pickle.loads(row["file"])
    for raw in docs_of(file):
        yield {"raw": pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL)}


class _Worker:
    """Ray Data actor: holds the :class:`Work` (and its context) for its lifetime."""

    def __init__(self, work: Work) -> None:
        self.work = work

    def __call__(self, batch: pa.Table) -> pa.Table:
        docs = [self.work(pickle.loads(raw)) for raw in batch.column("raw").to_pylist()]
        pickled = [pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL) for doc in docs]
        return pa.table({"doc": pa.array(pickled, pa.binary())})


def _documents(dataset: Any, work: Work, actors: int) -> Iterator[Document]:
    """Clean ``dataset`` (a column ``raw`` of pickled RawDocs) and yield the documents."""
    import ray
    import ray.data

    cleaned = dataset.map_batches(
        _Worker,
        fn_constructor_args=(work,),
        batch_size=BATCH_DOCS,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
    )
    lost = (ray.exceptions.WorkerCrashedError, ray.exceptions.OutOfMemoryError)
    try:
        for batch in cleaned.iter_batches(batch_format="pyarrow", batch_size=None):
            for data in batch.column("doc").to_pylist():
                yield pickle.loads(data)
    except lost as exc:
        raise WorkerLost(f"a Ray worker died: {type(exc).__name__}") from exc


def run_ray(
    inputs: InputSet | Iterable[RawDoc], *, workers: int = 1, work: Work | None = None
) -> Iterator[Document]:
    """Yield processed documents in input order, reading and cleaning on Ray Data.

    An :class:`InputSet` is read on the cluster (step 1 of the module
    docstring); an iterable of RawDocs is sent from the driver in windows of
    :data:`WINDOW_DOCS`.  ``ray.init`` connects to ``RAY_ADDRESS`` when set,
    or starts a local Ray instance with ``workers`` CPUs; the actor pool has
    one actor per CPU of the cluster.
    """
    try:
        import ray
        import ray.data
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("the ray engine needs Ray: pip install 'zh-gov-essays[ray]'") from exc
    work = work or Work()
    if not ray.is_initialized():
        ray.init(**ray_init_args(workers))
    actors = max(1, int(ray.cluster_resources().get("CPU", workers)))
    context = ray.data.DataContext.get_current()
    saved = context.execution_options.preserve_order, context.enable_progress_bars
    context.execution_options.preserve_order = True  # documents follow the files
    context.enable_progress_bars = False  # the build shows its own
    try:
        if isinstance(inputs, InputSet):
            files = [{"file": pickle.dumps(f)} for f in inputs.files()]
            if files:
                # Reading reserves no CPU: it is ~100 times faster than cleaning,
                # and the actors hold every CPU.
                raws = ray.data.from_items(files).flat_map(_read_file, num_cpus=0)
                yield from _documents(raws, work, actors)
            return
        it = iter(inputs)
        while window := list(itertools.islice(it, WINDOW_DOCS)):
            rows = [{"raw": pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL)} for raw in window]
            yield from _documents(ray.data.from_items(rows), work, actors)
    finally:
        context.execution_options.preserve_order, context.enable_progress_bars = saved
