"""The hand-annotated folders' annotations are well formed and match their pages.

Only the shape of the gold files is checked here, never the cleaner's scores
on them: every page listed exists, every boilerplate and content string is
printed verbatim on one line of its page, and the first paragraph is on the
page once pinyin glosses such as ``理论(lùn)`` are taken out.  Pages stored in
another encoding than UTF-8 are read in the encoding they were written in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

# Each annotated folder: the prefix of its page names and how many pages it holds.
ROUNDS = {
    "redteam5": ("v", 40),
    "redteam6": ("w", 40),
    "redteam7": ("x", 40),
    "pages10": ("g", 17),
    "pages11": ("h", 7),
    "pages12": ("i", 8),
}
FIELDS = {
    "file",
    "url",
    "host",
    "title",
    "date",
    "source",
    "script",
    "boilerplate",
    "content",
    "first_paragraph_start",
    "anomalies",
}
# A bracketed pinyin syllable with tone marks, as the glossing sites print it.
GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
# The page names of round 6: w01_<kind>.txt … w40_<kind>.txt.
ROUND6_NAME = re.compile(r"w(0[1-9]|[1-3][0-9]|40)_[a-z0-9_]+\.txt")
ROUND7_NAME = re.compile(r"x(0[1-9]|[1-3][0-9]|40)_[a-z0-9_]+\.txt")
# Round 7 pages written in a legacy or wide encoding, as some sites serve them.
ENCODED = {
    ("redteam7", "x20_gb18030_county_news.txt"): "gb18030",
    ("redteam7", "x21_big5_tw_school_speech.txt"): "big5",
    ("redteam7", "x22_utf16_stats_report.txt"): "utf-16",
    ("redteam7", "x35_gb18030_fanwen_tags.txt"): "gb18030",
}


def _gold(folder: Path) -> list[dict]:
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


GOLD = {name: _gold(FIXTURES / name) for name in ROUNDS}
CASES = [(name, g) for name, rows in GOLD.items() for g in rows]


@pytest.mark.parametrize("name", sorted(ROUNDS))
def test_one_annotation_per_page(name: str) -> None:
    folder = FIXTURES / name
    files = [g["file"] for g in GOLD[name]]
    prefix, count = ROUNDS[name]
    assert len(files) == len(set(files)) == count
    assert sorted(files) == sorted(p.name for p in folder.glob("*.txt"))
    assert all(f.startswith(prefix) for f in files)
    assert all(set(g) == FIELDS for g in GOLD[name])


def _page_lines(name: str, file: str) -> list[str]:
    encoding = ENCODED.get((name, file), "utf-8")
    return (FIXTURES / name / file).read_text(encoding=encoding).splitlines()


@pytest.mark.parametrize(("name", "gold"), CASES, ids=[f"{n}/{g['file']}" for n, g in CASES])
def test_annotation_strings_are_printed_on_the_page(name: str, gold: dict) -> None:
    lines = _page_lines(name, gold["file"])
    for key in ("boilerplate", "content"):
        missing = [s for s in gold[key] if not any(s in line for line in lines)]
        assert missing == [], (key, missing)
    assert 3 <= len(gold["content"]) <= 5
    start = gold["first_paragraph_start"]
    assert start is None or any(start in GLOSS.sub("", line) for line in lines)
    assert gold["script"] in {"Hans", "Hant"}
    if gold["date"] is not None:
        dt.date.fromisoformat(gold["date"])


@pytest.mark.parametrize(
    ("name", "pattern"), [("redteam6", ROUND6_NAME), ("redteam7", ROUND7_NAME)]
)
def test_round_names_kinds_and_notes(name: str, pattern: re.Pattern[str]) -> None:
    """Pages are named ``<letter>NN_<kind>.txt`` and every page explains its calls."""
    rows = GOLD[name]
    assert all(pattern.fullmatch(g["file"]) for g in rows)
    assert sorted(int(g["file"][1:3]) for g in rows) == list(range(1, 41))
    assert all(
        g["anomalies"] and all(isinstance(a, str) and a for a in g["anomalies"]) for g in rows
    )


@pytest.mark.parametrize(("name", "file"), sorted(ENCODED))
def test_encoded_pages_are_not_utf8(name: str, file: str) -> None:
    """The legacy-encoded pages really are stored so: UTF-8 cannot read them."""
    data = (FIXTURES / name / file).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode(ENCODED[(name, file)]).count("\n") > 10


@pytest.mark.parametrize(("name", "gold"), CASES, ids=[f"{n}/{g['file']}" for n, g in CASES])
def test_content_is_never_listed_as_boilerplate(name: str, gold: dict) -> None:
    """A string cannot be both essay and furniture: neither may contain the other."""
    clashes = [(b, c) for b in gold["boilerplate"] for c in gold["content"] if b in c or c in b]
    assert clashes == []


def test_gloss_pattern_leaves_plain_brackets_alone() -> None:
    assert GLOSS.sub("", "理论(lùn)学习(2022年)") == "理论学习(2022年)"
