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


def _top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at the ``|`` outside every group and class."""
    out, current, depth, i = [], "", 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current += pattern[i : i + 2]
            i += 2
            continue
        depth += int(ch in "([")
        depth -= int(ch in ")]")
        if ch == "|" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
        i += 1
    return [*out, current]


# One phrase per alternative of SEO_STRONG, in its order.
SEO_STRONG_EXAMPLES = [
    "下面小编为大家介绍",
    "以下是小編整理的",
    "下面小为大家全面介绍",
    "网站为大家整理了范文",
    "精心整理的范文",
    "精选推荐",
    "精選推薦",
    "以上就是本文的全部内容",
    "以下是我们整理的",
    "下面是网友收集的",
    "请继续关注本栏目",
    "請繼續關注本頻道",
    "请关注本站",
    "想要了解更多",
    "由热心网友投稿",
    "本文关键词：",
    "更多精彩内容请访问",
    "欢迎访问本站",
    "歡迎收藏本站",
    "给大家分享几篇范文",
    "范文，方便大家",
    "大家一起来看看吧",
    "大家一起來看看吧",
    "范文由某某网整理",
    "更多精彩范文，请持续访问",
    "更多范文尽在某某网",
]


def test_every_strong_seo_phrase_holds_a_literal_of_the_prefilter() -> None:
    """SEO_STRONG_NEEDS is the ``seo_phrase`` rule's prefilter: each alternative of
    SEO_STRONG matches text holding one of its literals (an alternative added without an
    example here fails the count)."""
    from zh_gov_essays.vocab.seo import SEO_STRONG, SEO_STRONG_NEEDS

    alternatives = _top_level_alternatives(SEO_STRONG.pattern)
    assert len(alternatives) == len(SEO_STRONG_EXAMPLES)
    needs = re.compile(SEO_STRONG_NEEDS)
    for alternative, example in zip(alternatives, SEO_STRONG_EXAMPLES, strict=True):
        found = re.search(alternative, example)
        assert found, (alternative, example)
        assert needs.search(found.group()), (alternative, found.group())
    assert not needs.search("要认真听取群众意见，为群众办实事。")


def test_copyright_phrase_is_plain_words_as_the_watermark_learner_needs() -> None:
    """``learn_watermarks`` skips lines holding none of COPYRIGHT's words, found by plain
    substring tests: each alternative must be a literal word, and each must still let a
    watermark be learned."""
    from zh_gov_essays.repair.watermark import learn_watermarks
    from zh_gov_essays.vocab.labels import COPYRIGHT

    words = COPYRIGHT.split("|")
    assert words and all(re.escape(word) == word for word in words)
    for word in words:
        line = f"提高工作效率。公务员之家{word}最大限度地"
        assert learn_watermarks([line]) == (f"公务员之家{word}",)
