"""The shared vocabulary: one Han definition that every count and pattern uses."""

from __future__ import annotations

import re
import unicodedata

from zh_gov_essays.vocab.chars import HAN, HAN_RANGES, HAN_UNIFIED, cjk_count
from zh_gov_essays.vocab.headings import heading_level
from zh_gov_essays.vocab.labels import NAV_WORDS

COMPATIBILITY = "\uf900\U0002f800"  # 豈 and 丽, compatibility ideographs
# One character of each block: URO, Ext A, B, C, D, E, F, G, H, I, compatibility (two).
ONE_PER_BLOCK = "中㐀𠀀𪜀𫝀𫠠𬺰𰀀𱍐𮯰" + COMPATIBILITY


def test_one_han_definition_covers_every_block() -> None:
    assert cjk_count(ONE_PER_BLOCK) == len(ONE_PER_BLOCK)
    assert cjk_count("𠀀𪚥中") == 3
    assert all(re.fullmatch(f"[{HAN}]", ch) for ch in ONE_PER_BLOCK)
    assert sorted(HAN_RANGES) == list(HAN_RANGES)


def test_not_han() -> None:
    for text in ("かなカナ", "한글", "。，、：；！？「」", "ＡＢＣ１２３", "ASCII 123", "\u3000"):
        assert cjk_count(text) == 0, text


def test_unified_ideographs_are_the_ones_nfkc_leaves_alone() -> None:
    unified = re.compile(f"[{HAN_UNIFIED}]")
    for ch in ONE_PER_BLOCK[:-2]:
        assert unified.fullmatch(ch) and unicodedata.normalize("NFKC", ch) == ch
    for ch in COMPATIBILITY:  # NFKC maps them onto unified ideographs
        assert not unified.fullmatch(ch)
        assert unified.fullmatch(unicodedata.normalize("NFKC", ch))


def test_headings_and_navigation_words() -> None:
    assert heading_level("二、𠮷野村的做法") == 1
    assert {"首页", "返回顶部", "分享到"} <= NAV_WORDS
