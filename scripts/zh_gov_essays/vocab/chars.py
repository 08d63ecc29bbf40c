"""Characters by role: Han ideographs, punctuation, brackets, spaces, invisible and private use.

One definition of a Han ideograph serves every module, so two counts of
the same text can never disagree (``cjk_count("𠀀𪚥中")`` is 3 everywhere).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from zh_gov_essays.vocab.memo import remember_lines

if TYPE_CHECKING:
    import numpy as np

HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # the unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x2FA1F),  # Extensions B-F and I, compatibility supplement
    (0x30000, 0x323AF),  # Extensions G-H
)
"""Code point ranges of Han ideographs: the unified blocks, Extensions A-I, compatibility."""

HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)
"""The ranges of :data:`HAN_RANGES` as the body of a regex character class: ``f"[{HAN}]"``."""

HAN_BMP = "\u3400-\u4dbf\u4e00-\u9fff"
"""The unified ideographs of the Basic Multilingual Plane (Extension A and the main block):
every code point assigned since Unicode 14, a letter that NFKC leaves unchanged."""

HAN_UNIFIED = HAN_BMP + "\U00020000-\U0002ee5f\U00030000-\U000323af"
"""Han ideographs without the compatibility blocks: the ones NFKC leaves unchanged
(it maps compatibility ideographs onto these)."""

_NOT_CJK = re.compile(f"[^\u3001\u3002{HAN_UNIFIED}]+")


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about three times faster on Chinese.

    Only the runs between CJK ideographs and ``、。`` are normalised: those
    characters are NFKC-stable starters that never compose with a neighbour,
    so normalisation cannot cross them.

    >>> nfkc("政协（一）机关：ＩＳＯ９００１")
    '政协(一)机关:ISO9001'
    """
    return _NOT_CJK.sub(_nfkc, text)


CJK_COUNT_CACHE = 64
"""Texts whose :func:`cjk_count` is remembered.  The cleaning asks for the count of one
line from several rules, and of one paragraph from several stages: on the bench's
pages 61 % of the calls repeat one of the last 32 texts, 65 % one of the last 256."""

# Runs, not single characters: one match per run of ideographs is ~3x faster on Chinese text.
_HAN_RE = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(f"[{HAN}]+")


@functools.cache
def common_cjk_chars() -> frozenset[str]:
    """GB2312 level-1 hanzi (3,755) plus Big5 frequently-used hanzi (5,401).

    Together they cover well over 99 % of the characters of real Simplified
    and Traditional text; a wrong decoding (GBK read as Big5, UTF-8 read as
    GBK) produces rare ones.

    >>> len(common_cjk_chars()), "机" in common_cjk_chars(), "機" in common_cjk_chars()
    (6722, True, True)
    """
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # D7FA-D7FE are unassigned
    for hi in range(0xA4, 0xC7):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if hi == 0xC6 and lo > 0x7E:
                break  # the frequently-used block ends at C67E
            chars.add(bytes((hi, lo)).decode("big5"))
    return frozenset(chars)


HAN_TABLE_CHARS = 200
"""From this length on, :func:`han_count` and :func:`common_share` look every code point up
in a table instead of matching runs of ideographs: counting a 500-character block of Chinese
prose costs 6.5 us instead of 12.5, a 3,000-character page 11 us instead of 62 (equal at
about 200)."""


_HAN_FLAG, _COMMON_FLAG = 1, 2


@functools.cache
def _char_table() -> np.ndarray:
    """Flags per code point up to the last ideograph, and one more entry (0) standing for
    every code point after it (201 KiB): in :data:`HAN_RANGES` (1), common (2, see
    :func:`common_cjk_chars`; ideographs only)."""
    import numpy as np  # here, not at the top: commands that count nothing start without it

    table = np.zeros(max(hi for _, hi in HAN_RANGES) + 2, dtype=np.uint8)
    for lo, hi in HAN_RANGES:
        table[lo : hi + 1] = _HAN_FLAG
    common = [ord(ch) for ch in common_cjk_chars()]
    table[common] |= (table[common] & _HAN_FLAG) * _COMMON_FLAG
    return table


def _flags(text: str) -> np.ndarray:
    """The :func:`_char_table` flags of every character of ``text``."""
    import numpy as np

    table = _char_table()
    # Code points as 32-bit integers (a lone surrogate, U+D800-DFFF, is one too); those
    # past the table read its last entry.
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return table[np.minimum(codes, len(table) - 1)]


def _count_flags(text: str, *wanted: int) -> list[int]:
    """How many characters of ``text`` carry each of the ``wanted`` flags."""
    import numpy as np

    flags = _flags(text)
    return [int(np.count_nonzero(flags & flag)) for flag in wanted]


def common_share(text: str) -> float:
    """The share of the Han ideographs in ``text`` that are common (:func:`common_cjk_chars`).

    Text without ideographs scores 0.0.

    >>> common_share("机关建设 abc"), common_share("寤鸿炬湇"), common_share("abc")
    (1.0, 0.75, 0.0)
    """
    if len(text) >= HAN_TABLE_CHARS:
        han, common = _count_flags(text, _HAN_FLAG, _COMMON_FLAG)
        return common / han if han else 0.0
    han = cjk_count(text)
    return sum(map(len, _common_run().findall(text))) / han if han else 0.0


@functools.cache
def _common_run() -> re.Pattern[str]:
    """Runs of the common ideographs (:func:`common_cjk_chars` that are :data:`HAN`):
    counting them in runs beats a set lookup per ideograph ~5x."""
    common = sorted(ch for ch in common_cjk_chars() if _HAN_RE.fullmatch(ch))
    return re.compile(f"[{re.escape(''.join(common))}]+")


def cjk_count(text: str) -> int:
    """The number of Han ideographs in ``text``.

    >>> cjk_count("政协機關 ABC 123 。"), cjk_count("𠀀𪚥中")
    (4, 3)

    Left alone: kana, hangul, CJK punctuation and full-width forms do not count.

    >>> cjk_count("かな 한글 。，Ａ")
    0

    The counts of the last :data:`CJK_COUNT_CACHE` lines are remembered
    (:func:`~zh_gov_essays.vocab.memo.remember_lines`): the rules that look at
    one line ask for its count again and again.
    """
    return _cached_han_count(text)


def han_count(text: str) -> int:
    """:func:`cjk_count` without remembering: for a whole page, counted once.

    >>> han_count("政协機關 ABC 123 。"), han_count("政协機關 ABC 123 。" * 20)
    (4, 80)
    """
    if len(text) < HAN_TABLE_CHARS:
        return sum(map(len, _HAN_RUN.findall(text)))
    return _count_flags(text, _HAN_FLAG)[0]


_cached_han_count = remember_lines(CJK_COUNT_CACHE)(han_count)


HANGUL_SYLLABLES = "\uac00-\ud7a3"
"""The precomposed Hangul syllables (Korean), as the body of a regex character class."""

KANA = "\u3041-\u3096\u30a1-\u30fa"
"""Hiragana and katakana proper (Japanese), as the body of a regex character class: not the
prolonged-sound mark or iteration marks, not half-width katakana (which Chinese bytes read as
Shift-JIS produce in numbers)."""


CJK_CONTEXT = (
    "\u3000-\u303f\u3040-\u30ff" + HAN + "\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
)
"""Characters that make a neighbour "Chinese context" for punctuation: ideographs, kana,
CJK punctuation, full-width forms, and the curly quotes, dash and ellipsis Chinese text uses."""

# --- punctuation, by what it does -------------------------------------------------------------

CLAUSE_MARKS = "。，,；;！？!?"
"""Marks that end a clause or a sentence, in both widths: a line holding one is prose."""
SENTENCE_PUNCT = re.compile(f"[{CLAUSE_MARKS}]")

FULL_STOPS = "。！？!?"
"""Marks that end a sentence."""
# One full stop anywhere in a text, and the places after each one (to split sentences).
FULL_STOP = re.compile(f"[{FULL_STOPS}]")
AFTER_FULL_STOP = re.compile(f"(?<=[{FULL_STOPS}])")

HEADING_END_MARKS = "。！？!?；;…"
"""Marks after which a heading may end, and which may not occur inside one."""

SENTENCE_CLOSING = "。！？!?；;…：:”」』）)】"
"""Last characters of a paragraph that cannot be continuing mid-sentence."""

SPLIT_ENDS = "。！？；"
"""Sentence ends at which an over-long line may be cut."""

END_CLOSERS = "”’」』）》】〉\"')]"
"""Closing quotes and brackets that stay with the sentence they end."""

OPENING_BRACKETS = "(（【[［《「『〔“‘"
CLOSING_BRACKETS = ")）】]］》」』〕”’"

FULLWIDTH_OF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
"""ASCII punctuation and the full-width form Chinese typography wants in Chinese context."""

# --- spaces, invisible and unwanted characters --------------------------------------------------

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e"
"""Zero-width and formatting characters that carry nothing in plain text."""

SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
"""Every Unicode space separator but the ASCII space (NBSP, U+3000, thin spaces), and tab."""

PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
"""Private-use code points in every plane: site-specific glyphs that show as boxes."""

C0_CONTROL = "\x00-\x08\x0b-\x1f\x7f"
"""C0 control characters other than tab and newline, and DEL."""

CONTROL = C0_CONTROL + "\x80-\x9f"
"""C0 and C1 control characters other than tab and newline."""

LINE_SEPARATORS = "\u2028\u2029"
"""U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: breaks that are not ``\\n``
(word processors' manual line breaks, some JSON exports); decoding leaves them to the repairs."""

NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
"""The 66 noncharacters: U+FDD0-U+FDEF and the last two code points of every plane
(U+FFFE, U+FFFF, U+1FFFE …), reserved for a program's internal use, never for text."""

TAG_CHARACTERS = "\U000e0000-\U000e007f"
"""The tag block: invisible copies of ASCII (U+E0020-U+E007E), once language tags, now used
only in emoji flag sequences and to hide text from readers (ASCII smuggling)."""

VARIATION_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
"""VS1-VS16 and VS17-VS256: invisible marks that pick a glyph of the character before them."""

IDEOGRAPHIC_SELECTORS = "\ufe00-\ufe02\U000e0100-\U000e01ef"
"""The variation selectors that Han ideographs take: VS1-VS3 in the standardized variants of
compatibility ideographs, VS17-VS256 in the registered ideographic variation sequences (IVD)."""

# --- bullets ------------------------------------------------------------------------------------

_LEADING_BULLET = re.compile(r"^[•·●○■□◆◇▪▫◎★☆※\-–—*]+\s*")


def strip_bullet(line: str) -> str:
    """The line without a leading list bullet (``• 2019-12-17`` → ``2019-12-17``).

    >>> strip_bullet("• 2019-12-17"), strip_bullet("■■ 相关文章")
    ('2019-12-17', '相关文章')

    Left alone: a line that starts with anything else.
    """
    return _LEADING_BULLET.sub("", line)


# --- letter spacing -----------------------------------------------------------------------------

_SPACED_RUN = re.compile(rf"(?<!\S)[{HAN}](?:[ \t\u3000]+[{HAN}](?!\S))+")


def join_letter_spacing(text: str) -> str:
    """``text`` with letter-spaced runs of single ideographs closed up (``发 布 机 构``).

    Portals space out their field labels and headers to fill a table cell;
    matching a label needs it back in one piece.

    >>> join_letter_spacing("发 布 机 构 市人民政府办公室 发 文 日 期 2019-11-29")
    '发布机构 市人民政府办公室 发文日期 2019-11-29'
    >>> join_letter_spacing("後 備 軍 友 俱 樂 部   All Rights Reserved.")
    '後備軍友俱樂部   All Rights Reserved.'

    Left alone: words of two or more characters, and a single ideograph
    between longer words (``甲 乙方``, ``市 人民政府``).

    >>> join_letter_spacing("甲 乙方 市 人民政府")
    '甲 乙方 市 人民政府'
    """
    return _SPACED_RUN.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text)
