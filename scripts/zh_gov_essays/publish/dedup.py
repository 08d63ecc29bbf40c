"""Duplicates in the corpus: flagged, never removed.

Documents come **in corpus order** (sorted by ``doc_id``; paragraphs by
index) with their :class:`~zh_gov_essays.fingerprint.Fingerprint`; "first
occurrence" means first in that order, and nothing is ever flagged as a copy
of something later.

Paragraphs (``dup_of``: the ``id`` of the first occurrence)
    A body paragraph whose comparison key (NFKC, no whitespace or
    punctuation, folded to Simplified with OpenCC ``t2s``) has at least
    :data:`~zh_gov_essays.fingerprint.MIN_NEAR_CHARS` characters is a
    duplicate when an earlier one has the same key (**exact**), or when the
    exact Jaccard similarity of their sets of character 5-grams is at least
    :data:`NEAR_THRESHOLD` (**near**).  Near candidates come from MinHash LSH
    (80 permutations in 20 bands of 4) over earlier paragraphs that are not
    themselves duplicates; each candidate is confirmed by computing the exact
    Jaccard, earliest candidate first.  ``dup_of`` points at the root of the
    copy: a paragraph that copies a copy points at the original.
    Headings and shorter paragraphs match only exactly, and only inside a
    document that is itself a duplicate, against the document it copies: a
    heading such as ``一、提高思想认识`` shared by two unrelated essays is not
    a duplicate.

Documents (``dup_of``: the ``doc_id`` of the earlier document this one mostly copies)
    A document is a duplicate of an earlier one when the paragraphs it shares
    with it hold at least :data:`DOC_COVERAGE` of its comparison-key
    characters.  A paragraph is shared when its root is the root of one of
    that document's paragraphs, when its key equals one of theirs (short
    paragraphs too), or when it shares an LSH band with one of theirs and the
    exact Jaccard reaches :data:`NEAR_THRESHOLD`.  Candidates (at most
    :data:`MAX_DOC_CANDIDATES`) are the documents holding the roots of its
    duplicate paragraphs, then those found by MinHash LSH on whole-document
    signatures (the union of the near-matchable paragraphs' n-grams) or with
    the same whole key; the one sharing most characters wins, ties to the
    candidate ranked first (most characters' roots, most bands, earliest).
    The shared paragraphs not flagged yet are then flagged: its short ones,
    and those that match a copy inside that document (copies are not in the
    LSH tables) point at the root of what they match.

Clusters (``dup_cluster``)
    A document's cluster is that of the document it copies; a document that
    copies none starts its own, named by its ``doc_id``.  Splits follow the
    cluster (:mod:`~zh_gov_essays.publish.splits`).

How the thresholds were chosen (``scripts/measure_dedup.py`` prints the
measurements; copies made from the seeds, negatives from every pair of
different essays in the seeds, the test pages and the shared samples):

- 5-grams: over paragraphs of 30+ characters, the most similar pair of
  *different* essays has a Jaccard of 0.54 with 3-grams, 0.48 with 4-grams,
  0.42 with 5-grams and 0.35 with 6-grams, while copies with up to three
  swapped terms (市委→县委, 十六大→十七大), Simplified→Traditional
  conversions and inserted words stay at 0.76 or more with 5-grams.  One
  changed character removes up to n n-grams and adds up to n, so it keeps a
  key above 0.7 from 33 characters with 5-grams but only from 40 with
  6-grams;
- 0.7: it keeps every term-swapped and character-converted copy (s2t, s2tw,
  s2hk) and 36 of 38 paragraphs converted with Taiwan phrasing (s2twp), and
  stays 0.28 above the most similar different essays;
- 80 % coverage: a copy that keeps a fifth of its characters its own (an
  added introduction, a different ending) is still a copy; a document that
  takes half its text from another is not, though its copied paragraphs are
  flagged.

Memory: the state kept across documents is integers only, never text or
n-grams (:attr:`Deduplicator.state`): per document its ``doc_id``, 2
ordinals and 21 index entries (the document's band keys and key hash, 12
bytes each); per paragraph its root (4 bytes); per distinct near-matchable
key 12 bytes; per near-matchable paragraph that is not a duplicate, its 20
band key prefixes (:func:`band_prefix`, 160 bytes).  So a corpus of unique
paragraphs costs about 176 bytes per paragraph, and copies cost 4.  Candidate checks read the earlier
document's fingerprint back through ``load`` (the writer reads it from its
spill file), with the last :data:`CACHE_DOCS` kept.  ``zh-gov-essays
bench`` measures the cost per paragraph and the memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from zh_gov_essays.fingerprint import Fingerprint, fingerprint
from zh_gov_essays.fingerprint.minhash import BANDS, jaccard
from zh_gov_essays.publish.buckets import BucketIndex, GrowArray
from zh_gov_essays.records import Document

NEAR_THRESHOLD = 0.7
"""Exact 5-gram Jaccard from which two paragraphs are near duplicates."""

DOC_COVERAGE = 0.8
"""Share of a document's key characters an earlier document must hold to make it a copy."""

MAX_CANDIDATES = 32
"""Earlier paragraphs confirmed per paragraph at most (earliest first)."""

MAX_DOC_CANDIDATES = 8
"""Earlier documents compared per document at most (most shared text first)."""

CACHE_DOCS = 64
"""Fingerprints of earlier documents kept in memory for candidate checks."""

_NONE = np.iinfo(np.uint32).max  # "no root": the paragraph is not a duplicate
_MAX_ORDINAL = _NONE - 1


def band_prefix(bands: np.ndarray) -> np.ndarray:
    """The top 32 bits of LSH band keys: what the paragraph band table holds.

    The table is the duplicate finder's largest state (one entry per band of
    every paragraph that is not a duplicate); 32-bit keys make an entry 8
    bytes instead of 12.  A prefix shared by chance only adds a candidate,
    which is dropped, before it counts, when its whole 64-bit band keys
    (in its fingerprint, read for the Jaccard anyway) share none with the
    paragraph's: the candidates confirmed are exactly those of full keys.

    >>> band_prefix(np.array([0x0123456789ABCDEF], dtype=np.uint64)).tolist()
    [19088743]
    """
    return (bands >> np.uint64(32)).astype(np.uint32)


@dataclass(frozen=True)
class Marks:
    """How :meth:`Deduplicator.mark` matched a document: ``exact``, ``near`` or None.

    ``paragraphs`` has one entry per paragraph.  A document is an ``exact``
    duplicate when its whole comparison key equals that of the document it copies.
    """

    document: str | None
    paragraphs: list[str | None]


class Deduplicator:
    """Sets ``dup_of`` and ``dup_cluster`` on documents fed in corpus order.

    ``load(ordinal)`` must return the fingerprint of the ``ordinal``-th
    document marked so far (0-based); without it the deduplicator keeps the
    fingerprints itself, which suits tests and small corpora but holds every
    n-gram in memory.
    """

    def __init__(self, load: Callable[[int], Fingerprint] | None = None) -> None:
        self._load = load
        self._kept: list[Fingerprint] = []
        self._cache: OrderedDict[int, Fingerprint] = OrderedDict()
        self._doc_ids: list[str] = []
        self._doc_first = GrowArray(np.uint32)  # ordinal of each document's first paragraph
        self._doc_cluster = GrowArray(np.uint32)  # ordinal of each document's cluster root
        self._root = GrowArray(np.uint32)  # per paragraph: ordinal of its root, or _NONE
        self._exact = BucketIndex()  # key hash -> root of the first paragraph with that key
        # band key prefix (band_prefix) -> paragraph that is not a duplicate
        self._bands = BucketIndex(np.uint32)
        self._doc_bands = BucketIndex()  # document band key -> document
        self._doc_keys = BucketIndex()  # whole-document key hash -> first document

    @property
    def state(self) -> dict[str, int]:
        """Bytes of the state kept across documents, by part (``doc_id`` strings not counted).

        ``bands`` holds 160 bytes per near-matchable paragraph that is not a
        duplicate, ``keys`` 12 per distinct near-matchable key, ``roots`` 4
        per paragraph, ``documents`` 8 per document and ``document_bands``
        252 (numpy arrays grow by doubling, so up to twice that is allocated).
        """
        return {
            "bands": self._bands.nbytes,
            "keys": self._exact.nbytes,
            "roots": self._root.nbytes,
            "documents": self._doc_first.nbytes + self._doc_cluster.nbytes,
            "document_bands": self._doc_bands.nbytes + self._doc_keys.nbytes,
        }

    @property
    def state_nbytes(self) -> int:
        """Bytes of the state kept across documents (``doc_id`` strings not counted)."""
        return sum(self.state.values())

    def mark(self, doc: Document, fp: Fingerprint | None = None) -> Marks:
        """Set ``dup_of``/``dup_cluster`` of ``doc`` and ``dup_of`` of its paragraphs.

        ``fp`` defaults to ``doc.fingerprint``, computed when missing.
        ``doc`` must come after every document marked so far.
        """
        if self._doc_ids and doc.doc_id <= self._doc_ids[-1]:
            raise ValueError(
                f"documents out of corpus order: {doc.doc_id} after {self._doc_ids[-1]}"
            )
        fp = fp if fp is not None else doc.fingerprint
        if fp is None:
            fp = fingerprint(doc)
        if len(fp) != len(doc.paragraphs):
            raise ValueError(f"fingerprint of {doc.doc_id} does not match its paragraphs")
        ordinal, base = len(self._doc_ids), len(self._root)
        if base + len(fp) > _MAX_ORDINAL:
            raise ValueError("more paragraphs than the duplicate finder can number (2**32 - 2)")
        targets = np.full(len(fp), -1, dtype=np.int64)
        kinds: list[str | None] = [None] * len(fp)
        near = np.flatnonzero(fp.near)
        exact = self._exact.lookup(fp.keys[near])  # (row of near, root) for known keys
        _, same = self._doc_keys.lookup(np.array([fp.doc_key], dtype=np.uint64))
        self._match_paragraphs(fp, base, near, exact, targets, kinds)
        copied, doc_kind = self._match_document(fp, base, same, targets, kinds)
        known = np.zeros(len(near), dtype=bool)
        known[exact[0]] = True
        self._remember(doc.doc_id, fp, base, targets, copied, near[~known], not len(same))
        doc.dup_of = None if copied is None else self._doc_ids[copied]
        doc.dup_cluster = self._doc_ids[int(self._doc_cluster.view()[ordinal])]
        for paragraph, target in zip(doc.paragraphs, targets.tolist(), strict=True):
            paragraph.dup_of = None if target < 0 else self._paragraph_id(target)
        if self._load is None:
            self._kept.append(fp)
        return Marks(doc_kind, kinds)

    # --- paragraphs against earlier ones ---------------------------------------------------

    def _match_paragraphs(
        self,
        fp: Fingerprint,
        base: int,
        near: np.ndarray,
        exact: tuple[np.ndarray, np.ndarray],
        targets: np.ndarray,
        kinds: list[str | None],
    ) -> None:
        if not len(near):
            return
        which, roots = exact
        for w, root in zip(which.tolist(), roots.tolist(), strict=True):
            i = int(near[w])
            targets[i] = root if targets[i] < 0 else min(int(targets[i]), root)
        # Band candidates only for the paragraphs no key matched: a copy shares all its
        # bands with its original, and its candidates would never be asked for.
        pending = np.flatnonzero(targets[near] < 0)
        which, found = self._bands.lookup(band_prefix(fp.bands[near[pending]].ravel()))
        # Each (row of near, candidate) pair once, sorted: each row's candidates in order.
        pairs = np.unique((pending[which // BANDS] << 32) | found.astype(np.int64))
        candidates = (pairs & 0xFFFFFFFF).tolist()
        bounds = (pairs >> 32).searchsorted(np.arange(len(near) + 1)).tolist()
        # A paragraph is compared with earlier ones of this document that share a band with
        # it; only the first paragraph of each key can be either side.  When no band key
        # repeats among those, there is nothing to compare (most documents).
        _, first_rows = np.unique(fp.keys[near], return_index=True)
        inside = _repeats(fp.bands[near[first_rows]].ravel())
        first_of_key: dict[int, int] = {}
        local_bands: dict[int, list[int]] = {}
        for w, i in enumerate(near.tolist()):
            key = int(fp.keys[i])
            if targets[i] >= 0:
                kinds[i] = "exact"
            elif key in first_of_key:
                j = first_of_key[key]
                targets[i] = targets[j] if targets[j] >= 0 else base + j
                kinds[i] = "exact"
            else:
                grams = fp.grams_of(i)
                target = self._confirm(grams, fp.bands[i], candidates[bounds[w] : bounds[w + 1]])
                if target is None and inside:
                    local = sorted(
                        {j for b in fp.bands[i].tolist() for j in local_bands.get(b, ())}
                    )
                    for j in local[:MAX_CANDIDATES]:
                        if jaccard(grams, fp.grams_of(j)) >= NEAR_THRESHOLD:
                            target = base + j
                            break
                if target is not None:
                    targets[i] = target
                    kinds[i] = "near"
            first_of_key.setdefault(key, i)
            if targets[i] < 0 and inside:
                for band in fp.bands[i].tolist():
                    local_bands.setdefault(band, []).append(i)

    def _confirm(self, grams: np.ndarray, bands: np.ndarray, candidates: list[int]) -> int | None:
        """The earliest of the first :data:`MAX_CANDIDATES` candidates sharing a band key with
        ``bands`` whose exact Jaccard with ``grams`` reaches the threshold (``candidates`` share
        a key prefix: see :func:`band_prefix`)."""
        tried = 0
        for candidate in candidates:
            doc = self._doc_of(candidate)
            other = self._fingerprint(doc)
            index = candidate - int(self._doc_first.view()[doc])
            if not (other.bands[index] == bands).any():
                continue  # only a prefix is shared
            if jaccard(grams, other.grams_of(index)) >= NEAR_THRESHOLD:
                return candidate
            tried += 1
            if tried == MAX_CANDIDATES:
                break
        return None

    # --- the document against earlier ones ---------------------------------------------------

    def _match_document(
        self,
        fp: Fingerprint,
        base: int,
        same: np.ndarray,
        targets: np.ndarray,
        kinds: list[str | None],
    ) -> tuple[int | None, str | None]:
        """The earlier document this one copies (flagging what it shares with it), and the kind."""
        total = int(fp.lengths.sum())
        if not total:
            return None, None
        best: tuple[int, int, np.ndarray, np.ndarray] | None = None
        for candidate in self._document_candidates(fp, targets, base, same):
            matches, by_key = self._shared_with(fp, targets, candidate)
            held = int(fp.lengths[matches >= 0].sum())
            if held >= DOC_COVERAGE * total and (best is None or held > best[0]):
                best = (held, candidate, matches, by_key)
                if held == total:  # nothing later in the ranking can do better
                    break
        if best is None:
            return None, None
        _, copied, matches, by_key = best
        for i in np.flatnonzero((targets < 0) & (matches >= 0)).tolist():
            targets[i] = matches[i]
            kinds[i] = "exact" if by_key[i] else "near"
        # A paragraph that matched an earlier one of this document points at that one's root.
        for i in np.flatnonzero(targets >= base).tolist():
            if targets[targets[i] - base] >= 0:
                targets[i] = targets[targets[i] - base]
        kind = "exact" if fp.doc_key == self._fingerprint(copied).doc_key else "near"
        return copied, kind

    def _document_candidates(
        self, fp: Fingerprint, targets: np.ndarray, base: int, same: np.ndarray
    ) -> list[int]:
        """Earlier documents worth comparing, best first: the one holding the originals of
        most of this document's characters, then the one sharing most LSH bands (or, in
        ``same``, the whole key), then the earliest."""
        earlier = (targets >= 0) & (targets < base)
        # Needles in the table's own dtype: int64 needles would make numpy copy the whole
        # uint32 table for every document, a cost that grows with the square of the corpus.
        firsts = self._doc_first.view()
        docs = firsts.searchsorted(targets[earlier].astype(firsts.dtype), side="right") - 1
        weights = fp.lengths[earlier].astype(np.int64)
        shared_chars = dict(zip(*_sums(docs, weights), strict=True))
        _, banded = self._doc_bands.lookup(fp.doc_bands)
        shared_bands = dict(zip(*_sums(banded.astype(np.int64), None), strict=True))
        for doc in same.tolist():
            shared_bands[doc] = shared_bands.get(doc, 0) + BANDS + 1
        ranked = sorted(
            set(shared_chars) | set(shared_bands),
            key=lambda d: (-shared_chars.get(d, 0), -shared_bands.get(d, 0), d),
        )
        return ranked[:MAX_DOC_CANDIDATES]

    def _shared_with(
        self, fp: Fingerprint, targets: np.ndarray, doc: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The root of the paragraph of ``doc`` each paragraph matches (-1: none), and whether
        it matches by key.

        A paragraph matches when its root is the root of one of ``doc``'s
        paragraphs, when its key equals one of theirs (short ones included),
        or (near-matchable ones) when it shares an LSH band with one of theirs
        and their exact n-gram Jaccard reaches the threshold.
        """
        other = self._fingerprint(doc)
        first = int(self._doc_first.view()[doc])
        roots = self._root.view()[first : first + len(other)].astype(np.int64)
        roots = np.where(roots == _NONE, first + np.arange(len(other)), roots)
        matches = np.where(_member(targets, roots), targets, -1)
        # By key: the earliest root among their paragraphs with the same key.
        valid = other.lengths > 0
        order = np.lexsort((roots[valid], other.keys[valid]))
        keys, key_roots = other.keys[valid][order], roots[valid][order]
        at = np.minimum(keys.searchsorted(fp.keys), max(len(keys) - 1, 0))
        by_key = (fp.lengths > 0) & (len(keys) > 0)
        if len(keys):
            by_key &= keys[at] == fp.keys
        matches[by_key] = key_roots[at[by_key]]
        # Near: pairs sharing a band, confirmed by the exact Jaccard.
        pending = np.flatnonzero(fp.near & (matches < 0))
        theirs = np.flatnonzero(other.near)
        if len(pending) and len(theirs):
            for i, j in _band_pairs(fp.bands[pending], other.bands[theirs]):
                row, col = int(pending[i]), int(theirs[j])
                if jaccard(fp.grams_of(row), other.grams_of(col)) >= NEAR_THRESHOLD and (
                    matches[row] < 0 or roots[col] < matches[row]
                ):
                    matches[row] = roots[col]
        return matches, by_key

    # --- state ------------------------------------------------------------------------------

    def _remember(
        self,
        doc_id: str,
        fp: Fingerprint,
        base: int,
        targets: np.ndarray,
        copied: int | None,
        new_keys: np.ndarray,
        new_doc_key: bool,
    ) -> None:
        """Add the document to the state; ``new_keys`` are its near-matchable paragraphs whose
        key no earlier document has."""
        ordinal = len(self._doc_ids)
        self._doc_ids.append(doc_id)
        self._doc_first.append(base)
        cluster = ordinal if copied is None else int(self._doc_cluster.view()[copied])
        self._doc_cluster.append(cluster)
        self._root.extend(np.where(targets >= 0, targets, _NONE))
        _, first = np.unique(fp.keys[new_keys], return_index=True)  # once per key
        rows = new_keys[np.sort(first)]
        self._exact.add(fp.keys[rows], np.where(targets[rows] >= 0, targets[rows], base + rows))
        originals = np.flatnonzero(fp.near & (targets < 0))
        self._bands.add(
            band_prefix(fp.bands[originals].ravel()), np.repeat(base + originals, BANDS)
        )
        self._doc_bands.add(fp.doc_bands, np.full(len(fp.doc_bands), ordinal))
        if new_doc_key:
            self._doc_keys.add(np.array([fp.doc_key], dtype=np.uint64), np.array([ordinal]))

    def _doc_of(self, paragraph: int) -> int:
        # The needle in the table's dtype: given a Python int, numpy converts the whole
        # table first (60 us at 400,000 documents, per call: quadratic in the corpus).
        firsts = self._doc_first.view()
        return int(firsts.searchsorted(firsts.dtype.type(paragraph), side="right")) - 1

    def _paragraph_id(self, paragraph: int) -> str:
        doc = self._doc_of(paragraph)
        return f"{self._doc_ids[doc]}-{paragraph - int(self._doc_first.view()[doc]):04d}"

    def _fingerprint(self, doc: int) -> Fingerprint:
        if self._load is None:
            return self._kept[doc]
        fp = self._cache.get(doc)
        if fp is None:
            fp = self._load(doc)
            self._cache[doc] = fp
            if len(self._cache) > CACHE_DOCS:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(doc)
        return fp


def _member(values: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Which ``values`` occur in ``pool`` (small arrays; cheaper than ``np.isin``)."""
    if not len(pool):
        return np.zeros(len(values), dtype=bool)
    pool = np.sort(pool)
    at = np.minimum(pool.searchsorted(values), len(pool) - 1)
    return pool[at] == values


def _sums(groups: np.ndarray, weights: np.ndarray | None) -> tuple[list[int], list[int]]:
    """Distinct values of ``groups`` and the sum of ``weights`` (or the count) of each."""
    values, inverse = np.unique(groups, return_inverse=True)
    totals = np.bincount(inverse, weights=weights, minlength=len(values))
    return values.tolist(), totals.astype(np.int64).tolist()


def _repeats(values: np.ndarray) -> bool:
    """Whether some value occurs twice in ``values`` (sorted in place).

    >>> _repeats(np.array([3, 1, 2])), _repeats(np.array([3, 1, 3]))
    (False, True)
    """
    values.sort()
    return bool((values[1:] == values[:-1]).any())


def _band_pairs(mine: np.ndarray, theirs: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (row of ``mine``, row of ``theirs``) of band-key matrices sharing a band key.

    >>> mine = np.array([[1, 2], [3, 4]], dtype=np.uint64)
    >>> _band_pairs(mine, np.array([[9, 4], [2, 1], [5, 6]], dtype=np.uint64))
    [(0, 1), (1, 0)]
    >>> _band_pairs(mine, np.array([[5, 6], [5, 6]], dtype=np.uint64))
    []

    Most calls find none: of the 25,316 that marking the bench's 5,000 pages
    makes, 227 find a pair.  So one sort of both matrices' keys together comes
    first: where no two neighbours are equal, no key is shared.  (Neighbours
    equal within one matrix, a paragraph copied inside a document, only send
    the call on to the search.)  That took the 25,316 calls from 1.27 s to 0.22 s.
    """
    if not _repeats(np.concatenate((mine.ravel(), theirs.ravel()))):
        return []
    keys = theirs.ravel()
    owner = np.arange(len(theirs)).repeat(theirs.shape[1])
    order = keys.argsort(kind="stable")
    keys, owner = keys[order], owner[order]
    wanted = mine.ravel()
    lo = keys.searchsorted(wanted, side="left")
    hi = keys.searchsorted(wanted, side="right")
    counts = hi - lo
    total = int(counts.sum())
    if not total:
        return []
    skip = (lo - (counts.cumsum() - counts)).repeat(counts)
    rows = (np.arange(len(wanted)) // mine.shape[1]).repeat(counts)
    pairs = np.unique(rows * len(theirs) + owner[skip + np.arange(total)])
    return list(zip((pairs // len(theirs)).tolist(), (pairs % len(theirs)).tolist(), strict=True))
