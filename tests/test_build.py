"""The whole road: seeds → build → Parquet that loads every way users load it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, SEEDS
from zh_gov_essays.cli import main
from zh_gov_essays.publish.schema import arrow_schema, features

CORPUS = ROOT / "corpus"


def build(out: Path, *extra: str) -> int:
    return main(
        [
            "build",
            "--input",
            str(SEEDS),
            "--out",
            str(out),
            "--card",
            str(ROOT / "DATASET_CARD.md"),
            *extra,
        ]
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "corpus"
    assert build(out) == 0
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_layout(built: Path) -> None:
    assert sorted(_files(built)) == [
        "LICENSE.md",
        "README.md",
        "documents/train-00000-of-00001.parquet",
        "figures/documents_by_source.png",
        "figures/documents_by_year.png",
        "figures/paragraph_lengths.png",
        "figures/removals_by_rule.png",
        "figures/script_share.png",
        "manifest.jsonl",
        "paragraphs/train-00000-of-00001.parquet",
    ]


def test_parquet_schema_carries_the_datasets_features(built: Path) -> None:
    for config in ("paragraphs", "documents"):
        (path,) = (built / config).glob("*.parquet")
        pf = pq.ParquetFile(path)

        def shape(schema):
            # Parquet names list items "element", Arrow "item": the same type.
            return [(f.name, f.nullable, str(f.type).replace("element:", "item:")) for f in schema]

        assert shape(pf.schema_arrow) == shape(arrow_schema(config))
        assert pf.schema_arrow.metadata == arrow_schema(config).metadata
        meta = json.loads(pf.schema_arrow.metadata[b"huggingface"])
        assert meta["info"]["features"] == features(config).to_dict()
        assert pf.metadata.row_group(0).column(0).compression == "ZSTD"


def test_manifest_lists_every_seed(built: Path) -> None:
    rows = [json.loads(line) for line in (built / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [r["source_file"] for r in rows] == sorted(p.name for p in SEEDS.iterdir())
    assert {r["status"] for r in rows} == {"kept"}
    assert [r["num_paragraphs"] for r in rows] == [10, 24, 19, 20, 11]
    assert all(r["encoding"] == "utf-8" and r["reason"] is None for r in rows)
    assert set(rows[0]) == {
        "source_file",
        "status",
        "reason",
        "doc_id",
        "record_id",
        "encoding",
        "num_paragraphs",
    }


def test_load_dataset_default_config_is_paragraphs(built: Path, tmp_path: Path) -> None:
    from datasets import load_dataset

    ds = load_dataset(str(built), cache_dir=str(tmp_path / "cache"))
    assert list(ds) == ["train"]
    assert ds["train"].features == features("paragraphs")
    assert ds["train"].num_rows == 84
    row = ds["train"][0]
    assert row["id"] == f"{row['doc_id']}-0000" and row["paragraph_index"] == 0


def test_load_dataset_documents_config(built: Path, tmp_path: Path) -> None:
    from datasets import load_dataset

    ds = load_dataset(str(built), "documents", cache_dir=str(tmp_path / "cache"))
    assert ds["train"].features == features("documents")
    titles = sorted(ds["train"]["title"])
    assert "如何加强服务型机关建设" in titles and len(titles) == 5
    doc = next(r for r in ds["train"] if r["title"] == "創建學習型、服務型、創新型機關重塑公僕形象")
    assert doc["category"] == ["心得體會", "工作體會"] and doc["editor"] == "小景"
    assert {"rule": "tag_list", "text": doc["removed"][-1]["text"]} == doc["removed"][-1]


def test_load_dataset_plain_parquet(built: Path, tmp_path: Path) -> None:
    from datasets import load_dataset

    files = str(built / "paragraphs" / "*.parquet")
    ds = load_dataset("parquet", data_files=files, cache_dir=str(tmp_path / "cache"))
    assert ds["train"].num_rows == 84
    assert ds["train"].features == features("paragraphs")


def test_pandas_and_duckdb_read_the_files(built: Path) -> None:
    import duckdb
    import pandas as pd

    df = pd.read_parquet(built / "paragraphs")
    assert len(df) == 84 and df["text"].str.len().min() > 0
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT script, count(*) FROM '{built}/paragraphs/*.parquet' GROUP BY script ORDER BY 1"
    ).fetchall()
    assert rows == [("Hans", 53), ("Hant", 31)]


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(again, "--workers", "2") == 0
    assert _files(again) == _files(built)


def test_committed_corpus_is_the_fresh_build(built: Path) -> None:
    """A stale corpus/ (seeds or cleaning changed, no rebuild) fails here."""
    committed, fresh = _files(CORPUS), _files(built)
    assert sorted(committed) == sorted(fresh)
    for name in fresh:
        if not name.endswith(".parquet"):  # card, licence, manifest, figures: the same bytes
            assert committed[name] == fresh[name], (
                f"corpus/{name} is stale: run zh-gov-essays build"
            )
    for name in fresh:
        if name.endswith(".parquet"):
            old, new = pq.read_table(CORPUS / name), pq.read_table(built / name)
            assert old.equals(new) and old.schema.equals(new.schema, check_metadata=True), name


@pytest.mark.parametrize("command", ["build", "inspect", "evaluate", "export", "push", "report"])
def test_every_command_has_help(command: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "zh_gov_essays", command, "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith(f"usage: zh-gov-essays {command}")
    # Every option explains itself: text on its line, or on the next, indented.
    options = out.split("options:", 1)[1].splitlines()
    for i, line in enumerate(options):
        if line.startswith("  -") and "--help" not in line:
            parts = [w for w in line.strip().split("  ") if w.strip()]
            assert len(parts) > 1 or options[i + 1].startswith(" " * 10), line


def test_inspect_prints_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    (seed,) = SEEDS.glob("004_*.txt")
    assert main(["inspect", str(seed)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    obj = json.loads(line)
    for key in (
        "source_file",
        "doc_id",
        "title",
        "date",
        "source",
        "url",
        "script",
        "category",
        "tags",
        "editor",
        "truncated",
        "paragraphs",
        "removed",
    ):
        assert key in obj
    assert set(obj["paragraphs"][0]) == {
        "text",
        "kind",
        "heading_level",
        "section",
        "script",
        "repairs",
    }
    assert set(obj["removed"][0]) == {"rule", "text"}
    assert obj["source_file"] == seed.name and obj["tags"][0] == "為人民服務"


def test_export_converted_view(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "hans"
    assert main(["export", "--corpus", str(built), "--script", "Hans", "--out", str(out)]) == 0
    rows = [json.loads(line) for line in (out / "train.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) == 84 and {r["script"] for r in rows} == {"Hans"}
    assert any(r["text"].startswith("市直属机关开展的创建学习型") for r in rows)
    pq_out = tmp_path / "docs.parquet"
    args = ["--unit", "document", "--split", "train", "--out", str(pq_out)]
    assert main(["export", "--corpus", str(built), *args]) == 0
    assert pq.read_table(pq_out).num_rows == 5


def test_invariants_hold_over_the_committed_corpus() -> None:
    """DESIGN.md invariants, over every published paragraph."""
    from zh_gov_essays.invariants import paragraph_problems
    from zh_gov_essays.publish.validate import validate_corpus

    validate_corpus(CORPUS)  # raises on the first problems
    table = pq.read_table(CORPUS / "paragraphs")
    texts = table.column("text").to_pylist()
    assert [t for t in texts if paragraph_problems(t)] == []
    ids = table.column("id").to_pylist()
    assert len(ids) == len(set(ids)) == 84
    assert all(s in ("Hans", "Hant") for s in table.column("script").to_pylist())
    for kind, level in zip(
        table.column("kind").to_pylist(), table.column("heading_level").to_pylist(), strict=True
    ):
        assert (kind == "heading") == (level is not None)


def test_a_closed_pipe_is_not_an_error() -> None:
    """``zh-gov-essays inspect … | head -1`` stops quietly, with no error line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "zh_gov_essays", "inspect", str(SEEDS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()  # the reader goes away after one line
    _, err = proc.communicate(timeout=120)
    assert b"error" not in err and proc.returncode in (0, 141)
