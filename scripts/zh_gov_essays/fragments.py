"""What a repair took out of a line: the runs of the old text missing from the new.

The rule runner logs each logging rule's deletions as these runs
(:func:`deleted_fragments`), with difflib's definition and a faster search
for the common blocks: a repair changes little of a line.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher


def deleted_fragments(before: str, after: str) -> list[str]:
    """The runs of ``before`` that do not survive into ``after``.

    Those difflib's ``SequenceMatcher`` (no junk) reports deleted or replaced,
    with more than white space in them; a test keeps the two equal.

    >>> deleted_fragments("最公务员之家版权所有大限度地", "最大限度地")
    ['公务员之家版权所有']
    >>> deleted_fragments("政協(xié)機(jī)關", "政協機關")
    ['(xié)', '(jī)']
    """
    if before == after:
        return []
    out = []
    pos = 0
    for i, _j, k in [*_matching_blocks(before, after), (len(before), len(after), 0)]:
        if pos < i and before[pos:i].strip():
            out.append(before[pos:i])  # an opcode "delete" or "replace"
        pos = i + k
    return out


def _matching_blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()``, unmerged and
    without the sentinel: the same recursion around the longest common block, found by
    :func:`_longest`."""
    blocks = []
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = _longest(a, b, alo, ahi, blo, bhi)
        if k:
            blocks.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    return blocks


#: Most characters the substrings of one check of :func:`_longest` may hold, all told;
#: beyond that (long lines with a change far from both ends) difflib's own search.
MAX_GRAM_CHARS = 2_000_000


class _TooLong(Exception):
    pass


def _longest(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """``SequenceMatcher.find_longest_match`` without junk: the longest common block of
    ``a[alo:ahi]`` and ``b[blo:bhi]``, the earliest in ``a``, then in ``b``.

    Its length is found with sets of substrings, from a lower bound: a repair
    changes little of a line, so the block is nearly always the common prefix
    or suffix of the two ranges, and one check (no common substring one
    character longer) settles it.
    """
    most = min(ahi - alo, bhi - blo)
    prefix = _largest(most, lambda n: a[alo : alo + n] == b[blo : blo + n])
    suffix = _largest(most, lambda n: a[ahi - n : ahi] == b[bhi - n : bhi])

    def common(n: int) -> bool:  # a common substring of n characters
        if (max(ahi - alo, bhi - blo) - n + 1) * n > MAX_GRAM_CHARS:
            raise _TooLong
        grams = {a[i : i + n] for i in range(alo, ahi - n + 1)}
        return not grams.isdisjoint(b[j : j + n] for j in range(blo, bhi - n + 1))

    size = max(prefix, suffix)
    try:
        if size < most and common(size + 1):
            size += 1 + _largest(most - size - 1, lambda n: common(size + 1 + n))
    except _TooLong:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return tuple(matcher.find_longest_match(alo, ahi, blo, bhi))  # type: ignore[return-value]
    if size == 0:
        return alo, blo, 0
    if prefix == size:
        return alo, blo, size
    for i in range(alo, ahi - size + 1):
        j = b.find(a[i : i + size], blo, bhi)
        if j >= 0:
            return i, j, size
    raise AssertionError("a common block of that size exists")


def _largest(most: int, same: Callable[[int], bool]) -> int:
    """The largest ``n <= most`` with ``same(n)`` (true up to some length, false after)."""
    lo, hi = 0, most
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo
