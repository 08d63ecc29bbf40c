"""Count everything in a built corpus and choose the documents the page shows, streaming.

One pass over the documents and one over the paragraphs, a record batch at a
time, gathers the overview (every document counts) and picks the sample: the
first documents of every rule and every repair (so each rule that fired has
examples, and a rare rule shows every document it touched), then the first
documents of every source, round-robin, up to a cap.  "First" means smallest
``doc_id``, the corpus order.  Only counts and the chosen ids stay in memory;
the chosen documents are read in full afterwards (:func:`read_sample`).

Columns are read when present, so a corpus written by an older or newer build
(without ``dup_cluster``, say) still reports.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from zh_gov_essays.report.options import SampleOptions

BATCH_ROWS = 1024
# Rejected inputs listed by name in the overview, per reason.
REJECTED_EXAMPLES = 10


@dataclass
class RuleCount:
    """What one rule did over the whole corpus."""

    pieces: int = 0  # entries in the removed log: whole lines or fragments
    chars: int = 0
    documents: int = 0  # documents it removed something from
    paragraphs_repaired: int = 0
    documents_repaired: int = 0


@dataclass
class Overview:
    """Figures of the whole corpus."""

    documents: int = 0
    rejected: int = 0
    rejected_by_reason: Counter = field(default_factory=Counter)
    rejected_examples: dict[str, list[str]] = field(default_factory=dict)
    inputs: int = 0
    paragraphs: int = 0
    headings: int = 0
    chars: int = 0
    duplicate_documents: int = 0
    duplicate_paragraphs: int = 0
    clustered_documents: int | None = None  # None: the corpus has no dup_cluster column
    clusters: int | None = None
    truncated: int = 0
    by_source: Counter = field(default_factory=Counter)
    by_script: Counter = field(default_factory=Counter)
    rules: dict[str, RuleCount] = field(default_factory=dict)

    def rule(self, name: str) -> RuleCount:
        return self.rules.setdefault(name, RuleCount())


class _First:
    """The ``n`` smallest keys seen, in bounded memory.

    >>> first = _First(2)
    >>> for key in ["c", "a", "d", "b", "a"]:
    ...     first.add(key)
    >>> first.result()
    ['a', 'b']
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.keys: list[str] = []

    def add(self, key: str) -> None:
        keys = self.keys
        if len(keys) >= self.n and (self.n <= 0 or key >= keys[-1]):
            return
        if key in keys:
            return
        bisect.insort(keys, key)
        del keys[self.n :]

    def result(self) -> list[str]:
        return list(self.keys)


def parquet_files(corpus: Path, config: str) -> list[Path]:
    """The Parquet files of one config, sorted (every split)."""
    return sorted((corpus / config).glob("*.parquet"))


def iter_batches(files: list[Path], wanted: list[str]) -> Iterator[pa.RecordBatch]:
    """Record batches of ``files`` with the ``wanted`` columns each file has."""
    for path in files:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
        columns = [c for c in wanted if c in names]
        yield from pf.iter_batches(batch_size=BATCH_ROWS, columns=columns)


def has_column(files: list[Path], name: str) -> bool:
    return any(name in pq.read_schema(path).names for path in files)


def _names(batch: pa.RecordBatch, column: str) -> list[str]:
    """The column's values with null (or a missing column) as ``unknown``."""
    if column not in batch.schema.names:
        return ["unknown"] * batch.num_rows
    return [value or "unknown" for value in batch.column(column).to_pylist()]


def _valid(batch: pa.RecordBatch, column: str) -> int:
    """How many rows have a value in ``column`` (0 when the column is missing)."""
    if column not in batch.schema.names:
        return 0
    return batch.num_rows - batch.column(column).null_count


def _count_documents(batch: pa.RecordBatch, overview: Overview, clusters: set[str] | None) -> None:
    overview.documents += batch.num_rows
    overview.by_source.update(_names(batch, "source"))
    overview.by_script.update(_names(batch, "script"))
    overview.duplicate_documents += _valid(batch, "dup_of")
    if "truncated" in batch.schema.names:
        overview.truncated += pc.sum(pc.fill_null(batch.column("truncated"), False)).as_py() or 0
    if clusters is not None and "dup_cluster" in batch.schema.names:
        overview.clustered_documents = (overview.clustered_documents or 0) + _valid(
            batch, "dup_cluster"
        )
        clusters.update(v for v in batch.column("dup_cluster").to_pylist() if v is not None)


@dataclass
class Scan:
    """The outcome of :func:`scan_corpus`: the overview and the chosen ``doc_id`` s."""

    overview: Overview
    sample: list[str]
    rule_examples: dict[str, list[str]]


def scan_corpus(corpus: Path, options: SampleOptions) -> Scan:
    """Stream the corpus once: count everything, and choose the sample."""
    overview = Overview()
    rule_first: dict[str, _First] = {}
    source_first: dict[str, _First] = {}
    doc_files = parquet_files(corpus, "documents")
    clusters: set[str] | None = set() if has_column(doc_files, "dup_cluster") else None
    if clusters is not None:
        overview.clustered_documents = 0
    columns = ["doc_id", "source", "script", "removed", "dup_of", "dup_cluster", "truncated"]
    for batch in iter_batches(doc_files, columns):
        _count_documents(batch, overview, clusters)
        ids = batch.column("doc_id").to_pylist()
        sources = _names(batch, "source")
        for doc_id, source in zip(ids, sources, strict=True):
            first = source_first.get(source)
            if first is None:
                first = source_first[source] = _First(options.per_source)
            first.add(doc_id)
        if "removed" not in batch.schema.names:
            continue
        removed = batch.column("removed")
        flat = removed.flatten()
        rules = flat.field("rule").to_pylist()
        chars = pc.fill_null(pc.utf8_length(flat.field("text")), 0).to_pylist()
        parents = pc.list_parent_indices(removed).to_pylist()
        touched: set[tuple[int, str]] = set()
        for rule, n, parent in zip(rules, chars, parents, strict=True):
            count = overview.rules.get(rule) or overview.rule(rule)
            count.pieces += 1
            count.chars += n
            touched.add((parent, rule))
        for parent, rule in touched:
            overview.rules[rule].documents += 1
            first = rule_first.get(rule)
            if first is None:
                first = rule_first[rule] = _First(options.per_rule)
            first.add(ids[parent])
    if clusters is not None:
        overview.clusters = len(clusters)
    _scan_paragraphs(corpus, overview, rule_first, options)
    _scan_manifest(corpus, overview)
    rule_examples = {name: first.result() for name, first in sorted(rule_first.items())}
    return Scan(overview, _choose(rule_examples, source_first, options), rule_examples)


def _scan_paragraphs(
    corpus: Path, overview: Overview, rule_first: dict[str, _First], options: SampleOptions
) -> None:
    """Paragraph counts, and which paragraphs and documents each repair touched."""
    last: tuple[str, set[str]] = ("", set())  # the document the previous batch ended in
    columns = ["doc_id", "kind", "num_chars", "dup_of", "repairs"]
    for batch in iter_batches(parquet_files(corpus, "paragraphs"), columns):
        names = batch.schema.names
        overview.paragraphs += batch.num_rows
        overview.duplicate_paragraphs += _valid(batch, "dup_of")
        if "kind" in names:
            overview.headings += pc.sum(pc.equal(batch.column("kind"), "heading")).as_py() or 0
        if "num_chars" in names:
            overview.chars += pc.sum(batch.column("num_chars")).as_py() or 0
        if "repairs" not in names:
            continue
        ids = batch.column("doc_id").to_pylist()
        repairs = batch.column("repairs")
        pairs = dict.fromkeys(
            zip(
                pc.list_parent_indices(repairs).to_pylist(),
                repairs.flatten().to_pylist(),
                strict=True,
            )
        )
        for parent, name in pairs:
            overview.rule(name).paragraphs_repaired += 1
            doc_id = ids[parent]
            if doc_id != last[0]:
                last = (doc_id, set())
            if name not in last[1]:
                last[1].add(name)
                overview.rules[name].documents_repaired += 1
                first = rule_first.get(name)
                if first is None:
                    first = rule_first[name] = _First(options.per_rule)
                first.add(doc_id)


def _scan_manifest(corpus: Path, overview: Overview) -> None:
    """Inputs and rejections from ``manifest.jsonl``, streamed; absent → nothing counted."""
    path = corpus / "manifest.jsonl"
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            overview.inputs += 1
            if entry.get("status") == "rejected":
                # "duplicate_input: same bytes as a.txt": the kind before the colon
                # groups; the detail goes with the file's name.
                kind, _, detail = str(entry.get("reason") or "unknown").partition(":")
                overview.rejected += 1
                overview.rejected_by_reason[kind] += 1
                examples = overview.rejected_examples.setdefault(kind, [])
                if len(examples) < REJECTED_EXAMPLES:
                    name = str(entry.get("source_file") or "")
                    examples.append(f"{name} ({detail.strip()})" if detail.strip() else name)


def _choose(
    rule_examples: dict[str, list[str]],
    source_first: dict[str, _First],
    options: SampleOptions,
) -> list[str]:
    """Rule examples, then sources round-robin (biggest first) up to ``max_documents``."""
    chosen = dict.fromkeys(doc_id for ids in rule_examples.values() for doc_id in ids)
    by_source = sorted(
        ((name, first.result()) for name, first in source_first.items()),
        key=lambda item: (-len(item[1]), item[0]),
    )
    for rank in range(options.per_source):
        for _name, ids in by_source:
            if len(chosen) >= max(options.max_documents, 0):
                return sorted(chosen)
            if rank < len(ids):
                chosen.setdefault(ids[rank])
    return sorted(chosen)


def read_sample(corpus: Path, doc_ids: list[str]) -> tuple[list[dict], dict[str, list[dict]]]:
    """The chosen documents' rows and their paragraphs (by ``doc_id``), streamed and filtered."""
    wanted = pa.array(doc_ids, pa.string())
    docs: list[dict] = []
    doc_columns = [
        "doc_id", "title", "source", "url", "date", "script", "category", "tags", "editor",
        "truncated", "num_paragraphs", "num_chars", "source_file", "raw_sha256", "encoding",
        "removed", "dup_of", "dup_cluster",
    ]  # fmt: skip
    for batch in iter_batches(parquet_files(corpus, "documents"), doc_columns):
        picked = batch.filter(pc.is_in(batch.column("doc_id"), value_set=wanted))
        docs.extend(picked.to_pylist())
    paragraphs: dict[str, list[dict]] = {}
    para_columns = [
        "doc_id", "paragraph_index", "text", "kind", "heading_level", "section", "script",
        "repairs", "dup_of",
    ]  # fmt: skip
    for batch in iter_batches(parquet_files(corpus, "paragraphs"), para_columns):
        picked = batch.filter(pc.is_in(batch.column("doc_id"), value_set=wanted))
        for row in picked.to_pylist():
            paragraphs.setdefault(row["doc_id"], []).append(row)
    for rows in paragraphs.values():
        rows.sort(key=lambda row: row.get("paragraph_index") or 0)
    return docs, paragraphs
