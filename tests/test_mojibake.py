"""Tests for the GB18030 mojibake rule (zh_gov_essays.repair.mojibake).

Positive cases are seed 002 line 19 (real) and sentences written for this
file, damaged the way seed 002 was (:func:`misalign`).  Negative cases are the
other seed lines, the shared samples when present, and hand-written text that
must come through unchanged.
"""

from __future__ import annotations

import difflib
import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, needs_samples
from zh_gov_essays.repair import LINE_REPAIRS, mojibake
from zh_gov_essays.repair.mojibake import (
    ENUMERATORS,
    FOREIGN_SYMBOLS,
    SYMBOLS,
    has_mojibake,
    repair_mojibake,
)
from zh_gov_essays.rules import apply_text_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_002 = ROOT / "seeds" / "002_2a337818d39e0957.txt"


def is_pua(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def halfwidth(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in text)


def misalign(text: str, start: int, end: int) -> str:
    """Damage ``text[start:end]`` the way seed 002 line 19 was damaged.

    The page was GBK with full-width punctuation.  The span's bytes lose their
    first byte and are decoded two at a time, one byte out of step; a lone last
    byte is dropped; then the upstream cleaner turns full-width ASCII into
    ASCII (``，`` → ``,``, ``Ｗ`` → ``W``).
    """
    full = fullwidth(text)
    garbled = full[start:end].encode("gb18030")[1:].decode("gb18030", errors="ignore")
    return halfwidth(full[:start] + garbled + full[end:])


def seed_002_line_19() -> str:
    return SEED_002.read_text(encoding="utf-8").split("\n")[18]


# Written for this file: government-essay prose, Simplified, ASCII punctuation as the
# upstream cleaner leaves it.
SENTENCES = [
    "各级机关要坚持以人民为中心的发展思想,切实转变工作作风,提高服务效率,努力建设人民满意的服务型机关。",
    "我局认真落实党风廉政建设责任制,把反腐倡廉工作纳入年度目标考核,做到同部署、同检查、同考核。",
    "今年以来,全市共受理群众来信来访一千二百余件,办结率达到百分之九十八,群众满意度明显提升。",
    "办公室是机关的综合协调部门,承担着参谋助手、督促检查、服务保障等重要职能,工作千头万绪。",
    "要进一步健全学习制度,坚持每月集中学习一次,每季度召开一次学习交流会,切实做到学以致用。",
    "围绕全县经济社会发展大局,深入基层开展调查研究,形成了一批有价值的调研报告,为领导决策提供了依据。",
    "加强机关作风建设,必须从制度入手,建立健全岗位责任制、服务承诺制和首问责任制,规范办事程序。",
    "全体党员干部要牢固树立宗旨意识,密切联系群众,认真解决群众最关心最直接最现实的利益问题。",
]


# --- registration -------------------------------------------------------------


def test_declared_as_a_logging_line_repair() -> None:
    assert repair_mojibake in LINE_REPAIRS
    assert repair_mojibake.name == "mojibake"
    assert repair_mojibake.logs
    # Before private-use characters are deleted: garbled runs hold them.
    names = [rule.name for rule in LINE_REPAIRS]
    assert names.index("mojibake") < names.index("private_use")


def test_symbol_sets() -> None:
    assert {"⒊", "⑴", "ǖ", "ぷ", "А", "┮", "ㄉ"} <= SYMBOLS
    assert {"①", "⑴", "⒈", "㈠", "Ⅱ"} <= ENUMERATORS <= SYMBOLS
    assert {"ぷ", "А", "┮", "ㄉ"} <= FOREIGN_SYMBOLS <= SYMBOLS
    # ordinary punctuation, units, bullets and placeholders are not misalignment symbols
    assert not set("、。“”《》【】（），：；±×℃‰○●□■☆★〇─") & SYMBOLS


# --- seed 002 -----------------------------------------------------------------

SEED_19_PREFIX = "学习贯彻十六大精神,要进一步掀起学习“三个代表”重要思想的新高潮。"
# The whole repaired line.  Lost for good at the junctions: 本 of 基本理论 (its first
# byte was dropped upstream) and the final 。 (its second byte).
SEED_19_REPAIRED = (
    "学习贯彻十六大精神,要进一步掀起学习“三个代表”重要思想的新高潮。要在围绕主题、把握灵魂、"
    "学懂弄通上功夫,在掌握基理论、吃透改革发展稳定的新要求上求深入，在联系实际、推动和促进落实上"
    "做文章。组织党员干部和机关工作人员积极为我市全面建设小康社会献计献策，把干部职工的积极性、"
    "创造性凝聚到认真落实市委十届二次全会和市人大十五届一次会议批准的《政府工作报告》确定的工业"
    "立市、农业增效、财政翻身等主要任务上来。紧紧围绕政府工作的第一要务和“立足发展，重点突破，"
    "开拓创新，务求实效”的要求，服务大局，转变职能，扎实工作，甘于奉献"
)


def test_seed_002_line_19_is_repaired() -> None:
    line = seed_002_line_19()
    assert line.startswith(SEED_19_PREFIX) and "纠砺邸" in line
    assert has_mojibake(line)
    out = repair_mojibake(line)
    assert "吃透改革发展稳定的新要求上求深入，在联系实际、推动和促进落实上做文章" in out
    assert "组织党员干部和机关工作人员积极为我市全面建设小康社会献计献策" in out
    assert out.startswith(SEED_19_PREFIX)
    assert "纠砺邸" not in out
    assert not any(is_pua(ch) for ch in out)
    assert not any(ch in SYMBOLS for ch in out)
    # the stray W and = were the full-width halves of 。 and the next character
    assert "W" not in out and "=" not in out
    assert out.endswith("甘于奉献")  # the orphan byte at the very end is dropped
    assert out == SEED_19_REPAIRED
    assert repair_mojibake(out) == out
    assert not has_mojibake(out)


def test_seed_002_line_19_through_the_runner() -> None:
    line = seed_002_line_19()
    result = apply_text_rules(line, [repair_mojibake])
    assert result.text == SEED_19_REPAIRED
    assert result.repairs == ["mojibake"]
    assert [r.rule for r in result.removed] == ["mojibake"]
    assert "纠砺邸" in result.removed[0].text


def test_other_seed_lines_unchanged() -> None:
    checked = 0
    for path in SEEDS:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if path == SEED_002 and number == 19:
                continue
            assert not has_mojibake(line), (path.name, number)
            assert repair_mojibake(line) == line, (path.name, number)
            checked += 1
    assert checked > 100


@needs_samples
def test_shared_samples_unchanged() -> None:
    # Samples whose annotations note mojibake hold real garbled spans: they are
    # the repair's business, not pages it must leave alone.
    gold = [json.loads(line) for line in (SAMPLES / "gold.jsonl").read_text("utf-8").splitlines()]
    garbled = {g["file"] for g in gold if any("mojibake" in a for a in g["anomalies"])}
    assert garbled, "the annotations name the samples with mojibake"
    for path in sorted(SAMPLES.glob("s*.txt")):
        if path.name in garbled:
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            assert repair_mojibake(line) == line, path.name
            assert not has_mojibake(line), path.name


# --- text that must come through unchanged ------------------------------------

NEGATIVE = {
    "classical": "庆历四年春，滕子京谪守巴陵郡。越明年，政通人和，百废具兴。",
    "classical_rare": "永和九年，岁在癸丑，暮春之初，会于会稽山阴之兰亭，修禊事也。",
    "rare_words": "魑魅魍魉，饕餮耄耋，觊觎罄竹难书；嵇康、郦道元、龚自珍、爨宝子碑、缱绻旖旎。",
    "rare_run": "其舞姿娉婷婀娜，其声袅袅，如怨如慕。",
    "poetry": "蒹葭苍苍，白露为霜。所谓伊人，在水一方。溯洄从之，道阻且长。",
    "traditional": "學習貫徹十六大精神，要進一步掀起學習「三個代表」重要思想的新高潮。",
    "traditional_rare": "鬱鬱蔥蔥，彝族、傈僳族、佤族、仡佬族、畲族代表齊聚一堂。",
    "latin": "通过ISO9001-2000质量管理体系认证，运用PDCA循环，推进县(市)、区两级联动。",
    "numbers": "2022年GDP增长8.1%，CPI上涨0.9%；PM2.5浓度下降，完成率100%。",
    "list_markers": "①加强学习，提高认识；②完善制度，强化管理；③转变作风，提高效能。",
    "list_markers_line_start": "⑴提高认识 ⑵加强领导 ⒈组织保障 ㈠总则 ⅰ.说明",
    "footnote_after_quote": "信任政府官员的惟一根据是效率。”①对于致力于建设社会主义政治文明的中国",
    "footnote_between_ideographs": "正如威尔逊所言，效率①是行政管理的核心。",
    "roman_numerals": "第Ⅱ卷 第一部分 Ⅰ、总体要求 Ⅱ、主要任务",
    "greek": "α粒子和β射线、γ射线的穿透能力不同。",
    "dates_and_placeholders": "二〇〇三年十月，××县○○乡召开会议，气温为25℃，增长≥5%，比例为1∶2。",
    "bullets": "■加强领导 ★★★ ●重点工作 ◆措施 □待办 ※注意 →下一步",
    "box_dash": "──毛泽东同志指出：“没有调查，就没有发言权。”",
    "pinyin_gloss": "政協(xié)機(jī)關(guān)經(jīng)驗(yàn)交流，婉轉(zhuǎn)評彈",
    "brackets": "马克思·恩格斯、《共产党宣言》〔1848年〕【附件】「引文」『书名』",
    "heading": "中华人民共和国主席令（第七十三号）",
    "empty": "",
    "blank": "   ",
    "english": "Our government is a people's government.",
}


@pytest.mark.parametrize("text", NEGATIVE.values(), ids=NEGATIVE.keys())
def test_correct_text_unchanged(text: str) -> None:
    assert repair_mojibake(text) == text
    assert not has_mojibake(text)


# --- reproduced misalignments -------------------------------------------------

# (sentence, start, end, expected): the character at each junction is lost (half its bytes
# went upstream); re-decoded punctuation is full-width.
REPAIRS = [
    # to the end of the line: 为 and the final 。 lost
    (
        0,
        10,
        None,
        "各级机关要坚持以人民中心的发展思想，切实转变工作作风，"
        "提高服务效率，努力建设人民满意的服务型机关",
    ),
    # at the start of the line: 各 and 想 lost
    (
        0,
        0,
        18,
        "级机关要坚持以人民为中心的发展思,切实转变工作作风,提高服务效率,努力建设人民满意的服务型机关。",
    ),
    # to the end of the line: 建 and 。 lost
    (
        1,
        10,
        None,
        "我局认真落实党风廉政设责任制，把反腐倡廉工作纳入年度目标考核，做到同部署、同检查、同考核",
    ),
    # mid-line, with a W (half of ，) inside the damaged span: 调 and 保 lost
    (
        3,
        10,
        30,
        "办公室是机关的综合协部门，承担着参谋助手、督促检查、服务障等重要职能,工作千头万绪。",
    ),
]


@pytest.mark.parametrize(("index", "start", "end", "expected"), REPAIRS)
def test_reproduced_misalignment_repaired(
    index: int, start: int, end: int | None, expected: str
) -> None:
    sentence = SENTENCES[index]
    garbled = misalign(sentence, start, len(sentence) if end is None else end)
    assert garbled != sentence
    assert index != 3 or "W" in garbled
    assert has_mojibake(garbled)
    assert repair_mojibake(garbled) == expected
    assert not has_mojibake(expected)


def _edits(before: str, after: str) -> tuple[int, int]:
    """Characters of ``before`` missing from ``after``, and of ``after`` not in ``before``."""
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    lost = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag in ("delete", "replace"))
    added = sum(j2 - j1 for tag, _, _, j1, j2 in ops if tag in ("insert", "replace"))
    return lost, added


def test_random_misalignments_repaired_or_dropped() -> None:
    """Spans of 12–60 characters at random places: never garbage left, nearly always repaired.

    Measured when written (seed 7, 300 trials): 79 % of trials lose exactly the two
    junction characters and publish nothing the sentence did not have; in the rest one
    junction (rarely two or three) keeps or re-decodes the wrong character, a tie the
    unigram model cannot break.  On average 2.3 characters are lost and 0.28 added.
    """
    rng = random.Random(7)
    added_total = lost_total = clean_trials = 0
    trials = 300
    for _ in range(trials):
        sentence = halfwidth(rng.choice(SENTENCES))
        size = rng.randint(12, min(60, len(sentence)))
        start = rng.randrange(0, len(sentence) - size + 1)
        garbled = misalign(sentence, start, start + size)
        out = repair_mojibake(garbled)
        assert not any(is_pua(ch) for ch in out)
        assert not has_mojibake(out)
        assert repair_mojibake(out) == out
        lost, added = _edits(sentence, halfwidth(out))
        assert lost <= 8, (garbled, out)
        added_total += added
        lost_total += lost
        clean_trials += added == 0
    assert added_total / trials < 0.4
    assert lost_total / trials < 2.5
    assert clean_trials / trials > 0.72


# --- what cannot be repaired is dropped ---------------------------------------

DROPS = {
    "lone_pua": ("我们\ue000要加强学习", "我们要加强学习"),
    "short_run": ("我们要\ue000\ue0ef⒊ぷ加强学习", "我们要加强学习"),
    "all_garbage": ("\ue000\ue0ef⒊ぷ\ue1ef", ""),
    "kana_run": ("会议强调ぁあぃぐけ要加强学习", "会议强调要加强学习"),
}


@pytest.mark.parametrize(("text", "expected"), DROPS.values(), ids=DROPS.keys())
def test_unrepairable_spans_dropped(text: str, expected: str) -> None:
    assert has_mojibake(text)
    assert repair_mojibake(text) == expected
    assert not has_mojibake(expected)


def test_drop_is_logged_by_the_runner() -> None:
    result = apply_text_rules("我们要\ue000\ue0ef⒊ぷ加强学习", [repair_mojibake])
    assert result.text == "我们要加强学习"
    assert result.repairs == ["mojibake"]
    assert [r.rule for r in result.removed] == ["mojibake"]
    assert "⒊ぷ" in result.removed[0].text


def test_single_weak_symbol_is_not_enough() -> None:
    # One enumerator or Greek letter between ideographs is not evidence enough to drop
    # anything, even next to rare ideographs; it is left as it is.
    for text in ("反噬反复⑴犰狳出没", "其声婀娜α袅袅", "研究表明γ射线"):
        assert repair_mojibake(text) == text


# --- properties ---------------------------------------------------------------

COMMON_HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"
)
SUSPICIOUS_ALPHABET = (
    COMMON_HAN + "".join(sorted(SYMBOLS))[:80] + "\ue000\ue0ef\ue1ef\ue47f，。、W=1 "
)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_and_idempotent(text: str) -> None:
    out = repair_mojibake(text)
    assert repair_mojibake(out) == out
    assert not has_mojibake(out)
    assert not any(is_pua(ch) for ch in out)
    if not has_mojibake(text):
        assert out == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=SUSPICIOUS_ALPHABET, max_size=80))
def test_idempotent_on_mojibake_like_text(text: str) -> None:
    out = repair_mojibake(text)
    assert repair_mojibake(out) == out
    assert not has_mojibake(out)
    assert not any(is_pua(ch) for ch in out)


def _harmless(ch: str) -> bool:
    """Not a private-use code point, a misalignment symbol or an uncommon ideograph."""
    if is_pua(ch) or ch in SYMBOLS:
        return False
    is_han = "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ord(ch) >= 0x20000
    return not is_han or ch in COMMON_HAN


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]).filter(_harmless)))
def test_text_without_suspicious_characters_unchanged(text: str) -> None:
    assert repair_mojibake(text) == text
    assert not has_mojibake(text)


# --- cost ---------------------------------------------------------------------


def test_cost_stays_linear() -> None:
    clean = "".join(SENTENCES) * 40  # about 13,000 characters of clean prose
    garbled = seed_002_line_19() * 40  # 10,400 characters, 40 garbled runs
    repair_mojibake(garbled)  # load the table and warm the caches
    start = time.perf_counter()
    assert repair_mojibake(clean) == clean
    clean_seconds = time.perf_counter() - start
    start = time.perf_counter()
    out = repair_mojibake(garbled)
    garbled_seconds = time.perf_counter() - start
    assert not has_mojibake(out)
    # measured when written: about 0.3 ms and 30 ms; the bounds only catch blow-ups
    assert clean_seconds < 0.1
    assert garbled_seconds < 2.0


def test_every_pre_check_hit_holds_a_suspect_character() -> None:
    """The one-class search that lets clean lines skip the pre-check finds a character
    in every pre-check hit: on seed lines, and on lines garbled one byte out of step."""
    rnd = random.Random(7)
    lines = [line for path in SEEDS for line in path.read_text("utf-8").splitlines() if line]
    garbled = []
    for line in lines:
        data = line.encode("gb18030")
        cut = rnd.randrange(len(data) + 1)
        garbled.append(line[:3] + data[cut:].decode("gb18030", "replace") + "\ue026①×ア")
    hits = 0
    for line in [*lines, *garbled]:
        for hit in mojibake._trigger().finditer(line):
            hits += 1
            assert mojibake._suspects().search(hit.group()), hit.group()
    assert hits > 100


def _hit_texts() -> list[str]:
    rnd = random.Random(11)
    lines = [line for path in SEEDS for line in path.read_text("utf-8").splitlines() if line]
    pieces = [
        "\ue026",
        "①",
        "×",
        "ア",
        "ǖ",
        "⒊",
        "建",
        "设",
        "娉",
        "婷",
        "鍧",
        "a",
        " ",
        "。",
        "\n",
    ]
    texts = []
    for line in lines:
        data = line.encode("gb18030")
        cut = rnd.randrange(len(data) + 1)
        texts.append(line)
        texts.append(line[:3] + data[cut:].decode("gb18030", "replace"))
        texts.append("".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))))
    return texts


def test_hits_are_the_pre_check_matches() -> None:
    """The pre-check matched next to suspect characters only finds what scanning every
    character finds: on seed lines, lines garbled one byte out of step, random mixes."""
    found = 0
    for text in _hit_texts():
        hits = list(mojibake._hits(text))
        assert hits == [hit.span() for hit in mojibake._trigger().finditer(text)], text
        found += len(hits)
    assert found > 300
