"""Several inputs and globs: every file read once, under a name no other input can take."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, seed_path
from zh_gov_essays.cli import main
from zh_gov_essays.read import InputError, InputSet
from zh_gov_essays.read.discover import root_labels

CARD = str(ROOT / "DATASET_CARD.md")


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def names(inputs: InputSet) -> list[str]:
    return [raw.source_file for raw in inputs.raws()]


def test_one_root_keeps_names_relative_to_it(tmp_path: Path) -> None:
    write(tmp_path / "seeds" / "a.txt", b"a")
    write(tmp_path / "seeds" / "sub" / "b.txt", b"b")
    assert names(InputSet.resolve([tmp_path / "seeds"])) == ["a.txt", "sub/b.txt"]


def test_several_roots_are_prefixed_by_their_names(tmp_path: Path) -> None:
    write(tmp_path / "seeds" / "a.txt", b"a")
    write(tmp_path / "crawl" / "a.txt", b"a2")
    dump = write(tmp_path / "x" / "dump.jsonl", b'{"text": "t"}\n')
    inputs = InputSet.resolve([tmp_path / "seeds", tmp_path / "crawl", dump])
    assert names(inputs) == ["seeds/a.txt", "crawl/a.txt", "dump.jsonl#1"]


def test_roots_of_the_same_name_are_told_apart_by_their_parents(tmp_path: Path) -> None:
    for year in ("2023", "2024"):
        write(tmp_path / year / "seeds" / "a.txt", year.encode())
    # /n/a holds seeds/a.txt: its names must not collide with those of /m/a/seeds.
    write(tmp_path / "n" / "a" / "seeds" / "a.txt", b"n")
    write(tmp_path / "m" / "a" / "seeds" / "a.txt", b"m")
    inputs = InputSet.resolve(
        [tmp_path / "2023/seeds", tmp_path / "2024/seeds", tmp_path / "n/a", tmp_path / "m/a/seeds"]
    )
    got = names(inputs)
    assert got == ["2023/seeds/a.txt", "2024/seeds/a.txt", "n/a/seeds/a.txt", "a/seeds/a.txt"]
    assert len(set(got)) == len(got)


def test_labels_never_start_one_another() -> None:
    labels = root_labels([Path("/x/a"), Path("/y/a/b"), Path("/z/b"), Path("/w/b")])
    assert len(set(labels)) == 4
    for a in labels:
        for b in labels:
            assert a == b or not b.startswith(a + "/"), (a, b)


def test_globs_expand_sorted_and_must_match(tmp_path: Path) -> None:
    for name in ("b.warc.gz", "a.warc.gz", "c.txt", ".hidden.warc.gz"):
        write(tmp_path / "crawl" / name, b"")
    write(tmp_path / "crawl" / "deep" / "d.warc.gz", b"")
    inputs = InputSet.resolve([str(tmp_path / "crawl" / "*.warc.gz")])
    assert [root.path.name for root in inputs.roots] == ["a.warc.gz", "b.warc.gz"]
    assert names(inputs) == ["a.warc.gz", "b.warc.gz"]  # empty WARCs: "no_records" rows
    deep = InputSet.resolve([str(tmp_path / "crawl" / "**" / "*.warc.gz")])
    assert [r.label for r in deep.roots] == ["a.warc.gz", "b.warc.gz", "d.warc.gz"]
    with pytest.raises(InputError, match=r"no input matches .*\*\.jsonl \(pass --input DIR\)"):
        InputSet.resolve([str(tmp_path / "crawl" / "*.jsonl")])


def test_a_path_given_twice_is_read_once_and_nested_roots_are_refused(tmp_path: Path) -> None:
    write(tmp_path / "seeds" / "sub" / "a.txt", b"a")
    twice = InputSet.resolve([tmp_path / "seeds", str(tmp_path / "se*"), tmp_path / "seeds/"])
    assert names(twice) == ["sub/a.txt"]
    with pytest.raises(InputError, match=r"input .*sub is inside input .*seeds: give only one"):
        InputSet.resolve([tmp_path / "seeds", tmp_path / "seeds" / "sub"])


def test_build_reads_every_input_and_the_manifest_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    essay = seed_path("001").read_text("utf-8")
    write(tmp_path / "a" / "seeds" / "x.txt", seed_path("000").read_bytes())
    write(tmp_path / "b" / "seeds" / "x.txt", seed_path("004").read_bytes())
    write(tmp_path / "dumps" / "d1.jsonl.gz", gzip.compress(
        json.dumps({"text": essay, "url": "https://www.example.gov.cn/1"}).encode() + b"\n"
    ))  # fmt: skip
    write(tmp_path / "dumps" / "d2.jsonl.gz", gzip.compress(b"\n"))
    out = tmp_path / "corpus"
    # Several --input options, one of them a glob; and a shell-expanded list after one --input.
    code = main(["build", "--input", str(tmp_path / "a/seeds"), str(tmp_path / "b/seeds"),
                 "--input", str(tmp_path / "dumps" / "*.jsonl.gz"), "--out", str(out),
                 "--card", CARD])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [(r["source_file"], r["status"], r["reason"]) for r in rows] == [
        ("a/seeds/x.txt", "kept", None),
        ("b/seeds/x.txt", "kept", None),
        ("d1.jsonl.gz#1", "kept", None),
        ("d2.jsonl.gz", "rejected", "no_records"),
    ]


def test_build_refuses_an_output_inside_any_input(tmp_path: Path, capsys) -> None:
    write(tmp_path / "in2" / "x.txt", b"x")
    code = main(["build", "--input", str(SEEDS), "--input", str(tmp_path / "in2"),
                 "--out", str(tmp_path / "in2" / "corpus"), "--card", CARD])  # fmt: skip
    assert code == 2 and "overlaps --input" in capsys.readouterr().err


def test_inspect_takes_globs_and_names_missing_paths_without_input_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", str(SEEDS / "00[01]_*.txt")]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [d["source_file"][:3] for d in lines] == ["000", "001"]
    assert main(["inspect", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt (check the path)" in err and "--input" not in err


def test_a_file_name_that_is_not_utf8_is_percent_encoded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"bad\xff.txt")  # bytes that are no UTF-8, as a crawl may save them
    (folder / name).write_bytes(seed_path("000").read_bytes())
    out = tmp_path / "corpus"
    assert main(["build", "--input", str(folder), "--out", str(out), "--card", CARD]) == 0
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [(r["source_file"], r["status"]) for r in rows] == [("bad%FF.txt", "kept")]
