"""Train, validation and test: which split a duplicate cluster belongs to."""

from __future__ import annotations

import hashlib


def assign_split(doc_id: str) -> str:
    """The split of the cluster whose root is ``doc_id``: a stable hash, 90/5/5.

    The first 8 hex digits of ``sha256(doc_id)`` modulo 100: below 90 is
    ``train``, below 95 ``validation``, the rest ``test``.  The build passes
    each document's ``dup_cluster`` (the ``doc_id`` of the first document of
    its duplicate cluster), so copies share their original's split and all
    paragraphs share their document's.

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
