"""Hand-written pages reproducing each kind of page noise (tests/fixtures/pages).

``gold.jsonl`` there uses the annotation format of the shared samples, so
the same scorer checks them; on our own fixtures every rate must be 100 %.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import FIXTURES, process_text
from zh_gov_essays.evaluate import DEFAULT_THRESHOLDS, evaluate_dir, failed_measures
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import RawDoc

PAGES = FIXTURES / "pages"


def page(name: str):
    path = PAGES / name
    return process(RawDoc(name, path.read_bytes()))


def _inspect(path):
    return process(RawDoc(path.name, path.read_bytes())).to_inspect()


@pytest.mark.parametrize(("folder", "n"), [(PAGES, 13), (FIXTURES / "redteam", 47)])
def test_every_fixture_page_scores_100_percent(folder, n: int) -> None:
    score = evaluate_dir(folder, _inspect)
    perfect = dict.fromkeys(score.tallies, 1.0)
    assert failed_measures(score, perfect) == [], [
        (m.file, m.measure, m.expected, m.got) for m in score.misses
    ]
    assert len(score.files) == n


def test_held_out_red_team_pages_meet_the_targets() -> None:
    """A second red-team round, scored before the rules it exposed were written.

    Its last miss (a news service named only by its masthead) went with the
    masthead rule of the fourth round.
    """
    score = evaluate_dir(FIXTURES / "redteam2", _inspect)
    assert failed_measures(score, DEFAULT_THRESHOLDS) == []
    assert [(m.file, m.measure) for m in score.misses] == []
    assert len(score.files) == 40


# The third held-out round: what is still missed, pinned so that a fix shows
# up here and a regression fails.  Most are judgement calls (t19, t21, t40:
# which name the page "really" gives); t18 is open.  t01 (a genre intro
# injected mid-text) and t35 (fields one cell per line) went with the
# second cleaning round.
REDTEAM3_MISSES = [
    ("t18_hant_flat_oneline.txt", "title"),
    ("t19_blog_nbsp_debris.txt", "source"),
    ("t21_wechat_mirror.txt", "source"),
    ("t40_street_portal_caption_attach.txt", "source"),
]


def test_third_red_team_round_known_misses() -> None:
    score = evaluate_dir(FIXTURES / "redteam3", _inspect)
    assert sorted((m.file, m.measure) for m in score.misses) == sorted(REDTEAM3_MISSES)
    assert [m for m in DEFAULT_THRESHOLDS if score.rate(m) < DEFAULT_THRESHOLDS[m]] == []
    assert {m: round(score.rate(m), 3) for m in DEFAULT_THRESHOLDS} == {
        "boilerplate": 1.0,
        "content": 1.0,
        "first_paragraph": 1.0,
        "title": 0.975,
        "date": 1.0,
        "source": 0.925,
        "script": 1.0,
    }


# The fourth round: the held-out measurement of this session (30 pages of
# site kinds none of the earlier rounds had: PTT, Pixnet, Macau and Hong Kong
# portals, e-papers, 360doc).  Before its fixes: boilerplate 0.853, content
# 0.992, first paragraph 0.733, title 0.767, date 0.833, source 0.700.  What
# is still missed is pinned; several are judgement calls (see its gold notes).
REDTEAM4_MISSES = sorted(
    {
        ("h03_hk_press_release.txt", "source"),
        ("h08_ptt_post.txt", "source"),
        ("h09_pixnet_blog.txt", "source"),
        ("u08_journal_db.txt", "first_paragraph"),
        ("u11_discuz_repost.txt", "title"),
        ("u12_360doc.txt", "source"),
        ("u19_docshare_running_header.txt", "date"),
    }
)


def test_fourth_red_team_round_known_misses() -> None:
    score = evaluate_dir(FIXTURES / "redteam4", _inspect)
    assert sorted({(m.file, m.measure) for m in score.misses}) == REDTEAM4_MISSES
    assert {m: round(score.rate(m), 3) for m in DEFAULT_THRESHOLDS} == {
        "boilerplate": 1.0,
        "content": 1.0,
        "first_paragraph": 0.967,
        "title": 0.967,
        "date": 0.967,
        "source": 0.867,
        "script": 1.0,
    }


# The fifth round (40 pages), scored once before any rule was written for it:
# boilerplate 0.768, content 1.000, first paragraph 0.625, title 0.650, date
# 0.875, source 0.750.  Its furniture (captions, author notes, editor's
# notes, notice lists, post-bar and blog furniture, viewer labels, welcome and
# weather widgets, search-keyword intros) is all removed now; what is still
# missed is a blog's name as its source, pinned here.
REDTEAM5_MISSES = sorted({("v24_tw_blog_labels.txt", "source")})


def test_fifth_red_team_round_known_misses() -> None:
    score = evaluate_dir(FIXTURES / "redteam5", _inspect)
    assert sorted({(m.file, m.measure) for m in score.misses}) == REDTEAM5_MISSES
    assert score.rate("boilerplate") == 1.0 and score.rate("content") == 1.0
    assert score.rate("first_paragraph") == 1.0 and score.rate("script") == 1.0


# Pages written for the fifth round's kinds, as other sites print them (a
# variant of each, plus a page of prose that uses their words and must stay
# whole).  What is still missed is a blog's name as its source (g07).
PAGES10_MISSES = sorted({("g07_blog_post_footer.txt", "source")})


def test_round_ten_furniture_pages() -> None:
    score = evaluate_dir(FIXTURES / "pages10", _inspect)
    assert sorted({(m.file, m.measure) for m in score.misses}) == PAGES10_MISSES
    assert score.rate("boilerplate") == 1.0 and score.rate("content") == 1.0
    assert score.rate("first_paragraph") == 1.0 and score.rate("date") == 1.0
    assert len(score.files) == 17


# Pages written for the sixth round's kinds, as other sites print them (a
# database record, a Q&A answer, a gazette PDF, a thesis record's paged
# contents, a paid document store, a 范文 lead-in with hashtags, and a page of
# prose that uses their words and must stay whole).  What is still missed is
# a title under a gazette's running header.
PAGES11_MISSES = [("h03_hant_gazette_pdf.txt", "title")]


def test_round_eleven_furniture_pages() -> None:
    score = evaluate_dir(FIXTURES / "pages11", _inspect)
    assert sorted({(m.file, m.measure) for m in score.misses}) == PAGES11_MISSES
    assert score.rate("boilerplate") == 1.0 and score.rate("content") == 1.0
    assert score.rate("first_paragraph") == 1.0 and score.rate("date") == 1.0
    assert len(score.files) == 7
    path = FIXTURES / "pages11" / "h07_prose_near_misses.txt"
    doc = process(RawDoc(path.name, path.read_bytes()))
    assert len(doc.paragraphs) == len(path.read_text(encoding="utf-8").splitlines()) - 1
    assert [r.rule for r in doc.removed] == ["title"]


# Pages written for the seventh round's kinds, as other sites print them (a
# Traditional forum's reply floors, a Q&A page's accepted answer, a blog's
# tip box, a PDF's handling watermark with a list salutation, an op-ed with an
# editor's lead and credits, a press release's attachments and press contact,
# a township portal whose menu line opens with its name, and a page of prose
# that uses their words and must stay whole).  On the main line before these
# rules: boilerplate 30/49, first paragraph 6/8, title 6/8, date 6/8, source 7/8.
def test_round_twelve_furniture_pages() -> None:
    score = evaluate_dir(FIXTURES / "pages12", _inspect)
    assert score.misses == []
    assert len(score.files) == 8
    path = FIXTURES / "pages12" / "i07_prose_near_misses.txt"
    doc = process(RawDoc(path.name, path.read_bytes()))
    assert len(doc.paragraphs) == len(path.read_text(encoding="utf-8").splitlines()) - 1
    assert [r.rule for r in doc.removed] == ["title"]


def test_replies_after_a_post_are_cut_with_their_headers() -> None:
    path = FIXTURES / "pages12" / "i01_hant_forum_reply_floors.txt"
    doc = process(RawDoc(path.name, path.read_bytes()))
    assert [p.text[:4] for p in doc.paragraphs] == ["去年夏天", "剛報到時", "第二件學", "最後想說"]
    rules = [(r.rule, r.text[:2]) for r in doc.removed if r.rule in ("reply_header", "footer")]
    assert rules == [
        ("reply_header", "沙發"),
        ("footer", "樓主"),
        ("reply_header", "板凳"),
        ("footer", "請問"),
        ("reply_header", "4樓"),
        ("footer", "推一"),
        ("footer", "1 "),
        ("footer", "返回"),
    ]


def test_near_miss_prose_page_comes_through_whole() -> None:
    path = FIXTURES / "pages10" / "g14_prose_near_misses.txt"
    doc = process(RawDoc(path.name, path.read_bytes()))
    raw = path.read_text(encoding="utf-8").splitlines()
    assert len(doc.paragraphs) == len(raw) - 1  # every line but the title
    assert [r.rule for r in doc.removed] == ["title"]


def test_notice_list_and_poster_block_are_labelled_as_runs() -> None:
    doc = process(
        RawDoc("g05.txt", (FIXTURES / "pages10" / "g05_docshare_download_notes.txt").read_bytes())
    )
    # The first item names the site (site_notice); the list takes the heading
    # and the items that name no site word with it.
    removed = [(r.rule, r.text[:5]) for r in doc.removed]
    assert removed[4:10] == [
        ("site_notice", "文档介绍："),
        ("sharing_notice", "下载须知："),
        ("site_notice", "1. 本站"),
        ("sharing_notice", "2. 文档"),
        ("sharing_notice", "3. 付费"),
        ("title_repeat", "青溪中学2"),
    ]
    assert doc.paragraphs[0].text.startswith("一年来，在县教育局的正确领导下")
    assert doc.truncated is True
    forum = process(
        RawDoc("g06.txt", (FIXTURES / "pages10" / "g06_forum_floor_badges.txt").read_bytes())
    )
    assert [r.text for r in forum.removed if r.rule == "forum_poster"] == ["青山不语"]
    assert forum.title == "新人怎么写好第一份工作总结"


# Pages written for the second cleaning round's furniture kinds (news and
# journal front matter, document-sharing chrome, portal field tables, forum
# quotes and signatures, promotions, wrapped PDF lines).  What is still missed
# belongs to title and source choice.
PAGES9_MISSES = sorted(
    {
        ("f02_vertical_fields.txt", "title"),
    }
)


def test_round_two_furniture_pages() -> None:
    score = evaluate_dir(FIXTURES / "pages9", _inspect)
    assert sorted({(m.file, m.measure) for m in score.misses}) == PAGES9_MISSES
    assert score.rate("boilerplate") == 1.0 and score.rate("content") == 1.0
    assert score.rate("first_paragraph") == 1.0 and score.rate("date") == 1.0


def test_wrapped_pdf_lines_become_paragraphs() -> None:
    doc = process(RawDoc("f09.txt", (FIXTURES / "pages9" / "f09_pdf_wrapped.txt").read_bytes()))
    assert [p.text[:8] for p in doc.paragraphs] == [
        "机关效能建设是转",
        "据统计，全市政务",
        "下一步，各级机关",
    ]
    assert doc.paragraphs[0].text.endswith("群众和企业办事的便利度明显提升。")
    assert all("line_wrap_join" in p.repairs for p in doc.paragraphs)
    assert [len(p.lines) for p in doc.paragraphs] == [5, 4, 3]
    assert {r.rule for r in doc.removed} >= {"page_number"}


def test_verse_lists_and_one_paragraph_lines_are_not_joined() -> None:
    doc = process(
        RawDoc("f10.txt", (FIXTURES / "pages9" / "f10_verse_list_lines.txt").read_bytes())
    )
    assert len(doc.paragraphs) == 13
    assert all(len(p.lines) == 1 for p in doc.paragraphs)
    assert doc.paragraphs[1].text == "窗外的灯火一盏盏熄灭"


def test_quoted_post_date_is_not_the_page_date() -> None:
    doc = process(
        RawDoc("f07.txt", (FIXTURES / "pages9" / "f07_forum_quote_signature.txt").read_bytes())
    )
    assert doc.date is None
    rules = {r.rule for r in doc.removed}
    assert {"forum_quote", "forum_signature", "forum_furniture"} <= rules


def test_breadcrumb_gives_category_and_site_header_gives_source() -> None:
    doc = page("p01_breadcrumb_site_header.txt")
    assert doc.category == ["工作总结", "机关工作总结"]
    assert doc.source == "公文写作范文网"
    assert doc.editor is None  # "作者:佚名" names nobody
    rules = {r.rule for r in doc.removed}
    assert {"site_header", "navigation", "breadcrumb", "counter", "prev_next"} <= rules


def test_taiwan_page_roc_date_and_widgets() -> None:
    doc = page("p02_trad_roc_accessibility.txt")
    assert doc.date == dt.date(2019, 3, 5)
    assert doc.paragraphs[0].text.startswith("本次參加為期兩天")
    assert doc.category == ["便民服務", "公告資訊"]
    assert all(p.script == "Hant" for p in doc.paragraphs)


def test_paywall_sets_truncated_and_seo_clause_is_cut() -> None:
    doc = page("p03_seo_paywall.txt")
    assert doc.truncated is True
    assert doc.paragraphs[0].text == (
        "作风建设是党的建设的重要内容，关系到党的形象和人心向背。"
        "通过这次集中学习，我对作风建设的重要性有了更加深刻的认识。"
    )
    assert "seo_phrase" in doc.paragraphs[0].repairs
    assert any(r.rule == "seo_phrase" and "小编" in r.text for r in doc.removed)


def test_headings_levels_and_sections() -> None:
    doc = page("p04_doc_sharing.txt")
    got = [(p.kind, p.heading_level, p.section) for p in doc.paragraphs]
    assert got == [
        ("heading", 1, None),
        ("body", None, "一、总体要求"),
        ("heading", 2, "一、总体要求"),
        ("body", None, "（一）加强政治建设。"),
    ]


def test_run_on_text_is_split_at_its_headings() -> None:
    doc = page("p10_run_on.txt")
    assert doc.title == "社区党支部2022年工作总结"
    assert [p.text[:6] for p in doc.paragraphs] == [
        "一年来，社区",
        "一、主要工作",
        "我们坚持每月",
        "二、存在问题",
        "一些党员参加",
    ]


def test_speech_front_matter_is_removed() -> None:
    doc = page("p08_speech_wire.txt")
    assert doc.paragraphs[0].text == "各位代表："
    rules = [r.rule for r in doc.removed]
    assert "dateline" in rules and "title_repeat" in rules and "trailing_credit" in rules


def test_a_source_crediting_another_publisher_is_not_the_site() -> None:
    assert page("p09_credit_other_publisher.txt").source is None


def test_pinyin_spam_title_and_script() -> None:
    doc = page("p12_pinyin_spam.txt")
    assert doc.title == "“服務群眾”主題教育心得"
    assert doc.script == "Hant"
    assert "那么多的困難" in doc.paragraphs[1].text  # leftover Simplified kept as written


def test_footer_tags_editor_and_photo_caption() -> None:
    doc = page("p13_footer_tags_photo.txt")
    assert doc.tags == ["效能建设", "机关作风", "政务服务"]
    assert doc.editor == "小林"
    assert not any("图为" in p.text for p in doc.paragraphs)
    assert "photo_caption" in {r.rule for r in doc.removed}


def test_a_page_that_prints_nothing_gets_nulls() -> None:
    doc = process_text(
        "建设服务型机关是转变政府职能的必然要求，各级机关都应当把为群众服务作为一切工作的出发点。\n"
        "要坚持问题导向，聚焦群众反映强烈的突出问题，切实改进工作作风，提高办事效率和服务质量。\n"
    )
    assert (doc.title, doc.date, doc.source, doc.editor) == (None, None, None, None)
    assert (doc.category, doc.tags, doc.truncated) == ([], [], False)


# The seventh round, held out: 40 pages of site kinds the earlier rounds
# lacked (township and prefecture portals, a party school, a hospital, a
# CPPCC site, theory pages, self-media, tieba, diaries, old portal blogs,
# print views, AMP and HTML pages, GB18030/Big5/UTF-16 files).  Scored once
# before any rule was written for it: boilerplate 0.882 (351/398), content
# 1.000, first paragraph 0.800, title 0.800, date 0.950, source 0.775,
# script 1.000.  This pins the floor: no page that passed then may fail, and
# no rate may fall; a fix shows up as a page leaving the list.  After the
# rules for its kinds (reply headers, tip jars, handling watermarks, editors'
# leads, attachment lists, list salutations, blog timestamps, op-ed column
# prefixes, author-kept copyrights, speaker lines, a name opening a menu, a
# question's time): boilerplate 396/398, first paragraph 38/40, title 39/40,
# date 40/40, source 35/40.
REDTEAM7_MISSES_AT_INTAKE = frozenset(
    {
        ("x04_hk_bureau_secretary_blog.txt", "source"),
        ("x09_toutiao_mobile_comments.txt", "source"),
        ("x12_qa_site_best_answer.txt", "boilerplate"),
        ("x12_qa_site_best_answer.txt", "first_paragraph"),
        ("x14_pdf_bureau_report_pagefooters.txt", "boilerplate"),
        ("x14_pdf_bureau_report_pagefooters.txt", "first_paragraph"),
        ("x14_pdf_bureau_report_pagefooters.txt", "source"),
        ("x14_pdf_bureau_report_pagefooters.txt", "title"),
        ("x16_mobile_page.txt", "source"),
        ("x28_tieba_style_thread.txt", "source"),
    }
)
REDTEAM7_FLOOR = {
    "boilerplate": 396 / 398,
    "content": 1.0,
    "first_paragraph": 38 / 40,
    "title": 39 / 40,
    "date": 1.0,
    "source": 35 / 40,
    "script": 1.0,
}


def test_seventh_red_team_round_floor() -> None:
    score = evaluate_dir(FIXTURES / "redteam7", _inspect)
    assert len(score.files) == 40 and score.unlabelled == []
    new = sorted({(m.file, m.measure) for m in score.misses} - REDTEAM7_MISSES_AT_INTAKE)
    assert new == [], [(m.file, m.measure, m.expected, m.got) for m in score.misses]
    below = {
        m: score.rate(m) for m, floor in REDTEAM7_FLOOR.items() if score.rate(m) < floor - 1e-9
    }
    assert below == {}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an office or "we" gathering material for colleagues is the essay speaking
        ("这份材料是办公室为大家整理的学习资料，请大家认真阅读。", True),
        ("我们为大家收集了群众提出的三条建议。", True),
        # the content farm's own lead-in still goes
        ("以下是为大家整理的工作总结范文，欢迎阅读。", False),
        ("下面是小编为大家整理的心得体会，仅供参考。", False),
    ],
)
def test_seo_phrase_spares_offices_gathering_material(text: str, kept: bool) -> None:
    body = "全局干部要认真学习，把学习成果转化为推动工作的实际行动。" + text
    doc = process_text(
        "机关学习安排\n\n" + body + "\n\n下一步，各科室要结合实际抓好落实，确保学习教育取得实效。\n"
    )
    assert (text in doc.paragraphs[0].text) is kept
