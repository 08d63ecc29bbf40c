"""Chinese typography: full-width punctuation in CJK context, ASCII in Latin context."""

from __future__ import annotations

import re

from zh_gov_essays.rules import text_rule
from zh_gov_essays.vocab.chars import CJK_CONTEXT, FULLWIDTH_OF, HAN

_CJK_CONTEXT = re.compile(f"[{CJK_CONTEXT}]")
_HAS_CJK = re.compile(f"[{HAN}]")
_ASCII_MARK = re.compile("[,;:?!()]")
_PAREN = re.compile("[()]")
# Spaces before or after a full-width mark (a literal replacement: no template to expand).
_SPACED_MARK = re.compile(" +(?=[，；：？！（）])|(?<=[，；：？！（）]) +")


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_CONTEXT.match(ch))


def _paren_pairs(text: str) -> dict[int, int]:
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for m in _PAREN.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            pairs[j] = i
            pairs[i] = j
    return pairs


@text_rule(needs="[,;:?!()]")
def punct_fullwidth(text: str) -> str:
    """Turn ASCII ``, ; : ? ! ( )`` in Chinese context into full-width forms.

    An upstream half-width normalisation left Chinese sentences with ASCII
    punctuation; Chinese typography wants the full-width forms.

    >>> punct_fullwidth("拾遗补缺,完善决策;还要“易位思考”")
    '拾遗补缺，完善决策；还要“易位思考”'
    >>> punct_fullwidth("形成了PDCA(即计划、执行、监督、反馈)回路")
    '形成了PDCA（即计划、执行、监督、反馈）回路'
    >>> punct_fullwidth("测评目标达到100%,被誉为创新机关的绿色通道")
    '测评目标达到100%，被誉为创新机关的绿色通道'

    Left alone: Latin and number context (``ISO9001-2000``, ``1,611``,
    ``14:52``), parentheses holding only Latin or digits (``(PDCA)``,
    ``(100.4.28)``), and text that is already full-width.

    >>> punct_fullwidth("导入ISO9001-2000质量管理体系(PDCA),時間14:52,點閱1,611次")
    '导入ISO9001-2000质量管理体系(PDCA)，時間14:52，點閱1,611次'
    >>> punct_fullwidth("(Organization for Economic Co-operation and Development, OECD)")
    '(Organization for Economic Co-operation and Development, OECD)'
    """
    # A converted mark is Chinese context for its neighbours, so convert until
    # nothing changes: conversions only go one way, so this ends, and running
    # the rule again changes nothing.
    while True:
        new = _convert_once(text)
        if new == text:
            return text
        text = new


def _convert_once(text: str) -> str:
    marks = [(m.start(), m.group()) for m in _ASCII_MARK.finditer(text)]
    if not marks:
        return text
    pairs = _paren_pairs(text)
    out = list(text)
    for i, ch in marks:
        if ch in "()" and i in pairs:
            a, b = sorted((i, pairs[i]))
            wide = bool(_HAS_CJK.search(text[a + 1 : b]))
        else:
            left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
            if ch in ",:" and left.isdigit() and right.isdigit():
                wide = False
            else:
                wide = _is_cjk(left) or (_is_cjk(right) and not (left.isascii() and left.isalpha()))
                if ch == ":" and right == "/":
                    wide = False
        if wide:
            out[i] = FULLWIDTH_OF[ch]
    result = "".join(out)
    # No spaces around full-width punctuation.
    return _SPACED_MARK.sub("", result) if result != text else text
