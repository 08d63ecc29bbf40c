"""Metadata extraction: title cleaning, site/agency names, editor, breadcrumbs.

Positive cases live in the doctests of ``metadata/`` and ``vocab/sites.py``; here,
variants of each kind of noise that no fixture page shows, and text that
must be left alone.
"""

from __future__ import annotations

import pytest

from zh_gov_essays.metadata.decorations import clean_title, site_from_title_suffix, title_key
from zh_gov_essays.metadata.fields import (
    breadcrumb_parts,
    category_from_breadcrumb,
    editor_from_line,
    tags_from_line,
)
from zh_gov_essays.metadata.names import (
    account_from_byline,
    site_from_header_line,
    site_from_line,
    site_from_source_label,
)
from zh_gov_essays.metadata.title import not_a_title
from zh_gov_essays.pipeline import process
from zh_gov_essays.records import RawDoc
from zh_gov_essays.vocab.sites import looks_like_org_name, looks_like_site_name

# --- clean_title --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # a site or category appended with or without spaces, several times over
        ("乡镇党委年度工作总结_工作总结_某某范文网", "乡镇党委年度工作总结"),
        ("关于进一步改进会风文风的意见 | 某某政务网", "关于进一步改进会风文风的意见"),
        ("关于进一步改进会风文风的意见｜规章制度", "关于进一步改进会风文风的意见"),
        ("机关党支部书记述职报告 - 述职报告 - 某某范文网", "机关党支部书记述职报告"),
        ("社区疫情防控工作汇报-某某文库", "社区疫情防控工作汇报"),
        ("区发展改革局召开推进会_某某区人民政府", "区发展改革局召开推进会"),
        ("加強機關服務品質心得_某某範文網", "加強機關服務品質心得"),
        # SEO badges, in any bracket, alone or stacked
        ("机关作风整顿心得体会(精选)", "机关作风整顿心得体会"),
        ("2024年工作计划【最新】", "2024年工作计划"),
        ("干部作风建设自查报告[推荐]", "干部作风建设自查报告"),
        ("党员个人对照检查材料（通用版）_某某文库", "党员个人对照检查材料"),
        ("主题教育学习体会【精选推荐】（原创）", "主题教育学习体会"),
        # part markers of compilation pages
        ("机关效能建设心得体会篇3", "机关效能建设心得体会"),
        ("机关效能建设心得体会【篇二】", "机关效能建设心得体会"),
        # column labels and authors before the title
        ("时评：让服务型机关建设落地生根", "让服务型机关建设落地生根"),
        ("工作动态/县委办召开作风建设推进会", "县委办召开作风建设推进会"),
        ("王晓东：参加初任培训心得体会", "参加初任培训心得体会"),
        ("陈静:在全市机关作风建设大会上的讲话", "在全市机关作风建设大会上的讲话"),
        ("【学习园地】机关干部如何提升调研能力", "机关干部如何提升调研能力"),
        # a file name
        ("机关事务管理局工作要点.pdf", "机关事务管理局工作要点"),
    ],
)
def test_clean_title_strips_decorations(raw: str, title: str) -> None:
    assert clean_title(raw) == title


MUST_STAY_TITLES = [
    # subtitles and ranges joined by dashes
    "咬定青山不放松——学习《竹石》的几点感悟",
    "坚守初心使命——走进临江市政务服务网",
    "凝心聚力谋发展——记临江市机关事务管理局",
    "临江市2021-2025年机关事务工作规划",
    "关于印发《2023 - 2025年机关效能提升行动方案》的通知",
    "机关节能降耗三年行动（2023—2025年）",
    # brackets that are part of the title: counts, genres, dates
    "最优政府会议心得体会范文(13篇)",
    "2022年个人述职述廉报告（精选5篇）",
    "我是一名机关干部（诗朗诵）",
    "机关效能建设实施办法（试行）",
    "关于机关作风建设的调研报告（征求意见稿）",
    "驻村工作日记（三则）",
    # places, long leads and quoted phrases before a colon
    "莲都：“红色代办”跑出政务服务加速度",
    "郑州：出台机关作风建设实施方案",
    "2020年公务员面试热点:基层减负",
    "服务型政府：理念与路径",
    # phrases separated by spaces, titles that happen to hold separator characters
    "不忘初心 牢记使命",
    "推进“互联网 + 政务服务”的几点思考",
    "运用PDCA循环提升机关工作质量",
    "第三篇",
]


@pytest.mark.parametrize("title", MUST_STAY_TITLES)
def test_clean_title_leaves_title_alone(title: str) -> None:
    assert clean_title(title) == title


def test_clean_title_does_not_reduce_a_site_header_to_its_name() -> None:
    # The line is the site's header; whatever picks the title must skip it,
    # and clean_title must not turn it into a plausible-looking name.
    assert clean_title("某某范文网 - 专注于优质范文分享") == "某某范文网 - 专注于优质范文分享"


def test_clean_title_is_idempotent() -> None:
    for raw in [
        "机关作风建设学习心得体会_笔杆范文网",
        "申論范文:民之樂 憂民之憂",
        *MUST_STAY_TITLES,
    ]:
        once = clean_title(raw)
        assert clean_title(once) == once


def test_title_key_groups_a_compilation_but_not_different_titles() -> None:
    assert (
        title_key("述职报告（精选3篇）") == title_key("述职报告 篇2") == title_key("述职报告篇一")
    )
    assert title_key("2022年述职报告") != title_key("2023年述职报告")
    assert title_key("述职报告") != title_key("述廉报告")


# --- names: site and agency shapes --------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "临江县人民政府",
        "中共临江市委组织部",
        "新北市政府人事處",
        "临江市机关事务管理局",
        "某某市大数据发展中心",
    ],
)
def test_looks_like_org_name(name: str) -> None:
    assert looks_like_org_name(name)


@pytest.mark.parametrize(
    "text",
    [
        "走进办公室",
        "我的办公室",
        "关于市政府工作的报告",
        "在县政府",
        "临江县",
        "市人民政府工作报告",
        "加强机关作风建设的思考",
        "区发展改革局召开机关党建与业务融合推进会",
        "政風室",
    ],
)
def test_not_an_org_name(text: str) -> None:
    assert not looks_like_org_name(text)


@pytest.mark.parametrize("text", ["互联网", "本站", "网络", "网友投稿"])
def test_placeholders_are_not_site_names(text: str) -> None:
    assert not looks_like_site_name(text)


# --- source lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("Copyright © 2008-2024 某某公文网 All Rights Reserved", "某某公文网"),
        ("Copyright©2020 www.example.com 某某范文网 版权所有 京ICP备00000000号", "某某范文网"),
        ("版权所有：中共临江市委办公室  地址：临江市人民路1号", "中共临江市委办公室"),
        ("版權所有 © 新北市政府人事處", "新北市政府人事處"),
        ("© 2021 某某之家 联系邮箱：a@example.com", "某某之家"),
        ("本文来自某某公文网，转载请注明出处", "某某公文网"),
        ("某某范文网 | 专注公文写作", "某某范文网"),
    ],
)
def test_site_from_line(line: str, site: str) -> None:
    assert site_from_line(line) == site


@pytest.mark.parametrize(
    "line",
    [
        "本文转载自“某某公文网”公众号，版权归原作者所有。",
        "本文来自网友投稿，不代表本站立场",
        "本文来自互联网，如有侵权请联系删除",
        "本文来自微信公众号某某党建网",
        "版权归原作者所有，如有侵权请联系本站删除",
        "声明：本站所有文章资源内容，如无特殊说明或标注，均为采集网络资源。",
        "人民网 - 人民日报",
        "临江县人民政府办公室",
        "主办单位：临江县人民政府办公室",
        "2023年5月6日",
        "© 2023 All Rights Reserved",
    ],
)
def test_site_from_line_names_nobody(line: str) -> None:
    assert site_from_line(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "来源：互联网  作者：佚名",
        "来源：网络",
        "来源: 本站原创",
        "【来源】网友投稿",
        "來源：網路",
        "来源：区纪委监委",
        "来源：新华社",
        "来源：人民网-人民日报",
    ],
)
def test_source_label_placeholders_and_credits(line: str) -> None:
    assert site_from_source_label(line) is None


def test_source_label_names_the_site() -> None:
    assert site_from_source_label("（来源：某某公文网）") == "某某公文网"
    assert site_from_source_label("【来源】某某范文网") == "某某范文网"


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("关于做好节能工作的通知_临江市人民政府", "临江市人民政府"),
        ("年度工作总结 - 工作总结 - 某某范文网", "某某范文网"),
        ("學習心得分享 | 臺中市政府人事處", "臺中市政府人事處"),
    ],
)
def test_site_from_title_suffix(line: str, site: str) -> None:
    assert site_from_title_suffix(line) == site


@pytest.mark.parametrize(
    "line",
    [
        "关于做好节能工作的通知",
        "年度工作总结 - 工作总结",
        "厉行节约 反对浪费——致全市机关干部职工的倡议书",
        "走进临江——记临江市政务服务网",
        "某某范文网 - 专注于优质范文分享",
    ],
)
def test_site_from_title_suffix_none(line: str) -> None:
    assert site_from_title_suffix(line) is None


def test_site_from_header_line() -> None:
    assert site_from_header_line("临江市机关事务管理局") == "临江市机关事务管理局"
    assert site_from_header_line("• 新北市政府人事處") == "新北市政府人事處"
    assert site_from_header_line("某某范文网 - 专注于优质范文分享") == "某某范文网"
    for line in [
        "县司法局开展机关作风建设专题党课",
        "今天是2023年6月5日 星期一",
        "专业的范文写作服务平台",
        "关于开展机关效能提升年活动的通知",
    ]:
        assert site_from_header_line(line) is None


# --- editor, tags, breadcrumbs ------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "editor"),
    [
        ("【编辑：小林】", "小林"),
        ("[责任编辑:王芳]", "王芳"),
        ("（责任编辑：李明）", "李明"),
        ("【作者】刘洋  【来源】本站原创", "刘洋"),
        ("责任编辑：小范", "小范"),
    ],
)
def test_editor_from_line(line: str, editor: str) -> None:
    assert editor_from_line(line) == editor


@pytest.mark.parametrize(
    "line",
    ["【编辑：】", "编辑:", "作者：佚名", "编辑：admin", "(审核:张何)", "编辑部地址：临江市"],
)
def test_editor_from_line_none(line: str) -> None:
    assert editor_from_line(line) is None


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("首页 -> 理论文章 -> 作风建设", ["首页", "理论文章", "作风建设"]),
        ("首页—>心得体会—>学习心得", ["首页", "心得体会", "学习心得"]),
        ("首页 => 工作总结", ["首页", "工作总结"]),
        ("首页 → 政务公开 → 部门动态", ["首页", "政务公开", "部门动态"]),
        ("您现在的位置是：首页 > 政务公开", ["首页", "政务公开"]),
        ("您的位置：首页 / 工作总结 / 年度总结", ["首页", "工作总结", "年度总结"]),
        ("現在位置：首頁 > 人事服務", ["首頁", "人事服務"]),
    ],
)
def test_breadcrumb_parts(line: str, parts: list[str]) -> None:
    assert breadcrumb_parts(line) == parts


def test_category_from_breadcrumb_drops_home_site_and_title() -> None:
    line = "您现在的位置是：某某范文网 -> 心得体会 -> 学习心得 -> 机关作风建设学习心得体会"
    assert category_from_breadcrumb(line, "机关作风建设学习心得体会") == ["心得体会", "学习心得"]
    assert category_from_breadcrumb("首页 > 正文", None) == []


def test_tags_need_a_label() -> None:
    assert tags_from_line("为人民服务 两会学习") == []
    assert tags_from_line("标签：作风建设，机关党建") == ["作风建设", "机关党建"]


def test_editor_after_unit_and_rank() -> None:
    assert editor_from_line("作者：临江市档案局 办公室主任 王伟") == "王伟"
    # a unit with nobody named after it stays the byline's value
    assert editor_from_line("作者：市委党校") == "市委党校"
    assert editor_from_line("作者：张三 李四") == "张三"


@pytest.mark.parametrize(
    ("line", "account"),
    [
        ("原创 张三 某某机关党建 2023-01-02 发表于江苏", "某某机关党建"),
        ("某某公文派 · 2023-03-21 · 阅读 2.6k", "某某公文派"),
        ("VIP专享文档 · 2023-01-06 · 共5页", None),
        ("作者：张三 2023-01-02", None),
    ],
)
def test_account_from_byline(line: str, account: str | None) -> None:
    # An account names its publisher; the page's own masthead wins over it.
    assert account_from_byline(line) == account


# --- title choice on whole pages -------------------------------------------------------


def _title_of(page: str) -> str | None:
    return process(RawDoc("page.txt", page.encode("utf-8"))).title


_BODY = (
    "今年以来，我们坚持把机关作风建设摆在突出位置，围绕服务群众、服务基层的要求，"
    "从制度建设、队伍管理、作风整顿三个方面入手，取得了阶段性成效。\n\n"
    "一是强化学习教育。全年组织集中学习二十四次，开展专题研讨六次，"
    "干部职工的政治意识和服务意识明显增强。\n\n"
    "二是健全工作制度。修订完善首问负责、限时办结等制度十二项，"
    "做到用制度管人、按制度办事。\n"
)


@pytest.mark.parametrize(
    ("furniture", "title"),
    [
        # the agency that issues a 公文 opens its title on the line above
        (
            "临澜市人民政府\n关于加强机关作风建设的实施意见\n\n",
            "临澜市人民政府关于加强机关作风建设的实施意见",
        ),
        # the title printed first, then the site's header with its slogan
        ("机关作风建设工作总结\n文稿素材苑 — 免费公文范文与写作素材\n\n", "机关作风建设工作总结"),
        # a forum's hashtag and its floor widget come off the title
        ("#心得 机关作风建设工作总结 [复制链接]\n\n", "机关作风建设工作总结"),
    ],
)
def test_title_choice_on_pages(furniture: str, title: str) -> None:
    assert _title_of(furniture + _BODY) == title


@pytest.mark.parametrize(
    "line",
    [
        "研究生：林若溪",  # a field and its value
        "博客等级：12 博客积分：1386",  # several fields
        "网站首页心得体会工作总结演讲稿",  # a menu glued into one line
        "正在加载中，请稍候",  # a loading notice
        "字号：大 中 小",  # the font-size switch
        "¥ 9.90 立即购买",  # a price and its button
        "文/林若溪",  # a credit
    ],
)
def test_widgets_and_fields_are_never_titles(line: str) -> None:
    assert not_a_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "关于加强机关作风建设的实施意见",
        "机关干部下载信息系统培训心得",  # 下载 inside a title is not a widget
        "文化强县建设工作总结",  # opens with 文, no credit slash
        "机关食堂首页菜单改进方案",  # 首页 inside, not at the start
        "2023年度述职报告：在服务中成长",  # a subtitle after a colon, not a field
    ],
)
def test_titles_are_not_mistaken_for_widgets(line: str) -> None:
    assert not not_a_title(line)


_PROSE = (
    "在县直机关工作了五年，我最大的体会是把每件事情都办完、办好，而不是办了就算。"
    "刚参加工作时，领导交代一件事，我发个通知就觉得完成了，后来才明白办了不等于办完。\n"
    "第二个体会，是对基层有了真正的了解。一个村干部要同时应付十几个部门的报表，"
    "理解了基层的难处，写材料、提建议的时候就不会想当然。\n"
    "第三个体会，是心态变得平和了。很多工作是看不见的，比如整理档案、核对数据，"
    "但正是这些不起眼的事情撑起了整个单位的运转。\n"
)


def _doc(page: str):
    return process(RawDoc("page.txt", page.encode("utf-8")))


def test_a_question_asked_as_a_title_with_figures_under_it() -> None:
    page = (
        "问答社区 - 有问题上问答社区\n首页　发现　等你来答　搜索　提问\n"
        "在机关工作五年，你最大的收获是什么？\n关注者 1,204　　被浏览 338,116\n"
        "林间小路\n县直机关科员，写材料的\n" + _PROSE
    )
    doc = _doc(page)
    assert doc.title == "在机关工作五年，你最大的收获是什么？"
    assert doc.paragraphs[0].text.startswith("在县直机关工作了五年")


def test_a_post_title_over_its_author_and_time() -> None:
    page = (
        "知讯号\n首页　推荐　政务　财经\n机关干部如何写好调研报告？一位老同志的五点经验\n"
        "老笔杆\n2022-04-11 07:35　·　来自湖南\n" + _PROSE
    )
    doc = _doc(page)
    assert (doc.title, doc.date.isoformat()) == (
        "机关干部如何写好调研报告？一位老同志的五点经验",
        "2022-04-11",
    )
    assert doc.paragraphs[0].text.startswith("在县直机关工作了五年")


def test_a_headline_over_prose_is_still_the_essay() -> None:
    """A first line shaped like a headline, with prose right under it, stays in the body."""
    page = "机关干部如何写好调研报告？\n" + _PROSE
    doc = _doc(page)
    assert doc.paragraphs[0].text.startswith("在县直机关工作了五年")


@pytest.mark.parametrize(
    ("field", "title"),
    [
        (
            "题名:县级政府公务员数字素养研究——以三个县为例",
            "县级政府公务员数字素养研究——以三个县为例",
        ),
        ("論文名稱:地方政府基層人員服務品質之研究", "地方政府基層人員服務品質之研究"),
    ],
)
def test_a_repository_record_names_its_title_in_a_field(field: str, title: str) -> None:
    page = (
        f"机构知识库\n首页　浏览　检索\n研究生:林若溪\n研究生(外文):Lin, Ruo-Xi\n{field}\n指导教师:宋华\n"
        + _PROSE
    )
    assert _doc(page).title == clean_title(title)


def test_a_blog_title_printed_with_its_time() -> None:
    page = (
        "若水的博客\n博客首页　文章列表　相册　留言板\n"
        "驻村日记:冬天的第一场雪 (2016-12-08 21:37:15)\n标签:驻村 日记\n" + _PROSE
    )
    doc = _doc(page)
    assert (doc.title, doc.date.isoformat()) == ("驻村日记：冬天的第一场雪", "2016-12-08")


def test_a_manuscript_date_is_not_the_page_date() -> None:
    page = "基层党支部积分制管理研究\n" + _PROSE + "收稿日期:2020-03-11\n"
    assert _doc(page).date is None


@pytest.mark.parametrize(
    ("masthead", "source"),
    [
        ("叮当文库　在线文档分享平台", "叮当文库"),
        ("文稿素材苑 — 免费公文范文与写作素材", "文稿素材苑"),
    ],
)
def test_a_masthead_names_the_site_before_its_slogan(masthead: str, source: str) -> None:
    page = f"{masthead}\n首页 | 分类 | 排行 | 专题\n乡镇干部跟班学习心得体会\n" + _PROSE
    doc = _doc(page)
    assert (doc.source, doc.title) == (source, "乡镇干部跟班学习心得体会")


def test_a_name_over_a_menu_is_the_site_not_the_title() -> None:
    """The first line above a menu is the site's name, even when no rule knows the name."""
    page = (
        "清溪公号汇\n首页 | 党建 | 组工 | 纪检 | 宣传\n原创 清溪镇党委 2023-07-03 08:30\n"
        "点击上方蓝字 关注我们\n当好村党组织书记的五点体会\n" + _PROSE
    )
    doc = _doc(page)
    assert (doc.title, doc.source) == ("当好村党组织书记的五点体会", "清溪公号汇")
