"""Publishing: schema, Parquet files, loading with datasets/pandas/DuckDB, dedup, splits, card.

Documents are built by hand here (no cleaner involved).  ``load_dataset`` on a
local folder caches by folder name and card text, so every load gets a fresh
``cache_dir``; loads run offline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before datasets is imported, where possible
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import datasets
import duckdb
import huggingface_hub.constants
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from datasets import Features, List, Value, load_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEEDS
from zh_gov_essays.fingerprint.keys import comparison_key
from zh_gov_essays.pipeline import label_descriptions
from zh_gov_essays.publish.atomic import publish_atomically
from zh_gov_essays.publish.card import render_card, split_front_matter
from zh_gov_essays.publish.dedup import Deduplicator
from zh_gov_essays.publish.schema import CONFIGS, arrow_schema, document_row, features
from zh_gov_essays.publish.shards import ShardPolicy, estimate_nbytes
from zh_gov_essays.publish.splits import assign_split
from zh_gov_essays.publish.stats import BuildStats
from zh_gov_essays.publish.writer import CorpusWriter, write_corpus, write_manifest
from zh_gov_essays.records import Document, Paragraph, Removed
from zh_gov_essays.vocab.chars import nfkc

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = (REPO / "DATASET_CARD.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test talks to the Hub, even if datasets was imported before the env was set."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)


# --- documents ----------------------------------------------------------------


def ids_in(split: str, n: int) -> list[str]:
    """The first ``n`` made-up doc_ids (16 hex) that hash into ``split``, sorted."""
    out = []
    i = 0
    while len(out) < n:
        doc_id = hashlib.sha256(f"doc-{i}".encode()).hexdigest()[:16]
        if assign_split(doc_id) == split:
            out.append(doc_id)
        i += 1
    return sorted(out)


TRAIN = ids_in("train", 3)  # A < B < C in corpus order
TEST = ids_in("test", 1)

SHARED = "建设服务型机关，是党和政府在新的历史时期深入落实科学发展观的重要举措。"
REPEATED = "加强机关建设，提升人员素质，强化机关作风，努力建设服务型高效能机关。"
REPEATED_HANT = "人大機關建設要結合新形勢人大工作的需要，率先行動，努力成為各級機關的表率。"


def make_docs() -> list[Document]:
    """Four kept documents (A, B, C in train; D in test) and one rejected input."""
    a = Document(
        doc_id=TRAIN[0],
        source_file="000_a.txt",
        raw_sha256=TRAIN[0] + "0" * 48,
        encoding="utf-8",
        title="如何加强服务型机关建设",
        source="第一公文网",
        date=dt.date(2016, 5, 18),
        script="Hans",
        paragraphs=[
            Paragraph("一、提高思想认识", kind="heading", heading_level=1, script="Hans"),
            Paragraph(SHARED, section="一、提高思想认识", repairs=["html_entities", "punct"]),
            Paragraph(REPEATED, section="一、提高思想认识", script="Hans"),
        ],
        removed=[
            Removed("site_header", "本文 由第一公 文 网 收集整理公文"),
            Removed("footer", "浏览次数: 更新时间:2016-05-18 14:52:37"),
        ],
    )
    b = Document(
        doc_id=TRAIN[1],
        source_file="004_b.txt",
        raw_sha256=TRAIN[1] + "1" * 48,
        encoding="big5",
        title="創建學習型、服務型、創新型機關",
        source="白雲飄飄範文網",
        url="https://example.org/b.html",
        script="Hant",
        category=["心得體會", "工作體會"],
        tags=["為人民服務", "兩會學習"],
        editor="小景",
        truncated=True,
        paragraphs=[
            Paragraph("市直屬機關開展的創建活動是重大舉措。", script="Hant"),
            # the same text as A's second paragraph, up to width and whitespace
            Paragraph(SHARED.replace("，", ", ") + " ", script="Hans"),
            Paragraph(REPEATED_HANT, script="Hant"),
            Paragraph(REPEATED_HANT, script="Hant"),
        ],
        removed=[Removed("breadcrumb", "首頁>心得體會>工作體會")],
    )
    c = Document(  # a republication of A: all of A's body and one line of its own
        doc_id=TRAIN[2],
        source_file="001_c.txt",
        raw_sha256=TRAIN[2] + "2" * 48,
        encoding="gb18030",
        title="如何加强服务型机关建设",
        source="威能网",
        date=dt.date(2024, 10, 18),
        script="Hans",
        paragraphs=[
            Paragraph(SHARED, script="Hans"),
            Paragraph(REPEATED, script="Hans"),
            Paragraph("转载。", script="Hans"),
        ],
    )
    d = Document(
        doc_id=TEST[0],
        source_file="sub/002_d.txt",
        raw_sha256=TEST[0] + "3" * 48,
        encoding="utf-8",
        title=None,
        script="Hans",
        date=dt.date(2022, 6, 25),
        paragraphs=[Paragraph("与时俱进求真务实，努力开创政府办公部门工作的新局面。")],
    )
    rejected = Document(
        doc_id="ffffffffffffffff",
        source_file="005_empty.txt",
        raw_sha256="f" * 64,
        encoding="utf-8",
        reject_reason="no_body_text",
    )
    return [d, rejected, b, a, c]  # not in corpus order: the writer sorts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildStats]:
    out = tmp_path_factory.mktemp("built") / "corpus"
    stats = publish_atomically(
        lambda tmp: write_corpus(make_docs(), tmp, card_template=TEMPLATE), out
    )
    return out, stats


def fresh_cache(tmp_path: Path) -> str:
    path = tmp_path / f"hf-cache-{len(list(tmp_path.glob('hf-cache-*')))}"
    return str(path)


# --- schema -------------------------------------------------------------------

EXPECTED = {
    "paragraphs": [
        ("id", pa.string(), False),
        ("doc_id", pa.string(), False),
        ("paragraph_index", pa.int32(), False),
        ("text", pa.string(), False),
        ("kind", pa.string(), False),
        ("heading_level", pa.int8(), True),
        ("section", pa.string(), True),
        ("script", pa.string(), False),
        ("title", pa.string(), True),
        ("source", pa.string(), True),
        ("url", pa.string(), True),
        ("date", pa.date32(), True),
        ("num_chars", pa.int32(), False),
        ("repairs", pa.list_(pa.string()), False),
        ("dup_of", pa.string(), True),
        ("dup_cluster", pa.string(), False),
    ],
    "documents": [
        ("doc_id", pa.string(), False),
        ("title", pa.string(), True),
        ("source", pa.string(), True),
        ("url", pa.string(), True),
        ("date", pa.date32(), True),
        ("script", pa.string(), False),
        ("category", pa.list_(pa.string()), False),
        ("tags", pa.list_(pa.string()), False),
        ("editor", pa.string(), True),
        ("truncated", pa.bool_(), False),
        ("text", pa.string(), False),
        ("num_paragraphs", pa.int32(), False),
        ("num_chars", pa.int32(), False),
        ("source_file", pa.string(), False),
        ("raw_sha256", pa.string(), False),
        ("encoding", pa.string(), True),
        (
            "removed",
            pa.list_(pa.struct([("rule", pa.string()), ("text", pa.string())])),
            False,
        ),
        ("dup_of", pa.string(), True),
        ("dup_cluster", pa.string(), False),
    ],
}


@pytest.mark.parametrize("config", CONFIGS)
def test_parquet_schema_is_exact(built: tuple[Path, BuildStats], config: str) -> None:
    out, _ = built
    files = sorted((out / config).glob("*.parquet"))
    assert files
    for path in files:
        schema = pq.read_schema(path)
        assert [(f.name, f.type, f.nullable) for f in schema] == EXPECTED[config]
        hf = json.loads(schema.metadata[b"huggingface"])
        assert hf == {"info": {"features": features(config).to_dict()}}
        assert Features.from_arrow_schema(schema) == features(config)


def test_features_declared_once_match_datasets_types() -> None:
    p, d = features("paragraphs"), features("documents")
    assert p["heading_level"] == Value("int8")
    assert p["paragraph_index"] == Value("int32")
    assert p["date"] == Value("date32")
    assert p["repairs"] == List(Value("string"))
    assert d["removed"] == List({"rule": Value("string"), "text": Value("string")})
    assert d["truncated"] == Value("bool")
    for config in CONFIGS:
        assert pa.schema(features(config).type).names == arrow_schema(config).names


@pytest.mark.parametrize("config", CONFIGS)
def test_the_schema_written_without_datasets_is_the_one_datasets_makes(config: str) -> None:
    """The writer builds types and metadata from the declared features without importing
    ``datasets``; they must be exactly what ``datasets`` itself derives."""
    ours, theirs = arrow_schema(config), features(config).arrow_schema
    assert [(f.name, f.type) for f in ours] == [(f.name, f.type) for f in theirs]
    hf_metadata = json.dumps({"info": {"features": features(config).to_dict()}})
    assert ours.metadata[b"huggingface"] == hf_metadata.encode()


def test_a_build_imports_datasets_only_for_the_card(tmp_path: Path) -> None:
    """Cleaning and writing Parquet never import ``datasets`` (80 MB); the card does."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from zh_gov_essays.cli.build import _card_template\n"
        "from zh_gov_essays.engines import run\n"
        "from zh_gov_essays.engines.work import BUILD_STEPS\n"
        "from zh_gov_essays.publish.writer import CorpusWriter\n"
        "from zh_gov_essays.read import InputSet\n"
        f"_card_template(Path({str(ROOT / 'DATASET_CARD.md')!r}))\n"
        f"with CorpusWriter(Path({str(tmp_path / 'out')!r}), validate=True) as writer:\n"
        f"    for doc in run(InputSet.resolve([{str(SEEDS)!r}]), post=BUILD_STEPS):\n"
        "        writer.add(doc)\n"
        "    writer.finish()\n"
        "assert 'datasets' not in sys.modules, 'datasets imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_row_groups_bounded_and_zstd(built: tuple[Path, BuildStats]) -> None:
    out, _ = built
    for path in out.glob("*/*.parquet"):
        meta = pq.ParquetFile(path).metadata
        # A small corpus is one row group: sized by bytes, not cut every N rows.
        assert meta.num_row_groups == 1
        group = meta.row_group(0)
        assert group.total_byte_size <= ShardPolicy().bytes_per_row_group
        assert group.column(0).compression == "ZSTD"


def test_row_groups_are_cut_by_bytes(tmp_path: Path) -> None:
    """A row group ends with the row that brings its estimated bytes to the budget."""
    budget = 500
    stats = write_corpus(
        make_docs(), tmp_path / "out", policy=ShardPolicy(bytes_per_row_group=budget)
    )
    groups = 0
    for config in ("paragraphs", "documents"):
        for files in stats.files[config].values():
            for shard in files.files:
                path = tmp_path / "out" / shard.path
                meta = pq.ParquetFile(path).metadata
                table = pq.read_table(path)
                start = 0
                for i in range(meta.num_row_groups):
                    rows = table.slice(start, meta.row_group(i).num_rows).to_pylist()
                    size = sum(map(estimate_nbytes, rows))
                    # A group ends with the row that reaches the budget, or at the end.
                    assert size - estimate_nbytes(rows[-1]) < budget, (config, i)
                    if i < meta.num_row_groups - 1:
                        assert size >= budget, (config, i)
                        groups += 1
                    start += len(rows)
    assert groups >= 2  # the budget did cut


def test_missing_script_is_a_clear_error(tmp_path: Path) -> None:
    doc = make_docs()[3]
    doc.script = None
    doc.paragraphs[1].script = None
    with pytest.raises(ValueError, match=r"must set Document\.script"):
        write_corpus([doc], tmp_path / "out")


# --- loading ------------------------------------------------------------------


def test_load_dataset_default_config_is_paragraphs(
    built: tuple[Path, BuildStats], tmp_path: Path
) -> None:
    out, stats = built
    ds = load_dataset(str(out), cache_dir=fresh_cache(tmp_path))
    assert sorted(ds) == ["test", "train"]
    assert ds["train"].features == features("paragraphs")
    assert ds["train"].num_rows == stats.by_split["train"].paragraphs == 10
    first = ds["train"][0]
    assert first["id"] == f"{TRAIN[0]}-0000"
    assert first["heading_level"] == 1
    assert first["date"] == dt.date(2016, 5, 18)
    assert first["url"] is None
    assert ds["train"][1]["repairs"] == ["html_entities", "punct"]
    assert ds["train"][1]["script"] == "Hans"  # taken from the document
    assert ds["test"][0]["title"] is None


def test_load_dataset_documents_config(built: tuple[Path, BuildStats], tmp_path: Path) -> None:
    out, _ = built
    ds = load_dataset(str(out), "documents", cache_dir=fresh_cache(tmp_path))
    assert ds["train"].features == features("documents")
    rows = ds["train"].to_list()
    assert [r["doc_id"] for r in rows] == TRAIN
    a, b, _c = rows
    assert a["removed"][0] == {"rule": "site_header", "text": "本文 由第一公 文 网 收集整理公文"}
    assert a["text"] == "\n\n".join(["一、提高思想认识", SHARED, REPEATED])
    assert a["num_chars"] == len(a["text"]) - 2 * 2
    assert b["category"] == ["心得體會", "工作體會"]
    assert b["truncated"] is True
    assert b["date"] is None and b["editor"] == "小景"
    assert b["removed"] == [{"rule": "breadcrumb", "text": "首頁>心得體會>工作體會"}]


def test_load_plain_parquet(built: tuple[Path, BuildStats], tmp_path: Path) -> None:
    out, stats = built
    ds = load_dataset(
        "parquet", data_files=str(out / "paragraphs" / "*.parquet"), cache_dir=fresh_cache(tmp_path)
    )
    assert ds["train"].num_rows == stats.paragraphs
    assert ds["train"].features == features("paragraphs")


def test_pandas_and_duckdb_read(built: tuple[Path, BuildStats]) -> None:
    out, stats = built
    df = pd.read_parquet(out / "paragraphs")
    assert len(df) == stats.paragraphs
    assert df["heading_level"].dropna().tolist() == [1]
    docs = pd.read_parquet(out / "documents")
    assert set(docs["doc_id"]) == {*TRAIN, *TEST}
    glob = str(out / "paragraphs" / "*.parquet")
    n, chars = duckdb.sql(f"SELECT count(*), sum(num_chars) FROM '{glob}'").fetchall()[0]
    assert (n, chars) == (stats.paragraphs, stats.chars)
    date_type = duckdb.sql(f"SELECT typeof(date) FROM '{glob}' LIMIT 1").fetchall()[0][0]
    assert date_type == "DATE"


# --- determinism, dedup, splits -----------------------------------------------


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_two_writes_are_byte_identical(tmp_path: Path) -> None:
    docs = make_docs()
    write_corpus(docs, tmp_path / "one", card_template=TEMPLATE)
    shuffled = make_docs()
    random.Random(7).shuffle(shuffled)
    write_corpus(shuffled, tmp_path / "two", card_template=TEMPLATE)
    one, two = tree_bytes(tmp_path / "one"), tree_bytes(tmp_path / "two")
    assert sorted(one) == [
        "LICENSE.md",
        "README.md",
        "documents/test-00000-of-00001.parquet",
        "documents/train-00000-of-00001.parquet",
        "figures/documents_by_source.png",
        "figures/documents_by_year.png",
        "figures/paragraph_lengths.png",
        "figures/removals_by_rule.png",
        "figures/script_share.png",
        "manifest.jsonl",
        "paragraphs/test-00000-of-00001.parquet",
        "paragraphs/train-00000-of-00001.parquet",
    ]
    assert one == two


def test_figures_drawn_elsewhere_are_drawn_beside_the_card(tmp_path: Path) -> None:
    """What a build with workers does: the drawer starts (on the workers), the card is
    written here, then the writer waits for the figures; the files are the same."""
    from zh_gov_essays.publish.figures import write_figures

    events: list[str] = []

    def drawer(stats: BuildStats, out_dir: Path):
        events.append("start")

        def wait() -> list[str]:
            events.append("card written" if (out_dir / "README.md").exists() else "no card")
            return write_figures(stats, out_dir)

        return wait

    write_corpus(make_docs(), tmp_path / "here", card_template=TEMPLATE)
    write_corpus(make_docs(), tmp_path / "there", card_template=TEMPLATE, draw_figures=drawer)
    assert events == ["start", "card written"]
    assert tree_bytes(tmp_path / "there") == tree_bytes(tmp_path / "here")


def test_a_card_that_fails_still_waits_for_the_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is left drawing into a folder the build is about to give up."""
    from zh_gov_essays.publish import writer

    waited: list[bool] = []

    def broken_card(*args: object, **kwargs: object) -> str:
        raise RuntimeError("card template broke")

    monkeypatch.setattr(writer, "render_card", broken_card)
    with pytest.raises(RuntimeError, match="card template broke"):
        write_corpus(
            make_docs(),
            tmp_path / "out",
            card_template=TEMPLATE,
            draw_figures=lambda stats, out: lambda: waited.append(True) or [],
        )
    assert waited == [True]


def test_a_figure_that_fails_to_draw_fails_the_write(tmp_path: Path) -> None:
    def failed() -> list[str]:
        raise OSError("no space left on device")

    with pytest.raises(OSError, match="no space left"):
        write_corpus(
            make_docs(),
            tmp_path / "out",
            card_template=TEMPLATE,
            draw_figures=lambda stats, out: failed,
        )
    assert (tmp_path / "out" / "README.md").exists()  # the card came first; the build fails


def test_dup_of_paragraphs_and_documents(built: tuple[Path, BuildStats]) -> None:
    out, stats = built
    rows = pq.read_table(out / "paragraphs", columns=["id", "dup_of", "dup_cluster"]).to_pylist()
    dup = {row["id"]: row["dup_of"] for row in rows}
    a, b, c = TRAIN
    assert dup[f"{a}-0001"] is None  # first occurrence
    assert dup[f"{b}-0001"] == f"{a}-0001"  # same text after NFKC and whitespace removal
    assert dup[f"{b}-0003"] == f"{b}-0002"  # repeated within one document
    assert dup[f"{c}-0000"] == f"{a}-0001"
    assert dup[f"{c}-0001"] == f"{a}-0002"
    assert dup[f"{c}-0002"] is None  # "转载。": short, and A has no such line
    assert dup[f"{a}-0000"] is None and dup[f"{b}-0000"] is None
    rows = pq.read_table(out / "documents", columns=["doc_id", "dup_of", "dup_cluster"]).to_pylist()
    documents = {row["doc_id"]: (row["dup_of"], row["dup_cluster"]) for row in rows}
    assert documents == {  # A holds ≥ 80 % of C
        a: (None, a),
        b: (None, b),
        c: (a, a),
        TEST[0]: (None, TEST[0]),
    }
    clusters = pq.read_table(out / "paragraphs", columns=["doc_id", "dup_cluster"]).to_pylist()
    assert all(row["dup_cluster"] == documents[row["doc_id"]][1] for row in clusters)
    assert stats.duplicate_paragraphs == 4
    assert stats.duplicate_documents == 1 and stats.duplicate_clusters == 1
    assert stats.to_dict()["duplicate_paragraphs_by_kind"] == {"body": {"exact": 4, "near": 0}}
    assert stats.to_dict()["duplicate_documents_by_match"] == {"exact": 0, "near": 1}


# Characters of the seeds' prose: made-up paragraphs of exact lengths, all distinct.
_HAN = sorted(
    set(
        SHARED + REPEATED + "学习贯彻十六大精神要进一步掀起三个代表重要思想的新高潮围绕主题把握灵魂"
    )
)


def han(n: int, seed: int) -> str:
    """``n`` Simplified characters (no punctuation), the same for the same ``seed``."""
    rng = random.Random(seed)
    return "".join(rng.choice(_HAN) for _ in range(n))


def doc_of(doc_id: str, *texts: str) -> Document:
    paragraphs = [Paragraph(t, script="Hans") for t in texts]
    return Document(doc_id, f"{doc_id}.txt", doc_id * 4, script="Hans", paragraphs=paragraphs)


def test_document_dup_threshold_is_80_percent() -> None:
    dedup = Deduplicator()
    p80, p20, other20, other79 = han(80, 1), han(20, 2), han(20, 3), han(79, 4)
    original = doc_of("a" * 16, p80, p20)
    at_80 = doc_of("b" * 16, p80, other20)
    below = doc_of("c" * 16, p20, other79, "戊")
    for doc in (original, at_80, below):
        dedup.mark(doc)
    assert original.dup_of is None
    assert at_80.dup_of == "a" * 16 and at_80.dup_cluster == "a" * 16
    assert [p.dup_of for p in at_80.paragraphs] == [f"{'a' * 16}-0000", None]
    assert below.dup_of is None and below.dup_cluster == "c" * 16  # 20 of 100 characters
    assert [p.dup_of for p in below.paragraphs] == [None, None, None]  # p20 is short


def test_document_dup_prefers_the_earliest_best_cover() -> None:
    dedup = Deduplicator()
    x, y = han(50, 5), han(50, 6)
    first = doc_of("1" * 16, x, y)
    second = doc_of("2" * 16, x, y)
    third = doc_of("3" * 16, y, x)
    marks = [dedup.mark(doc) for doc in (first, second, third)]
    assert second.dup_of == third.dup_of == "1" * 16
    assert third.paragraphs[0].dup_of == f"{'1' * 16}-0001"
    assert [m.document for m in marks] == [None, "exact", "near"]  # third: another order


def test_deduplicator_requires_corpus_order() -> None:
    dedup = Deduplicator()
    dedup.mark(doc_of("b" * 16, "甲"))
    with pytest.raises(ValueError, match="corpus order"):
        dedup.mark(doc_of("a" * 16, "乙"))


@given(
    st.text(
        alphabet=st.sampled_from("中文、。，（） ＡＢ１\u0301\u0308\u3099\uf900ｶﾞ①㍿\u1100\u1161e")
    )
    | st.text()
)
def test_fast_nfkc_equals_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_comparison_key_normalisation() -> None:
    assert comparison_key("ＡＢＣ，加强 学习") == comparison_key("ABC,加强学习")
    # Punctuation, its width, spacing and the script do not make a paragraph new ...
    assert comparison_key("加强学习") == comparison_key("加强学习。")
    assert comparison_key("一、加强学习,提高认识") == comparison_key("一、加强学习，提高认识")
    assert comparison_key("政協機關幹部") == comparison_key("政协机关干部") == "政协机关干部"
    # ... but any change of words does (near matching is the duplicate finder's business).
    assert comparison_key("加强学习") != comparison_key("加强学习了")
    assert comparison_key("市委") != comparison_key("县委")


def test_assign_split_is_stable_and_balanced() -> None:
    assert assign_split("894eae2960ffe4e9") == "train"
    assert [assign_split(i) for i in TRAIN + TEST] == ["train"] * 3 + ["test"]
    ids = [hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(20_000)]
    counts = pd.Series([assign_split(i) for i in ids]).value_counts(normalize=True)
    assert counts["train"] == pytest.approx(0.90, abs=0.01)
    assert counts["validation"] == pytest.approx(0.05, abs=0.01)
    assert counts["test"] == pytest.approx(0.05, abs=0.01)


def test_split_is_per_cluster(built: tuple[Path, BuildStats]) -> None:
    out, _ = built
    for config in CONFIGS:
        for split in ("train", "test"):
            frame = pd.read_parquet(next((out / config).glob(f"{split}-*.parquet")))
            assert {assign_split(d) for d in frame["dup_cluster"]} == {split}


def test_empty_split_is_absent(built: tuple[Path, BuildStats]) -> None:
    out, stats = built
    assert stats.splits == ["train", "test"]
    assert not list(out.glob("*/validation-*"))
    front, body = split_front_matter((out / "README.md").read_text(encoding="utf-8"))
    for config in front["configs"]:
        assert [f["split"] for f in config["data_files"]] == ["train", "test"]
    for info in front["dataset_info"]:
        assert [s["name"] for s in info["splits"]] == ["train", "test"]
    assert "validation" not in body.split("## How to load it")[1]


# --- manifest -----------------------------------------------------------------


def test_manifest_lines(built: tuple[Path, BuildStats]) -> None:
    out, stats = built
    raw = (out / "manifest.jsonl").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in raw.splitlines()]
    assert [x["source_file"] for x in lines] == [
        "000_a.txt",
        "001_c.txt",
        "004_b.txt",
        "005_empty.txt",
        "sub/002_d.txt",
    ]
    assert list(lines[0]) == [
        "source_file",
        "status",
        "reason",
        "doc_id",
        "record_id",
        "encoding",
        "num_paragraphs",
    ]
    assert lines[0] == {
        "source_file": "000_a.txt",
        "status": "kept",
        "reason": None,
        "doc_id": TRAIN[0],
        "record_id": None,
        "encoding": "utf-8",
        "num_paragraphs": 3,
    }
    assert lines[3]["status"] == "rejected" and lines[3]["reason"] == "no_body_text"
    assert stats.documents_rejected == 1 and stats.documents_kept == 4
    summary = json.loads(json.dumps(stats.to_dict()))
    assert summary["rejected_by_reason"] == {"no_body_text": 1}
    assert summary["paragraphs"] == 11


def test_manifest_is_utf8_and_sorted(tmp_path: Path) -> None:
    path = tmp_path / "manifest.jsonl"
    write_manifest(path, [{"source_file": "b/乙.txt", "status": "kept"}, {"source_file": "a.txt"}])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith('{"source_file": "a.txt"')
    assert '"b/乙.txt"' in lines[1]


def test_identical_inputs_are_published_once(tmp_path: Path) -> None:
    a = make_docs()[3]
    copy = make_docs()[3]
    copy.source_file = "zzz/copy_of_a.txt"
    stats = write_corpus([copy, a], tmp_path / "out")
    assert stats.documents_kept == 1 and stats.duplicate_inputs == 1
    lines = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert lines[0]["status"] == "kept"
    assert lines[1]["status"] == "rejected"
    assert lines[1]["reason"] == "duplicate_input: same bytes as 000_a.txt"


# --- sharding -----------------------------------------------------------------


def test_shards_and_row_groups_follow_the_policy(tmp_path: Path) -> None:
    docs = [doc_of(i, *(f"第{n}段，编号{i}。" for n in range(7))) for i in ids_in("train", 12)]
    policy = ShardPolicy(rows_per_row_group=5, max_rows_per_shard=20)
    stats = write_corpus(docs, tmp_path / "out", card_template=TEMPLATE, policy=policy)
    shards = sorted((tmp_path / "out" / "paragraphs").glob("*.parquet"))
    assert [p.name for p in shards] == [f"train-{i:05d}-of-00005.parquet" for i in range(5)]
    rows = [pq.ParquetFile(p).metadata.num_rows for p in shards]
    assert rows == [20, 20, 20, 20, 4]
    for path in shards:
        meta = pq.ParquetFile(path).metadata
        assert all(meta.row_group(i).num_rows <= 5 for i in range(meta.num_row_groups))
    assert stats.files["paragraphs"]["train"].num_examples == 84
    ds = load_dataset(str(tmp_path / "out"), split="train", cache_dir=fresh_cache(tmp_path))
    assert ds["id"] == [f"{d.doc_id}-{n:04d}" for d in docs for n in range(7)]


def test_shards_split_by_bytes(tmp_path: Path) -> None:
    docs = [doc_of(i, "长" * 3000) for i in ids_in("train", 6)]
    policy = ShardPolicy(rows_per_row_group=1, max_bytes_per_shard=15_000)
    write_corpus(docs, tmp_path / "out", policy=policy)
    shards = sorted((tmp_path / "out" / "documents").glob("*.parquet"))
    assert len(shards) == 3  # each document ~9 kB of UTF-8, two per shard
    assert shards[-1].name == "train-00002-of-00003.parquet"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=6),
    level=st.none() | st.integers(min_value=1, max_value=4),
    date=st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
def test_parquet_round_trip(
    tmp_path: Path, texts: list[str], level: int | None, date: dt.date | None
) -> None:
    doc = doc_of("0123456789abcdef", *texts)
    doc.paragraphs[0].heading_level = level
    doc.date = date
    doc.removed = [Removed("rule", t) for t in texts]
    out = tmp_path / f"rt-{len(list(tmp_path.iterdir()))}"
    write_corpus([doc], out)
    table = pq.read_table(next((out / "documents").glob("*.parquet")))
    doc.dup_cluster = doc.doc_id  # what the build sets: a document alone is its own cluster
    assert table.to_pylist() == [document_row(doc)]


# --- atomic publication -------------------------------------------------------


def test_publish_keeps_old_corpus_when_build_raises(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    publish_atomically(lambda tmp: write_corpus(make_docs(), tmp, card_template=TEMPLATE), out)
    before = tree_bytes(out)

    def failing(tmp: Path) -> None:
        write_corpus(make_docs()[:2], tmp)
        raise RuntimeError("cleaner crashed")

    with pytest.raises(RuntimeError, match="cleaner crashed"):
        publish_atomically(failing, out)
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_publish_replaces_old_corpus(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    publish_atomically(lambda tmp: write_corpus(make_docs(), tmp), out)
    stats = publish_atomically(lambda tmp: write_corpus(make_docs()[:1], tmp), out)
    assert stats.documents_kept == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]
    assert len(pd.read_parquet(out / "documents")) == 1


KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from zh_gov_essays.publish.atomic import publish_atomically

    def build(tmp):
        (tmp / "paragraphs").mkdir()
        (tmp / "paragraphs" / "train-00000-of-00001.parquet").write_bytes(b"PAR1 half")
        print("ready", flush=True)
        time.sleep(60)

    publish_atomically(build, Path(sys.argv[1]))
    """
)


def test_publish_survives_sigkill(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    publish_atomically(lambda tmp: write_corpus(make_docs(), tmp, card_template=TEMPLATE), out)
    before = tree_bytes(out)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "scripts"), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(out)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert tree_bytes(out) == before
    assert list(tmp_path.glob(".corpus.tmp-*"))  # the killed build's leftovers
    ds = load_dataset(str(out), cache_dir=fresh_cache(tmp_path))
    assert ds["train"].num_rows == 10
    publish_atomically(lambda tmp: write_corpus(make_docs(), tmp, card_template=TEMPLATE), out)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("hf-cache")) == [
        "corpus"
    ]


def test_publish_recovers_a_swap_cut_short(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    publish_atomically(lambda tmp: write_corpus(make_docs(), tmp), out)
    before = tree_bytes(out)
    out.rename(tmp_path / ".corpus.old-0badf00d")  # killed between the two renames

    def failing(tmp: Path) -> None:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        publish_atomically(failing, out)
    assert tree_bytes(out) == before


def test_publish_refuses_a_concurrent_build(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    lock = tmp_path / ".corpus.lock"  # the lock of output "corpus", as another build holds it
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(RuntimeError, match="another build"):
            publish_atomically(lambda tmp: None, tmp_path / "corpus")
    finally:
        os.close(fd)
    assert list(tmp_path.iterdir()) == [lock]


def test_corpus_writer_refuses_a_used_folder(tmp_path: Path) -> None:
    write_corpus(make_docs(), tmp_path / "out")
    with pytest.raises(FileExistsError, match="not empty"):
        write_corpus(make_docs(), tmp_path / "out")


# --- card ---------------------------------------------------------------------


def test_card_front_matter(built: tuple[Path, BuildStats]) -> None:
    out, stats = built
    text = (out / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    front = yaml.safe_load(text.split("---\n")[1])
    for key in ("pretty_name", "license", "language", "task_categories", "size_categories"):
        assert front[key]
    assert front["license"] == "other"
    assert front["language"] == ["zh"]
    assert front["size_categories"] == ["n<1K"]
    assert front["configs"][0] == {
        "config_name": "paragraphs",
        "default": True,
        "data_files": [
            {"split": "train", "path": "paragraphs/train-*"},
            {"split": "test", "path": "paragraphs/test-*"},
        ],
    }
    assert front["configs"][1]["config_name"] == "documents"
    infos = {info["config_name"]: info for info in front["dataset_info"]}
    for config in CONFIGS:
        info = datasets.DatasetInfo._from_yaml_dict(infos[config])
        assert info.features == features(config)
        assert info.splits["train"].num_examples == stats.files[config]["train"].num_examples
        assert infos[config]["download_size"] == sum(
            p.stat().st_size for p in (out / config).glob("*.parquet")
        )
    assert {
        "name": "removed",
        "list": [{"name": "rule", "dtype": "string"}, {"name": "text", "dtype": "string"}],
    } in infos["documents"]["features"]


def test_card_body(built: tuple[Path, BuildStats]) -> None:
    out, _ = built
    text = (out / "README.md").read_text(encoding="utf-8")
    assert "{{" not in text
    assert "| `html_entities` | 1 | 0 | 0 |\n" in text  # no descriptions: no such column
    assert "| `site_header` | 0 | 1 | 18 |" in text
    assert "| 第一公文网 | 1 | 3 | " in text
    assert text.index("| 白雲飄飄範文網 |") < text.index("| unknown |")
    assert "| `heading_level` | `int8` | yes |" in text
    assert "| `removed` | `list<struct<rule: string, text: string>>` |" in text
    assert "| 2016 | 1 | 3 |" in text


def test_card_rejects_unknown_placeholder(built: tuple[Path, BuildStats]) -> None:
    _, stats = built
    with pytest.raises(KeyError, match="stats_tabel"):
        render_card(TEMPLATE + "\n{{stats_tabel}}\n", stats)


def test_card_is_deterministic(built: tuple[Path, BuildStats]) -> None:
    _, stats = built
    assert render_card(TEMPLATE, stats) == render_card(TEMPLATE, stats)


def test_corpus_writer_cleans_its_spill(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), CorpusWriter(tmp_path / "out") as writer:
        writer.add(make_docs()[0])
        raise RuntimeError("engine died")
    assert not (tmp_path / "out" / ".spill").exists()


def test_label_descriptions_are_one_liners() -> None:
    descriptions = label_descriptions()
    assert {"title", "footer", "mojibake", "breadcrumb", "punct_fullwidth"} <= set(descriptions)
    assert all(isinstance(v, str) and v and "\n" not in v for v in descriptions.values())


def test_card_describes_rules(built: tuple[Path, BuildStats]) -> None:
    _, stats = built
    card = render_card(TEMPLATE, stats, rule_descriptions={"footer": "page footers"})
    assert "| `footer` | 0 | 1 | 30 | page footers |" in card
    assert "| `punct` | 1 | 0 | 0 |  |" in card
