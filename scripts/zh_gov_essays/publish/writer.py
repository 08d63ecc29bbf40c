"""Writing the corpus: Parquet shards, the manifest and the card, in corpus order.

The CLI's build is, in short::

    def build(tmp: Path) -> BuildStats:
        return write_corpus(map(process, raws), tmp, card_template=template)

    stats = publish_atomically(build, Path("corpus"))

:class:`CorpusWriter` takes documents in any order (from any engine), spills
them to disk, and on :meth:`~CorpusWriter.finish` streams them back sorted by
``doc_id`` through the corpus steps (:mod:`~zh_gov_essays.publish.dedup`,
:mod:`~zh_gov_essays.publish.splits`) into one Parquet writer per config and
split (:mod:`~zh_gov_essays.publish.shards`).  Memory holds one row group per writer, the ``(doc_id, offset)``
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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.resources import files
from operator import itemgetter
from pathlib import Path
from typing import Any

from zh_gov_essays.fingerprint import Fingerprint, fingerprint
from zh_gov_essays.invariants import text_digest
from zh_gov_essays.publish.card import render_card
from zh_gov_essays.publish.dedup import Deduplicator
from zh_gov_essays.publish.figures import FOLDER as FIGURES_FOLDER
from zh_gov_essays.publish.figures import write_figures
from zh_gov_essays.publish.memory import release_freed_memory
from zh_gov_essays.publish.schema import CONFIGS, ROW_BUILDERS, SPLITS
from zh_gov_essays.publish.shards import ShardPolicy, SplitWriter
from zh_gov_essays.publish.splits import assign_split
from zh_gov_essays.publish.stats import BuildStats
from zh_gov_essays.publish.validate import CorpusChecker
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
    _write_manifest_lines(path, (tuple(row.get(k) for k in MANIFEST_KEYS) for row in ordered))


def _write_manifest_lines(path: Path, rows: Iterable[tuple]) -> None:
    """Write rows (values in :data:`MANIFEST_KEYS` order, already sorted) as ``manifest.jsonl``."""
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(dict(zip(MANIFEST_KEYS, row, strict=True)), ensure_ascii=False))
            f.write("\n")
    os.replace(tmp, path)


PUBLISH_BATCH = 32
"""Documents an ``in_order`` writer collects before publishing them one after the other.

Publishing each document as it arrives made the cleaning that shares the
process (one worker) about 9 % slower on 5,000 pages (52.6 → 58.0 s: the
Parquet and duplicate state evict the cleaning's from the CPU caches); in
batches the difference is within noise.  Small, because while the writer
publishes a batch the workers' results wait (engines.local keeps a bounded
window of them, about 64 documents); a batch of 256 left the workers idle
and lost the gain of writing in order (2 workers: 33.7 s at 32, 38 s at 256).
"""


@dataclass(frozen=True, slots=True)
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

    With ``in_order``, the caller promises that kept documents come already
    in corpus order (see :mod:`~zh_gov_essays.read.order`): each one is
    marked and written as soon as it arrives and only its fingerprint is
    spilled, so the writing overlaps the cleaning and nothing is sorted or
    read back at the end.  The files are the same bytes either way.  A kept
    document out of order raises ``ValueError``.

    With ``validate``, ``finish`` also runs the publishing gate
    (:class:`~zh_gov_essays.publish.validate.CorpusChecker`) on every row as
    it writes it, and on the written files' footers, and raises
    :class:`~zh_gov_essays.publish.validate.ValidationError` before writing
    the manifest.  A paragraph whose text is among its document's
    ``checked`` digests (the workers checked it, see
    ``engines.work.gate_step``) is not checked again.

    Use it as a context manager so the spill goes away on errors too.
    """

    def __init__(
        self,
        out_dir: Path,
        *,
        policy: ShardPolicy | None = None,
        spill_dir: Path | None = None,
        validate: bool = False,
        in_order: bool = False,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.policy = policy or ShardPolicy()
        self.validate = validate
        self.in_order = in_order
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
        # One tuple per input (values in MANIFEST_KEYS order): a dict per input
        # cost about 500 bytes more, 10 MB at 20,000 inputs.
        self._manifest: list[tuple] = []
        self._stats = BuildStats()
        self._finished = False
        self._published: list[_Spilled] = []  # in corpus order: the duplicate finder's ordinals
        self._dedup = Deduplicator(load=self._read_fingerprint_of)
        self._writers: dict[tuple[str, str], SplitWriter] = {}
        self._checker = CorpusChecker() if validate else None
        # in_order: documents waiting to be published, the last one taken, the last key seen
        self._ready: list[tuple[_Spilled, Document, Fingerprint]] = []
        self._last_entry: _Spilled | None = None
        self._last_key: tuple[str, str] | None = None

    def __enter__(self) -> CorpusWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, doc: Document) -> None:
        """Take one cleaned document (kept or rejected)."""
        if self._finished:
            raise RuntimeError("CorpusWriter.add after finish")
        row = manifest_row(doc)
        self._manifest.append(tuple(row[k] for k in MANIFEST_KEYS))
        if not doc.kept:
            self._stats.reject(doc.reject_reason or "rejected")
            return
        fp = doc.fingerprint if doc.fingerprint is not None else fingerprint(doc)
        manifest_index = len(self._manifest) - 1
        if self.in_order:
            key = (doc.doc_id, doc.source_file)
            if self._last_key is not None and key <= self._last_key:
                raise ValueError(
                    f"documents out of corpus order: {doc.doc_id} ({doc.source_file}) after "
                    f"{self._last_key[0]} ({self._last_key[1]})"
                )
            self._last_key = key
            entry = self._spill_entry(doc, None, fp, manifest_index)
            previous = self._last_entry
            if previous is None or not self._is_duplicate_input(entry, previous):
                self._last_entry = entry
                self._ready.append((entry, replace(doc, fingerprint=None), fp))
                if len(self._ready) >= PUBLISH_BATCH:
                    self._publish_ready()
            return
        data = pickle.dumps(replace(doc, fingerprint=None), protocol=pickle.HIGHEST_PROTOCOL)
        self._index.append(self._spill_entry(doc, data, fp, manifest_index))

    def finish(self) -> BuildStats:
        """Write the corpus into ``out_dir`` and return its statistics."""
        if self._finished:
            raise RuntimeError("CorpusWriter.finish called twice")
        self._finished = True
        stats = self._stats
        if not self.in_order:
            for entry, doc in self._sorted_documents():
                self._publish(entry, doc, self._read_fingerprint(entry))
        self._publish_ready()
        for config in CONFIGS:
            closed = {
                s: self._writers[config, s].close() for s in SPLITS if (config, s) in self._writers
            }
            if closed:
                stats.files[config] = closed
        checker = self._checker
        if checker is not None and stats.documents_kept:  # an empty corpus: the caller refuses it
            checker.files(self.out_dir)
            checker.finish()
        self._manifest.sort(key=itemgetter(MANIFEST_KEYS.index("source_file")))
        _write_manifest_lines(self.out_dir / MANIFEST_NAME, self._manifest)
        self.close()
        self._release()
        return stats

    def _release(self) -> None:
        """Drop the corpus-level state once the files are written.

        The card's figures and front matter come next, with their imports
        (about 100 MB); the duplicate finder alone holds 44 MB at 20,000
        pages, and the writer object lives until ``write_corpus`` returns.
        """
        self._dedup = Deduplicator(load=self._read_fingerprint_of)
        self._index, self._manifest, self._published, self._ready = [], [], [], []
        self._writers = {}
        self._checker = None
        release_freed_memory()

    def _publish_ready(self) -> None:
        ready, self._ready = self._ready, []
        for entry, doc, fp in ready:
            self._publish(entry, doc, fp)

    def _publish(self, entry: _Spilled, doc: Document, fp: Fingerprint) -> None:
        """Mark, split and write one document: the next one in corpus order."""
        stats = self._stats
        marks = self._dedup.mark(doc, fp)
        self._published.append(entry)
        assert doc.dup_cluster is not None
        split = assign_split(doc.dup_cluster)
        stats.observe(doc, split, marks)
        checked = frozenset(doc.checked)
        checker = self._checker
        for config in CONFIGS:
            for row in ROW_BUILDERS[config](doc):
                if config not in stats.examples:
                    stats.examples[config] = _jsonable(row)
                if checker is not None:
                    known = config == "paragraphs" and text_digest(row["text"]) in checked
                    checker.row(config, row, checked=known)
                writer = self._writers.get((config, split))
                if writer is None:
                    writer = self._writers[config, split] = SplitWriter(
                        self.out_dir, config, split, self.policy, self._spill_dir
                    )
                writer.append(row)

    def _spill_entry(
        self, doc: Document, data: bytes | None, fp: Fingerprint, manifest_index: int
    ) -> _Spilled:
        """Append the pickled document (``None``: not kept) and its fingerprint to the spill."""
        fp_data = pickle.dumps(fp, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._spill.seek(0, os.SEEK_END)
        if data is not None:
            self._spill.write(data)
        self._spill.write(fp_data)
        length = 0 if data is None else len(data)
        return _Spilled(doc.doc_id, doc.source_file, offset, length, len(fp_data), manifest_index)

    def _is_duplicate_input(self, entry: _Spilled, previous: _Spilled) -> bool:
        """Whether ``entry`` repeats the bytes of ``previous`` (published just before it in
        corpus order); if so it is rejected in the manifest."""
        if entry.doc_id != previous.doc_id:
            return False
        reason = f"duplicate_input: same bytes as {previous.source_file}"
        row = dict(zip(MANIFEST_KEYS, self._manifest[entry.manifest_index], strict=True))
        row.update(status="rejected", reason=reason)
        self._manifest[entry.manifest_index] = tuple(row.values())
        self._stats.duplicate_inputs += 1
        self._stats.reject("duplicate_input")
        return True

    def close(self) -> None:
        """Remove the spill.  Safe to call more than once."""
        if not self._spill.closed:
            self._spill.close()
        shutil.rmtree(self._spill_dir, ignore_errors=True)

    def _read_fingerprint_of(self, ordinal: int) -> Fingerprint:
        """The fingerprint of the ``ordinal``-th published document (the duplicate finder's loader)."""
        return self._read_fingerprint(self._published[ordinal])

    def _read_fingerprint(self, entry: _Spilled) -> Fingerprint:
        self._spill.seek(entry.offset + entry.length)
        return pickle.loads(self._spill.read(entry.fingerprint_length))

    def _sorted_documents(self) -> Iterator[tuple[_Spilled, Document]]:
        """The spilled documents by ``doc_id``; repeated ``doc_id`` s are published once."""
        self._spill.flush()
        previous: _Spilled | None = None
        for entry in sorted(self._index, key=lambda e: (e.doc_id, e.source_file)):
            if previous is not None and self._is_duplicate_input(entry, previous):
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
    validate: bool = False,
    in_order: bool = False,
    draw_figures: FigureDrawer | None = None,
) -> BuildStats:
    """Write ``docs`` into ``out_dir``: Parquet, manifest and, given a template, the card
    and its figures (``figures/*.png``); ``validate``: run the publishing gate on every
    row written; ``in_order``: the kept documents come in corpus order and are written
    as they come (see :class:`CorpusWriter`).  ``draw_figures`` starts drawing the
    figures elsewhere (the build's worker processes) while the card is written here;
    by default they are drawn here, first."""
    with CorpusWriter(out_dir, policy=policy, validate=validate, in_order=in_order) as writer:
        for doc in docs:
            writer.add(doc)
        stats = writer.finish()
    if card_template is not None:
        drawn = (draw_figures or _draw_here)(stats, Path(out_dir))
        try:
            licence = files("zh_gov_essays").joinpath("data", "dataset_license.md")
            (Path(out_dir) / LICENSE_NAME).write_text(
                licence.read_text("utf-8"), encoding="utf-8", newline="\n"
            )
            card = render_card(card_template, stats, rule_descriptions=rule_descriptions)
            (Path(out_dir) / CARD_NAME).write_text(card, encoding="utf-8", newline="\n")
        finally:
            drawn()  # the figures are part of the corpus; none is left drawing on failure
    return stats


FigureDrawer = Callable[[BuildStats, Path], Callable[[], list[str]]]
"""Starts drawing the card's figures of ``stats`` into a folder; the call it returns waits
until they are written (raising what drawing raised) and gives their relative paths."""


def _draw_here(stats: BuildStats, out_dir: Path) -> Callable[[], list[str]]:
    paths = write_figures(stats, out_dir)
    return lambda: paths
