"""Timing helpers: one run, or the fastest of several with the garbage collector off."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """``(seconds, result)`` of one call of ``fn``."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def best_of(repeats: int, fn: Callable[[], Any], *, enough: float | None = None) -> float:
    """The fastest of up to ``repeats`` runs of ``fn``; no more runs once one takes
    ``enough`` seconds.

    The garbage collector is off while timing, as in :mod:`timeit`: a caller
    holding millions of objects would otherwise charge a full collection to
    whichever run it lands in.
    """
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            best = min(best, timed(fn)[0])
            if enough is not None and best >= enough:
                break
    finally:
        if enabled:
            gc.enable()
    return best
