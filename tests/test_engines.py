"""Engines give the same documents however they run.

* The local engine with one worker (in process) and with a pool of two
  yields identical documents, in input order, for the seeds plus generated
  pages of every noise kind and a few rejects.
* Every worker gets the crawl-level context and runs the post-process
  steps after ``process`` (the Ray engine: ``tests/test_ray.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS
from zh_gov_essays.bench.crawl import FORCED, generate_pages
from zh_gov_essays.bench.material import load_material
from zh_gov_essays.engines import ENGINES, ProcessPool, Work, learn, run
from zh_gov_essays.engines.work import BUILD_STEPS
from zh_gov_essays.learn import CrawlContext
from zh_gov_essays.pipeline import process
from zh_gov_essays.read import InputSet, iter_inputs
from zh_gov_essays.records import Document, RawDoc


@pytest.fixture(scope="module")
def crawl_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of the seeds, the first pages of the benchmark's crawl (every noise kind,
    every template, near-duplicate copies), and inputs that are rejected."""
    root = tmp_path_factory.mktemp("crawl")
    for path in sorted(SEEDS.glob("*.txt")):
        (root / path.name).write_bytes(path.read_bytes())
    material = load_material(SEEDS)
    for page in generate_pages(material, len(material.templates) + len(FORCED), seed=11):
        (root / f"gen_{Path(page.name).name}").write_bytes(page.data)
    (root / "z_empty.txt").write_bytes(b"")
    (root / "z_binary.bin").write_bytes(bytes(range(256)) * 8)
    essay = next(SEEDS.glob("002_*.txt")).read_text("utf-8")
    records = [
        json.dumps({"text": essay, "url": "https://example.cn/a/1.html"}, ensure_ascii=False),
        '{"text": "not closed',
        json.dumps({"text": "太短"}, ensure_ascii=False),
    ]
    (root / "z_records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def crawl(crawl_root: Path) -> list[RawDoc]:
    """The inputs of :func:`crawl_root`."""
    return list(iter_inputs(crawl_root))


def inspect_all(raws: list[RawDoc], **kwargs: object) -> list[dict]:
    return [doc.to_inspect() for doc in run(iter(raws), **kwargs)]  # type: ignore[arg-type]


# --- the local engine ----------------------------------------------------------------------


def test_crawl_has_kept_rejected_and_enough_chunks_for_two_workers(crawl: list[RawDoc]) -> None:
    from zh_gov_essays.engines.local import CHUNK_SIZE

    docs = [process(raw) for raw in crawl]
    assert len(crawl) == 29 > 2 * CHUNK_SIZE  # both workers get chunks
    assert sorted(doc.reject_reason or "kept" for doc in docs) == [
        "binary",
        "corrupt_jsonl",
        "empty",
        *["kept"] * 25,  # 5 seeds, 19 generated pages, 1 JSONL record
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


def test_a_cleaning_worker_never_imports_pyarrow() -> None:
    """What a build's worker imports (the command's module, then the work it is sent)
    and runs (learning and cleaning the seeds, with the build's post steps) leaves
    pyarrow out: it cost every worker 30 MB of its peak (153 -> 124 MB in a 2-worker
    build of the bench's 5,000 pages).  The writer, in the main process, imports it."""
    code = (
        "import sys\n"
        "import zh_gov_essays.cli\n"
        "from zh_gov_essays.engines.work import BUILD_STEPS, Work\n"
        "from zh_gov_essays.pipeline import learn_crawl\n"
        "from zh_gov_essays.read import InputSet\n"
        f"raws = list(InputSet.resolve([{str(SEEDS)!r}]).raws())\n"
        "work = Work(learn_crawl(raws), BUILD_STEPS)\n"
        "docs = [work(raw) for raw in raws]\n"
        "assert len(docs) == 5 and all(d.kept and d.fingerprint is not None for d in docs)\n"
        "assert 'pyarrow' not in sys.modules, 'pyarrow imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_command_line_and_the_pipeline_start_without_numpy() -> None:
    """numpy comes with the first long text counted or the first fingerprint, not with the
    command line or the cleaning modules: ``--help``, ``inspect`` and ``evaluate`` start
    without it.  Counting a long text then imports it."""
    code = (
        "import sys\n"
        "import zh_gov_essays.cli, zh_gov_essays.pipeline\n"
        "assert 'numpy' not in sys.modules, 'numpy imported'\n"
        "from zh_gov_essays.vocab.chars import HAN_TABLE_CHARS, han_count\n"
        "assert han_count('机' * (HAN_TABLE_CHARS - 1)) == HAN_TABLE_CHARS - 1\n"
        "assert 'numpy' not in sys.modules, 'numpy imported for a short text'\n"
        "assert han_count('机' * HAN_TABLE_CHARS) == HAN_TABLE_CHARS\n"
        "assert 'numpy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_engines_package_leaves_the_pipeline_to_the_workers() -> None:
    """The build starts its workers (importing the pipeline, 0.6 s) before it imports the
    pipeline itself: ``zh_gov_essays.engines`` must not import it; ``Work`` still comes
    from the package, imported when asked for."""
    code = (
        "import sys\n"
        "from zh_gov_essays.engines import WORKER_MODULES, ProcessPool, WorkerLost, resources\n"
        "assert not [m for m in WORKER_MODULES if m in sys.modules], 'imported'\n"
        "from zh_gov_essays.engines import PostStep, Work\n"
        "assert Work.__module__ == 'zh_gov_essays.engines.work'\n"
        "assert all(m in sys.modules for m in WORKER_MODULES)\n"
        "import zh_gov_essays.engines as engines\n"
        "assert not hasattr(engines, 'Nothing')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- one pool for the site-template pass and the cleaning ----------------------------------


def stamp_with_pid(doc: Document, context: object) -> Document:
    """A post step recording the process that cleaned the document."""
    doc.tags = [*doc.tags, f"pid{os.getpid()}"]
    return doc


def test_learning_then_cleaning_on_one_pool_gives_what_one_process_gives(
    tmp_path: Path,
) -> None:
    for page in generate_pages(load_material(SEEDS), 30, seed=5):  # in their sites' folders
        (tmp_path / page.name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page.name).write_bytes(page.data)
    inputs = InputSet.resolve([str(tmp_path)])
    post = (*BUILD_STEPS, stamp_with_context)  # the context reached the workers
    alone = learn(inputs)
    expected = [d.to_inspect() for d in run(inputs, context=alone, post=post)]
    with ProcessPool(None, 2) as pool:
        pids = {w.process.pid for w in pool._workers}
        context = learn(inputs, workers=2, pool=pool)
        docs = list(
            run(inputs, workers=2, context=context, post=(*post, stamp_with_pid), pool=pool)
        )
        assert {w.process.pid for w in pool._workers} == pids  # the same two processes
    assert {d.tags.pop() for d in docs} <= {f"pid{pid}" for pid in pids}  # cleaned them all
    assert context == alone and context.lines_learned > 0  # site templates were learned
    assert [d.to_inspect() for d in docs] == expected
    assert all(f"ctx30:{d.doc_id[:6]}" in d.tags for d in docs)
    assert all(d.fingerprint is not None for d in docs if d.kept)


def test_a_run_stopped_early_terminates_the_pool_it_was_given(crawl: list[RawDoc]) -> None:
    pool = ProcessPool(None, 2)
    processes = [w.process for w in pool._workers]
    docs = run(iter(crawl), workers=2, pool=pool)
    next(docs)
    docs.close()  # chunks are still in flight: the pool can run nothing else
    assert pool.workers == 0 and all(p._closed for p in processes)


def machine_workers(asked: int) -> int:
    """The workers a build asking for ``asked`` runs on this machine (CPUs, memory)."""
    from zh_gov_essays.engines.resources import available_memory, cap_workers, usable_cpus

    return cap_workers(asked, cpus=usable_cpus(), memory=available_memory())[0]


@pytest.fixture
def started_pools(monkeypatch: pytest.MonkeyPatch) -> list[ProcessPool]:
    """Every ``ProcessPool`` started while the test runs, in order."""
    pools: list[ProcessPool] = []
    start = ProcessPool.__init__

    def recorded(self: ProcessPool, function: object, workers: int, **kwargs: object) -> None:
        start(self, function, workers, **kwargs)  # type: ignore[arg-type]
        pools.append(self)

    monkeypatch.setattr(ProcessPool, "__init__", recorded)
    return pools


def test_a_build_with_two_workers_starts_them_once(
    crawl_root: Path, tmp_path: Path, started_pools: list[ProcessPool]
) -> None:
    """The cleaning runs on the workers of the site-template pass; they are stopped at
    the end of the build."""
    from zh_gov_essays.cli import main

    argv = ["build", "--input", str(crawl_root), "--out", str(tmp_path / "out"), "--workers", "2"]
    assert main([*argv, "--card", str(ROOT / "DATASET_CARD.md")]) == 3  # the rejected inputs
    pools = started_pools
    assert len(pools) == (1 if machine_workers(2) > 1 else 0)
    assert all(pool.workers == 0 for pool in pools)


def test_a_two_worker_build_starts_its_workers_before_it_imports_the_pipeline(
    crawl_root: Path, tmp_path: Path
) -> None:
    """A fresh process, as a build is: its workers import the pipeline beside it."""
    if machine_workers(2) < 2:
        pytest.skip("this machine runs one worker")
    argv = ["build", "--input", str(crawl_root), "--out", str(tmp_path / "out"), "--workers", "2"]
    code = (
        "import sys\n"
        "from zh_gov_essays.engines import pool\n"
        "seen = []\n"
        "start = pool.ProcessPool.__init__\n"
        "def recorded(self, function, workers, **kwargs):\n"
        "    seen.append(('zh_gov_essays.pipeline' in sys.modules, kwargs.get('preload')))\n"
        "    start(self, function, workers, **kwargs)\n"
        "pool.ProcessPool.__init__ = recorded\n"
        "from zh_gov_essays.cli import main\n"
        f"code = main({[*argv, '--card', str(ROOT / 'DATASET_CARD.md')]!r})\n"
        "print(repr((code, seen)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = ("zh_gov_essays.pipeline", "zh_gov_essays.engines.work")
    # exit 3: the crawl's rejected inputs; one pool, started before the pipeline was imported
    assert done.stdout.splitlines()[-1] == repr((3, [(False, modules)]))


def test_a_usage_error_found_after_the_workers_started_stops_them(
    tmp_path: Path, started_pools: list[ProcessPool], capsys: pytest.CaptureFixture
) -> None:
    from zh_gov_essays.cli import main

    (tmp_path / "empty").mkdir()
    argv = ["build", "--input", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]
    assert main([*argv, "--workers", "2"]) == 2
    assert "no input files under" in capsys.readouterr().err
    pools = started_pools
    assert len(pools) == (1 if machine_workers(2) > 1 else 0)  # started before the inputs were read
    assert all(pool.workers == 0 for pool in pools)
    assert not (tmp_path / "out").exists()


def test_no_memory_to_start_the_workers_is_exit_5(
    crawl_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from zh_gov_essays.cli import main

    if machine_workers(2) < 2:
        pytest.skip("this machine runs one worker")

    def no_memory(self: ProcessPool, function: object, workers: int, **kwargs: object) -> None:
        raise MemoryError("cannot start a worker process")

    monkeypatch.setattr(ProcessPool, "__init__", no_memory)
    argv = ["build", "--input", str(crawl_root), "--out", str(tmp_path / "out"), "--workers", "2"]
    assert main([*argv, "--card", str(ROOT / "DATASET_CARD.md")]) == 5
    assert "cannot start a worker process; nothing published (lower --workers" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()
