"""The rules' ``needs`` prefilters never skip a line a rule would match or change.

A rule may declare ``needs``: a cheap pattern found in every line it matches
(line rules) or changes (text rules); the runner skips it on lines without
one.  These tests run every rule with and without its prefilter over every
line of the fixture pages and of the shared samples, as the rule sees it in
the pipeline, and the whole pipeline with all prefilters switched off.
"""

from __future__ import annotations

import ast
import doctest
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SAMPLES
from zh_gov_essays.furniture import FURNITURE, first_anywhere, first_edge, navigation
from zh_gov_essays.furniture.prefilter import branches, essential, expand
from zh_gov_essays.pipeline import page_lines, process
from zh_gov_essays.read import decode_raw
from zh_gov_essays.records import RawDoc
from zh_gov_essays.repair import BODY_REPAIRS, LINE_REPAIRS, repair_lines
from zh_gov_essays.rules import LineRule, TextRule, line_rule
from zh_gov_essays.script import evidence


def _pages() -> list[Path]:
    pages = [p for p in sorted(FIXTURES.rglob("*")) if p.suffix in (".txt", ".html")]
    if SAMPLES.is_dir():
        pages += sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    return pages


PAGES = _pages()


def _raws() -> Iterator[RawDoc]:
    for path in PAGES:
        yield RawDoc(path.name, path.read_bytes())


def _texts_seen(rules: Iterable[TextRule], texts: Iterable[str]) -> Iterator[tuple[TextRule, str]]:
    """Each ``(rule, text)`` as the runner hands it over, running every rule (no prefilter)."""
    rules = tuple(rules)
    for text in texts:
        for rule in rules:
            yield rule, text
            text = rule.fn(text)


def _corpus() -> tuple[list[str], list[str], list[str]]:
    """Raw lines, repaired lines and published paragraphs of every page."""
    raw_lines: list[str] = []
    repaired: list[str] = []
    paragraphs: list[str] = []
    for raw in _raws():
        decoded = decode_raw(raw)
        if decoded.text is None:
            continue
        lines = page_lines(decoded)
        raw_lines += lines
        repaired += [line.text for line in repair_lines(lines) if line.text]
        paragraphs += [p.text for p in process(raw).paragraphs]
    return raw_lines, repaired, paragraphs


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], list[str], list[str]]:
    return _corpus()


def line_rule_misses(rule: LineRule, texts: Iterable[str]) -> list[str]:
    """The texts ``rule`` matches without its prefilter but skips with it."""
    out = []
    for text in texts:
        within = rule.max_chars is None or len(text) <= rule.max_chars
        if within and rule.fn(text) and not rule(text):
            out.append(text)
    return out


def text_rule_misses(pairs: Iterable[tuple[TextRule, str]]) -> list[tuple[str, str]]:
    """The ``(rule, text)`` pairs the rule changes but whose text lacks its ``needs``."""
    return [
        (rule.name, text)
        for rule, text in pairs
        if rule.needs is not None and not rule.needs.search(text) and rule.fn(text) != text
    ]


def test_the_corpus_is_large_enough(corpus):
    raw_lines, repaired, paragraphs = corpus
    assert len(PAGES) >= 300
    assert len(raw_lines) > 5_000 and len(repaired) > 4_000 and len(paragraphs) > 2_000


def test_some_rules_declare_a_prefilter():
    with_needs = [r.name for r in (*FURNITURE, *LINE_REPAIRS, *BODY_REPAIRS) if r.needs]
    assert {"code_debris", "spam_phrase", "pii_mobile", "page_mark"} <= set(with_needs)


def test_line_rule_prefilters_skip_no_match(corpus):
    raw_lines, repaired, paragraphs = corpus
    texts = [*repaired, *paragraphs, *(t.strip() for t in raw_lines if t.strip())]
    misses = {r.name: line_rule_misses(r, texts)[:3] for r in FURNITURE if r.needs is not None}
    assert {name: found for name, found in misses.items() if found} == {}


def test_text_rule_prefilters_skip_no_change(corpus):
    raw_lines, repaired, _paragraphs = corpus
    pairs = [*_texts_seen(LINE_REPAIRS, raw_lines), *_texts_seen(BODY_REPAIRS, repaired)]
    assert text_rule_misses(pairs)[:5] == []


def test_a_wrong_prefilter_is_caught():
    @line_rule(needs="不存在")
    def prev_link(line: str) -> bool:
        """A previous-article link (a rule with a wrong prefilter, for this test)."""
        return line.startswith("上一篇")

    assert line_rule_misses(prev_link, ["上一篇：机关作风建设", "建设服务型机关。"]) == [
        "上一篇：机关作风建设"
    ]
    wrong = TextRule(lambda t: t.replace("广告", ""), name="ad", needs="不存在")
    assert text_rule_misses([(wrong, "正文广告正文"), (wrong, "正文")]) == [("ad", "正文广告正文")]


def test_pipeline_gives_the_same_documents_without_prefilters(monkeypatch):
    def inspect_all() -> list[dict]:
        first_anywhere.cache_clear()
        first_edge.cache_clear()
        evidence.cache_clear()
        return [process(raw).to_inspect() for raw in _raws()]

    with_prefilters = inspect_all()
    for rule in (*FURNITURE, *LINE_REPAIRS, *BODY_REPAIRS):
        monkeypatch.setattr(rule, "needs", None)
    assert inspect_all() == with_prefilters
    monkeypatch.undo()
    first_anywhere.cache_clear()
    first_edge.cache_clear()


def _doctest_lines() -> list[str]:
    """The string literals the furniture rules' doctests try (matches and lines left alone)."""
    finder = doctest.DocTestFinder()
    out: list[str] = []
    for rule in FURNITURE:
        for test in finder.find(rule.fn, rule.name):
            for example in test.examples:
                out += [
                    ast.literal_eval(m) for m in re.findall(r'"(?:[^"\\]|\\.)*"', example.source)
                ]
    return out


def _varied(texts: list[str]) -> list[str]:
    """``texts`` and each padded with prose to the lengths around every tier's bound."""
    bounds = sorted({r.max_chars for r in FURNITURE if r.max_chars is not None})
    prose = "各级党组织要认真贯彻落实会议精神，切实加强组织领导，确保各项工作落到实处。" * 20
    out = list(texts)
    for text in texts:
        for bound in bounds:
            for n in (bound - len(text), bound + 1 - len(text)):
                if n > 0:
                    out += [text + prose[:n], prose[:n] + text]
    return out


@pytest.mark.parametrize("first", [first_anywhere, first_edge], ids=["anywhere", "edge"])
def test_the_line_prefilter_changes_no_answer(corpus, first):
    raw_lines, repaired, paragraphs = corpus
    texts = [*repaired, *paragraphs, *(t.strip() for t in raw_lines if t.strip())]
    texts = list(dict.fromkeys([*texts, *_varied(_doctest_lines())]))
    assert len(texts) > 10_000
    differ = [t for t in texts if first._first(t) is not first.slow(t)]
    assert differ[:3] == []
    # and the fast path is taken: most prose lines skip every rule with ``needs``
    skipped = [t for t in paragraphs if first.tier(t).combined is not None]
    skipped = [t for t in skipped if not first.tier(t).combined.search(t)]
    assert len(skipped) > len(paragraphs) * (3 / 4 if first is first_anywhere else 1 / 2)
    if first is first_anywhere:  # (lines over 200 characters ask no rule at all)
        assert not first.tier("。" * 201).plain


def test_the_doctest_lines_are_found():
    lines = _doctest_lines()
    assert "上一篇:新时期如何做好基层社区党建工作" in lines and "要加强导航系统建设" in lines


def test_navigation_prefilter_finds_every_link_bar():
    # a bar of link words, digits (any the rule counts: str.isdigit) and a pager's tokens
    for line in (
        "设为首页 加入收藏 网站地图",
        "上一页 1 2 … ① ② 下一页",
        "首頁",
        "共12页 [1] 2/3 下一页",
    ):
        assert navigation.fn(line) and navigation.needs.search(line), line
    assert navigation.fn("热门推荐:述职报告 心得体会 工作总结")
    assert not navigation.needs.search("要加强导航系统建设，提升服务水平")
    assert not navigation.needs.search("2016-01-02 来源:威能网")


def test_essential_alternatives_find_what_all_of_them_find(corpus):
    _raw_lines, repaired, paragraphs = corpus
    texts = list(dict.fromkeys([*repaired, *paragraphs, *_varied(_doctest_lines())]))
    alternatives = [
        x
        for rule in FURNITURE
        if rule.needs is not None and not rule.needs.flags & re.IGNORECASE
        for b in branches(rule.needs.pattern)
        for x in expand(b)
    ]
    kept = essential(alternatives)
    assert len(kept) < len(set(alternatives))  # (repeats and covered ones left out)
    every, fewer = re.compile("|".join(alternatives)), re.compile("|".join(kept))
    found = [bool(every.search(t)) for t in texts]
    assert found == [bool(fewer.search(t)) for t in texts]
    assert 100 < sum(found) < len(texts)
