"""The gate before publishing: schema, ids, indices, duplicate links and the invariants of DESIGN.md.

:class:`CorpusChecker` holds the checks, fed one row at a time.  The build
feeds it every row as the writer writes it (``write_corpus(..., validate=True)``),
then checks the written files' footers (schema, ``datasets`` features, row
counts): nothing is read back.  :func:`validate_corpus` feeds it a corpus
read back from disk (streaming, one record batch at a time).  Either raises
:class:`ValidationError` with the first problems; the build then publishes
nothing.

The state kept across rows is integers only: 8 bytes per published id and
per distinct duplicate link, never text.
"""

from __future__ import annotations

import array
import hashlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from zh_gov_essays.invariants import paragraph_problems, text_digest
from zh_gov_essays.publish.schema import CONFIGS, arrow_schema

MAX_REPORTED = 10


class ValidationError(Exception):
    """The corpus breaks an invariant; the message lists the first problems."""


def _digest(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "little")


def checked_digests(digests: Iterable[int]) -> np.ndarray:
    """Text digests (:func:`~zh_gov_essays.invariants.text_digest`) as ``validate_corpus`` takes them."""
    return np.unique(np.fromiter(digests, dtype=np.uint64))


def _known(digests: np.ndarray, checked: np.ndarray) -> np.ndarray:
    """Which of ``digests`` are in the sorted array ``checked``."""
    if not len(checked):
        return np.zeros(len(digests), dtype=bool)
    at = np.minimum(np.searchsorted(checked, digests), len(checked) - 1)
    return checked[at] == digests


class CorpusChecker:
    """The gate's checks, fed row by row; :meth:`finish` raises on what they found.

    Per row: the id is ``{doc_id}-{paragraph_index:04d}`` and indices run
    0, 1, 2… within a document (rows of a document come together), the text
    passes :func:`~zh_gov_essays.invariants.paragraph_problems` (unless the
    caller says it already did), ``dup_of`` names an earlier id, and a
    document is its own cluster exactly when it copies nothing.  Across rows
    (in :meth:`finish`): ids are unique and every ``dup_of``/``dup_cluster``
    names a published id.
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.rows = dict.fromkeys(CONFIGS, 0)
        self._ids = {config: array.array("Q") for config in CONFIGS}
        self._referenced = {config: array.array("Q") for config in CONFIGS}
        self._last_ref = dict.fromkeys(CONFIGS, -1)
        self._doc: str | None = None  # the document whose paragraph rows are coming
        self._next_index = 0

    def report(self, message: str) -> None:
        """Note a problem (the first :data:`MAX_REPORTED` are kept)."""
        if len(self.problems) < MAX_REPORTED:
            self.problems.append(message)

    def row(self, config: str, row: dict, *, checked: bool = False) -> None:
        """Check one row of ``config``; ``checked``: its text already passed the paragraph check."""
        self.rows[config] += 1
        key = row["id"] if config == "paragraphs" else row["doc_id"]
        self._ids[config].append(_digest(key))
        self._links(row, key, config)
        if config == "documents":
            if row["num_paragraphs"] < 1:
                self.report(f"{key}: document without paragraphs")
            return
        if row["doc_id"] != self._doc:
            self._doc, self._next_index = row["doc_id"], 0
        if row["paragraph_index"] != self._next_index:
            self.report(
                f"{key}: paragraph_index {row['paragraph_index']} where {self._next_index} was due"
            )
        self._next_index = row["paragraph_index"] + 1
        if row["id"] != f"{row['doc_id']}-{row['paragraph_index']:04d}":
            self.report(f"{key}: id does not match doc_id and paragraph_index")
        if not checked:
            for problem in paragraph_problems(row["text"]):
                self.report(f"{key}: {problem}: {row['text'][:40]!r}")

    def _links(self, row: dict, key: str, config: str) -> None:
        """``dup_of`` must name an earlier id (ids sort in corpus order); a document is its
        own cluster exactly when it copies nothing.  The ids named are checked in :meth:`finish`."""
        dup_of, cluster = row["dup_of"], row["dup_cluster"]
        if dup_of is not None:
            if not dup_of < key:
                self.report(f"{key}: dup_of {dup_of} is not an earlier id")
            self._refer(config, dup_of)
        if config == "documents" and (cluster > key or (dup_of is None) != (cluster == key)):
            self.report(f"{key}: dup_cluster {cluster} does not match dup_of {dup_of}")
        self._refer("documents", cluster)

    def _refer(self, config: str, key: str) -> None:
        digest = _digest(key)
        if digest != self._last_ref[config]:  # a document's rows all name its cluster
            self._referenced[config].append(digest)
            self._last_ref[config] = digest

    def schema(self, path: Path, config: str) -> bool:
        """Check the schema in the footer of one file of ``config``; False when it differs."""
        schema = pq.read_schema(path)
        if not schema.remove_metadata().equals(arrow_schema(config).remove_metadata()):
            self.report(f"{path.name}: schema differs from {config} schema")
            return False
        if b"huggingface" not in (schema.metadata or {}):
            self.report(f"{path.name}: no datasets features in the schema metadata")
        return True

    def files(self, root: Path) -> None:
        """Check the footers of the written files against the rows fed: schemas, row counts."""
        for config in CONFIGS:
            files = sorted((root / config).glob("*.parquet"))
            if not files:
                self.report(f"{config}: no Parquet files")
                continue
            rows = 0
            for path in files:
                if self.schema(path, config):
                    rows += pq.ParquetFile(path).metadata.num_rows
            if rows != self.rows[config]:
                self.report(
                    f"{config}: the files hold {rows} rows, {self.rows[config]} were written"
                )

    def finish(self) -> None:
        """Check ids and links across rows; raise :class:`ValidationError` on any problem."""
        published: dict[str, np.ndarray] = {}
        for config in CONFIGS:
            ids = np.sort(np.frombuffer(self._ids[config], dtype=np.uint64))
            repeated = int(np.count_nonzero(ids[1:] == ids[:-1]))
            if repeated:
                self.report(f"{config}: {repeated} duplicate id(s)")
            published[config] = ids
        for config in CONFIGS:
            wanted = np.frombuffer(self._referenced[config], dtype=np.uint64)
            if len(wanted) and not _known(wanted, published[config]).all():
                self.report(
                    f"{config}: dup_of or dup_cluster points at an id that is not published"
                )
        if self.problems:
            raise ValidationError("; ".join(self.problems))


def validate_corpus(root: Path, checked: np.ndarray | None = None) -> None:
    """Read every Parquet file of the corpus at ``root`` back and check it; raise on problems.

    ``checked`` (from :func:`checked_digests`): digests of paragraph texts
    that already passed the paragraph check; a row whose text is among them
    is not checked again, every other row is.  Ids, indices, links and
    schemas are always checked.
    """
    if checked is None:
        checked = checked_digests(())
    checker = CorpusChecker()
    for config in CONFIGS:
        files = sorted((root / config).glob("*.parquet"))
        if not files:
            checker.report(f"{config}: no Parquet files")
            continue
        for path in files:
            if not checker.schema(path, config):
                continue
            for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
                rows = batch.to_pylist()
                known = (
                    _known(np.fromiter((text_digest(r["text"]) for r in rows), np.uint64), checked)
                    if config == "paragraphs"
                    else np.zeros(len(rows), dtype=bool)
                )
                for row, seen in zip(rows, known.tolist(), strict=True):
                    checker.row(config, row, checked=seen)
    checker.finish()
