"""The ``zh-gov-essays`` command line: argument parsing only; the stages do the work."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from zh_gov_essays import __version__
from zh_gov_essays.cli.bench import add_bench
from zh_gov_essays.cli.build import cmd_build
from zh_gov_essays.cli.report import cmd_report
from zh_gov_essays.cli.status import (
    EXIT_BROKEN_PIPE,
    EXIT_BUG,
    EXIT_CODES,
    EXIT_INTERNAL_ERRORS,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    CommandError,
    InputReport,
    UsageError,
    on_sigterm,
)
from zh_gov_essays.names import printable

__all__ = ["EXIT_CODES", "CommandError", "UsageError", "build_parser", "main"]


class _EpilogAsWritten(argparse.HelpFormatter):
    """Wraps the description as usual, prints the epilog (a pre-wrapped list) as written.

    (``RawDescriptionHelpFormatter`` overrides the same method for both.)
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("exit status:"):
            return text
        return super()._fill_text(text, width, indent)


def _exit_status_epilog() -> str:
    """:data:`EXIT_CODES` as a list, one status per paragraph."""
    lines = ["exit status:"]
    for code, text in EXIT_CODES.items():
        lines += textwrap.wrap(
            f"{code:>3}  {text}", width=78, initial_indent="  ", subsequent_indent=" " * 7
        )
    return "\n".join(lines)


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="clean raw essays and publish the corpus",
        description="Clean every raw essay under --input and publish Parquet, manifest and "
        "dataset card into --out.  A first pass reads the inputs once to learn each site's "
        "template lines (header, menus, footer printed on many of its pages); the cleaning "
        "removes them as site_template.  The new corpus is written beside the old one and "
        "swapped in only when complete and valid.",
        epilog=_exit_status_epilog(),
        formatter_class=_EpilogAsWritten,
    )
    p.add_argument(
        "--input",
        action="extend",
        nargs="+",
        metavar="PATH",
        help="raw essays: a folder, a file (.txt, .html, .jsonl[.gz|.zst], .ndjson, .json, "
        ".parquet, .warc[.gz]) or a glob such as 'crawl/*.warc.gz' (quote it); may be given "
        "more than once; with several inputs, each manifest name starts with its input's name "
        "(default: seeds)",
    )
    p.add_argument("--out", type=Path, default=Path("corpus"), help="output (default: corpus)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes to clean with (default: 1; lowered to the CPUs and to the memory "
        "available, about 155 MB each)",
    )
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
    _add_no_templates(p)
    p.set_defaults(func=cmd_build)


def _add_no_templates(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-site-templates",
        action="store_true",
        help="skip the first pass that learns site templates: clean every page on its own",
    )


def _add_inspect(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "inspect",
        help="clean files and print one JSON object per input",
        description="Clean each input (files, folders of them, or globs) and print JSON Lines: "
        "source_file, doc_id, record_id, status, reason, encoding, title, date, source, url, "
        "script, "
        "category, tags, editor, truncated, paragraphs (text, kind, heading_level, section, "
        "script, repairs), removed (rule, text).  Like build, it first learns site templates "
        "from all the inputs given, so a folder of one site's pages is cleaned as a crawl.",
    )
    p.add_argument("paths", nargs="+", help="files, folders or globs (quoted: 'dump/*.jsonl.gz')")
    _add_no_templates(p)
    p.set_defaults(func=cmd_inspect)


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    from zh_gov_essays.evaluate import DEFAULT_THRESHOLDS

    p = sub.add_parser(
        "evaluate",
        help="score the cleaner on annotated pages (files + gold.jsonl)",
        description="Clean every page listed in DIR/gold.jsonl and score boilerplate removed, "
        "content kept, first paragraph, title, date, source and script.  Exits 1 when a rate "
        "is below its threshold, 4 when cleaning a page hit a bug (named on stderr).",
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
    add_bench(sub)
    return parser


def _inspect_raws(paths: Sequence[str]):
    from zh_gov_essays.read import InputError, InputSet

    try:
        inputs = InputSet.resolve(paths, hint="check the path")
    except InputError as exc:
        raise UsageError(str(exc)) from exc
    return inputs.raws()


def cmd_inspect(args: argparse.Namespace) -> int:
    from zh_gov_essays.engines.guard import process_safely
    from zh_gov_essays.pipeline import learn_crawl

    context = None if args.no_site_templates else learn_crawl(_inspect_raws(args.paths))
    out = sys.stdout
    report = InputReport()
    for raw in _inspect_raws(args.paths):
        doc = process_safely(raw, context)
        out.write(json.dumps(doc.to_inspect(), ensure_ascii=False) + "\n")
        line = report.note(doc)
        if line:
            print(line, file=sys.stderr)
    return report.exit_code


def cmd_evaluate(args: argparse.Namespace) -> int:
    from zh_gov_essays.engines.guard import process_safely
    from zh_gov_essays.evaluate import (
        DEFAULT_THRESHOLDS,
        evaluate_dir,
        failed_measures,
        format_table,
    )
    from zh_gov_essays.read import iter_inputs

    report = InputReport()

    def inspect_file(path: Path) -> dict:
        for raw in iter_inputs(path):
            doc = process_safely(raw)
            line = report.note(doc)
            if line:
                print(line, file=sys.stderr)
            return doc.to_inspect()
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
    if report.internal:
        return EXIT_INTERNAL_ERRORS
    return 1 if failed else 0


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


def _interrupted_message(exc: KeyboardInterrupt, command: str, out: Path | None) -> str:
    signum = getattr(exc, "signum", signal.SIGINT)
    word = "terminated" if signum == signal.SIGTERM else "interrupted"
    if command != "build":
        return word
    if getattr(exc, "published", False):
        return f"{word} after publishing; {out} holds the new corpus"
    return f"{word}; nothing published (the previous corpus, if any, is untouched)"


@contextlib.contextmanager
def _sigterm_handled() -> Iterator[None]:
    """Handle SIGTERM like SIGINT while a command runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: Callable | int | None = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _sigterm_handled():
            return args.func(args)
    except CommandError as exc:
        if args.debug:
            raise
        print(f"zh-gov-essays: error: {printable(str(exc))}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        # The reader went away (``… | head``): stop quietly, like other tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt as exc:
        message = _interrupted_message(exc, args.command, getattr(args, "out", None))
        print(f"zh-gov-essays: {printable(message)}", file=sys.stderr)
        signum = getattr(exc, "signum", signal.SIGINT)
        return EXIT_SIGTERM if signum == signal.SIGTERM else EXIT_SIGINT
    except Exception as exc:  # last resort: one line unless --debug
        if args.debug or os.environ.get("ZH_GOV_ESSAYS_DEBUG"):
            raise
        print(
            f"zh-gov-essays: error: {type(exc).__name__}: {printable(str(exc))} "
            "(a bug: rerun with --debug for details, and report it)",
            file=sys.stderr,
        )
        return EXIT_BUG
