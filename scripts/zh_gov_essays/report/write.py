"""Write the report page: scan the corpus, read raw pages, lay the log over them, render."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from zh_gov_essays.report.collect import Overview, read_sample, scan_corpus
from zh_gov_essays.report.legend import describe, rule_descriptions
from zh_gov_essays.report.options import PAGE_SIZE, SampleOptions
from zh_gov_essays.report.page import figures, render_page
from zh_gov_essays.report.payload import document_payload
from zh_gov_essays.report.rawpage import RawPage, read_raw_pages


class ReportError(Exception):
    """The report cannot be written; the message says what to do."""


@dataclass(frozen=True)
class ReportResult:
    documents: int  # in the corpus
    shown: int  # on the page
    raw_pages: int  # shown over their raw page read from the input
    rebuilt: int  # shown rebuilt from the log (no input, or the input changed)
    figures: int
    size: int  # bytes of the page

    def summary(self, out: Path, seconds: float, *, with_input: bool) -> str:
        """What the command prints at the end."""
        text = (
            f"wrote {out} ({self.size / 1e6:.1f} MB) in {seconds:.1f} s: "
            f"{self.shown:,} of {self.documents:,} documents shown, "
            f"{self.raw_pages:,} over their raw page, {self.rebuilt:,} rebuilt from the log, "
            f"{self.figures} plot(s)"
        )
        if not with_input:
            text += "\n  (no --input: each document is rebuilt from its removed log; pass --input seeds)"
        return text


def ranked_rules(overview: Overview) -> list[str]:
    """Rules by characters removed, then paragraphs repaired, then name."""
    return sorted(
        overview.rules,
        key=lambda name: (
            -overview.rules[name].chars,
            -overview.rules[name].paragraphs_repaired,
            name,
        ),
    )


def write_report(
    corpus: Path,
    out: Path,
    *,
    input_root: Path | None = None,
    options: SampleOptions | None = None,
    page_size: int = PAGE_SIZE,
    progress: Callable[[Iterable, int], Iterable] | None = None,
) -> ReportResult:
    """Write the report page of ``corpus`` to ``out``."""
    options = options or SampleOptions()
    if not any((corpus / "documents").glob("*.parquet")):
        raise ReportError(
            f"no documents Parquet under {corpus}/documents "
            "(build the corpus first, or pass --corpus DIR)"
        )
    if input_root is not None and not input_root.exists():
        raise ReportError(f"--input {input_root} does not exist")
    scan = scan_corpus(corpus, options)
    names = ranked_rules(scan.overview)
    index = {name: i for i, name in enumerate(names)}
    rows, paragraphs = read_sample(corpus, scan.sample)
    rows.sort(key=lambda row: (row.get("source_file") or "", row["doc_id"]))
    raws: dict[str, RawPage] = read_raw_pages(input_root, rows) if input_root else {}
    items: Iterable[dict] = progress(rows, len(rows)) if progress else rows
    docs = [
        document_payload(row, paragraphs.get(row["doc_id"], []), raws.get(row["doc_id"]), index)
        for row in items
    ]
    images = figures(corpus)
    html = render_page(
        corpus_label=str(corpus),
        overview=scan.overview,
        names=names,
        descriptions=describe(names, rule_descriptions()),
        docs=docs,
        options=options,
        images=images,
        page_size=page_size,
    )
    data = html.encode("utf-8", errors="replace")
    _write_atomically(out, data)
    raw_pages = sum(1 for d in docs if d["raw"].get("origin"))
    return ReportResult(
        documents=scan.overview.documents,
        shown=len(docs),
        raw_pages=raw_pages,
        rebuilt=len(docs) - raw_pages,
        figures=len(images),
        size=len(data),
    )


def _write_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``out``, then rename it over ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
