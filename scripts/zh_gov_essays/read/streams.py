"""Streaming decompression of dumps: gzip (the standard library) and zstd (pyarrow's codec).

Dumps are read as a stream, line by line, never decompressed whole: a
``.jsonl.zst`` of several GB costs the memory of one line.  zstd comes from
pyarrow, which the corpus writer needs anyway, so it adds no dependency
(the ``zstandard`` package would add a 5.6 MB wheel for the same codec).

What a broken stream raises is turned into one reject reason per codec
(:data:`CORRUPT_REASONS`): a truncated download, a flipped byte (CRC or
frame checksum), or a file that is not compressed at all.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import BinaryIO

# Reject reason of an input whose compressed stream is broken, by codec.
CORRUPT_REASONS = {"gzip": "corrupt_gzip", "zstd": "corrupt_zstd"}


# What reading a broken stream raises: gzip raises EOFError when the stream
# is cut short, BadGzipFile (an OSError) for a wrong magic or CRC and
# zlib.error for damaged data; pyarrow raises OSError ("Truncated
# compressed stream", "ZSTD decompress failed") or ArrowInvalid (a ValueError).
STREAM_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, ValueError)


# Bytes read from the compressed file at a time.
READ_BUFFER_BYTES = 1 << 20


def open_stream(path: Path, codec: str | None) -> BinaryIO:
    """``path`` opened for reading, decompressed on the fly by ``codec``.

    ``codec`` is ``None`` (plain bytes), ``"gzip"`` (multi-member files, as
    ``cat a.gz b.gz`` makes them, read through) or ``"zstd"`` (multi-frame
    too).  Raises ``OSError`` when the file cannot be opened; errors in the
    compressed data surface while reading (:data:`STREAM_ERRORS`).
    """
    if codec is None:
        return path.open("rb")
    if codec == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if codec == "zstd":
        import pyarrow as pa

        handle = path.open("rb")  # a Python file: names that are not UTF-8 open too
        try:
            raw = pa.input_stream(handle, compression="zstd")
        except BaseException:
            handle.close()
            raise
        return io.BufferedReader(raw, buffer_size=READ_BUFFER_BYTES)  # type: ignore[arg-type]
    raise ValueError(f"unknown codec {codec!r}")
