"""What no published paragraph may contain: the invariants of DESIGN.md, for one paragraph.

The pipeline drops (and logs) a paragraph that still breaks one of them after
every repair, so one bad page never blocks a build; the publishing gate
(:mod:`zh_gov_essays.publish.validate`) checks every published row again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from zh_gov_essays.furniture import first_anywhere
from zh_gov_essays.repair.mojibake import has_mojibake
from zh_gov_essays.repair.pinyin import pinyin_problem
from zh_gov_essays.vocab.chars import PRIVATE_USE

_PRIVATE_USE = re.compile(f"[{PRIVATE_USE}]")
_ENTITY_DEBRIS = re.compile(r"&n?bsp;?|nbsp;", re.IGNORECASE)
_LONE_NUMBER = re.compile(r"[\d\s.,:-]+")
# A letter, ideograph or digit: Unicode categories L and N.  ``\w`` is exactly
# those plus ``_`` (str.isalnum); tests/test_fast_paths.py checks every code point.
_LETTER = re.compile(r"[^\W_]")


def one_letter(text: str) -> bool:
    """Whether ``text`` holds exactly one letter, ideograph or digit (categories L and N).

    Two searches, each stopping at the first hit: no walk over a long paragraph.

    >>> one_letter("一、"), one_letter("A."), one_letter("12"), one_letter("。")
    (True, True, False, False)
    """
    first = _LETTER.search(text)
    return first is not None and _LETTER.search(text, first.end()) is None


def paragraph_problems(text: str) -> list[str]:
    """Why ``text`` may not be published as a paragraph (empty when it may).

    Remembered per text: the build's workers ask again about the paragraphs
    they have just checked (:func:`text_digest`).

    >>> paragraph_problems("建设服务型机关，是党和政府的重要举措。")
    []
    >>> paragraph_problems(" 12 ")
    ['leading or trailing whitespace', 'lone number', 'boilerplate: page_number']
    >>> paragraph_problems("政協(xié)機關")
    ['pinyin gloss']
    >>> paragraph_problems("点"), paragraph_problems("A."), paragraph_problems("一、")
    (['one letter'], ['one letter'], ['one letter'])
    """
    return list(_problems(text))


@lru_cache(maxsize=4096)
def _problems(text: str) -> tuple[str, ...]:
    problems = []
    if not text:
        return ("empty",)
    if text != text.strip():
        problems.append("leading or trailing whitespace")
    if "\ufffd" in text:
        problems.append("U+FFFD")
    if _PRIVATE_USE.search(text):
        problems.append("private-use code point")
    if _ENTITY_DEBRIS.search(text):
        problems.append("&nbsp; debris")
    if _LONE_NUMBER.fullmatch(text):
        problems.append("lone number")
    elif one_letter(text):
        problems.append("one letter")
    pinyin = pinyin_problem(text)
    if pinyin:
        problems.append(pinyin)
    if has_mojibake(text):
        problems.append("mojibake")
    # A line rule that may fire anywhere matching a paragraph means boilerplate got through.
    rule = first_anywhere(text.strip())
    if rule is not None:
        problems.append(f"boilerplate: {rule.name}")
    return tuple(problems)


def text_digest(text: str) -> int:
    """A 64-bit digest of a paragraph's text: what the gate keeps of a text it has checked.

    >>> text_digest("建设服务型机关。") == text_digest("建设服务型机关。") != text_digest("建设服务型机关")
    True
    """
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def checked_digests(texts: Iterable[str]) -> tuple[int, ...]:
    """The :func:`text_digest` of each text that passes :func:`paragraph_problems`: what a
    worker hands the publishing gate, so that it does not check those texts again.

    >>> checked_digests(["建设服务型机关。", "A"]) == (text_digest("建设服务型机关。"),)
    True
    """
    return tuple(text_digest(text) for text in texts if not paragraph_problems(text))
