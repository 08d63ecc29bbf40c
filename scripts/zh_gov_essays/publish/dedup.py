"""Duplicates in the corpus, flagged and never removed.

Everything here sees documents one at a time **in corpus order** (documents
sorted by ``doc_id``, paragraphs by index) and keeps only small state: the
duplicate finder remembers an 8-byte hash per distinct paragraph, never text.

- a paragraph's ``dup_of`` is the ``id`` of the first paragraph in corpus order
  whose text is the same after NFKC and the removal of all whitespace and
  punctuation (:func:`dedup_key`): exact copies and *near* copies that differ
  only in punctuation, its width or spacing (the same essay republished by
  another site with ASCII commas, say).  Paraphrases are not detected.
- a document's ``dup_of`` is the ``doc_id`` of an earlier document whose
  paragraphs cover at least 80 % of this one's characters
  (:data:`DOC_DUP_COVERAGE`): the characters of this document's paragraphs
  whose normalised text also occurs in that earlier document.  When several
  earlier documents qualify, the one covering most wins, ties to the earliest.
  A paragraph repeated in more than :data:`MAX_HOLDERS` earlier documents
  counts towards the first :data:`MAX_HOLDERS` of them only, which bounds the
  work spent on ubiquitous lines such as ``一、提高思想认识``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter

from zh_gov_essays.records import Document
from zh_gov_essays.vocab.chars import HAN_UNIFIED

DOC_DUP_COVERAGE = 0.8
"""Share of a document's characters an earlier document must cover to make it a duplicate."""

MAX_HOLDERS = 8
"""Earlier documents remembered per duplicated paragraph for the document rule."""

_INDEX_BITS = 20  # a paragraph reference packs (document ordinal, paragraph index) into one int
_SPACE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
# What near copies may differ in: whitespace and punctuation of any width.
_SPACE_AND_PUNCT = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\W_]+")
_NOT_CJK = re.compile(f"[^\u3001\u3002{HAN_UNIFIED}]+")


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about three times faster on Chinese.

    Only the runs between CJK ideographs and ``、。`` are normalised: those
    characters are NFKC-stable starters that never compose with a neighbour,
    so normalisation cannot cross them.

    >>> nfkc("政协（一）机关：ＩＳＯ９００１")
    '政协(一)机关:ISO9001'
    """
    return _NOT_CJK.sub(_nfkc, text)


def normalise_for_dedup(text: str) -> str:
    """The text duplicates are compared on: NFKC, without whitespace or punctuation.

    >>> normalise_for_dedup("一、 加强学习，\u3000提高认识")
    '一加强学习提高认识'
    >>> normalise_for_dedup("一、加强学习,提高认识") == normalise_for_dedup("一、加强学习，提高认识")
    True
    """
    return _SPACE_AND_PUNCT.sub("", nfkc(text))


def dedup_key(text: str) -> int | None:
    """An 8-byte hash of the normalised text, or None when nothing is left.

    >>> dedup_key("加强 学习") == dedup_key("加强学习")
    True
    >>> dedup_key(" \u3000") is None
    True
    """
    norm = normalise_for_dedup(text)
    if not norm:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


class Deduplicator:
    """Sets ``dup_of`` on documents and paragraphs fed in corpus order.

    Memory is about 100 bytes per distinct paragraph (a hash and a packed
    reference), plus a short list of holders for paragraphs that recur.
    """

    def __init__(self) -> None:
        self._doc_ids: list[str] = []
        self._first: dict[int, int] = {}  # key -> packed (document ordinal, paragraph index)
        self._holders: dict[int, list[int]] = {}  # key -> later document ordinals holding it

    def mark(self, doc: Document) -> None:
        """Set ``doc.dup_of`` and each ``paragraph.dup_of``; ``doc`` must come after all seen."""
        if self._doc_ids and doc.doc_id <= self._doc_ids[-1]:
            raise ValueError(
                f"documents out of corpus order: {doc.doc_id} after {self._doc_ids[-1]}"
            )
        ordinal = len(self._doc_ids)
        self._doc_ids.append(doc.doc_id)
        covered: Counter[int] = Counter()
        for index, paragraph in enumerate(doc.paragraphs):
            key = dedup_key(paragraph.text)
            paragraph.dup_of = None
            if key is None:
                continue
            first = self._first.get(key)
            if first is None:
                if index >= 1 << _INDEX_BITS:
                    raise ValueError(
                        f"document {doc.doc_id} has over {1 << _INDEX_BITS} paragraphs"
                    )
                self._first[key] = (ordinal << _INDEX_BITS) | index
                continue
            paragraph.dup_of = self._paragraph_id(first)
            for holder in self._holders_of(key, first):
                if holder != ordinal:
                    covered[holder] += len(paragraph.text)
            self._remember(key, first, ordinal)
        doc.dup_of = self._covering_document(covered, doc.num_chars)

    def _paragraph_id(self, packed: int) -> str:
        doc_id = self._doc_ids[packed >> _INDEX_BITS]
        return f"{doc_id}-{packed & ((1 << _INDEX_BITS) - 1):04d}"

    def _holders_of(self, key: int, first: int) -> list[int]:
        return [first >> _INDEX_BITS, *self._holders.get(key, ())]

    def _remember(self, key: int, first: int, ordinal: int) -> None:
        if first >> _INDEX_BITS == ordinal:
            return
        holders = self._holders.setdefault(key, [])
        if len(holders) < MAX_HOLDERS - 1 and (not holders or holders[-1] != ordinal):
            holders.append(ordinal)

    def _covering_document(self, covered: Counter[int], num_chars: int) -> str | None:
        if not covered or num_chars == 0:
            return None
        best = min(covered, key=lambda ordinal: (-covered[ordinal], ordinal))
        if covered[best] >= DOC_DUP_COVERAGE * num_chars:
            return self._doc_ids[best]
        return None
