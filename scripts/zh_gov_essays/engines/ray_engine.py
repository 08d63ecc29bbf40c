"""Ray Data engine: the same ``process`` on a Ray cluster (``pip install .[ray]``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from zh_gov_essays.records import Document, RawDoc

# Inputs sent to Ray per block: bounds driver memory while keeping tasks busy.
BATCH_DOCS = 256


def _process_row(row: dict[str, Any]) -> dict[str, Any]:
    import pickle

    from zh_gov_essays.pipeline import process

    raw = RawDoc(
        source_file=row["source_file"],
        data=row["data"],
        text=row["text"],
        url=row["url"],
        error=row["error"],
    )
    return {"doc": pickle.dumps(process(raw))}


def _batches(raws: Iterable[RawDoc], size: int) -> Iterator[list[RawDoc]]:
    batch: list[RawDoc] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_ray(raws: Iterable[RawDoc], *, workers: int = 1) -> Iterator[Document]:
    """Yield processed documents, running ``process`` as Ray tasks.

    Inputs are sent in blocks of :data:`BATCH_DOCS` so the driver never holds
    the whole crawl; ``ray.init`` connects to ``RAY_ADDRESS`` when set, or
    starts a local cluster with ``workers`` CPUs.
    """
    import pickle

    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("the ray engine needs Ray: pip install 'zh-gov-essays[ray]'") from exc
    if not ray.is_initialized():
        ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False)
    for batch in _batches(raws, BATCH_DOCS):
        items = [
            {
                "source_file": r.source_file,
                "data": r.data,
                "text": r.text,
                "url": r.url,
                "error": r.error,
            }
            for r in batch
        ]
        ds = ray.data.from_items(items).map(_process_row)
        for row in ds.iter_rows():
            yield pickle.loads(row["doc"])
