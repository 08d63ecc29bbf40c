"""Reading a crawl in corpus order, so that the writer can publish each document as it comes.

The corpus is published in *corpus order*: by ``doc_id`` (a hash of the
input's bytes), then by name, and "first occurrence" of a duplicate means
first in that order.  Read in any other order, every cleaned document must
wait on disk until the last one is in, and the duplicate marking and the
Parquet writing then run alone at the end of the build, one process doing
them while the workers sit idle.

When every input file holds one document (a folder of pages, the common
crawl), :func:`corpus_order` hashes each file once and sorts them; the build
then cleans them in that order and writes each as soon as it is back
(``CorpusWriter(in_order=True)``).  Hashing costs one more read of each
file: 0.4 s for the bench's 5,000 pages (50 MB, page cache), against 31 s
for the 2-worker build, and the build runs it beside the site-template pass.  A container (JSON Lines, JSON, Parquet, WARC) holds many
documents that can only be read in the order they are stored, so a crawl
with one gets ``None`` and the build falls back to sorting at the end; the
output is the same bytes either way.

A file whose bytes change between the hashing and the cleaning would break
the order; it is rejected as ``changed_during_build`` (listed in the
manifest, like an unreadable file) instead of published out of order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from zh_gov_essays.read import plain
from zh_gov_essays.read.discover import InputFile, InputSet, docs_of
from zh_gov_essays.read.formats import reader_for
from zh_gov_essays.records import RawDoc

CHANGED = "changed_during_build"
"""Reject reason of an input whose bytes changed after :func:`corpus_order` hashed them."""


@dataclass(frozen=True)
class CorpusOrder:
    """Input files in corpus order, each with the ``doc_id`` it had when it was hashed."""

    files: tuple[tuple[str, InputFile], ...]

    def __len__(self) -> int:
        return len(self.files)

    def raws(self) -> Iterator[RawDoc]:
        """The raw document of each file, in corpus order; one whose bytes changed since
        they were hashed is given as a ``changed_during_build`` rejection."""
        for doc_id, file in self.files:
            for raw in docs_of(file):
                if raw.doc_id != doc_id and raw.error is None:
                    raw = replace(raw, data=b"", text=None, error=CHANGED)
                yield raw


def corpus_order(inputs: InputSet) -> CorpusOrder | None:
    """The input files sorted by ``(doc_id, source_file)``, or ``None`` when one is a container.

    Reads every file once (hashing only; nothing is kept but the hash).
    Files that cannot be read, and entries that are not files, sort with the
    ``doc_id`` of no bytes: they are rejected wherever they come.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_text("乙"), (root / "b.txt").write_text("甲")
    >>> order = corpus_order(InputSet.resolve([root]))
    >>> [(raw.source_file, raw.doc_id) for raw in order.raws()]
    [('b.txt', '33e3580c093111e1'), ('a.txt', '71530d4c49f12c48')]
    >>> _ = (root / "c.jsonl").write_text('{"text": "丙"}')
    >>> corpus_order(InputSet.resolve([root])) is None
    True
    """
    keyed: list[tuple[str, str, InputFile]] = []
    for file in inputs.files():
        if file.reject is None and reader_for(file.path.name) is not plain.read_plain:
            return None
        for raw in docs_of(file):  # exactly one: a plain file, or its rejection
            keyed.append((raw.doc_id, raw.source_file, file))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return CorpusOrder(tuple((doc_id, file) for doc_id, _, file in keyed))
