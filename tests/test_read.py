"""Tests for discovering inputs (iter_inputs) and decoding them (decode_bytes, html_to_text)."""

from __future__ import annotations

import codecs
import html
import json
import os
import random
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zh_gov_essays.read import (
    MAX_INPUT_BYTES,
    MAX_LINE_CHARS,
    Decoded,
    InputError,
    decode,
    decode_bytes,
    decode_raw,
    decode_text,
    discover,
    iter_inputs,
)
from zh_gov_essays.read.decode import split_long_line
from zh_gov_essays.read.html import html_to_text, looks_like_html
from zh_gov_essays.records import RawDoc

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
# Tone-marked pinyin glosses such as "(xié)" in seed 003: Big5 has no such letters.
PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def seed_text(name: str) -> str:
    (path,) = [p for p in SEEDS if p.name.startswith(name)]
    return path.read_text(encoding="utf-8")


def big5_text(name: str) -> str:
    """A Traditional seed cut to what Big5 encodes: pinyin glosses go, as do lines it can't."""
    text = PINYIN_GLOSS.sub("", seed_text(name))
    return "\n".join(line for line in text.split("\n") if _encodable(line, "big5"))


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def ascii_ws_lines(text: str) -> list[str]:
    """Non-empty lines with HTML's whitespace model: ASCII runs collapsed, ends stripped."""
    lines = (re.sub(r"[ \t\f\r]+", " ", line).strip(" ") for line in text.split("\n"))
    return [line for line in lines if line]


def test_seeds_present() -> None:
    assert {p.name[:3] for p in SEEDS} >= {"000", "001", "002", "003", "004"}


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [p.name[:3] for p in SEEDS])
@pytest.mark.parametrize(
    ("codec", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("gb18030", b"", "gb18030"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_seed_round_trip(seed: str, codec: str, bom: bytes, expected: str) -> None:
    text = seed_text(seed)
    decoded = decode_bytes(bom + text.encode(codec))
    assert decoded == Decoded(text, expected, None)


@pytest.mark.parametrize("seed", ["003", "004"])
def test_big5_seed(seed: str) -> None:
    text = big5_text(seed)
    assert len(text) > 2000
    data = text.encode("big5")
    # Big5 bytes are also valid GB18030; only the common-character score tells them apart.
    assert data.decode("gb18030") != text
    assert decode_bytes(data) == Decoded(text, "big5", None)


@pytest.mark.parametrize("seed", [p.name[:3] for p in SEEDS])
def test_gbk_seed_is_not_read_as_big5(seed: str) -> None:
    text = seed_text(seed)
    assert decode_bytes(text.encode("gbk", errors="ignore")).encoding == "gb18030"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_line_endings(newline: str, codec: str) -> None:
    text = seed_text("001")
    decoded = decode_bytes(text.replace("\n", newline).encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codec


def test_crlf_utf16_with_bom() -> None:
    text = seed_text("004")
    data = codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le")
    assert decode_bytes(data) == Decoded(text, "utf-16-le", None)


def test_truncated_last_character_is_forgiven() -> None:
    text = seed_text("000").rstrip() + "。"
    for codec, expected in [("utf-8", "utf-8"), ("gb18030", "gb18030")]:
        decoded = decode_bytes(text.encode(codec)[:-1])
        assert decoded.text == text[:-1]
        assert (decoded.encoding, decoded.note) == (expected, "truncated_tail")


# --- rejects ----------------------------------------------------------------------------


def test_empty_inputs() -> None:
    assert decode_bytes(b"") == Decoded(None, None, "empty")
    assert decode_bytes(b" \r\n\t\n").reject == "empty"
    assert decode_bytes(codecs.BOM_UTF16_LE + " \u3000\n".encode("utf-16-le")).reject == "empty"
    assert decode_bytes(codecs.BOM_UTF8).reject == "empty"


def test_random_binary() -> None:
    data = random.Random(20240601).randbytes(16 * 1024)
    assert decode_bytes(data) == Decoded(None, None, "binary")


def test_control_characters_without_nul_are_binary() -> None:
    text = seed_text("000")
    noisy = "".join(ch + ("\x1b" if i % 50 == 0 else "") for i, ch in enumerate(text))
    assert decode_bytes(noisy.encode("utf-8")).reject == "binary"
    # a stray control character is left for the repair rules
    assert decode_bytes((text + "\x08").encode("utf-8")).reject is None


def test_latin_text_is_not_chinese() -> None:
    latin = (
        "Building service-oriented government offices is an important measure. "
        "Offices should improve the quality of their staff and their work style.\n"
    ) * 20
    assert decode_bytes(latin.encode("utf-8")) == Decoded(None, "utf-8", "not_chinese")
    assert decode_bytes(latin.replace("is", "é").encode("cp1252")).reject == "not_chinese"


def test_few_chinese_characters_are_not_chinese() -> None:
    assert decode_bytes("如何加强服务型机关建设\n".encode()).reject == "not_chinese"
    mostly_english = "English text " * 100 + seed_text("000")[:60]
    assert decode_bytes(mostly_english.encode()).reject == "not_chinese"


def test_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 1000)
    assert decode_bytes(seed_text("000").encode()) == Decoded(None, None, "too_large")


def test_invalid_bytes_after_bom_are_undecodable() -> None:
    data = codecs.BOM_UTF8 + seed_text("000").encode("gb18030")
    assert decode_bytes(data) == Decoded(None, "utf-8-sig", "undecodable")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5"])
def test_a_damaged_byte_is_replaced(codec: str) -> None:
    text = big5_text("004")
    data = bytearray(text.encode(codec))
    middle = len(data) // 2
    while data[middle] < 0x80:  # hit a multi-byte character
        middle += 1
    data[middle] = 0xFF
    decoded = decode_bytes(bytes(data))
    assert (decoded.encoding, decoded.note) == (codec, "replaced_bad_bytes")
    # one replacement per invalid byte: a UTF-8 lead byte leaves two stray continuations
    assert decoded.text.count("\ufffd") in (1, 2, 3)
    assert abs(len(decoded.text) - len(text)) <= 2


def test_many_damaged_bytes_are_undecodable() -> None:
    data = bytearray(seed_text("001").encode("utf-8"))
    data[1::200] = b"\xff" * len(data[1::200])
    assert decode_bytes(bytes(data)).reject == "undecodable"


def test_mojibake_scoring_rejects_unlikely_decoding() -> None:
    # GB2312 level-2 characters only: valid GB18030, but nothing a real essay is made of.
    rare = bytes(b for i in range(400) for b in (0xD8 + i % 30, 0xA1 + i % 90))
    decoded = decode_bytes(rare)
    assert decoded.reject == "undecodable"


# --- long lines -------------------------------------------------------------------------


def test_twelve_megabyte_single_line() -> None:
    sentence = "建设服务型机关是党和政府在新的历史时期深入落实科学发展观的重要举措。"
    repeats = 12 * 1024 * 1024 // len(sentence.encode()) + 1
    line = sentence * repeats
    data = line.encode("utf-8")
    assert len(data) >= 12 * 1024 * 1024 and b"\n" not in data
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and decoded.note == "split_long_line"
    lines = decoded.text.split("\n")
    per_line = MAX_LINE_CHARS // len(sentence)  # whole sentences fitting the limit
    assert len(lines) == -(-repeats // per_line)
    assert max(map(len, lines)) == per_line * len(sentence) <= MAX_LINE_CHARS
    assert all(piece.endswith("。") for piece in lines)
    assert "".join(lines) == line


def test_long_line_without_sentence_ends_is_cut_hard() -> None:
    text = "机关" * 6_001  # 12,002 characters, no sentence end
    decoded = decode_text(text)
    assert [len(x) for x in decoded.text.split("\n")] == [5_000, 5_000, 2_002]
    assert decoded.note == "split_long_line"


def test_split_keeps_closing_quotes_and_short_lines() -> None:
    text = "短行\n" + "他说：“要加强学习。”" * 600 + "\n结尾。"
    decoded = decode_text(text)
    lines = decoded.text.split("\n")
    assert lines[0] == "短行" and lines[-1] == "结尾。"
    assert all(line.endswith("。”") for line in lines[1:-1])
    assert max(map(len, lines)) <= MAX_LINE_CHARS
    assert "".join(lines[1:-1]) == "他说：“要加强学习。”" * 600


# --- HTML -------------------------------------------------------------------------------


def wrap_html(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n"))
    return (
        f"<html><head><title>t</title><style>p{{}}</style></head><body>{paragraphs}</body></html>"
    )


@pytest.mark.parametrize("seed", [p.name[:3] for p in SEEDS])
def test_html_paragraphs_give_the_plain_lines(seed: str) -> None:
    text = seed_text(seed)
    page = wrap_html(text)
    assert looks_like_html(page)
    assert html_to_text(page).split("\n") == ascii_ws_lines(text)
    decoded = decode_bytes(page.encode("gb18030"))
    assert (decoded.encoding, decoded.note) == ("gb18030", "html")
    assert decoded.text.split("\n") == ascii_ws_lines(text)


def test_html_rendering_rules() -> None:
    page = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>标题不要</title>
<script>var a = "<p>不要</p>";</script></head>
<body><noscript>请开启脚本</noscript>
<div class="nav">首页 &gt; 正文</div>
<h1>如何加强
  服务型机关建设</h1>
<!-- 注释不要 -->
<p>第一段&nbsp;内容，<b>加粗</b>
   与 <a href="#">链接</a>。</p>
<ul><li>甲</li><li>乙<br/>丙</li></ul>
<table><tr><td>单元一</td><td>单元二</td></tr></table>
<pre>代码行一
代码行二</pre>
<style>.x{color:red}</style>
</body></html>"""
    assert html_to_text(page).split("\n") == [
        "首页 > 正文",
        "如何加强服务型机关建设",  # source line break between CJK characters disappears
        "第一段\xa0内容，加粗与 链接。",  # same, while a plain space stays
        "甲",
        "乙",
        "丙",
        "单元一 单元二",
        "代码行一",
        "代码行二",
    ]


def test_broken_markup_costs_linear_time() -> None:
    # html.parser alone rescans to the end for each unterminated "<a" (quadratic) and
    # raises on unknown marked sections; both are defused before parsing.
    soup = "<a " * 100_000
    assert html_to_text(soup) == soup.strip()
    assert html_to_text("<![foo[bar]]>中文<![CDATA[x]]>") == "中文"
    assert html_to_text("<p>正文<!-- 未闭合的注释") == "正文<!-- 未闭合的注释"


def test_unclosed_head_ends_at_first_body_tag() -> None:
    assert html_to_text("<html><head><title>x</title><p>正文</p>") == "正文"


def test_plain_text_with_a_stray_tag_is_not_html() -> None:
    text = seed_text("000") + "\n在 <br> 前后。"
    assert not looks_like_html(text)
    assert decode_bytes(text.encode()).note is None


# --- iter_inputs ------------------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_iter_inputs_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    essay = seed_text("000").encode()
    write(tmp_path / "b" / "z.txt", b"z")
    write(tmp_path / "b" / "a.htm", b"a")
    write(tmp_path / "a.txt", essay)
    write(tmp_path / "README", b"no extension")
    write(tmp_path / "c.HTML", b"<p>c</p>")
    write(tmp_path / "data.bin", b"\x00\x01")
    write(tmp_path / ".hidden.txt", b"x")
    write(tmp_path / ".git" / "config.txt", b"x")
    docs = list(iter_inputs(tmp_path))
    assert [d.source_file for d in docs] == [
        "README", "a.txt", "b/a.htm", "b/z.txt", "c.HTML", "data.bin",
    ]  # fmt: skip
    assert docs[1] == RawDoc(source_file="a.txt", data=essay)
    assert all(d.error is None and d.text is None for d in docs)
    assert list(iter_inputs(tmp_path)) == docs  # deterministic


def test_iter_inputs_single_file_root(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", b"abc")
    assert list(iter_inputs(path)) == [RawDoc(source_file="one.txt", data=b"abc")]


def test_iter_inputs_missing_root(tmp_path: Path) -> None:
    expected = r"^not found: .*seeds \(pass --input DIR\)$"
    with pytest.raises(InputError, match=expected):
        iter_inputs(tmp_path / "seeds")


def test_too_large_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: costs no disk and is never read
        handle.truncate(MAX_INPUT_BYTES + 1)
    write(tmp_path / "small.txt", b"ok")

    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        assert self.name != "big.txt", "a too-large file was opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    docs = list(iter_inputs(tmp_path))
    assert docs == [
        RawDoc(source_file="big.txt", data=b"", error="too_large"),
        RawDoc(source_file="small.txt", data=b"ok"),
    ]
    assert decode_raw(docs[0]) == Decoded(None, None, "too_large")


def test_jsonl_records(tmp_path: Path) -> None:
    essay = seed_text("001")
    lines = [
        json.dumps({"text": essay, "url": "https://example.gov.cn/a.html"}, ensure_ascii=False),
        "",
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        r'{"text": "短\ud800文"}',  # a lone surrogate, which JSON allows
        "[1, 2]",
        json.dumps({"text": "第二篇", "url": 5}),
    ]
    write(tmp_path / "sub" / "recs.jsonl", "\n".join(lines).encode())
    write(tmp_path / "z.txt", b"after")
    docs = list(iter_inputs(tmp_path))
    assert [(d.source_file, d.error) for d in docs] == [
        ("sub/recs.jsonl#1", None),
        ("sub/recs.jsonl#3", "corrupt_jsonl"),
        ("sub/recs.jsonl#4", "missing_text"),
        ("sub/recs.jsonl#5", None),
        ("sub/recs.jsonl#6", "not_a_record"),
        ("sub/recs.jsonl#7", None),
        ("z.txt", None),
    ]
    first = docs[0]
    assert first == RawDoc(
        "sub/recs.jsonl#1", essay.encode(), text=essay, url="https://example.gov.cn/a.html"
    )
    assert docs[1].data == b'{"text": "broken\n'
    assert docs[3].text == "短\ufffd文"
    assert docs[5].url is None
    assert decode_raw(first) == Decoded(essay, "utf-8", None)
    assert decode_raw(docs[1]).reject == "corrupt_jsonl"


def test_parquet_records(tmp_path: Path) -> None:
    essay = seed_text("004")
    table = pa.table(
        {
            "text": [essay, None, "第三篇"] + [f"第{i}行" for i in range(600)],
            "url": ["https://x.gov.cn/1", None, ""] + [None] * 600,
            "other": list(range(603)),
        }
    )
    pq.write_table(table, tmp_path / "a.parquet", row_group_size=100)
    write(tmp_path / "b.parquet", b"PAR1 this is not parquet PAR1")
    good = (tmp_path / "a.parquet").read_bytes()
    write(tmp_path / "c.parquet", good[: len(good) // 2] + good[-200:])
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "d.parquet")
    pq.write_table(pa.table({"text": [essay.encode("big5", "ignore")]}), tmp_path / "e.parquet")
    write(tmp_path / "z.txt", b"after")

    docs = list(iter_inputs(tmp_path))
    a_docs = [d for d in docs if d.source_file.startswith("a.parquet")]
    assert [d.source_file for d in a_docs] == [f"a.parquet#{i}" for i in range(603)]
    assert a_docs[0] == RawDoc("a.parquet#0", essay.encode(), text=essay, url="https://x.gov.cn/1")
    assert a_docs[1].error == "missing_text"
    assert (a_docs[2].text, a_docs[2].url) == ("第三篇", None)
    assert [(d.source_file, d.error) for d in docs[603:]] == [
        ("b.parquet", "corrupt_parquet"),  # not Parquet at all
        ("c.parquet", "corrupt_parquet"),  # truncated: no valid footer
        ("d.parquet", "missing_text"),  # no "text" column
        ("e.parquet#0", None),  # binary column: bytes decoded later
        ("z.txt", None),
    ]
    big5_doc = docs[-2]
    assert big5_doc.text is None
    assert decode_raw(big5_doc).encoding == "big5"


def test_corrupt_parquet_row_group_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    pq.write_table(
        pa.table({"text": [f"第{i}行" * 50 for i in range(600)]}), path, row_group_size=100
    )
    column = pq.ParquetFile(path).metadata.row_group(2).column(0)
    start = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(path.read_bytes())
    data[start : start + column.total_compressed_size] = b"\xab" * column.total_compressed_size
    path.write_bytes(bytes(data))
    docs = list(iter_inputs(tmp_path))
    assert [d.source_file for d in docs] == (
        [f"a.parquet#{i}" for i in range(200)]
        + ["a.parquet#200"]
        + [f"a.parquet#{i}" for i in range(300, 600)]
    )
    assert docs[200].error == "corrupt_parquet"
    assert docs[201].text == "第300行" * 50


def test_unreadable_entries_do_not_stop_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", b"a")
    write(tmp_path / "b.txt", b"b")
    write(tmp_path / "c" / "d.txt", b"d")
    write(tmp_path / "e.jsonl", b"{}")
    write(tmp_path / "f.txt", b"f")
    real_open, real_scandir = Path.open, os.scandir

    def failing_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name in ("b.txt", "e.jsonl"):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def failing_scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "c":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", failing_open)
    monkeypatch.setattr(discover.os, "scandir", failing_scandir)
    docs = list(iter_inputs(tmp_path))
    assert [(d.source_file, d.error) for d in docs] == [
        ("a.txt", None), ("b.txt", "unreadable"), ("c", "unreadable"), ("e.jsonl", "unreadable"),
        ("f.txt", None),
    ]  # fmt: skip


def test_unreadable_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_scandir(path):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(discover.os, "scandir", failing_scandir)
    with pytest.raises(InputError, match=r"cannot read input directory .*Permission denied"):
        iter_inputs(tmp_path)


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", b"a")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert [d.source_file for d in iter_inputs(tmp_path)] == ["d/a.txt"]


# --- never raise ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=4096),
        # no NULs and mostly high bytes: exercises the GB18030/Big5/charset-normalizer path
        st.lists(st.integers(0x20, 0xFF), max_size=3000).map(bytes),
    )
)
def test_decode_bytes_never_raises(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert (decoded.text is None) != (decoded.reject is None)
    if decoded.text is not None:
        assert "\r" not in decoded.text
        assert max(map(len, decoded.text.split("\n"))) <= MAX_LINE_CHARS


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                b"\xef\xbb\xbf",
                b"\xff\xfe",
                "机关".encode(),
                "機".encode("big5"),
                "建".encode("gbk"),
                b"\r\n",
                b"<p>",
                b"\x00",
                b"\x81",
                b" ",
            ]
        ),
        max_size=60,
    )
)
def test_decode_bytes_never_raises_on_tricky_pieces(pieces: list[bytes]) -> None:
    decode_bytes(b"".join(pieces))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=2000))
def test_html_to_text_never_raises(text: str) -> None:
    out = html_to_text(text)
    for line in out.split("\n") if out else []:
        assert line and line == line.strip(" \t\n\r\f")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!-&;#[]?pbrdivscriptCDATA\"'= 中文。\n"))))
def test_html_to_text_never_raises_on_markup_soup(text: str) -> None:
    html_to_text(text)
    looks_like_html(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文。！”a ")), max_size=300), st.integers(1, 20))
def test_split_long_line_properties(line: str, limit: int) -> None:
    pieces = split_long_line(line, limit)
    assert "".join(pieces) == line
    assert all(len(p) <= limit for p in pieces)
