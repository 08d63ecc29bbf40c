"""One benchmark run: the crawl, the builds, the baseline and the profile, in that order.

The builds run first, each in its own child process, while this process
holds nothing but the crawl's file names; the in-process measurements (the
stage and rule tables, the duplicate finder, publishing, the re-upload
share) come last because they keep every processed document in memory.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zh_gov_essays import pipeline
from zh_gov_essays.bench.crawl import write_crawl
from zh_gov_essays.bench.dedup import measure_dedup
from zh_gov_essays.bench.material import load_material
from zh_gov_essays.bench.measure import (
    BuildRun,
    as_dict,
    best_baseline,
    crawl_files,
    machine,
    run_build,
)
from zh_gov_essays.bench.profile import Recording, instrumented, rule_costs, rule_table, stage_table
from zh_gov_essays.bench.report import SCALE, summary
from zh_gov_essays.bench.timing import timed
from zh_gov_essays.fingerprint.document import fingerprinted
from zh_gov_essays.invariants import checked_digests
from zh_gov_essays.publish.cdc import reupload_after_addition
from zh_gov_essays.publish.writer import ShardPolicy, write_corpus
from zh_gov_essays.read import iter_inputs
from zh_gov_essays.records import Document, RawDoc

REUPLOAD_POLICIES: dict[str, dict[str, int]] = {
    "2,000-row groups": {"rows_per_row_group": 2000, "bytes_per_row_group": 32 << 20},
    "20,000-row groups": {"rows_per_row_group": 20000, "bytes_per_row_group": 32 << 20},
    "16 MB groups (default)": {},
    "32 MB groups (before)": {"bytes_per_row_group": 32 * 10**6},
}
"""Row-group policies the re-upload share is measured under (ShardPolicy arguments)."""


@dataclass(frozen=True)
class Options:
    """What to measure (the command line's options)."""

    docs: int
    workers: int = 1
    seed: int = 0
    repeat: int = 1
    quick: bool = False
    seeds: Path = Path("seeds")
    card: Path = Path("DATASET_CARD.md")


def _best(runs: list[BuildRun]) -> BuildRun:
    """The fastest run; its peak RSS is the largest of all (memory is not noise)."""
    return dataclasses.replace(
        min(runs, key=lambda r: r.seconds),
        peak_rss_bytes=max(r.peak_rss_bytes for r in runs),
        worker_peak_rss_bytes=max(r.worker_peak_rss_bytes for r in runs),
    )


def run_bench(
    options: Options,
    workdir: Path,
    build_command: list[str],
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """Generate the crawl under ``workdir``, take every measurement, return the report.

    ``build_command`` starts a build child (see :func:`~.measure.run_build`).
    """
    report: dict[str, Any] = {"options": {**options.__dict__}, "machine": machine()}
    report["options"]["seeds"] = str(options.seeds)
    report["options"]["card"] = str(options.card)
    material = load_material(options.seeds)
    crawl = workdir / "crawl"
    n_dir, more_dir = crawl / "n", crawl / "more"
    parts = [(n_dir, options.docs)]
    if not options.quick:
        parts.append((more_dir, (SCALE - 1) * options.docs))
    progress(f"writing the crawl: {sum(n for _, n in parts):,} pages under {crawl}")
    counts = write_crawl(material, parts, workdir / "pages.jsonl", seed=options.seed)
    files = crawl_files([n_dir])
    nbytes = sum(p.stat().st_size for p in files)
    report["crawl"] = {
        "documents": len(files),
        "bytes": nbytes,
        "pages": str(workdir / "pages.jsonl"),
        "kinds": dict(sorted(counts.items())),
    }

    progress("baseline: read, split at blank lines, write zstd Parquet (best of 3)")
    baseline = best_baseline(files, workdir / "baseline.parquet")
    report["baseline"] = as_dict(baseline)

    log = workdir / "builds.log"
    configs = sorted({1, 2, options.workers})
    runs: dict[int, list[BuildRun]] = {w: [] for w in configs}
    for attempt in range(options.repeat):
        for workers in configs:  # alternating, so a burst of load hits every configuration
            progress(
                f"build of {options.docs:,} documents, {workers} worker(s)"
                + (f" (run {attempt + 1} of {options.repeat})" if options.repeat > 1 else "")
            )
            out = workdir / f"corpus-n-{workers}w-{attempt}"
            runs[workers].append(run_build(build_command, [n_dir], out, workers, options.card, log))
    builds = {w: _best(r) for w, r in runs.items()}
    report["builds"] = {f"{w}w": as_dict(b) for w, b in builds.items()}
    if not options.quick:
        progress(
            f"build of {SCALE * options.docs:,} documents, {options.workers} worker(s) (memory)"
        )
        big = run_build(
            build_command,
            [crawl],
            workdir / f"corpus-{SCALE}n-{options.workers}w",
            options.workers,
            options.card,
            log,
        )
        report["builds"][f"{SCALE}n_{options.workers}w"] = as_dict(big)
        report["crawl"]["bytes_scaled"] = sum(p.stat().st_size for p in crawl_files([crawl]))

    if not options.quick:
        report.update(_profile(n_dir, workdir, options, progress))
    report["machine"]["load_average_after"] = list(os.getloadavg())
    report["summary"] = summary(report, options)
    return report


def post_steps(docs: list[Document]) -> None:
    """What a build's workers add after ``process()``: ``engines.work.BUILD_STEPS`` (the
    fingerprint, the gate's digests), which this layer cannot import (a test keeps them equal)."""
    for doc in docs:
        fingerprinted(doc)
        if doc.kept:
            doc.checked = checked_digests(p.text for p in doc.paragraphs)


def _profile(
    n_dir: Path, workdir: Path, options: Options, progress: Callable[[str], None]
) -> dict[str, Any]:
    """The in-process measurements over the crawl of N: stages, rules, dedup, publishing."""
    out: dict[str, Any] = {}
    raws = list(iter_inputs(n_dir))
    progress("profile: learn_crawl (site templates), then process() over every document")
    for path in sorted(options.seeds.glob("*.txt")):  # OpenCC, pinyin and table caches
        pipeline.process(RawDoc(path.name, path.read_bytes()))
    # The crawl-level first pass, reading the inputs from disk again as the build does.
    learn_seconds, context = timed(lambda: pipeline.learn_crawl(iter_inputs(n_dir)))
    rec = Recording()
    with instrumented(rec):
        rec.total_seconds, docs = timed(lambda: [pipeline.process(r, context) for r in raws])
    out["process"] = {
        "seconds": rec.total_seconds,
        "documents": len(raws),
        "kept": sum(d.kept for d in docs),
        "mb_per_s": sum(len(r.data) for r in raws) / 1e6 / rec.total_seconds,
        "learn_crawl_seconds": learn_seconds,
        "learn_over_process": learn_seconds / rec.total_seconds,
        "template_lines_learned": context.lines_learned,
    }
    out["stages"] = stage_table(rec)
    progress("profile: each text rule replayed over the lines it saw")
    out["rules"] = rule_table(rule_costs(rec.calls), rec.total_seconds)
    del rec
    progress("duplicate finder: fingerprints and marking, per paragraph")
    out["dedup"] = measure_dedup(docs)
    progress("publishing: the workers' post steps, then write_corpus with its row gate")
    corpus = workdir / "corpus-publish"
    template = options.card.read_text(encoding="utf-8")

    # What a worker adds after process() (fingerprints, the gate's digests), then what the
    # build's parent does: the writer checks every row as it writes it (publish.validate).
    t_post, _ = timed(lambda: post_steps(docs))
    t_write, _ = timed(
        lambda: write_corpus(
            docs,
            corpus,
            card_template=template,
            rule_descriptions=pipeline.label_descriptions(),
            validate=True,
        )
    )
    out["publish"] = {
        "post_steps_seconds": t_post,
        "write_corpus_seconds": t_write,
        "post_over_process": t_post / out["process"]["seconds"],
        "write_over_process": t_write / out["process"]["seconds"],
    }
    progress("re-upload share after adding 1 % of the essays, under three row-group policies")
    out["reupload"] = {
        name: reupload_after_addition(docs, workdir / f"reupload-{i}", ShardPolicy(**policy))
        for i, (name, policy) in enumerate(REUPLOAD_POLICIES.items())
    }
    for i in range(len(REUPLOAD_POLICIES)):
        shutil.rmtree(workdir / f"reupload-{i}", ignore_errors=True)
    return out
