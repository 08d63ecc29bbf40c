"""Every input in the manifest under a printable name; messages that do not mislead.

* A file name that is not UTF-8 (``bad\\xff.txt``) is spelled with ``%XX``
  escapes in ``source_file`` (it crashed the build with UnicodeEncodeError).
* Names with a newline or an escape sequence are spelled the same way, and
  nothing printed to the terminal carries a raw control character.
* A FIFO and a dangling symlink are rejected in the manifest, not skipped.
* ``inspect`` on a missing file does not talk about ``--input``.
* When every input is corrupt, the per-file lines are still printed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROOT, seed_path
from zh_gov_essays.cli import main

CARD = str(ROOT / "DATASET_CARD.md")
# What a terminal acts on instead of showing: C0/C1 controls, DEL, line and
# paragraph separators, bidirectional overrides; and lone surrogates.
TERMINAL_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _manifest(out: Path) -> dict[str, dict]:
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    return {r["source_file"]: r for r in rows}


def _fsname(raw: bytes) -> str:
    return os.fsdecode(raw)


# --- spelling ----------------------------------------------------------------------------------


def test_spelling_examples() -> None:
    from zh_gov_essays.read.names import quote_name

    assert quote_name(_fsname(b"bad\xff.txt")) == "bad%FF.txt"
    assert quote_name(_fsname("工作总结.txt".encode())) == "工作总结.txt"
    assert quote_name("a\\b.txt") == "a\\b.txt"
    assert quote_name("new\nline\x1b[31m.txt") == "new%0Aline%1B[31m.txt"
    assert quote_name("next\x85line\u2028\u202e.txt") == "next%C2%85line%E2%80%A8%E2%80%AE.txt"


@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_spelling_is_lossless_and_printable(raw: bytes) -> None:
    from urllib.parse import unquote

    from zh_gov_essays.read.names import quote_name

    spelled = quote_name(_fsname(raw))
    assert not TERMINAL_CONTROLS.search(spelled)
    spelled.encode("utf-8")  # no surrogates left
    assert os.fsencode(unquote(spelled, errors="surrogateescape")) == raw


def test_printable_escapes_control_characters_only() -> None:
    from zh_gov_essays.names import printable

    assert printable("构建 corpus/\x1b[2J\n完成\\") == "构建 corpus/\\x1b[2J\\x0a完成\\"


# --- names in a build --------------------------------------------------------------------------


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    good = seed_path("000").read_bytes()
    (d / _fsname(b"bad\xff.txt")).write_bytes(good)
    (d / "new\nline.txt").write_bytes(seed_path("001").read_bytes())
    (d / "\x1b[31mred.jsonl").write_text("{not json\n", "utf-8")
    return d


def test_odd_file_names_are_built_and_spelled(
    odd_names: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(odd_names), "--out", str(out), "--card", CARD]) == 3
    m = _manifest(out)
    assert sorted(m) == ["%1B[31mred.jsonl#1", "bad%FF.txt", "new%0Aline.txt"]
    assert m["bad%FF.txt"]["status"] == m["new%0Aline.txt"]["status"] == "kept"
    docs = pq.read_table(out / "documents").column("source_file").to_pylist()
    assert sorted(docs) == ["bad%FF.txt", "new%0Aline.txt"]
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream
    assert captured.err.splitlines() == [
        "zh-gov-essays: error: corrupt input %1B[31mred.jsonl#1: corrupt_jsonl "
        "(listed in the manifest)"
    ]


def test_inspect_spells_the_names_too(odd_names: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(odd_names / _fsname(b"bad\xff.txt"))]) == 0
    assert json.loads(capsys.readouterr().out)["source_file"] == "bad%FF.txt"


def test_an_output_path_with_escape_sequences_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "\x1b[31mcorpus"
    source = seed_path("000").parent
    assert main(["build", "--input", str(source), "--out", str(out), "--card", CARD]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\\x1b[31mcorpus/" in captured.out


# --- files that are not files ------------------------------------------------------------------


def test_a_fifo_and_a_dangling_symlink_are_in_the_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(seed_path("000").read_bytes())
    os.mkfifo(d / "pipe.txt")
    (d / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(d), "--out", str(out), "--card", CARD]) == 3
    m = _manifest(out)
    assert {k: (r["status"], r["reason"], r["doc_id"]) for k, r in m.items()} == {
        "a.txt": ("kept", None, m["a.txt"]["doc_id"]),
        "gone.txt": ("rejected", "broken_symlink", None),
        "pipe.txt": ("rejected", "not_a_file: fifo", None),
    }
    assert capsys.readouterr().err.splitlines() == [
        "zh-gov-essays: error: corrupt input gone.txt: broken_symlink (listed in the manifest)",
        "zh-gov-essays: error: corrupt input pipe.txt: not_a_file: fifo (listed in the manifest)",
    ]


# --- messages ----------------------------------------------------------------------------------


def test_inspect_on_a_missing_file_does_not_mention_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["inspect", "/nonexistent/page.txt"]) == 2
    err = capsys.readouterr().err
    assert err == "zh-gov-essays: error: not found: /nonexistent/page.txt (check the path)\n"


def test_build_on_a_missing_input_still_says_what_to_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["build", "--input", "/nonexistent/seeds"]) == 2
    assert "(pass --input DIR)" in capsys.readouterr().err


def test_when_every_input_is_corrupt_each_is_still_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text("{broken\n", "utf-8")
    (d / "b.parquet").write_bytes(b"PAR1 not parquet")
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(d), "--out", str(out), "--card", CARD]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "zh-gov-essays: error: corrupt input a.jsonl#1: corrupt_jsonl",
        "zh-gov-essays: error: corrupt input b.parquet: corrupt_parquet",
        "zh-gov-essays: error: no document survived cleaning; nothing published "
        "(zh-gov-essays inspect FILE shows why each input is rejected)",
    ]
    assert not out.exists()
