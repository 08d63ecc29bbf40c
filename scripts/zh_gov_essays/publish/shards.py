"""Parquet shards of one config and split: row groups and shards cut by size, deterministically.

:class:`SplitWriter` appends rows to ``{split}-{i:05d}-of-{n:05d}.parquet``
files; :class:`RowGroupBuffer` decides where row groups end
(:class:`ShardPolicy`).  Files are deterministic: the same rows give the same
bytes (zstd at a fixed level, no timestamps, row groups and shards cut by row
counts and estimated sizes, never by time).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from zh_gov_essays.publish.memory import release_freed_memory
from zh_gov_essays.publish.schema import arrow_schema
from zh_gov_essays.publish.stats import ShardFile, SplitFiles

_MiB = 1 << 20
_MB = 10**6

# The content-defined chunking ``datasets`` uses (config.DEFAULTCDC_OPTIONS): page
# boundaries follow the content, so a rebuild that adds essays re-uploads little to the Hub.
CDC_OPTIONS = {"min_chunk_size": 256 * 1024, "max_chunk_size": 1024 * 1024, "norm_level": 0}
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "store_schema": True,
    "write_page_index": True,
    "use_content_defined_chunking": CDC_OPTIONS,
}
# Rows are turned into Arrow record batches this many at a time while a row
# group fills, so a 16 MB row group costs about 16 MB of memory, not the
# several times more that Python dicts of the same rows take.
_BATCH_ROWS = 1024


@dataclass(frozen=True)
class ShardPolicy:
    """Where row groups and shards end.

    A row group ends once its estimated uncompressed size reaches
    ``bytes_per_row_group`` (the Hub viewer refuses row groups over ~286 MiB;
    ``datasets`` itself writes 1,000 rows a group, for random access), or at
    ``rows_per_row_group`` rows when that is set.  Sizing by bytes, not
    rows, keeps row groups few: every row-group boundary that an added essay
    shifts makes content-defined chunking re-upload the pages around it
    (:mod:`zh_gov_essays.publish.cdc` measures it).  16 MB, not the 32 MB
    (or, before, 100 MB) of earlier builds: the writer holds the row group it
    writes, and the group being compressed is the peak of a 20,000-page
    build's memory.  Measured on the bench's pages: 16 MB groups take 15-25 MB
    off that peak; adding 1 % of the essays then re-uploads 94.8 % of the
    Parquet bytes instead of 92.9 % (``zh-gov-essays bench`` measures the
    re-upload share of both).  A shard ends once it
    holds ``max_rows_per_shard`` rows (exactly) or its row groups reach
    ``max_bytes_per_shard`` uncompressed Arrow bytes (``datasets`` shards at 500 MB).
    """

    rows_per_row_group: int | None = None
    bytes_per_row_group: int = 16 * _MB
    max_rows_per_shard: int | None = None
    max_bytes_per_shard: int = 256 * _MiB

    def __post_init__(self) -> None:
        if (self.rows_per_row_group or 1) < 1 or (self.max_rows_per_shard or 1) < 1:
            raise ValueError("row group and shard sizes must be at least one row")


class RowGroupBuffer:
    """Rows in, whole row groups out: a :class:`pyarrow.Table` once one is full.

    Fullness is judged on :func:`estimate_nbytes` of the rows (and the row
    cap), never on time or memory, so the same rows always give the same
    row groups.

    Rows are converted to Arrow record batches of :data:`_BATCH_ROWS` rows as
    they come.  Given a ``spill`` file, full batches wait there (Arrow IPC,
    uncompressed) instead of in memory, and are read back when their row
    group is complete: a writer with many open buffers (one per config and
    split) then holds only the row group it is writing, and the table
    handed out is made of the very same batches, so the Parquet bytes do
    not change.
    """

    def __init__(
        self,
        schema: pa.Schema,
        bytes_per_row_group: int,
        rows_per_row_group: int | None = None,
        spill: Path | None = None,
    ) -> None:
        self.schema = schema
        self.bytes_per_row_group = bytes_per_row_group
        self.rows_per_row_group = rows_per_row_group
        self.spill = spill
        self._pending: list[dict[str, Any]] = []
        self._batches: list[pa.RecordBatch] = []
        self._spilled: pa.ipc.RecordBatchStreamWriter | None = None
        self.num_rows = 0
        self.nbytes = 0

    def append(self, row: dict[str, Any], row_limit: int | None = None) -> pa.Table | None:
        """Add ``row``; return the row group it completes, if it completes one."""
        self._pending.append(row)
        self.num_rows += 1
        self.nbytes += estimate_nbytes(row)
        if len(self._pending) >= _BATCH_ROWS:
            self._hold(pa.RecordBatch.from_pylist(self._pending, schema=self.schema))
            self._pending = []
        limit = min(x for x in (self.rows_per_row_group, row_limit, 1 << 62) if x is not None)
        if self.num_rows >= limit or self.nbytes >= self.bytes_per_row_group:
            return self.flush()
        return None

    def flush(self) -> pa.Table | None:
        """The rows held so far as one table (None when there are none); the buffer empties."""
        if self._pending:
            self._hold(pa.RecordBatch.from_pylist(self._pending, schema=self.schema))
        if self._spilled is not None:
            assert self.spill is not None
            self._spilled.close()
            self._spilled = None
            with pa.OSFile(str(self.spill)) as f:  # read, not mapped: the copy is freed after
                self._batches = list(pa.ipc.open_stream(f))
            self.spill.unlink()
        if not self._batches:
            return None
        table = pa.Table.from_batches(self._batches, schema=self.schema)
        self._pending, self._batches, self.num_rows, self.nbytes = [], [], 0, 0
        return table

    def _hold(self, batch: pa.RecordBatch) -> None:
        """Keep a full batch until its row group is complete: in memory, or in the spill file."""
        if self.spill is None:
            self._batches.append(batch)
            return
        if self._spilled is None:
            self._spilled = pa.ipc.new_stream(str(self.spill), self.schema)
        self._spilled.write_batch(batch)


def estimate_nbytes(value: Any) -> int:
    """A cheap, deterministic estimate of the Arrow bytes of a row or value.

    >>> estimate_nbytes({"text": "加强学习", "n": 3, "tags": ["a", "b"]})
    38
    """
    if isinstance(value, str):
        return len(value.encode("utf-8")) + 4
    if isinstance(value, dict):
        items, total = value.values(), 0
    elif isinstance(value, list | tuple):
        items, total = value, 4
    else:
        return 8
    for item in items:  # a loop, not recursion, for the common scalars: this runs per row
        kind = type(item)
        if kind is str:
            total += len(item.encode("utf-8")) + 4
        elif kind is list or kind is dict or kind is tuple:
            total += estimate_nbytes(item)
        else:
            total += 8
    return total


def shard_name(split: str, index: int, count: int) -> str:
    """The file name of shard ``index`` of ``count`` of a split.

    >>> shard_name("train", 0, 1)
    'train-00000-of-00001.parquet'
    """
    return f"{split}-{index:05d}-of-{count:05d}.parquet"


def _check_nulls(table: pa.Table, schema: pa.Schema) -> None:
    """Fail with a readable message when a non-nullable column holds a null."""
    for field in schema:
        column = table.column(field.name)
        if not field.nullable and column.null_count:
            first = column.to_pylist().index(None)
            row = table.slice(first, 1).to_pylist()[0]
            where = row.get("id") or row.get("doc_id")
            raise ValueError(f"column {field.name!r} must not be null (row {where})")


class SplitWriter:
    """Appends rows of one config and split to size-bounded Parquet shards.

    Shards are written as ``{split}-{i:05d}.parquet.partial`` and renamed to
    ``{split}-{i:05d}-of-{n:05d}.parquet`` by :meth:`close`, once ``n`` is known.
    """

    def __init__(
        self,
        root: Path,
        config: str,
        split: str,
        policy: ShardPolicy,
        spill_dir: Path | None = None,
    ) -> None:
        self.root = root
        self.config = config
        self.split = split
        self.policy = policy
        self.schema = arrow_schema(config)
        (root / config).mkdir(parents=True, exist_ok=True)
        spill = spill_dir / f"{config}-{split}.arrows" if spill_dir is not None else None
        self._buffer = RowGroupBuffer(
            self.schema, policy.bytes_per_row_group, policy.rows_per_row_group, spill
        )
        self._writer: pq.ParquetWriter | None = None
        self._shards: list[ShardFile] = []  # paths stay ".partial" until close()

    def append(self, row: dict[str, Any]) -> None:
        """Add one row; writes a row group when one is full."""
        table = self._buffer.append(row, self._shard_rows_left())
        if table is not None:
            self._write_row_group(table)
            del table  # written: its memory goes back to the system (publish.memory)
            release_freed_memory()

    def close(self) -> SplitFiles:
        """Write what is left, close the last shard and give the shards their final names."""
        self._write_row_group(self._buffer.flush())
        release_freed_memory()
        self._close_shard()
        files = []
        for index, shard in enumerate(self._shards):
            final = f"{self.config}/{shard_name(self.split, index, len(self._shards))}"
            os.replace(self.root / shard.path, self.root / final)
            files.append(ShardFile(final, shard.num_rows, shard.num_bytes, shard.size))
        return SplitFiles(files)

    def _shard_rows_left(self) -> int | None:
        if self.policy.max_rows_per_shard is None:
            return None
        shard_rows = self._shards[-1].num_rows if self._writer is not None else 0
        return self.policy.max_rows_per_shard - shard_rows

    def _write_row_group(self, table: pa.Table | None) -> None:
        if table is None:
            return
        _check_nulls(table, self.schema)
        if self._writer is None:
            self._open_shard()
        assert self._writer is not None
        self._writer.write_table(table, row_group_size=table.num_rows)
        shard = self._shards[-1]
        shard.num_rows += table.num_rows
        shard.num_bytes += table.nbytes
        full_rows = self.policy.max_rows_per_shard is not None and (
            shard.num_rows >= self.policy.max_rows_per_shard
        )
        if full_rows or shard.num_bytes >= self.policy.max_bytes_per_shard:
            self._close_shard()

    def _open_shard(self) -> None:
        path = f"{self.config}/{self.split}-{len(self._shards):05d}.parquet.partial"
        self._shards.append(ShardFile(path, 0, 0, 0))
        self._writer = pq.ParquetWriter(self.root / path, self.schema, **PARQUET_OPTIONS)
        self._writer.add_key_value_metadata({"content_defined_chunking": json.dumps(CDC_OPTIONS)})

    def _close_shard(self) -> None:
        if self._writer is None:
            return
        self._writer.close()
        self._writer = None
        shard = self._shards[-1]
        shard.size = (self.root / shard.path).stat().st_size
