"""The text-rule runner: its audit diff is difflib's."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zh_gov_essays import rules
from zh_gov_essays.rules import deleted_fragments


def fragments_by_difflib(before: str, after: str) -> list[str]:
    """What ``deleted_fragments`` is defined as: the deleted and replaced runs of
    difflib's opcodes (no junk), those with more than white space."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return [
        before[i1:i2]
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag in ("delete", "replace") and before[i1:i2].strip()
    ]


_PIECES = st.sampled_from(
    [
        "的",
        "了",
        "建设",
        "服务型机关",
        "。",
        "，",
        " ",
        "&nbsp;",
        "&amp;",
        "a",
        "ab",
        "的的",
        "\u3000",
    ]
)
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


def edited(rnd: random.Random, text: str) -> str:
    """``text`` with a few pieces cut, replaced or inserted, the way repairs change lines."""
    chars = list(text)
    for _ in range(rnd.randint(1, 5)):
        at = rnd.randrange(len(chars) + 1)
        chars[at : at + rnd.randint(0, 6)] = rnd.choice(["", " ", "“", "&", "的", "建设", "X"])
    return "".join(chars)


@settings(max_examples=1500, deadline=None)
@given(_TEXT, _TEXT)
def test_deleted_fragments_are_difflibs(before: str, after: str) -> None:
    assert deleted_fragments(before, after) == fragments_by_difflib(before, after)


def test_deleted_fragments_of_edited_lines_are_difflibs(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(13)
    alphabet = "的了是在和有我们建设服务机关。，&amp;ab "
    pairs = []
    for _ in range(400):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.choice([3, 40, 400, 2000])))
        pairs.append((edited(rnd, text), text))
        pairs.append((text, edited(rnd, text)))
    for before, after in pairs:
        assert deleted_fragments(before, after) == fragments_by_difflib(before, after)
    # long lines changed far from both ends: difflib's own search, the same fragments
    monkeypatch.setattr(rules, "MAX_GRAM_CHARS", 64)
    for before, after in pairs[:200]:
        assert deleted_fragments(before, after) == fragments_by_difflib(before, after)


def test_deleted_fragments_take_the_earliest_of_equal_blocks() -> None:
    # the longest common block is the suffix, not the prefix: difflib cuts "abcdX"
    assert deleted_fragments("abcdXabcdef", "abcdef") == ["abcdX"]
    assert deleted_fragments("xyzWxyz", "xyz") == ["Wxyz"]
