"""Which reader reads a file: one reader per input format, keyed by file suffix.

A reader takes ``(path, rel, size)`` (the file, its path relative to the
input root, its size from ``stat``) and yields the file's raw documents.  To
read a new format, write a module with one such function and add its
suffix here; a file whose suffix is not listed is read as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from zh_gov_essays.read import jsonl, parquet, plain
from zh_gov_essays.records import RawDoc

Reader = Callable[[Path, str, int], Iterator[RawDoc]]

READERS: dict[str, Reader] = {
    ".jsonl": jsonl.read_jsonl,
    ".parquet": parquet.read_parquet,
}
"""Container formats by lower-case suffix; everything else is :func:`plain.read_plain`."""


def docs_from_file(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """The raw document(s) of one file, by its suffix (case-insensitive)."""
    reader = READERS.get(path.suffix.lower(), plain.read_plain)
    return reader(path, rel, size)
