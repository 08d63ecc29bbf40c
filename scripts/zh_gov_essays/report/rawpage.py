"""Find the raw pages of chosen documents under an input root, and decode them as the build did.

A document's ``source_file`` is its path relative to the input root; records of
JSON Lines and Parquet containers carry ``#N`` (``crawl.jsonl#3``).  The file
(or the record) is read with the build's own readers and checked against the
document's ``raw_sha256``, then decoded with :func:`~zh_gov_essays.read.decode_raw`,
so the lines shown are the lines the cleaner saw.  Each container is read once,
however many of its records were chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zh_gov_essays.read import decode_raw
from zh_gov_essays.read.formats import READERS, docs_from_file


@dataclass(frozen=True)
class RawPage:
    """The decoded text of one document's input, or why it is not available."""

    text: str | None
    origin: str  # where it was read from, or the reason it was not
    note: str | None = None  # what decoding did (``html``, ``split_long_line`` …)


def container_file(source_file: str) -> str:
    """The file part of ``source_file``: ``a/b.jsonl#3`` → ``a/b.jsonl``; plain files unchanged.

    >>> container_file("crawl/part-1.jsonl#12"), container_file("页#1.txt")
    ('crawl/part-1.jsonl', '页#1.txt')
    """
    base, hash_mark, number = source_file.rpartition("#")
    if hash_mark and number.isdigit() and Path(base).suffix.lower() in READERS:
        return base
    return source_file


def _locate(root: Path, rel: str) -> Path | None:
    """The file ``rel`` names under ``root`` (``root`` itself when it is that file)."""
    if root.is_file():
        return root if rel == root.name else None
    parts = PurePosixPath(rel).parts
    if not parts or parts[0] == "/" or ".." in parts:
        return None  # a source_file like ../x must not leave the input root
    path = root.joinpath(*parts)  # symlinked folders inside the root are followed, as the build did
    return path if path.is_file() else None


def read_raw_pages(root: Path, docs: Iterable[dict]) -> dict[str, RawPage]:
    """``doc_id`` → :class:`RawPage` for every document in ``docs`` (rows with
    ``doc_id``, ``source_file``, ``raw_sha256``)."""
    wanted: dict[str, dict[str, dict]] = {}
    for doc in docs:
        source = doc.get("source_file") or ""
        wanted.setdefault(container_file(source), {})[source] = doc
    pages: dict[str, RawPage] = {}
    for rel, by_source in sorted(wanted.items()):
        path = _locate(root, rel)
        if path is None:
            for doc in by_source.values():
                pages[doc["doc_id"]] = RawPage(None, f"{rel} is not under {root}")
            continue
        remaining = dict(by_source)
        try:
            for raw in docs_from_file(path, rel, path.stat().st_size):
                doc = remaining.pop(raw.source_file, None)
                if doc is not None:
                    pages[doc["doc_id"]] = _decoded(raw, doc, root)
                if not remaining:
                    break
        except OSError as exc:
            for doc in remaining.values():
                pages[doc["doc_id"]] = RawPage(None, f"cannot read {rel}: {exc.strerror or exc}")
            remaining = {}
        for source, doc in remaining.items():
            pages[doc["doc_id"]] = RawPage(None, f"{source} is not in {rel} any more")
    return pages


def _decoded(raw, doc: dict, root: Path) -> RawPage:
    if raw.error is not None:
        return RawPage(None, f"{raw.source_file} cannot be read now ({raw.error})")
    if raw.raw_sha256 != doc.get("raw_sha256"):
        return RawPage(None, f"{raw.source_file} has changed since the build (sha256 differs)")
    decoded = decode_raw(raw)
    if decoded.text is None:
        return RawPage(None, f"{raw.source_file} does not decode ({decoded.reject})")
    where = root / raw.source_file if root.is_dir() else root.parent / raw.source_file
    return RawPage(decoded.text, f"{where} ({decoded.encoding})", decoded.note)
