"""Tests for the scorer behind ``zh-gov-essays evaluate``.

The folders are built in ``tmp_path`` from three hand-written pages (our own
text, written to show the kinds of noise in ``samples/``); the cleaner is a
fake ``inspect_file`` that returns canned ``Document.to_inspect()`` dicts, so
these tests fix the scoring rules, not the cleaner.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from zh_gov_essays.evaluate import (
    DEFAULT_THRESHOLDS,
    MEASURES,
    Miss,
    Score,
    evaluate_dir,
    failed_measures,
    format_table,
    load_gold,
    normalise,
)

PAGES = {
    "a.txt": (
        "青山范文网\n首页 > 心得体会 > 工作体会\n"
        "关于改进机关作风的几点思考 - 心得体会\n"
        "一、基本认识\n"
        "改进作风，是提高服务，提高效率的前提。我们要从以 下三个方面着手。\n"
    ),
    "b.txt": (
        "您的位置：首页 > 工作总结\n本文由绿水公文站收集整理\n"
        "社区服务中心上半年工作总结\n"
        "上半年，中心围绕便民服务开展工作。\n"
    ),
    "c.txt": "發布日期：2023-05-06\n第一，堅持問題導向，\n3\n把群眾的小事當作大事來辦。\n",
}

GOLD = [
    {
        "file": "a.txt",
        "title": "关于改进机关作风的几点思考",
        "date": None,
        "source": "青山范文网",
        "script": "Hans",
        "boilerplate": ["青山范文网", "首页 > 心得体会 > 工作体会", " - 心得体会"],
        "content": ["服务,提高效率", "以下三个方面"],
        "first_paragraph_start": "改进作风",
        "anomalies": ["numbered heading before the first body paragraph"],
    },
    {
        "file": "b.txt",
        "title": "社区服务中心上半年工作总结",
        "date": None,
        "source": None,
        "script": "Hans",
        "boilerplate": ["您的位置:首页 > 工作总结", "本文由绿水公文站收集整理"],
        "content": ["中心围绕便民服务开展工作", "上半年"],
        "first_paragraph_start": "上半年，中心",
        "anomalies": [],
    },
    {
        "file": "c.txt",
        "title": None,
        "date": "2023-05-06",
        "source": None,
        "script": "Hant",
        "boilerplate": ["發布日期：2023-05-06"],
        "content": ["堅持問題導向,把群眾的小事"],
        "first_paragraph_start": "堅持問題導向",
        "anomalies": ["page number between two halves of a sentence"],
    },
]


def doc(
    paragraphs: list[tuple[str, str]],
    *,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    script: str | None = "Hans",
) -> dict:
    """A ``Document.to_inspect()``-shaped dict with ``(kind, text)`` paragraphs."""
    return {
        "source_file": "x.txt",
        "doc_id": "0" * 16,
        "status": "kept",
        "reason": None,
        "encoding": "utf-8",
        "title": title,
        "date": date,
        "source": source,
        "url": None,
        "script": script,
        "category": [],
        "tags": [],
        "editor": None,
        "truncated": False,
        "paragraphs": [
            {
                "text": text,
                "kind": kind,
                "heading_level": 1 if kind == "heading" else None,
                "section": None,
                "script": script,
                "repairs": [],
            }
            for kind, text in paragraphs
        ],
        "removed": [],
    }


CLEANED = {
    # All right: full-width vs ASCII comma and a stray space must not matter.
    "a.txt": doc(
        [
            ("heading", "一、基本认识"),
            ("body", "改进作风，是提高服务，提高效率的前提。我们要从以 下三个方面着手。"),
        ],
        title="关于改进机关作风的几点思考",
        source="青山范文网",
    ),
    # Keeps the copyright line, loses a sentence, takes the notice for the title.
    "b.txt": doc(
        [("body", "本文由绿水公文站收集整理"), ("body", "上半年，")],
        title="本文由绿水公文站收集整理",
    ),
    # The sentence is split at the page number; first paragraph after 第一，.
    "c.txt": doc(
        [("body", "第一，堅持問題導向，"), ("body", "把群眾的小事當作大事來辦。")],
        date="2023-05-06",
        script="Hant",
    ),
}


def make_folder(
    root: Path, gold: list[dict] | None = None, pages: dict[str, str] | None = None
) -> Path:
    """Write ``pages`` and ``gold`` (one JSON object a line) into ``root/gold``."""
    folder = root / "gold"
    folder.mkdir()
    for name, text in (PAGES if pages is None else pages).items():
        (folder / name).write_text(text, encoding="utf-8")
    lines = [json.dumps(obj, ensure_ascii=False) for obj in (GOLD if gold is None else gold)]
    (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def fake_inspect(docs: dict[str, dict]):
    """An ``inspect_file`` that returns ``docs[path.name]``."""

    def inspect_file(path: Path) -> dict:
        return docs[path.name]

    return inspect_file


@pytest.fixture
def score(tmp_path: Path) -> Score:
    return evaluate_dir(make_folder(tmp_path), fake_inspect(CLEANED))


def counts(score: Score) -> dict[str, tuple[int, int]]:
    return {m: (t.hits, t.total) for m, t in score.tallies.items()}


# --- normalisation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("服务,提高", "服务，提高"),
        ("以 下", "以下"),
        ("以\u3000下\xa0四个\n方面", "以下四个方面"),
        ("（一）效能", "(一)效能"),
        ("ＡＢＣ１２３", "ABC123"),
    ],
)
def test_normalise_ignores_width_and_whitespace(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_normalise_keeps_script_differences() -> None:
    assert normalise("机关") != normalise("機關")


# --- scores -----------------------------------------------------------------


def test_exact_counts(score: Score) -> None:
    assert counts(score) == {
        "boilerplate": (5, 6),
        "content": (4, 5),
        "first_paragraph": (2, 3),
        "title": (2, 3),
        "date": (3, 3),
        "source": (3, 3),
        "script": (3, 3),
    }
    assert score.rate("boilerplate") == pytest.approx(5 / 6)
    assert score.rate("content") == pytest.approx(4 / 5)
    assert score.files == ["a.txt", "b.txt", "c.txt"]
    assert score.unlabelled == []


def test_misses_in_gold_order(score: Score) -> None:
    assert [(m.file, m.measure, m.expected, m.got) for m in score.misses] == [
        ("b.txt", "boilerplate", "本文由绿水公文站收集整理", None),
        ("b.txt", "content", "中心围绕便民服务开展工作", None),
        ("b.txt", "first_paragraph", "上半年，中心", "本文由绿水公文站收集整理"),
        ("b.txt", "title", "社区服务中心上半年工作总结", "本文由绿水公文站收集整理"),
    ]


def test_boilerplate_miss_names_the_paragraph(score: Score) -> None:
    miss = score.misses[0]
    assert miss.excerpt == "¶0: 本文由绿水公文站收集整理"


def test_boilerplate_excerpt_is_cut_around_the_hit(tmp_path: Path) -> None:
    gold = [{**GOLD[0], "boilerplate": ["青山 范文网"], "content": []}]
    text = "甲" * 50 + "青山范文网" + "乙" * 50
    cleaned = {"a.txt": doc([("body", "正文"), ("body", text), ("body", "青山范文网")])}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(cleaned))
    (miss,) = score.misses[:1]
    assert miss.excerpt == "¶1: …" + "甲" * 15 + "青山范文网" + "乙" * 15 + "… (+1 more)"


def test_content_split_across_paragraphs_counts_with_a_note(score: Score) -> None:
    assert score.notes == [
        Miss("c.txt", "content", "堅持問題導向,把群眾的小事", "split across paragraphs")
    ]
    assert not [m for m in score.misses if m.file == "c.txt"]


def test_boilerplate_spanning_two_paragraphs_is_not_a_miss(tmp_path: Path) -> None:
    gold = [{**GOLD[1], "boilerplate": ["上半年，中心"], "content": []}]
    cleaned = {"b.txt": doc([("body", "上半年，"), ("body", "中心围绕便民服务开展工作。")])}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(cleaned))
    assert counts(score)["boilerplate"] == (1, 1)


def test_null_equals_null_and_empty_counts_as_null(tmp_path: Path) -> None:
    gold = [{**GOLD[2], "title": None, "source": None, "date": None}]
    cleaned = {"c.txt": doc([("body", "堅持問題導向，把群眾的小事")], title="", script="Hant")}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(cleaned))
    assert counts(score)["title"] == (1, 1)
    assert counts(score)["source"] == (1, 1)
    assert counts(score)["date"] == (1, 1)


def test_null_against_a_value_is_a_miss(tmp_path: Path) -> None:
    gold = [{**GOLD[2], "source": "某某政府網"}]
    cleaned = {"c.txt": {**CLEANED["c.txt"], "source": None}}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(cleaned))
    assert [(m.measure, m.expected, m.got) for m in score.misses] == [
        ("source", "某某政府網", None)
    ]


def test_title_compares_modulo_width_and_whitespace(tmp_path: Path) -> None:
    gold = [{**GOLD[0], "title": "工作总结范文(3篇)"}]
    cleaned = {"a.txt": {**CLEANED["a.txt"], "title": "工作总结范文（3篇） "}}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(cleaned))
    assert counts(score)["title"] == (1, 1)


@pytest.mark.parametrize(
    ("paragraphs", "hit"),
    [
        ([("body", "改进作风，是前提")], True),
        ([("heading", "一、改进作风"), ("body", "我们认为")], True),
        ([("heading", "某某文章"), ("heading", "（一）改进作风"), ("body", "我们")], True),
        ([("body", "1.改进作风，是前提")], True),
        ([("body", "1、改进作风，是前提")], True),
        ([("body", "第一，改进作风，是前提")], True),
        ([("body", "（一） 改进 作风，是前提")], True),
        ([("body", "关于改进机关作风的几点思考"), ("body", "改进作风")], False),
        ([("body", "我们认为"), ("heading", "一、改进作风")], False),
        ([("body", "作风改进")], False),
        ([], False),
    ],
)
def test_first_paragraph(tmp_path: Path, paragraphs: list[tuple[str, str]], hit: bool) -> None:
    gold = [{**GOLD[0], "boilerplate": [], "content": []}]
    cleaned = {"a.txt": {**CLEANED["a.txt"], "paragraphs": doc(paragraphs)["paragraphs"]}}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(cleaned))
    assert counts(score)["first_paragraph"] == (int(hit), 1)


def test_null_first_paragraph_is_not_counted(tmp_path: Path) -> None:
    gold = [{**GOLD[0], "first_paragraph_start": None}]
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(CLEANED))
    assert counts(score)["first_paragraph"] == (0, 0)
    assert score.rate("first_paragraph") is None
    assert "first_paragraph" not in failed_measures(score, DEFAULT_THRESHOLDS)


def test_rejected_document_misses_its_content(tmp_path: Path) -> None:
    gold = [GOLD[1]]
    rejected = {**doc([]), "status": "rejected", "reason": "empty"}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect({"b.txt": rejected}))
    assert counts(score)["content"] == (0, 2)
    assert counts(score)["boilerplate"] == (2, 2)


def test_unlabelled_files_are_listed(tmp_path: Path) -> None:
    pages = {**PAGES, "extra.txt": "未标注的页面\n"}
    score = evaluate_dir(make_folder(tmp_path, pages=pages), fake_inspect(CLEANED))
    assert score.unlabelled == ["extra.txt"]
    assert "extra.txt" in format_table(score, DEFAULT_THRESHOLDS, verbose=True)


# --- thresholds and the table -----------------------------------------------


def test_default_thresholds_cover_every_measure() -> None:
    assert set(DEFAULT_THRESHOLDS) == set(MEASURES)
    assert DEFAULT_THRESHOLDS["content"] == 1.0
    assert DEFAULT_THRESHOLDS["script"] == 1.0


def test_failed_measures(score: Score) -> None:
    assert failed_measures(score, DEFAULT_THRESHOLDS) == [
        "boilerplate",
        "content",
        "first_paragraph",
        "title",
    ]
    assert failed_measures(score, {"boilerplate": 0.8, "title": 0.6}) == []
    assert failed_measures(score, {}) == []


def test_rate_equal_to_threshold_passes(score: Score) -> None:
    assert failed_measures(score, {"content": 0.8, "title": 2 / 3}) == []
    assert failed_measures(score, {"content": 0.81}) == ["content"]


def test_unknown_threshold_is_an_error(score: Score) -> None:
    with pytest.raises(ValueError, match=r"unknown measure.*titel"):
        failed_measures(score, {"titel": 0.9})
    with pytest.raises(ValueError, match="unknown measure"):
        format_table(score, {"titel": 0.9}, verbose=False)


def test_table_lists_every_measure_aligned(score: Score) -> None:
    table = format_table(score, DEFAULT_THRESHOLDS, verbose=False)
    lines = table.splitlines()
    assert lines[0].split() == ["measure", "hits/total", "rate", "target", "ok"]
    rows = {line.split()[0]: line.split() for line in lines[1:8]}
    assert list(rows) == list(MEASURES)
    assert rows["boilerplate"] == ["boilerplate", "5/6", "0.833", "0.97", "NO"]
    assert rows["content"] == ["content", "4/5", "0.800", "1.00", "NO"]
    assert rows["date"] == ["date", "3/3", "1.000", "0.97", "yes"]
    assert len({len(line) for line in lines[:8]}) == 1  # right-aligned columns
    assert "3 files scored" in table
    assert "misses" not in table


def test_table_without_target_or_checks(tmp_path: Path) -> None:
    gold = [{**GOLD[0], "boilerplate": [], "first_paragraph_start": None}]
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(CLEANED))
    rows = {
        line.split()[0]: line.split()
        for line in format_table(score, {"title": 0.9}, verbose=False).splitlines()[1:8]
    }
    assert rows["boilerplate"] == ["boilerplate", "0/0", "-", "-", "yes"]
    assert rows["title"] == ["title", "1/1", "1.000", "0.90", "yes"]


def test_verbose_table_lists_misses_and_notes(score: Score) -> None:
    table = format_table(score, DEFAULT_THRESHOLDS, verbose=True)
    after = table.split("misses:", 1)[1]
    assert "b.txt  boilerplate  kept '本文由绿水公文站收集整理'" in after
    assert "¶0: 本文由绿水公文站收集整理" in after
    assert "b.txt  content  expected '中心围绕便民服务开展工作', got nothing" in after
    assert (
        "b.txt  title  expected '社区服务中心上半年工作总结', got '本文由绿水公文站收集整理'"
        in after
    )
    assert "notes:" in after
    assert (
        "c.txt  content  expected '堅持問題導向,把群眾的小事', got 'split across paragraphs'"
        in after
    )


def test_verbose_table_cuts_long_values(tmp_path: Path) -> None:
    long = "这是一段很长的模板说明文字，" * 20
    gold = [{**GOLD[0], "boilerplate": [long], "content": []}]
    cleaned = {"a.txt": doc([("body", "改进作风"), ("body", long)])}
    score = evaluate_dir(make_folder(tmp_path, gold), fake_inspect(cleaned))
    table = format_table(score, DEFAULT_THRESHOLDS, verbose=True)
    assert long not in table
    assert max(len(line) for line in table.splitlines()) < 150


# --- bad input --------------------------------------------------------------


def write_gold(tmp_path: Path, text: str) -> Path:
    folder = make_folder(tmp_path)
    (folder / "gold.jsonl").write_text(text, encoding="utf-8")
    return folder


def gold_line(**changes: object) -> str:
    obj = {**GOLD[0], **changes}
    return json.dumps({k: v for k, v in obj.items() if v is not ...}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "holds no labelled files"),
        ("\n\n", "holds no labelled files"),
        ('{"file": "a.txt",\n', "line 1: not valid JSON"),
        (gold_line() + "\n[1, 2]\n", "line 2: expected a JSON object"),
        (gold_line(content=...), "line 1: missing field.*content"),
        (gold_line(file="gone.txt"), "labelled file 'gone.txt' is not in"),
        (gold_line() + "\n" + gold_line(), "line 2: file 'a.txt' is labelled twice"),
        (gold_line(date="06/05/2023"), "'date' must be YYYY-MM-DD"),
        (gold_line(title=3), "'title' must be a string or null"),
        (gold_line(content="改进作风"), "'content' must be a list of strings"),
        (gold_line(boilerplate=["  "]), "'boilerplate' holds an entry that is only whitespace"),
        (gold_line(first_paragraph_start=" "), "'first_paragraph_start' is only whitespace"),
    ],
)
def test_bad_gold_is_a_one_line_value_error(tmp_path: Path, text: str, message: str) -> None:
    folder = write_gold(tmp_path, text)
    with pytest.raises(ValueError, match=message) as info:
        evaluate_dir(folder, fake_inspect(CLEANED))
    assert "\n" not in str(info.value)
    assert "gold.jsonl" in str(info.value)


def test_missing_gold(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"gold\.jsonl: not found"):
        evaluate_dir(tmp_path, fake_inspect(CLEANED))


def test_gold_that_is_not_utf8(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "gold.jsonl").write_bytes(gold_line().encode("gb18030"))
    with pytest.raises(ValueError, match="cannot read as UTF-8"):
        load_gold(folder)


def test_inspect_dict_without_the_contract_keys(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    broken = {**CLEANED, "a.txt": {"paragraphs": []}}
    with pytest.raises(ValueError, match=r"inspect_file\(a\.txt\) returned no title"):
        evaluate_dir(folder, fake_inspect(broken))


# --- the real samples, when present -----------------------------------------

SAMPLES = Path(os.environ.get("ZH_GOV_SAMPLES", Path(__file__).parents[2] / "shared" / "samples"))


@pytest.mark.skipif(not (SAMPLES / "gold.jsonl").is_file(), reason="samples folder not present")
def test_samples_gold_is_well_formed_and_scores() -> None:
    gold = load_gold(SAMPLES)

    def raw_lines(path: Path) -> dict:
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return {**doc([("body", ln) for ln in lines]), "title": lines[0]}

    score = evaluate_dir(SAMPLES, raw_lines)
    assert score.tallies["boilerplate"].total == sum(len(g.boilerplate) for g in gold)
    assert score.tallies["content"].total == sum(len(g.content) for g in gold)
    assert score.tallies["title"].total == len(gold)
    assert "boilerplate" in failed_measures(score, DEFAULT_THRESHOLDS)
