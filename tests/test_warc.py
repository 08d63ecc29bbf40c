"""WARC inputs: page records become documents, every other capture is accounted for.

The WARC files are written here with warcio's own writer: a GB18030 page
declared ``charset=gb2312`` in its HTTP header, a UTF-8 page, an image, a
404, a redirect, a plain-text ``resource``, and the ``warcinfo``,
``request``, ``metadata`` and ``revisit`` records a crawler writes around
them.  Broken files (cut off, a damaged record, not WARC, one gzip stream,
empty) are in the manifest with a reason and never stop the build.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import ROOT, seed_path
from zh_gov_essays.cli import main
from zh_gov_essays.pipeline import process
from zh_gov_essays.read import decode_bytes, iter_inputs
from zh_gov_essays.read.warc import media_type
from zh_gov_essays.records import RawDoc

CARD = str(ROOT / "DATASET_CARD.md")
SITE = "http://www.example.gov.cn"
SEED_000 = seed_path("000").read_text("utf-8")  # Simplified, printed date and site
SEED_004 = seed_path("004").read_text("utf-8")  # Traditional


def html(text: str, charset: str) -> str:
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return (
        f'<html><head><meta charset="{charset}"><title>x</title></head><body>\n{body}</body></html>'
    )


def _response(writer: WARCWriter, url: str, payload: bytes, content_type: str,
              status: str = "200 OK", extra: list | None = None) -> None:  # fmt: skip
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=headers
    )
    writer.write_record(record)


def write_crawl(path: Path, *, gzip_records: bool = True) -> Path:
    """A small crawl as wget or Heritrix would write it."""
    with path.open("wb") as out:
        w = WARCWriter(out, gzip=gzip_records)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test-crawler/1.0"}))
        request = StatusAndHeaders(
            "GET /a.html HTTP/1.1", [("Host", "www.example.gov.cn")], is_http_request=True
        )
        w.write_record(w.create_warc_record(f"{SITE}/a.html", "request", http_headers=request))
        _response(w, f"{SITE}/a.html", html(SEED_000, "gb2312").encode("gb18030"),
                  "text/html; charset=gb2312")  # fmt: skip
        w.write_record(
            w.create_warc_record(
                f"{SITE}/a.html", "metadata", payload=io.BytesIO(b"outlinks: 3"),
                warc_content_type="application/warc-fields",
            )
        )  # fmt: skip
        _response(w, "https://tw.example.org/b", html(SEED_004, "utf-8").encode(),
                  "text/html;charset=UTF-8")  # fmt: skip
        _response(w, f"{SITE}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        _response(w, f"{SITE}/gone.html", b"<html><body>404</body></html>", "text/html",
                  status="404 Not Found")  # fmt: skip
        _response(w, f"{SITE}/old", b"", "text/html", status="301 Moved Permanently",
                  extra=[("Location", f"{SITE}/a.html")])  # fmt: skip
        w.write_record(
            w.create_warc_record(
                "file:///notes/plain.txt", "resource",
                payload=io.BytesIO((SEED_000 + "（抄录）").encode()),
                warc_content_type="text/plain",
            )
        )  # fmt: skip
        revisit_headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=gb2312")], protocol="HTTP/1.1"
        )
        w.write_record(
            w.create_revisit_record(
                f"{SITE}/a.html", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                refers_to_uri=f"{SITE}/a.html", refers_to_date="2024-01-01T00:00:00Z",
                http_headers=revisit_headers,
            )
        )  # fmt: skip
    return path


def offsets(path: Path) -> dict[str, int]:
    """Offsets of the records by ``type url`` (as ``warcio index`` prints them)."""
    from warcio.archiveiterator import ArchiveIterator

    found: dict[str, int] = {}
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            key = f"{record.rec_type} {record.rec_headers.get_header('WARC-Target-URI')}"
            found.setdefault(key, records.get_record_offset())
    return found


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_page_records_become_documents(tmp_path: Path, gzipped: bool) -> None:
    name = "crawl.warc.gz" if gzipped else "crawl.warc"
    path = write_crawl(tmp_path / name, gzip_records=gzipped)
    at = offsets(path)
    raws = list(iter_inputs(path))
    got = {raw.source_file: raw.error for raw in raws}
    assert got == {
        f"{name}#{at[f'response {SITE}/a.html']}": None,
        f"{name}#{at['response https://tw.example.org/b']}": None,
        f"{name}#{at[f'response {SITE}/logo.png']}": "not_text",
        f"{name}#{at[f'response {SITE}/gone.html']}": "http_error",
        f"{name}#{at[f'response {SITE}/old']}": "http_redirect",
        f"{name}#{at['resource file:///notes/plain.txt']}": None,
        f"{name}#{at[f'revisit {SITE}/a.html']}": "warc_revisit",
    }  # warcinfo, request and metadata records are no documents
    page, taiwan, *_ = raws
    assert (page.url, page.encoding_hint) == (f"{SITE}/a.html", "gb2312")
    assert page.data == html(SEED_000, "gb2312").encode("gb18030")  # the payload, exactly
    doc = process(page)
    same = process(RawDoc("000.txt", SEED_000.encode()))
    assert doc.encoding == "gb18030" and doc.kept
    assert [p.text for p in doc.paragraphs] == [p.text for p in same.paragraphs]
    # The page's own printed site and date win over the URL's host.
    assert (doc.title, doc.date, doc.source) == (same.title, same.date, "第一公文网")
    assert doc.url == f"{SITE}/a.html"
    tw = process(taiwan)
    assert (tw.encoding, tw.script, tw.url) == ("utf-8", "Hant", "https://tw.example.org/b")


def test_http_charset_is_a_hint_that_decides_a_declared_korean_page() -> None:
    korean = ("행정기관 업무 보고서 " * 40).encode("euc-kr")
    # Korean is told from Chinese by its own checks; the header agrees.
    assert decode_bytes(korean, "EUC-KR").reject == "not_chinese: korean (euc-kr)"
    assert decode_bytes(korean, "EUC-KR").encoding == "euc-kr"
    chinese = SEED_000.encode("gb18030")
    # A header that lies (a server default) changes nothing.
    assert decode_bytes(chinese, "iso-8859-1") == decode_bytes(chinese)
    assert decode_bytes(chinese, "gb2312").encoding == "gb18030"
    # UTF-8 bytes stay UTF-8 whatever the header says.
    assert decode_bytes(SEED_000.encode(), "gbk").encoding == "utf-8"


def test_media_types() -> None:
    assert media_type("application/xhtml+xml; charset='GBK'") == ("application/xhtml+xml", "gbk")
    assert media_type("text/html") == ("text/html", None)


@pytest.fixture(scope="module")
def broken_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    d = tmp_path_factory.mktemp("warcs") / "in"
    d.mkdir()
    good = write_crawl(d / "good.warc.gz")
    plain = write_crawl(d.parent / "plain.warc", gzip_records=False)
    at = offsets(good)
    data, plain_data = good.read_bytes(), plain.read_bytes()
    page = at[f"response {SITE}/a.html"]
    taiwan = at["response https://tw.example.org/b"]
    (d / "cut.warc.gz").write_bytes(data[: page + 600])  # a download cut inside the page
    damaged = bytearray(data)
    damaged[page + 300 : page + 400] = bytes(100)  # zeros inside the page's gzip member
    (d / "damaged.warc.gz").write_bytes(bytes(damaged))
    (d / "notwarc.warc").write_bytes(b"<html><body>not a WARC</body></html>\n")
    (d / "onestream.warc.gz").write_bytes(gzip.compress(plain_data))
    (d / "empty.warc.gz").write_bytes(b"")
    (d / "info_only.warc.gz").write_bytes(data[: at["request http://www.example.gov.cn/a.html"]])
    request = plain_data.index(b"WARC/1.", 1)  # the second record: the request
    bad_header = plain_data[:request] + b"XXXX" + plain_data[request + 4 :]
    (d / "badheader.warc").write_bytes(bad_header)
    return d, {"page": page, "taiwan": taiwan}


def test_broken_warcs_do_not_stop_reading(broken_crawl: tuple[Path, dict[str, int]]) -> None:
    d, at = broken_crawl
    got = [(raw.source_file, raw.error) for raw in iter_inputs(d)]
    names = [name for name, _ in got]
    assert len(names) == len(set(names))
    rows = dict(got)
    page, taiwan = at["page"], at["taiwan"]
    assert rows[f"cut.warc.gz#{page}"] == "corrupt_warc"
    assert not any(n.startswith("cut.warc.gz#") and n != f"cut.warc.gz#{page}" for n in names)
    # A damaged record is reported, and reading resumes at the next gzip member.
    assert rows[f"damaged.warc.gz#{page}"] == "corrupt_warc"
    assert rows[f"damaged.warc.gz#{taiwan}"] is None
    assert sum(n.startswith("damaged.warc.gz#") for n in names) == 7
    assert rows["notwarc.warc#0"] == "corrupt_warc"
    assert rows["onestream.warc.gz#0"] == "corrupt_warc"
    assert rows["empty.warc.gz"] == "no_records"
    assert rows["info_only.warc.gz"] == "no_records"
    # A plain WARC with a broken record: the next "WARC/" line is found.
    bad = [(n, e) for n, e in got if n.startswith("badheader.warc#")]
    assert bad[0][1] == "corrupt_warc" and [e for _, e in bad[1:]] == [
        None, None, "not_text", "http_error", "http_redirect", None, "warc_revisit",
    ]  # fmt: skip
    assert rows["good.warc.gz#" + str(page)] is None


def test_a_crawl_of_warcs_builds_and_lists_every_capture(
    broken_crawl: tuple[Path, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d, at = broken_crawl
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(d), "--out", str(out), "--card", CARD]) == 3
    err = capsys.readouterr().err
    assert f"corrupt input damaged.warc.gz#{at['page']}: corrupt_warc" in err
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    # The GB18030 page, captured in good.warc.gz and badheader.warc: kept once.
    gb = [r for r in rows if r["encoding"] == "gb18030"]
    assert [(r["status"], (r["reason"] or "").split(":")[0]) for r in gb] == [
        ("kept", ""),
        ("rejected", "duplicate_input"),
    ]
    assert gb[1]["source_file"] == f"good.warc.gz#{at['page']}"
    assert {r["reason"] for r in rows} >= {
        "corrupt_warc", "no_records", "not_text", "http_error", "http_redirect", "warc_revisit",
    }  # fmt: skip
    documents = pq.read_table(out / "documents")
    urls = set(documents.column("url").to_pylist())
    assert f"{SITE}/a.html" in urls and "https://tw.example.org/b" in urls
