"""The ``zh-gov-essays`` command line: argument parsing only; the stages do the work."""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from zh_gov_essays import __version__


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _input_errors() -> frozenset[str]:
    from zh_gov_essays.read import INPUT_ERRORS

    return INPUT_ERRORS


# Inputs that are broken containers rather than poor essays: the build goes on
# and publishes, lists them in the manifest, prints one line for each and
# exits with this status so that scripts notice.
EXIT_INPUT_ERRORS = 3


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="clean raw essays and publish the corpus",
        description="Clean every raw essay under --input and publish Parquet, manifest and "
        "dataset card into --out.  The new corpus is written beside the old one and swapped in "
        "only when complete and valid.",
        epilog="exit status: 0 published; 2 nothing published (bad arguments, unwritable "
        "output, validation failed); 3 published, but some inputs were corrupt JSONL/Parquet "
        "containers or unreadable files (one line each on stderr, rejected in the manifest)",
    )
    p.add_argument("--input", type=Path, default=Path("seeds"), help="raw essays (default: seeds)")
    p.add_argument("--out", type=Path, default=Path("corpus"), help="output (default: corpus)")
    p.add_argument("--workers", type=int, default=1, help="processes to clean with (default: 1)")
    p.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: this machine (default); ray: a Ray cluster (needs the [ray] extra)",
    )
    p.add_argument(
        "--card",
        type=Path,
        default=Path("DATASET_CARD.md"),
        help="dataset card template (default: DATASET_CARD.md)",
    )
    p.set_defaults(func=cmd_build)


def _add_inspect(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "inspect",
        help="clean files and print one JSON object per input",
        description="Clean each input (files, or folders of them) and print JSON Lines: "
        "source_file, doc_id, status, reason, encoding, title, date, source, url, script, "
        "category, tags, editor, truncated, paragraphs (text, kind, heading_level, section, "
        "script, repairs), removed (rule, text).",
    )
    p.add_argument("paths", nargs="+", type=Path, help="files or folders")
    p.set_defaults(func=cmd_inspect)


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    from zh_gov_essays.evaluate import DEFAULT_THRESHOLDS

    p = sub.add_parser(
        "evaluate",
        help="score the cleaner on annotated pages (files + gold.jsonl)",
        description="Clean every page listed in DIR/gold.jsonl and score boilerplate removed, "
        "content kept, first paragraph, title, date, source and script.  Exits 1 when a rate "
        "is below its threshold.",
    )
    p.add_argument("dir", type=Path, help="folder with *.txt pages and gold.jsonl")
    p.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    for name, value in DEFAULT_THRESHOLDS.items():
        p.add_argument(
            f"--{name.replace('_', '-')}",
            type=float,
            default=value,
            metavar="RATE",
            help=f"threshold for {name} (default: {value})",
        )
    p.set_defaults(func=cmd_evaluate)


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write fine-tuning input from the built corpus",
        description="Stream the built corpus into fine-tuning rows: paragraphs, whole essays or "
        "chunks; plain text, chat messages or prompt/completion pairs; in the original script or "
        "converted to Simplified, Traditional or Taiwan Traditional.  Splits are never mixed: "
        "without --split, --out is a folder that gets one file per split (train.jsonl, "
        "validation.jsonl, ...) and a README.md declaring the features, so "
        "load_dataset(FOLDER) works.",
        epilog="example: zh-gov-essays export --unit chunk --max-chars 1500 --format chat "
        "--script hans --drop-duplicates --out sft/",
    )
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="default: corpus")
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        help="a folder (one file per split); with --split, a .jsonl or .parquet file may be named",
    )
    p.add_argument(
        "--unit",
        choices=("paragraph", "document", "chunk"),
        default="paragraph",
        help="one row per paragraph (default), per essay, or per chunk of consecutive paragraphs",
    )
    p.add_argument(
        "--format",
        default="text",
        metavar="{text,chat,completion}",
        help="text rows (default); chat rows (messages: user prompt, assistant text); "
        "prompt/completion rows",
    )
    p.add_argument(
        "--script",
        default="original",
        metavar="{original,hans,hant,tw}",
        help="keep each text's script (default), or convert: hans (OpenCC t2s), hant (s2t), "
        "tw (s2twp, Taiwan phrasing); text already in the target script is left alone; "
        "case-insensitive",
    )
    p.add_argument("--split", default=None, help="only this split (default: every split)")
    p.add_argument(
        "--max-chars",
        type=int,
        default=None,
        metavar="N",
        help="chunk: the chunk size (default 2000); paragraph, document: drop longer rows",
    )
    p.add_argument("--min-chars", type=int, default=None, metavar="N", help="drop shorter rows")
    p.add_argument(
        "--drop-duplicates",
        action="store_true",
        help="drop rows flagged dup_of (paragraphs) or from documents flagged dup_of",
    )
    p.add_argument(
        "--out-format",
        choices=("jsonl", "parquet"),
        default=None,
        help="file format in an --out folder (default: jsonl); a file's suffix decides otherwise",
    )
    p.set_defaults(func=cmd_export)


def _add_push(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "push",
        help="upload the built corpus to the Hugging Face Hub",
        description="Upload corpus/ (card, Parquet configs, figures, manifest) to a dataset "
        "repository on the Hub with huggingface_hub.  The token comes from the HF_TOKEN "
        "environment variable or a previous `hf auth login`; it is never printed or written.  "
        "The card's metadata is validated first, offline.",
    )
    p.add_argument("--repo-id", required=True, help="ORG/NAME of the dataset repository")
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="default: corpus")
    p.add_argument(
        "--private", action="store_true", help="create the repository as private if it is new"
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="list the files and validate the card offline; upload nothing",
    )
    p.set_defaults(func=cmd_push)


def _add_report(sub: argparse._SubParsersAction) -> None:
    from zh_gov_essays.report.options import NUMBER_OPTIONS

    p = sub.add_parser(
        "report",
        help="write one static HTML page to review what the cleaning did",
        description="Write one self-contained HTML page (no server, no network): the corpus's "
        "figures, rules ranked by what they removed, the card's plots, and each document's raw "
        "page line by line, every removed line coloured by its rule.  Raw pages come from "
        "--input (checked by sha256); without it each view is rebuilt from the kept paragraphs "
        "and the removed log.  A big corpus is sampled (the overview counts all).",
    )
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="default: corpus")
    p.add_argument("--input", type=Path, help="the build's input, to show raw pages from")
    p.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    for flag, default, text in NUMBER_OPTIONS:
        p.add_argument(
            flag, type=int, default=default, metavar="N", help=f"{text} (default: {default})"
        )
    p.set_defaults(func=cmd_report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zh-gov-essays",
        description="Clean scraped Chinese government-agency essays into a paragraph corpus.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build(sub)
    _add_inspect(sub)
    _add_evaluate(sub)
    _add_export(sub)
    _add_push(sub)
    _add_report(sub)
    return parser


# --- commands ------------------------------------------------------------------------


def _progress(items: Iterator, total: int | None, desc: str) -> Iterator:
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="doc", disable=None, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from zh_gov_essays.engines import run
    from zh_gov_essays.pipeline import label_descriptions
    from zh_gov_essays.publish.atomic import BuildLocked, publish_atomically
    from zh_gov_essays.publish.validate import ValidationError, validate_corpus
    from zh_gov_essays.publish.writer import write_corpus
    from zh_gov_essays.read import InputError, iter_inputs

    if not args.card.is_file():
        raise UsageError(
            f"card template not found: {args.card} (run from the repository root or pass --card PATH)"
        )
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.engine == "ray" and importlib.util.find_spec("ray") is None:
        raise UsageError("the ray engine needs Ray: pip install 'zh-gov-essays[ray]'")
    _check_output_folder(args.input, args.out)
    template = args.card.read_text(encoding="utf-8")
    started = time.perf_counter()
    try:
        raws = iter_inputs(args.input)
        first = next(raws, None)
    except InputError as exc:
        raise UsageError(str(exc)) from exc

    if first is None:
        raise UsageError(f"no input files under {args.input}")
    raws = itertools.chain([first], raws)

    broken: list[str] = []

    def noting_broken(docs):
        for doc in docs:
            if doc.reject_reason in _input_errors():
                broken.append(f"{doc.source_file}: {doc.reject_reason}")
            yield doc

    def build(tmp: Path):
        docs = run(raws, engine=args.engine, workers=args.workers)
        docs = _progress(noting_broken(docs), None, "cleaning")
        stats = write_corpus(
            docs, tmp, card_template=template, rule_descriptions=label_descriptions()
        )
        if not stats.documents_kept:
            raise UsageError(
                "no document survived cleaning; nothing published "
                "(zh-gov-essays inspect FILE shows why each input is rejected)"
            )
        validate_corpus(tmp)
        return stats

    try:
        stats = publish_atomically(build, args.out)
    except ValidationError as exc:
        raise UsageError(f"validation failed, nothing published: {exc}") from exc
    except OSError as exc:  # inputs never raise (unreadable files become manifest rows)
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    except BuildLocked as exc:
        raise UsageError(str(exc)) from exc
    print(_summary(stats, args.out, time.perf_counter() - started))
    for line in broken:
        print(
            f"zh-gov-essays: error: corrupt input {line} (listed in the manifest)", file=sys.stderr
        )
    return EXIT_INPUT_ERRORS if broken else 0


def _check_output_folder(source: Path, out: Path) -> None:
    """Refuse an --out that would replace something that is not a corpus.

    Publishing swaps the whole folder: an existing folder is replaced only
    when it is a previous build (it holds ``manifest.jsonl``), and never the
    input itself or a folder around or inside it.
    """
    src, dst = source.resolve(), out.resolve()
    if dst == src or dst in src.parents or src in dst.parents:
        raise UsageError(f"--out {out} overlaps --input {source}: choose another output folder")
    if dst.is_dir() and any(dst.iterdir()) and not (dst / "manifest.jsonl").is_file():
        raise UsageError(
            f"--out {out} exists and is not a corpus built by zh-gov-essays "
            "(no manifest.jsonl): refusing to replace it"
        )
    if dst.exists() and not dst.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")


def _summary(stats, out: Path, seconds: float) -> str:
    lines = [
        f"built {out}/ in {seconds:.1f} s",
        f"  documents kept      {stats.documents_kept:,}",
        f"  documents rejected  {stats.documents_rejected:,}"
        + (
            " (" + ", ".join(f"{k} {v}" for k, v in sorted(stats.rejected_by_reason.items())) + ")"
            if stats.rejected_by_reason
            else ""
        ),
        f"  paragraphs          {stats.paragraphs:,} ({stats.duplicate_paragraphs:,} flagged dup_of)",
        f"  characters          {stats.chars:,}",
        "  splits              "
        + ", ".join(f"{s} {stats.by_split[s].documents:,}" for s in stats.splits),
        f"  manifest            {out}/manifest.jsonl",
    ]
    if stats.removed_by_rule:
        lines.append(
            "  removed by rule     "
            + ", ".join(f"{rule} {n.pieces}" for rule, n in sorted(stats.removed_by_rule.items()))
        )
    if stats.repairs_by_name:
        lines.append(
            "  repairs             "
            + ", ".join(f"{name} {n}" for name, n in sorted(stats.repairs_by_name.items()))
        )
    return "\n".join(lines)


def _inspect_raws(paths: Sequence[Path]):
    from zh_gov_essays.read import InputError, iter_inputs

    for path in paths:
        try:
            yield from iter_inputs(path)
        except InputError as exc:
            raise UsageError(str(exc)) from exc


def cmd_inspect(args: argparse.Namespace) -> int:
    from zh_gov_essays.pipeline import process

    out = sys.stdout
    broken = 0
    for raw in _inspect_raws(args.paths):
        doc = process(raw)
        out.write(json.dumps(doc.to_inspect(), ensure_ascii=False) + "\n")
        if doc.reject_reason in _input_errors():
            broken += 1
            print(
                f"zh-gov-essays: error: corrupt input {doc.source_file}: {doc.reject_reason}",
                file=sys.stderr,
            )
    return EXIT_INPUT_ERRORS if broken else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from zh_gov_essays.evaluate import (
        DEFAULT_THRESHOLDS,
        evaluate_dir,
        failed_measures,
        format_table,
    )
    from zh_gov_essays.pipeline import process
    from zh_gov_essays.read import iter_inputs

    def inspect_file(path: Path) -> dict:
        for raw in iter_inputs(path):
            return process(raw).to_inspect()
        raise ValueError(f"{path}: no document in this file")

    thresholds = {name: getattr(args, name) for name in DEFAULT_THRESHOLDS}
    try:
        score = evaluate_dir(args.dir, inspect_file)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    print(format_table(score, thresholds, verbose=args.verbose))
    failed = failed_measures(score, thresholds)
    if failed:
        print("below threshold: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from zh_gov_essays.export import FORMATS, ExportError, Options, export, normalise_script

    fmt = args.format.lower()
    if fmt in ("jsonl", "parquet"):
        raise UsageError(
            f"--format now chooses the row format (text, chat, completion); the file format "
            f"follows --out's suffix (.jsonl, .parquet) or --out-format {fmt}"
        )
    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {args.format!r}: use text, chat or completion")
    try:
        view = normalise_script(args.script)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    opts = Options(
        unit=args.unit,
        format=fmt,
        view=view,
        max_chars=args.max_chars,
        min_chars=args.min_chars,
        drop_duplicates=args.drop_duplicates,
    )

    def progress(docs, split):
        from tqdm import tqdm

        return tqdm(docs, desc=f"export {split}", unit="doc", disable=None, file=sys.stderr)

    try:
        summary = export(
            args.corpus,
            args.out,
            opts,
            split=args.split,
            out_format=args.out_format,
            progress=progress,
        )
    except ExportError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(summary.format())
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from zh_gov_essays.publish.push import PushError, push

    try:
        report = push(args.corpus, args.repo_id, private=args.private, dry_run=args.dry_run)
    except PushError as exc:
        raise UsageError(str(exc)) from exc
    print(report)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from zh_gov_essays.report.options import SampleOptions, option_problem
    from zh_gov_essays.report.write import ReportError, write_report

    problem = option_problem(args.per_rule, args.per_source, args.max_documents, args.page_size)
    if problem or args.out.is_dir():
        raise UsageError(problem or f"--out {args.out} is a folder; name the HTML file to write")
    started = time.perf_counter()
    try:
        result = write_report(
            args.corpus,
            args.out,
            input_root=args.input,
            options=SampleOptions(args.per_rule, args.per_source, args.max_documents),
            page_size=args.page_size,
            progress=lambda rows, n: _progress(iter(rows), n, "documents"),
        )
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(result.summary(args.out, time.perf_counter() - started, with_input=bool(args.input)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        if args.debug:
            raise
        print(f"zh-gov-essays: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (``… | head``): stop quietly, like other tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("zh-gov-essays: interrupted; the previous corpus is untouched", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: one line unless --debug
        if args.debug or os.environ.get("ZH_GOV_ESSAYS_DEBUG"):
            raise
        print(
            f"zh-gov-essays: error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
            file=sys.stderr,
        )
        return 1
