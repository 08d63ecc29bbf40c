"""UTF-8 read as GBK or as cp1252 inside good text (zh_gov_essays.repair.misread).

The garbled spans are made here the way real systems make them: GB18030 or
browsers' GBK (byte 80 is the euro sign), Python's ``gbk`` with ``ignore``
(a skipped byte), cp1252 with ``replace`` (U+FFFD for its five undefined
bytes), ftfy's ``sloppy-windows-1252`` (undefined bytes as C1 controls).
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from importlib import resources
from itertools import accumulate
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (the sloppy-windows-1252 codec, to make fixtures)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, SAMPLES, SEEDS, process_text
from zh_gov_essays.invariants import paragraph_problems
from zh_gov_essays.pipeline import process
from zh_gov_essays.read import decode_raw
from zh_gov_essays.records import RawDoc
from zh_gov_essays.repair import LINE_REPAIRS, misread, utf8_spans
from zh_gov_essays.repair.misread import AFTER_GBK, AFTER_LATIN1, utf8_as_gbk, utf8_as_latin1
from zh_gov_essays.repair.utf8_spans import Run, _groups
from zh_gov_essays.rules import apply_text_rules


def as_gbk(text: str) -> str:
    """UTF-8 bytes read as GBK the way browsers and Windows do: 80 is €, a stray byte U+FFFD."""
    out = text.encode("utf-8").decode("gb18030", "surrogateescape").replace("\udc80", "€")
    return "".join("\ufffd" if "\udc00" <= ch <= "\udfff" else ch for ch in out)


def as_gbk_ignore(text: str) -> str:
    """Python's ``gbk`` codec with ``errors="ignore"``: user-defined pairs lose a byte."""
    return text.encode("utf-8").decode("gbk", "ignore")


def as_cp1252(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def as_cp1252_replace(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", "replace")


SENTENCE = "坚持把学习培训作为提升能力的重要抓手"  # 18 characters: an even byte count
ENDS_WITH_STOP = "三是推进节约型机关建设，严格执行公务用车管理规定。"

# case, before (a line as published on main), after
GBK_CASES = {
    "issue example, bytes lost (dropped)": ("会议强调，要寤鸿炬湇鍔″瀷", "会议强调，要"),
    "clean span after good text": (
        "二、加强队伍建设。" + as_gbk(SENTENCE) + "。",
        "二、加强队伍建设。" + SENTENCE + "。",
    ),
    "clean span before good text": (
        as_gbk(SENTENCE) + "，是党和政府的重要举措。",
        SENTENCE + "，是党和政府的重要举措。",
    ),
    "whole line, ASCII inside": (as_gbk("首页 > 心得体会 > 正文"), "首页 > 心得体会 > 正文"),
    "final 。 cut at the end of the line (the mark is lost)": (
        as_gbk(ENDS_WITH_STOP),
        ENDS_WITH_STOP[:-1],
    ),
    "content character cut at the end of the line (dropped)": (
        "一、" + as_gbk("建设服务型机关"),
        "一、",
    ),
    "byte 80 read as €": (as_gbk("一是一，二是二"), "一是一，二是二"),
    "byte skipped in the middle (dropped)": (
        "要求：" + as_gbk_ignore("建设服务型机关，落实安全生产责任制") + "。",
        "要求：。",
    ),
    "U+FFFD in the middle, as browsers read an undefined pair (dropped)": (
        as_gbk("一、") + "\ufffd" + as_gbk("提升服务质量"),
        "",
    ),
    "锟斤拷 inside a line (dropped)": (
        "建立隐患台账锟斤拷锟斤拷并及时整改。",
        "建立隐患台账并及时整改。",
    ),
}


@pytest.mark.parametrize(("before", "after"), GBK_CASES.values(), ids=GBK_CASES.keys())
def test_utf8_read_as_gbk(before: str, after: str) -> None:
    assert utf8_as_gbk(before) == after


# Correct text whose neighbours, punctuation or rare characters could look like the bytes
# of UTF-8: none may change.
GBK_NEGATIVES = [
    "建设服务型机关，是党和政府在新的历史时期深入落实科学发展观的重要举措。",
    "設。鍧氭",  # two characters of mojibake: too short to be sure
    "娉婷婀娜，寤寐思服，鸿鹄之志，炬火通明。",  # rare but real
    "機關黨委樹立服務意識，提升服務能力和水平。",
    "价格为100€，折合人民币约780元。",
    "锟",
    "【篇一】《孟子·梁惠王》云：“诸侯朝于天子曰述职。”",
]


@pytest.mark.parametrize("text", GBK_NEGATIVES)
def test_gbk_leaves_correct_text_alone(text: str) -> None:
    assert utf8_as_gbk(text) == text


LATIN1_CASES = {
    "issue example": ("å»ºè®¾", "建设"),
    "inside Chinese text, digits next to it": (
        "要求各科室在2023" + as_cp1252("年底前") + "完成自查。",
        "要求各科室在2023年底前完成自查。",
    ),
    "Latin-1 C1 controls for cp1252's undefined bytes": (
        "建设服务型机关".encode().decode("latin-1"),
        "建设服务型机关",
    ),
    "curly quotes around the span stay": ("“" + as_cp1252("建设") + "”", "“建设”"),
    "U+FFFD for an undefined byte (dropped)": (
        "会议指出：" + as_cp1252_replace("建设服务型机关"),
        "会议指出：",
    ),
    "undefined byte skipped (dropped)": (
        "会议指出：" + "建设服务型机关".encode().decode("cp1252", "ignore") + "。",
        "会议指出：。",
    ),
}


@pytest.mark.parametrize(("before", "after"), LATIN1_CASES.values(), ids=LATIN1_CASES.keys())
def test_utf8_read_as_latin1(before: str, after: str) -> None:
    assert utf8_as_latin1(before) == after


LATIN1_NEGATIVES = [
    "参照Müller & Söhne咨询公司的“café式”开放办公经验。",
    "zhèngxié jīguān",
    "温度为25°C，误差±0.5，面积3×4米，张·伟",
    "你好，世界！全角标点不变：（一）、《》",
    "Ã",
    "naïve façade résumé Ångström",
]


@pytest.mark.parametrize("text", LATIN1_NEGATIVES)
def test_latin1_leaves_correct_text_alone(text: str) -> None:
    assert utf8_as_latin1(text) == text


def test_ftfy_never_touches_full_width_punctuation() -> None:
    # ftfy's fix_character_width would make this ASCII: the repair hands ftfy only the
    # garbled span, with that fixer (and decode_inconsistent_utf8) off.
    line = "你好，世界！" + as_cp1252("建设服务型机关") + "（一）：“是”。"
    assert utf8_as_latin1(line) == "你好，世界！建设服务型机关（一）：“是”。"


def test_declared_in_flow_order() -> None:
    names = [rule.name for rule in LINE_REPAIRS]
    # cp1252: before any rule that deletes a character the bytes may stand for
    for later in ("invisible_chars", "control_chars", "whitespace", "replacement_char"):
        assert names.index("utf8_as_latin1") < names.index(later)
    # GBK: while U+FFFD still marks lost bytes, and before the misaligned-GB18030 repair
    assert names.index("utf8_as_gbk") < names.index("replacement_char")
    assert names.index("utf8_as_gbk") < names.index("mojibake")
    assert utf8_as_gbk.logs and utf8_as_latin1.logs


def test_runner_logs_what_was_replaced_and_dropped() -> None:
    garbled = as_gbk(SENTENCE)
    result = apply_text_rules("二、" + garbled, LINE_REPAIRS)
    assert result.text == "二、" + SENTENCE
    assert "utf8_as_gbk" in result.repairs
    assert [(r.rule, r.text) for r in result.removed] == [("utf8_as_gbk", garbled)]
    result = apply_text_rules("会议强调，要寤鸿炬湇鍔″瀷", LINE_REPAIRS)
    assert [(r.rule, r.text) for r in result.removed] == [("utf8_as_gbk", "寤鸿炬湇鍔″瀷")]


def test_pages_publish_the_repair_and_nothing_garbled() -> None:
    page = FIXTURES / "garbage" / "g01_utf8_read_as_gbk.txt"
    doc = process(RawDoc(page.name, page.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert texts[2:6] == [
        "二是抓好学习培训，坚持把学习培训作为提升能力的重要抓手，每月组织两次业务知识讲座",
        "三是推进节约型机关建设，严格执行公务用车管理规定",
        "五是加强队伍建设。每月对食堂、配电房等重点部位开展安全检查，建立隐患台账并及时整改。",
        "2024年，中心将继续围绕机关运行保障需要，补短板、强弱项，为机关高效运转提供坚实保障。",
    ]
    assert [p.repairs for p in doc.paragraphs[2:5]] == [["whitespace", "utf8_as_gbk"]] * 3
    dropped = [r.text for r in doc.removed if r.rule == "utf8_as_gbk"]
    assert as_gbk_ignore("四是建设服务型机关，落实安全生产责任制。") in dropped
    assert "锟斤拷" in dropped
    page = FIXTURES / "garbage" / "g02_utf8_read_as_cp1252.txt"
    doc = process(RawDoc(page.name, page.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert (
        "二、加强作风建设，推动机关效能持续提升。要求各科室在2023年底前完成自查，及时整改存在的问题。"
        in texts
    )
    assert not any("三、完善制度体系" in t for t in texts)
    assert any("Müller & Söhne" in t and "“café式”" in t for t in texts)
    assert [r.text for r in doc.removed if r.rule == "utf8_as_latin1"][-1] == as_cp1252_replace(
        "三、完善制度体系，健全考核评价机制。"
    )


def test_the_redteam_pages_lose_their_garbage() -> None:
    # t10 (a UTF-8 breadcrumb and byline read as GBK, bytes lost) and t11 (a paragraph of
    # it): before, the t11 paragraph came out as the one-letter paragraph "点".
    page = FIXTURES / "redteam3" / "t11_utf8_as_gbk_paragraph.txt"
    doc = process(RawDoc(page.name, page.read_bytes()))
    assert all(len(p.text) > 20 for p in doc.paragraphs)
    assert [r.rule for r in doc.removed if "浜屻" in r.text] == ["utf8_as_gbk"]


def _lines(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        text = decode_raw(RawDoc(path.name, path.read_bytes())).text or ""
        out.extend(line for line in text.split("\n") if line.strip())
    return out


def test_clean_pages_unchanged() -> None:
    """No line of the seeds, fixture pages or samples changes, but those made garbled."""
    paths = sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("*/*.txt"))
    paths += sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []
    garbled = {"t10_gbk_mojibake_header.txt", "t11_utf8_as_gbk_paragraph.txt"}
    changed = [
        line
        for line in _lines(
            [p for p in paths if p.name not in garbled and p.parent.name != "garbage"]
        )
        if utf8_as_gbk(line) != line or utf8_as_latin1(line) != line
    ]
    assert changed == []


def test_random_chinese_text_unchanged() -> None:
    """Text drawn from the character frequencies (Simplified, Traditional, punctuation) stays:
    2,000 lines of 100 characters, a fixed seed (60,000 such lines measured: none changed)."""
    table = (resources.files("zh_gov_essays") / "data" / "charfreq.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")]
    chars, weights = [r[0] for r in rows], [int(r[1]) for r in rows]
    rng = random.Random(7)
    lines = ["".join(rng.choices(chars, weights, k=100)) for _ in range(2000)]
    assert [line for line in lines if utf8_as_gbk(line) != line] == []


def test_gate_finds_no_garbage_in_what_the_repairs_publish() -> None:
    for before, _after in [*GBK_CASES.values(), *LATIN1_CASES.values()]:
        after = utf8_as_latin1(utf8_as_gbk(before))
        assert not {"mojibake", "U+FFFD", "private-use code point"} & set(
            paragraph_problems(after)
        ), before


_GARBLED = st.sampled_from(
    [
        as_gbk(SENTENCE),
        as_gbk(ENDS_WITH_STOP),
        as_gbk_ignore("建设服务型机关"),
        "锟斤拷",
        as_cp1252("建设服务型机关"),
        as_cp1252_replace("建设"),
        "\ufffd",
        "€",
        "，",
        "。",
        " ",
        "2023",
    ]
)
_MIXED = st.lists(st.one_of(_GARBLED, st.text(max_size=6)), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_idempotent_and_never_raises(text: str) -> None:
    for rule in (utf8_as_gbk, utf8_as_latin1):
        once = rule(text)
        assert rule(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_idempotent_on_any_text(text: str) -> None:
    for rule in (utf8_as_gbk, utf8_as_latin1):
        once = rule(text)
        assert rule(once) == once


def test_page_with_a_garbled_paragraph_passes_the_gate() -> None:
    prose = "各科室要认真落实机关作风建设各项要求，切实提高服务水平和工作效率，做到件件有着落、事事有回音。"
    page = "\n\n".join(
        [
            "关于加强机关作风建设的通知",
            prose,
            "二、" + as_gbk(SENTENCE),
            "三、" + as_gbk_ignore("建设服务型机关，落实安全生产责任制") + "。",
            "四、" + as_cp1252("推进服务型机关建设，提高行政效能"),
            *[prose] * 6,  # cp1252 mojibake holds C1 controls: a short page reads as binary
        ]
    )
    doc = process_text(page)
    assert [p.text for p in doc.paragraphs][:3] == [
        prose,
        "二、" + SENTENCE,
        "四、推进服务型机关建设，提高行政效能",
    ]
    # what the drop left of the third is one letter: the gate drops it, logged
    assert ("invalid_paragraph", "三、。") in [(r.rule, r.text) for r in doc.removed]


_PIECES = st.sampled_from(
    [
        as_gbk(SENTENCE),
        as_gbk("推进节约型"),
        as_gbk_ignore("建设服务型机关"),
        as_cp1252("建设服务型机关"),
        as_cp1252("年底前"),
        as_cp1252_replace("学习培训"),
        "建设服务型机关".encode().decode("latin-1"),
        "\ufffd",
        "\x80",
        "\x85",
        "\xad",
        "\x1f",
        "\u200b",
        "\ufe0f",
        "锟斤拷",
        "，",
        "。",
        " ",
        "2023",
        "A",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join))
def test_line_repairs_settle_around_garbled_spans(text: str) -> None:
    """The later repairs delete what the garbled spans may hold (U+FFFD, C1 controls, soft
    hyphens, zero-width spaces): cleaning the result again changes nothing."""
    once = apply_text_rules(text, LINE_REPAIRS).text
    assert apply_text_rules(once, LINE_REPAIRS).text == once


@pytest.mark.parametrize(
    ("rule", "after"), [(utf8_as_latin1, AFTER_LATIN1), (utf8_as_gbk, AFTER_GBK)]
)
def test_what_the_misread_repairs_expect_runs_after_them_in_order(rule, after) -> None:
    """The repairs a misread repair predicts (to stay idempotent) are the ones that
    really run after it, in LINE_REPAIRS order: reordering the list must update them."""
    rest = iter(LINE_REPAIRS[LINE_REPAIRS.index(rule) + 1 :])
    assert all(any(r is later for r in rest) for later in after)


# --- the byte scans of utf8_spans against the character-by-character definitions ---------------

# One UTF-8 character, strictly (RFC 3629).  The alternatives are prefix-free, so scanning
# with it from left to right finds exactly the characters a strict decoder finds when it
# skips each byte it cannot decode.
_UTF8_CHAR = re.compile(
    rb"[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _allowed(ch: str) -> bool:
    o = ord(ch)
    return (0x20 <= o < 0x7F) or (0xA0 <= o <= 0xFFFD and not 0xE000 <= o <= 0xF8FF)


def groups_by_characters(data: bytes, wide_only: bool) -> list[list[tuple[int, int, str]]]:
    """``utf8_spans._groups`` as defined: decode character by character, group the allowed
    ones with no byte between them, keep the groups with a wide (or non-ASCII) one."""
    groups, current, last_end = [], [], -1
    least = 3 if wide_only else 2
    for match in [*_UTF8_CHAR.finditer(data), None]:
        if match is not None:
            start, end = match.span()
            ch = match.group().decode("utf-8")
            if start == last_end and _allowed(ch):
                current.append((start, end, ch))
                last_end = end
                continue
        if any(e - s >= least for s, e, _ in current):
            groups.append(current)
        current, last_end = [], -1
        if match is not None and _allowed(ch):
            current, last_end = [(start, end, ch)], end
    return groups


_BYTES = st.lists(
    st.one_of(
        st.binary(max_size=6),
        st.sampled_from(
            [
                b"\xe5\xbb\xba",
                b"\xef\xbf\xbd",
                b"\xee\x80\x80",
                b"\xef\xa3\xbf",
                b"\xef\xa4\x80",
                b"\xef\xbf\xbe",
                b"\xed\x9f\xbf",
                b"\xed\xa0\x80",
                b"\xe0\xa0\x80",
                b"\xe0\x9f\xbf",
                b"\xc2\xa0",
                b"\xc2\x85",
                b"\xc3\xa9",
                b"\xf0\x9f\x98\x80",
                b"\xff",
                b"\x80",
                b"a",
                b"\x1f",
                b"\x7f",
                b" ",
            ]
        ),
    ),
    max_size=20,
).map(b"".join)


@settings(max_examples=2000, deadline=None)
@given(_BYTES)
def test_groups_found_from_their_wide_characters_are_the_defined_ones(data: bytes) -> None:
    for wide_only in (True, False):
        assert _groups(data, wide_only) == groups_by_characters(data, wide_only)


def test_groups_of_garbled_lines_are_the_defined_ones() -> None:
    rnd = random.Random(13)
    pages = [p.read_text("utf-8", "replace") for p in sorted(SEEDS.glob("*.txt"))]
    for _ in range(300):
        text = rnd.choice(pages)
        start = rnd.randrange(len(text))
        line = text[start : start + rnd.randint(1, 400)]
        for data in (
            line.encode("gb18030", "replace"),
            line.encode("utf-8"),
            as_gbk(line).encode("gb18030", "replace"),
        ):
            for wide_only in (True, False):
                assert _groups(data, wide_only) == groups_by_characters(data, wide_only)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join), st.text(max_size=20))
def test_run_offsets_are_the_widths_added_up(garbled: str, other: str) -> None:
    for codec in (misread._gbk(), misread._latin1()):
        for match in codec.run.finditer(garbled + other + "\ufe0f\ufffd€" + garbled):
            chars = match.group()
            data = codec.encode(chars)
            run = Run(5, chars, data, codec)
            # the definitions: every character's offset, the widths added up one by one
            starts = list(accumulate(map(codec.width, chars), initial=0))
            assert starts[-1] == len(data)
            for byte in range(-1, len(data) + 3):
                assert run.is_bound(byte) == (byte in starts), (chars, byte)
                if byte >= 0:
                    assert run.char_at(byte) == 5 + bisect_right(starts, byte) - 1, (chars, byte)


# --- runs passed over: what the verdicts cannot edit ---------------------------------------------


def _gbk_rewrite(text: str, least_wide: int) -> str:
    codec = misread._gbk()
    return utf8_spans.rewrite(
        text, codec, True, misread._gbk_joins, misread._gbk_verdict, least_wide
    )


def _rewrite_texts() -> list[str]:
    rnd = random.Random(17)
    pages = [p.read_text("utf-8", "replace") for p in sorted(SEEDS.glob("*.txt"))]
    pieces = [as_gbk(SENTENCE), as_gbk("推进节约型"), as_gbk_ignore("建设服务型机关"), "锟斤拷"]
    pieces += ["锟", "\ufffd", "€", "\ufe0f", "\ue000", "，", "。", " ", "2023", "A", "琐事", "鍧"]
    texts = []
    for _ in range(400):
        text = rnd.choice(pages)
        start = rnd.randrange(len(text))
        line = text[start : start + rnd.randint(1, 300)]
        texts += [line, line.encode("gb18030").decode("utf-8", "replace")]
        texts.append("".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))))
        cut = rnd.randrange(len(line) + 1)
        texts.append(line[:cut] + as_gbk(line[cut : cut + rnd.randint(1, 12)]) + line[cut + 12 :])
    return texts


def test_runs_passed_over_by_utf8_as_gbk_change_nothing() -> None:
    """Passing over runs whose groups cannot make a chain of two wide characters (the
    fewest the GBK verdict edits) gives what looking at every run gives."""
    assert misread._GBK_LEAST_WIDE == 2
    edited = 0
    for text in _rewrite_texts():
        slow = _gbk_rewrite(text, 1)
        assert _gbk_rewrite(text, misread._GBK_LEAST_WIDE) == slow, text
        edited += slow != text
    assert edited > 100
