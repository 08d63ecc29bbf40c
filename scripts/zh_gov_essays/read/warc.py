"""WARC files (``.warc``, ``.warc.gz``, ``.warc.wet.gz``): one document per captured page.

Read with warcio (Apache-2.0, pure Python, 42 kB; FastWARC is faster but a
1.9 MB compiled wheel plus brotli and click, and reading is never the slow
part of a build).  WARC is what Common Crawl, ``wget --warc-file`` and
Heritrix write: per page a ``request``, a ``response`` and often a
``metadata`` record, each gzip-compressed on its own.

Which records are documents (each one a manifest row, kept or rejected):

* ``response`` (HTTP) and ``resource`` records with an HTML or text payload,
  and ``conversion`` records (the extracted text of a WET file): the payload
  bytes are the document, the HTTP ``charset`` is tried first when decoding
  them, ``WARC-Target-URI`` is the ``url``;
* rejected with a reason: other payloads (``not_text``: images, PDF, CSS…),
  redirects (``http_redirect``), HTTP errors (``http_error``), and
  ``revisit`` records (``warc_revisit``: the same payload as an earlier
  capture, which is that capture's document).

``request``, ``metadata``, ``warcinfo`` and ``continuation`` records
describe a capture and are not documents: they are skipped.  Records are
named ``rel#<byte offset of the record in the file>``, the address WARC
indexes (CDX, Common Crawl's index) use: ``warcio extract FILE OFFSET``
prints the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from zh_gov_essays.read.container import clean_field
from zh_gov_essays.read.limits import MAX_INPUT_BYTES
from zh_gov_essays.read.names import record_name
from zh_gov_essays.records import RawDoc

# Record types whose payload is a page.
PAGE_RECORDS = frozenset({"response", "resource", "conversion"})


# Payload media types read as pages; a payload without a type is read too
# (decoding rejects binary bytes).
TEXT_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """``(media type, charset)`` of a ``Content-Type`` header value, lower-cased.

    >>> media_type("text/html; charset=GB2312"), media_type(None)
    (('text/html', 'gb2312'), (None, None))
    >>> media_type('Text/Plain;Charset="big5"')
    ('text/plain', 'big5')
    """
    if not content_type or not content_type.strip():
        return None, None
    kind = content_type.split(";", 1)[0].strip().lower() or None
    charset = _CHARSET_RE.search(content_type)
    return kind, charset.group(1).lower() if charset else None


def _payload_reject(record: ArcWarcRecord) -> str | None:
    """Why a page record's payload is not a document, or ``None`` when it is."""
    headers = record.http_headers
    if headers is not None and record.rec_type == "response":
        status = headers.get_statuscode() or ""
        if status.startswith("3"):
            return "http_redirect"
        if not status.startswith("2"):
            return "http_error"
    kind, _ = media_type(_content_type(record))
    if kind is not None and kind not in TEXT_MEDIA_TYPES:
        return "not_text"
    return None


def _content_type(record: ArcWarcRecord) -> str | None:
    """The payload's declared type: HTTP's, else the record's (resource/conversion),
    else Common Crawl's detected one."""
    if record.http_headers is not None:
        declared = record.http_headers.get_header("Content-Type")
        if declared:
            return declared
    return record.rec_headers.get_header("Content-Type") or record.rec_headers.get_header(
        "WARC-Identified-Payload-Type"
    )


def _page_doc(record: ArcWarcRecord, source: str, url: str | None) -> RawDoc:
    """The document of a page record (payload read, at most MAX_INPUT_BYTES + 1)."""
    reject = _payload_reject(record)
    if reject is not None:
        return RawDoc(source_file=source, data=b"", url=url, error=reject)
    try:
        data = record.content_stream().read(MAX_INPUT_BYTES + 1)
    except Exception:  # a broken chunked or gzip body of this one response
        return RawDoc(source_file=source, data=b"", url=url, error="corrupt_warc")
    if len(data) > MAX_INPUT_BYTES:
        return RawDoc(source_file=source, data=b"", url=url, error="too_large")
    _, charset = media_type(_content_type(record))
    return RawDoc(source_file=source, data=data, url=url, encoding_hint=charset)


def read_warc(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """Docs of a WARC file (see the module docstring for which records count).

    A file that is not WARC, a record that cannot be parsed, or one cut short
    (a truncated download) yields one ``corrupt_warc`` doc named after the
    record's offset.  Reading then goes on at the next record found after
    it: the next gzip member of a ``.warc.gz``, the next ``WARC/`` line of a
    plain ``.warc``.  A WARC whose gzip is one stream over all records
    instead of one member per record cannot be read that way and gives one
    ``corrupt_warc`` doc (``warcio recompress`` repairs such files).  A WARC
    without a single page record yields one ``no_records`` doc for ``rel``.
    """
    try:
        handle = path.open("rb")
    except OSError:
        yield RawDoc(source_file=rel, data=b"", error="unreadable")
        return
    found = 0
    with handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        start: int | None = 0
        resyncing = False
        while start is not None:
            handle.seek(start)
            failed_at = None
            for offset, doc in _records(handle, start):
                if doc is None:
                    failed_at = offset
                    if not resyncing:
                        yield RawDoc(
                            source_file=record_name(rel, offset), data=b"", error="corrupt_warc"
                        )
                        found += 1
                    break
                resyncing = False
                if doc is not _SKIPPED:
                    found += 1
                    yield _named(doc, record_name(rel, offset))
            if failed_at is None:
                break
            resyncing = True
            start = _next_record_start(handle, max(failed_at, start) + 1, gzipped)
    if not found:
        yield RawDoc(source_file=rel, data=b"", error="no_records")


# Marks a record that is read but is no document (request, metadata, …).
_SKIPPED = RawDoc(source_file="", data=b"")


def _records(handle: BinaryIO, start: int) -> Iterator[tuple[int, RawDoc | None]]:
    """``(offset, doc)`` per record from ``start`` (the handle's position) on;
    ``doc`` is :data:`_SKIPPED` for records that are no document and ``None``
    (then the end) for a record that cannot be read."""
    records = ArchiveIterator(handle)
    while True:
        offset = max(start, records.offset)
        try:
            record = next(records, None)
            if record is None:
                return
            if record.rec_type == "revisit":
                url = clean_field(record.rec_headers.get_header("WARC-Target-URI"))
                doc = RawDoc(source_file="", data=b"", url=url, error="warc_revisit")
            elif record.rec_type in PAGE_RECORDS:
                url = clean_field(record.rec_headers.get_header("WARC-Target-URI"))
                doc = _page_doc(record, "", url)
            else:
                doc = _SKIPPED
            # Reads the rest of the record.  (On a gzip stream that is not one
            # member per record warcio's offsets go wrong, even negative.)
            offset = max(start, records.get_record_offset())
            if getattr(record.raw_stream, "limit", 0) > 0:
                doc = None  # the file ended inside the record
        except Exception:  # warcio raises ArchiveLoadFailed, zlib.error, EOFError, ValueError…
            doc = None
        yield offset, doc
        if doc is None:
            return


def _next_record_start(handle: BinaryIO, position: int, gzipped: bool) -> int | None:
    """Offset of the next possible record at or after ``position``: a gzip
    member's magic bytes, or a ``WARC/`` version line; ``None`` at the end."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/"
    skip = 0 if gzipped else 1  # the record starts after the newline
    handle.seek(max(0, position - skip))
    base = handle.tell()
    tail = b""
    while chunk := handle.read(_SCAN_BYTES):
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return base - len(tail) + found + skip
        tail = window[-(len(marker) - 1) :]
        base += len(chunk)
    return None


# Bytes scanned at a time when looking for the next record.
_SCAN_BYTES = 1 << 20


def _named(doc: RawDoc, source: str) -> RawDoc:
    """``doc`` under its final name (the offset is known once the record is read)."""
    return replace(doc, source_file=source)
