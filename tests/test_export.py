"""``zh-gov-essays export``: fine-tuning rows from a built corpus with three splits.

The corpus is built from the hand-written pages of ``tests/fixtures/redteam4``
(27 train, 2 validation, 1 test; 11 of them Traditional) plus a near copy of
one page, so duplicates are flagged too.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import opencc
import pyarrow.parquet as pq
import pytest

from tests.conftest import FIXTURES, ROOT
from zh_gov_essays.cli import main
from zh_gov_essays.export.rows import FEATURES
from zh_gov_essays.vocab.prompts import TEMPLATES

PAGES = FIXTURES / "redteam4"
SPLITS = ["train", "validation", "test"]


def _build(src: Path, out: Path) -> None:
    args = ["build", "--input", str(src), "--out", str(out), "--card"]
    assert main([*args, str(ROOT / "DATASET_CARD.md")]) in (0, 3)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    src = root / "in"
    shutil.copytree(PAGES, src, ignore=shutil.ignore_patterns("*.jsonl"))
    first = sorted(src.glob("*.txt"))[0]
    # The same essay republished with one more header line: a document duplicate.
    (src / "zz_copy.txt").write_bytes("转载自某网站\n".encode() + first.read_bytes())
    _build(src, root / "corpus")
    return root / "corpus"


def export(corpus: Path, out: Path, *args: str) -> int:
    return main(["export", "--corpus", str(corpus), "--out", str(out), *args])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def corpus_rows(corpus: Path, config: str, split: str) -> list[dict]:
    return pq.read_table(sorted((corpus / config).glob(f"{split}-*.parquet"))).to_pylist()


# --- splits and files -------------------------------------------------------------------


def test_without_split_each_split_gets_its_own_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "sft"
    assert export(corpus, out) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["README.md", "train.jsonl", "validation.jsonl", "test.jsonl"]
    )
    ids = {}
    for split in SPLITS:
        rows = read_jsonl(out / f"{split}.jsonl")
        expected = corpus_rows(corpus, "paragraphs", split)
        assert [r["id"] for r in rows] == [r["id"] for r in expected]
        assert list(rows[0]) == ["text", "id", "title", "source", "date", "script"]
        ids[split] = {r["id"].split("-")[0] for r in rows}
    # No essay straddles two files: the held-out essays stay held out.
    assert not ids["train"] & (ids["validation"] | ids["test"])
    assert ids["validation"] and ids["test"]


@pytest.mark.parametrize("out_format", ["jsonl", "parquet"])
def test_folder_loads_with_the_corpus_dates(corpus: Path, tmp_path: Path, out_format: str) -> None:
    from datasets import load_dataset

    out = tmp_path / "sft"
    assert export(corpus, out, "--out-format", out_format) == 0
    if out_format == "jsonl":  # ISO strings in the file
        text = (out / "train.jsonl").read_text("utf-8")
        assert re.search(r'"date": "\d{4}-\d{2}-\d{2}"', text)
    ds = load_dataset(str(out), cache_dir=str(tmp_path / "cache"))
    assert list(ds) == SPLITS
    assert ds["train"].features == FEATURES["text"]
    expected = [p["date"] for p in corpus_rows(corpus, "paragraphs", "train")]
    assert ds["train"]["date"] == expected and any(expected)


@pytest.mark.parametrize("unit", ["paragraph", "document", "chunk"])
@pytest.mark.parametrize("fmt", ["text", "chat", "completion"])
@pytest.mark.parametrize("out_format", ["jsonl", "parquet"])
def test_every_export_loads_with_load_dataset(
    corpus: Path, tmp_path: Path, unit: str, fmt: str, out_format: str
) -> None:
    from datasets import load_dataset

    out = tmp_path / "out"
    args = ["--unit", unit, "--format", fmt, "--out-format", out_format, "--max-chars", "800"]
    assert export(corpus, out, *args) == 0
    files = {s: str(out / f"{s}.{out_format}") for s in SPLITS}
    builder = "json" if out_format == "jsonl" else "parquet"
    ds = load_dataset(builder, data_files=files, cache_dir=str(tmp_path / "cache"))
    assert list(ds) == SPLITS and ds["train"].num_rows > 0
    if out_format == "parquet":
        # The Parquet carries the features: date stays an ISO string, messages a list of structs.
        assert ds["train"].features == FEATURES[fmt]
    else:
        # pyarrow guesses JSON types (an ISO date becomes a timestamp); the folder's README
        # declares them, and passing them gives the same dataset as the Parquet export.
        typed = load_dataset(
            builder, data_files=files, features=FEATURES[fmt], cache_dir=str(tmp_path / "c2")
        )
        assert typed["train"].features == FEATURES[fmt]
    first = ds["train"][0]
    assert set(first) == set(FEATURES[fmt])


def test_parquet_export_carries_features_and_page_index(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs.parquet"
    assert export(corpus, out, "--split", "train", "--unit", "document") == 0
    pf = pq.ParquetFile(out)
    meta = json.loads(pf.schema_arrow.metadata[b"huggingface"])
    assert meta["info"]["features"] == FEATURES["text"].to_dict()
    column = pf.metadata.row_group(0).column(0)
    assert column.has_column_index and column.has_offset_index
    assert column.compression == "ZSTD"
    # The same date32 as the corpus, so a date keeps its type from corpus to export.
    docs = corpus_rows(corpus, "documents", "train")
    assert str(pf.schema_arrow.field("date").type) == "date32[day]"
    assert pf.read().column("date").to_pylist() == [d["date"] for d in docs]


# --- row formats --------------------------------------------------------------------------


def is_conversational(example: dict) -> bool:
    """TRL's ``trl.data_utils.is_conversational`` (trl 1.16), line for line.

    TRL itself is not installed for the tests: it requires ``transformers`` and
    ``accelerate`` (and so ``torch``), about 1 GB for one 40-line check.
    """
    supported_keys = ["prompt", "chosen", "rejected", "completion", "messages"]
    example_keys = {key for key in example.keys() if key in supported_keys}
    if example_keys:
        key = example_keys.pop()
        maybe_messages = example[key]
        if isinstance(maybe_messages, list):
            maybe_message = maybe_messages[0]
            if isinstance(maybe_message, dict) and "role" in maybe_message:
                return True
    return False


def test_chat_rows_are_conversational(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "chat"
    assert export(corpus, out, "--unit", "document", "--format", "chat") == 0
    docs = {r["doc_id"]: r for r in corpus_rows(corpus, "documents", "train")}
    rows = read_jsonl(out / "train.jsonl")
    assert rows and all(is_conversational(r) for r in rows)
    for row in rows:
        # Only one TRL key, so TRL's set.pop() cannot pick another one.
        assert set(row) == {"messages", "id"}
        user, assistant = row["messages"]
        assert (user["role"], assistant["role"]) == ("user", "assistant")
        doc = docs[row["id"]]
        assert assistant["content"] == doc["text"]
        if doc["script"] == "Hans":
            assert user["content"] == f"请以《{doc['title']}》为题，写一篇文章。"
        else:
            assert user["content"] == f"請以《{doc['title']}》為題，寫一篇文章。"
    # Documents without a title cannot be asked for by title: dropped, and counted.
    untitled = [d for d in docs.values() if not d["title"]]
    assert len(rows) == len(docs) - len(untitled)


def test_paragraph_prompts_name_the_section(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    args = ["--split", "train", "--format", "completion", "--script", "hans"]
    assert export(corpus, out, *args) == 0
    rows = {r["id"]: r for r in read_jsonl(out)}
    paragraphs = corpus_rows(corpus, "paragraphs", "train")
    t2s = opencc.OpenCC("t2s")
    with_section = [p for p in paragraphs if p["section"] and p["kind"] == "body" and p["title"]]
    assert with_section
    for p in with_section:
        expected = TEMPLATES["paragraph"][1].format(title=p["title"], section=p["section"])
        assert rows[p["id"]]["prompt"] == t2s.convert(expected)
    # Headings are not answers to "write a paragraph": not exported as completions.
    headings = {p["id"] for p in paragraphs if p["kind"] == "heading"}
    assert headings and not headings & set(rows)


# --- scripts ------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["hans", "Hans", "HANS"])
def test_hans_export_is_fixed_by_t2s(corpus: Path, tmp_path: Path, spelling: str) -> None:
    out = tmp_path / "hans"
    assert export(corpus, out, "--script", spelling, "--format", "chat") == 0
    t2s = opencc.OpenCC("t2s")
    texts = [
        m["content"] for s in SPLITS for r in read_jsonl(out / f"{s}.jsonl") for m in r["messages"]
    ]
    assert len(texts) > 100
    assert [t for t in texts if t2s.convert(t) != t] == []


def test_traditional_text_is_left_alone_by_hant(corpus: Path, tmp_path: Path) -> None:
    original, hant = tmp_path / "o.jsonl", tmp_path / "t.jsonl"
    assert export(corpus, original, "--split", "train") == 0
    assert export(corpus, hant, "--split", "train", "--script", "Hant") == 0
    before, after = read_jsonl(original), read_jsonl(hant)
    traditional = [(a, b) for a, b in zip(before, after, strict=True) if a["script"] == "Hant"]
    simplified = [(a, b) for a, b in zip(before, after, strict=True) if a["script"] == "Hans"]
    assert traditional and simplified
    assert all(a["text"] == b["text"] for a, b in traditional)  # s2t never runs on them
    assert any(a["text"] != b["text"] for a, b in simplified)
    assert {b["script"] for b in after} == {"Hant"}


def test_tw_uses_taiwan_phrasing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "tw.jsonl"
    assert export(corpus, out, "--split", "train", "--unit", "document", "--script", "tw") == 0
    rows = read_jsonl(out)
    docs = corpus_rows(corpus, "documents", "train")
    s2twp = opencc.OpenCC("s2twp")
    for doc, row in zip(docs, rows, strict=True):
        if doc["script"] == "Hans":
            assert row["text"] == "\n\n".join(s2twp.convert(p) for p in doc["text"].split("\n\n"))
        else:
            assert row["text"] == doc["text"]


# --- chunks -------------------------------------------------------------------------------


def test_chunks_respect_max_chars_and_keep_paragraphs_whole(corpus: Path, tmp_path: Path) -> None:
    limit = 120
    out = tmp_path / "c.jsonl"
    assert (
        export(corpus, out, "--split", "train", "--unit", "chunk", "--max-chars", str(limit)) == 0
    )
    chunks = read_jsonl(out)
    assert max(len(c["text"]) for c in chunks) <= limit
    by_doc: dict[str, list[str]] = {}
    for c in chunks:
        by_doc.setdefault(c["id"].rsplit("-c", 1)[0], []).append(c["text"])
    long_paragraphs = 0
    for p in corpus_rows(corpus, "paragraphs", "train"):
        pieces = [piece for chunk in by_doc[p["doc_id"]] for piece in chunk.split("\n\n")]
        if len(p["text"]) <= limit:
            assert p["text"] in pieces  # a paragraph that fits is never split
        else:
            long_paragraphs += 1
            parts = [x for x in pieces if x and x in p["text"]]
            assert "".join(parts) == p["text"]
            # Cut at sentence ends; inside a sentence only when the sentence is too long.
            ends = [0, *(m.end() for m in re.finditer(r"[。！？!?…]+[”’」』）)]*", p["text"]))]
            ends.append(len(p["text"]))
            cut = 0
            for part in parts[:-1]:
                cut += len(part)
                if cut not in ends:
                    before = max(e for e in ends if e < cut)
                    after = min(e for e in ends if e > cut)
                    assert after - before > limit, (p["id"], part)
    assert long_paragraphs  # the limit did split some, at sentence ends
    # Every character of the documents is in the chunks, in order.
    for doc in corpus_rows(corpus, "documents", "train"):
        joined = "".join(by_doc[doc["doc_id"]]).replace("\n\n", "")
        assert joined == doc["text"].replace("\n\n", "")


# --- filters, summary, refusals -------------------------------------------------------------


def test_filters_are_counted_in_the_summary(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "f"
    assert export(corpus, out, "--min-chars", "40", "--drop-duplicates") == 0
    summary = capsys.readouterr().out
    paragraphs = [p for s in SPLITS for p in corpus_rows(corpus, "paragraphs", s)]
    dups = [p for p in paragraphs if p["dup_of"] is not None]
    short = [p for p in paragraphs if p["dup_of"] is None and len(p["text"]) < 40]
    assert dups and short
    assert f"dropped     duplicate {len(dups):,}, min_chars {len(short):,}" in summary
    written = sum(len(read_jsonl(out / f"{s}.jsonl")) for s in SPLITS)
    assert written == len(paragraphs) - len(dups) - len(short)
    assert f"exported {written:,} rows" in summary
    assert "est. tokens/row mean" in summary


def test_document_duplicates_are_dropped(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert export(corpus, out, "--unit", "document", "--drop-duplicates") == 0
    docs = [d for s in SPLITS for d in corpus_rows(corpus, "documents", s)]
    flagged = {d["doc_id"] for d in docs if d["dup_of"]}
    assert len(flagged) == 1
    written = {r["id"] for s in SPLITS for r in read_jsonl(out / f"{s}.jsonl")}
    assert written == {d["doc_id"] for d in docs} - flagged


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "dev"], "has no split 'dev'; it has train, validation, test"),
        (["--out-inside"], "is inside the corpus"),
        (["--file"], "without --split the export writes one file per split"),
        (["--format", "jsonl"], "--format now chooses the row format"),
        (["--script", "Latn"], "unknown script 'Latn'"),
        (["--unit", "chunk", "--max-chars", "0"], "--max-chars must be at least 1"),
    ],
)
def test_refusals_say_what_to_do(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    if args == ["--out-inside"]:
        out, args = corpus / "export", []
    elif args == ["--file"]:
        out, args = tmp_path / "all.jsonl", []
    assert export(corpus, out, *args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (corpus / "export").exists()


def test_missing_split_of_the_committed_corpus_names_train(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(ROOT / "corpus", tmp_path / "x", "--split", "validation") == 2
    assert "has no split 'validation'; it has train " in capsys.readouterr().err


def test_a_foreign_readme_is_not_replaced(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "README.md").write_text("# my notes\n", encoding="utf-8")
    assert export(corpus, out) == 2
    assert (out / "README.md").read_text(encoding="utf-8") == "# my notes\n"
    assert export(corpus, tmp_path / "again") == 0
    assert export(corpus, tmp_path / "again") == 0  # its own README is replaced
