"""The validation gate: a corpus breaking an invariant is never published."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, SEEDS
from zh_gov_essays import pipeline
from zh_gov_essays.cli import main
from zh_gov_essays.invariants import paragraph_problems

CARD = str(ROOT / "DATASET_CARD.md")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("要坚持以人为本\ue026切实改进作风", "private-use code point"),
        ("要坚持以人为本\ufffd", "U+FFFD"),
        ("政協(xié)機(jī)關(guān)的工作", "pinyin gloss"),
        ("&nbsp;要坚持以人为本", "&nbsp; debris"),
        ("42", "lone number"),
        (" 要坚持以人为本", "leading or trailing whitespace"),
        ("上一篇:新时期如何做好基层社区党建工作", "boilerplate: prev_next"),
        ("因篇幅问题不能全部显示,请点此查看更多更全内容", "boilerplate: truncation_notice"),
        ("在掌握基纠砺邸⒊酝父母锓⒄刮榷ǖ男乱笊锨笊钊耄诹凳导省⑼贫痛俳涫瞪献鑫恼", "mojibake"),
    ],
)
def test_paragraph_problems(text: str, problem: str) -> None:
    assert problem in paragraph_problems(text)


def test_clean_paragraphs_pass() -> None:
    for text in ("建设服务型机关，是党和政府的重要举措。", "一、加强学习", "Hans and 100%"):
        assert paragraph_problems(text) == []


def test_a_failing_gate_publishes_nothing(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(SEEDS), "--out", str(out), "--card", CARD]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    real = pipeline.process

    def broken(raw, context=None):
        doc = real(raw, context)
        if doc.paragraphs:
            doc.paragraphs[0].text += "\ue000"
        return doc

    monkeypatch.setattr("zh_gov_essays.engines.guard.process", broken)
    assert main(["build", "--input", str(SEEDS), "--out", str(out), "--card", CARD]) == 2
    err = capsys.readouterr().err
    assert "validation failed, nothing published" in err and "private-use" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".corpus.tmp-*"))


def test_the_gate_rechecks_only_paragraphs_the_workers_did_not_check(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    from zh_gov_essays.invariants import text_digest
    from zh_gov_essays.publish import validate

    out = tmp_path / "corpus"
    assert main(["build", "--input", str(SEEDS), "--out", str(out), "--card", CARD]) == 0
    texts = pq.read_table(out / "paragraphs", columns=["text"]).column("text").to_pylist()
    asked: list[str] = []

    def counting(text: str) -> list[str]:
        asked.append(text)
        return paragraph_problems(text)

    monkeypatch.setattr(validate, "paragraph_problems", counting)
    validate.validate_corpus(out)
    assert len(asked) == len(texts) > 20  # nothing checked before: every row
    asked.clear()
    validate.validate_corpus(out, checked=validate.checked_digests(map(text_digest, texts)))
    assert asked == []
    validate.validate_corpus(out, checked=validate.checked_digests(map(text_digest, texts[1:])))
    assert asked == [texts[0]]


def _seed_documents() -> list:
    from zh_gov_essays.engines.work import BUILD_STEPS, Work
    from zh_gov_essays.records import RawDoc

    work = Work(post=BUILD_STEPS)
    return [work(RawDoc(p.name, p.read_bytes())) for p in sorted(SEEDS.glob("*.txt"))]


def test_the_writer_checks_each_row_it_writes(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's gate runs on the rows as they are written: a paragraph the workers
    checked is not checked again, any other is, and a failing row stops the corpus
    before its manifest is written."""
    import dataclasses

    from zh_gov_essays.publish import validate
    from zh_gov_essays.publish.writer import write_corpus

    docs = _seed_documents()
    kept = [d for d in docs if d.kept]
    assert len(kept) >= 5 and all(d.checked for d in kept)
    asked: list[str] = []

    def counting(text: str) -> list[str]:
        asked.append(text)
        return paragraph_problems(text)

    monkeypatch.setattr(validate, "paragraph_problems", counting)
    write_corpus(docs, tmp_path / "a", validate=True)
    assert asked == []  # every row was checked in the workers
    unchecked = [dataclasses.replace(d, checked=()) if d is kept[0] else d for d in docs]
    write_corpus(unchecked, tmp_path / "b", validate=True)
    assert asked == [p.text for p in kept[0].paragraphs]
    asked.clear()
    broken = dataclasses.replace(
        kept[1], paragraphs=[dataclasses.replace(p) for p in kept[1].paragraphs]
    )
    broken.paragraphs[0].text += "\ue000"  # after the workers' check: its digest differs
    docs = [broken if d is kept[1] else d for d in docs]
    with pytest.raises(validate.ValidationError, match="private-use"):
        write_corpus(docs, tmp_path / "c", validate=True)
    assert asked == [broken.paragraphs[0].text]
    assert not (tmp_path / "c" / "manifest.jsonl").exists()


def test_the_gate_finds_broken_links_and_indices() -> None:
    from zh_gov_essays.publish.validate import CorpusChecker, ValidationError

    def row(doc_id: str, index: int, dup_of: str | None = None, cluster: str | None = None):
        return {
            "id": f"{doc_id}-{index:04d}",
            "doc_id": doc_id,
            "paragraph_index": index,
            "text": "建设服务型机关。",
            "dup_of": dup_of,
            "dup_cluster": cluster or doc_id,
        }

    checker = CorpusChecker()
    checker.row("paragraphs", row("a" * 16, 0))
    checker.row("paragraphs", row("a" * 16, 2))  # 1 was due
    checker.row("paragraphs", row("b" * 16, 0, dup_of="c" * 16 + "-0000"))  # later id
    checker.row("paragraphs", row("b" * 16, 0))  # the same id again (and index 1 was due)
    with pytest.raises(ValidationError) as failed:
        checker.finish()
    message = str(failed.value)
    assert "paragraph_index 2 where 1 was due" in message
    assert "is not an earlier id" in message
    assert "paragraphs: 1 duplicate id(s)" in message
    assert "points at an id that is not published" in message
    good = CorpusChecker()
    good.row("paragraphs", row("a" * 16, 0))
    good.row("paragraphs", row("b" * 16, 0, dup_of="a" * 16 + "-0000"))
    good.row(
        "documents",
        {"doc_id": "a" * 16, "num_paragraphs": 1, "dup_of": None, "dup_cluster": "a" * 16},
    )
    good.row(
        "documents",
        {"doc_id": "b" * 16, "num_paragraphs": 1, "dup_of": None, "dup_cluster": "b" * 16},
    )
    good.finish()
