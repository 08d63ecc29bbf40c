"""Which reader reads a file: one reader per input format, keyed by file suffix.

A reader takes ``(path, rel, size)`` (the file, its name in the manifest,
its size from ``stat``) and yields the file's raw documents.  To read a new
format, write a module with one such function and add its suffix here; a
file whose suffix is not listed is read as plain text (``.txt``, ``.html``…).
Suffixes may have several parts (``.jsonl.gz``): the longest that ends the
file's lower-cased name wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from zh_gov_essays.read import json_doc, jsonl, parquet, plain, warc
from zh_gov_essays.records import RawDoc

Reader = Callable[[Path, str, int], Iterator[RawDoc]]

READERS: dict[str, Reader] = {
    ".jsonl": jsonl.read_jsonl,
    ".jsonl.gz": jsonl.read_jsonl_gzip,
    ".jsonl.zst": jsonl.read_jsonl_zstd,
    ".ndjson": jsonl.read_jsonl,
    ".ndjson.gz": jsonl.read_jsonl_gzip,
    ".ndjson.zst": jsonl.read_jsonl_zstd,
    ".json": json_doc.read_json,
    ".json.gz": json_doc.read_json_gzip,
    ".json.zst": json_doc.read_json_zstd,
    ".parquet": parquet.read_parquet,
    ".warc": warc.read_warc,
    ".warc.gz": warc.read_warc,
    ".warc.wet.gz": warc.read_warc,
}
"""Container formats by lower-case suffix; everything else is :func:`plain.read_plain`."""


# Suffixes longest first, so ``.jsonl.gz`` is found before a shorter one could be.
_BY_LENGTH = sorted(READERS, key=len, reverse=True)


def reader_for(name: str) -> Reader:
    """The reader of a file called ``name`` (case-insensitive).

    >>> reader_for("dump-00001.JSONL.GZ") is jsonl.read_jsonl_gzip
    True
    >>> reader_for("CC-MAIN-1.warc.gz") is warc.read_warc, reader_for("page.html") is plain.read_plain
    (True, True)
    """
    lower = name.lower()
    for suffix in _BY_LENGTH:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return READERS[suffix]
    return plain.read_plain


def docs_from_file(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """The raw document(s) of one file, by its suffix (see :func:`reader_for`)."""
    return reader_for(path.name)(path, rel, size)
