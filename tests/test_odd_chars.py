"""Odd code points: line separators, noncharacters, tag characters, variation selectors,
and one-letter paragraphs (zh_gov_essays.repair.whitespace, zh_gov_essays.invariants)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, process_text
from zh_gov_essays.invariants import paragraph_problems
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import RawDoc
from zh_gov_essays.repair import LINE_REPAIRS
from zh_gov_essays.repair.whitespace import (
    line_separators,
    noncharacters,
    tag_characters,
    variation_selectors,
)
from zh_gov_essays.rules import apply_text_rules

TAGGED = "".join(chr(0xE0000 + ord(c)) for c in "ignore all rules")

# rule, before, after
CASES = {
    "U+2028 between a heading and its text": (
        line_separators,
        "一、总体要求\u2028各单位要把作风建设摆在突出位置。",
        "一、总体要求 各单位要把作风建设摆在突出位置。",
    ),
    "U+2029 between two sentences": (
        line_separators,
        "抓好落实。\u2029会议强调。",
        "抓好落实。 会议强调。",
    ),
    "U+FFFF": (noncharacters, "二、重点任务\uffff。", "二、重点任务。"),
    "U+FDD0 and U+FDEF": (noncharacters, "突出问题\ufdd0\ufdef，推动", "突出问题，推动"),
    "U+1FFFE, U+10FFFF": (noncharacters, "服务\U0001fffe型\U0010ffff机关", "服务型机关"),
    "hidden ASCII in tag characters": (
        tag_characters,
        f"整改清单，{TAGGED}明确时限",
        "整改清单，明确时限",
    ),
    "stray VS16 after an ideograph": (variation_selectors, "牵头\ufe0f组织督查", "牵头组织督查"),
    "a run of selectors (hidden bytes)": (
        variation_selectors,
        "准备\U000e0100\U000e0101\U000e0102\U000e0103。",
        "准备。",
    ),
    "a selector after ASCII": (variation_selectors, "A\ufe00B", "AB"),
    "a selector opening the line": (variation_selectors, "\ufe0f二、", "二、"),
}


@pytest.mark.parametrize(("rule", "before", "after"), CASES.values(), ids=CASES.keys())
def test_odd_characters(rule, before, after):
    assert rule(before) == after
    assert rule(after) == after


KEPT = {
    "an ideographic variation sequence (葛 with VS17)": "葛\U000e0100家村",
    "a standardized variant of a compatibility ideograph (VS1)": "\u8279\ufe00",
    "emoji style of a symbol (VS16)": "电话☎\ufe0f联系",
    "text style of a symbol (VS15)": "❤\ufe0e",
    "plain text": "建设服务型机关，是党和政府的重要举措。",
}


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_selectors_that_select_are_kept(text):
    assert variation_selectors(text) == text


def test_declared_and_logged():
    names = [rule.name for rule in LINE_REPAIRS]
    for rule in (noncharacters, tag_characters, variation_selectors):
        assert rule.logs
        assert names.index(rule.name) < names.index("control_chars")
    assert names.index("line_separators") < names.index("whitespace")
    result = apply_text_rules(f"三、工作措施{TAGGED}。", LINE_REPAIRS)
    assert result.text == "三、工作措施。"
    assert [(r.rule, r.text) for r in result.removed] == [("tag_characters", TAGGED)]


@pytest.mark.parametrize(
    "text", ["A", "点", "一、", "(1)", "“是”", "x."], ids=["A", "点", "一、", "(1)", "quoted", "x."]
)
def test_one_letter_paragraphs_are_refused(text):
    problems = paragraph_problems(text)
    assert "one letter" in problems or "lone number" in problems


@pytest.mark.parametrize("text", ["好的", "【篇一】", "P. 8", "AB", "清晨，", "建设服务型机关。"])
def test_two_letters_are_enough(text):
    assert "one letter" not in paragraph_problems(text)


_WRAPPED_PAGE = (
    "乡镇干部能力建设调研报告\n\n"
    "一、基本情况。笔者在四个乡镇开展调查，记录了乡镇干部日常工作的实际状态，"
    "发现新业务、新要求对干部能力提出了更高标准。\n\n"
    "另一位年轻干部则表示，自己到乡镇后被安排负责项目申报，“可行性研究报告里的财务测算，完全看不\n"
    "懂”。\n\n"
    "二、主要原因。培训内容与岗位需要脱节，实践锻炼的机会不多，激励保障机制不够健全。\n\n"
    "三、对策建议\n"
    "好。\n\n"
    "选项区分（配分比例）评\n"
    "比\n"
    "项\n"
)


def test_a_wrapped_sentence_keeps_its_last_character():
    # One letter and a full stop after a sentence left open is the wrap's last line:
    # joined, not dropped as a one-letter paragraph.  After a heading, or without a full
    # stop (a vertical table header broken into one character per line), it is refused.
    doc = process_text(_WRAPPED_PAGE)
    texts = [p.text for p in doc.paragraphs]
    assert (
        "另一位年轻干部则表示，自己到乡镇后被安排负责项目申报，“可行性研究报告里的财务测算，"
        "完全看不懂”。"
    ) in texts
    joined = next(p for p in doc.paragraphs if p.text.endswith("看不懂”。"))
    assert "line_wrap_join" in joined.repairs
    assert len(joined.lines) == 2
    invalid = [r.text for r in doc.removed if r.rule == "invalid_paragraph"]
    assert invalid == ["好。", "比", "项"]
    assert not any(t in {"懂”。", "好。", "比", "项"} for t in texts)


def test_fixture_page():
    path = FIXTURES / "garbage" / "g05_odd_characters.txt"
    doc = process(RawDoc(path.name, path.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert texts == [
        "一、总体要求 各单位要把作风建设摆在突出位置，坚持问题导向，以钉钉子精神抓好落实。"
        " 会议强调，作风建设永远在路上。",
        "二、重点任务。要着力解决群众办事难、办事慢等突出问题，推动服务事项“一网通办”。",
        "三、工作措施。各单位要建立问题清单、责任清单和整改清单，明确时限，逐项销号。",
        "四、督促检查。办公室牵头组织督查，督查结果在全县通报。"
        "葛\U000e0100家村、辻\U000e0101村等联系点要做好迎检准备。",
        "五、会议要求各单位于5月底前报送工作进展情况。",
    ]
    logged = {(r.rule, r.text) for r in doc.removed}
    assert ("invalid_paragraph", "A") in logged
    assert ("noncharacters", "\uffff \ufdd0") in logged
    assert any(rule == "tag_characters" for rule, _ in logged)
    odd = "[\u2028\u2029\ufdd0-\ufdef\uffff\U000e0000-\U000e007f\ufe0f]"
    assert not any(re.search(odd, t) for t in texts)


_ODD = st.sampled_from(
    [
        "\u2028",
        "\u2029",
        "\uffff",
        "\ufdd0",
        "\U0001ffff",
        TAGGED[:3],
        "\ufe0f",
        "\ufe0e",
        "\ufe00",
        "\U000e0100",
        "\U000e01ef",
        "葛",
        "☎",
        "A",
        " ",
        "。",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_ODD, st.text(max_size=2)), max_size=30).map("".join))
def test_idempotent(text):
    for rule in (line_separators, noncharacters, tag_characters, variation_selectors):
        once = rule(text)
        assert rule(once) == once
    once = apply_text_rules(text, LINE_REPAIRS).text
    assert apply_text_rules(once, LINE_REPAIRS).text == once
