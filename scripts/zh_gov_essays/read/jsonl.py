"""JSON Lines dumps (``.jsonl``, ``.ndjson``, gzip or zstd compressed): one document per line.

Streamed line by line through :func:`~zh_gov_essays.read.streams.open_stream`;
a line longer than :data:`~zh_gov_essays.read.limits.MAX_INPUT_BYTES` is
skipped in bounded chunks, so memory stays bounded whatever the dump.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from zh_gov_essays.read.container import doc_from_record
from zh_gov_essays.read.limits import MAX_INPUT_BYTES
from zh_gov_essays.read.names import record_name
from zh_gov_essays.read.streams import CORRUPT_REASONS, STREAM_ERRORS, open_stream
from zh_gov_essays.records import RawDoc


def parse_jsonl_line(line: bytes, source: str) -> RawDoc | None:
    """The doc for one JSONL line; ``None`` for a blank line.

    A line that is not JSON → ``corrupt_jsonl``; JSON in another encoding
    than UTF-8 (GBK, UTF-16) → ``json_not_utf8``; JSON that is not an
    object → ``not_a_record``.  Rejected lines keep the raw line as ``data``
    (so distinct bad lines get distinct ``doc_id`` s).

    >>> parse_jsonl_line(b'{"text": "\\\\u4e2d", "url": 1}\\n', "f.jsonl#3").text
    '中'
    >>> parse_jsonl_line(b'{"text": "x"\\n', "f.jsonl#4").error
    'corrupt_jsonl'
    >>> parse_jsonl_line('{"text": "中文"}'.encode("gbk"), "f.jsonl#5").error
    'json_not_utf8'
    >>> parse_jsonl_line(b'"text"', "f.jsonl#6").error
    'not_a_record'
    >>> parse_jsonl_line(b'  \\n', "f.jsonl#7") is None
    True
    """
    if not line.strip():
        return None
    try:
        text = line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        return RawDoc(source_file=source, data=line, error="json_not_utf8")
    try:
        record = json.loads(text)
    except (ValueError, RecursionError):
        return RawDoc(source_file=source, data=line, error="corrupt_jsonl")
    return doc_from_record(source, record, line)


def read_jsonl(path: Path, rel: str, size: int, *, codec: str | None = None) -> Iterator[RawDoc]:
    """Docs of a JSON Lines file, streamed line by line (each line at most MAX_INPUT_BYTES).

    ``source_file`` of a record is ``rel#<line number, from 1>`` (blank lines
    count, and give no record).  A file without any record (no bytes, or
    blank lines only) yields one ``no_records`` doc for ``rel``.  A broken
    compressed stream yields one ``corrupt_gzip``/``corrupt_zstd`` doc named
    after the line it broke in (``rel`` if no line was read), and the lines
    read before it stand.
    """
    try:
        handle = open_stream(path, codec)
    except OSError:
        yield RawDoc(source_file=rel, data=b"", error="unreadable")
        return
    broken = CORRUPT_REASONS.get(codec or "", "unreadable")
    number = records = 0
    with handle:
        while True:
            try:
                line = handle.readline(MAX_INPUT_BYTES + 1)
                if len(line) > MAX_INPUT_BYTES and not line.endswith(b"\n"):
                    while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # skip the rest of the oversized line in bounded chunks
                    line = None  # type: ignore[assignment]
            except STREAM_ERRORS:
                where = record_name(rel, number + 1) if number else rel
                yield RawDoc(source_file=where, data=b"", error=broken)
                return
            if line is not None and not line:
                break
            number += 1
            source = record_name(rel, number)
            if line is None:
                records += 1
                yield RawDoc(source_file=source, data=b"", error="too_large")
                continue
            doc = parse_jsonl_line(line, source)
            if doc is not None:
                records += 1
                yield doc
    if not records:
        yield RawDoc(source_file=rel, data=b"", error="no_records")


read_jsonl_gzip = partial(read_jsonl, codec="gzip")
read_jsonl_zstd = partial(read_jsonl, codec="zstd")
