"""Ray engine: ``process`` and the fingerprint as Ray tasks on a cluster (``pip install .[ray]``)."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator

from zh_gov_essays.records import Document, RawDoc

# Inputs per Ray task: large enough to amortise scheduling and pickling (a
# document takes ~10 ms), small enough that the work spreads over the CPUs.
TASK_DOCS = 16
# Tasks in flight per CPU of the cluster: keeps every worker busy while the
# driver holds at most this many batches (inputs and results) at once.
TASKS_PER_CPU = 2


def _process_batch(raws: list[RawDoc]) -> list[Document]:
    from zh_gov_essays.engines.work import clean

    return [clean(raw) for raw in raws]


def _batches(raws: Iterable[RawDoc], size: int) -> Iterator[list[RawDoc]]:
    batch: list[RawDoc] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ray_init_args(workers: int) -> dict:
    """Arguments for ``ray.init``: a local cluster of ``workers`` CPUs, or the
    cluster at ``RAY_ADDRESS`` (which refuses a CPU count from a client).

    >>> import os; os.environ.pop("RAY_ADDRESS", None) and None
    >>> ray_init_args(4)["num_cpus"]
    4
    """
    args: dict = {"include_dashboard": False, "log_to_driver": False}
    if not os.environ.get("RAY_ADDRESS"):
        args["num_cpus"] = max(1, workers)
    return args


def run_ray(raws: Iterable[RawDoc], *, workers: int = 1) -> Iterator[Document]:
    """Yield processed documents in input order, running ``clean`` as Ray tasks.

    Inputs go out in batches of :data:`TASK_DOCS`, with at most
    :data:`TASKS_PER_CPU` batches per cluster CPU in flight, so the driver
    never holds the whole crawl and results stream back as they are done.
    ``ray.init`` connects to ``RAY_ADDRESS`` when set, or starts a local
    cluster with ``workers`` CPUs.
    """
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("the ray engine needs Ray: pip install 'zh-gov-essays[ray]'") from exc
    if not ray.is_initialized():
        ray.init(**ray_init_args(workers))
    task = ray.remote(_process_batch)
    window = TASKS_PER_CPU * max(1, int(ray.cluster_resources().get("CPU", workers)))
    pending: deque = deque()
    for batch in _batches(raws, TASK_DOCS):
        pending.append(task.remote(batch))
        if len(pending) >= window:
            yield from ray.get(pending.popleft())
    while pending:
        yield from ray.get(pending.popleft())
