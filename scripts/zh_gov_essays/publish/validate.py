"""The gate before publishing: schema, ids, indices, duplicate links and the invariants of DESIGN.md.

``validate_corpus`` reads a freshly written corpus back (streaming, one record
batch at a time) and raises :class:`ValidationError` on the first problems it
finds; the build then publishes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from zh_gov_essays.invariants import paragraph_problems, text_digest
from zh_gov_essays.publish.schema import arrow_schema

MAX_REPORTED = 10


class ValidationError(Exception):
    """The corpus breaks an invariant; the message lists the first problems."""


def _digest(value: str) -> bytes:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()


def checked_digests(digests: Iterable[int]) -> np.ndarray:
    """Text digests (:func:`~zh_gov_essays.invariants.text_digest`) as ``validate_corpus`` takes them."""
    return np.unique(np.fromiter(digests, dtype=np.uint64))


def _known(digests: np.ndarray, checked: np.ndarray) -> np.ndarray:
    """Which of ``digests`` are in the sorted array ``checked``."""
    if not len(checked):
        return np.zeros(len(digests), dtype=bool)
    at = np.minimum(np.searchsorted(checked, digests), len(checked) - 1)
    return checked[at] == digests


def validate_corpus(root: Path, checked: np.ndarray | None = None) -> None:
    """Check every Parquet file of the corpus at ``root``; raise on problems.

    ``checked`` (from :func:`checked_digests`): digests of paragraph texts
    that already passed the paragraph check (in the build's workers, see
    ``engines.work.gate_step``); a row whose text is among them is not
    checked again, every other row is.  Ids, indices, links and schemas are
    always checked.
    """
    if checked is None:
        checked = checked_digests(())
    problems: list[str] = []

    def report(msg: str) -> None:
        if len(problems) < MAX_REPORTED:
            problems.append(msg)

    referenced: dict[str, set[bytes]] = {"paragraphs": set(), "documents": set()}
    published: dict[str, set[bytes]] = {}
    for config in ("paragraphs", "documents"):
        files = sorted((root / config).glob("*.parquet"))
        if not files:
            report(f"{config}: no Parquet files")
            continue
        expected = arrow_schema(config)
        ids: set[bytes] = set()
        last_index: dict[str, int] = {}
        for path in files:
            pf = pq.ParquetFile(path)
            schema = pf.schema_arrow
            if not schema.remove_metadata().equals(expected.remove_metadata()):
                report(f"{path.name}: schema differs from {config} schema")
                continue
            if b"huggingface" not in (schema.metadata or {}):
                report(f"{path.name}: no datasets features in the schema metadata")
            for batch in pf.iter_batches(batch_size=4096):
                rows = batch.to_pylist()
                known = (
                    _known(np.fromiter((text_digest(r["text"]) for r in rows), np.uint64), checked)
                    if config == "paragraphs"
                    else None
                )
                for n, row in enumerate(rows):
                    key = row["id"] if config == "paragraphs" else row["doc_id"]
                    digest = _digest(key)
                    if digest in ids:
                        report(f"{config}: duplicate id {key}")
                    ids.add(digest)
                    for problem in _link_problems(row, key, config, referenced):
                        report(problem)
                    if config == "paragraphs":
                        expected_index = last_index.get(row["doc_id"], -1) + 1
                        if row["paragraph_index"] != expected_index:
                            report(
                                f"{key}: paragraph_index {row['paragraph_index']} "
                                f"where {expected_index} was due"
                            )
                        last_index[row["doc_id"]] = row["paragraph_index"]
                        if row["id"] != f"{row['doc_id']}-{row['paragraph_index']:04d}":
                            report(f"{key}: id does not match doc_id and paragraph_index")
                        if known is not None and known[n]:
                            continue  # checked in the worker: the very same text
                        for problem in paragraph_problems(row["text"]):
                            report(f"{key}: {problem}: {row['text'][:40]!r}")
                    elif row["num_paragraphs"] < 1:
                        report(f"{key}: document without paragraphs")
        published[config] = ids
    for config, wanted in referenced.items():
        if wanted - published.get(config, set()):
            report(f"{config}: dup_of or dup_cluster points at an id that is not published")
    if problems:
        raise ValidationError("; ".join(problems))


def _link_problems(
    row: dict, key: str, config: str, referenced: dict[str, set[bytes]]
) -> list[str]:
    """Problems with the duplicate links of one row; the ids they name go into ``referenced``.

    ``dup_of`` must name an earlier id (ids sort in corpus order); a document
    is its own cluster exactly when it copies nothing.  The caller checks that
    every referenced id is published.
    """
    problems = []
    dup_of, cluster = row["dup_of"], row["dup_cluster"]
    if dup_of is not None:
        if not dup_of < key:
            problems.append(f"{key}: dup_of {dup_of} is not an earlier id")
        referenced[config].add(_digest(dup_of))
    if config == "documents" and (cluster > key or (dup_of is None) != (cluster == key)):
        problems.append(f"{key}: dup_cluster {cluster} does not match dup_of {dup_of}")
    referenced["documents"].add(_digest(cluster))
    return problems
