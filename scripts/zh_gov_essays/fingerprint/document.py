"""A document's fingerprint: what the duplicate finder needs of it, and nothing else.

The fingerprint is computed where the per-document work happens (the
engines run :func:`fingerprinted` right after ``process``, in their worker
processes), travels on ``Document.fingerprint`` and is never published.  It
holds, per paragraph, the hash of its comparison key
(:func:`~zh_gov_essays.fingerprint.keys.comparison_key`), and for paragraphs
long enough to match *near* copies, their set of character n-grams (as
hashes) and the LSH band keys of its MinHash signature; for the document, the
band keys of the signature of all its near-matchable text (the element-wise
minimum of the paragraph signatures is the signature of the union of their
sets) and the hash of all its keys.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from zh_gov_essays.fingerprint.keys import comparison_key, key_hash
from zh_gov_essays.fingerprint.minhash import band_keys, ngram_hashes, signatures
from zh_gov_essays.records import Document

MIN_NEAR_CHARS = 30
"""Comparison-key characters a body paragraph needs to be matched as a *near* copy.

Below it a paragraph (like every heading) matches only exactly, and only
inside a document that is itself a duplicate.  Two measurements set it: with
5-grams, one changed character removes up to 5 of a key's n-grams and adds up
to 5, so below 33 characters a single edit already takes the Jaccard under
0.7 and near matching adds nothing to exact matching; and the lines that
recur across *unrelated* documents in the samples, the fixtures and the
seeds (salutations, ``一、基本情况``, slogans, dates) have at most 18.
"""


@dataclass(frozen=True)
class Fingerprint:
    """The duplicate finder's view of one document (numpy arrays, one entry per paragraph).

    ``keys`` hold the comparison-key hashes (``uint64``), ``lengths`` the
    key lengths in characters (0: nothing to compare), ``near`` says which
    paragraphs match near copies.  The n-gram set of paragraph ``i`` is
    ``grams[offsets[i]:offsets[i + 1]]`` (sorted unique ``uint32``; empty
    unless ``near[i]``) and ``bands[i]`` its LSH band keys (zero unless
    ``near[i]``).  ``doc_bands`` are the band keys of the whole document's
    signature (empty when no paragraph is ``near``), ``doc_key`` the hash of
    all its keys in order.
    """

    keys: np.ndarray
    lengths: np.ndarray
    near: np.ndarray
    offsets: np.ndarray
    grams: np.ndarray
    bands: np.ndarray
    doc_bands: np.ndarray
    doc_key: int

    def __len__(self) -> int:
        return len(self.keys)

    def grams_of(self, index: int) -> np.ndarray:
        """The n-gram set of paragraph ``index``."""
        return self.grams[self.offsets[index] : self.offsets[index + 1]]

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return sum(a.nbytes for a in _fields(self)) + self.doc_bands.nbytes + 8

    def to_bytes(self) -> bytes:
        """The fingerprint as one byte string: a header of sizes, then each array's bytes.

        What the build's spill and the pipes between processes carry (pickling
        goes through it).  The duplicate finder reads earlier fingerprints back
        from the spill, some seven per document on the bench's pages; pickled
        field by field, each read cost 50-100 us (every array rebuilt on its
        own), about 20 us this way.

        >>> from zh_gov_essays.records import Paragraph
        >>> doc = Document("a" * 16, "a.txt", "a" * 64, paragraphs=[
        ...     Paragraph("建设服务型机关，是党和政府在新的历史时期深入落实科学发展观的重要举措。")])
        >>> fp = fingerprint(doc)
        >>> again = Fingerprint.from_bytes(fp.to_bytes())
        >>> bool((again.grams == fp.grams).all()), again.bands.shape, again.doc_key == fp.doc_key
        (True, (1, 20), True)
        """
        head = _HEADER.pack(
            self.doc_key, len(self.keys), len(self.grams), self.bands.shape[1], len(self.doc_bands)
        )
        arrays = (*_fields(self), self.doc_bands)
        parts = (
            np.ascontiguousarray(a, dtype).tobytes()
            for a, dtype in zip(arrays, _DTYPES, strict=True)
        )
        return b"".join([head, *parts])

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        """The fingerprint :meth:`to_bytes` wrote; its arrays are read-only views of ``data``."""
        doc_key, paragraphs, grams, bands, doc_bands = _HEADER.unpack_from(data)
        counts = (paragraphs, paragraphs, paragraphs, paragraphs + 1, grams, paragraphs * bands)
        arrays = []
        at = _HEADER.size
        for count, dtype in zip((*counts, doc_bands), _DTYPES, strict=True):
            arrays.append(np.frombuffer(data, dtype, count, at))
            at += count * arrays[-1].itemsize
        if at != len(data):
            raise ValueError(f"fingerprint of {len(data)} bytes, {at} expected")
        keys, lengths, near, offsets, grams_, flat_bands, doc_bands_ = arrays
        return cls(
            keys=keys,
            lengths=lengths,
            near=near,
            offsets=offsets,
            grams=grams_,
            bands=flat_bands.reshape(paragraphs, bands),
            doc_bands=doc_bands_,
            doc_key=doc_key,
        )

    def __reduce__(self) -> tuple[object, tuple[bytes]]:
        return (Fingerprint.from_bytes, (self.to_bytes(),))


# The header of Fingerprint.to_bytes: doc_key, then the number of paragraphs, of n-gram
# hashes, of bands per paragraph and of document bands; then the arrays in field order.
_HEADER = struct.Struct("<Q4q")
_DTYPES = tuple(map(np.dtype, ("<u8", "<i4", "?", "<i8", "<u4", "<u8", "<u8")))


def _fields(fp: Fingerprint) -> tuple[np.ndarray, ...]:
    """The per-paragraph arrays of ``fp``, in field order (``doc_bands`` is the document's)."""
    return (fp.keys, fp.lengths, fp.near, fp.offsets, fp.grams, fp.bands)


def fingerprint(doc: Document) -> Fingerprint:
    """The fingerprint of ``doc`` (a pure function of its paragraphs' texts and kinds).

    >>> from zh_gov_essays.records import Paragraph
    >>> doc = Document("a" * 16, "a.txt", "a" * 64, paragraphs=[
    ...     Paragraph("一、提高思想认识", kind="heading", heading_level=1),
    ...     Paragraph("建设服务型机关，是党和政府在新的历史时期深入落实科学发展观的重要举措。"),
    ... ])
    >>> fp = fingerprint(doc)
    >>> fp.lengths.tolist(), fp.near.tolist(), len(fp.grams_of(0)), len(fp.grams_of(1))
    ([7, 33], [False, True], 0, 29)
    """
    keys = [comparison_key(p.text) for p in doc.paragraphs]
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int32, count=len(keys))
    hashes = np.fromiter((key_hash(k) if k else 0 for k in keys), dtype=np.uint64, count=len(keys))
    near = np.fromiter(
        (
            p.kind != "heading" and len(k) >= MIN_NEAR_CHARS
            for p, k in zip(doc.paragraphs, keys, strict=True)
        ),
        dtype=bool,
        count=len(keys),
    )
    offsets, grams = ngram_hashes([k if n else "" for k, n in zip(keys, near, strict=True)])
    sigs = signatures(offsets, grams)
    bands = band_keys(sigs)
    bands[~near] = 0
    if near.any():
        doc_bands = band_keys(sigs[near].min(axis=0, keepdims=True))[0]
    else:
        doc_bands = np.zeros(0, dtype=np.uint64)
    return Fingerprint(
        keys=hashes,
        lengths=lengths,
        near=near,
        offsets=offsets,
        grams=grams,
        bands=bands,
        doc_bands=doc_bands,
        doc_key=key_hash("\n".join(keys)),
    )


def fingerprinted(doc: Document) -> Document:
    """``doc`` with its fingerprint set (kept documents only); what engines run after ``process``."""
    if doc.kept and doc.fingerprint is None:
        doc.fingerprint = fingerprint(doc)
    return doc
