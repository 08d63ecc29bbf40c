"""JSON Lines files: one document per non-blank line, streamed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from zh_gov_essays.read.container import record_doc
from zh_gov_essays.read.limits import MAX_INPUT_BYTES
from zh_gov_essays.records import RawDoc


def parse_jsonl_line(line: bytes, source: str) -> RawDoc | None:
    """The doc for one JSONL line; ``None`` for a blank line.

    A line that is not a JSON object → ``corrupt_jsonl``, keeping the raw
    line as ``data`` (so distinct bad lines get distinct ``doc_id`` s).

    >>> parse_jsonl_line(b'{"text": "\\\\u4e2d", "url": 1}\\n', "f.jsonl#3").text
    '中'
    >>> parse_jsonl_line(b'{"text": "x"\\n', "f.jsonl#4").error
    'corrupt_jsonl'
    >>> parse_jsonl_line(b'  \\n', "f.jsonl#5") is None
    True
    """
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        record = None
    if not isinstance(record, dict):
        return RawDoc(source_file=source, data=line, error="corrupt_jsonl")
    doc = record_doc(source, record.get("text"), record.get("url"))
    if doc.error == "missing_text":
        return RawDoc(source_file=source, data=line, url=doc.url, error="missing_text")
    return doc


def read_jsonl(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """Docs of a JSONL file, streamed line by line (each line at most MAX_INPUT_BYTES)."""
    try:
        handle = path.open("rb")
    except OSError:
        yield RawDoc(source_file=rel, data=b"", error="unreadable")
        return
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline(MAX_INPUT_BYTES + 1)
            except OSError:
                yield RawDoc(source_file=f"{rel}#{number + 1}", data=b"", error="unreadable")
                return
            if not line:
                return
            number += 1
            source = f"{rel}#{number}"
            if len(line) > MAX_INPUT_BYTES and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized line in bounded chunks
                yield RawDoc(source_file=source, data=b"", error="too_large")
                continue
            doc = parse_jsonl_line(line, source)
            if doc is not None:
                yield doc
