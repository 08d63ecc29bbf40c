"""Site templates: the lines a site prints around every essay, learned from its pages.

A crawl holds many pages per site, and the site's header, menus, slogans and
footer repeat on all of them in forms no fixed rule can list.  This module
says, for one page's lines, what evidence the page gives (:func:`page_evidence`:
a sketch of its body and the keys of its candidate lines) and, once the
crawl has been counted (:mod:`.counting`), which of its lines are the
site's template (:func:`template_lines`).  Both passes look at a page the
same way, through :func:`candidate_lines`.

A candidate is a short line at the page's edges: before its first or after
its last real paragraph.  Left alone, in both passes: the lines between the
first and last paragraph (a slogan or quote inside an essay), headings
(``一、提高思想认识``), and the lines that close or open the essay itself
(``谢谢大家！`` or ``同志们：`` touching a paragraph, a signature above its
date).  Lines are compared by a 64-bit hash of their normalised text
(:func:`line_key`), so the crawl-level state holds numbers, never text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from zh_gov_essays.records import Label
from zh_gov_essays.vocab.chars import FULL_STOPS, cjk_count, nfkc
from zh_gov_essays.vocab.dates import find_date, strip_dates
from zh_gov_essays.vocab.headings import NUMERALS, heading_level
from zh_gov_essays.vocab.memo import remember_lines

SITE_TEMPLATE = Label(
    "site_template",
    "A line the site prints on many of its pages (header, menu, slogan, footer), "
    "learned from the whole crawl.",
)

# Longest line (normalised) that can be template furniture.  Menus, slogans,
# site names and copyright/ICP footers fit (a footer packing 主办/承办/地址/
# 电话/备案号 runs to ~100 characters); an essay's paragraphs are longer, and
# counting them would only cost memory.
MAX_TEMPLATE_CHARS = 120
# A line with at least this many Han characters and a full stop is a real
# paragraph (the layout's measure, ``layout._is_paragraph``): the page's body
# runs from its first to its last one, and nothing between them is a candidate.
PROSE_MIN_CJK = 40
# How many of a page's smallest paragraph hashes make its body sketch: two
# pages sharing one of them carry the same essay (a copy, or one page's
# print view), so only the first gives evidence.  Three keep a copy
# recognised when a watermark or a repair changed one of its paragraphs.
SKETCH_SIZE = 3
# An essay's own opening or closing formula (``同志们：``, ``谢谢大家！``,
# ``特此通知。``) is short; a site's notice printed right after the essay
# (``这里是…的读书笔记，每周更新两篇，欢迎留言交流。``) is longer.
ESSAY_FORMULA_MAX_CHARS = 20

_WHITESPACE = re.compile(r"\s+")
_ESSAY_EDGE_MARKS = FULL_STOPS + "：:"
_DATE_WORDS = re.compile(rf"[{NUMERALS}○Ｏ\d\s年月日号號]+")


def normalise(text: str) -> str:
    """The form lines are compared in: NFKC, no whitespace, case-folded.

    >>> normalise("  首页 | 机构概况　｜ ＡＢＣ ")
    '首页|机构概况|abc'
    """
    return _WHITESPACE.sub("", nfkc(text)).casefold()


def text_hash(text: str) -> int:
    """A stable 64-bit hash of ``text`` (the same in every process and run).

    >>> text_hash("首页") == text_hash("首页") != text_hash("首頁")
    True
    """
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


LINE_KEY_CACHE = 2048
"""Lines whose :func:`line_key` is remembered (the last ones asked for).

A site's furniture lines come back on page after page, and a copied essay
repeats its source: over 2,000 pages of the bench's crawl, 36 % of the keys
the template pass asked for were among the last 1,024 asked (41 % of the
last 4,096); remembering 2,048 took the pass to 0.89 of its time (median of
6 alternating rounds, 0.79-1.02 each, the same evidence)."""


def line_key(text: str) -> int:
    """The hash of a line's normalised text: letter-spacing and width do not matter.

    >>> line_key("清 溪 县 机 关 事 务 网") == line_key("清溪县机关事务网")
    True

    The keys of the last :data:`LINE_KEY_CACHE` lines are remembered
    (:func:`~zh_gov_essays.vocab.memo.remember_lines`).
    """
    return _remembered_line_key(text)


def _line_key(text: str) -> int:
    return text_hash(normalise(text))


_remembered_line_key = remember_lines(LINE_KEY_CACHE)(_line_key)


def is_prose(text: str) -> bool:
    """A real paragraph: long, with a full stop (see :data:`PROSE_MIN_CJK`)."""
    return len(text) >= PROSE_MIN_CJK and "。" in text and cjk_count(text) >= PROSE_MIN_CJK


def _is_bare_date(text: str) -> bool:
    """``2023年5月6日``, ``二〇二三年五月六日``: a line that is only a date."""
    text = text.strip()
    return bool(text) and (
        (find_date(text) is not None and not strip_dates(text).strip())
        or ("年" in text and "月" in text and _DATE_WORDS.fullmatch(text) is not None)
    )


def body_span(texts: Sequence[str]) -> tuple[int, int]:
    """Indices of the page's first and last real paragraph (``(len, -1)`` without one).

    >>> body_span(["标题", "今年以来，" + "我们" * 20 + "。", "附言", "又一段，" + "工作" * 20 + "。", "版权"])
    (1, 3)
    """
    prose = [i for i, text in enumerate(texts) if is_prose(text)]
    return (prose[0], prose[-1]) if prose else (len(texts), -1)


def candidate_lines(texts: Sequence[str], span: tuple[int, int] | None = None) -> list[int]:
    """Indices of the lines of a page that may be template furniture.

    Short lines before the first or after the last real paragraph, except
    headings, an essay's opening or closing line that touches a paragraph
    (``同志们：``, ``谢谢大家！``) and a signature line above its date.  A
    page without any real paragraph is all edge.  ``span`` is the page's
    :func:`body_span`, when the caller has it.

    >>> page = ["清溪县机关事务网", "首页 | 通知公告", "一、提高思想认识", "同志们：",
    ...         "今年以来，" + "我们" * 20 + "。", "不忘初心，牢记使命", "又一段，" + "工作" * 20 + "。",
    ...         "谢谢大家！", "清溪县机关事务服务中心", "2023年5月6日", "版权所有 清溪县机关事务网"]
    >>> [page[i] for i in candidate_lines(page)]
    ['清溪县机关事务网', '首页 | 通知公告', '2023年5月6日', '版权所有 清溪县机关事务网']
    """
    first, last = span or body_span(texts)
    nonblank = [i for i, text in enumerate(texts) if text.strip()]
    following = dict(zip(nonblank, [*nonblank[1:], None], strict=True))
    preceding = dict(zip(nonblank, [None, *nonblank[:-1]], strict=True))
    out = []
    for i in nonblank:
        if first <= i <= last:
            continue
        text = texts[i].strip()
        if len(normalise(text)) > MAX_TEMPLATE_CHARS or heading_level(text) is not None:
            continue
        nxt, prev = following[i], preceding[i]
        touches_body = (nxt is not None and nxt == first) or (prev is not None and prev == last)
        if touches_body and text[-1] in _ESSAY_EDGE_MARKS and len(text) <= ESSAY_FORMULA_MAX_CHARS:
            continue  # "同志们：" before the first paragraph, "谢谢大家！" after the last
        if i > last and nxt is not None and _is_bare_date(texts[nxt]) and not _is_bare_date(text):
            continue  # the essay's signature: "清溪县机关事务服务中心" over its date
        out.append(i)
    return out


@dataclass(frozen=True)
class PageEvidence:
    """What one page tells the crawl-level count: numbers only.

    ``body`` is its sketch (:data:`SKETCH_SIZE` smallest paragraph hashes, or
    the hash of its whole text when it has no paragraph); ``lines`` the keys
    of its candidate lines.
    """

    body: tuple[int, ...]
    lines: frozenset[int]


def page_evidence(texts: Sequence[str]) -> PageEvidence:
    """The evidence one page's raw lines give (see :class:`PageEvidence`).

    >>> ev = page_evidence(["清溪县机关事务网", "今年以来，" + "我们" * 20 + "。", "版权所有"])
    >>> len(ev.body), len(ev.lines)
    (1, 2)
    """
    span = first, last = body_span(texts)
    paragraphs = sorted({line_key(t) for t in texts[first : last + 1] if is_prose(t)})
    body = tuple(paragraphs[:SKETCH_SIZE]) or (text_hash(normalise("".join(texts))),)
    lines = frozenset(line_key(texts[i]) for i in candidate_lines(texts, span))
    return PageEvidence(body, lines)


def template_lines(
    texts: Sequence[str], templates: frozenset[int], span: tuple[int, int] | None = None
) -> list[int]:
    """Indices of the page's candidate lines that its site's template holds.

    >>> page = ["清溪县机关事务网", "今年以来，" + "我们" * 20 + "。", "不忘初心", "又一段，" + "工作" * 20 + "。"]
    >>> template_lines(page, frozenset({line_key("清溪县机关事务网"), line_key("不忘初心")}))
    [0]
    """
    if not templates:
        return []
    return [i for i in candidate_lines(texts, span) if line_key(texts[i]) in templates]
