"""Reading the built corpus for an export: its splits, and its documents with their paragraphs.

Both configs are sorted by ``doc_id`` (paragraphs by index within a
document), so one pass over each, side by side, yields whole documents while
memory holds one document at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from zh_gov_essays.publish.schema import SPLITS


class ExportError(Exception):
    """The export cannot run; the message says what to fix."""


_SHARD = re.compile(r"^(?P<split>[A-Za-z0-9_]+)-\d{5}-of-\d{5}\.parquet$")
_BATCH_ROWS = 2048
_PARAGRAPH_COLUMNS = ["id", "doc_id", "text", "kind", "section", "script", "dup_of"]
_DOCUMENT_COLUMNS = ["doc_id", "title", "source", "date", "script", "dup_of"]


@dataclass(frozen=True)
class SourceParagraph:
    id: str
    text: str
    kind: str
    section: str | None
    script: str
    dup_of: str | None


@dataclass
class SourceDocument:
    doc_id: str
    title: str | None
    source: str | None
    date: str | None  # ISO YYYY-MM-DD
    script: str
    dup_of: str | None
    paragraphs: list[SourceParagraph] = field(default_factory=list)


def shard_files(corpus: Path, config: str) -> dict[str, list[Path]]:
    """The Parquet shards of ``config`` by split, splits in corpus order, shards by name."""
    found: dict[str, list[Path]] = {}
    for path in sorted((corpus / config).glob("*.parquet")):
        match = _SHARD.match(path.name)
        if match:
            found.setdefault(match.group("split"), []).append(path)
    order = {s: i for i, s in enumerate(SPLITS)}
    return {s: found[s] for s in sorted(found, key=lambda s: (order.get(s, len(order)), s))}


def corpus_splits(corpus: Path) -> list[str]:
    """The splits the corpus has (both configs must have them), or an error saying what to do."""
    paragraphs, documents = shard_files(corpus, "paragraphs"), shard_files(corpus, "documents")
    if not paragraphs or not documents:
        raise ExportError(
            f"no Parquet files in {corpus / 'paragraphs'} and {corpus / 'documents'} "
            "(build the corpus first: zh-gov-essays build, or pass --corpus PATH)"
        )
    if list(paragraphs) != list(documents):
        raise ExportError(
            f"{corpus}: the paragraphs and documents configs have different splits "
            f"({', '.join(paragraphs)} against {', '.join(documents)}): rebuild the corpus"
        )
    return list(paragraphs)


def check_split(corpus: Path, split: str) -> None:
    """Fail with the list of existing splits when ``split`` is not one of them."""
    splits = corpus_splits(corpus)
    if split not in splits:
        have = ", ".join(splits)
        raise ExportError(
            f"the corpus {corpus} has no split {split!r}; it has {have} "
            "(a split with no document is not published): pass --split with one of them, "
            "or leave --split out to export every split"
        )


def _rows(paths: list[Path], columns: list[str]) -> Iterator[dict]:
    for path in paths:
        try:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH_ROWS, columns=columns):
                yield from batch.to_pylist()
        except (pa.ArrowInvalid, OSError) as exc:
            raise ExportError(f"cannot read {path}: {exc} (rebuild the corpus)") from exc


def _iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def iter_documents(corpus: Path, split: str) -> Iterator[SourceDocument]:
    """The documents of one split in corpus order, each with its paragraphs."""
    paragraphs = _rows(shard_files(corpus, "paragraphs")[split], _PARAGRAPH_COLUMNS)
    pending = next(paragraphs, None)
    for row in _rows(shard_files(corpus, "documents")[split], _DOCUMENT_COLUMNS):
        doc = SourceDocument(
            doc_id=row["doc_id"],
            title=row["title"],
            source=row["source"],
            date=_iso(row["date"]),
            script=row["script"],
            dup_of=row["dup_of"],
        )
        while pending is not None and pending["doc_id"] == doc.doc_id:
            doc.paragraphs.append(
                SourceParagraph(
                    id=pending["id"],
                    text=pending["text"],
                    kind=pending["kind"],
                    section=pending["section"],
                    script=pending["script"],
                    dup_of=pending["dup_of"],
                )
            )
            pending = next(paragraphs, None)
        if pending is not None and pending["doc_id"] < doc.doc_id:
            raise ExportError(
                f"{corpus}: paragraph {pending['id']} has no document in split {split!r} "
                "(the configs disagree): rebuild the corpus"
            )
        yield doc
    if pending is not None:
        raise ExportError(
            f"{corpus}: paragraph {pending['id']} has no document in split {split!r} "
            "(the configs disagree): rebuild the corpus"
        )
