"""Is it Chinese text?  Binary sniffing, ideograph counts and common-character shares.

A wrong legacy decoding (GBK read as Big5, Korean read as GB18030) produces
rare ideographs, so the share of *common* ones tells a good decoding from a
bad one; English and binary inputs are told apart by their letters and
control bytes.
"""

from __future__ import annotations

import functools
import re

from zh_gov_essays.vocab.chars import HAN, cjk_count

# A NUL byte within the first BINARY_SNIFF_BYTES means binary (unless a UTF-16
# BOM announced NULs).  git looks for a NUL in its first 8,000 bytes the same way.
BINARY_SNIFF_BYTES = 8 * 1024

# More than this share of control characters (other than \t \n \r \f) means
# binary.  Scraped text has a stray \x08 or \x1b at most; random bytes ~11 %.
MAX_CONTROL_SHARE = 0.01

# Fewer CJK ideographs than this: not a Chinese essay (a title alone has ~10).
MIN_CJK_CHARS = 20

# CJK ideographs must be at least this share of all letters (CJK + Latin +
# other scripts).  Seed 003 with its pinyin glosses is 60 %, the other seeds
# over 97 %; English pages quoting a Chinese name are far below.
MIN_CJK_LETTER_SHARE = 0.30

# The common-character score is computed on this many leading characters:
# plenty for a stable share, and bounded on huge inputs.
SCORE_SAMPLE_CHARS = 200_000

# A line with this many ideographs (and mostly ideographs) is Chinese prose,
# whatever else the page holds (e.g. a machine translation after it).
MIN_CJK_LINE_CHARS = 50

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"

_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_CJK_RE = re.compile(f"[{HAN}]")

_LETTER_RE = re.compile(r"[^\W\d_]")


def looks_binary(data: bytes) -> bool:
    """Whether raw bytes (not UTF-16) are binary: a NUL early or many controls.

    Control bytes 0x00-0x1F never occur inside a multi-byte character of
    UTF-8, GB18030 or Big5, so counting them on the bytes is exact.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"), looks_binary("中文\\t文本\\n".encode())
    (True, False)
    """
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return True
    controls = len(data.translate(None, _NON_CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(data)


def text_looks_binary(text: str) -> bool:
    """Like :func:`looks_binary` for decoded text (also counts C1 controls).

    >>> text_looks_binary("中文\\x00"), text_looks_binary("中文\\f第二页")
    (True, False)
    """
    if "\x00" in text[:BINARY_SNIFF_BYTES]:
        return True
    controls = len(text) - len(_CONTROL_RE.sub("", text))
    return controls > MAX_CONTROL_SHARE * len(text)


@functools.cache
def common_cjk_chars() -> frozenset[str]:
    """GB2312 level-1 hanzi (3,755) plus Big5 frequently-used hanzi (5,401).

    Together they cover well over 99 % of the characters of real Simplified
    and Traditional text; a wrong legacy decoding produces rare ones.
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


def common_cjk_share(text: str) -> float:
    """Share of the CJK ideographs in (a leading sample of) ``text`` that are common.

    Text without ideographs scores 0.0.

    >>> common_cjk_share("机关建设 abc")
    1.0
    >>> round(common_cjk_share("機關建設"), 2)
    1.0
    >>> common_cjk_share("abc")
    0.0
    """
    sample = text[:SCORE_SAMPLE_CHARS]
    common = common_cjk_chars()
    total = good = 0
    for char in _CJK_RE.findall(sample):
        total += 1
        good += char in common
    return good / total if total else 0.0


def is_chinese(text: str) -> bool:
    """At least :data:`MIN_CJK_CHARS` ideographs, and at least
    :data:`MIN_CJK_LETTER_SHARE` of all letters.  Digits and punctuation do not count.

    >>> is_chinese("建设服务型机关是党和政府在新的历史时期的重要举措之一。")
    True
    >>> is_chinese("Building service-oriented offices 建设服务型机关是党和政府的重要举措")
    False

    A bilingual page (a Chinese paragraph followed by its machine translation)
    is Chinese when one line holds :data:`MIN_CJK_LINE_CHARS` ideographs that
    are most of that line's letters.
    """
    cjk = cjk_count(text)
    if cjk < MIN_CJK_CHARS:
        return False
    letters = len(text) - len(_LETTER_RE.sub("", text))
    if cjk >= MIN_CJK_LETTER_SHARE * letters:
        return True
    for line in text.split("\n"):
        line_cjk = cjk_count(line)
        if line_cjk >= MIN_CJK_LINE_CHARS:
            line_letters = len(line) - len(_LETTER_RE.sub("", line))
            if line_cjk * 2 >= line_letters:
                return True
    return False
