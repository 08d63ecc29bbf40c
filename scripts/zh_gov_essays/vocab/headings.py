"""Headings as these essays number them, and their levels (DESIGN.md's heading_level)."""

from __future__ import annotations

import re

from zh_gov_essays.vocab.chars import HEADING_END_MARKS

NUMERALS = "一二三四五六七八九十百零〇两"
"""Chinese numerals of enumerators: 一、 （二） 第三，"""

# (level, pattern) in the order DESIGN.md gives them.
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{NUMERALS}]{{1,4}}\s*[、.．]")),
    (1, re.compile(rf"^第[{NUMERALS}]{{1,4}}\s*(?:章|部分|篇|节|節)")),
    # A bracket label heading (【背景链接】), but not a widget (【字体：大 中 小】).
    (
        1,
        re.compile(
            r"^【(?![^】]*[:：])(?![^】]*(?:字体|字體|打印|关闭|編輯|编辑|来源|來源|发布|發布))[^】]{1,20}】$"
        ),
    ),
    (2, re.compile(rf"^[(（]\s*[{NUMERALS}]{{1,4}}\s*[)）]")),
    (2, re.compile(rf"^第[{NUMERALS}]{{1,3}}\s*[，,、:：]")),
    (3, re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))")),
    (4, re.compile(r"^[(（]\s*\d{1,2}\s*[)）]")),
)
# A heading is a line of its own: short, with at most one sentence end, at
# its very end.
MAX_HEADING_CHARS = 40
# The characters every pattern above opens with: a line opening with another
# is no heading, whatever follows (most lines: one match instead of a walk
# over the line and seven patterns).
_HEADING_START = re.compile(rf"[{NUMERALS}第【(（\d]")
_END_MARK = re.compile(f"[{re.escape(HEADING_END_MARKS)}]")


def heading_level(text: str) -> int | None:
    """The heading level of a line, or ``None`` for body text.

    >>> heading_level("一、加强辅政素质建设,提高党委办公室辅政能力")
    1
    >>> heading_level("(一)紧贴中心,认真履行参谋助手职责。")
    2
    >>> heading_level("1、政治上关心。"), heading_level("（1）落实责任")
    (3, 4)
    >>> heading_level("第一,提高认识")
    2

    Left alone: enumerated *paragraphs* (a lead sentence followed by more
    text), numbers that are quantities, and ordinary sentences.

    >>> heading_level("1、以专业化的标准和要求,搞好调研促决策。调研工作专业化的标准就是主动贴紧中心工作。") is None
    True
    >>> heading_level("2005年,胶州市委办公室大胆导入质量管理体系。") is None
    True
    >>> heading_level("一是要培养一支政治强、业务精的干部队伍。") is None
    True
    """
    text = text.strip()
    if len(text) > MAX_HEADING_CHARS or not _HEADING_START.match(text):
        return None
    if _END_MARK.search(text.rstrip(HEADING_END_MARKS)):
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return None
