"""The fifth held-out round's annotations are well formed and match their pages.

Only the shape of the gold file is checked here, never the cleaner's scores on
it: every page listed exists, every boilerplate and content string is printed
verbatim on one line of its page, and the first paragraph is on the page once
pinyin glosses such as ``理论(lùn)`` are taken out.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from tests.conftest import FIXTURES

ROUND5 = FIXTURES / "redteam5"
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


def _gold() -> list[dict]:
    lines = (ROUND5 / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


GOLD = _gold()


def test_one_annotation_per_page() -> None:
    files = [g["file"] for g in GOLD]
    assert len(files) == len(set(files)) == 40
    assert sorted(files) == sorted(p.name for p in ROUND5.glob("*.txt"))
    assert all(set(g) == FIELDS for g in GOLD)


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_annotation_strings_are_printed_on_the_page(gold: dict) -> None:
    lines = (ROUND5 / gold["file"]).read_text(encoding="utf-8").splitlines()
    for key in ("boilerplate", "content"):
        missing = [s for s in gold[key] if not any(s in line for line in lines)]
        assert missing == [], (key, missing)
    assert 3 <= len(gold["content"]) <= 5
    start = gold["first_paragraph_start"]
    assert start is None or any(start in GLOSS.sub("", line) for line in lines)
    assert gold["script"] in {"Hans", "Hant"}
    if gold["date"] is not None:
        dt.date.fromisoformat(gold["date"])


def test_gloss_pattern_leaves_plain_brackets_alone() -> None:
    assert GLOSS.sub("", "理论(lùn)学习(2022年)") == "理论学习(2022年)"
