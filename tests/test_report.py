"""``zh-gov-essays report``: what the page carries, checked without a browser.

The page's data is the embedded JSON the script renders; these tests read it
(and the HTML around it) to check the raw-page alignment on the seeds, the
fallback without the input, containers, sampling and escaping.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import FIXTURES, ROOT, SEEDS
from tests.report_support import HOSTILE_NAME, build_corpus, hostile_input, page_data
from zh_gov_essays.cli import main
from zh_gov_essays.report.align import align
from zh_gov_essays.report.collect import scan_corpus
from zh_gov_essays.report.options import SampleOptions
from zh_gov_essays.report.payload import DECODE_LABELS
from zh_gov_essays.report.rawpage import RawPage, read_raw_pages
from zh_gov_essays.report.write import write_report

CORPUS = ROOT / "corpus"


def report(tmp_path: Path, corpus: Path = CORPUS, **kwargs) -> tuple[str, dict]:
    out = tmp_path / "report.html"
    write_report(corpus, out, **kwargs)
    html = out.read_text(encoding="utf-8")
    return html, page_data(html)


def documents(corpus: Path) -> list[dict]:
    return pq.read_table(corpus / "documents").to_pylist()


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    return report(tmp_path_factory.mktemp("report"), input_root=SEEDS)


def seed_row(prefix: str) -> dict:
    (row,) = [row for row in documents(CORPUS) if row["source_file"].startswith(prefix)]
    return row


def by_file(data: dict) -> dict[str, dict]:
    return {doc["source_file"][:3]: doc for doc in data["docs"]}


def names(data: dict) -> list[str]:
    return [rule["name"] for rule in data["rules"]]


def removed_lines(doc: dict, data: dict) -> list[tuple[str, str]]:
    rules = names(data)
    return [(rules[line[1]], line[0].strip()) for line in doc["lines"] if line[1] >= 0]


def marks(doc: dict, data: dict) -> list[tuple[str, str]]:
    rules = names(data)
    return [(rules[r], line[0][s:e]) for line in doc["lines"] for s, e, r in line[2]]


def test_every_seed_is_shown_over_its_raw_page(seeds_page: tuple[str, dict]) -> None:
    _html, data = seeds_page
    assert len(data["docs"]) == 5 == data["corpus_documents"]
    for doc in data["docs"]:
        raw = (SEEDS / doc["source_file"]).read_text(encoding="utf-8")
        assert doc["raw"]["origin"].startswith(str(SEEDS / doc["source_file"]))
        assert [line[0] for line in doc["lines"]] == raw.split("\n")
        # Every logged removal is placed on its line, and every kept paragraph
        # is reached by at least one raw line, in order.
        assert doc["unplaced"] == [], doc["source_file"]
        reached = [p for line in doc["lines"] for p in line[3]]
        assert sorted(set(reached)) == list(range(len(doc["paragraphs"])))
        assert reached == sorted(reached)


def test_seed_removals_sit_on_the_right_lines(seeds_page: tuple[str, dict]) -> None:
    _html, data = seeds_page
    seed = by_file(data)
    assert removed_lines(seed["000"], data)[:3] == [
        ("title", "如何加强服务型机关建设"),
        ("site_notice", "本文 由第一公 文 网 收集整理公文"),
        ("title_repeat", "如何加强服务型机关建设"),
    ]
    assert ("counter", "浏览次数:  更新时间:2016-05-18 14:52:37") in removed_lines(
        seed["000"], data
    )
    # Mangled &nbsp; indentation: cut from five kept lines, and one line that was nothing else.
    assert Counter(text for rule, text in marks(seed["000"], data) if rule == "html_entities") == {
        "&bsp;&bsp;&bsp;": 5,
        "&bsp;": 1,
    }
    assert ("html_entities", "&bsp;") in removed_lines(seed["000"], data)
    # Seed 001: the page numbers are lines of their own, between the halves of a paragraph.
    numbers = [(rule, text) for rule, text in removed_lines(seed["001"], data) if text.isdigit()]
    assert numbers == [("page_number", str(n)) for n in range(1, 9)]
    # Seed 002: the watermark is cut out of two kept lines, mid-word in one.
    assert [m for m in marks(seed["002"], data) if m[0] == "watermark"] == [
        ("watermark", "公务员之家版权所有"),
        ("watermark", "公务员之家版权所有"),
    ]
    mojibake = "".join(text for rule, text in marks(seed["002"], data) if rule == "mojibake")
    (logged,) = [r["text"] for r in seed_row("002")["removed"] if r["rule"] == "mojibake"]
    assert mojibake.replace(" ", "") == logged.replace(" ", "")
    # Seed 003: every pinyin gloss is marked, and nothing else is.
    glosses = [text for rule, text in marks(seed["003"], data) if rule == "pinyin_gloss"]
    assert len(glosses) > 400
    assert all(re.fullmatch(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)", g) for g in glosses)


def test_repaired_paragraphs_carry_their_repairs(seeds_page: tuple[str, dict]) -> None:
    _html, data = seeds_page
    rules = names(data)
    seed = by_file(data)["002"]
    (mojibake_para,) = [
        i for i, p in enumerate(seed["paragraphs"]) if "mojibake" in {rules[r] for r in p[4]}
    ]
    line = next(line for line in seed["lines"] if any(rules[m[2]] == "mojibake" for m in line[2]))
    assert line[3] == [mojibake_para]
    # Headings keep their level and the body paragraphs under them their section.
    kinds = [(p[1], p[2]) for p in seed["paragraphs"][:3]]
    assert kinds == [("body", None), ("heading", 1), ("body", None)]
    assert seed["paragraphs"][2][3] == seed["paragraphs"][1][0]


def test_without_input_the_view_is_rebuilt_from_the_log(tmp_path: Path) -> None:
    _html, data = report(tmp_path)
    rules = names(data)
    corpus = {doc["doc_id"]: doc for doc in documents(CORPUS)}
    for doc in data["docs"]:
        assert doc["raw"] == {"origin": None, "missing": "no --input given"}
        assert doc["lines"] == []
        logged = [
            (r["rule"], r["text"])
            for r in corpus[doc["id"]]["removed"]
            if r["rule"] not in DECODE_LABELS
        ]
        assert [(rules[i], text) for i, text in doc["unplaced"]] == logged


def test_a_changed_or_missing_input_is_not_trusted(tmp_path: Path) -> None:
    crawl = tmp_path / "seeds"
    shutil.copytree(SEEDS, crawl)
    (changed,) = crawl.glob("001_*.txt")
    changed.write_bytes(changed.read_bytes() + b"\n")
    next(crawl.glob("004_*.txt")).unlink()
    _html, data = report(tmp_path, input_root=crawl)
    seed = by_file(data)
    assert seed["001"]["raw"]["missing"].endswith("has changed since the build (sha256 differs)")
    assert seed["004"]["raw"]["missing"] == f"{seed['004']['source_file']} is not under {crawl}"
    assert all(seed[k]["raw"]["origin"] for k in ("000", "002", "003"))


def test_records_of_containers_are_found(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    (crawl / "part.jsonl").write_text(
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts[:2]),
        encoding="utf-8",
    )
    pq.write_table(pa.table({"text": texts[2:4]}), crawl / "part.parquet")
    corpus = tmp_path / "corpus"
    build_corpus(crawl, corpus)
    _html, data = report(tmp_path, corpus=corpus, input_root=crawl)
    assert sorted(doc["source_file"] for doc in data["docs"]) == [
        "part.jsonl#1",
        "part.jsonl#2",
        "part.parquet#0",
        "part.parquet#1",
    ]
    for doc in data["docs"]:
        assert doc["raw"]["origin"] == f"{crawl / doc['source_file']} (utf-8)"
        assert doc["unplaced"] == []


def test_large_corpus_is_sampled_and_counted_in_full(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for folder in ("pages", "redteam"):
        for page in sorted((FIXTURES / folder).glob("*.txt")):
            shutil.copy(page, crawl / f"{folder}_{page.name}")
    corpus = tmp_path / "corpus"
    build_corpus(crawl, corpus)
    rows = documents(corpus)
    options = SampleOptions(per_rule=1, per_source=1, max_documents=10)
    html, data = report(tmp_path, corpus=corpus, input_root=crawl, options=options)
    assert data["corpus_documents"] == len(rows)
    # The overview counts every document: pieces, characters and documents per rule.
    pieces, chars, docs = Counter(), Counter(), Counter()
    for row in rows:
        for entry in row["removed"]:
            pieces[entry["rule"]] += 1
            chars[entry["rule"]] += len(entry["text"])
        docs.update({entry["rule"] for entry in row["removed"]})
    overview = scan_corpus(corpus, options).overview
    assert overview.documents == len(rows)
    counted = {name: c for name, c in overview.rules.items() if c.pieces}
    assert {name: c.pieces for name, c in counted.items()} == dict(pieces)
    assert {name: c.chars for name, c in counted.items()} == dict(chars)
    assert {name: c.documents for name, c in counted.items()} == dict(docs)
    assert f"<td>documents kept</td><td>{len(rows)}</td>" in html
    # The sample: each rule's first document, then the first document of each source up to 10.
    rules = names(data)
    shown = {doc["id"] for doc in data["docs"]}
    for rule in pieces:
        first = min(row["doc_id"] for row in rows if any(e["rule"] == rule for e in row["removed"]))
        assert first in shown, rule
    assert 10 <= len(shown) < len(rows)
    assert f"{len(shown)} of {len(rows)} documents are shown" in html
    for doc in data["docs"]:
        assert {rules[i] for i, _ in doc["removed"]} <= set(pieces)


def test_an_empty_sample_still_makes_a_page(tmp_path: Path) -> None:
    options = SampleOptions(per_rule=0, per_source=0, max_documents=0)
    html, data = report(tmp_path, options=options)
    assert data["docs"] == [] and data["corpus_documents"] == 5
    assert "0 of 5 documents are shown" in html


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    crawl = hostile_input(tmp_path / "crawl")
    corpus = tmp_path / "corpus"
    build_corpus(crawl, corpus)
    html, data = report(tmp_path, corpus=corpus, input_root=crawl)
    # Only the page's own two script elements and its plots, no markup from the page.
    assert html.count("<script") == 2
    assert html.count("<img") == html.count('<img src="data:image/png;base64,')
    assert "<img src=x" not in html and "<script>alert" not in html
    # ...and yet all of it is there, as text, for the script to show.
    (doc,) = data["docs"]
    raw_text = "\n".join(line[0] for line in doc["lines"])
    assert "<script>alert(1)</script>" in raw_text and '"><img src=x onerror=alert(2)>' in raw_text
    # The rejected file's name is written by the server, escaped.
    assert "&quot;&gt;&lt;img src=x onerror=alert(6)&gt;.txt" in html
    assert HOSTILE_NAME not in html


def test_two_reports_are_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "a.html"
    second = tmp_path / "b.html"
    write_report(CORPUS, first, input_root=SEEDS)
    write_report(CORPUS, second, input_root=SEEDS)
    assert first.read_bytes() == second.read_bytes()


# A 1×1 PNG, enough for the page to embed.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def test_plots_are_inline_with_the_cards_captions(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "figures").mkdir(exist_ok=True)
    (corpus / "figures" / "zz_test_plot.png").write_bytes(PNG)
    with (corpus / "README.md").open("a", encoding="utf-8") as card:
        card.write("\n![Paragraph lengths by script](figures/zz_test_plot.png)\n")
    html, _data = report(tmp_path, corpus=corpus)
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert f'<img src="{uri}" alt="Paragraph lengths by script">' in html
    assert "<figcaption>Paragraph lengths by script</figcaption>" in html
    assert "img-src data:" in html  # the policy admits inline images only


def test_no_plots_is_said(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.rmtree(corpus / "figures", ignore_errors=True)
    html, _data = report(tmp_path, corpus=corpus)
    assert "This corpus has no plots" in html


def test_log_entries_that_are_not_in_the_page_are_listed_apart() -> None:
    aligned = align(
        ["机关建设", "&lt;p&gt;建设服务型机关是重要举措。"],
        [("title", "机关建设"), ("html_tags", "<p>")],
        ["建设服务型机关是重要举措。"],
    )
    assert aligned.lines[0].rule == "title"
    assert aligned.lines[1].rule is None and aligned.lines[1].paragraphs == [0]
    assert aligned.unplaced == [("html_tags", "<p>")]


def test_cli_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--corpus", str(CORPUS), "--input", str(SEEDS), "--out", str(out)]) == 0
    assert "5 of 5 documents shown, 5 over their raw page" in capsys.readouterr().out
    assert main(["report", "--corpus", str(tmp_path / "none"), "--out", str(out)]) == 2
    assert "build the corpus first" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["report", "--input", str(tmp_path / "nope"), "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", "--per-rule", "-1", "--out", str(out)]) == 2
    assert "--per-rule must not be negative" in capsys.readouterr().err


def test_raw_pages_never_come_from_outside_the_input(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("机关建设", encoding="utf-8")
    root = tmp_path / "crawl"
    root.mkdir()
    rows = [{"doc_id": "a", "source_file": "../secret.txt", "raw_sha256": ""}]
    assert read_raw_pages(root, rows)["a"] == RawPage(None, f"../secret.txt is not under {root}")


def test_a_page_that_arrived_as_one_line_is_cut_like_the_cleaner_cut_it(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    shutil.copy(FIXTURES / "redteam3" / "t03_docshare_flat_speech.txt", crawl)
    corpus = tmp_path / "corpus"
    build_corpus(crawl, corpus)
    _html, data = report(tmp_path, corpus=corpus, input_root=crawl)
    (doc,) = data["docs"]
    assert doc["raw"]["split"] is True
    assert removed_lines(doc, data)[:3] == [
        ("document_sharing", "在全镇安全生产工作会议上的讲话.doc"),
        ("site_header", "方圆文档网"),
        ("navigation", "首页 资料分类 文档上传"),
    ]
    assert doc["unplaced"] == []
    reached = [p for line in doc["lines"] for p in line[3]]
    assert reached == list(range(len(doc["paragraphs"])))
