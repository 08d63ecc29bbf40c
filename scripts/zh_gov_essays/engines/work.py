"""What every worker does to one input: the guarded ``process``, then the post steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zh_gov_essays.engines.errors import OutOfMemory
from zh_gov_essays.engines.guard import internal_error_doc, process_safely
from zh_gov_essays.fingerprint.document import fingerprinted
from zh_gov_essays.invariants import checked_digests
from zh_gov_essays.records import Document, RawDoc

PostStep = Callable[[Document, Any], Document]
"""A step run in the worker on each processed document: ``step(doc, context) -> doc``
(e.g. duplicate signatures).  Must be picklable: a module-level function."""


@dataclass(frozen=True)
class Work:
    """What every worker does to one input: ``process``, then ``post`` in order.

    ``context`` is the crawl-level state every worker shares (small and
    picklable: hashes and counts, a :class:`~zh_gov_essays.learn.CrawlContext`
    or ``None``); ``process`` and each post step receive it.

    >>> from zh_gov_essays.learn import CrawlContext
    >>> def mark(doc, context): doc.source = str(context.pages); return doc
    >>> Work(context=CrawlContext(pages=3), post=(mark,))(RawDoc("a.txt", b"")).source
    '3'
    """

    context: Any = None
    post: tuple[PostStep, ...] = ()

    def __call__(self, raw: RawDoc) -> Document:
        doc = process_safely(raw, self.context)
        try:
            for step in self.post:
                doc = step(doc, self.context)
        except MemoryError as exc:
            raise OutOfMemory(f"out of memory while cleaning {raw.source_file}") from exc
        except Exception as exc:  # a post step's bug costs this input only
            return internal_error_doc(raw, exc)
        return doc


def fingerprint_step(doc: Document, context: Any = None) -> Document:
    """The duplicate finder's fingerprint (keys, n-grams, MinHash bands) of a kept document.

    A post step, so that it runs in the workers, beside the cleaning; the
    single writer process then only compares integers.
    """
    return fingerprinted(doc)


def gate_step(doc: Document, context: Any = None) -> Document:
    """The publishing gate's paragraph check, run in the worker on the final paragraphs.

    Sets ``doc.checked`` to the digests of the texts that pass, so the
    publishing gate the writer runs on every row
    (:class:`~zh_gov_essays.publish.validate.CorpusChecker`) re-checks only
    rows whose text is not among them.  The pipeline has just
    checked these very texts, so this mostly reads the check's memory.
    """
    if doc.kept:
        doc.checked = checked_digests(p.text for p in doc.paragraphs)
    return doc


BUILD_STEPS: tuple[PostStep, ...] = (fingerprint_step, gate_step)
"""The post steps of a build (``inspect`` needs none of them)."""
