"""Plain files (``.txt``, ``.html``, anything without a container format): one document each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zh_gov_essays.read.limits import MAX_INPUT_BYTES
from zh_gov_essays.records import RawDoc


def read_plain(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """One doc with the file's bytes; never reads more than MAX_INPUT_BYTES + 1."""
    yield _read(path, rel, size)


def _read(path: Path, rel: str, size: int) -> RawDoc:
    """The file's bytes as one doc, or the reason it could not be read."""
    if size > MAX_INPUT_BYTES:
        return RawDoc(source_file=rel, data=b"", error="too_large")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)  # the file may have grown since stat
    except OSError:
        return RawDoc(source_file=rel, data=b"", error="unreadable")
    if len(data) > MAX_INPUT_BYTES:
        return RawDoc(source_file=rel, data=b"", error="too_large")
    return RawDoc(source_file=rel, data=data)
