"""Engines that run ``process`` (then the fingerprint) over a stream of inputs.

Every engine takes an iterator of :class:`~zh_gov_essays.records.RawDoc` and
yields :class:`~zh_gov_essays.records.Document` s, streaming: no engine holds
the whole corpus.  Output order does not matter to the build (the writer
sorts by ``doc_id``), but the local engine keeps input order anyway so that
``inspect`` and error messages follow the files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from zh_gov_essays.records import Document, RawDoc

ENGINES = ("local", "ray")


def run(raws: Iterable[RawDoc], *, engine: str = "local", workers: int = 1) -> Iterator[Document]:
    """Process ``raws`` with the named engine."""
    if engine == "local":
        from zh_gov_essays.engines.local import run_local

        return run_local(raws, workers=workers)
    if engine == "ray":
        from zh_gov_essays.engines.ray_engine import run_ray

        return run_ray(raws, workers=workers)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
