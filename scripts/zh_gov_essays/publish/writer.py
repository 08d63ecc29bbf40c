"""Writing the corpus: Parquet shards, the manifest and the card, in corpus order.

The CLI's build is, in short::

    def build(tmp: Path) -> BuildStats:
        return write_corpus(map(process, raws), tmp, card_template=template)

    stats = publish_atomically(build, Path("corpus"))

:class:`CorpusWriter` takes documents in any order (from any engine), spills
them to disk, and on :meth:`~CorpusWriter.finish` streams them back sorted by
``doc_id`` through the corpus steps (:mod:`~zh_gov_essays.publish.dedup`,
:mod:`~zh_gov_essays.publish.splits`) into one Parquet writer per config and
split.  Memory holds one row group per writer, the ``(doc_id, offset)``
index and the duplicate finder's hashes and band keys, never the corpus:
each document's fingerprint is spilled beside it and read back only when
the duplicate finder compares a later document with it.

Files are deterministic: the same documents give the same bytes (zstd at a
fixed level, no timestamps, row groups and shards cut by row counts and
estimated sizes, never by time).  ``created_by`` names the pyarrow version, so
the bytes are the same for the same pyarrow.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from zh_gov_essays.fingerprint import Fingerprint, fingerprint
from zh_gov_essays.publish.card import render_card
from zh_gov_essays.publish.dedup import Deduplicator
from zh_gov_essays.publish.figures import FOLDER as FIGURES_FOLDER
from zh_gov_essays.publish.figures import write_figures
from zh_gov_essays.publish.schema import CONFIGS, ROW_BUILDERS, SPLITS, arrow_schema
from zh_gov_essays.publish.splits import assign_split
from zh_gov_essays.publish.stats import BuildStats, ShardFile, SplitFiles
from zh_gov_essays.records import Document

MANIFEST_NAME = "manifest.jsonl"
LICENSE_NAME = "LICENSE.md"  # the card's license_link
MANIFEST_KEYS = (
    "source_file",
    "status",
    "reason",
    "doc_id",
    "record_id",
    "encoding",
    "num_paragraphs",
)

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
# group fills, so a 100 MB row group costs about 100 MB of memory, not the
# several times more that Python dicts of the same rows take.
_BATCH_ROWS = 1024


@dataclass(frozen=True)
class ShardPolicy:
    """Where row groups and shards end.

    A row group ends once its estimated uncompressed size reaches
    ``bytes_per_row_group`` (``datasets`` aims at 100 MB; the Hub viewer
    recommends 100–300 MB in memory and refuses row groups over ~286 MiB), or
    at ``rows_per_row_group`` rows when that is set.  Sizing by bytes, not
    rows, keeps row groups few: every row-group boundary that an added essay
    shifts makes content-defined chunking re-upload the pages around it
    (:mod:`zh_gov_essays.publish.cdc` measures it).  A shard ends once it
    holds ``max_rows_per_shard`` rows (exactly) or its row groups reach
    ``max_bytes_per_shard`` uncompressed Arrow bytes (``datasets`` shards at 500 MB).
    """

    rows_per_row_group: int | None = None
    bytes_per_row_group: int = 100 * _MB
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
    """

    def __init__(
        self, schema: pa.Schema, bytes_per_row_group: int, rows_per_row_group: int | None = None
    ) -> None:
        self.schema = schema
        self.bytes_per_row_group = bytes_per_row_group
        self.rows_per_row_group = rows_per_row_group
        self._pending: list[dict[str, Any]] = []
        self._batches: list[pa.RecordBatch] = []
        self.num_rows = 0
        self.nbytes = 0

    def append(self, row: dict[str, Any], row_limit: int | None = None) -> pa.Table | None:
        """Add ``row``; return the row group it completes, if it completes one."""
        self._pending.append(row)
        self.num_rows += 1
        self.nbytes += estimate_nbytes(row)
        if len(self._pending) >= _BATCH_ROWS:
            self._batches.append(pa.RecordBatch.from_pylist(self._pending, schema=self.schema))
            self._pending = []
        limit = min(x for x in (self.rows_per_row_group, row_limit, 1 << 62) if x is not None)
        if self.num_rows >= limit or self.nbytes >= self.bytes_per_row_group:
            return self.flush()
        return None

    def flush(self) -> pa.Table | None:
        """The rows held so far as one table (None when there are none); the buffer empties."""
        if self._pending:
            self._batches.append(pa.RecordBatch.from_pylist(self._pending, schema=self.schema))
        if not self._batches:
            return None
        table = pa.Table.from_batches(self._batches, schema=self.schema)
        self._pending, self._batches, self.num_rows, self.nbytes = [], [], 0, 0
        return table


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


CARD_NAME = "README.md"

_SHARD_NAME = re.compile(rf"^(?:{'|'.join(SPLITS)})-\d{{5}}-of-\d{{5}}\.parquet$")
_BUILT_FOLDERS = {
    **dict.fromkeys(CONFIGS, _SHARD_NAME),
    FIGURES_FOLDER: re.compile(r"^[a-z0-9_]+\.png$"),
}


def foreign_entries(root: Path) -> list[str]:
    """What in ``root`` a build does not write: paths relative to ``root``, sorted.

    A build writes :data:`CARD_NAME`, :data:`LICENSE_NAME`,
    :data:`MANIFEST_NAME`, per config a folder of Parquet shards named by
    :func:`shard_name`, and PNGs in the figures folder (any ``name.png``
    there: an older build may have drawn other figures); anything else
    (another file, a hidden folder, a symlink) is someone else's.  A folder
    without a manifest is not a build at all: ``"(no manifest.jsonl)"`` comes
    first.  An empty folder has nothing foreign.
    """
    found: list[str] = []
    with os.scandir(root) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        pattern = _BUILT_FOLDERS.get(entry.name)
        if entry.name in (CARD_NAME, LICENSE_NAME, MANIFEST_NAME):
            if not entry.is_file(follow_symlinks=False):
                found.append(entry.name)
        elif pattern is not None and entry.is_dir(follow_symlinks=False):
            with os.scandir(entry.path) as inner:
                found += sorted(
                    f"{entry.name}/{item.name}"
                    for item in inner
                    if not (pattern.match(item.name) and item.is_file(follow_symlinks=False))
                )
        else:
            found.append(entry.name)
    if entries and not any(e.name == MANIFEST_NAME for e in entries):
        found.insert(0, f"(no {MANIFEST_NAME})")
    return found


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

    def __init__(self, root: Path, config: str, split: str, policy: ShardPolicy) -> None:
        self.root = root
        self.config = config
        self.split = split
        self.policy = policy
        self.schema = arrow_schema(config)
        (root / config).mkdir(parents=True, exist_ok=True)
        self._buffer = RowGroupBuffer(
            self.schema, policy.bytes_per_row_group, policy.rows_per_row_group
        )
        self._writer: pq.ParquetWriter | None = None
        self._shards: list[ShardFile] = []  # paths stay ".partial" until close()

    def append(self, row: dict[str, Any]) -> None:
        """Add one row; writes a row group when one is full."""
        table = self._buffer.append(row, self._shard_rows_left())
        if table is not None:
            self._write_row_group(table)

    def close(self) -> SplitFiles:
        """Write what is left, close the last shard and give the shards their final names."""
        self._write_row_group(self._buffer.flush())
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


# sha256 of no bytes at all: inputs that were never read (too large,
# unreadable) or are empty have no identity of their own.
_EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def manifest_row(doc: Document, status: str | None = None, reason: str | None = None) -> dict:
    """The manifest line of one input: kept or rejected, with the reason.

    ``doc_id`` is null for inputs with no bytes to hash (empty, or not read);
    ``record_id`` is the ``id`` a dump record gave, else null.
    """
    return {
        "source_file": doc.source_file,
        "status": status or ("kept" if doc.kept else "rejected"),
        "reason": reason if reason is not None else doc.reject_reason,
        "doc_id": None if doc.raw_sha256 == _EMPTY_SHA256 else doc.doc_id,
        "record_id": doc.record_id,
        "encoding": doc.encoding,
        "num_paragraphs": len(doc.paragraphs),
    }


def write_manifest(path: Path, rows: Iterable[dict]) -> None:
    """Write ``manifest.jsonl``: one JSON object per input, sorted by ``source_file``.

    Keys in the order of :data:`MANIFEST_KEYS`, UTF-8 (``ensure_ascii=False``),
    written to a temporary name and renamed.
    """
    ordered = sorted(rows, key=lambda row: row["source_file"])
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        for row in ordered:
            f.write(json.dumps({k: row.get(k) for k in MANIFEST_KEYS}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


@dataclass(frozen=True)
class _Spilled:
    doc_id: str
    source_file: str
    offset: int
    length: int
    fingerprint_length: int  # the pickled fingerprint follows the document
    manifest_index: int


class CorpusWriter:
    """Collects documents in any order and writes the corpus in corpus order.

    ``add`` takes every Document the cleaner produced: kept ones are pickled
    to a spill file under ``out_dir/.spill`` (removed by ``finish``/``close``),
    each followed by its fingerprint (computed here when the engine did not),
    rejected ones only make a manifest line.  ``finish`` sorts the small
    index by ``(doc_id, source_file)``, publishes each ``doc_id`` once (an
    input whose bytes repeat another's is rejected as a duplicate in the
    manifest), marks duplicates, assigns splits, writes the Parquet shards and
    ``manifest.jsonl``, and returns the :class:`BuildStats`.

    Use it as a context manager so the spill goes away on errors too.
    """

    def __init__(
        self, out_dir: Path, *, policy: ShardPolicy | None = None, spill_dir: Path | None = None
    ) -> None:
        self.out_dir = Path(out_dir)
        self.policy = policy or ShardPolicy()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for config in CONFIGS:
            if (self.out_dir / config).exists() and any((self.out_dir / config).iterdir()):
                raise FileExistsError(
                    f"{self.out_dir / config} is not empty: write into a new folder"
                )
        self._spill_dir = Path(spill_dir) if spill_dir else self.out_dir / ".spill"
        self._spill_dir.mkdir(parents=True, exist_ok=True)
        self._spill = (self._spill_dir / "documents.pickle").open("w+b")
        self._index: list[_Spilled] = []
        self._manifest: list[dict] = []
        self._stats = BuildStats()
        self._finished = False

    def __enter__(self) -> CorpusWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, doc: Document) -> None:
        """Take one cleaned document (kept or rejected)."""
        if self._finished:
            raise RuntimeError("CorpusWriter.add after finish")
        self._manifest.append(manifest_row(doc))
        if not doc.kept:
            self._stats.reject(doc.reject_reason or "rejected")
            return
        fp = doc.fingerprint if doc.fingerprint is not None else fingerprint(doc)
        data = pickle.dumps(replace(doc, fingerprint=None), protocol=pickle.HIGHEST_PROTOCOL)
        fp_data = pickle.dumps(fp, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._spill.seek(0, os.SEEK_END)
        self._spill.write(data)
        self._spill.write(fp_data)
        manifest_index = len(self._manifest) - 1
        self._index.append(
            _Spilled(doc.doc_id, doc.source_file, offset, len(data), len(fp_data), manifest_index)
        )

    def finish(self) -> BuildStats:
        """Write the corpus into ``out_dir`` and return its statistics."""
        if self._finished:
            raise RuntimeError("CorpusWriter.finish called twice")
        self._finished = True
        stats = self._stats
        published: list[_Spilled] = []  # in corpus order: the duplicate finder's ordinals
        dedup = Deduplicator(load=lambda ordinal: self._read_fingerprint(published[ordinal]))
        writers: dict[tuple[str, str], SplitWriter] = {}
        for entry, doc in self._sorted_documents():
            marks = dedup.mark(doc, self._read_fingerprint(entry))
            published.append(entry)
            assert doc.dup_cluster is not None
            split = assign_split(doc.dup_cluster)
            stats.observe(doc, split, marks)
            for config in CONFIGS:
                for row in ROW_BUILDERS[config](doc):
                    if config not in stats.examples:
                        stats.examples[config] = _jsonable(row)
                    if (config, split) not in writers:
                        writers[config, split] = SplitWriter(
                            self.out_dir, config, split, self.policy
                        )
                    writers[config, split].append(row)
        for config in CONFIGS:
            closed = {s: writers[config, s].close() for s in SPLITS if (config, s) in writers}
            if closed:
                stats.files[config] = closed
        write_manifest(self.out_dir / MANIFEST_NAME, self._manifest)
        self.close()
        return stats

    def close(self) -> None:
        """Remove the spill.  Safe to call more than once."""
        if not self._spill.closed:
            self._spill.close()
        shutil.rmtree(self._spill_dir, ignore_errors=True)

    def _read_fingerprint(self, entry: _Spilled) -> Fingerprint:
        self._spill.seek(entry.offset + entry.length)
        return pickle.loads(self._spill.read(entry.fingerprint_length))

    def _sorted_documents(self) -> Iterator[tuple[_Spilled, Document]]:
        """The spilled documents by ``doc_id``; repeated ``doc_id`` s are published once."""
        self._spill.flush()
        previous: _Spilled | None = None
        for entry in sorted(self._index, key=lambda e: (e.doc_id, e.source_file)):
            if previous is not None and entry.doc_id == previous.doc_id:
                reason = f"duplicate_input: same bytes as {previous.source_file}"
                self._manifest[entry.manifest_index].update(status="rejected", reason=reason)
                self._stats.duplicate_inputs += 1
                self._stats.reject("duplicate_input")
                continue
            previous = entry
            self._spill.seek(entry.offset)
            yield entry, pickle.loads(self._spill.read(entry.length))


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """A row with its dates as ISO strings (for the card's example rows)."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}


def write_corpus(
    docs: Iterable[Document],
    out_dir: Path,
    *,
    card_template: str | None = None,
    policy: ShardPolicy | None = None,
    rule_descriptions: dict[str, str] | None = None,
) -> BuildStats:
    """Write ``docs`` into ``out_dir``: Parquet, manifest and, given a template, the card
    and its figures (``figures/*.png``)."""
    with CorpusWriter(out_dir, policy=policy) as writer:
        for doc in docs:
            writer.add(doc)
        stats = writer.finish()
    if card_template is not None:
        write_figures(stats, Path(out_dir))
        licence = files("zh_gov_essays").joinpath("data", "dataset_license.md").read_text("utf-8")
        (Path(out_dir) / LICENSE_NAME).write_text(licence, encoding="utf-8", newline="\n")
        card = render_card(card_template, stats, rule_descriptions=rule_descriptions)
        (Path(out_dir) / CARD_NAME).write_text(card, encoding="utf-8", newline="\n")
    return stats
