"""``zh-gov-essays bench``: the speed of the build, measured in one run on a synthetic crawl."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path

from zh_gov_essays.cli.status import UsageError

DESCRIPTION = (
    "Write a deterministic synthetic crawl made from the seeds (both scripts, every kind of "
    "noise the seeds show, near-duplicate copies), then measure in one run: the end-to-end "
    "build (the build command itself, in a child process) in MB/s of input per worker; a "
    "baseline over the same files (read, split at blank lines, write zstd Parquet); their "
    "ratio; the speed-up of 2 workers over 1; the peak RSS of builds of N and 4N documents; "
    "where process() spends its time, per stage and per text rule; the duplicate finder's "
    "cost; publishing and the Hub re-upload share.  Prints tables, the targets beside the "
    "figures, and last one JSON line.  Run it from the repository root, on a quiet machine."
)
EPILOG = (
    "example: zh-gov-essays bench --docs 5000 --json bench.json\n"
    "         zh-gov-essays bench --docs 500 --quick\n"
    "         zh-gov-essays bench --docs 5000 --crawl-only --keep /tmp/crawl  "
    "(then profile: zh-gov-essays build --input /tmp/crawl/crawl/n ...)"
)
DEFAULT_DOCS = 5_000

BUILD_CHILD = [sys.executable, "-m", "zh_gov_essays", "bench", "--build-child"]
"""How the benchmark starts a build child (the spec file's path follows)."""


class _ExamplesAsWritten(argparse.HelpFormatter):
    """Wraps the description as usual, prints the examples (the epilog) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("example:"):
            return text
        return super()._fill_text(text, width, indent)


def add_bench(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench",
        help="measure the build's speed and memory on a synthetic crawl (JSON last line)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_ExamplesAsWritten,
    )
    p.add_argument(
        "--docs",
        type=int,
        default=DEFAULT_DOCS,
        metavar="N",
        help=f"documents in the crawl (default: {DEFAULT_DOCS:,}, the size the targets are "
        "set for); the memory build reads 4N",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="W",
        help="workers of the build whose MB/s per worker and peak RSS are reported "
        "(default: 1); builds with 1 and 2 workers are always run, for the speed-up",
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="crawl seed (default: 0)")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="runs of each N build, alternating; the fastest counts (default: 1)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="only the builds of N and the baseline: no 4N build (rss_mb_4n is null), no "
        "stage, rule, duplicate-finder or publishing tables",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="exit with status 1 when a target is missed (by default the targets are only printed)",
    )
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the full report here")
    p.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR (new or empty) and keep it: the crawl (crawl/n, crawl/more), "
        "pages.jsonl (each page's kinds), the built corpora and the builds' log",
    )
    p.add_argument(
        "--crawl-only",
        action="store_true",
        help="write the crawl of N into --keep DIR and stop (to profile a build on it)",
    )
    p.add_argument(
        "--seeds",
        type=Path,
        default=Path("seeds"),
        metavar="DIR",
        help="seed pages the crawl is made from (default: seeds)",
    )
    p.add_argument(
        "--card",
        type=Path,
        default=Path("DATASET_CARD.md"),
        metavar="PATH",
        help="dataset card template the builds use (default: DATASET_CARD.md)",
    )
    p.add_argument("--build-child", type=Path, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_bench)


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _check_args(args: argparse.Namespace) -> None:
    if args.docs < 1:
        raise UsageError("--docs must be at least 1")
    if args.workers < 1 or args.repeat < 1:
        raise UsageError("--workers and --repeat must be at least 1")
    if args.crawl_only and args.keep is None:
        raise UsageError("--crawl-only writes the crawl into --keep DIR: give --keep")
    if not args.seeds.is_dir() or not any(args.seeds.glob("*.txt")):
        raise UsageError(
            f"no seed pages (*.txt) under {args.seeds}: run from the repository root or pass "
            "--seeds DIR"
        )
    if not args.crawl_only and not args.card.is_file():
        raise UsageError(
            f"card template not found: {args.card} (run from the repository root or pass "
            "--card PATH)"
        )
    if args.keep is not None and args.keep.exists():
        if not args.keep.is_dir() or any(args.keep.iterdir()):
            raise UsageError(f"--keep {args.keep} is not an empty folder: choose another")


def cmd_bench(args: argparse.Namespace) -> int:
    if args.build_child is not None:
        return _build_child(args.build_child)
    _check_args(args)
    from zh_gov_essays.bench.run import Options

    options = Options(
        docs=args.docs,
        workers=args.workers,
        seed=args.seed,
        repeat=args.repeat,
        quick=args.quick,
        seeds=args.seeds.resolve(),
        card=args.card.resolve(),
    )
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        return _bench_in(args.keep.resolve(), options, args)
    with tempfile.TemporaryDirectory(prefix="zh-gov-bench-") as tmp:
        return _bench_in(Path(tmp), options, args)


def _bench_in(workdir: Path, options, args: argparse.Namespace) -> int:
    from zh_gov_essays.bench.crawl import write_crawl
    from zh_gov_essays.bench.material import load_material
    from zh_gov_essays.bench.report import failed_targets, format_report, json_line
    from zh_gov_essays.bench.run import run_bench

    if args.crawl_only:
        crawl = workdir / "crawl" / "n"
        log = workdir / "pages.jsonl"
        counts = write_crawl(
            load_material(options.seeds), [(crawl, options.docs)], log, seed=args.seed
        )
        size = sum(p.stat().st_size for p in crawl.rglob("*") if p.is_file())
        kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items()) if ":" not in k)
        print(
            f"wrote {options.docs:,} pages ({size / 1e6:.1f} MB) into {crawl}/ ({kinds}); "
            f"each page's kinds: {log}"
        )
        return 0
    started = time.perf_counter()
    report = run_bench(options, workdir, BUILD_CHILD, progress=_say)
    _say(f"done in {time.perf_counter() - started:.0f} s")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(format_report(report))
    if args.json is not None:
        print(f"full report: {args.json}")
    print(json_line(report["summary"]), flush=True)
    failed = failed_targets(report["summary"])
    if args.check and failed:
        _say("targets missed: " + ", ".join(failed))
        return 1
    return 0


def _build_child(spec_path: Path) -> int:
    """Run one ``build`` as the benchmark asked (a JSON spec) and write what it measured."""
    from zh_gov_essays.bench.measure import PRELOAD, child_report, cpu_seconds
    from zh_gov_essays.cli import main
    from zh_gov_essays.engines import resources

    spec = json.loads(spec_path.read_text("utf-8"))
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            continue
    workers, _why = resources.cap_workers(
        spec["workers"], cpus=resources.usable_cpus(), memory=resources.available_memory()
    )
    argv = ["build", "--out", spec["out"], "--workers", str(spec["workers"])]
    argv += ["--card", spec["card"]]
    for path in spec["inputs"]:
        argv += ["--input", path]
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    code = main(argv)
    seconds = time.perf_counter() - start
    result = child_report(seconds, code, workers, cpu_before)
    Path(spec["result"]).write_text(json.dumps(result), encoding="utf-8")
    return code
