"""Invisible characters, odd spaces and replacement characters."""

from __future__ import annotations

import re

from zh_gov_essays.rules import text_rule
from zh_gov_essays.vocab.chars import CONTROL, INVISIBLE, PRIVATE_USE, SPACES

# Zero-width and formatting characters that carry nothing in plain text.
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Every Unicode space separator (NBSP, U+3000 ideographic space, thin spaces…)
# and tabs become an ASCII space before trimming and collapsing.
_SPACES = re.compile(f"[{SPACES}]")
_RUNS = re.compile(" {2,}")


@text_rule()
def invisible_chars(text: str) -> str:
    """Delete zero-width spaces, joiners, BOMs and soft hyphens.

    >>> invisible_chars("服\u200b务\ufeff型机关")
    '服务型机关'

    Left alone: every visible character, including ordinary spaces.
    """
    return _INVISIBLE.sub("", text)


@text_rule()
def whitespace(text: str) -> str:
    """Trim indentation and collapse runs of spaces of any kind to one.

    Paragraphs arrive indented with ASCII spaces, U+3000 or NBSP.

    >>> whitespace("\u3000\u3000市直属机关开展的创建活动")
    '市直属机关开展的创建活动'
    >>> whitespace("七十華誕銘初心  履職盡責擔使命 ")
    '七十華誕銘初心 履職盡責擔使命'

    Left alone: a single space inside the line (``强化自身建设 提升服务水平``
    separates two phrases of a title; Latin text needs its spaces).
    """
    text = _SPACES.sub(" ", text)
    return _RUNS.sub(" ", text).strip()


@text_rule(logs=True)
def replacement_char(text: str) -> str:
    """Delete U+FFFD, the mark of bytes a scraper could not decode.

    Pages cut at a byte limit end in half a character: ``…充分發\ufffd``.

    >>> replacement_char("黨的十七大明確要求人民政協要充分發\ufffd")
    '黨的十七大明確要求人民政協要充分發'

    Left alone: everything else; the character is never part of real text.
    """
    return text.replace("\ufffd", "")


@text_rule()
def whitespace_after_repairs(text: str) -> str:
    """Trim and collapse again the spaces that deletions by later repairs left behind.

    >>> whitespace_after_repairs("0 ")
    '0'

    Left alone: the same single inner spaces the ``whitespace`` rule keeps.
    """
    return whitespace(text)


# Private-use code points in every plane, and control characters other than tab.
_PRIVATE_USE = re.compile(f"[{PRIVATE_USE}]")
_CONTROL = re.compile(f"[{CONTROL}]")


@text_rule(logs=True)
def private_use(text: str) -> str:
    """Delete private-use code points the mojibake repair could not account for.

    Fonts map them to site-specific glyphs; in plain text they show as boxes.

    >>> private_use("建设服务型机关\ue026的重要举措")
    '建设服务型机关的重要举措'

    Left alone: every assigned character.  Runs of them inside garbled GB18030
    text are the ``mojibake`` rule's (it runs first and re-decodes them).
    """
    return _PRIVATE_USE.sub("", text)


@text_rule(logs=True)
def control_chars(text: str) -> str:
    """Delete control characters (other than tab) that survived decoding.

    >>> control_chars("建设\x07服务型\x1b机关")
    '建设服务型机关'

    Left alone: tabs (the whitespace rule turns them into spaces).
    """
    return _CONTROL.sub("", text)
