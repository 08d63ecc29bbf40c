"""Parquet files: one document per row of the ``text`` column, streamed in record batches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from zh_gov_essays.read.container import record_doc
from zh_gov_essays.records import RawDoc

# Rows per Parquet record batch: small batches keep memory bounded.
PARQUET_BATCH_ROWS = 256


def read_parquet(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """Docs of a Parquet file, streamed in record batches of PARQUET_BATCH_ROWS.

    A file that cannot be opened yields one ``corrupt_parquet`` doc for
    ``rel``.  A row group that fails mid-way yields one ``corrupt_parquet``
    doc for ``rel#<first row not read>``, then reading goes on with the next
    row group; rows already yielded stand.  A file without a ``text`` column
    yields one ``missing_text`` doc.
    """
    errors = (OSError, ValueError, pa.ArrowException)
    try:
        parquet = pq.ParquetFile(path, buffer_size=1 << 20, pre_buffer=False)
        names = parquet.schema_arrow.names
    except errors:
        yield RawDoc(source_file=rel, data=b"", error="corrupt_parquet")
        return
    with parquet:
        if "text" not in names:
            yield RawDoc(source_file=rel, data=b"", error="missing_text")
            return
        columns = ["text"] + (["url"] if "url" in names else [])
        row = 0
        for group in range(parquet.num_row_groups):
            group_end = row + parquet.metadata.row_group(group).num_rows
            batches = parquet.iter_batches(
                batch_size=PARQUET_BATCH_ROWS, row_groups=[group], columns=columns
            )
            try:
                for batch in batches:
                    texts = batch.column("text").to_pylist()
                    urls = batch.column("url").to_pylist() if "url" in columns else None
                    for index, text in enumerate(texts):
                        yield record_doc(f"{rel}#{row}", text, urls[index] if urls else None)
                        row += 1
            except errors:
                yield RawDoc(source_file=f"{rel}#{row}", data=b"", error="corrupt_parquet")
            row = group_end
