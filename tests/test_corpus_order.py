"""A crawl of one-page files is cleaned in corpus order and written as it comes.

* :func:`corpus_order` sorts the documents by ``(doc_id, source_file)``:
  one-page files, and the records of containers (WARC, JSON Lines), which
  wait in a spill file that is gone once the order is closed; a file whose
  bytes change after hashing is rejected, not published out of order.
* ``CorpusWriter(in_order=True)`` writes the same bytes as the sorting
  writer, for the real pipeline's documents (duplicate inputs, near-copies,
  rejects) with one worker and two, and refuses documents out of order.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import SEEDS
from zh_gov_essays.bench.crawl import FORCED, generate_pages
from zh_gov_essays.bench.material import load_material
from zh_gov_essays.cli import main
from zh_gov_essays.engines import run
from zh_gov_essays.engines.work import BUILD_STEPS
from zh_gov_essays.pipeline import learn_crawl
from zh_gov_essays.publish.writer import PUBLISH_BATCH, write_corpus
from zh_gov_essays.read import INPUT_ERRORS, InputSet, corpus_order
from zh_gov_essays.read.order import CHANGED
from zh_gov_essays.records import sha256_hex

TEMPLATE_PATH = Path(__file__).resolve().parents[1] / "DATASET_CARD.md"
TEMPLATE = TEMPLATE_PATH.read_text("utf-8")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, generated pages of every noise kind with near-copies, a byte-identical copy
    in another site folder, and rejects: more kept pages than one publishing batch."""
    root = tmp_path_factory.mktemp("ordered")
    material = load_material(SEEDS)
    pages = generate_pages(material, 2 * PUBLISH_BATCH + len(FORCED), seed=5)
    for page in pages:
        (root / page.name).parent.mkdir(parents=True, exist_ok=True)
        (root / page.name).write_bytes(page.data)
    (root / "seeds").mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        (root / "seeds" / path.name).write_bytes(path.read_bytes())
    (root / "zz-copy").mkdir()
    shutil.copy(root / "seeds" / sorted(p.name for p in SEEDS.glob("*.txt"))[0], root / "zz-copy")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.bin").write_bytes(bytes(range(256)) * 8)
    return root


def _warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for name, data in pages:
            kind = "text/html" if name.endswith(".html") else "text/plain"
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"http://www.example.gov.cn/{name}",
                "response",
                payload=io.BytesIO(data),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2020-01-01T00:00:00Z"},
            )
            writer.write_record(record)


@pytest.fixture(scope="module")
def containers(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages of ``crawl`` packed as a crawler and a dump tool would: a WARC.gz of the
    generated pages, a JSON Lines dump (gzip) of the seeds holding one page twice, a
    one-page file beside them, and a corrupt dump."""
    root = tmp_path_factory.mktemp("containers")
    files = sorted(p for p in crawl.rglob("*") if p.is_file())
    generated = [p for p in files if p.relative_to(crawl).parts[0] not in ("seeds", "zz-copy")]
    _warc(
        root / "crawl.warc.gz",
        [(p.relative_to(crawl).as_posix(), p.read_bytes()) for p in generated],
    )
    seeds = sorted(SEEDS.glob("*.txt"))
    lines = [
        json.dumps(
            {"text": p.read_text("utf-8"), "url": f"http://a.gov.cn/{p.name}"}, ensure_ascii=False
        )
        for p in (*seeds, seeds[0])
    ]
    (root / "dump.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode("utf-8"), mtime=0))
    (root / "page.txt").write_bytes(seeds[1].read_bytes())
    whole = gzip.compress("\n".join(lines).encode("utf-8"), mtime=0)
    (root / "broken.jsonl.gz").write_bytes(whole[: len(whole) // 2])  # cut by a failed copy
    return root  # fmt: skip


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_files_come_sorted_by_doc_id_then_name(crawl: Path) -> None:
    order = corpus_order(InputSet.resolve([crawl]))
    raws = list(order.raws())
    files = sorted(p for p in crawl.rglob("*") if p.is_file())
    assert len(order) == len(raws) == len(files)
    expected = sorted(
        (sha256_hex(p.read_bytes())[:16], p.relative_to(crawl).as_posix()) for p in files
    )
    assert [(raw.doc_id, raw.source_file) for raw in raws] == expected
    assert expected != sorted(expected, key=lambda item: item[1])  # not the input order


def test_container_records_come_sorted_from_a_spill_that_goes_with_the_order(
    containers: Path, tmp_path: Path
) -> None:
    inputs = InputSet.resolve([containers])
    as_stored = [
        (raw.doc_id, raw.source_file, raw.data, raw.url, raw.error) for raw in inputs.raws()
    ]
    with corpus_order(inputs, tmp_path) as order:
        assert order.spill is not None and os.listdir(tmp_path) == []  # unnamed: nothing to leave
        spilled = sum(file is None for _, _, file, _, _ in order.entries)
        assert spilled == len(as_stored) - 1  # all but page.txt, which is read again
        raws = [(raw.doc_id, raw.source_file, raw.data, raw.url, raw.error) for raw in order.raws()]
        assert raws == sorted(as_stored, key=lambda raw: (raw[0], raw[1]))
        assert raws != as_stored
        broken = [(raw[1], raw[4]) for raw in raws if raw[1].startswith("broken")]
        assert sorted(broken)[0] == ("broken.jsonl.gz#1", None)  # read up to the cut
        assert [error for _, error in broken].count("corrupt_gzip") == 1
        # the same page twice in the dump, and once in what the cut dump kept: in name order
        seed = SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]
        twins = [raw[1] for raw in raws if raw[2] == seed.read_bytes()]
        assert twins == ["broken.jsonl.gz#1", "dump.jsonl.gz#1", "dump.jsonl.gz#6"]
        assert list(order.raws()) == list(order.raws())  # read again from the spill
        spill = order.spill
    assert spill.closed


def test_a_crawl_of_one_page_files_needs_no_spill(crawl: Path) -> None:
    with corpus_order(InputSet.resolve([crawl])) as order:
        assert order.spill is None and all(file is not None for _, _, file, _, _ in order.entries)


def test_unreadable_entries_keep_their_own_reason(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    order = corpus_order(InputSet.resolve([tmp_path]))
    assert [(raw.source_file, raw.error) for raw in order.raws()] == [
        ("a.txt", None),
        ("gone.txt", "broken_symlink"),
    ]


def test_a_file_changed_after_hashing_is_rejected_not_reordered(tmp_path: Path) -> None:
    for name, text in (("a.txt", "甲"), ("b.txt", "乙"), ("c.txt", "丙")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    order = corpus_order(InputSet.resolve([tmp_path]))
    (tmp_path / "b.txt").write_text("乙，改过了", encoding="utf-8")
    raws = {raw.source_file: raw for raw in order.raws()}
    assert raws["b.txt"].error == CHANGED and raws["b.txt"].data == b""
    assert raws["a.txt"].error is None and raws["a.txt"].data == "甲".encode()
    assert CHANGED in INPUT_ERRORS  # reported as a broken input, exit status 3


@pytest.mark.parametrize("kind", ["crawl", "containers"])
@pytest.mark.parametrize("workers", [1, 2])
def test_writing_in_order_gives_the_bytes_of_sorting_at_the_end(
    request: pytest.FixtureRequest, kind: str, tmp_path: Path, workers: int
) -> None:
    inputs = InputSet.resolve([request.getfixturevalue(kind)])
    context = learn_crawl(inputs.raws())
    order = corpus_order(inputs)
    sorted_stats = write_corpus(
        run(inputs, workers=workers, context=context, post=BUILD_STEPS),
        tmp_path / "sorted",
        card_template=TEMPLATE,
        validate=True,
    )
    ordered_stats = write_corpus(
        run(order.raws(), workers=workers, context=context, post=BUILD_STEPS),
        tmp_path / "ordered",
        card_template=TEMPLATE,
        validate=True,
        in_order=True,
    )
    assert sorted_stats.documents_kept > 2 * PUBLISH_BATCH
    assert ordered_stats.duplicate_inputs == sorted_stats.duplicate_inputs >= 1
    assert kind == "containers" or sorted_stats.duplicate_inputs == 1
    assert ordered_stats.documents_rejected == sorted_stats.documents_rejected > 0
    assert ordered_stats.duplicate_documents == sorted_stats.duplicate_documents > 0
    assert tree_bytes(tmp_path / "ordered") == tree_bytes(tmp_path / "sorted")


def test_the_writer_refuses_documents_out_of_order(crawl: Path, tmp_path: Path) -> None:
    order = corpus_order(InputSet.resolve([crawl]))
    docs = [doc for doc in run(order.raws(), post=BUILD_STEPS) if doc.kept][:3]
    with pytest.raises(ValueError, match="out of corpus order"):
        write_corpus([docs[0], docs[2], docs[1]], tmp_path / "out", in_order=True)


def test_the_order_is_hashed_in_a_thread_whose_errors_reach_the_build() -> None:
    from zh_gov_essays.cli.build import _in_background

    assert _in_background(sorted, [3, 1, 2])() == [1, 2, 3]
    failing = _in_background(int, "七")
    with pytest.raises(ValueError, match="invalid literal"):
        failing()


@pytest.mark.parametrize("in_order", [False, True], ids=["sorted", "in_order"])
def test_finish_lets_go_of_the_corpus_level_state(
    crawl: Path, tmp_path: Path, in_order: bool
) -> None:
    """The card's figures and front matter come after ``finish``, with their imports:
    the duplicate finder, the manifest rows and the gate's ids are not kept for them."""
    from zh_gov_essays.publish.dedup import Deduplicator
    from zh_gov_essays.publish.writer import CorpusWriter

    inputs = InputSet.resolve([crawl])
    order = corpus_order(inputs)
    docs = list(run(order.raws() if in_order else inputs, post=BUILD_STEPS))
    with CorpusWriter(tmp_path / "out", validate=True, in_order=in_order) as writer:
        for doc in docs:
            writer.add(doc)
        held = writer._dedup.state
        stats = writer.finish()
        assert stats.documents_kept > 2 * PUBLISH_BATCH and held["roots"] > 0
        assert writer._dedup.state == Deduplicator().state  # as new
        assert (writer._manifest, writer._published, writer._index, writer._writers) == (
            [],
            [],
            [],
            {},
        )
        assert writer._checker is None


def test_a_build_of_containers_with_two_workers_gives_the_one_worker_bytes(
    containers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two workers clean the records in corpus order (from the spill next to the output) and
    the writer publishes them as they come; one worker sorts at the end: same corpus."""
    outs = {}
    for workers in (1, 2):
        out = tmp_path / "built" / f"w{workers}"
        argv = ["build", "--input", str(containers), "--out", str(out), "--workers", str(workers)]
        assert main([*argv, "--card", str(TEMPLATE_PATH)]) == 3
        outs[workers] = tree_bytes(out)
        assert sorted(os.listdir(tmp_path / "built")) == [f"w{w}" for w in range(1, workers + 1)]
    err = capsys.readouterr().err
    assert re.search(r"corrupt input broken\.jsonl\.gz#\d: corrupt_gzip", err)
    assert outs[2] == outs[1] and "manifest.jsonl" in outs[1]


def test_a_full_disk_while_spilling_records_is_a_usage_error(
    containers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    from unittest import mock

    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch("tempfile.TemporaryFile", side_effect=full):
        code = main(["build", "--input", str(containers), "--out", str(tmp_path / "out"),
                     "--workers", "2", "--card", str(TEMPLATE_PATH)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write the crawl's records to a temporary file in" in err
    assert "No space left on device (it needs about the crawl's uncompressed size" in err
    assert not (tmp_path / "out").exists()
