"""Crawl dumps: JSON Lines (plain, gzip, zstd), .ndjson, .json and Parquet, with their metadata.

* Records of every dump format are read, named ``file#N``, and carry their
  ``url``, ``title``, ``date`` and ``id`` the way trafilatura and datatrove
  write them; the page's own printed metadata wins, the record fills gaps,
  the URL's host is the fallback ``source``.
* Every broken or empty dump is in the manifest with its reason, and the
  build still publishes (exit 3 for broken containers).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, seed_path
from zh_gov_essays.cli import main
from zh_gov_essays.metadata.record import record_date
from zh_gov_essays.pipeline import process
from zh_gov_essays.read import iter_inputs

CARD = str(ROOT / "DATASET_CARD.md")

# An essay body that prints no title, date or source of its own (our own text).
BODY = (
    "近年来，我们坚持以人民为中心的发展思想，把转变机关作风作为提高行政效能的重要抓手，持续推进服务型机关建设。\n"
    "一是健全制度，完善首问负责、限时办结和责任追究等工作机制，让群众办事少跑腿、好办事。\n"
    "二是强化学习，组织干部职工深入学习业务知识，不断提升服务能力和工作水平。\n"
)
SEED_000 = seed_path("000").read_text("utf-8")  # prints 2016-05-18 and 第一公文网


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def zstd(data: bytes) -> bytes:
    return pa.compress(data, codec="zstd", asbytes=True)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def inspect_dir(root: Path) -> dict[str, dict]:
    return {raw.source_file: process(raw).to_inspect() for raw in iter_inputs(root)}


# Records as trafilatura writes them (--json: the URL under "source", the
# site's name under "source-hostname") and as datatrove does (metadata nested).
TRAFILATURA = {
    "title": "关于机关作风建设的几点做法_示例市人民政府网",
    "source": "https://www.example.gov.cn/art/2021/3/5/art_1.html",
    "source-hostname": "示例市人民政府网",
    "date": "2021-03-05",
    "id": "t-1",
    "text": BODY,
}
DATATROVE = {
    "text": BODY,
    "id": "<urn:uuid:0b2b8a52-1f0c-4d6a-9a55-000000000001>",
    "metadata": {"url": "https://zwgk.example.gov.cn/info/2.html", "date": "2019-08-17T22:31:50Z"},
}


def test_gzip_and_zstd_jsonl_records_feed_their_metadata(tmp_path: Path) -> None:
    records = [TRAFILATURA, DATATROVE, {"text": SEED_000, "title": "别的标题", "date": "2001-01-01",
               "url": "http://www.example.org/x"}]  # fmt: skip
    write(tmp_path / "a.jsonl.gz", gzip.compress(jsonl(records)))
    write(tmp_path / "b.jsonl.zst", zstd(jsonl(records)))
    write(tmp_path / "c.ndjson", jsonl(records[:1]))
    docs = inspect_dir(tmp_path)
    assert sorted(docs) == ["a.jsonl.gz#1", "a.jsonl.gz#2", "a.jsonl.gz#3",
                            "b.jsonl.zst#1", "b.jsonl.zst#2", "b.jsonl.zst#3", "c.ndjson#1"]  # fmt: skip
    for name in ("a.jsonl.gz", "b.jsonl.zst", "c.ndjson"):
        traf = docs[f"{name}#1"]
        assert traf["status"] == "kept", traf
        assert (traf["title"], traf["date"], traf["source"], traf["url"], traf["record_id"]) == (
            "关于机关作风建设的几点做法",  # the site suffix goes, as from a page title
            "2021-03-05",
            "示例市人民政府网",
            "https://www.example.gov.cn/art/2021/3/5/art_1.html",
            "t-1",
        )
        assert [p["text"] for p in traf["paragraphs"]] == BODY.split()
    datatrove = docs["a.jsonl.gz#2"]
    # The URL's host is the fallback source; a WARC-Date is a fetch time, not a date.
    assert (datatrove["source"], datatrove["date"], datatrove["url"]) == (
        "zwgk.example.gov.cn",
        None,
        "https://zwgk.example.gov.cn/info/2.html",
    )
    assert datatrove["record_id"] == DATATROVE["id"] and datatrove["title"] is None
    # The page's own printed metadata wins over the record's.
    seed = docs["b.jsonl.zst#3"]
    own = process_seed_000()
    assert (seed["title"], seed["date"], seed["source"]) == (
        own["title"],
        "2016-05-18",
        "第一公文网",
    )
    assert seed["url"] == "http://www.example.org/x" and seed["paragraphs"] == own["paragraphs"]


def process_seed_000() -> dict:
    from zh_gov_essays.records import RawDoc

    return process(RawDoc("000.txt", SEED_000.encode())).to_inspect()


def test_json_files_are_read_as_json_not_as_text(tmp_path: Path) -> None:
    write(
        tmp_path / "array.json",
        json.dumps([TRAFILATURA, DATATROVE], ensure_ascii=False, indent=2).encode(),
    )
    write(tmp_path / "one.json", json.dumps(TRAFILATURA).encode())  # trafilatura --json: one page
    write(tmp_path / "lines.json", jsonl([DATATROVE, TRAFILATURA]))
    write(tmp_path / "array.json.gz", gzip.compress(json.dumps([DATATROVE]).encode()))
    docs = inspect_dir(tmp_path)
    assert {name: d["status"] for name, d in docs.items()} == {
        "array.json#1": "kept", "array.json#2": "kept", "array.json.gz#1": "kept",
        "lines.json#1": "kept", "lines.json#2": "kept", "one.json#1": "kept",
    }  # fmt: skip
    # No JSON syntax leaks into a paragraph: the text is the record's text.
    for doc in docs.values():
        assert [p["text"] for p in doc["paragraphs"]] == BODY.split()
    assert docs["array.json#2"]["url"] == DATATROVE["metadata"]["url"]


def test_a_large_json_array_is_streamed_record_by_record(tmp_path: Path) -> None:
    from zh_gov_essays.read import json_doc

    records = [{"text": f"{BODY}第{i}篇。", "id": i, "n": 1.5} for i in range(300)]
    path = write(tmp_path / "big.json", json.dumps(records, ensure_ascii=False).encode())
    assert path.stat().st_size > 20 * 4096
    small = list(json_doc.read_json(path, "big.json", 0))
    old = json_doc.CHUNK_BYTES
    try:
        json_doc.CHUNK_BYTES = 4096  # records and numbers cut across chunk boundaries
        chunked = list(json_doc.read_json(path, "big.json", 0))
    finally:
        json_doc.CHUNK_BYTES = old
    assert chunked == small and len(small) == 300
    assert [d.record_id for d in small] == [str(i) for i in range(300)]
    assert small[299].text == f"{BODY}第299篇。"


def test_parquet_dump_columns_feed_the_metadata(tmp_path: Path) -> None:
    table = pa.table(
        {
            "text": [BODY, BODY + "三是加强监督。"],
            "url": ["https://www.example.gov.cn/p/1.html", None],
            "title": ["机关作风建设工作总结", None],
            "date": pa.array([dt.date(2020, 6, 1), None], pa.date32()),
            "id": [101, 102],
            "metadata": [{"url": None}, {"url": "https://m.example.gov.cn/2"}],
        }
    )
    pq.write_table(table, tmp_path / "dump.parquet")
    docs = inspect_dir(tmp_path)
    first, second = docs["dump.parquet#0"], docs["dump.parquet#1"]
    assert (first["title"], first["date"], first["source"], first["record_id"]) == (
        "机关作风建设工作总结", "2020-06-01", "example.gov.cn", "101"
    )  # fmt: skip
    assert (second["url"], second["source"], second["date"]) == (
        "https://m.example.gov.cn/2",
        "m.example.gov.cn",
        None,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-05", dt.date(2021, 3, 5)),
        ("2021年3月5日", dt.date(2021, 3, 5)),
        ("2021-03-05 00:00:00", dt.date(2021, 3, 5)),  # a date stored as a timestamp
        ("2019-08-17T22:31:50Z", None),  # a fetch time
        ("2021-03-05 09:15", None),
        ("", None),
        ("昨天", None),
    ],
)
def test_record_dates(value: str, expected: dt.date | None) -> None:
    assert record_date(value) == expected


# --- broken and empty dumps, through a build ---------------------------------------------


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, dict]]:
    d = tmp_path_factory.mktemp("dumps") / "in"
    good = jsonl([TRAFILATURA, {"text": SEED_000}])
    gz, zst = gzip.compress(good), zstd(good)
    write(d / "ok.jsonl.gz", gzip.compress(jsonl([{"text": BODY + "（四）"}])))
    write(d / "trunc.jsonl.gz", gz[: len(gz) - 40])  # a cut download
    write(d / "trunc.jsonl.zst", zst[: len(zst) // 2])
    write(d / "notgzip.jsonl.gz", good)  # not compressed at all
    write(d / "notzstd.jsonl.zst", b"garbage, not zstd" * 4)
    write(d / "empty.jsonl", b"")
    write(d / "empty.jsonl.gz", gzip.compress(b""))
    write(d / "empty.json", b"")
    write(d / "blank.jsonl", b"\n  \n\t\n")
    write(d / "blank.ndjson.zst", zstd(b"\n\n"))
    write(d / "emptyarray.json", b"[ ]")
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), d / "zero.parquet")
    write(d / "scalars.json", b'[1, "text", {"text": null}]')
    write(d / "scalar.json", b'"just a string"')
    write(d / "gbk.json", json.dumps({"text": BODY}, ensure_ascii=False).encode("gbk"))
    write(d / "gbk.jsonl", json.dumps({"text": BODY}, ensure_ascii=False).encode("gbk") + b"\n")
    write(d / "utf16.json", json.dumps({"text": BODY}).encode("utf-16"))
    first = json.dumps({"text": BODY + "（一）"}, ensure_ascii=False).encode()
    write(d / "broken.json", b"[" + first + b', {"text": oops}]')
    second = json.dumps({"text": BODY + "（二）"}, ensure_ascii=False).encode()
    write(d / "unclosed.json", b"[" + second)
    third = json.dumps([{"text": BODY + "（三）"}], ensure_ascii=False).encode()
    write(d / "trailing.json", third + b" x")
    out = d.parent / "corpus"
    code = main(["build", "--input", str(d), "--out", str(out), "--card", CARD])
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    return code, {r["source_file"]: r for r in rows}


def test_broken_and_empty_dumps_are_in_the_manifest_with_a_reason(
    broken_build: tuple[int, dict[str, dict]],
) -> None:
    code, manifest = broken_build
    assert code == 3  # published, with broken containers
    got = {name: (row["status"], row["reason"]) for name, row in manifest.items()}
    rejected = {name: reason for name, (status, reason) in got.items() if status == "rejected"}
    assert rejected == {
        "trunc.jsonl.gz#2": "corrupt_gzip",  # line 1 was read before the cut
        "trunc.jsonl.zst": "corrupt_zstd",
        "notgzip.jsonl.gz": "corrupt_gzip",
        "notzstd.jsonl.zst": "corrupt_zstd",
        "empty.jsonl": "no_records",
        "empty.jsonl.gz": "no_records",
        "empty.json": "no_records",
        "blank.jsonl": "no_records",
        "blank.ndjson.zst": "no_records",
        "emptyarray.json": "no_records",
        "zero.parquet": "no_records",
        "scalars.json#1": "not_a_record",
        "scalars.json#2": "not_a_record",
        "scalars.json#3": "missing_text",
        "scalar.json#1": "not_a_record",
        "gbk.json#1": "json_not_utf8",
        "gbk.jsonl#1": "json_not_utf8",
        "utf16.json#1": "json_not_utf8",
        "broken.json#2": "corrupt_json",
        "unclosed.json#2": "corrupt_json",
        "trailing.json#2": "corrupt_json",
    }
    kept = sorted(name for name, (status, _) in got.items() if status == "kept")
    assert kept == [
        "broken.json#1", "ok.jsonl.gz#1", "trailing.json#1", "trunc.jsonl.gz#1",
        "unclosed.json#1",
    ]  # fmt: skip


def test_a_file_named_like_a_record_keeps_its_own_name(tmp_path: Path) -> None:
    # A plain file named like record 1 of the dump beside it: "#" and "%" in
    # file names are percent-encoded, so the names cannot collide.
    write(tmp_path / "x.jsonl", jsonl([{"text": BODY}]))
    write(tmp_path / "x.jsonl#1", BODY.encode())
    write(tmp_path / "100%.txt", BODY.encode())
    names = [raw.source_file for raw in iter_inputs(tmp_path)]
    assert names == ["100%25.txt", "x.jsonl#1", "x.jsonl%231"]
