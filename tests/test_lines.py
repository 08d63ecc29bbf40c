"""Furniture rules: positive cases live in the rules' doctests; here, text that must stay."""

from __future__ import annotations

import pytest

from zh_gov_essays.furniture import FURNITURE
from zh_gov_essays.rules import LineRule

# Essay prose that looks a little like page furniture.  No line rule may
# fire on any of these.
MUST_STAY = [
    "2005年,胶州市委办公室大胆导入ISO9001-2000质量管理体系。",
    "测评目标达到100%,被誉为创新机关的绿色通道。",
    "产值由5亿>8亿,增长明显,群众满意度不断提升。",
    "要加强导航系统建设,为群众出行提供方便。",
    "我们要认真听取群众的评论和意见,不断改进工作。",
    "篇幅不长,内容却十分丰富,值得每一位党员认真阅读。",
    "合理安排机关干部到縣(市)、鄉鎮和企業掛職鍛煉。",
    "上一年度的工作总结中,我们已经提出了明确的目标。",
    "关键在于落实,要把各项措施落到实处。",
    "经济合作暨发展组织(Organization for Economic Co-operation, OECD)致力于公共服务伦理建设。",
    "各位代表,现在我代表市人民政府向大会报告工作。",
    "一、加强学习,统一思想",
    "(一)紧贴中心,认真履行参谋助手职责。",
    "2022年3月17日,学院召开了2021年度支部书记抓党建工作述职评议会。",
    "对收集的资料要进行认真分析,形成有价值的调研报告。",
    "红军不怕远征难,万水千山只等闲。",
    "学而时习之,不亦说乎?有朋自远方来,不亦乐乎?",
    "社論指出，政府號稱是最大的服務業。",
    "图书馆要加强对青年读者的服务。",
    "A股市场总体平稳,投资者信心有所恢复。",
    # Near misses of the round-2 kinds: news, journals, sharing sites, portals, forums, promos.
    "喜讯传来,全县干部群众倍受鼓舞。",
    "工作简讯",
    "作者要深入基层,掌握第一手资料,才能写出有分量的调研报告。",
    "据市统计局资料,全市机关人均能耗同比下降4.6%。",
    "张某某,男,1965年出生,中共党员,现任县水利局局长。",
    "他的研究成果获得了省科技进步奖。",
    "2、各单位上传文档前须经保密审查,严禁侵犯他人版权。",
    "要做好文档的收集、整理和归档工作。",
    "市图书馆开通电子书免费下载服务。",
    "分类指导是做好基层工作的关键。",
    "文号要规范,格式要统一。",
    "引用一句古话:民为邦本,本固邦宁。",
    "他在日记中写道:",
    "正如老同志所说:",
    "发展高级会员三百余名,会员总数突破一千人。",
    "这是我坚持下村走访的第100天。",
    "驻村第100天",
    "接到报告后,要立即了解情况,及时上报。",
    "Serve the People",
    "ISO 9001",
    "市直机关工委开通官方公众号,及时发布工作动态。",
    "走进现场",
    "信息搜索要全面,不能遗漏重要线索。",
    "宣传人大制度,交流人大经验,推进民主法制建设。",
    "我局积极探索AI助手在政务服务中的应用。",
    "若需进一步了解政策详情,请拨打12345政务服务热线。",
    "以上是我的几点体会,不妥之处请大家批评指正。",
    "述职报告是领导干部向选举或任命机构汇报履职情况的报告,内容包括工作实绩和存在问题。",
]


@pytest.mark.parametrize("text", MUST_STAY)
@pytest.mark.parametrize("rule", FURNITURE, ids=lambda r: r.name)
def test_line_rule_leaves_prose_alone(rule: LineRule, text: str) -> None:
    assert not rule(text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("page_number", "8"),
        ("punctuation_only", "•"),
        ("navigation", "跳到主要內容區塊"),
        ("breadcrumb", "位置:首页 > 汇报体会 > 工作汇报"),
        ("counter", "资料点阅次数:1188"),
        ("prev_next", "下一篇:如何加强和改进基层党建工作"),
        ("comment_widget", "评论功能已关闭"),
        ("site_notice", "Copyright © 2015-2022 某某网 版权所有"),
        ("truncation_notice", "因篇幅问题不能全部显示,请点此查看更多更全内容"),
        ("bookmark_widget", "收藏《述职报告的写作》)"),
        ("document_sharing", "- 页数:12"),
        ("paper_metadata", "中图分类号:D630"),
        ("photo_caption", "图为座谈会现场。"),
        (
            "english_translation",
            "The purpose of the party and the nature of the government "
            "determine what the government must do.",
        ),
        ("dateline", "新华社北京3月15日电"),
        ("date_line", "更新时间:2016-05-18 14:52:37"),
        ("byline", "责任编辑:王某"),
        ("tag_list", "标签:为人民服务 两会学习"),
        ("seo_intro", "以下是小编精心整理的心得体会范文,仅供参考。"),
        ("dateline", "本报讯（记者 王某 通讯员 李某）"),
        ("credit_line", "（作者：王立新 市委党校）"),
        ("sharing_notice", "文档简介"),
        ("truncation_notice", "已阅读5页,还剩11页未读 继续免费阅读"),
        ("info_fields", "发 布 机 构 市人民政府办公室 发 文 日 期 2019-11-29"),
        ("forum_quote", "原帖由 某某 于 2015-06-02 21:14 发表"),
        ("forum_furniture", "引用 TOP"),
        ("english_front_matter", "ZHAO Ming1, LI Xiaohong2"),
        ("author_bio", "王某(1980—),男,某大学公共管理学院副教授,博士,主要研究方向为基层治理。"),
        ("series_tagline", "日更打卡第30天,每天一分钟"),
        ("account_card", "某某市直机关工委官方公众号，发布机关党建工作动态。"),
        ("photo_caption", "全体参训学员合影"),
        ("promo", "公文助手，超好用的公文写作神器！立即了解"),
        ("chatbot_aside", "需要我帮你调整字数或语气吗？"),
        (
            "genre_intro",
            "总结是对工作的回顾和分析。该怎么写呢?这里给大家分享一些总结范文,方便大家学习。",
        ),
        ("keyword_salad", "工作总结范文 工作总结怎么写 年终总结大全 个人总结模板"),
        ("sharing_notice", "成为VIP后，下载本文档将扣除1次下载权益。"),
        ("slogan_banner", "履行法定职责 服务人民群众；推进依法治县 建设美丽新区。"),
    ],
)
def test_line_rule_names_its_kind(rule: str, text: str) -> None:
    first = next(r.name for r in FURNITURE if r(text))
    assert first == rule


def test_every_rule_has_a_docstring_with_an_example() -> None:
    for rule in FURNITURE:
        assert rule.fn.__doc__ and ">>>" in rule.fn.__doc__, rule.name
        assert "Left alone" in rule.fn.__doc__, rule.name
