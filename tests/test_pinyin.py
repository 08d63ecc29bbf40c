"""Tests for the pinyin-gloss rule (zh_gov_essays.repair.pinyin)."""

from __future__ import annotations

import json
import random
import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, SAMPLES, needs_samples
from zh_gov_essays.invariants import paragraph_problems
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import RawDoc
from zh_gov_essays.repair import LINE_REPAIRS, pinyin
from zh_gov_essays.repair.pinyin import (
    MIN_TONED_FOR_TONELESS,
    has_pinyin_gloss,
    pinyin_problem,
    strip_pinyin_glosses,
    strip_zhuyin_glosses,
)
from zh_gov_essays.rules import apply_text_rules

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


# --- forms other than one gloss per character (issue 12) ------------------------------------

# case, before, after
FORMS = {
    "word gloss after a word": ("政协（zhèngxié）委员", "政协委员"),
    "word gloss, syllables apart": ("政协(zhèng xié)委员", "政协委员"),
    "word gloss, capitalised": ("北京（Běijīng）", "北京"),
    "word gloss without tones, two syllables or more": ("北京(Beijing)市", "北京市"),
    "numbered tones, one per character": ("政(zheng4)协(xie2)机关", "政协机关"),
    "numbered tones, a word": ("政协（zheng4 xie2）", "政协"),
    "numbered tones run together": ("政协(zheng4xie2)", "政协"),
    "neutral tone as 5": ("我们(wo3 men5)", "我们"),
    "word-level pinyin after words": ("委员 wěiyuán 履职 lǚzhí，要认真", "委员履职，要认真"),
    "pinyin glued to the word": ("政协zhèngxié机关jīguān", "政协机关"),
    "several after one character": ("協 xié xié 商", "協商"),
    "a whole line of pinyin": ("Jiànshè fúwùxíng jīguān, tígāo xiàolǜ.", ""),
    "a line with neutral tones": ("Zhèngxié wěiyuán yào tígāo lǚzhí nénglì", ""),
    "toneless word gloss with toned context": (
        "政協(xié)機(jī)關 guan 工作",
        "政協機關工作",
    ),
    "toned gloss of a garbled character, on a glossed line": (
        "即殷(bào)告人使用第一人稱，報(bào)告自己的工作實(shí)績",
        "即殷告人使用第一人稱，報告自己的工作實績",
    ),
}


@pytest.mark.parametrize(("before", "after"), FORMS.values(), ids=FORMS.keys())
def test_other_forms_are_removed(before, after):
    assert strip_pinyin_glosses(before) == after
    assert strip_pinyin_glosses(after) == after
    assert pinyin_problem(after) is None


ZHUYIN = {
    "one per character": ("政ㄓㄥˋ協ㄒㄧㄝˊ機ㄐㄧ關ㄍㄨㄢ", "政協機關"),
    "in parentheses, a word": ("家長（ㄐㄧㄚ ㄓㄤˇ）們", "家長們"),
    "neutral tone written first": ("們˙ㄇㄣ", "們"),
    "a whole line": ("ㄓㄨˋ ㄧㄣ ㄈㄨˊ ㄏㄠˋ", ""),
}


@pytest.mark.parametrize(("before", "after"), ZHUYIN.values(), ids=ZHUYIN.keys())
def test_zhuyin_is_removed(before, after):
    assert strip_zhuyin_glosses(before) == after
    assert pinyin_problem(after) is None


def test_zhuyin_goes_before_the_mojibake_repair():
    names = [rule.name for rule in LINE_REPAIRS]
    assert names.index("zhuyin_gloss") < names.index("mojibake") < names.index("pinyin_gloss")
    # the mojibake repair alone takes glued bopomofo for misaligned GB18030 and cuts the
    # glossed characters with it; through the line repairs the text comes back whole
    assert (
        apply_text_rules("政ㄓㄥˋ協ㄒㄧㄝˊ機ㄐㄧ關ㄍㄨㄢ經驗", LINE_REPAIRS).text == "政協機關經驗"
    )


# What the repairs cannot be sure of: left in the text, refused by the gate.
LEFT_FOR_THE_GATE = {
    "toned gloss with a wrong reading": ("行政(xié)", "pinyin"),
    "word gloss with a wrong tone": ("政协（zhèngxiè）委员", "pinyin"),
    "word gloss in capitals": ("政协（ZHENGXIE）", "pinyin"),
    "toneless glosses without context": ("一(yi)二(er)三(san)", "pinyin"),
    "toned word among Chinese that reads nothing": ("政协 zhèngxiè 机关", "pinyin"),
    "two toneless words after the words they read": ("政协 zhengxie 机关 jiguan", "pinyin"),
    "a line of toneless pinyin": ("jian she fu wu xing ji guan", "pinyin"),
    "a romanised name as a paragraph": ("Wang Xiaoming", "pinyin"),
    "a line of pinyin, most syllables toneless": ("wǒmen de gongzuo", "pinyin"),
    "bopomofo that reads nothing": ("注音符號ㄅㄆㄇㄈ的教學", "zhuyin"),
}


@pytest.mark.parametrize(
    ("text", "problem"), LEFT_FOR_THE_GATE.values(), ids=LEFT_FOR_THE_GATE.keys()
)
def test_gate_refuses_what_the_repair_leaves(text, problem):
    assert strip_zhuyin_glosses(strip_pinyin_glosses(text)) == text
    assert pinyin_problem(text) == problem
    assert problem in paragraph_problems(text)


GATE_NEGATIVES = [
    "縣(市)两级",
    "实施(PDCA)循环",
    "服务(service)意识",
    "效率(rate)",
    "平安(an)",  # one toneless syllable: could be English
    "我们(men)",
    "中国(China)",
    "二氧化碳(CO2)、水(H2O)、氧气(O2)、氯化钠(NaCl)、四氧化三铁(Fe3O4)",
    "产品型号(XL-200)、(A4)、(ISO9001)、支持Qi2无线充电",
    "使用 Python 开发，他说 OK，维生素 E，第1组，A组和B组",
    "咖啡(café)、他来自 Málaga、Müller 先生",
    "政协 zhengxie 机关",  # one toneless word after a word: could be a brand or a name
    "Service-oriented government is a model of government reform.",
]


@pytest.mark.parametrize("text", GATE_NEGATIVES)
def test_gate_leaves_genuine_text_alone(text):
    assert pinyin_problem(text) is None
    assert strip_pinyin_glosses(text) == text


def test_fixture_pages_come_out_clean():
    for name, expected in [
        (
            "g03_pinyin_forms.txt",
            [
                "参加本次政协委员培训班，我对人民政协的性质定位有了更深的认识。"
                "政协是中国人民爱国统一战线的组织，是中国共产党领导的多党合作和政治协商的重要机构。",
                "一、认清职责。委员履职，首先要弄清楚“为谁履职、履什么职、怎样履职”。"
                "政协委员既是荣誉，更是责任，必须把人民群众的利益放在心上。",
            ],
        ),
        (
            "g04_zhuyin_forms.txt",
            [
                "本學期我負責一年級的注音符號教學，深感基礎教育工作責任重大。",
                "教學中，我把每個聲母和韻母都編成兒歌，讓學生在遊戲中學習，效果很好。"
                "家長們也紛紛表示孩子的學習興趣明顯提高。",
            ],
        ),
    ]:
        path = FIXTURES / "garbage" / name
        doc = process(RawDoc(name, path.read_bytes()))
        assert [p.text for p in doc.paragraphs][:2] == expected
        assert all(pinyin_problem(p.text) is None for p in doc.paragraphs)
    page = (FIXTURES / "garbage" / "g03_pinyin_forms.txt").read_bytes()
    doc = process(RawDoc("g03.txt", page))
    logged = [r.text for r in doc.removed if r.rule == "pinyin_gloss"]
    assert "Zhèngxié wěiyuán yào tígāo lǚzhí nénglì" in logged
    kept = "\n".join(p.text for p in doc.paragraphs)
    for genuine in ("二氧化碳(CO2)", "水(H2O)", "(PDCA)", "縣（市）", "服务(service)"):
        assert genuine in kept


def test_a_page_of_every_form_publishes_no_pinyin():
    page = "\n".join(
        [
            "政协工作心得",
            # prose under the title: else the short lines below read as a post's header
            "参加本次政协委员培训班，我对人民政协的性质定位有了更深的认识，现将学习体会整理如下。",
            *(before for before, _ in FORMS.values()),
            *(before for before, _ in ZHUYIN.values()),
            *(text for text, _ in LEFT_FOR_THE_GATE.values()),
            "人民政协是中国共产党领导的多党合作和政治协商的重要机构，是我国政治生活中发扬社会主义民主的重要形式。",
        ]
    )
    doc = process(RawDoc("forms.txt", page.encode("utf-8")))
    assert doc.kept
    assert [p.text for p in doc.paragraphs if pinyin_problem(p.text)] == []
    refused = {r.text for r in doc.removed if r.rule == "invalid_paragraph"}
    assert {"行政(xié)", "一(yi)二(er)三(san)", "jian she fu wu xing ji guan"} <= refused


_ZHUYIN_TOKENS = st.sampled_from(
    [
        *"政 協 們 家 長 注 音 。 （ ） ( ) ㄓㄥˋ ㄒㄧㄝˊ ㄇㄣ ˙ ㄐㄧㄚ ㄓㄤˇ ㄅㄆㄇㄈ ˊ ˇ ˋ".split(),
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_ZHUYIN_TOKENS, st.text(max_size=2)), max_size=30).map("".join))
def test_zhuyin_rule_is_idempotent(text):
    once = strip_zhuyin_glosses(text)
    assert strip_zhuyin_glosses(once) == once
    assert len(once) <= len(text)


_FORM_TOKENS = st.sampled_from(
    [
        *(
            "政 协 委 员 機 關 北 京 (zhèngxié) （zheng4 xie2） zhèngxié wěiyuán jīguān zheng4 "
            "(Běijīng) (Beijing) (bào) (guan) xié Jiànshè ， 。 (CO2) (市)"
        ).split(),
        " ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_FORM_TOKENS, st.text(max_size=2)), max_size=30).map("".join))
def test_every_form_idempotent(text):
    once = strip_pinyin_glosses(text)
    assert strip_pinyin_glosses(once) == once
    assert has_pinyin_gloss(text) == (once != text)
    pinyin_problem(once)  # never raises


def _slow_pinyin_problem(text: str) -> str | None:
    """``pinyin_problem`` as defined, without its one-search skip."""
    if pinyin.has_pinyin_gloss(text):
        return "pinyin gloss"
    if pinyin._BOPOMOFO_RE.search(text):
        return "zhuyin"
    if pinyin._pinyin_leftover(text):
        return "pinyin"
    return None


def test_gate_skip_holds_every_letter_it_looks_for():
    """The gate's one search holds every pinyin letter (either case) and bopomofo letter."""
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    wanted = set(pinyin._LETTER.findall(every)) | set(pinyin._BOPOMOFO_RE.findall(every))
    assert "\u212a" in wanted and "ㄅ" in wanted
    assert wanted <= set(pinyin._PROBLEM_NEEDS.findall(every))


def test_gate_skip_answers_as_the_full_gate():
    texts = [text for text, _ in LEFT_FOR_THE_GATE.values()] + GATE_NEGATIVES
    for path in sorted(FIXTURES.rglob("*.txt")):
        texts += path.read_text("utf-8", "replace").splitlines()
    texts += SEED_003.read_text("utf-8").splitlines()
    refused = 0
    for text in texts:
        assert pinyin_problem(text) == _slow_pinyin_problem(text), text
        refused += _slow_pinyin_problem(text) is not None
    assert refused >= 20


def _slow_gloss_spans(text: str) -> list[tuple[int, int]]:
    """``_gloss_spans`` as first written: the run before every gloss start searched, and
    both kinds of gloss tried after every gloss."""
    if not pinyin._LETTER.search(text):
        return []
    line = pinyin._line_spans(text)
    if line:
        return line
    runs = []
    for start in pinyin._GLOSS_START.finditer(text):
        pos = start.start() + 1
        run = pinyin._run_before(text, pos)
        glosses = []
        while True:
            paren = pinyin._PAREN.match(text, pos)
            if paren:
                verdict = pinyin._verdict(paren.group(1), run, parenthesised=True)
                end = paren.end()
            else:
                verdict, end = pinyin._word_gloss(text, pos, run)
            if verdict == pinyin._NOT:
                break
            glosses.append((pos, end, verdict))
            pos = end
        if glosses:
            runs.append(glosses)
    certain = sum(v == pinyin._CERTAIN for glosses in runs for _, _, v in glosses)
    spans = []
    for glosses in runs:
        for start, end, verdict in glosses:
            if verdict in (pinyin._TONELESS, pinyin._MISREAD) and certain < 2:
                break
            spans.append((start, end))
    return spans


def test_gloss_spans_are_the_ones_first_written():
    rnd = random.Random(5)
    pieces = [
        "政",
        "協",
        "机",
        "关",
        "(xié)",
        "(jī)",
        "（zhèngxié）",
        " zhèngxié ",
        "(xie)",
        "(an)",
    ]
    pieces += ["(Xié)", "(service)", " ", "(", ")", "a", "关 jīguān", "我们(men)", "(zheng4)", "。"]
    texts = [text for text, _ in LEFT_FOR_THE_GATE.values()] + GATE_NEGATIVES
    texts += SEED_003.read_text("utf-8").splitlines()
    for path in sorted(FIXTURES.rglob("*.txt")):
        texts += path.read_text("utf-8", "replace").splitlines()
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30))) for _ in range(3000)]
    glossed = 0
    for text in texts:
        assert pinyin._gloss_spans(text) == _slow_gloss_spans(text), text
        glossed += bool(_slow_gloss_spans(text))
    assert glossed > 500
