"""Statistics of a build: counts for the summary and every figure the card shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from zh_gov_essays.publish.dedup import Marks
from zh_gov_essays.publish.schema import SPLITS
from zh_gov_essays.records import Document, reason_code
from zh_gov_essays.repair.pii import mask_pii

# Paragraph lengths are counted in bins this wide (characters), up to the last bin,
# which holds everything longer: the histogram of the card, in constant memory.
LENGTH_BIN = 25
LENGTH_BINS = 40  # 0–24, 25–49, …, 950–974, ≥ 975


@dataclass
class Tally:
    """Documents, paragraphs and characters of some slice of the corpus."""

    documents: int = 0
    paragraphs: int = 0
    chars: int = 0

    def add(self, doc: Document) -> None:
        """Count ``doc`` in this slice."""
        self.documents += 1
        self.paragraphs += len(doc.paragraphs)
        self.chars += doc.num_chars


@dataclass
class RuleTally:
    """How much one rule removed: pieces of text (mostly whole lines) and their characters."""

    pieces: int = 0
    chars: int = 0


@dataclass
class ScriptTally:
    """Paragraphs and characters written in one script (each paragraph's own verdict)."""

    paragraphs: int = 0
    chars: int = 0


@dataclass
class DupTally:
    """Duplicates found by exact key and by near (n-gram) match."""

    exact: int = 0
    near: int = 0

    @property
    def total(self) -> int:
        return self.exact + self.near

    def add(self, match: str) -> None:
        """Count one duplicate matched ``exact`` or ``near``."""
        if match == "exact":
            self.exact += 1
        elif match == "near":
            self.near += 1
        else:
            raise ValueError(f"unknown duplicate match {match!r}")


@dataclass
class ShardFile:
    """One written Parquet file."""

    path: str  # relative to the corpus root, with forward slashes
    num_rows: int
    num_bytes: int  # uncompressed Arrow bytes, as ``datasets`` reports ``num_bytes``
    size: int  # bytes on disk


@dataclass
class SplitFiles:
    """The shards of one split of one config."""

    files: list[ShardFile] = field(default_factory=list)

    @property
    def num_examples(self) -> int:
        return sum(f.num_rows for f in self.files)

    @property
    def num_bytes(self) -> int:
        return sum(f.num_bytes for f in self.files)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


def _tally(table: dict[str, Tally], key: str) -> Tally:
    return table.setdefault(key, Tally())


@dataclass
class BuildStats:
    """What a build produced: counts for the summary and every figure the card shows.

    Only data-dependent values: no times, no paths outside the corpus, so the
    card rendered from it is the same on every machine.
    """

    documents_rejected: int = 0
    duplicate_inputs: int = 0  # inputs with the same bytes as another; published once
    duplicate_documents: int = 0
    duplicate_paragraphs: int = 0
    duplicate_paragraphs_by_kind: dict[str, DupTally] = field(default_factory=dict)  # body, heading
    duplicate_documents_by_match: DupTally = field(default_factory=DupTally)
    duplicate_clusters: int = 0  # clusters of two documents or more
    total: Tally = field(default_factory=Tally)
    by_split: dict[str, Tally] = field(default_factory=dict)
    by_source: dict[str, Tally] = field(default_factory=dict)
    by_script: dict[str, Tally] = field(default_factory=dict)
    by_year: dict[str, Tally] = field(default_factory=dict)
    removed_by_rule: dict[str, RuleTally] = field(default_factory=dict)
    repairs_by_name: dict[str, int] = field(default_factory=dict)  # paragraphs repaired
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    paragraph_scripts: dict[str, ScriptTally] = field(default_factory=dict)
    paragraph_length_bins: list[int] = field(default_factory=lambda: [0] * LENGTH_BINS)
    removed_pii_masked: int = 0  # pieces of the removed log published with PII masked
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)  # config -> first row
    files: dict[str, dict[str, SplitFiles]] = field(default_factory=dict)  # config -> split

    def __post_init__(self) -> None:
        self._copied_clusters: set[str | None] = set()  # roots with a copy (not a field: not shown)

    @property
    def documents_kept(self) -> int:
        return self.total.documents

    @property
    def paragraphs(self) -> int:
        return self.total.paragraphs

    @property
    def chars(self) -> int:
        return self.total.chars

    @property
    def splits(self) -> list[str]:
        """The splits that have documents, in the order train, validation, test."""
        return [s for s in SPLITS if self.by_split.get(s, Tally()).documents]

    def observe(self, doc: Document, split: str, marks: Marks | None = None) -> None:
        """Count a published document (after duplicate marking: ``marks`` says how it matched)."""
        self.total.add(doc)
        _tally(self.by_split, split).add(doc)
        _tally(self.by_source, doc.source or "unknown").add(doc)
        _tally(self.by_script, doc.script or "unknown").add(doc)
        _tally(self.by_year, str(doc.date.year) if doc.date else "unknown").add(doc)
        if doc.dup_of is not None:
            self.duplicate_documents += 1
            if doc.dup_cluster not in self._copied_clusters:
                self._copied_clusters.add(doc.dup_cluster)
                self.duplicate_clusters += 1
            if marks is not None and marks.document is not None:
                self.duplicate_documents_by_match.add(marks.document)
        for index, paragraph in enumerate(doc.paragraphs):
            if paragraph.dup_of is not None:
                self.duplicate_paragraphs += 1
                match = marks.paragraphs[index] if marks is not None else None
                if match is not None:
                    by_kind = self.duplicate_paragraphs_by_kind
                    by_kind.setdefault(paragraph.kind, DupTally()).add(match)
            script = self.paragraph_scripts.setdefault(
                paragraph.script or doc.script or "unknown", ScriptTally()
            )
            script.paragraphs += 1
            script.chars += len(paragraph.text)
            self.paragraph_length_bins[min(len(paragraph.text) // LENGTH_BIN, LENGTH_BINS - 1)] += 1
            for name in dict.fromkeys(paragraph.repairs):
                self.repairs_by_name[name] = self.repairs_by_name.get(name, 0) + 1
        for removed in doc.removed:
            rule = self.removed_by_rule.setdefault(removed.rule, RuleTally())
            rule.pieces += 1
            rule.chars += len(removed.text)
            self.removed_pii_masked += mask_pii(removed.text) != removed.text

    def reject(self, reason: str) -> None:
        """Count an input that was not published, under the code of its reason.

        ``internal_error: ValueError: …`` counts as ``internal_error``: the
        details (which may differ per input) stay in the manifest.
        """
        self.documents_rejected += 1
        code = reason_code(reason) or "rejected"
        self.rejected_by_reason[code] = self.rejected_by_reason.get(code, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary, keys sorted where they are data."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, dict):
                out[key] = dict(sorted(value.items()))
        out.update(documents_kept=self.documents_kept, paragraphs=self.paragraphs, chars=self.chars)
        return out
