"""Fine-tuning input from the built corpus: JSONL or Parquet, in any script.

The export streams the corpus one record batch at a time.  Text is converted
between scripts only here, and only when asked (``script="Hans"``/``"Hant"``):
the corpus itself always keeps each paragraph in its original script.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from zh_gov_essays.script import convert

# Columns each export row carries besides the text.
_COLUMNS = {
    "paragraph": ("id", "doc_id", "text", "kind", "section", "script", "title", "source", "date"),
    "document": ("doc_id", "text", "title", "source", "date", "script", "category"),
}


class ExportError(Exception):
    """The export cannot run; the message says what to fix."""


def _files(corpus: Path, unit: str, split: str | None) -> list[Path]:
    folder = corpus / ("paragraphs" if unit == "paragraph" else "documents")
    files = sorted(folder.glob(f"{split or '*'}-*.parquet"))
    if not files:
        raise ExportError(f"no Parquet files in {folder} (build the corpus first)")
    return files


def iter_rows(
    corpus: Path,
    *,
    unit: str = "paragraph",
    script: str = "original",
    split: str | None = None,
    include_duplicates: bool = False,
) -> Iterator[dict]:
    """Rows of the export, streamed from the corpus files."""
    for path in _files(corpus, unit, split):
        try:
            pf = pq.ParquetFile(path)
            batches = pf.iter_batches(batch_size=2048, columns=[*_COLUMNS[unit], "dup_of"])
            for batch in batches:
                for row in batch.to_pylist():
                    if row.pop("dup_of") is not None and not include_duplicates:
                        continue
                    if script != "original":
                        row["text"] = convert(row["text"], script)
                        if row.get("title"):
                            row["title"] = convert(row["title"], script)
                        if row.get("section"):
                            row["section"] = convert(row["section"], script)
                        row["script"] = script
                    if row.get("date") is not None:
                        row["date"] = row["date"].isoformat()
                    yield row
        except (pa.ArrowInvalid, OSError) as exc:
            raise ExportError(f"cannot read {path}: {exc}") from exc


def export(
    corpus: Path,
    out: Path,
    *,
    unit: str = "paragraph",
    fmt: str = "jsonl",
    script: str = "original",
    split: str | None = None,
    include_duplicates: bool = False,
) -> int:
    """Write the export to ``out`` (via a temporary name); return the row count."""
    if script not in ("original", "Hans", "Hant"):
        raise ExportError(f"unknown script {script!r}: use original, Hans or Hant")
    rows = iter_rows(
        corpus, unit=unit, script=script, split=split, include_duplicates=include_duplicates
    )
    tmp = out.with_name(out.name + ".tmp")
    n = 0
    try:
        if fmt == "jsonl":
            with tmp.open("w", encoding="utf-8", newline="\n") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
        elif fmt == "parquet":
            writer: pq.ParquetWriter | None = None
            batch: list[dict] = []
            for row in rows:
                batch.append(row)
                n += 1
                if len(batch) >= 2048:
                    writer = _write_batch(writer, tmp, batch, unit)
                    batch = []
            if batch or writer is None:
                writer = _write_batch(writer, tmp, batch, unit)
            writer.close()
        else:
            raise ExportError(f"unknown format {fmt!r}: use jsonl or parquet")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def export_schema(unit: str) -> pa.Schema:
    """The explicit schema of a Parquet export (dates as ISO strings)."""
    return pa.schema(
        [
            pa.field(c, pa.list_(pa.string()) if c == "category" else pa.string())
            for c in _COLUMNS[unit]
        ]
    )


def _write_batch(
    writer: pq.ParquetWriter | None, path: Path, rows: list[dict], unit: str
) -> pq.ParquetWriter:
    schema = export_schema(unit)
    table = pa.Table.from_pylist(rows, schema=schema)
    if writer is None:
        writer = pq.ParquetWriter(path, schema, compression="zstd")
    writer.write_table(table)
    return writer
