"""Paragraphs hard-wrapped at a fixed width (PDF extractions, bulletin boards), joined back.

A PDF page or a BBS post reaches us with a line break every N columns, in
the middle of words (``推動政府服`` ⏎ ``務的最高榮譽``).  Before the layout
judges the page, every run of such lines becomes one :class:`Line` whose
``parts`` are the page lines, so furniture rules, the body's start and the
title see whole paragraphs.  Body repairs still run on each part, and
:mod:`~zh_gov_essays.segment` joins the parts again, recording
``line_wrap_join`` (so replaying a paragraph's repairs on its page lines
still gives its text).

A line is joined to the next only on clear evidence:

* it does not end a sentence (``。！？…：`` or a closing quote after one);
* its display width is the page's wrap width: at least two other unended
  lines near it have the same width (within 12 %), and the next line is
  not wider;
* neither line is a heading, a list item, a table row or page furniture,
  the next line is not indented more (a new paragraph) and does not start
  like this one (items of a list), one of the two has a punctuation mark
  (two bare lines are titles in a list), and the lines around do not
  mostly end in punctuation (verse);
* it is not the page's first line (the title).

Left alone: poems (short lines, or lines that end in punctuation), lists,
headings, and text printed one paragraph per line (widths vary with the
paragraphs, and each one ends a sentence).
"""

from __future__ import annotations

import re
import unicodedata

from zh_gov_essays.furniture import is_furniture
from zh_gov_essays.records import Label, Line
from zh_gov_essays.repair import in_flow_order
from zh_gov_essays.vocab.chars import cjk_count
from zh_gov_essays.vocab.headings import NUMERALS, heading_level

LINE_WRAP_JOIN = Label(
    "line_wrap_join", "Lines of a paragraph hard-wrapped at a fixed width (PDF, BBS), joined again."
)

# Display columns a wrapped line may have: narrower is a poem or a list,
# wider is a paragraph printed on one line.
MIN_WRAP_WIDTH = 24
MAX_WRAP_WIDTH = 100
# How far a wrapped line's width may stray from the wrap width.
WRAP_TOLERANCE = 0.12
# How many lines around a line are searched for others of its width.
WRAP_WINDOW = 8

_WIDE_ASCII = frozenset(",;:?!()")
_ENDS = "。！？!?…：:"
_CLOSERS = "”’」』）)》】"
_PUNCT = re.compile(r"[，,、；;。！？!?：:（）()「」“”『』]")
_ITEM_START = re.compile(
    rf"^(?:[-•·●○■□◆◇▪*▶►]|\d{{1,3}}\s*[、.．)）]|[(（]\s*(?:\d{{1,3}}|[{NUMERALS}]{{1,3}})\s*[)）]"
    rf"|第[{NUMERALS}\d]{{1,4}}[条條章节節款])"
)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width layout: ideographs and full-width forms count two.

    ASCII ``,;:?!()`` count two as well: pages reach us with Chinese
    punctuation already narrowed, but the layout was made with the wide form.

    >>> display_width("推動政府服"), display_width("問題,"), display_width("ISO 9001")
    (10, 6, 8)
    """
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" or ch in _WIDE_ASCII else 1 for ch in text
    )


def _ends_paragraph(text: str) -> bool:
    """Whether a line ends where a paragraph may end (a sentence end, a colon)."""
    text = text.rstrip()
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return not text or text[-1] in _ENDS


def _wrappable(text: str) -> bool:
    """A line that could be a wrapped piece of prose (its own end aside)."""
    text = text.strip()
    if not text or heading_level(text) is not None or _ITEM_START.match(text):
        return False
    if text.count(" ") > 2 or "  " in text or "\t" in text:
        return False  # a table row, a menu, letter-spaced labels
    if cjk_count(text) * 2 < len(text.replace(" ", "")):
        return False
    return not is_furniture(text)


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \t\u3000\xa0"))


def wrap_joins(texts: list[str], raws: list[str] | None = None) -> list[bool]:
    """For each line, whether it is joined to the next one.

    >>> lines = ["政府服務獎評獎紀實", "「服務獎」是政府機關推動政府", "服務的最高榮譽，獎項內容則依", "據服務性質區分為兩類機關，分",
    ...          "別頒發。", "得獎機關應分享經驗，並辦理成", "果發表會。"]
    >>> wrap_joins(lines)
    [False, True, True, True, False, True, False]

    Left alone: lines of a poem, and paragraphs printed one per line.

    >>> wrap_joins(["静夜思", "床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"])
    [False, False, False, False, False]
    """
    raws = raws if raws is not None else texts
    # A line of more than MAX_WRAP_WIDTH characters is wider than any wrap
    # width: its exact width is never needed (most of a page's text is such lines).
    widths = [
        display_width(t.strip()) if len(t.strip()) <= MAX_WRAP_WIDTH else 2 * len(t) for t in texts
    ]
    first = next((i for i, t in enumerate(texts) if t.strip()), -1)
    unended = [
        i != first  # the page's first line is its title
        and bool(t.strip())
        and MIN_WRAP_WIDTH <= w <= MAX_WRAP_WIDTH
        and not _ends_paragraph(t)
        and _wrappable(t)
        for i, (t, w) in enumerate(zip(texts, widths, strict=True))
    ]
    joins = [False] * len(texts)
    for i in range(len(texts) - 1):
        if not unended[i] or not texts[i + 1].strip() or not _wrappable(texts[i + 1]):
            continue
        if _indent(raws[i + 1]) > _indent(raws[i]):
            continue  # the next line is indented: a new paragraph
        if _common_start(texts[i], texts[i + 1]):
            continue  # items of a list ("标题_第1页", "标题_第2页")
        if not (_PUNCT.search(texts[i]) or _PUNCT.search(texts[i + 1])):
            continue  # two lines without a mark: titles of a list, not a sentence
        width = widths[i]
        if widths[i + 1] > width * (1 + WRAP_TOLERANCE) + 1:
            continue  # the next line is wider: this one was not cut at the wrap width
        lo, hi = max(0, i - WRAP_WINDOW), min(len(texts), i + WRAP_WINDOW + 1)
        same = [
            k
            for k in range(lo, hi)
            if k != i
            and unended[k]
            and abs(widths[k] - width) <= WRAP_TOLERANCE * max(widths[k], width)
        ]
        around = [k for k in range(lo, hi) if k != i and texts[k].strip()]
        verse = sum(1 for k in around if re.search(r"[，,、；;。！？!?：:…]$", texts[k].strip()))
        joins[i] = len(same) >= 2 and verse * 2 < len(around)
    return joins


def _common_start(a: str, b: str, n: int = 4) -> bool:
    a, b = a.strip(), b.strip()
    return len(a) >= n and a[:n] == b[:n]


def join_wrapped_lines(lines: list[Line]) -> list[Line]:
    """The page's lines with each hard-wrapped run made one :class:`Line` (its ``parts`` the page lines).

    The joined line's text is the parts' texts joined; its repairs and
    removed text are theirs together.  Lines not joined come back as they were.
    """
    joins = wrap_joins([line.text for line in lines], [line.raw for line in lines])
    out: list[Line] = []
    run: list[Line] = []
    for line, joined in zip(lines, joins, strict=True):
        run.append(line)
        if joined:
            continue
        out.append(run[0] if len(run) == 1 else _joined(run))
        run = []
    return out


def _joined(parts: list[Line]) -> Line:
    text = parts[0].text
    for part in parts[1:]:
        sep = " " if text[-1:].isascii() and text[-1:].isalnum() and part.text[:1].isascii() else ""
        text = text + sep + part.text
    return Line(
        raw=parts[0].raw,
        text=text,
        repairs=in_flow_order(*(p.repairs for p in parts)),
        removed=[r for p in parts for r in p.removed],
        number=parts[0].number,
        parts=list(parts),
    )
