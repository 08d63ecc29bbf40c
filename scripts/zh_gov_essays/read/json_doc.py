"""``.json`` files: an array of records, one record, or records one after another.

Read as JSON, never as text: a ``.json`` file holding ``[{"text": …}, …]``
(an export), ``{"text": …}`` (trafilatura's ``--json`` writes one per page)
or one object per line (JSON Lines under a ``.json`` name) gives one
document per object.  The array is parsed element by element with
:meth:`json.JSONDecoder.raw_decode` over a sliding buffer, so a large
export costs the memory of its largest record, not of the file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from zh_gov_essays.read.container import doc_from_record
from zh_gov_essays.read.limits import MAX_INPUT_BYTES
from zh_gov_essays.read.names import record_name
from zh_gov_essays.read.streams import CORRUPT_REASONS, STREAM_ERRORS, open_stream
from zh_gov_essays.records import RawDoc

# Bytes read at a time; the buffer grows past this only for a record that is larger.
CHUNK_BYTES = 1 << 20

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


class _Broken(Exception):
    """The file cannot be read on: ``reason`` names why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Values:
    """The top-level JSON values of a stream (or the elements of its top-level array)."""

    def __init__(self, handle: BinaryIO, broken: str) -> None:
        self._handle = handle
        self._broken = broken
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._buffer = ""
        self._pos = 0
        self._eof = False

    def _fill(self) -> bool:
        """Read more (at least as much as is buffered: linear time for a large
        record); ``False`` at the end of the stream."""
        if self._eof:
            return False
        try:
            chunk = self._handle.read(max(CHUNK_BYTES, len(self._buffer) - self._pos))
        except STREAM_ERRORS:
            raise _Broken(self._broken) from None
        try:
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            raise _Broken("json_not_utf8") from None
        self._buffer = self._buffer[self._pos :] + text
        self._pos = 0
        self._eof = not chunk
        return True

    def skip_space(self) -> str:
        """The next non-space character (not consumed), or ``""`` at the end."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._fill():
                return ""

    def take(self, char: str) -> None:
        """Consume ``char``, which :meth:`skip_space` just returned."""
        self._pos += len(char)

    def value(self) -> tuple[object, str]:
        """Parse the JSON value at the cursor: ``(value, its source text)``.

        A value the buffer ends in (a string or object cut off, or a number
        that may go on) is completed from the stream first; an error that
        more input cannot mend is ``corrupt_json``.
        """
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                if not _incomplete(exc, len(self._buffer)):
                    raise _Broken("corrupt_json") from None
            except RecursionError:
                raise _Broken("corrupt_json") from None
            else:
                if end < len(self._buffer) or self._eof:
                    text = self._buffer[self._pos : end]
                    self._pos = end
                    return value, text
            if len(self._buffer) - self._pos > MAX_INPUT_BYTES:
                raise _Broken("too_large")
            if not self._fill():
                raise _Broken("corrupt_json")


def _incomplete(exc: json.JSONDecodeError, length: int) -> bool:
    """Whether the error may only be the buffer ending inside a value.

    A string runs on to its closing quote, so "Unterminated string" always
    may; any other error within the last few characters (a cut ``\\u4e2d``
    or ``tru``) may too.  Errors earlier in the buffer are real.
    """
    return exc.msg.startswith("Unterminated string") or exc.pos >= length - 6


def read_json(path: Path, rel: str, size: int, *, codec: str | None = None) -> Iterator[RawDoc]:
    """Docs of a ``.json`` file: each element of a top-level array, or each top-level object.

    Records are named ``rel#<n>``, ``n`` counting from 1 in file order.  An
    element that is not an object is ``not_a_record``; a file that is JSON but
    holds no records (``[]``, whitespace, no bytes) yields one ``no_records``
    doc for ``rel``; a lone scalar is one ``not_a_record`` record.  Where the JSON breaks
    (``corrupt_json``), is not UTF-8 (``json_not_utf8``), holds one record over
    :data:`MAX_INPUT_BYTES` (``too_large``) or its compressed stream breaks
    (``corrupt_gzip``/``corrupt_zstd``), one doc names the record it broke
    in and reading stops; the records before it stand.
    """
    try:
        handle = open_stream(path, codec)
    except OSError:
        yield RawDoc(source_file=rel, data=b"", error="unreadable")
        return
    number = 0
    with handle:
        values = _Values(handle, CORRUPT_REASONS.get(codec or "", "unreadable"))
        try:
            first = values.skip_space()
            in_array = first == "["
            if in_array:
                values.take("[")
            while True:
                char = values.skip_space()
                if in_array and char == "]":
                    values.take("]")
                    if values.skip_space():
                        raise _Broken("corrupt_json")  # something after the array
                    break
                if not char:
                    if in_array:
                        raise _Broken("corrupt_json")  # the array never closed
                    break
                if in_array and number:
                    if char != ",":
                        raise _Broken("corrupt_json")
                    values.take(",")
                    values.skip_space()
                value, text = values.value()
                number += 1
                yield doc_from_record(
                    record_name(rel, number), value, text.encode("utf-8", "replace")
                )
        except _Broken as broken:
            yield RawDoc(source_file=record_name(rel, number + 1), data=b"", error=broken.reason)
            return
    if not number:
        yield RawDoc(source_file=rel, data=b"", error="no_records")


read_json_gzip = partial(read_json, codec="gzip")
read_json_zstd = partial(read_json, codec="zstd")
