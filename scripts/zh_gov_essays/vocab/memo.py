"""Remembering answers about lines, never about pages.

Pages repeat lines: a site prints the same header, menu and footer on every
page, and a copied essay repeats its source.  Several steps remember their
answers for the last texts they were asked about (:func:`remember_lines`);
one limit, spelled here once, keeps whole pages out of those memories.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

LINE_CHARS = 1_000
"""The longest text remembered.  Longer ones (whole pages, run-on lines) are asked about
once, and holding them would keep pages alive."""


def remember_lines(maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """``fn`` with its answers for the last ``maxsize`` texts of at most :data:`LINE_CHARS`
    characters remembered (least recently asked forgotten first); ``fn`` must be pure.

    The wrapper has ``cache_info`` and ``cache_clear``, as ``functools.lru_cache`` gives.

    >>> calls = []
    >>> @remember_lines(2)
    ... def width(text: str) -> int:
    ...     calls.append(text)
    ...     return len(text)
    >>> width("首页"), width("首页"), width("页" * (LINE_CHARS + 1)), width("页" * (LINE_CHARS + 1))
    (2, 2, 1001, 1001)
    >>> len(calls), width.cache_info().currsize
    (3, 1)
    """

    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        remembered = functools.lru_cache(maxsize=maxsize)(fn)

        def call(text: str) -> T:
            if len(text) > LINE_CHARS:
                return fn(text)
            return remembered(text)

        functools.update_wrapper(call, fn)
        wrapper: Any = call
        wrapper.cache_info, wrapper.cache_clear = remembered.cache_info, remembered.cache_clear
        return call

    return wrap
