"""Parquet dumps: one document per row of the ``text`` column, streamed in record batches.

Besides ``text``, the columns of :data:`~zh_gov_essays.read.container.FIELD_COLUMNS`
are read where present (``url``, ``title``, ``date``, ``id``, trafilatura's
``source``/``source-hostname``, datatrove's ``metadata`` struct) and carried
on the raw document.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zh_gov_essays.read.container import FIELD_COLUMNS, record_doc, record_meta
from zh_gov_essays.read.names import record_name
from zh_gov_essays.records import RawDoc

# Rows per Parquet record batch: small batches keep memory bounded.
PARQUET_BATCH_ROWS = 256


def read_parquet(path: Path, rel: str, size: int) -> Iterator[RawDoc]:
    """Docs of a Parquet file, streamed in record batches of PARQUET_BATCH_ROWS.

    Rows are named ``rel#<row index, from 0>``.  A file that cannot be opened
    yields one ``corrupt_parquet`` doc for ``rel``.  A row group that fails
    mid-way yields one ``corrupt_parquet`` doc for ``rel#<first row not
    read>``, then reading goes on with the next row group; rows already
    yielded stand.  A file without a ``text`` column yields one
    ``missing_text`` doc, one without rows one ``no_records`` doc.
    """
    # Imported here, not with the module: a cleaning worker imports every reader, and
    # pyarrow costs each one 75 ms and 40 MB that a crawl of pages never uses.
    import pyarrow as pa
    import pyarrow.parquet as pq

    errors = (OSError, ValueError, pa.ArrowException)
    try:
        handle = path.open("rb")  # a Python file: names that are not UTF-8 open too
    except OSError:
        yield RawDoc(source_file=rel, data=b"", error="unreadable")
        return
    with handle:
        try:
            parquet = pq.ParquetFile(handle, buffer_size=1 << 20, pre_buffer=False)
            names = parquet.schema_arrow.names
        except errors:
            yield RawDoc(source_file=rel, data=b"", error="corrupt_parquet")
            return
        if "text" not in names:
            yield RawDoc(source_file=rel, data=b"", error="missing_text")
            return
        if parquet.metadata.num_rows == 0:
            yield RawDoc(source_file=rel, data=b"", error="no_records")
            return
        columns = ["text", *(name for name in FIELD_COLUMNS if name in names)]
        row = 0
        for group in range(parquet.num_row_groups):
            group_end = row + parquet.metadata.row_group(group).num_rows
            batches = parquet.iter_batches(
                batch_size=PARQUET_BATCH_ROWS, row_groups=[group], columns=columns
            )
            try:
                for batch in batches:
                    for record in batch.to_pylist():
                        meta = record_meta(record)
                        yield record_doc(record_name(rel, row), record["text"], meta=meta)
                        row += 1
            except errors:
                yield RawDoc(source_file=record_name(rel, row), data=b"", error="corrupt_parquet")
            row = group_end
