"""Duplicates: copies across sites and scripts are flagged, unrelated essays are not.

The crawl is the five seeds plus ``tests/fixtures/dedup``: each seed's copy
under another site's boilerplate, with three term swaps, or converted to
Traditional script, a partial copy inside an essay of our own, and two
unrelated essays that share their headings, a slogan and a closing line
(see ``tests/fixtures/README.md``).  It is cleaned and published by the real
pipeline.  "First" is first in corpus order (by ``doc_id``), so a copy can
come before its seed: the tests name the earlier of a pair the original.
"""

from __future__ import annotations

import hashlib
import pickle
import random
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT, SEEDS
from zh_gov_essays.engines import run
from zh_gov_essays.engines.work import BUILD_STEPS
from zh_gov_essays.fingerprint import MIN_NEAR_CHARS, Fingerprint, fingerprint
from zh_gov_essays.fingerprint.keys import comparison_key
from zh_gov_essays.fingerprint.minhash import (
    NGRAM,
    NUM_PERM,
    SEED,
    jaccard,
    ngram_hashes,
    signatures,
)
from zh_gov_essays.pipeline import process
from zh_gov_essays.publish.buckets import BucketIndex
from zh_gov_essays.publish.dedup import NEAR_THRESHOLD, Deduplicator
from zh_gov_essays.publish.splits import assign_split
from zh_gov_essays.publish.stats import BuildStats
from zh_gov_essays.publish.writer import write_corpus
from zh_gov_essays.read import iter_inputs
from zh_gov_essays.records import Document, Paragraph, RawDoc

COPIES = FIXTURES / "dedup"
TEMPLATE = (ROOT / "DATASET_CARD.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("crawl")
    for path in [*SEEDS.glob("*.txt"), *COPIES.glob("*.txt")]:
        shutil.copy(path, root / path.name)
    return root


def build(crawl: Path, out: Path, **engine: object) -> BuildStats:
    docs = run(iter_inputs(crawl), **engine)  # type: ignore[arg-type]
    return write_corpus(docs, out, card_template=TEMPLATE)


@pytest.fixture(scope="module")
def built(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildStats]:
    out = tmp_path_factory.mktemp("built") / "corpus"
    return out, build(crawl, out)


Rows = dict[str, dict]


def read_rows(folder: Path, key: str) -> Rows:
    """Every row of a config (all splits), by ``key``; nulls stay None."""
    return {row[key]: row for row in pq.read_table(folder).to_pylist()}


@pytest.fixture(scope="module")
def documents(built: tuple[Path, BuildStats]) -> Rows:
    return read_rows(built[0] / "documents", "doc_id")


@pytest.fixture(scope="module")
def paragraphs(built: tuple[Path, BuildStats]) -> Rows:
    return read_rows(built[0] / "paragraphs", "id")


def doc_id(documents: Rows, prefix: str) -> str:
    (found,) = [d for d, row in documents.items() if row["source_file"].startswith(prefix)]
    return found


def ordered(documents: Rows, a: str, b: str) -> tuple[str, str]:
    """The ``doc_id`` s of two documents, the earlier in corpus order first."""
    first, second = sorted([doc_id(documents, a), doc_id(documents, b)])
    return first, second


def rows_of(paragraphs: Rows, doc: str) -> list[dict]:
    return sorted((r for r in paragraphs.values() if r["doc_id"] == doc), key=lambda r: r["id"])


def column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]


# --- copies are flagged ------------------------------------------------------------------


@pytest.mark.parametrize(
    "seed, copy",
    [("000_", "copy_000_other_site"), ("001_", "copy_001_traditional")],
    ids=["other_boilerplate", "traditional"],
)
def test_exact_copy_is_a_duplicate_document_with_every_paragraph_flagged(
    documents: Rows, paragraphs: Rows, seed: str, copy: str
) -> None:
    original, duplicate = ordered(documents, seed, copy)
    assert documents[duplicate]["dup_of"] == original
    assert documents[duplicate]["dup_cluster"] == original
    assert documents[original]["dup_of"] is None
    assert documents[original]["dup_cluster"] == original
    mine, theirs = rows_of(paragraphs, duplicate), rows_of(paragraphs, original)
    assert len(mine) == len(theirs) >= 10  # the boilerplate went, the essay's paragraphs stayed
    # Body paragraphs and headings alike: the same text (up to script and punctuation).
    assert column(mine, "dup_of") == column(theirs, "id")
    assert column(theirs, "dup_of") == [None] * len(theirs)
    assert set(column(mine + theirs, "dup_cluster")) == {original}


def test_traditional_copy_keeps_its_script(documents: Rows) -> None:
    row = documents[doc_id(documents, "copy_001_traditional")]
    assert row["script"] == "Hant" and "黨委辦公室" in row["text"]  # flagged, never converted
    assert doc_id(documents, "001_") in (row["dup_of"], row["doc_id"])


def test_term_swapped_copy_is_flagged_at_both_levels(documents: Rows, paragraphs: Rows) -> None:
    original, duplicate = ordered(documents, "002_", "copy_002_term_swaps")
    assert documents[duplicate]["dup_of"] == original
    mine, theirs = rows_of(paragraphs, duplicate), rows_of(paragraphs, original)
    assert len(mine) == len(theirs) == 19
    swapped = [a["text"] != b["text"] for a, b in zip(mine, theirs, strict=True)]
    assert sum(swapped) == 10  # 十六大→十七大, 市委→县委, 三个代表→科学发展观
    for row, source, changed in zip(mine, theirs, swapped, strict=True):
        if row["kind"] == "body" or not changed:
            assert row["dup_of"] == source["id"], row["text"]
        else:  # a heading with a swapped term: headings match exactly only
            assert row["dup_of"] is None, row["text"]


def test_term_swapped_copy_similarity(documents: Rows) -> None:
    """The document-level 5-gram Jaccard of the pair, exact and as MinHash estimates it."""
    pair = [doc_id(documents, "002_"), doc_id(documents, "copy_002_term_swaps")]
    docs = {raw.doc_id: raw for raw in iter_inputs(SEEDS)} | {
        raw.doc_id: raw for raw in iter_inputs(COPIES)
    }
    grams = [np.unique(fingerprint(process(docs[d])).grams) for d in pair]
    exact = jaccard(*grams)
    sig = signatures(
        np.array([0, len(grams[0]), len(grams[0]) + len(grams[1])]), np.concatenate(grams)
    )
    estimate = float((sig[0] == sig[1]).mean())
    assert round(exact, 3) == 0.955
    assert abs(estimate - exact) < 0.05


def test_partial_copy_flags_its_copied_paragraphs_not_the_document(
    documents: Rows, paragraphs: Rows
) -> None:
    partial = doc_id(documents, "partial_000")
    root = min(doc_id(documents, "000_"), doc_id(documents, "copy_000_other_site"))
    assert partial > root  # the seed's family comes first: the partial copy is the copy
    row = documents[partial]
    assert row["dup_of"] is None and row["dup_cluster"] == partial  # 2 of 7 paragraphs
    flags = column(rows_of(paragraphs, partial), "dup_of")
    assert flags == [None, None, f"{root}-0004", f"{root}-0006", None, None, None]


# --- and what is not a copy is not --------------------------------------------------------


def test_the_five_seeds_get_no_flag(tmp_path: Path) -> None:
    out = tmp_path / "seeds"
    stats = build(SEEDS, out)
    docs = read_rows(out / "documents", "doc_id")
    paras = read_rows(out / "paragraphs", "id")
    assert len(docs) == 5 and len(paras) == 84
    assert all(row["dup_of"] is None and row["dup_cluster"] == d for d, row in docs.items())
    assert all(row["dup_of"] is None for row in paras.values())
    assert stats.duplicate_paragraphs == stats.duplicate_documents == 0


def test_unrelated_essays_sharing_headings_and_a_slogan_get_no_flag(
    documents: Rows, paragraphs: Rows
) -> None:
    a, b = ordered(documents, "unrelated_river", "unrelated_waste")
    rows_a, rows_b = rows_of(paragraphs, a), rows_of(paragraphs, b)
    shared = set(column(rows_a, "text")) & set(column(rows_b, "text"))
    assert len(shared) == 5  # three headings, the slogan, the closing line
    assert {len(comparison_key(t)) for t in shared} < set(range(MIN_NEAR_CHARS))
    for doc, rows in ((a, rows_a), (b, rows_b)):
        assert documents[doc]["dup_of"] is None
        assert column(rows, "dup_of") == [None] * len(rows)


def test_seeds_without_copies_are_not_flagged(documents: Rows) -> None:
    for prefix in ("003_", "004_"):
        row = documents[doc_id(documents, prefix)]
        assert row["dup_of"] is None and row["dup_cluster"] == row["doc_id"]


def test_short_paragraphs_match_only_inside_duplicate_documents() -> None:
    def heading() -> Paragraph:
        return Paragraph("一、提高思想认识", kind="heading", heading_level=1)

    def slogan() -> Paragraph:
        return Paragraph("不忘初心、牢记使命")

    a = doc_of("a" * 16, heading(), slogan(), Paragraph(BODY), slogan())
    unrelated = doc_of("b" * 16, heading(), slogan(), Paragraph(OTHER))
    copy = doc_of("c" * 16, heading(), slogan(), Paragraph(BODY.replace("市委", "县委")))
    dedup = Deduplicator()
    marks = [dedup.mark(doc) for doc in (a, unrelated, copy)]
    assert [p.dup_of for p in a.paragraphs] == [None] * 4  # a repeated slogan in one essay
    assert [p.dup_of for p in unrelated.paragraphs] == [None] * 3
    assert unrelated.dup_of is None
    assert copy.dup_of == "a" * 16
    assert [p.dup_of for p in copy.paragraphs] == [f"{'a' * 16}-{i:04d}" for i in range(3)]
    assert marks[2].paragraphs == ["exact", "exact", "near"] and marks[2].document == "near"


# --- links, clusters and splits -----------------------------------------------------------


def test_first_occurrences_are_never_flagged_and_links_point_at_them(
    documents: Rows, paragraphs: Rows
) -> None:
    flagged = [row for row in paragraphs.values() if row["dup_of"] is not None]
    assert len(flagged) == 54
    for row in flagged:
        target = paragraphs[row["dup_of"]]  # exists
        assert target["id"] < row["id"]  # earlier in corpus order
        assert target["dup_of"] is None  # the original, not a copy of a copy
        assert row["dup_cluster"] == documents[row["doc_id"]]["dup_cluster"]
    for row in documents.values():
        cluster = documents[row["dup_cluster"]]
        assert cluster["dup_of"] is None and cluster["dup_cluster"] == row["dup_cluster"]
        if row["dup_of"] is not None:
            assert row["dup_of"] < row["doc_id"]
            assert documents[row["dup_of"]]["dup_cluster"] == row["dup_cluster"]
        else:
            assert row["dup_cluster"] == row["doc_id"]


def test_every_document_is_in_its_clusters_split(built: tuple[Path, BuildStats]) -> None:
    out, _ = built
    for path in sorted((out / "documents").glob("*.parquet")):
        split = path.name.split("-")[0]
        clusters = pq.read_table(path, columns=["dup_cluster"]).column(0).to_pylist()
        assert {assign_split(c) for c in clusters} == {split}


def test_a_copy_shares_its_originals_split(tmp_path: Path) -> None:
    original_id = next(i for i in ids(2000) if assign_split(i) == "train")
    copy_id = next(i for i in ids(2000) if assign_split(i) == "test" and i > original_id)
    original = doc_of(original_id, Paragraph(BODY), Paragraph(OTHER))
    copy = doc_of(copy_id, Paragraph(BODY.replace("市委", "县委")), Paragraph(OTHER))
    stats = write_corpus([copy, original], tmp_path / "out")
    assert stats.splits == ["train"]  # by its own doc_id the copy would be in test
    rows = pq.read_table(tmp_path / "out" / "documents" / "train-00000-of-00001.parquet")
    assert column(rows.to_pylist(), "doc_id") == [original_id, copy_id]
    assert column(rows.to_pylist(), "dup_of") == [None, original_id]


# --- engines and determinism --------------------------------------------------------------


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_two_workers_fingerprint_and_build_the_same_bytes(
    crawl: Path, built: tuple[Path, BuildStats], tmp_path: Path
) -> None:
    docs = list(run(iter_inputs(crawl), engine="local", workers=2, post=BUILD_STEPS))
    kept = [d for d in docs if d.kept]
    assert len(kept) == 11
    for doc in kept:  # computed in the workers, as the writer would compute it
        fp, again = doc.fingerprint, fingerprint(doc)
        assert fp is not None
        assert np.array_equal(fp.grams, again.grams) and np.array_equal(fp.bands, again.bands)
        assert fp.doc_key == again.doc_key
    write_corpus(docs, tmp_path / "two", card_template=TEMPLATE)
    assert tree_bytes(tmp_path / "two") == tree_bytes(built[0])


@pytest.mark.slow  # starting a local Ray cluster takes ~10 s
def test_ray_engine_gives_the_same_flags(
    crawl: Path, built: tuple[Path, BuildStats], tmp_path: Path
) -> None:
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install '.[ray]')")
    started_here = not ray.is_initialized()
    try:
        build(crawl, tmp_path / "ray", engine="ray", workers=2)
    finally:
        if started_here:
            ray.shutdown()
    for config in ("documents", "paragraphs"):
        got = pq.read_table(tmp_path / "ray" / config, columns=["dup_of", "dup_cluster"])
        want = pq.read_table(built[0] / config, columns=["dup_of", "dup_cluster"])
        assert got.equals(want) and want.column("dup_of").null_count < want.num_rows
    assert tree_bytes(tmp_path / "ray") == tree_bytes(built[0])


# --- memory -------------------------------------------------------------------------------


def test_the_state_across_documents_is_integers(crawl: Path) -> None:
    """No n-grams are kept: the state stays under 200 bytes per paragraph (documented ~176)."""
    docs = sorted(
        (d for d in run(iter_inputs(crawl), post=BUILD_STEPS) if d.kept), key=lambda d: d.doc_id
    )
    store = {i: d.fingerprint for i, d in enumerate(docs)}
    dedup = Deduplicator(load=store.__getitem__)
    for doc in docs:
        dedup.mark(doc)
    paragraphs = sum(len(d.paragraphs) for d in docs)
    grams = sum(d.fingerprint.grams.nbytes for d in docs)
    assert dedup.state_nbytes < 200 * paragraphs < grams


# --- the card ------------------------------------------------------------------------------


def test_card_reports_duplicates_by_kind_and_method(built: tuple[Path, BuildStats]) -> None:
    out, stats = built
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "| body paragraphs | 31 | 9 | 40 |" in card  # 9 with swapped terms
    assert "| heading paragraphs | 14 | 0 | 14 |" in card
    assert "| documents | 2 | 1 | 3 |" in card  # the term-swapped copy is the near one
    assert "| duplicate clusters (of two documents or more) | 3 |" in card
    assert f"character\n  {NGRAM}-grams is at least {NEAR_THRESHOLD}" in card
    assert 'unique = paragraphs.filter(lambda row: row["dup_of"] is None)' in card
    assert "**per duplicate cluster**" in card and "**This changed:**" in card
    assert stats.duplicate_paragraphs == 54 and stats.duplicate_documents == 3


# --- the building blocks --------------------------------------------------------------------

BODY = "建设服务型机关，是市委在新的历史时期深入落实科学发展观、建设服务型政府的重要举措，必须抓紧抓好。"
OTHER = "社区成立由书记任组长的工作专班，十二名网格员分片包干，每栋楼推选一名楼长担任分类督导员。"


def doc_of(doc_id: str, *paragraphs: Paragraph) -> Document:
    return Document(doc_id, f"{doc_id}.txt", doc_id * 4, script="Hans", paragraphs=list(paragraphs))


def ids(n: int) -> list[str]:
    return [hashlib.sha256(f"copy-{i}".encode()).hexdigest()[:16] for i in range(n)]


def test_minhash_is_datasketchs_bit_for_bit() -> None:
    datasketch = pytest.importorskip("datasketch", reason="pip install '.[test]'")
    rng = random.Random(3)
    texts = [p.text for raw in iter_inputs(COPIES) for p in process(raw).paragraphs]
    keys = [*[comparison_key(t) for t in texts][:60], "", "加", "加强学习"]
    offsets, grams = ngram_hashes(keys)
    sig = signatures(offsets, grams)
    sketches = []
    for i in range(len(keys)):
        m = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)
        m.update_batch(grams[offsets[i] : offsets[i + 1]].tolist())
        assert np.array_equal(m.hashvalues, sig[i])
        sketches.append(m)
    for _ in range(200):  # and so are the estimates; they track the exact Jaccard
        i, j = rng.randrange(60), rng.randrange(60)
        estimate = sketches[i].jaccard(sketches[j])
        assert estimate == float((sig[i] == sig[j]).mean())
        exact = jaccard(grams[offsets[i] : offsets[i + 1]], grams[offsets[j] : offsets[j + 1]])
        assert abs(estimate - exact) < 0.2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="市委县政协机关干部一二", max_size=12), min_size=1, max_size=5))
def test_ngram_sets_are_the_substrings(keys: list[str]) -> None:
    offsets, grams = ngram_hashes(keys)
    sets = [
        {k[i : i + NGRAM] for i in range(max(1, len(k) - NGRAM + 1))} if k else set() for k in keys
    ]
    for i, expected in enumerate(sets):
        mine = grams[offsets[i] : offsets[i + 1]]
        assert len(mine) == len(expected) and list(mine) == sorted(set(mine.tolist()))
    for i in range(len(keys)):
        for j in range(len(keys)):
            union = sets[i] | sets[j]
            want = len(sets[i] & sets[j]) / len(union) if sets[i] and sets[j] else 0.0
            got = jaccard(grams[offsets[i] : offsets[i + 1]], grams[offsets[j] : offsets[j + 1]])
            assert got == pytest.approx(want)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 20), st.integers(0, 1000)), max_size=30), max_size=12
    )
)
def test_bucket_index_is_a_multimap(batches: list[list[tuple[int, int]]]) -> None:
    """Whatever the merge ratio: every entry of a key, in the order they were added."""
    from unittest import mock

    from zh_gov_essays.publish import buckets

    for ratio in (2, buckets.MERGE_RATIO, 64):
        with mock.patch.object(buckets, "MERGE_RATIO", ratio):
            index, reference = BucketIndex(), {}
            for batch in batches:
                keys = np.array([k for k, _ in batch], dtype=np.uint64)
                index.add(keys, np.array([v for _, v in batch], dtype=np.uint32))
                for k, v in batch:
                    reference.setdefault(k, []).append(v)
            query = np.arange(22, dtype=np.uint64)
            which, values = index.lookup(query)
        got: dict[int, list[int]] = {}
        for w, v in zip(which.tolist(), values.tolist(), strict=True):
            got.setdefault(int(query[w]), []).append(v)
        assert got == reference
        assert len(index) == sum(len(b) for b in batches)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 6),
    st.integers(0, 6),
    st.integers(1, 4),
    st.lists(st.integers(0, 12), min_size=48, max_size=48),
)
def test_band_pairs_are_every_pair_sharing_a_key(
    rows_mine: int, rows_theirs: int, bands: int, values: list[int]
) -> None:
    """The pairs of rows sharing a key in any column, in order, each once: the early
    answer for matrices sharing none included, and keys repeated inside one matrix."""
    from zh_gov_essays.publish.dedup import _band_pairs

    cells = np.array(values, dtype=np.uint64)
    mine = cells[: rows_mine * bands].reshape(rows_mine, bands)
    theirs = (cells[24 : 24 + rows_theirs * bands] + np.uint64(6)).reshape(rows_theirs, bands)
    want = [
        (i, j)
        for i in range(rows_mine)
        for j in range(rows_theirs)
        if set(mine[i].tolist()) & set(theirs[j].tolist())
    ]
    assert _band_pairs(mine, theirs) == want


def test_a_near_copy_inside_one_document_points_at_the_first() -> None:
    """Inside one document: a repeated paragraph is an exact copy of its first occurrence,
    and a near copy (one character dropped) of an earlier paragraph is a near copy of it,
    whatever stands between them; paragraphs that share nothing are left alone."""
    seeds = [process(RawDoc(p.name, p.read_bytes())) for p in sorted(SEEDS.glob("*.txt"))]
    prose = [p.text for d in seeds for p in d.paragraphs if p.kind == "body"]
    a, b, c = [t for t in dict.fromkeys(prose) if len(comparison_key(t)) >= 60][:3]
    near_a = a[:10] + a[11:]

    def marks(texts: list[str]) -> tuple[list[str | None], list[str | None]]:
        doc = Document("0" * 16, "0.txt", "0" * 64, paragraphs=[Paragraph(t) for t in texts])
        found = Deduplicator().mark(doc)
        return [p.dup_of for p in doc.paragraphs], found.paragraphs

    first = "0" * 16 + "-0000"
    assert marks([a, b, near_a]) == ([None, None, first], [None, None, "near"])
    assert marks([a, a, c, near_a]) == (
        [None, first, None, first],
        [None, "exact", None, "near"],
    )
    assert marks([a, b, c]) == ([None, None, None], [None, None, None])


def test_band_prefixes_shared_by_chance_change_no_mark() -> None:
    """The paragraph band table holds 32-bit key prefixes; a candidate that shares only a
    prefix is dropped before it counts towards MAX_CANDIDATES.  With prefixes of 3 bits,
    every earlier paragraph is a candidate of every paragraph: the near copy of the last of
    40 different paragraphs is still found, as with the full keys, and nothing else is."""
    from unittest import mock

    from zh_gov_essays.publish import dedup as dedup_module

    seeds = [process(RawDoc(p.name, p.read_bytes())) for p in sorted(SEEDS.glob("*.txt"))]
    prose = [p.text for d in seeds for p in d.paragraphs if p.kind == "body"]
    prose = [t for t in dict.fromkeys(prose) if len(comparison_key(t)) >= 60][:43]
    assert len(prose) == 43 > dedup_module.MAX_CANDIDATES
    last = prose[39]
    copied = last[:10] + last[11:]  # one character dropped: Jaccard above the threshold
    texts = [[t] for t in prose[:40]] + [[copied, prose[40], prose[41], prose[42]]]

    def marks() -> list[list[str | None]]:
        finder, out = Deduplicator(), []
        for n, paragraphs in enumerate(texts):
            doc = Document(
                f"{n:016x}", f"{n}.txt", "0" * 64, paragraphs=[Paragraph(t) for t in paragraphs]
            )
            finder.mark(doc)
            out.append([p.dup_of for p in doc.paragraphs])
        return out

    def collisions(bands: np.ndarray) -> np.ndarray:
        return (bands >> np.uint64(61)).astype(np.uint32)

    want = marks()
    assert want == [[None]] * 40 + [[f"{39:016x}-0000", None, None, None]]
    with mock.patch.object(dedup_module, "band_prefix", collisions):
        assert marks() == want


def test_the_band_table_refuses_keys_of_another_width() -> None:
    index = BucketIndex(np.uint32)
    with pytest.raises(TypeError, match="keys are uint64, this index holds uint32"):
        index.add(np.array([1], dtype=np.uint64), np.array([0], dtype=np.uint32))
    with pytest.raises(TypeError, match="keys are int64"):
        BucketIndex().lookup(np.array([1]))


def _fields(fp: Fingerprint) -> list[tuple[str, str, tuple[int, ...], list]]:
    arrays = ("keys", "lengths", "near", "offsets", "grams", "bands", "doc_bands")
    return [
        (n, str(getattr(fp, n).dtype), getattr(fp, n).shape, getattr(fp, n).tolist())
        for n in arrays
    ]


def test_fingerprints_travel_as_bytes_and_come_back_whole() -> None:
    docs = [process(RawDoc(p.name, p.read_bytes())) for p in sorted(SEEDS.glob("*.txt"))]
    docs += [
        Document("b" * 16, "b.txt", "b" * 64),  # no paragraph at all
        Document("c" * 16, "c.txt", "c" * 64, paragraphs=[Paragraph("一、主要做法")]),  # none near
    ]
    for doc in docs:
        fp = fingerprint(doc)
        data = fp.to_bytes()
        for again in (Fingerprint.from_bytes(data), pickle.loads(pickle.dumps(fp))):
            assert _fields(again) == _fields(fp) and again.doc_key == fp.doc_key
            assert not again.grams.flags.writeable  # views of the bytes, never written
        with pytest.raises(ValueError):
            Fingerprint.from_bytes(data[:-1])
        with pytest.raises(ValueError, match="expected"):
            Fingerprint.from_bytes(data + b"\0")
    # The seeds' own fingerprints are not trivial: several paragraphs, n-grams and bands.
    assert max(len(fingerprint(d).grams) for d in docs) > 500
    # A duplicate finder reading fingerprints back from bytes marks what one given them does.
    seeds = sorted((d for d in docs if d.paragraphs), key=lambda d: d.doc_id)[:5]
    copies = [replace(d, doc_id=f"z{d.doc_id[1:]}", paragraphs=list(d.paragraphs)) for d in seeds]
    ordered = [*seeds, *sorted(copies, key=lambda d: d.doc_id)]
    blobs = [fingerprint(d).to_bytes() for d in ordered]
    finder = Deduplicator(load=lambda ordinal: Fingerprint.from_bytes(blobs[ordinal]))
    marks = [finder.mark(d, Fingerprint.from_bytes(b)) for d, b in zip(ordered, blobs, strict=True)]
    assert [m.document for m in marks] == [None] * len(seeds) + ["exact"] * len(copies)
