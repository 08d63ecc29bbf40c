"""What no published paragraph may contain: the invariants of DESIGN.md, for one paragraph.

The pipeline drops (and logs) a paragraph that still breaks one of them after
every repair, so one bad page never blocks a build; the publishing gate
(:mod:`zh_gov_essays.publish.validate`) checks every published row again.
"""

from __future__ import annotations

import re

from zh_gov_essays import lines as L
from zh_gov_essays.repair.mojibake import has_mojibake
from zh_gov_essays.repair.pinyin import has_pinyin_gloss

# Line rules whose match in a published paragraph means boilerplate got through.
_BOILERPLATE_RULES = tuple(r for r in L.LINE_RULES if r.scope == "any")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_ENTITY_DEBRIS = re.compile(r"&n?bsp;?|nbsp;", re.IGNORECASE)
_LONE_NUMBER = re.compile(r"[\d\s.,:-]+")


def paragraph_problems(text: str) -> list[str]:
    """Why ``text`` may not be published as a paragraph (empty when it may).

    >>> paragraph_problems("建设服务型机关，是党和政府的重要举措。")
    []
    >>> paragraph_problems(" 12 ")
    ['leading or trailing whitespace', 'lone number', 'boilerplate: page_number']
    >>> paragraph_problems("政協(xié)機關")
    ['pinyin gloss']
    """
    problems = []
    if not text:
        return ["empty"]
    if text != text.strip():
        problems.append("leading or trailing whitespace")
    if "\ufffd" in text:
        problems.append("U+FFFD")
    if _PRIVATE_USE.search(text):
        problems.append("private-use code point")
    if _ENTITY_DEBRIS.search(text):
        problems.append("&nbsp; debris")
    if _LONE_NUMBER.fullmatch(text):
        problems.append("lone number")
    if has_pinyin_gloss(text):
        problems.append("pinyin gloss")
    if has_mojibake(text):
        problems.append("mojibake")
    for rule in _BOILERPLATE_RULES:
        if rule.fn(text.strip()):
            problems.append(f"boilerplate: {rule.name}")
            break
    return problems
