"""Tests for the pinyin-gloss rule (zh_gov_essays.repair.pinyin)."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, needs_samples
from zh_gov_essays.repair import LINE_REPAIRS
from zh_gov_essays.repair.pinyin import (
    MIN_TONED_FOR_TONELESS,
    has_pinyin_gloss,
    strip_pinyin_glosses,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_003 = ROOT / "seeds" / "003_7554eae747b28de6.txt"

# Any lowercase pinyin-like word in parentheses right after a CJK ideograph.
GLOSS_LIKE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")


def test_declared_as_a_logging_line_repair():
    assert strip_pinyin_glosses in LINE_REPAIRS
    assert strip_pinyin_glosses.name == "pinyin_gloss"
    assert strip_pinyin_glosses.logs is True
    assert strip_pinyin_glosses.spans is not None
    # After the mojibake repair, whose re-decoded text may hold glossed characters.
    names = [rule.name for rule in LINE_REPAIRS]
    assert names.index("mojibake") < names.index("pinyin_gloss")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流", "高績效政協機關經驗交流"),
        ("優(yōu)秀基層公務(wù)員", "優秀基層公務員"),
        ("婉轉(zhuǎn)評彈", "婉轉評彈"),
        (
            "導(dǎo)語:高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流一文來源于網(wǎng)友上傳",
            "導語:高績效政協機關經驗交流一文來源于網友上傳",
        ),
        # full-width parentheses, and mixed widths
        ("高績效政協（xié）機（jī）關（guān）", "高績效政協機關"),
        ("政協(xié）機（jī)關", "政協機關"),
        # right before punctuation and at the end of the line
        ("加強機關(guān)。", "加強機關。"),
        ("加強機關(guān)，提高效能(néng)；", "加強機關，提高效能；"),
        ("交流經驗(yàn)", "交流經驗"),
        ("交流經驗(yàn)\n", "交流經驗\n"),
        # at the start of the text, a single gloss
        ("創(chuàng)新", "創新"),
        # Simplified characters are glossed too on some pages
        ("政协(xié)机(jī)关(guān)", "政协机关"),
        # ü written as ü or v, toned
        ("綠(lǜ)色", "綠色"),
        ("綠(lv̀)色", "綠色"),
        # decomposed tone mark (e + combining acute)
        ("政協(xie\u0301)", "政協"),
        # compatibility ideograph unknown to pypinyin: readings of its t2s form
        ("\uf902(chē)輛", "\uf902輛"),
        # neutral-tone / tone-less glosses go when the line has enough toned ones
        ("政協(xié)機(jī)關(guan)我們(men)", "政協機關我們"),
        ("女(nv)性幹(gàn)部(bù)", "女性幹部"),
        # a repeated gloss on one character
        ("協(xié)(xié)商", "協商"),
        # glosses next to genuine parentheses
        ("縣(市)政協(xié)機(jī)關(guān)(PDCA)", "縣(市)政協機關(PDCA)"),
    ],
)
def test_strips_glosses(before, after):
    assert strip_pinyin_glosses(before) == after
    assert has_pinyin_gloss(before)
    assert not has_pinyin_gloss(after)


NEGATIVES = [
    "縣(市)",
    "实施(PDCA)循环",
    "闭环管理(即计划、执行、监督、反馈)",
    "(一)加强组织领导",
    "（一）加强组织领导",
    "发布日期(2020年5月21日)",
    "经合组织(Organization for Economic Co-operation and Development, OECD)",
    "经合组织（OECD）",
    "A(xiè)",
    "abc(xié)def",
    "。(xié)",
    "(xié)开头",
    "服务(service)",
    "效率(rate)",
    "平安(an)",
    "我们(men)",
    "和(he)",
    "协(xie)商",
    "行政(xié)",
    "協 (xié)",
    "協( xié )",
    "協(Xié)",
    "協(XIE)",
    "協()",
    "協(xié",
    "協xié)",
    "協(xié2)",
    "協(xiéxié)",
    "协(a)",
    "一(yi)二(er)三(san)",
    "",
    "政协机关",
    "plain ascii (text)",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_genuine_text_alone(text):
    assert strip_pinyin_glosses(text) == text
    assert not has_pinyin_gloss(text)


def test_toneless_needs_enough_toned_glosses_on_the_line():
    assert MIN_TONED_FOR_TONELESS == 2
    # one toned gloss is removed, but it does not vouch for the tone-less one
    assert strip_pinyin_glosses("政協(xié)機關(guan)") == "政協機關(guan)"
    # two toned glosses do
    assert strip_pinyin_glosses("政協(xié)機(jī)關(guan)") == "政協機關"
    # toned glosses with a wrong reading do not count
    assert strip_pinyin_glosses("政(xié)機(guān)關(guan)") == "政(xié)機(guān)關(guan)"


def test_stops_at_first_non_gloss_after_a_character():
    # the word after 協 is not a gloss, so the gloss behind it stays
    assert strip_pinyin_glosses("協(an)(xié)") == "協(an)(xié)"
    assert strip_pinyin_glosses("協(xié)(an)(xié)") == "協(an)(xié)"


@pytest.mark.parametrize(
    "text",
    [
        "高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流",
        "政協(xié)機(jī)關(guan)我們(men)",
        "協(xié)(xié)(xié)商",
        "協(xié)(an)(xié)",
        "政協(xié)機關(guan)",
    ],
)
def test_idempotent(text):
    once = strip_pinyin_glosses(text)
    assert strip_pinyin_glosses(once) == once


_TOKENS = st.sampled_from(
    [
        *(
            "協 機 關 縣 們 和 綠 \uf902 A 。 (xié) （jī） (guān) (guan) (men) (he) (lv) "
            "(lǜ) (an) (市) (PDCA) ( ) （ ） xié guān \u0301"
        ).split(),
        " ",
        "\n",
    ]
)
_TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(_TOKENS, st.text(max_size=3)), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_property_never_raises_and_idempotent(text):
    once = strip_pinyin_glosses(text)
    assert isinstance(once, str)
    assert strip_pinyin_glosses(once) == once
    assert has_pinyin_gloss(text) == (once != text)
    assert not has_pinyin_gloss(once)
    # the rule only ever deletes
    assert len(once) <= len(text)


def test_seed_003_is_fully_cleaned():
    raw = SEED_003.read_text(encoding="utf-8")
    lines = raw.splitlines()
    cleaned = [strip_pinyin_glosses(line) for line in lines]
    out = "\n".join(cleaned)
    # every lowercase word in parentheses after a CJK char in this seed is a gloss
    assert len(GLOSS_LIKE.findall(raw)) > 500
    assert GLOSS_LIKE.findall(out) == []
    assert not any(has_pinyin_gloss(line) for line in cleaned)
    assert "縣(市)" in out
    assert "高績效政協機關經驗交流" in out


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@needs_samples
@pytest.mark.parametrize("name", ["s02.txt", "s17.txt"])
def test_shared_samples(name):
    gold = {}
    for line in (SAMPLES / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            gold[rec["file"]] = rec
    rec = gold[name]
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    out = _norm("\n".join(strip_pinyin_glosses(line) for line in raw.splitlines()))
    glosses = [b for b in rec["boilerplate"] if re.fullmatch(r"\([^()]+\)", b)]
    assert glosses, "gold lists pinyin glosses for this sample"
    for gloss in glosses:
        assert _norm(gloss) not in out, gloss
    for content in rec["content"]:
        assert _norm(content) in out, content
    assert GLOSS_LIKE.findall(out) == []


def test_fast_on_long_lines():
    plain = "加强机关效能建设，提高行政效率(rate)，县(市)两级。" * 400  # ~10 KB, no glosses
    glossed = "高績效政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流" * 300  # ~10 KB, dense glosses
    strip_pinyin_glosses(glossed)  # warm the reading cache
    t0 = time.perf_counter()
    for _ in range(20):
        strip_pinyin_glosses(plain)
        strip_pinyin_glosses(glossed)
    elapsed = time.perf_counter() - t0
    assert elapsed < 5.0
