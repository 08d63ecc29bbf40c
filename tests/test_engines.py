"""Engines give the same documents however they run; the benchmark script runs.

* The local engine with one worker (in process) and with a pool of two
  yields identical documents, in input order, for the seeds plus generated
  pages of every noise kind and a few rejects.
* Every worker gets the crawl-level context and runs the post-process
  steps after ``process`` (the Ray engine: ``tests/test_ray.py``).
* ``scripts/benchmark.py`` imports without side effects, generates the crawl
  it claims to, and runs end to end (``--docs 20``) printing its ratios.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import random
import re
import subprocess
import sys
from types import ModuleType

import pytest

from tests.conftest import ROOT, SEEDS
from zh_gov_essays.engines import ENGINES, Work, run
from zh_gov_essays.learn import CrawlContext
from zh_gov_essays.pipeline import process
from zh_gov_essays.read import iter_inputs
from zh_gov_essays.records import Document, RawDoc

BENCHMARK = ROOT / "scripts" / "benchmark.py"

# The lines the benchmark's table must print, one per ratio.
RATIO_LINES = (
    "publishing overhead ratio",
    "crawl-evidence pass / process ratio",
    "build / process ratio",
    "engine speedup ratio (workers 2 / workers 1)",
    "peak RSS ratio (build of 2N / N docs)",
    "slowest rule / str.replace ratio, per KB",
    "dedup / process ratio",
)


@pytest.fixture(scope="module")
def benchmark() -> ModuleType:
    """``scripts/benchmark.py`` as a module (it is a script, not part of the package)."""
    name = "zh_gov_essays_benchmark"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory, benchmark: ModuleType) -> list[RawDoc]:
    """The seeds, two generated pages of each noise kind, and inputs that are rejected."""
    root = tmp_path_factory.mktemp("crawl")
    for path in sorted(SEEDS.glob("*.txt")):
        (root / path.name).write_bytes(path.read_bytes())
    rng = random.Random(11)
    seeds = benchmark.load_seeds()
    for kind in benchmark.KINDS:
        for i in range(2):
            (root / f"gen_{kind}_{i}.txt").write_bytes(benchmark.make_page(kind, rng, seeds))
    (root / "z_empty.txt").write_bytes(b"")
    (root / "z_binary.bin").write_bytes(bytes(range(256)) * 8)
    essay = next(SEEDS.glob("002_*.txt")).read_text("utf-8")
    records = [
        json.dumps({"text": essay, "url": "https://example.cn/a/1.html"}, ensure_ascii=False),
        '{"text": "not closed',
        json.dumps({"text": "太短"}, ensure_ascii=False),
    ]
    (root / "z_records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return list(iter_inputs(root))


def inspect_all(raws: list[RawDoc], **kwargs: object) -> list[dict]:
    return [doc.to_inspect() for doc in run(iter(raws), **kwargs)]  # type: ignore[arg-type]


# --- the local engine ----------------------------------------------------------------------


def test_crawl_has_kept_rejected_and_enough_chunks_for_two_workers(crawl: list[RawDoc]) -> None:
    from zh_gov_essays.engines.local import CHUNK_SIZE

    docs = [process(raw) for raw in crawl]
    assert len(crawl) == 18 > 2 * CHUNK_SIZE  # both workers get chunks
    assert sorted(doc.reject_reason or "kept" for doc in docs) == [
        "binary",
        "corrupt_jsonl",
        "empty",
        *["kept"] * 14,  # 5 seeds, 8 generated pages, 1 JSONL record
        "not_chinese",
    ]


def test_local_engine_one_worker_and_two_give_the_same_documents_in_order(
    crawl: list[RawDoc],
) -> None:
    one = inspect_all(crawl, engine="local", workers=1)
    two = inspect_all(crawl, engine="local", workers=2)
    assert [d["source_file"] for d in one] == [raw.source_file for raw in crawl]
    assert [d["source_file"] for d in two] == [raw.source_file for raw in crawl]
    for a, b in zip(one, two, strict=True):
        assert a == b, a["source_file"]


def test_local_engine_with_one_worker_is_process(crawl: list[RawDoc]) -> None:
    assert inspect_all(crawl[:6], engine="local", workers=1) == [
        process(raw).to_inspect() for raw in crawl[:6]
    ]


def test_local_engine_with_no_input_yields_nothing() -> None:
    assert inspect_all([], engine="local", workers=2) == []


def test_unknown_engine_is_refused() -> None:
    assert ENGINES == ("local", "ray")
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        run([], engine="spark")


# --- the work a worker does: context and post-process steps --------------------------


def stamp_with_context(doc: Document, context: CrawlContext) -> Document:
    """A post-process step (module level: workers import it) that reads the context."""
    doc.tags = [*doc.tags, f"ctx{context.pages}:{doc.doc_id[:6]}"]
    return doc


def test_every_worker_gets_the_context_and_runs_the_post_steps(crawl: list[RawDoc]) -> None:
    context = CrawlContext(pages=7)  # learned nothing: process gives what it gives alone
    for workers in (1, 2):
        docs = list(run(iter(crawl), workers=workers, context=context, post=[stamp_with_context]))
        assert [d.source_file for d in docs] == [raw.source_file for raw in crawl]
        for doc, raw in zip(docs, crawl, strict=True):
            plain = process(raw)
            assert doc.tags == [*plain.tags, f"ctx7:{raw.doc_id[:6]}"]
            doc.tags = plain.tags
            assert doc.to_inspect() == plain.to_inspect()


def test_work_is_process_then_the_steps_in_order() -> None:
    raw = RawDoc("000.txt", next(SEEDS.glob("000_*.txt")).read_bytes())
    work = Work(CrawlContext(pages=1), (stamp_with_context, stamp_with_context))
    assert work(raw).tags[-2:] == [f"ctx1:{raw.doc_id[:6]}"] * 2
    assert Work()(raw).to_inspect() == process(raw).to_inspect()


# --- the benchmark script ------------------------------------------------------------------


def test_benchmark_imports_without_side_effects(benchmark: ModuleType) -> None:
    # Importing ran nothing: no report, no crawl, and the pipeline is not wrapped.

    assert callable(benchmark.main) and callable(benchmark.run_benchmark)
    from zh_gov_essays import repair, segment

    assert repair.apply_text_rules.__module__ == "zh_gov_essays.rules"
    assert segment.apply_text_rules.__module__ == "zh_gov_essays.rules"


def test_benchmark_pages_are_distinct_deterministic_and_noisy(benchmark: ModuleType) -> None:
    pages = list(benchmark.generate_pages(24, seed=3))
    assert pages == list(benchmark.generate_pages(24, seed=3))
    assert len({hashlib.sha256(data).digest() for _, data in pages}) == 24
    kinds = {name.split("_", 1)[1].removesuffix(".txt") for name, _ in pages}
    assert kinds == set(benchmark.KINDS)
    docs = {name: process(RawDoc(name, data)) for name, data in pages}
    assert all(doc.kept for doc in docs.values())
    for name, doc in docs.items():
        repairs = {r for p in doc.paragraphs for r in p.repairs}
        if name.endswith("_gb18030.txt"):
            assert doc.encoding == "gb18030", name
        if name.endswith("_pinyin_trad.txt"):
            assert doc.script == "Hant" and "pinyin_gloss" in repairs, name
        if name.endswith("_page_numbers.txt"):
            assert any(r.rule == "page_number" for r in doc.removed), name


def test_benchmark_instrumentation_is_undone(benchmark: ModuleType) -> None:
    from zh_gov_essays import pipeline

    before = {name: getattr(pipeline, name) for name in benchmark.STAGES}
    rec = benchmark.Recording()
    with benchmark.instrumented(rec):
        doc = process(RawDoc("003.txt", next(SEEDS.glob("003_*.txt")).read_bytes()))
    assert {name: getattr(pipeline, name) for name in before} == before
    assert rec.calls and all(s >= 0 for s in rec.stage_seconds.values())
    costs = {c.label: c for c in benchmark.rule_costs(rec.calls, repeats=1)}
    assert costs["pinyin_gloss"].changed > 0
    assert (
        doc.to_inspect()
        == process(RawDoc("003.txt", next(SEEDS.glob("003_*.txt")).read_bytes())).to_inspect()
    )


def test_benchmark_measures_the_duplicate_finder(benchmark: ModuleType) -> None:
    seeds = [process(RawDoc(p.name, p.read_bytes())) for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [dataclasses.replace(p) for p in seeds[0].paragraphs]
    copy = Document("f" * 16, "copy.txt", "f" * 64, script="Hans", paragraphs=paragraphs)
    report = benchmark.measure_dedup([*seeds, copy])
    assert report["documents"] == 6 and report["paragraphs"] == 84 + len(copy.paragraphs)
    assert report["duplicate_documents"] == 1
    assert report["duplicate_paragraphs"] == len(copy.paragraphs)
    # Bands: 20 keys of 8 bytes and 20 ordinals of 4 per paragraph that is not a duplicate.
    assert report["band_bytes_per_original"] == 240
    assert report["minhash"]["datasketch_over_ours"] > 0  # datasketch is in the test extra


def test_benchmark_help() -> None:
    out = subprocess.run(
        [sys.executable, str(BENCHMARK), "--help"], capture_output=True, text=True, check=True
    )
    assert "--docs" in out.stdout and "--json" in out.stdout


def test_benchmark_runs_and_prints_its_ratios() -> None:
    out = subprocess.run(
        [sys.executable, str(BENCHMARK), "--docs", "20"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    for label in RATIO_LINES:
        (line,) = [ln for ln in lines if label in ln]
        value = re.search(r"\d+\.\d+", line.split(label, 1)[1])
        assert value is not None and float(value.group()) > 0, line
    assert "20 synthetic docs" in lines[0]


def test_benchmark_json() -> None:
    out = subprocess.run(
        [sys.executable, str(BENCHMARK), "--docs", "6", "--no-rss", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["config"]["docs"] == 6
    assert report["throughput"]["kept"] + report["throughput"]["rejected"] == 6
    assert set(report["ratios"]) >= {
        "publishing_overhead",
        "engine_speedup",
        "slowest_rule_over_replace",
        "dedup_over_process",
    }
    dedup = report["dedup"]
    assert dedup["documents"] == 6 and dedup["paragraphs"] > 0
    assert dedup["fingerprint_us_per_paragraph"] > 0 and dedup["mark_us_per_paragraph"] > 0
    assert 0 < dedup["state_bytes_per_paragraph"] < dedup["spilled_fingerprint_bytes_per_paragraph"]
    assert "rss" not in report
    assert abs(sum(s["percent"] for s in report["stages"].values()) - 100) < 1e-6
