"""One input never fails the whole build.

* A crash while cleaning one input (a bug) becomes a ``rejected`` manifest
  row, reason ``internal_error: <one-line summary>``; the build goes on,
  publishes, says so in its summary and on stderr, and exits 4.  The guard
  sits where every engine runs ``process``.
* Blank lines longer than the run-on threshold no longer crash
  ``pipeline._split_run_on`` (they used to raise ``IndexError`` and stop
  ``build`` and ``inspect`` with a message that named no file).
* Every per-input error message names the input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed_path
from zh_gov_essays import pipeline
from zh_gov_essays.cli import main
from zh_gov_essays.records import RawDoc

CARD = str(ROOT / "DATASET_CARD.md")
ESSAY = "要坚持以人为本，切实改进工作作风，提高办事效率和服务质量。"


def _manifest(out: Path) -> dict[str, dict]:
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    return {r["source_file"]: r for r in rows}


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(seed_path("000").read_bytes())
    (d / "b.txt").write_bytes(seed_path("001").read_bytes())
    (d / "c.txt").write_bytes(seed_path("004").read_bytes())
    return d


@pytest.fixture
def fail_on_b(monkeypatch: pytest.MonkeyPatch) -> None:
    """A metadata stage that crashes on one input (b.txt), as a bug would."""
    real = pipeline.read_metadata

    def read_metadata(doc, *args, **kwargs):
        if doc.source_file == "b.txt":
            raise ValueError("injected failure\non two lines")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_metadata", read_metadata)


def test_a_crash_on_one_input_is_a_rejected_row_and_the_build_goes_on(
    crawl: Path, tmp_path: Path, fail_on_b: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(crawl), "--out", str(out), "--card", CARD]) == 4
    m = _manifest(out)
    assert [(k, r["status"]) for k, r in sorted(m.items())] == [
        ("a.txt", "kept"),
        ("b.txt", "rejected"),
        ("c.txt", "kept"),
    ]
    reason = m["b.txt"]["reason"]
    assert reason.startswith("internal_error: ValueError: injected failure on two lines (at ")
    assert "\n" not in reason and m["b.txt"]["doc_id"] is not None
    captured = capsys.readouterr()
    assert "documents rejected  1 (internal_error 1)" in captured.out
    errors = captured.err.splitlines()
    assert errors == [
        f"zh-gov-essays: error: internal error on b.txt: {reason.split(': ', 1)[1]} "
        "(rejected in the manifest; this is a bug, please report it)"
    ]


def test_the_guard_is_where_each_engine_runs_process(fail_on_b: None) -> None:
    from zh_gov_essays.engines import Work
    from zh_gov_essays.engines.local import run_local
    from zh_gov_essays.engines.pool import run_chunk

    raws = [RawDoc("a.txt", seed_path("000").read_bytes()), RawDoc("b.txt", b"\xe4\xb8\xad" * 30)]
    work = Work()  # what the Ray actors and the local workers both run
    for docs in ([work(r) for r in raws], run_chunk(work, raws), list(run_local(raws, workers=1))):
        assert docs[0].kept
        assert docs[1].reject_reason.startswith("internal_error: ValueError: injected failure")


def test_memory_errors_stop_the_build_naming_the_input(
    crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Out of memory is not one input's bug: nothing is published, exit 5."""
    real = pipeline.read_metadata

    def read_metadata(doc, *args, **kwargs):
        if doc.source_file == "b.txt":
            raise MemoryError
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_metadata", read_metadata)
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(crawl), "--out", str(out), "--card", CARD]) == 5
    err = capsys.readouterr().err
    assert err.startswith("zh-gov-essays: error: out of memory while cleaning b.txt")
    assert "nothing published" in err and not out.exists()
    assert list(tmp_path.iterdir()) == [crawl]  # no temporary folder left


def test_inspect_reports_a_crash_naming_the_file(
    crawl: Path, fail_on_b: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", str(crawl)]) == 4
    captured = capsys.readouterr()
    objs = [json.loads(line) for line in captured.out.splitlines()]
    assert [(o["source_file"], o["status"]) for o in objs] == [
        ("a.txt", "kept"),
        ("b.txt", "rejected"),
        ("c.txt", "kept"),
    ]
    assert objs[1]["reason"].startswith("internal_error: ValueError: injected failure")
    (line,) = captured.err.splitlines()
    assert line.startswith("zh-gov-essays: error: internal error on b.txt: ValueError")


# --- long blank lines in short pages (pipeline._split_run_on) --------------------------------


LONG_BLANKS = {
    "spaces.txt": f"关于加强机关作风建设的几点思考\n{' ' * 160}\n{ESSAY * 5}\n",
    "ideographic_spaces.txt": f"{ESSAY * 3}\n{chr(0x3000) * 160}\n",
    "line_separators.txt": f"{ESSAY * 3}\n{chr(0x2028) * 160}\n",
    "trailing.jsonl": json.dumps({"text": f"{ESSAY * 3}\n{' ' * 200}"}, ensure_ascii=False) + "\n",
}


@pytest.fixture
def blank_pages(tmp_path: Path) -> Path:
    d = tmp_path / "blank"
    d.mkdir()
    for name, text in LONG_BLANKS.items():
        (d / name).write_text(text, "utf-8")
    return d


def test_long_blank_lines_do_not_crash_inspect(
    blank_pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", str(blank_pages)]) == 0
    objs = {o["source_file"]: o for o in map(json.loads, capsys.readouterr().out.splitlines())}
    assert sorted(objs) == [
        "ideographic_spaces.txt",
        "line_separators.txt",
        "spaces.txt",
        "trailing.jsonl#1",
    ]
    for name, obj in objs.items():
        assert obj["status"] == "kept", name
        assert [p["text"] for p in obj["paragraphs"]][-1] == (
            ESSAY * 5 if name == "spaces.txt" else ESSAY * 3
        ), name
    assert objs["spaces.txt"]["title"] == "关于加强机关作风建设的几点思考"


def test_long_blank_lines_do_not_crash_build(blank_pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(blank_pages), "--out", str(out), "--card", CARD]) == 0
    assert {r["status"] for r in _manifest(out).values()} == {"kept"}


def test_evaluate_names_the_page_that_crashed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import FIXTURES

    real = pipeline.read_metadata

    def read_metadata(doc, *args, **kwargs):
        if doc.source_file == "p03_seo_paywall.txt":
            raise KeyError("injected")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_metadata", read_metadata)
    assert main(["evaluate", str(FIXTURES / "pages")]) == 4
    (line,) = [x for x in capsys.readouterr().err.splitlines() if "internal error" in x]
    assert line.startswith(
        "zh-gov-essays: error: internal error on p03_seo_paywall.txt: KeyError: 'injected' (at "
    )


def test_the_guard_never_raises_itself() -> None:
    from zh_gov_essays.engines.guard import internal_error_doc

    odd = RawDoc("odd.txt", "not bytes")  # type: ignore[arg-type]
    doc = internal_error_doc(odd, TypeError("x"))
    assert (doc.source_file, doc.reject_reason, doc.doc_id) == (
        "odd.txt",
        "internal_error: TypeError: x",
        "e3b0c44298fc1c14",
    )
