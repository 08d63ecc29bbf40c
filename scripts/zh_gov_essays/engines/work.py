"""What every engine runs for one input: the cleaner, then the duplicate finder's fingerprint.

The fingerprint (comparison keys, n-gram sets, MinHash band keys) is computed
here, in the worker processes, so that it parallelises with the cleaning;
the single writer process only compares integers.
"""

from __future__ import annotations

from zh_gov_essays.fingerprint import fingerprinted
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import Document, RawDoc


def clean(raw: RawDoc) -> Document:
    """``process(raw)`` with its fingerprint set (kept documents only)."""
    return fingerprinted(process(raw))
