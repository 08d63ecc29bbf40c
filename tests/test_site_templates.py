"""Site templates learned from the whole crawl (``learn/``), and the traps around them.

A generated crawl of invented sites (``tests/sitegen.py``) prints template
lines that no fixed furniture rule knows.  With the crawl's evidence every
one of them goes, logged as ``site_template``, and every page keeps exactly
the paragraphs, title and date it has when cleaned without its template.
The traps: copies of one essay share all their lines, common headings,
slogans, a speech's address lines and a signature recur across essays, and
small sites give no evidence; none of them may lose a line.  Without
crawl evidence (one page per site, or no context) the output is what
cleaning each page alone gives.
"""

from __future__ import annotations

import json
import pickle
import random
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.sitegen import (
    COMMON_HEADING,
    SITES,
    SLOGANS,
    Essay,
    Page,
    make_crawl,
    render,
    squeeze,
    write_crawl,
)
from zh_gov_essays.cli import main
from zh_gov_essays.engines import run
from zh_gov_essays.furniture import FURNITURE
from zh_gov_essays.learn import (
    MIN_PAGES,
    SITE_TEMPLATE,
    CrawlContext,
    PageEvidence,
    TemplateCounter,
    line_key,
    page_evidence,
    site_group,
)
from zh_gov_essays.learn.counting import BUCKET_BODIES
from zh_gov_essays.pipeline import LABELS, learn_crawl, process
from zh_gov_essays.read import iter_inputs
from zh_gov_essays.records import Document, RawDoc

# Pages per site: three sites well above the evidence floor, one at it
# (qingsong, 3 pages) and one below it (qixia, 2 pages).
CRAWL = {"qingxi": 6, "bigeng": 5, "lanshan": 4, "qingsong": 3, "qixia": 2}
LEARNING_SITES = ("qingxi", "bigeng", "lanshan", "qingsong")


def raw_of(page: Page) -> RawDoc:
    return RawDoc(page.path, page.text.encode("utf-8"))


def bare_doc(page: Page) -> Document:
    """The page cleaned without its site's template: what it must keep."""
    return process(RawDoc(page.path, page.bare.encode("utf-8")))


def expected(page: Page) -> Document:
    """What crawl evidence must make of ``page``: its bare form where its site
    gives evidence, else the page cleaned alone."""
    return bare_doc(page) if page.site.folder in LEARNING_SITES else process(raw_of(page))


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


@pytest.fixture(scope="module")
def crawl() -> list[Page]:
    return make_crawl(CRAWL)


@pytest.fixture(scope="module")
def context(crawl: list[Page]) -> CrawlContext:
    return learn_crawl(raw_of(page) for page in crawl)


@pytest.fixture(scope="module")
def cleaned(crawl: list[Page], context: CrawlContext) -> list[Document]:
    return [process(raw_of(page), context) for page in crawl]


# --- the generated crawl -------------------------------------------------------------------


def test_no_fixed_rule_knows_the_generated_templates() -> None:
    for site in SITES:
        printed = (*site.template, " ".join(site.header[0]))  # the masthead, letter-spaced
        for line in printed:
            assert [r.name for r in FURNITURE if r(line)] == [], line


def test_without_crawl_evidence_the_templates_stay(crawl: list[Page]) -> None:
    # What the fixed rules leave of the templates: the reason for this stage.
    left = 0
    for page in crawl:
        kept = {squeeze(t) for t in texts(process(raw_of(page)))}
        left += sum(squeeze(line) in kept for line in page.site.template)
    assert left >= 2 * len(crawl)


def test_every_template_line_goes_and_every_body_paragraph_stays(
    crawl: list[Page], cleaned: list[Document]
) -> None:
    for page, doc in zip(crawl, cleaned, strict=True):
        want = expected(page)
        assert texts(doc) == texts(want), page.path
        assert (doc.title, doc.date) == (want.title, want.date), page.path
        if page.site.folder not in LEARNING_SITES:
            continue
        removed = [squeeze(r.text) for r in doc.removed if r.rule == SITE_TEMPLATE.name]
        for line in page.site.template:
            assert squeeze(line) in removed, (page.path, line)


def test_a_site_lists_its_other_essays_after_the_essay_and_the_list_goes(
    crawl: list[Page], cleaned: list[Document]
) -> None:
    # bigeng prints "小编精选" and two other essays' titles: those titles recur
    # across its pages, but each essay keeps its own title (the line above its date).
    pages = [(p, d) for p, d in zip(crawl, cleaned, strict=True) if p.site.folder == "bigeng"]
    titles = {p.essay.title for p, _ in pages}
    for page, doc in pages:
        assert doc.title == page.essay.title
        listed = [r for r in doc.removed if r.text in titles - {page.essay.title}]
        assert len(listed) == 2 and {r.rule for r in listed} <= {SITE_TEMPLATE.name, "footer"}


def test_the_site_header_is_still_the_source(crawl: list[Page], cleaned: list[Document]) -> None:
    for page, doc in zip(crawl, cleaned, strict=True):
        assert doc.source == process(raw_of(page)).source, page.path
    assert {d.source for d in cleaned} >= {"清溪县机关事务服务中心", "嵐山縣政府人事處"}


def test_figures(crawl: list[Page], context: CrawlContext, cleaned: list[Document]) -> None:
    # Lines learned: every site's template (19 lines) and, on bigeng, three
    # essay titles its "picks" lists print on most of its pages.
    template = {line_key(line) for site in SITES[:4] for line in site.template}
    learned = set().union(*context.templates.values())
    assert template <= learned and len(learned - template) == 3
    assert context.lines_learned == 22 and (context.pages, context.copies) == (20, 0)
    # Removed: the 88 template lines the 18 pages of those sites print, and 8
    # of the 10 titles bigeng lists under 小编精选 (the other 2 go as footer).
    printed = sum(len(p.site.template) for p in crawl if p.site.folder in LEARNING_SITES)
    removed = [r for d in cleaned for r in d.removed if r.rule == SITE_TEMPLATE.name]
    assert (printed, len(removed)) == (88, 96)
    # False removals: none (every paragraph, title and date is the bare page's).
    lost = sum(
        len(set(texts(expected(p))) - set(texts(d))) for p, d in zip(crawl, cleaned, strict=True)
    )
    assert lost == 0


# --- the traps -----------------------------------------------------------------------------


def test_headings_slogans_address_and_signature_recur_and_stay(
    crawl: list[Page], cleaned: list[Document]
) -> None:
    for folder in LEARNING_SITES:
        pages = [(p, d) for p, d in zip(crawl, cleaned, strict=True) if p.site.folder == folder]
        site = pages[0][0].site
        recurring = [COMMON_HEADING[site.script], *SLOGANS[site.script]]
        if site.speeches:
            recurring += ["同志们：", "谢谢大家！"]
        if site.signature:
            recurring.append(site.signature)
        assert len(pages) >= MIN_PAGES  # the trap is real: they recur on every essay
        for page, doc in pages:
            kept = texts(doc)
            for line in recurring:
                assert kept.count(line) == page.bare.splitlines().count(line), (page.path, line)
            removed = {r.text for r in doc.removed} - set(site.template)
            assert not removed & set(recurring), page.path


def _copies_crawl() -> tuple[list[Page], Essay]:
    """The crawl, with one essay copied onto every Simplified site."""
    pages = make_crawl(CRAWL, seed=1)
    shared = next(p for p in pages if p.site.folder == "qingsong").essay
    out = []
    for page in pages:
        if page.site.script == "Hans" and page.path.endswith("000.txt"):
            page = render(page.site, shared, random.Random(5), [], 0)
        out.append(page)
    return out, shared


def test_copies_of_one_essay_on_several_sites_keep_all_their_paragraphs() -> None:
    pages, shared = _copies_crawl()
    context = learn_crawl(raw_of(p) for p in pages)
    copies = [p for p in pages if p.essay is shared]
    learned = set().union(*context.templates.values())
    assert len(copies) == 4  # the trap is real: each site's evidence is there
    assert {line_key(line) for site in SITES[:4] for line in site.template} <= learned
    for page in copies:
        doc, want = process(raw_of(page), context), expected(page)
        assert texts(doc) == texts(want) and doc.title == want.title, page.path


def test_copies_filed_in_one_group_give_no_evidence(tmp_path: Path) -> None:
    # Four sites' copies of one essay in the input root (one mixed group),
    # with one other essay: the copy's own title, address lines and
    # signature are on 4 of 5 pages, yet they are one essay's, not a template.
    pages, shared = _copies_crawl()
    copies = [p for p in pages if p.essay is shared]
    other = next(p for p in pages if p.site.folder == "lanshan")
    # Without their date lines, nothing but the copy check protects their titles.
    undated = [re.sub(r"发布时间：.*\n", "", p.text) for p in copies]
    flat = [RawDoc(f"copy{i}.txt", text.encode("utf-8")) for i, text in enumerate(undated)]
    flat.append(RawDoc("other.txt", other.text.encode("utf-8")))
    # one copy carries a repair-like change in one paragraph: still a copy
    para = shared.paragraphs[1]
    damaged = undated[0].replace(para, para[:20] + "公务员之家版权所有" + para[20:])
    flat.append(RawDoc("copy_damaged.txt", damaged.encode("utf-8")))
    context = learn_crawl(flat)
    assert {site_group(raw) for raw in flat} == {"."}
    assert (context.pages, context.copies, context.lines_learned) == (6, 4, 0)
    for raw in flat:
        assert process(raw, context).to_inspect() == process(raw).to_inspect()


def test_a_site_with_one_or_two_pages_gives_no_evidence(
    crawl: list[Page], context: CrawlContext, cleaned: list[Document]
) -> None:
    assert "folder:qixia" not in context.templates
    for page, doc in zip(crawl, cleaned, strict=True):
        if page.site.folder == "qixia":
            assert doc.to_inspect() == process(raw_of(page)).to_inspect()
    # Two pages with the same template and different essays: still nothing.
    two = make_crawl({"qingxi": 2})
    assert learn_crawl(raw_of(p) for p in two).templates == {}


@pytest.mark.parametrize("layout", ["site folders", "flat"])
def test_a_crawl_of_single_page_sites_is_cleaned_as_each_page_alone(layout: str) -> None:
    pages = make_crawl(dict.fromkeys(CRAWL, 1), seed=2)
    raws = [
        RawDoc(p.path if layout == "site folders" else p.path.replace("/", "_"), p.text.encode())
        for p in pages
    ]
    context = learn_crawl(raws)
    assert context.lines_learned == 0 and context.pages == len(SITES)
    for raw in raws:
        assert process(raw, context).to_inspect() == process(raw).to_inspect()


def test_a_dump_groups_its_records_by_url_host(crawl: list[Page], tmp_path: Path) -> None:
    # One JSON Lines dump holding two sites' pages: the URL's host, not the
    # file, is the site.  A record without a URL joins the dump's folder group.
    hosts = {
        "qingxi": "http://www.qingxi.example.cn/art/",
        "lanshan": "https://lanshan.example.tw/p/",
    }
    records = [
        {"text": p.text, "url": f"{hosts[p.site.folder]}{i}.html"}
        for i, p in enumerate(crawl)
        if p.site.folder in hosts
    ]
    records.append({"text": crawl[0].text})
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    raws = list(iter_inputs(tmp_path))
    context = learn_crawl(raws)
    assert sorted(context.templates) == ["host:lanshan.example.tw", "host:qingxi.example.cn"]
    removed = [
        sum(r.rule == SITE_TEMPLATE.name for r in process(raw, context).removed) for raw in raws
    ]
    assert removed == [len(crawl[0].site.template)] * 6 + [4] * 4 + [0]


# --- the context: small, picklable, the same in every engine ---------------------------------


def test_context_is_small_picklable_and_deterministic(
    crawl: list[Page], context: CrawlContext
) -> None:
    data = pickle.dumps(context)
    assert pickle.loads(data) == context and len(data) < 2_000
    assert learn_crawl(raw_of(page) for page in crawl) == context
    # hashes and counts, never text
    assert all(isinstance(k, int) for lines in context.templates.values() for k in lines)


def test_no_context_is_todays_cleaning(crawl: list[Page]) -> None:
    for page in crawl[:6]:
        raw = raw_of(page)
        assert process(raw, None).to_inspect() == process(raw, CrawlContext()).to_inspect()


# The Ray engine's run with a learned context is in tests/test_ray.py (marked ``ray``).


def test_the_local_engine_gives_every_worker_the_context(
    crawl: list[Page], context: CrawlContext, cleaned: list[Document]
) -> None:
    want = [d.to_inspect() for d in cleaned]
    for workers in (1, 2):
        got = run(iter([raw_of(p) for p in crawl]), workers=workers, context=context)
        assert [d.to_inspect() for d in got] == want


# --- the count ------------------------------------------------------------------------------


def test_the_count_forgets_rare_lines_and_keeps_the_template() -> None:
    counter = TemplateCounter()
    menu, footer = line_key("首页 · 通知"), line_key("本站地址")
    pages = 5 * BUCKET_BODIES
    for n in range(pages):
        lines = {menu, 10_000 + n, 20_000 + n // 2}  # unique, and shared by two pages
        if n % 3:
            lines.add(footer)  # on two thirds of the pages
        counter.add("g", PageEvidence((n,), frozenset(lines)))
    assert counter.learned() == {"g": frozenset({menu, footer})}
    # Lossy counting holds the lines of the current bucket, not of the whole group.
    assert counter.tracked <= 2 * BUCKET_BODIES + 2


def test_page_evidence_is_numbers_of_edge_lines_only() -> None:
    essay = ["今年以来，" + "我们" * 20 + "。", "不忘初心", "最后，" + "工作" * 20 + "。"]
    page = ["某某网", *essay, "版权所有 某某网"]
    ev = page_evidence(page)
    assert ev.lines == {line_key("某某网"), line_key("版权所有 某某网")}
    assert len(ev.body) == 2  # the sketch: hashes of its paragraphs


def test_a_bad_input_gives_no_evidence_and_stops_nothing(
    crawl: list[Page], context: CrawlContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zh_gov_essays import pipeline

    raws = [raw_of(p) for p in crawl]
    broken = [RawDoc("qingxi/binary.bin", bytes(range(256)) * 4), RawDoc("qingxi/empty.txt", b"")]
    assert learn_crawl([*broken, *raws]) == context  # rejected inputs are not pages
    real = pipeline.page_evidence

    def failing(texts):
        if any("笔耕" in t for t in texts):
            raise RuntimeError("a bug met on one site's pages")
        return real(texts)

    monkeypatch.setattr(pipeline, "page_evidence", failing)
    learned = learn_crawl(raws)
    assert "folder:bigeng" not in learned.templates
    assert learned.templates["folder:qingxi"] == context.templates["folder:qingxi"]


def test_site_template_is_a_declared_label() -> None:
    assert SITE_TEMPLATE in LABELS


# --- the command line -----------------------------------------------------------------------


def test_build_and_inspect_use_crawl_evidence(
    crawl: list[Page], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_crawl(crawl, tmp_path / "crawl")
    card = str(ROOT / "DATASET_CARD.md")
    assert (
        main(["build", "--input", str(root), "--out", str(tmp_path / "out"), "--card", card]) == 0
    )
    summary = capsys.readouterr().out
    assert "site templates      22 lines learned in 4 site groups (20 pages read" in summary
    assert "site_template 96" in summary
    card_text = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert "site_template" in card_text and SITE_TEMPLATE.description in card_text
    out2 = str(tmp_path / "out2")
    assert (
        main(["build", "--input", str(root), "--out", out2, "--card", card, "--no-site-templates"])
        == 0
    )
    summary = capsys.readouterr().out
    assert "site templates" not in summary and "site_template" not in summary

    assert main(["inspect", str(root)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sum(r["rule"] == "site_template" for row in rows for r in row["removed"]) == 96

    assert main(["inspect", "--no-site-templates", str(root)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert not any(r["rule"] == "site_template" for row in rows for r in row["removed"])
    one = root / crawl[0].path  # a single file is a single page: nothing to learn
    assert main(["inspect", str(one)]) == 0
    assert json.loads(capsys.readouterr().out) == process(raw_of(crawl[0])).to_inspect() | {
        "source_file": one.name
    }


def test_line_keys_are_remembered_for_lines_up_to_the_limit() -> None:
    """A remembered key is the key; a line met again is not normalised again; a line over
    the limit is hashed each time and never held."""
    from zh_gov_essays.learn import templates
    from zh_gov_essays.vocab.memo import LINE_CHARS

    remembered = templates._remembered_line_key
    remembered.cache_clear()
    menu = "首页 | 机构概况 | 通知公告"
    first = templates.line_key(menu)
    assert templates.line_key(menu) == first == templates._line_key("首页|机构概况|通知公告")
    assert remembered.cache_info()[:2] == (1, 1)  # one hit, one miss
    long = "首页" * LINE_CHARS
    assert templates.line_key(long) == templates.line_key(long) == templates._line_key(long)
    assert remembered.cache_info().currsize == 1
    longest = "页" * LINE_CHARS
    templates.line_key(longest)
    assert remembered.cache_info().currsize == 2
