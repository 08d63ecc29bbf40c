"""Fast paths give exactly what the plain definitions they replace give.

Each test states the slow definition in full and compares it with the fast
one over every code point or over varied real text (the fixture pages and
the shared samples).
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from zh_gov_essays.invariants import one_letter


def _category_letters(text: str) -> int:
    """The plain definition: characters of Unicode categories L and N."""
    return sum(unicodedata.category(ch)[0] in "LN" for ch in text)


def test_letter_class_is_categories_l_and_n_for_every_code_point() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for ch in everything:
        assert one_letter(ch) == (_category_letters(ch) == 1), hex(ord(ch))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "一、",
        "A.",
        "12",
        "。",
        "（一）",
        "第1",
        "_",
        "²",
        "Ⅷ",
        "ǅ",
        "〇",
        " 点 ",
        "点点",
        "-_-",
    ],
)
def test_one_letter_counts_like_categories(text: str) -> None:
    assert one_letter(text) == (_category_letters(text) == 1)
