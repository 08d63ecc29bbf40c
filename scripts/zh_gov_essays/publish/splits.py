"""Train, validation and test: which split a document belongs to."""

from __future__ import annotations

import hashlib


def assign_split(doc_id: str) -> str:
    """The split of a document: a stable hash of its ``doc_id``, 90/5/5.

    The first 8 hex digits of ``sha256(doc_id)`` modulo 100: below 90 is
    ``train``, below 95 ``validation``, the rest ``test``.  All paragraphs of a
    document share its split.

    >>> assign_split("894eae2960ffe4e9")
    'train'
    >>> assign_split("894eae2960ffe4e9") == assign_split("894eae2960ffe4e9")
    True
    """
    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < 90:
        return "train"
    if bucket < 95:
        return "validation"
    return "test"
