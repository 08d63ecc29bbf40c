"""The words pages print before a value, and the words of page furniture, spelled once.

Each constant is the body of a regex alternation (no capturing groups), to be
wrapped as ``f"(?:{DATE_WORDS})"``; word sets are frozensets.
"""

from __future__ import annotations

import re

from zh_gov_essays.vocab.chars import HAN

DATE_WORDS = "时间|時間|日期"
"""A date label: ``时间:2022-06-25``, ``發布日期:112-06-08``."""

PUBLISH_WORDS = "发布|發布|發佈|发表|發表|刊登|公布|公佈"
"""What a publication-date label says before its date word: ``发布时间``."""

SOURCE_WORDS = "来源|來源|出处|出處"
"""A source label: ``来源:威能网``."""

EDITOR_WORDS = "责任编辑|責任編輯|编辑|編輯|责编|責編|作者"
"""An editor or author label: ``編輯:小景``."""

COPYRIGHT = "版权所有|版權所有"
"""The copyright phrase of a site's notice or watermark."""

HOME_WORDS = "首页|主页|首頁|主頁|网站首页|網站首頁|Home|HOME"
"""The home link that opens a breadcrumb or a menu."""

BACK_HOME = "回首頁|回首页|返回首页|首页|首頁"
"""A link back home closing a header line: ``某某分署:回首頁``."""

CRUMB_ARROWS = ">|›|»|＞|→"
"""The arrows between breadcrumb levels (``首頁>心得體會``); longer forms are added where used."""

FILE_EXTENSIONS = "docx?|pdf|pptx?|xlsx?|wps|txt"
"""Office and text file extensions that document-sharing sites print after titles."""

GENRE_WORDS = (
    "报告|報告|总结|總結|体会|體會|心得|讲话|講話|发言|發言|方案|意见|意見|通知|计划|計劃|规划|規劃|"
    "决定|決定|办法|辦法|制度|纪要|紀要|述职|述職|讲稿|講稿|综述|綜述"
)
"""The genres a title ends with: ``…工作总结``, ``…上的讲话``, ``…实施方案``."""

COLUMN_WORDS = (
    "政府政务|政府政務|党团范文|黨團範文|党建范文|黨建範文|公文范文|公文範文|实用范文|實用範文|"
    "范文大全|範文大全|行政公文|党政公文|黨政公文|机关公文|機關公文"
)
"""Column names of 范文 sites that get glued to the end of a title: ``…讲话政府政务``."""

ADDRESSEES = (
    "同志|代表|委员|委員|朋友|领导|領導|来宾|來賓|老师|老師|同学|同學|各位|大家|先生|女士|家长|家長|战友|戰友|"
    "干部|幹部|职工|職工|党员|黨員|团员|團員|员工|員工|居民|市民|村民|群众|群眾|乡亲|鄉親|青年|师生|師生"
)
"""Whom a speech or a letter addresses: ``同志们：``, ``各位委员：``, ``全市广大机关干部：``."""

SURNAMES = (
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈"
    "夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵钱錢严嚴覃武戴莫孔汤湯"
    "施牛樊葛邢齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿兰蘭焦俞左柳甘祝包宁寧尚符舒"
    "阮柯纪紀梅童凌毕畢单單季裴霍涂苗谷盛曲翁冉骆駱蓝藍游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟"
    "艾尤阳陽穆农農卓古吉缪繆简簡车車项項芦蘆麦麥褚娄婁窦竇戚岑景宫宮费費卜冷晏席卫衛米柏宗瞿桂"
    "佟应應臧闵閔苟邬鄔边邊卞姬师師仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏佘池查麻苑迟遲邝鄺"
)
"""Common Chinese surnames, Simplified and Traditional, for one character class: ``[{SURNAMES}]``."""

MAX_SALUTATION_CHARS = 15
MAX_LIST_SALUTATION_CHARS = 30
MAX_ADDRESSEE_CHARS = 8
# "尊敬的主席", "親愛的畢業生": whoever is addressed with an honorific
_HONORIFIC = re.compile("尊敬的|亲爱的|親愛的|敬爱的|敬愛的")
# The greeting closing an address: "各位鄉親，大家好："
_GREETING = "大家好|大家早安|大家午安|大家晚安|你们好|你們好|早上好|上午好|下午好|晚上好"


def is_salutation(text: str) -> bool:
    """A speech's or a letter's opening address: short, addressed to people, ending in a colon.

    >>> is_salutation("同志们："), is_salutation("黎作凤各位委员、同志们："), is_salutation("全市广大机关干部：")
    (True, True, True)

    Left alone: longer lines and lines that address nobody.

    >>> is_salutation("现将有关事项通知如下："), is_salutation("同志们好")
    (False, False)

    A longer address is a list of short addressees, each naming whom it greets:

    >>> is_salutation("尊敬的主席、各位副主席，各位委员："), is_salutation("各位志工夥伴、各位鄉親，大家好：")
    (True, True)
    >>> is_salutation("我们要团结广大干部群众，做到以下几点：")
    False
    """
    if text[-1:] not in ":：" or re.search(ADDRESSEES, text) is None:
        return False
    if len(text) <= MAX_SALUTATION_CHARS:
        return True
    parts = re.split(r"[、，,]", text[:-1])
    return len(text) <= MAX_LIST_SALUTATION_CHARS and all(
        0 < len(part) <= MAX_ADDRESSEE_CHARS
        and (re.search(ADDRESSEES, part) or re.fullmatch(_GREETING, part) or _HONORIFIC.match(part))
        for part in parts
    )


NAV_WORDS = frozenset(
    """导航 首页 主页 网站首页 设为首页 加入收藏 收藏本站 网站地图 登录 注册 手机版 返回首页 返回顶部
    回到顶部 回首页 回首頁 首頁 網站導覽 手機選單 手机选单 分享 分享到 列印 打印 关闭 關閉 開啟 打开 字号
    字體 字体 大 中 小 A+ A- ▲開啟 ▼關閉 按Enter到主內容區 跳到主要內容區塊 跳到主要内容 跳到主要内容区块
    ::: 搜索 搜尋 更多 热门 推荐 相关文章 相关阅读 热门文章 猜你喜欢 上一页 下一页 返回 RSS 繁體 简体 English
    無障礙 无障碍 友善列印 轉寄 转发 微信 微博 QQ空间 复制链接 点赞 收藏 评论 举报 纠错 在看 关于我们
    联系我们 關於我們 聯絡我們 网站声明 隐私政策 意见反馈 政务公开 政务服务 互动交流 新闻中心 网站导航
    回上一頁 回上一页 返回上一页 返回列表 打印本页 关闭窗口 關閉視窗 【打印本页】 【关闭窗口】 【打印】 【关闭】
    网站首页 English版 手机版 無障礙專區 网站支持IPv6 回頁首 返回頁首 回到頁首 列印本頁 TOP top Top
    返回頂部 回頂端 尾页 上頁 下頁 END 點個在看 点个在看 发帖 回复 發帖 回覆 博文目录 图片 关于我 首頁
    雙語網頁 意見信箱 網站導覽 熱門推薦 热门推荐 Facebook Twitter LINE Line Plurk Email 分享: 分享：
    全站熱搜 全站热搜 Weibo WeChat""".split()
)
"""Words that only ever appear as navigation links, each a whole token of a menu bar."""

SOCIAL_BUTTONS = frozenset(
    """关注问题 關注問題 写回答 寫回答 邀请回答 邀請回答 添加评论 添加評論 赞同 贊同 反对 反對 感谢 感謝
    分享 收藏 喜欢 喜歡 举报 舉報 反馈 反饋 举报/反馈 舉報/反饋 回应 回應 阅读全文 閱讀全文 展开阅读全文
    展開閱讀全文 收起 理由 评论 評論 留言 按讚 按赞 点赞 點讚 没有帮助 沒有幫助 关注 關注""".split()
)
"""The buttons of a Q&A, social or forum page, each a whole token of its button row."""

WIRE_DATELINE = (
    rf"(?:[{HAN}]{{2,12}}\s*)?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:电|電|讯|訊)"
    rf"|[{HAN}]{{2,8}}(?<![简簡快短通资資喜电電视視音问問审審传傳])(?:讯|訊)"
)
"""A news dateline: ``新华社北京3月15日电``, ``華聲在線10月20日訊``, ``本报讯``, ``金山讯`` (a paper
named by its city); words ending in 讯 that name no paper (简讯, 快讯, 喜讯, 通讯…) do not count."""

REPORTER_CREDIT = (
    r"[(（〔【](?:记者|記者|通讯员|通訊員|本报记者|本報記者)[^)）〔〕【】]{1,40}[)）〕】]"
)
"""The reporters' credit after a dateline or closing a report: ``（记者 王某 通讯员 李某）``."""
