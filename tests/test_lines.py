"""Furniture rules: positive cases live in the rules' doctests; here, text that must stay."""

from __future__ import annotations

import pytest

from tests.conftest import process_text
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
    # Near misses of the fifth round's kinds: captions, notes, welcomes, widgets, lists, viewers.
    "学员们分组讨论后,大家一致认为,开短会、讲短话,关键在于会前准备充分。",
    "党员干部要带头学习",
    "群众满意度明显提升",
    "干部作风明显好转",
    "机关干部作风建设学习心得体会",
    "宣传部门组织记者深入一线进行拍摄。",
    "作者是一位老党员,他在书中回顾了四十年的基层工作。",
    "这里节选了三段话,供大家对照学习,体会其中的道理。",
    "个人意见仅代表个人,不代表组织。",
    "欢迎您对我们的工作提出宝贵意见。",
    "欢迎各位来宾光临指导!",
    "本文以三个县的乡镇责任清单为样本,考察清单从制定到运行的过程。",
    "本文为作者在全县作风建设大会上的讲话。",
    "今天气温12～21℃,多云转晴。",
    "2021年3月5日 星期五 晴",
    "第一篇文章写得最好,第二篇稍显冗长。",
    "第一篇 总论",
    "要关注该公众号发布的政策解读,及时掌握上级精神。",
    "分享经验",
    "群众用手机扫码就能查看办事进度。",
    "报告全文约3万字,PDF版本已上传。",
    "完整内容请以正式印发的文件为准。",
    "全年发帖12,384条,回复56,021条。",
    "考核得分92.5分,位列全市第一。",
    "全年共有126人次下载了办事指南。",
    "(推荐人:县委组织部)",
    "本刊今年第2期刊登了这篇文章。",
    "[关键在于落实]",
    "我们通过座谈会现场听取了群众意见。",
    "考核等级：优秀",
    "党员干部为群众办实事",
    "（数据由县统计局提供）",
    "发表于《人民日报》的这篇评论引起了广泛关注。",
    "签名要工整，日期要写全。",
    # Near misses of the sixth round's kinds: records, counts, running heads, lead-ins, lists.
    "全村128人赞同了这个方案，方案在村民代表大会上顺利通过。",
    "关注民生 回应关切",
    "专题一：学习贯彻党的二十大精神",
    "专题学习要联系实际。",
    "全年办理案件187件，办结率100%。",
    "未经授权不得转载他人作品，这是著作权法的基本要求。",
    "上一篇文章中我们谈到了调研的方法。",
    "个人分享的内容不代表组织立场，但可以帮助大家打开思路。",
    "本讲稿分为三个部分，请大家结合实际学习。",
    "推荐阅读书目：《论持久战》《实践论》",
    "#心得 基層公務員第一年，我學到的五件事",
    "第一章 总则",
    # words of reply floors, tip boxes, watermarks, editors' leads and attachments
    "群众的赞赏是对我们最大的支持，也是最好的鞭策。",
    "我们在三楼会议室召开了座谈会，听取了十几位网格员的意见。",
    "其他回答问题的同志也很踊跃，会场气氛十分热烈。",
    "请将附件中的表格于本周五前报送办公室。",
    "内部资料要注意保存，不得随意外传，这是保密纪律的基本要求。",
    "写评论文章要有理有据，不能只喊口号。",
    "这篇文章的编者按写得很好：短小而有力。",
    "我们要团结广大干部群众，做到以下几点：",
    "相关链接：请各单位于月底前报送。",
    "技术支持单位要派专人驻点，确保系统平稳运行。",
    "（此件公开发布）",
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
        # the fifth round's kinds, as other sites print them
        ("page_tools", "［打印］［关闭］"),
        ("page_tools", "附件下载：实施方案.docx（36 KB）"),
        ("rating_widget", "☆☆☆☆☆ 暂无评价 ｜ 18人已下载"),
        ("wechat_chrome", "向上滑动看下一个"),
        ("inline_recommendation", "（延伸阅读：如何写好述职报告）"),
        ("scene_caption", "参会人员认真听取情况介绍"),
        ("photo_caption", "座谈会现场"),
        ("photo_caption", "与会人员参观展厅。新华社记者 王某 摄"),
        ("end_mark", "-END-"),
        ("editor_note", "（本文有删节，标题为编者所加）"),
        ("author_bio", "作者系某市委党校讲师"),
        ("part_marker", "【篇三】"),
        ("welcome_line", "歡迎蒞臨某某鄉公所全球資訊網"),
        ("navigation", "今日 陰 18~24°C"),
        ("navigation", "首页 上一页 … 3 4 5 … 下一页 尾页"),
        ("related_links", "大家还在问"),
        ("forum_furniture", "LV6 资深会员"),
        ("forum_furniture", "发表者：老周 于 下午3:20"),
        ("paper_metadata", "［文献标识码］A"),
        ("paper_metadata", "《地方治理研究》2022年第4期 第15-21页"),
        ("english_front_matter", "刘芳 Fang Liu, 陈志明 Zhiming Chen"),
        ("truncation_notice", "已浏览 2/6 页"),
        ("document_summary", "内容简介：本资料为某县年度工作总结，共5部分，仅供参考。"),
        ("promo", "让AI帮你写一篇心得体会 >>"),
        ("welcome_line", "您好，欢迎来到清风文库！"),
        ("page_tools", "[ 打印 ] [ 关闭 ]"),
        ("page_tools", "长按二维码关注我们"),
        ("photo_caption", "（图片由县委宣传部提供）"),
        ("scene_caption", "窗口工作人员为群众办理业务"),
        ("editor_note", "（本文系2022年度省社科规划项目“基层减负机制研究”（22ZD05）的阶段性成果）"),
        ("paper_metadata", "网络首发时间：2022-05-06 10:21"),
        ("related_links", "你可能感兴趣"),
        ("forum_furniture", "发表于 3 天前"),
        ("forum_furniture", "阅读(123) 评论(4)"),
        ("forum_furniture", "用户组：注册会员"),
        ("navigation", "共10页: 上一页 1 2 3 下一页"),
        ("part_marker", "精选范文（二）"),
        # the sixth round's kinds, as other sites print them
        ("database_record", "专辑：社会科学Ⅱ辑"),
        ("database_record", "下载次数(126) 被引次数(4)"),
        ("paper_metadata", "来源：《基层治理研究》2023年第2期 第31-36页"),
        ("social_counts", "关注者 512 被浏览 80,233"),
        ("social_counts", "56 人赞同了该回答"),
        ("social_counts", "赞同 56 添加评论 分享 收藏 喜欢"),
        ("page_number", "·21·"),
        ("running_header", "第2期 姜若溪：社区网格化治理中的“微自治”实践研究 ·33·"),
        ("sharing_notice", "免费预览（共8页，可预览3页）"),
        ("truncation_notice", "— 预览结束 —"),
        ("site_notice", "导读：本文是某某范文网为您整理的年度工作总结，欢迎阅读与收藏。"),
        ("tag_list", "#网格员 #年度总结 #社区工作"),
        ("related_links", "【推荐阅读】"),
        ("prev_next", "上一篇 下一篇 返回版面"),
        ("credit_line", "（文字：党建工作部 王某）"),
        ("editor_note", "＊本文為學員個人分享，內容不代表本局立場。"),
    ],
)
def test_line_rule_names_its_kind(rule: str, text: str) -> None:
    first = next(r.name for r in FURNITURE if r(text))
    assert first == rule


def test_every_rule_has_a_docstring_with_an_example() -> None:
    for rule in FURNITURE:
        assert rule.fn.__doc__ and ">>>" in rule.fn.__doc__, rule.name
        assert "Left alone" in rule.fn.__doc__, rule.name


# Runs of lines labelled by the line one rule names (furniture.runs): the
# negative cases, whose every line is the essay's.
ESSAY_WITH_LISTS = (
    "关于做好国庆假期安全工作的提示\n"
    "国庆假期将至，为确保全体干部职工度过一个安全、祥和的假期，现将有关事项提示如下。\n"
    "温馨提示：\n"
    "1、外出前请关好门窗、水电，注意防火防盗。\n"
    "2、各单位要上传值班表，严禁漏报瞒报。\n"
    "3、乘坐公共交通工具时请保管好随身物品。\n"
    "目录\n"
    "1、值班安排\n"
    "2、应急联络\n"
    "值班安排\n"
    "各单位要严格落实领导带班和干部值班制度，值班人员要坚守岗位，保持通信畅通。\n"
)


def test_numbered_lists_and_short_lines_of_an_essay_stay() -> None:
    doc = process_text(ESSAY_WITH_LISTS)
    kept = [p.text for p in doc.paragraphs]
    assert "温馨提示：" in kept and "1、外出前请关好门窗、水电，注意防火防盗。" in kept
    assert "2、各单位要上传值班表，严禁漏报瞒报。" in kept
    assert "1、值班安排" in kept and "值班安排" in kept  # an essay's own contents list
    assert {r.rule for r in doc.removed} >= {"title"}
    assert not {r.rule for r in doc.removed} & {"sharing_notice", "table_of_contents"}
