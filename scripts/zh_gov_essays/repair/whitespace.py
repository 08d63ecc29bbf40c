"""Invisible characters, odd spaces and separators, replacement characters and other odd code points."""

from __future__ import annotations

import re
import unicodedata

from zh_gov_essays.rules import text_rule
from zh_gov_essays.vocab.chars import (
    CONTROL,
    HAN,
    IDEOGRAPHIC_SELECTORS,
    INVISIBLE,
    LINE_SEPARATORS,
    NONCHARACTERS,
    PRIVATE_USE,
    SPACES,
    TAG_CHARACTERS,
    VARIATION_SELECTORS,
)

# Zero-width and formatting characters that carry nothing in plain text.
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Every Unicode space separator (NBSP, U+3000 ideographic space, thin spaces…)
# and tabs become an ASCII space before trimming and collapsing.
_SPACES = re.compile(f"[{SPACES}]")
_RUNS = re.compile(" {2,}")


@text_rule(needs=f"[{INVISIBLE}]")
def invisible_chars(text: str) -> str:
    """Delete zero-width spaces, joiners, BOMs and soft hyphens.

    >>> invisible_chars("服\u200b务\ufeff型机关")
    '服务型机关'

    Left alone: every visible character, including ordinary spaces.
    """
    return _INVISIBLE.sub("", text)


# What every change holds: a space to turn into an ASCII one, two spaces, or a space
# strip() takes (it strips what \s matches).
_SPACE_NEEDS = rf"[\s{SPACES}]"


@text_rule(needs=_SPACE_NEEDS)
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


@text_rule(logs=True, needs="\ufffd")
def replacement_char(text: str) -> str:
    """Delete U+FFFD, the mark of bytes a scraper could not decode.

    Pages cut at a byte limit end in half a character: ``…充分發\ufffd``.

    >>> replacement_char("黨的十七大明確要求人民政協要充分發\ufffd")
    '黨的十七大明確要求人民政協要充分發'

    Left alone: everything else; the character is never part of real text.
    """
    return text.replace("\ufffd", "")


@text_rule(needs=_SPACE_NEEDS)
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


@text_rule(logs=True, needs=f"[{PRIVATE_USE}]")
def private_use(text: str) -> str:
    """Delete private-use code points the mojibake repair could not account for.

    Fonts map them to site-specific glyphs; in plain text they show as boxes.

    >>> private_use("建设服务型机关\ue026的重要举措")
    '建设服务型机关的重要举措'

    Left alone: every assigned character.  Runs of them inside garbled GB18030
    text are the ``mojibake`` rule's (it runs first and re-decodes them).
    """
    return _PRIVATE_USE.sub("", text)


@text_rule(logs=True, needs=f"[{CONTROL}]")
def control_chars(text: str) -> str:
    """Delete control characters (other than tab) that survived decoding.

    >>> control_chars("建设\x07服务型\x1b机关")
    '建设服务型机关'

    Left alone: tabs (the whitespace rule turns them into spaces).
    """
    return _CONTROL.sub("", text)


_LINE_SEPARATORS = re.compile(f"[{LINE_SEPARATORS}]")
_NONCHARACTERS = re.compile(f"[{NONCHARACTERS}]")
_TAG_CHARACTERS = re.compile(f"[{TAG_CHARACTERS}]")
_SELECTOR_RUN = re.compile(f"([^{VARIATION_SELECTORS}]?)([{VARIATION_SELECTORS}]+)", re.DOTALL)
_SELECTOR = re.compile(f"[{VARIATION_SELECTORS}]")
_HAN_RE = re.compile(f"[{HAN}]")
_IDEOGRAPHIC_SELECTOR = re.compile(f"[{IDEOGRAPHIC_SELECTORS}]")
_PRESENTATION_SELECTORS = "\ufe0e\ufe0f"  # VS15 text style, VS16 emoji style


@text_rule(needs=f"[{LINE_SEPARATORS}]")
def line_separators(text: str) -> str:
    """Turn U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR inside a line into a space.

    Word processors write a manual line break as U+2028 and some exports keep it;
    decoding splits lines only at ``\\n`` and leaves these to the repairs.  Inside
    a line a break is worth a space (the ``whitespace`` rule then trims and
    collapses it): it keeps a heading apart from the text after it, where
    joining the two would make one false sentence.

    >>> line_separators("一、总体要求\u2028各地要结合实际，制定具体方案。")
    '一、总体要求 各地要结合实际，制定具体方案。'

    Left alone: newlines (lines are split there before the repairs run) and
    every other character.
    """
    return _LINE_SEPARATORS.sub(" ", text)


# Every noncharacter is U+FDD0-U+FDEF, U+FFFE, U+FFFF or beyond the BMP: three ranges,
# where the class of all 66 (32 of them one by one beyond U+FFFF) costs a test each.
@text_rule(logs=True, needs="[\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")
def noncharacters(text: str) -> str:
    """Delete noncharacters (U+FDD0-U+FDEF, U+FFFE and U+FFFF of every plane).

    Unicode reserves them for a program's internal use (sentinels, byte-order
    probes); in published text they come from broken converters and show as boxes.

    >>> noncharacters("建设服务型机关\uffff是党和政府\ufdd0的重要举措")
    '建设服务型机关是党和政府的重要举措'

    Left alone: every assigned character and private-use code points (the
    ``private_use`` rule's).
    """
    return _NONCHARACTERS.sub("", text)


@text_rule(logs=True, needs=f"[{TAG_CHARACTERS}]")
def tag_characters(text: str) -> str:
    """Delete tag characters (U+E0000-U+E007F): invisible ASCII hidden in the text.

    Readers never see them, but a model trained on the text does: they are how
    instructions and watermarks are smuggled into pages (each tag is an ASCII
    character plus U+E0000).  The log keeps them, so what was hidden can be read.

    >>> tag_characters("加强作风建设\U000e0068\U000e0069\U000e0064\U000e0065，提高效率。")
    '加强作风建设，提高效率。'

    Left alone: everything else.  (Emoji subdivision flags use tags too; this
    corpus has no use for them, and the base flag remains.)
    """
    return _TAG_CHARACTERS.sub("", text)


def _keeps_selector(base: str, selectors: str) -> bool:
    """Whether ``selectors`` after ``base`` form a variation sequence worth keeping."""
    if len(selectors) != 1 or not base:
        return False  # one selector per character (a run of them is hidden data)
    if _HAN_RE.match(base):
        return bool(_IDEOGRAPHIC_SELECTOR.match(selectors))
    # U+FFFD is a symbol too, but the replacement_char repair deletes it
    return (
        selectors in _PRESENTATION_SELECTORS
        and unicodedata.category(base) == "So"
        and base != "\ufffd"
    )


@text_rule(logs=True, needs=f"[{VARIATION_SELECTORS}]")
def variation_selectors(text: str) -> str:
    """Delete variation selectors that select nothing: stray, after text, or in runs.

    A variation selector only picks a glyph of the character before it, so it is
    kept where it does: one ideographic selector after a Han ideograph (VS17-VS256
    in a registered ideographic variation sequence, VS1-VS3 in the standardized
    variants of compatibility ideographs: the person's-name glyph of 葛 or 辻 is
    part of how that name is written), and VS15/VS16 after a symbol (text or
    emoji style of ☎ ❤).  Anywhere else it is invisible debris of editors and
    emoji pickers (``建设\ufe0f``), and a run of them after one character is
    a known way to hide bytes in text: removed and logged.

    >>> variation_selectors("建设\ufe0f服务型机关\U000e0100\U000e0101\U000e0102，葛\U000e0100城")
    '建设服务型机关，葛\U000e0100城'

    Left alone: a single ideographic selector after a Han ideograph, a single
    VS15/VS16 after a symbol, and every other character.
    """
    if not _SELECTOR.search(text):
        return text
    return _SELECTOR_RUN.sub(
        lambda m: m.group(0) if _keeps_selector(m.group(1), m.group(2)) else m.group(1), text
    )
