"""Chunks for ``--unit chunk``: consecutive paragraphs of one document, up to a size.

Paragraphs are packed in order and joined by a blank line (``\\n\\n``, as in
the ``documents`` text) while the chunk stays within ``max_chars`` characters
(separators count).  A paragraph that fits in a chunk on its own is never
split: it starts the next chunk instead.  A paragraph longer than
``max_chars`` is split at sentence ends (``。！？!?…``, with a closing quote
or bracket kept on its sentence); a sentence longer than ``max_chars`` at
clause marks (``；，、：``); and only a clause longer than that is cut at
``max_chars`` (counted in :attr:`Chunk.hard_cuts`).  A chunk never ends on a
heading when the heading can open the next chunk instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from zh_gov_essays.vocab.chars import END_CLOSERS, FULL_STOPS

SEPARATOR = "\n\n"

# A sentence: text up to and including its end mark and any closing quotes or brackets.
_STOPS = re.escape(FULL_STOPS + "…")
_SENTENCE = re.compile(
    f"[^{_STOPS}]*(?:[{re.escape(FULL_STOPS)}]+|…+)[{re.escape(END_CLOSERS)}]*|[^{_STOPS}]+$"
)
# Where a sentence longer than a chunk may be cut: after a clause mark.
_CLAUSE_MARKS = "；;，,、：:"
_CLAUSE = re.compile(f"[^{_CLAUSE_MARKS}]*[{_CLAUSE_MARKS}]+|[^{_CLAUSE_MARKS}]+$")


@dataclass(frozen=True)
class Piece:
    """A paragraph, or a piece of an over-long one, ready to be packed."""

    text: str
    heading: bool = False
    section: str | None = None


@dataclass(frozen=True)
class Chunk:
    text: str
    section: str | None  # the section the chunk starts in (a heading that opens it names it)
    hard_cuts: int = 0


def _units(text: str, pattern: re.Pattern[str]) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text) if m.group(0)]


def _pack(parts: Iterable[str], max_chars: int) -> list[str]:
    out: list[str] = []
    for part in parts:
        if out and len(out[-1]) + len(part) <= max_chars:
            out[-1] += part
        else:
            out.append(part)
    return out


def split_paragraph(text: str, max_chars: int) -> tuple[list[str], int]:
    """``text`` in pieces of at most ``max_chars``, and how many cuts fell mid-clause.

    >>> split_paragraph("一是加强学习。二是改进作风！三是“提高效率。”", 14)
    (['一是加强学习。二是改进作风！', '三是“提高效率。”'], 0)
    >>> split_paragraph("甲乙丙丁戊己庚辛", 3)
    (['甲乙丙', '丁戊己', '庚辛'], 2)
    """
    if len(text) <= max_chars:
        return [text], 0
    pieces: list[str] = []
    cuts = 0
    for sentence in _units(text, _SENTENCE):
        if len(sentence) <= max_chars:
            pieces.append(sentence)
            continue
        for clause in _units(sentence, _CLAUSE):
            while len(clause) > max_chars:
                pieces.append(clause[:max_chars])
                clause = clause[max_chars:]
                cuts += 1
            pieces.append(clause)
    return _pack(pieces, max_chars), cuts


def chunk_paragraphs(pieces: Iterable[Piece], max_chars: int) -> Iterator[Chunk]:
    """Pack the paragraphs of one document into chunks of at most ``max_chars``.

    >>> [c.text for c in chunk_paragraphs([Piece("一二三"), Piece("四五"), Piece("六七八九")], 7)]
    ['一二三\\n\\n四五', '六七八九']
    >>> ps = [Piece("甲乙丙"), Piece("一、标题", heading=True), Piece("正文正文", section="一、标题")]
    >>> [(c.text, c.section) for c in chunk_paragraphs(ps, 10)]
    [('甲乙丙', None), ('一、标题\\n\\n正文正文', '一、标题')]
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    current: list[Piece] = []
    cuts = 0

    def close(keep_heading: bool) -> Iterator[Chunk]:
        nonlocal current, cuts
        carry: list[Piece] = []
        if keep_heading and len(current) > 1 and current[-1].heading:
            carry = [current.pop()]
        if current:
            first = current[0]
            section = first.text if first.heading else first.section
            yield Chunk(SEPARATOR.join(p.text for p in current), section, cuts)
        current, cuts = carry, 0

    for piece in pieces:
        texts, piece_cuts = split_paragraph(piece.text, max_chars)
        for text in texts:
            part = Piece(text, piece.heading, piece.section)
            size = sum(len(p.text) for p in current) + len(SEPARATOR) * len(current)
            if current and size + len(text) > max_chars:
                yield from close(keep_heading=True)
                size = sum(len(p.text) for p in current) + len(SEPARATOR) * len(current)
                if current and size + len(text) > max_chars:
                    yield from close(keep_heading=False)
            current.append(part)
        cuts += piece_cuts
    yield from close(keep_heading=False)
