"""Fingerprints for the duplicate finder, computed per document where the cleaning runs.

``keys`` (the comparison key), ``minhash`` (n-grams, MinHash, LSH bands, exact
Jaccard) and ``document`` (a document's :class:`Fingerprint`).  The
corpus-level step that uses them is :mod:`zh_gov_essays.publish.dedup`.
"""

from zh_gov_essays.fingerprint.document import (
    MIN_NEAR_CHARS,
    Fingerprint,
    fingerprint,
    fingerprinted,
)

__all__ = ["MIN_NEAR_CHARS", "Fingerprint", "fingerprint", "fingerprinted"]
