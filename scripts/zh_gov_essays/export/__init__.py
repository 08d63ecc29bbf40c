"""Fine-tuning input from the built corpus (``zh-gov-essays export``).

:mod:`~zh_gov_essays.export.source` reads the corpus one document at a
time; :mod:`~zh_gov_essays.export.rows` turns each into units (paragraphs,
whole documents or :mod:`~zh_gov_essays.export.chunking` chunks) in the
requested script view (:mod:`~zh_gov_essays.export.views`), filters them and
formats them as ``text``, ``chat`` or ``completion`` rows;
:mod:`~zh_gov_essays.export.writers` writes one JSON Lines or Parquet file per
split; :mod:`~zh_gov_essays.export.summary` counts what was written and
dropped.  Splits are never mixed: without ``split`` every split goes to its
own file in a folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from zh_gov_essays.export.rows import (
    FEATURES,
    FILTERS,
    FORMATS,
    NULLABLE,
    UNITS,
    Options,
    drop_reason,
    iter_units,
    to_row,
)
from zh_gov_essays.export.source import (
    ExportError,
    SourceDocument,
    check_split,
    corpus_splits,
    iter_documents,
)
from zh_gov_essays.export.summary import ExportSummary, SplitSummary
from zh_gov_essays.export.views import SCRIPT_CHOICES, normalise_script
from zh_gov_essays.export.writers import (
    OUT_FORMATS,
    RowWriter,
    arrow_schema,
    check_readme_is_ours,
    out_format_of,
    write_readme,
)
from zh_gov_essays.vocab.prompts import TEMPLATES

__all__ = [
    "FORMATS",
    "OUT_FORMATS",
    "SCRIPT_CHOICES",
    "UNITS",
    "ExportError",
    "ExportSummary",
    "Options",
    "export",
    "normalise_script",
    "plan_files",
]

Progress = Callable[[Iterable[SourceDocument], str], Iterable[SourceDocument]]


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def plan_files(
    corpus: Path, out: Path, *, split: str | None, out_format: str | None
) -> tuple[Path | None, dict[str, Path], str]:
    """Where each split goes: ``(folder or None, {split: file}, "jsonl"|"parquet")``.

    Without ``split``, ``out`` is a folder holding ``{split}.{format}`` for
    every split.  With ``split``, ``out`` is that split's file when its name
    ends in ``.jsonl`` or ``.parquet``, else a folder.
    """
    if _inside(out, corpus):
        raise ExportError(
            f"--out {out} is inside the corpus {corpus}: an export there could overwrite "
            "the published files; write it somewhere else"
        )
    if split is not None:
        check_split(corpus, split)
        splits = [split]
    else:
        splits = corpus_splits(corpus)
    named = out_format_of(out)
    if named is not None:
        if split is None:
            raise ExportError(
                f"--out {out} is a file, but without --split the export writes one file per "
                f"split ({', '.join(f'{s}.{named}' for s in splits)}) into a folder: give --out "
                "a folder (and --out-format), or pick one split with --split"
            )
        if out_format is not None and out_format != named:
            raise ExportError(f"--out {out} ends in .{named} but --out-format is {out_format}")
        if out.is_dir():
            raise ExportError(f"--out {out} is a folder: name a file, or drop the suffix")
        return None, {split: out}, named
    if out.exists() and not out.is_dir():
        raise ExportError(
            f"--out {out} is a file without a .jsonl or .parquet suffix: name a folder, "
            "or a file ending in .jsonl or .parquet"
        )
    fmt = out_format or "jsonl"
    return out, {s: out / f"{s}.{fmt}" for s in splits}, fmt


def _rows(docs: Iterable[SourceDocument], opts: Options, summary: ExportSummary) -> Iterator:
    for doc in docs:
        for unit in iter_units(doc, opts):
            reason = drop_reason(unit, opts)
            if reason is not None:
                summary.drop(reason)
                continue
            summary.hard_cuts += unit.hard_cuts
            yield unit, to_row(unit, opts)


def export(
    corpus: Path,
    out: Path,
    opts: Options,
    *,
    split: str | None = None,
    out_format: str | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the export; return what it wrote and dropped.

    ``progress(docs, split)`` may wrap each split's documents (a progress bar).
    """
    if opts.unit not in UNITS or opts.format not in FORMATS:
        raise ExportError(f"unknown unit {opts.unit!r} or format {opts.format!r}")
    for name, value in (("--max-chars", opts.max_chars), ("--min-chars", opts.min_chars)):
        if value is not None and value < 1:
            raise ExportError(f"{name} must be at least 1")
    folder, files, fmt = plan_files(corpus, out, split=split, out_format=out_format)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        check_readme_is_ours(folder)
    schema = arrow_schema(FEATURES[opts.format], NULLABLE[opts.format])
    summary = ExportSummary(dropped=dict.fromkeys(FILTERS, 0))
    for name, path in files.items():
        docs: Iterable[SourceDocument] = iter_documents(corpus, name)
        if progress is not None:
            docs = progress(docs, name)
        with RowWriter(path, fmt, schema) as writer:
            for unit, row in _rows(docs, opts, summary):
                writer.write(row)
                summary.add(name, row, len(unit.text))
        summary.splits.setdefault(name, SplitSummary())  # a split whose rows were all dropped
        summary.files[name] = str(path)
    if folder is not None:
        body = readme_body(opts, summary)
        write_readme(folder, {s: p.name for s, p in files.items()}, FEATURES[opts.format], body)
    return summary


def readme_body(opts: Options, summary: ExportSummary) -> str:
    """The prose of an export folder's README: how it was made and what it holds."""
    lines = [
        "# zh-gov-essays export",
        "",
        f"Unit `{opts.unit}`, format `{opts.format}`, script `{opts.view}`"
        + (f", at most {opts.max_chars} characters" if opts.max_chars else "")
        + (f", at least {opts.min_chars} characters" if opts.min_chars else "")
        + (", duplicates dropped" if opts.drop_duplicates else "")
        + ".",
        "",
        "| split | rows | characters |",
        "| --- | ---: | ---: |",
    ]
    for name, s in summary.splits.items():
        lines.append(f"| {name} | {s.rows:,} | {s.chars:,} |")
    if opts.format != "text":
        with_section = TEMPLATES[opts.unit][1] != TEMPLATES[opts.unit][0]
        lines += ["", "Prompt templates (converted to the row's script):", ""]
        lines.append(f"- `{TEMPLATES[opts.unit][0]}`")
        if with_section:
            lines.append(f"- `{TEMPLATES[opts.unit][1]}` (when the text starts in a section)")
    lines += ["", 'Load it with `datasets.load_dataset("path/to/this/folder")`.', ""]
    return "\n".join(lines)
