"""Engines give the same documents however they run.

* The local engine with one worker (in process) and with a pool of two
  yields identical documents, in input order, for the seeds plus generated
  pages of every noise kind and a few rejects.
* Every worker gets the crawl-level context and runs the post-process
  steps after ``process`` (the Ray engine: ``tests/test_ray.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from zh_gov_essays.bench.crawl import FORCED, generate_pages
from zh_gov_essays.bench.material import load_material
from zh_gov_essays.engines import ENGINES, Work, run
from zh_gov_essays.learn import CrawlContext
from zh_gov_essays.pipeline import process
from zh_gov_essays.read import iter_inputs
from zh_gov_essays.records import Document, RawDoc


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> list[RawDoc]:
    """The seeds, the first pages of the benchmark's crawl (every noise kind, every
    template, near-duplicate copies), and inputs that are rejected."""
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
    return list(iter_inputs(root))


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
