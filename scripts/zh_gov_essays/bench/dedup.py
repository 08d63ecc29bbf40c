"""The duplicate finder's cost per paragraph and the memory it keeps across documents.

The synthetic crawl copies paragraphs on purpose (a share kept verbatim, and
near-duplicate pages), so the finder's candidate checks have work to do.
"""

from __future__ import annotations

import gc
import pickle
import sys
import tracemalloc
from typing import Any

import numpy as np

from zh_gov_essays.bench.timing import best_of, timed
from zh_gov_essays.fingerprint import fingerprint
from zh_gov_essays.fingerprint.minhash import NUM_PERM, SEED, signatures
from zh_gov_essays.publish.dedup import Deduplicator
from zh_gov_essays.records import Document

try:  # in the [test] extra: its MinHash is timed against ours when it is installed
    import datasketch
except ImportError:  # pragma: no cover - the test extra has it
    datasketch = None


def measure_dedup(docs: list[Document]) -> dict[str, Any]:
    """The duplicate finder over processed ``docs``: cost per paragraph and memory.

    ``fingerprint`` is the per-document step the engines run in their
    workers; ``mark`` is :class:`~zh_gov_essays.publish.dedup.Deduplicator`
    in corpus order, reading earlier fingerprints back from pickled bytes as
    the writer reads them from its spill.  ``state_bytes`` is what the
    deduplicator keeps across documents at the end (hashes, band keys and
    ordinals, plus ``doc_id`` strings), ``peak_traced_bytes`` the peak of
    Python and numpy allocations while marking (tracemalloc, fingerprints
    read back and the last ``CACHE_DOCS`` of them included).  ``datasketch``
    times ``datasketch.MinHash.update_batch`` per paragraph against this
    package's vectorised signatures over the same n-gram sets.
    """
    kept = sorted({d.doc_id: d for d in docs if d.kept}.values(), key=lambda d: d.doc_id)
    paragraphs = sum(len(d.paragraphs) for d in kept)
    if not paragraphs:
        raise ValueError("measure_dedup needs documents with paragraphs")
    t_fingerprint, fingerprints = timed(lambda: [fingerprint(d) for d in kept])
    spill = [pickle.dumps(fp, protocol=pickle.HIGHEST_PROTOCOL) for fp in fingerprints]

    def mark_all() -> Deduplicator:
        dedup = Deduplicator(load=lambda ordinal: pickle.loads(spill[ordinal]))
        for doc, data in zip(kept, spill, strict=True):
            dedup.mark(doc, pickle.loads(data))
        return dedup

    gc.collect()
    t_mark, dedup = timed(mark_all)
    gc.collect()
    tracemalloc.start()  # a second pass: tracing slows allocations down several times
    mark_all()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    doc_ids = sum(sys.getsizeof(d.doc_id) + 8 for d in kept)  # the strings and list slots
    originals = sum(
        int((fp.near & np.array([p.dup_of is None for p in d.paragraphs], dtype=bool)).sum())
        for d, fp in zip(kept, fingerprints, strict=True)
    )
    state = dedup.state
    report: dict[str, Any] = {
        "documents": len(kept),
        "paragraphs": paragraphs,
        "near_paragraphs": int(sum(fp.near.sum() for fp in fingerprints)),
        "duplicate_paragraphs": sum(p.dup_of is not None for d in kept for p in d.paragraphs),
        "duplicate_documents": sum(d.dup_of is not None for d in kept),
        "fingerprint_seconds": t_fingerprint,
        "mark_seconds": t_mark,
        "fingerprint_us_per_paragraph": 1e6 * t_fingerprint / paragraphs,
        "mark_us_per_paragraph": 1e6 * t_mark / paragraphs,
        "state_bytes": dedup.state_nbytes + doc_ids,
        "state_bytes_per_paragraph": (dedup.state_nbytes + doc_ids) / paragraphs,
        "state_parts": {**state, "doc_ids": doc_ids},
        "band_bytes_per_original": state["bands"] / max(1, originals),
        "original_near_paragraphs": originals,
        "peak_traced_bytes_per_paragraph": peak / paragraphs,
        "spilled_fingerprint_bytes_per_paragraph": sum(map(len, spill)) / paragraphs,
    }
    if datasketch is None:
        return report
    sets = [fp.grams_of(i) for fp in fingerprints for i in range(len(fp)) if fp.near[i]]
    offsets = np.cumsum([0, *map(len, sets)])
    grams = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint32)
    lists = [s.tolist() for s in sets]

    def theirs() -> None:
        for values in lists:
            datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int).update_batch(values)

    t_ours = best_of(3, lambda: signatures(offsets, grams), enough=0.25)
    t_theirs = best_of(3, theirs, enough=0.25)
    report["minhash"] = {
        "sets": len(sets),
        "ours_us_per_set": 1e6 * t_ours / max(1, len(sets)),
        "datasketch_us_per_set": 1e6 * t_theirs / max(1, len(sets)),
        "datasketch_over_ours": t_theirs / t_ours,
    }
    return report
