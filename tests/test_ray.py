"""The Ray engine on a local Ray instance gives what the local engine gives.

Needs the ``[ray]`` extra; CI installs it after the plain test run and runs
``pytest -m ray`` with ``ZH_GOV_REQUIRE_RAY=1``, so that a missing Ray fails
instead of skipping.  One Ray instance (2 CPUs) serves the whole module.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, seed_path
from tests.sitegen import make_crawl
from tests.test_engines import stamp_with_context
from zh_gov_essays.cli import main
from zh_gov_essays.engines import run
from zh_gov_essays.learn import CrawlContext
from zh_gov_essays.pipeline import learn_crawl
from zh_gov_essays.read import InputSet
from zh_gov_essays.records import RawDoc

pytestmark = pytest.mark.ray

CARD = str(ROOT / "DATASET_CARD.md")


@pytest.fixture(scope="module")
def ray() -> Iterator[object]:
    try:
        import ray
        import ray.data
    except ImportError:
        if os.environ.get("ZH_GOV_REQUIRE_RAY"):
            raise
        pytest.skip("Ray is not installed (pip install '.[ray]')")
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    if started_here:
        ray.shutdown()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, a WARC, a gzip dump with metadata, and broken inputs, in two roots."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    base = tmp_path_factory.mktemp("raycrawl")
    pages = base / "pages"
    pages.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        (pages / path.name).write_bytes(path.read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    (pages / "broken.jsonl").write_bytes(b'{"text": \n')
    dumps = base / "dumps"
    dumps.mkdir()
    essay = seed_path("002").read_text("utf-8")
    record = {"text": essay, "url": "https://www.example.gov.cn/2", "id": "r2"}
    (dumps / "d.jsonl.gz").write_bytes(gzip.compress(json.dumps(record).encode() + b"\n"))
    with (dumps / "c.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=gbk")], protocol="HTTP/1.1"
        )
        html = "".join(f"<p>{line}</p>" for line in seed_path("001").read_text("utf-8").split("\n"))
        payload = io.BytesIO(f"<html><body>{html}</body></html>".encode("gb18030"))
        writer.write_record(
            writer.create_warc_record(
                "http://www.example.gov.cn/1", "response", payload=payload, http_headers=headers
            )
        )
    return base


def test_ray_engine_gives_what_local_gives_with_context_and_post_steps(
    ray: object, crawl: Path
) -> None:
    inputs = InputSet.resolve([crawl / "pages", crawl / "dumps"])
    kwargs = {"context": CrawlContext(pages=7), "post": [stamp_with_context]}
    local = [d.to_inspect() for d in run(inputs, engine="local", **kwargs)]
    # Files are read on the Ray workers; documents come back in input order.
    remote = [d.to_inspect() for d in run(inputs, engine="ray", workers=2, **kwargs)]
    assert remote == local
    assert len(local) == 9 and all(d["tags"][-1].startswith("ctx7:") for d in local)
    # An iterable of raw documents is sent from the driver instead.
    raws = list(inputs.raws())
    assert [d.to_inspect() for d in run(iter(raws), engine="ray", **kwargs)] == local


def test_every_actor_gets_the_learned_site_templates(ray: object) -> None:
    # A crawl whose sites have learned templates: the Ray engine removes them
    # exactly as the local engine does (the context travels with the Work).
    pages = make_crawl({"qingxi": 4, "bigeng": 3, "qixia": 2})
    raws = [RawDoc(p.path, p.text.encode("utf-8")) for p in pages]
    context = learn_crawl(raws)
    assert context.lines_learned == 14  # qingxi 5, bigeng 6 + 3 listed titles; qixia none
    local = [d.to_inspect() for d in run(iter(raws), engine="local", context=context)]
    remote = [d.to_inspect() for d in run(iter(raws), engine="ray", workers=2, context=context)]
    assert remote == local
    assert sum(r["rule"] == "site_template" for d in local for r in d["removed"]) == 44


def test_ray_build_is_byte_identical_to_the_local_build(
    ray: object, crawl: Path, tmp_path: Path
) -> None:
    outs = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        args = ["build", "--input", str(crawl / "pages"), "--input", str(crawl / "dumps")]
        code = main([*args, "--out", str(out), "--card", CARD, "--engine", engine])
        assert code == 3  # broken.jsonl
        outs[engine] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert outs["ray"] == outs["local"]
    manifest = outs["ray"][Path("manifest.jsonl")].decode().splitlines()
    assert [json.loads(x)["source_file"] for x in manifest][:3] == [
        "dumps/c.warc.gz#0", "dumps/d.jsonl.gz#1", "pages/000_894eae2960ffe4e9.txt",
    ]  # fmt: skip
