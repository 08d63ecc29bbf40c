"""A dirty crawl: every file accounted for, bad ones rejected with a reason, the build goes on."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed_path
from zh_gov_essays.cli import main
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import RawDoc

CARD = str(ROOT / "DATASET_CARD.md")
BOILERPLATE_ONLY = (
    "您的当前位置:首页 > 心得体会 > 工作体会 > 正文\n"
    "上一篇:关于进一步加强机关作风建设的实施意见\n"
    "下一篇:县委办公室关于做好年度考核工作的通知\n"
    "网友评论《机关作风建设心得体会》\n"
    "评论功能已关闭\n"
)


def _html(text: str) -> str:
    body = "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line.strip())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title>"
        f"<style>p {{margin: 0}}</style></head><body>\n{body}</body></html>"
    )


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("crawl") / "in"
    d.mkdir()
    s000 = seed_path("000").read_text("utf-8")
    s001 = seed_path("001").read_text("utf-8")
    s004 = seed_path("004").read_text("utf-8")
    (d / "a_gb18030.txt").write_bytes(s000.encode("gb18030"))
    # 着 (a Simplified leftover in seed 004) exists only in the HKSCS supplement.
    (d / "b_big5.txt").write_bytes(s004.encode("big5hkscs"))
    (d / "c_utf16.txt").write_bytes(s000.encode("utf-16"))  # with BOM
    (d / "d_bom.txt").write_bytes(s000.encode("utf-8-sig"))
    (d / "e_crlf.txt").write_bytes(s001.replace("\n", "\r\n").encode("utf-8"))
    (d / "f_wrapped.html").write_text(_html(s001), "utf-8")
    (d / "g_empty.txt").write_bytes(b"")
    (d / "h_binary.bin").write_bytes(random.Random(7).randbytes(16 * 1024))
    (d / "i_boilerplate.txt").write_text(BOILERPLATE_ONLY, "utf-8")
    sentence = "要坚持以人为本，切实改进工作作风，提高办事效率和服务质量。"
    big = (sentence * (12_000_000 // len(sentence.encode()) + 1)).encode()[: 12_000_000 - 1]
    (d / "j_huge_single_line.txt").write_bytes(big.decode("utf-8", "ignore").encode())
    return d


@pytest.fixture(scope="module")
def built(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "corpus"
    assert main(["build", "--input", str(crawl), "--out", str(out), "--card", CARD]) == 0
    return out


def _manifest(out: Path) -> dict[str, dict]:
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    return {r["source_file"]: r for r in rows}


def _paragraphs(raw: bytes, name: str) -> list[str]:
    return [p.text for p in process(RawDoc(name, raw)).paragraphs]


def test_manifest_lists_all_ten_files(built: Path) -> None:
    assert sorted(_manifest(built)) == [
        "a_gb18030.txt", "b_big5.txt", "c_utf16.txt", "d_bom.txt", "e_crlf.txt",
        "f_wrapped.html", "g_empty.txt", "h_binary.bin", "i_boilerplate.txt",
        "j_huge_single_line.txt",
    ]  # fmt: skip


def test_encodings_are_detected_and_recorded(built: Path) -> None:
    m = _manifest(built)
    got = {name: (row["status"], row["encoding"]) for name, row in m.items() if name < "g"}
    assert got == {
        "a_gb18030.txt": ("kept", "gb18030"),
        "b_big5.txt": ("kept", "big5"),
        "c_utf16.txt": ("kept", "utf-16-le"),
        "d_bom.txt": ("kept", "utf-8-sig"),
        "e_crlf.txt": ("kept", "utf-8"),
        "f_wrapped.html": ("kept", "utf-8"),
    }


def test_bad_files_are_rejected_with_reasons(built: Path) -> None:
    m = _manifest(built)
    assert (m["g_empty.txt"]["status"], m["g_empty.txt"]["reason"]) == ("rejected", "empty")
    assert m["g_empty.txt"]["doc_id"] is None
    assert (m["h_binary.bin"]["status"], m["h_binary.bin"]["reason"]) == ("rejected", "binary")
    assert m["i_boilerplate.txt"]["status"] == "rejected"
    assert m["i_boilerplate.txt"]["reason"] == "no_content"
    assert m["j_huge_single_line.txt"]["status"] == "kept"


@pytest.mark.parametrize(
    ("copy", "seed"),
    [("a_gb18030.txt", "000"), ("b_big5.txt", "004"), ("c_utf16.txt", "000"),
     ("d_bom.txt", "000"), ("e_crlf.txt", "001"), ("f_wrapped.html", "001")],
)  # fmt: skip
def test_re_encoded_and_wrapped_copies_give_the_original_text(
    crawl: Path, copy: str, seed: str
) -> None:
    original = _paragraphs(seed_path(seed).read_bytes(), seed_path(seed).name)
    assert _paragraphs((crawl / copy).read_bytes(), copy) == original


def test_huge_single_line_is_split_into_bounded_paragraphs(crawl: Path) -> None:
    doc = process(RawDoc("j.txt", (crawl / "j_huge_single_line.txt").read_bytes()))
    assert doc.kept and len(doc.paragraphs) > 100
    assert max(len(p.text) for p in doc.paragraphs) <= 5000


def test_too_large_input_is_rejected_without_reading_it(tmp_path: Path) -> None:
    from zh_gov_essays.read import MAX_INPUT_BYTES, iter_inputs

    big = tmp_path / "in" / "fifty_mb.txt"
    big.parent.mkdir()
    with big.open("wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(MAX_INPUT_BYTES + 1)
    (raw,) = iter_inputs(big.parent)
    doc = process(raw)
    assert doc.reject_reason == "too_large" and raw.data == b""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--input", "/nonexistent/seeds"], "not found: /nonexistent/seeds"),
        (["inspect", "/nonexistent/page.txt"], "not found"),
        (["export", "--corpus", "/nonexistent", "--out", "/tmp/x.jsonl"], "no Parquet files"),
        (["evaluate", "/nonexistent"], "gold.jsonl"),
    ],
)
def test_errors_are_one_clear_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_unwritable_output_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A regular file where the output's parent folder should be: no build can
    # write there, whoever runs the test (root ignores permission bits).
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    code = main(["build", "--input", str(seed_path("000").parent), "--out",
                 str(blocker / "corpus"), "--card", CARD])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err
    assert "Traceback" not in err


def test_corrupt_jsonl_and_parquet_inputs_do_not_stop_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "in"
    d.mkdir()
    good = seed_path("000").read_text("utf-8")
    (d / "records.jsonl").write_text(
        json.dumps({"text": good}, ensure_ascii=False) + "\n{not json\n", "utf-8"
    )
    (d / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    out = tmp_path / "corpus"
    # Published, but exit status 3 and one line per broken container.
    assert main(["build", "--input", str(d), "--out", str(out), "--card", CARD]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "zh-gov-essays: error: corrupt input broken.parquet: corrupt_parquet (listed in the manifest)",
        "zh-gov-essays: error: corrupt input records.jsonl#2: corrupt_jsonl (listed in the manifest)",
    ]
    m = _manifest(out)
    assert m["records.jsonl#1"]["status"] == "kept"
    assert m["records.jsonl#2"]["reason"] == "corrupt_jsonl"
    assert m["broken.parquet"]["reason"] == "corrupt_parquet"
