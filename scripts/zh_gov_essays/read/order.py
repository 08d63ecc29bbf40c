"""Reading a crawl in corpus order, so that the writer can publish each document as it comes.

The corpus is published in *corpus order*: by ``doc_id`` (a hash of the
input's bytes), then by name, and "first occurrence" of a duplicate means
first in that order.  Read in any other order, every cleaned document must
wait on disk until the last one is in, and the duplicate marking and the
Parquet writing then run alone at the end of the build, one process doing
them while the workers sit idle.

:func:`corpus_order` reads every input once and sorts the documents; the
build then cleans them in that order and writes each as soon as it is back
(``CorpusWriter(in_order=True)``).  The two kinds of input are kept apart:

- a file that holds one document (a page of a folder crawl) is only hashed,
  and read again when its turn comes: 0.4 s for the bench's 5,000 pages
  (50 MB, page cache), against 31 s for the 2-worker build;
- a container (JSON Lines, JSON, Parquet, WARC) can only be read in the order
  it is stored, so each of its records is written, as read, to a spill file
  (an unnamed temporary file: it disappears with the build, however the build
  ends) and read back from there in its turn.  The spill holds the records
  as read (their uncompressed bytes, about the size of the crawl); memory
  holds an entry of about 250 bytes per document, as for a one-page file.

The build runs this beside the site-template pass (whose workers do the CPU
work).  The output is the same bytes as sorting at the end.

A one-page file whose bytes change between the hashing and the cleaning
would break the order; it is rejected as ``changed_during_build`` (listed in
the manifest, like an unreadable file) instead of published out of order.
Container records are cleaned from the copy that was hashed.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from zh_gov_essays.read import plain
from zh_gov_essays.read.discover import InputFile, InputSet, docs_of
from zh_gov_essays.read.formats import reader_for
from zh_gov_essays.records import RawDoc

CHANGED = "changed_during_build"
"""Reject reason of an input whose bytes changed after :func:`corpus_order` hashed them."""

Entry = tuple[str, str, InputFile | None, int, int]
"""One document in corpus order: ``(doc_id, source_file, file, offset, length)``; ``file``
for a one-page file (read again), else the record's place in the spill file."""


@dataclass(frozen=True)
class CorpusOrder:
    """The documents of a crawl in corpus order, each with the ``doc_id`` it had when read.

    Close it (or use it as a context manager) to let the spill file go.
    """

    entries: tuple[Entry, ...]
    spill: IO[bytes] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def raws(self) -> Iterator[RawDoc]:
        """The raw documents in corpus order; a one-page file whose bytes changed since they
        were hashed is given as a ``changed_during_build`` rejection."""
        for doc_id, _, file, offset, length in self.entries:
            if file is None:
                assert self.spill is not None
                self.spill.seek(offset)
                yield pickle.loads(self.spill.read(length))
                continue
            for raw in docs_of(file):
                if raw.doc_id != doc_id and raw.error is None:
                    raw = replace(raw, data=b"", text=None, error=CHANGED)
                yield raw

    def close(self) -> None:
        """Let the spill file go (its space is freed at once)."""
        if self.spill is not None:
            self.spill.close()

    def __enter__(self) -> CorpusOrder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def corpus_order(inputs: InputSet, spill_dir: Path | None = None) -> CorpusOrder:
    """Every document of ``inputs`` sorted by ``(doc_id, source_file)``.

    Reads every file once: a one-page file is only hashed; the records of a
    container are copied to a spill file in ``spill_dir`` (default: the
    system's temporary folder).  Files that cannot be read, and entries that
    are not files, sort with the ``doc_id`` of no bytes: they are rejected
    wherever they come.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "a.txt").write_text("乙"), (root / "b.txt").write_text("甲")
    >>> _ = (root / "c.jsonl").write_text('{"text": "丙"}\\n{"text": "乙"}\\n')
    >>> with corpus_order(InputSet.resolve([root])) as order:
    ...     for raw in order.raws():
    ...         print(raw.doc_id, raw.source_file)
    33e3580c093111e1 b.txt
    71530d4c49f12c48 a.txt
    71530d4c49f12c48 c.jsonl#2
    c680a614513fa8a7 c.jsonl#1
    """
    entries: list[Entry] = []
    spill: IO[bytes] | None = None
    try:
        for file in inputs.files():
            one_page = file.reject is not None or reader_for(file.path.name) is plain.read_plain
            for raw in docs_of(file):  # a one-page file gives one: its page or its rejection
                if one_page:
                    entries.append((raw.doc_id, raw.source_file, file, 0, 0))
                    continue
                if spill is None:
                    spill = tempfile.TemporaryFile(prefix="zh-gov-essays-order-", dir=spill_dir)
                data = pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL)
                entries.append((raw.doc_id, raw.source_file, None, spill.tell(), len(data)))
                spill.write(data)
    except BaseException:
        if spill is not None:
            spill.close()
        raise
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return CorpusOrder(tuple(entries), spill)
