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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from zh_gov_essays.pipeline import process
from zh_gov_essays.read import InputSet
from zh_gov_essays.records import Document, RawDoc

ENGINES = ("local", "ray")

PostStep = Callable[[Document, Any], Document]
"""A step run in the worker on each processed document: ``step(doc, context) -> doc``
(e.g. duplicate signatures).  Must be picklable: a module-level function."""


@dataclass(frozen=True)
class Work:
    """What every worker does to one input: ``process``, then ``post`` in order.

    ``context`` is the crawl-level state every worker shares (small and
    picklable: hashes and counts); each post step receives it.

    >>> def mark(doc, context): doc.source = context; return doc
    >>> Work(context="ctx", post=(mark,))(RawDoc("a.txt", b"")).source
    'ctx'
    """

    context: Any = None
    post: tuple[PostStep, ...] = ()

    def __call__(self, raw: RawDoc) -> Document:
        doc = process(raw)
        for step in self.post:
            doc = step(doc, self.context)
        return doc


def run(
    inputs: InputSet | Iterable[RawDoc],
    *,
    engine: str = "local",
    workers: int = 1,
    context: Any = None,
    post: Iterable[PostStep] = (),
) -> Iterator[Document]:
    """Run :class:`Work` ``(context, post)`` over ``inputs`` with the named engine."""
    work = Work(context, tuple(post))
    if engine == "local":
        from zh_gov_essays.engines.local import run_local

        raws = inputs.raws() if isinstance(inputs, InputSet) else inputs
        return run_local(raws, workers=workers, work=work)
    if engine == "ray":
        from zh_gov_essays.engines.ray_engine import run_ray

        return run_ray(inputs, workers=workers, work=work)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
