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


def _neighbour(text: str | list[str], i: int, step: int) -> str:
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
    # The marks converted are the least fixed point of converting a mark
    # whenever its neighbours say so (:func:`_wide`): a converted mark is
    # Chinese context for its neighbours, and a decision only ever goes from
    # ASCII to full-width when a neighbour mark is converted.  So any order of
    # deciding that ends where no decision changes reaches the same marks: the
    # ones right after Chinese context first (one substitution), then
    # :func:`_settle` for the rest.  Running the rule again changes nothing.
    wide = _AFTER_CJK.sub(_full_width, text)
    marks = [m.start() for m in _ASCII_MARK.finditer(wide)]
    if marks:
        wide = _settle(wide, marks)
    if wide == text:
        return text
    # No spaces around full-width punctuation (most lines have no space at all).
    return _SPACED_MARK.sub("", wide) if " " in wide else wide


# A mark right after Chinese context other than a digit, with no space between:
# full-width whatever its other neighbour (:func:`_wide`), as nearly every mark of
# Chinese prose is.  Not "(" and ")", which a matching partner decides, nor ":"
# before "/".  (``\d`` and ``str.isdigit`` agree on every Chinese-context
# character: the full-width digits; tests/test_fast_paths.py checks it.)  The pattern
# opens with the class of marks, so Python's regex engine skips to them instead of
# trying it at every character: a long line costs a quarter less.
_AFTER_CJK = re.compile(rf"[,;:?!](?<=(?!\d)[{CJK_CONTEXT}].)(?!(?<=:) */)")


def _full_width(m: re.Match[str]) -> str:
    return FULLWIDTH_OF[m.group()]


def _wide(ch: str, left: str, right: str) -> bool:
    """Whether the ASCII mark ``ch`` between ``left`` and ``right`` (spaces skipped) goes full-width.

    A neighbour mark converted can only turn ``False`` into ``True``: a
    full-width mark is Chinese context, and neither form is a digit, a letter
    or ``/``.
    """
    if ch in ",:" and left.isdigit() and right.isdigit():
        return False
    if ch == ":" and right == "/":
        return False
    return _is_cjk(left) or (_is_cjk(right) and not (left.isascii() and left.isalpha()))


def _settle(text: str, marks: list[int]) -> str:
    """``text`` with the ASCII marks at ``marks`` that Chinese context reaches made full-width.

    A paired parenthesis goes full-width with its partner when they enclose
    an ideograph: the same for both, whatever else changes.  Every other mark
    is decided by its neighbours (:func:`_wide`), left to right and then right
    to left, each time with its neighbours as they are then.  That is enough:
    in the second sweep a mark can only turn full-width because its right
    neighbour is full-width (its left one is as it was when the first sweep
    left this mark ASCII), so no mark to its right needs another look, and its
    left neighbour gets its look next.
    """
    pairs = _paren_pairs(text)
    chars = list(text)
    free = []
    for i in marks:
        if i not in pairs:
            free.append(i)
            continue
        a, b = sorted((i, pairs[i]))
        if _HAS_CJK.search(text, a + 1, b):
            chars[i] = FULLWIDTH_OF[chars[i]]
    for i in (*free, *reversed(free)):
        ch = chars[i]
        if ch in FULLWIDTH_OF and _wide(ch, _neighbour(chars, i, -1), _neighbour(chars, i, 1)):
            chars[i] = FULLWIDTH_OF[ch]
    return "".join(chars)
