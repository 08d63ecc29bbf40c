"""Writing export rows: JSON Lines or Parquet, one file per split, each via a temporary name.

Parquet exports carry the ``datasets`` features in their schema metadata (as
``datasets`` writes them), a page index, zstd compression and content-defined
chunking, with row groups sized by bytes like the corpus.  An export folder
also gets a ``README.md`` whose front matter names the split files and the
features, so ``load_dataset("path/to/folder")`` gives the same types from JSON
Lines as from Parquet (pyarrow's JSON reader would otherwise guess that an
ISO date string is a timestamp).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml
from datasets import DatasetInfo, Features
from datasets.info import DatasetInfosDict

from zh_gov_essays.publish.shards import PARQUET_OPTIONS, RowGroupBuffer, ShardPolicy

OUT_FORMATS = ("jsonl", "parquet")
# The line after the front matter of the README an export writes; a README.md without it
# is not ours to replace.
README_MARK = "<!-- written by zh-gov-essays export -->"


def out_format_of(path: Path) -> str | None:
    """``jsonl`` or ``parquet`` from a file name, None when the name has neither suffix.

    >>> out_format_of(Path("train.JSONL")), out_format_of(Path("x.parquet")), out_format_of(Path("out"))
    ('jsonl', 'parquet', None)
    """
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix == ".parquet":
        return "parquet"
    return None


def arrow_schema(features: Features, nullable: frozenset[str]) -> pa.Schema:
    """The Arrow schema of an export: the features' types and ``datasets``' metadata."""
    fields = [pa.field(f.name, f.type, nullable=f.name in nullable) for f in features.arrow_schema]
    meta = {"huggingface": json.dumps({"info": {"features": features.to_dict()}})}
    return pa.schema(fields, metadata=meta)


class RowWriter:
    """Writes rows of one split to ``path`` (``path.partial`` until :meth:`commit`)."""

    def __init__(self, path: Path, out_format: str, schema: pa.Schema) -> None:
        self.path = path
        self.out_format = out_format
        self.tmp = path.with_name(path.name + ".partial")
        self.rows = 0
        self._json = None
        self._parquet: pq.ParquetWriter | None = None
        self._buffer: RowGroupBuffer | None = None
        if out_format == "jsonl":
            self._json = self.tmp.open("w", encoding="utf-8", newline="\n")
        else:
            # Rows hold dates as ISO strings (what JSON Lines writes); Parquet gets date32.
            self._schema = schema
            rows_schema = pa.schema(
                [
                    pa.field(f.name, pa.string(), f.nullable) if pa.types.is_date(f.type) else f
                    for f in schema
                ]
            )
            policy = ShardPolicy()
            self._buffer = RowGroupBuffer(rows_schema, policy.bytes_per_row_group)
            self._parquet = pq.ParquetWriter(self.tmp, schema, **PARQUET_OPTIONS)

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()

    def write(self, row: dict[str, Any]) -> None:
        self.rows += 1
        if self._json is not None:
            self._json.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        assert self._buffer is not None and self._parquet is not None
        table = self._buffer.append(row)
        if table is not None:
            self._write_group(table)

    def _write_group(self, table: pa.Table) -> None:
        assert self._parquet is not None
        table = table.cast(self._schema)
        self._parquet.write_table(table, row_group_size=table.num_rows)

    def commit(self) -> None:
        """Finish the file and give it its name."""
        if self._json is not None:
            self._json.close()
        if self._parquet is not None and self._buffer is not None:
            table = self._buffer.flush()
            if table is not None:
                self._write_group(table)
            self._parquet.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Close and delete the partial file."""
        if self._json is not None:
            self._json.close()
        if self._parquet is not None:
            self._parquet.close()
        self.tmp.unlink(missing_ok=True)


def check_readme_is_ours(folder: Path) -> None:
    """Refuse to replace a ``README.md`` that an export did not write."""
    readme = folder / "README.md"
    if readme.is_file() and README_MARK not in readme.read_text(encoding="utf-8"):
        raise FileExistsError(
            f"{readme} exists and was not written by zh-gov-essays export: "
            "choose an empty or new --out folder"
        )


def write_readme(folder: Path, files: dict[str, str], features: Features, body: str) -> None:
    """A minimal dataset card: the split files and the features, then ``body``."""
    card: dict[str, Any] = {
        "configs": [
            {
                "config_name": "default",
                "data_files": [{"split": s, "path": name} for s, name in files.items()],
            }
        ]
    }
    DatasetInfosDict({"default": DatasetInfo(features=features)}).to_dataset_card_data(card)
    front = yaml.safe_dump(card, sort_keys=False, allow_unicode=True, width=10_000)
    # The front matter must come first; the mark follows it.
    text = f"---\n{front}---\n{README_MARK}\n\n{body}"
    tmp = folder / "README.md.partial"
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, folder / "README.md")
