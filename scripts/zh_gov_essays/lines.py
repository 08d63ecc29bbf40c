"""Line classification: which kind of page furniture a line is.

Each *line rule* is a pure predicate ``str -> bool`` registered by name with
:func:`line_rule`.  A line matched by a rule is removed and logged under that
rule's name; the pipeline pulls metadata (dates, sources, tags…) out of the
removed lines.  Rules are kinds of noise, not strings of one site: site names
live in ``data/sites.toml``.

``scope`` says where a rule may fire: ``"any"`` (the pattern cannot be essay
prose) or ``"edge"`` (only before the first or after the last body
paragraph, where page headers and footers live).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from zh_gov_essays.dates import find_date, strip_dates
from zh_gov_essays.sites import load_sites, looks_like_site_name

LineFn = Callable[[str], bool]


@dataclass(frozen=True)
class LineRule:
    name: str
    fn: LineFn
    scope: str  # "any" or "edge"


LINE_RULES: list[LineRule] = []


def line_rule(name: str, *, scope: str = "any") -> Callable[[LineFn], LineFn]:
    """Register a line predicate; rules are tried in registration order."""

    def register(fn: LineFn) -> LineFn:
        LINE_RULES.append(LineRule(name, fn, scope))
        return fn

    return register


CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
SENTENCE_PUNCT = re.compile(r"[。，,；;！？!?]")
_LEADING_BULLET = re.compile(r"^[•·●○■□◆◇▪▫◎★☆※\-–—*]+\s*")


def strip_bullet(line: str) -> str:
    """The line without a leading list bullet (``• 2019-12-17`` → ``2019-12-17``)."""
    return _LEADING_BULLET.sub("", line)


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


# --- rules that may fire anywhere -------------------------------------------


@line_rule("page_number")
def page_number(line: str) -> bool:
    """A lone page number between paragraphs, possibly dressed as ``- 3 -``.

    >>> page_number("1"), page_number("- 12 -"), page_number("第3页"), page_number("3/8")
    (True, True, True, True)

    Left alone: numbers with text (``2024年``), years and long numbers.

    >>> page_number("2024"), page_number("1、"), page_number("100%")
    (False, False, False)
    """
    return bool(
        re.fullmatch(r"[-—–\s]*(?:第\s*)?\d{1,3}\s*(?:页|頁)?[-—–\s]*|\d{1,3}\s*/\s*\d{1,3}", line)
    )


@line_rule("punctuation_only")
def punctuation_only(line: str) -> bool:
    """A line with no letter, digit or ideograph left (``•``, ``:::``, ``。``).

    >>> punctuation_only(":::"), punctuation_only("-->。"), punctuation_only("一")
    (True, True, False)

    Left alone: any line with a single letter, digit or ideograph in it.
    """
    return not any(ch.isalnum() for ch in line)


_NAV_WORDS = frozenset(
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
# A menu: a few short words separated by spaces, possibly after a label.
_MENU_RUN = re.compile(r"(?:[^\s:：]{1,6}[:：]\s*)?(?:[^\s，。,;；]{1,8}\s+){2,}[^\s，。,;；]{1,8}")
_MENU_LABEL = re.compile(
    r"^[^\s:：]{0,4}(?:推荐|推薦|导航|導航|热门|熱門|栏目|欄目|分类|分類|频道|頻道|热词|熱詞|专题|專題)\s*[:：]"
)
# Widgets shown as a sentence: "今天是：2023年6月5日 星期一".
_TODAY = re.compile(r"^(?:今天是|今天|今日)[:：]?.{0,20}?(?:星期|週|周)[一二三四五六日天]")


@line_rule("navigation")
def navigation(line: str) -> bool:
    """A bar of navigation links: every token is a known link word, or a pipe menu.

    >>> navigation("设为首页 加入收藏"), navigation("按Enter到主內容區"), navigation("▲開啟 ▼關閉")
    (True, True, True)
    >>> navigation("文秘之友|原创|范文|素材|写作|PPT|")
    True
    >>> navigation("法務部行政執行署士林分署:回首頁"), navigation("今天是：2023年6月5日 星期一")
    (True, True)

    Left alone: prose that mentions such words (``请关闭电源``) and pipes in text.

    >>> navigation("要加强导航系统建设"), navigation("甲|乙两方面的问题都要认真研究解决")
    (False, False)
    >>> navigation("| 1月 | 党章党规 | 集中学习 | 支部书记 |")
    False
    """
    tokens = [t for t in re.split(r"[\s|｜·•/]+", line) if t]
    if tokens and all(t in _NAV_WORDS or (t.isdigit() and len(t) <= 3) for t in tokens):
        return not all(t.isdigit() for t in tokens)  # a pager "上一页 1 2 3 下一页"
    if _TODAY.match(line):
        return True
    if (
        _MENU_RUN.fullmatch(line)
        and (tokens[0] in _NAV_WORDS or _MENU_LABEL.match(line))
        and not re.search(r"[>＞›»→]|\d", line)
    ):
        return True  # "首页 工作总结 个人工作总结", "热门推荐:述职报告 心得体会 …"
    if line.startswith(("|", "｜")) and line.endswith(("|", "｜")):
        return False  # a flattened table row, not a menu
    if re.search(r"[:：]\s*(?:回首頁|回首页|返回首页|首页|首頁)$", line) and len(line) <= 30:
        return True
    parts = [p.strip() for p in re.split(r"[|｜]", line) if p.strip()]
    return ("|" in line or "｜" in line) and len(parts) >= 3 and all(len(p) <= 6 for p in parts)


_HOME = r"(?:首页|主页|首頁|主頁|网站首页|網站首頁|Home|HOME)"
_CRUMB_LABEL = re.compile(
    r"^(?:您的当前位置|您当前的位置|您现在的位置|你的位置|您的位置|当前位置|所在位置|位置|目前位置|"
    r"您的當前位置|當前位置|現在位置|现在位置|您現在的位置|所在位置)\s*是?\s*[:：]"
)
CRUMB_SEP = re.compile(r"\s*(?:>>|->|=>|>|›|»|＞|→|/)\s*")


@line_rule("breadcrumb")
def breadcrumb(line: str) -> bool:
    """A breadcrumb trail: ``首頁>心得體會>工作體會>…`` or ``您的当前位置:首页正文``.

    >>> breadcrumb("首頁>心得體會>工作體會>創建學習型、服務型、創新型機關重塑公僕形象")
    True
    >>> breadcrumb("主页 > 论文知识 > 最新论文资料 > 行政 > > 详细内容")
    True
    >>> breadcrumb("中國共產黨新聞網>>高層動態"), breadcrumb("您的当前位置:首页正文")
    (True, True)
    >>> breadcrumb("首页 - 范文大全 - 心得体会"), breadcrumb("党建频道>>理论研究")
    (True, True)

    Left alone: arrows inside prose (``产值由5亿>8亿,增长明显。``) and slashes
    in titles (``社論/提升公務人員為民服務品質``).

    >>> breadcrumb("产值由5亿>8亿,增长明显。"), breadcrumb("社論/提升公務人員為民服務品質")
    (False, False)
    """
    if _CRUMB_LABEL.search(line):
        return True
    if "。" in line or len(line) > 120:
        return False
    if re.match(rf"^{_HOME}\s*[-–—]\s*\S", line):
        parts = re.split(r"\s*[-–—]\s*", line)
        return len(parts) >= 3 and all(len(p) <= 20 for p in parts)
    parts = CRUMB_SEP.split(line)
    if len(parts) < 2 or not re.search(r">|›|»|＞|→", line):
        return False
    head = parts[0].strip()
    return (
        re.fullmatch(_HOME, head) is not None
        or looks_like_site_name(head)
        or load_sites().canonical(head) is not None
        or (len(parts) >= 3 and all(len(p) <= 25 for p in parts))
        or (
            re.search(r">>|›|»", line) is not None
            and len(line) <= 80
            and all(len(p) <= 20 for p in parts)
            and not SENTENCE_PUNCT.search(line)
        )
    )


_COUNTER = re.compile(
    r"(?:浏览|瀏覽|阅读|閱讀|点击|點擊|點閱|点阅|人气|人氣|访问|訪問|查看)"
    r"(?:次数|次數|数|數|量|率|人次)?\s*[:：]?\s*[\d,]*\s*次?"
)


@line_rule("counter")
def counter(line: str) -> bool:
    """A view counter, possibly sharing the line with an update time.

    >>> counter("浏览次数:  更新时间:2016-05-18 14:52:37"), counter("資料點閱次數:1188")
    (True, True)
    >>> counter("浏览:0次"), counter("點閱率:1,611")
    (True, True)

    Left alone: prose about reading (``加强阅读量的积累,提高阅读能力。``).

    >>> counter("加强阅读量的积累,提高阅读能力。"), counter("网站总访问量：3,256,781次")
    (False, False)
    """
    m = _COUNTER.search(line)
    if not m or SENTENCE_PUNCT.search(line.replace(",", "")):
        return False
    before = strip_dates(strip_bullet(line[: m.start()]))
    before = re.sub(r"[^\s:：|【】\[\]]*[:：]\s*\S*|[\s|【】\[\]]", "", before)
    if cjk_count(re.sub(r"^(?:资料|資料|文章|本文|页面|頁面|網頁|网页)", "", before)) > 1:
        return False  # "网站总访问量:3,256,781次" in a report counts something else
    rest = strip_dates(line[: m.start()] + line[m.end() :])
    rest = re.sub(r"字[号號體体]\s*[:：]?\s*(?:[TＴ大中小AＡ+\-]\s*\|?\s*){1,4}", "", rest)
    rest = re.sub(r"(?:更新|发布|發布|發佈)?(?:时间|時間|日期)\s*[:：]?|[\d\s:：|]", "", rest)
    return len(rest) <= 6 and bool(re.search(r"[:：\d次]", m.group(0)))


@line_rule("prev_next")
def prev_next(line: str) -> bool:
    """Links to the previous or next article.

    >>> prev_next("上一篇:新时期如何做好基层社区党建工作"), prev_next("下一篇:如何加强和改进基层党建工作")
    (True, True)

    Left alone: prose starting with similar words (``上一篇文章中我们谈到``).
    """
    return bool(
        re.match(
            r"(?:上一篇|下一篇|上一页|下一页|上篇|下篇|上一則|下一則|上一條|下一條|上一条|下一条|"
            r"前一篇|后一篇|後一篇|上一頁|下一頁)\s*[:：]",
            line,
        )
    )


@line_rule("comment_widget")
def comment_widget(line: str) -> bool:
    """Comment boxes: ``网友评论《…》``, ``评论功能已关闭``.

    >>> comment_widget("网友评论《如何加强服务型机关建设》"), comment_widget("评论功能已关闭")
    (True, True)

    Left alone: prose about comments (``要认真听取群众的评论和意见。``).
    """
    return len(line) <= 80 and bool(
        re.match(
            r"(?:网友评论|網友評論|评论功能已关闭|評論功能已關閉|发表评论|發表評論|我要评论|我要評論|"
            r"查看评论|相关评论|共有\d+条评论|已有\d+条评论|\d+条评论)",
            line,
        )
    )


_NOTICE = re.compile(
    r"不代表本站|不代表本網|来源于网友上传|來源于網友上傳|來源於網友上傳|若需要原创文章|转载请注明|轉載請註明|"
    r"侵权请联系|侵權請聯繫|如有侵权|如有侵權|免责声明|免責聲明|ICP备|ICP備|ICP证|公网安备|公網安備|"
    r"本文(?:由|系)?.{0,20}(?:收集整理|整理发布|整理發布)|版权所有(?![者人的])|版權所有(?![者人的])|"
    r"版权归原作者|版權歸原作者|转载自|轉載自|联系本站删除|聯繫本站刪除|本站所有文章|本網站著作權|本网站著作权|"
    r"本文[档檔]共\d+[页頁]|本文[档檔]内容版权|本文[檔档]內容版權|^文[档檔](?:介绍|介紹|简介|簡介)[:：]|"
    r"以下文章来源于|以下文章來源於|会员专享|會員專享|转自网络|轉自網路|作者不详|作者不詳|"
    r"^※\s*(?:發信站|发信站|文章網址|文章网址|編輯|编辑)"
)
_SHORT_NOTICE = re.compile(r"Copyright|©|All Rights Reserved", re.IGNORECASE)


@line_rule("site_notice")
def site_notice(line: str) -> bool:
    """Copyright, provenance and disclaimer notices of the hosting site.

    >>> site_notice("本文 由第一公 文 网 收集整理公文")
    True
    >>> site_notice("导语:开创政府办公部门工作的新局面一文来源于网友上传,不代表本站观点,欢迎参考。")
    True

    Left alone: prose using the same words in another sense, and long lines.

    >>> site_notice("文件材料的收集整理是档案工作的基础,要认真做好。")
    False
    >>> site_notice("使用他人作品时,应当征得版权所有者的同意。")
    False
    """
    if len(line) > 200:
        return False
    if _NOTICE.search(re.sub(r"\s+", "", line)):
        return True
    return len(line) <= 120 and bool(_SHORT_NOTICE.search(line))


_TRUNCATION = re.compile(
    r"因篇幅.{0,8}(?:不能|无法|未能|不能夠|無法).{0,4}(?:全部|完整)?(?:显示|顯示|展示)|查看更多更全|"
    r"省略\d+字|正式会员可完整阅读|正式會員可完整閱讀|全文共\d+字|当前仅显示|當前僅顯示|"
    r"(?:点此|点击|點擊|点这里|请|請)(?:查看|阅读|閱讀|下载|下載)全文|未完待续|未完待續|^[(（]?未完[,，]|"
    r"剩余\d+字|剩餘\d+字|剩余\d+页未读|剩餘\d+頁未讀|试读已结束|試讀已結束|开通VIP|開通VIP|VIP会员|"
    r"付费下载|付費下載|继续阅读全文|登录后(?:查看|阅读)"
)


@line_rule("truncation_notice")
def truncation_notice(line: str) -> bool:
    """A notice that the page shows only part of the essay (sets ``truncated``).

    >>> truncation_notice("因篇幅问题不能全部显示,请点此查看更多更全内容")
    True
    >>> truncation_notice("……(新文秘网https://www.wm114.cn省略854字,正式会员可完整阅读)")
    True

    Left alone: prose that talks about length or reading (``篇幅不长,内容却十分丰富。``,
    ``组织全体人员认真阅读全文``, ``因篇幅所限,只列举三例``).

    >>> truncation_notice("组织全体人员认真阅读全文,逐条对照检查。")
    False
    >>> truncation_notice("因篇幅所限,这里只列举三个例子。")
    False
    """
    return len(line) <= 120 and bool(_TRUNCATION.search(line))


@line_rule("bookmark_widget")
def bookmark_widget(line: str) -> bool:
    """A ``收藏《title》`` bookmark button (its title is kept as metadata).

    >>> bookmark_widget("收藏《述职报告的写作》)")
    True

    Left alone: book titles in prose (``认真学习《党章》``).

    >>> bookmark_widget("认真收藏《党章》学习笔记,时常翻阅。")
    False
    """
    return bool(re.fullmatch(r"(?:收藏|加入收藏|打印|分享)《[^》]{1,80}》[)）]?", line))


_DOC_SHARE = re.compile(
    r"^[-•·]?\s*(?:文档编号|文檔編號|上传时间|上傳時間|格式|页数|頁數|大小|文件大小|下载次数|下載次數|字数|字數|"
    r"下载积分|下載積分|"
    r"上传者|上傳者|贡献者|貢獻者|文档格式)\s*[:：]"
    r"|由会员分享|由會員分享|可在线阅读|可在線閱讀|请在.{1,12}上搜索|請在.{1,12}上搜索|\d+页珍藏版"
    r"|VIP专享|VIP專享|共\s*\d+\s*页\s*$|共\s*\d+\s*頁\s*$"
)
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)\s*$", re.IGNORECASE)


@line_rule("document_sharing")
def document_sharing(line: str) -> bool:
    """Debris of document-sharing sites: file name, pages, size, upload time.

    >>> document_sharing("- 上传时间:2022-12-13"), document_sharing("- 大小:25.39KB")
    (True, True)
    >>> document_sharing("审计厅党政机关公文的格式区别及常见错误讲稿.docx")
    True

    Left alone: prose mentioning formats (``公文格式要规范。``).

    >>> document_sharing("公文格式要规范。")
    False
    """
    return len(line) <= 200 and bool(_DOC_SHARE.search(line) or _FILE_NAME.search(line))


_PAGE_TOOLS = re.compile(
    r"打印本页|打印本頁|关闭窗口|關閉視窗|关闭本页|回上一[頁页]|返回上一[頁页]|立即下载|下载本文|下载文档|下載本文|"
    r"积分下载|\d+\s*积分|扫一扫|掃一掃|扫描二维码|掃描二維碼|长按识别|長按識別|关注微信公众号|關注微信公眾號|"
    r"关注公众号|關注公眾號|阅读原文|閱讀原文|分享至|分享到|字体[:：]?\s*[大中小]|字體[:：]?\s*[大中小]|"
    r"点击.{0,6}关注|點擊.{0,6}關注|^关注我们$|^關注我們$|设为星标|設為星標|点个.{0,2}在看|點個.{0,2}在看|"
    r"立即领取|免费领取|免費領取|收录于合集|收錄於合集|^本文标题[:：]|^本文標題[:：]|"
    r"下载word|下載word|(?:点击)?下载(?:本文|全文|文档|文檔|附件)|格式为Word|下载可任意编辑|"
    r"^(?:相关附件|相關附件|附件下载|附件下載)\s*[:：]?$|^(?:相关图片|相關圖片)$|"
    r"^[^\s。，]{1,40}\.(?:jpe?g|png|gif|bmp|webp)$|"
    r"^(?:【(?:打印|列印|关闭|關閉|收藏|分享|返回顶部|纠错|糾錯|打印本页|关闭窗口|关闭本页)】\s*)+$|"
    r"^(?:打印|列印|关闭|關閉|收藏|分享|纠错)$"
)


@line_rule("page_tools")
def page_tools(line: str) -> bool:
    """Print, close, download, share and QR-code buttons of the page.

    >>> page_tools("【打印本页】【关闭窗口】"), page_tools("5 积分 立即下载")
    (True, True)
    >>> page_tools("扫一扫，关注微信公众号"), page_tools("【字体：大 中 小】")
    (True, True)

    Left alone: prose about printing or sharing (``要把经验分享给基层。``) and
    long lines (a widget is short).

    >>> page_tools("要把好的经验做法分享给基层单位。")
    False
    """
    return len(line) <= 60 and bool(_PAGE_TOOLS.search(line))


_SITE_FOOTER = re.compile(
    r"^(?:主办单位|主辦單位|承办单位|承辦單位|协办单位|主管单位|技术支持|技術支持|网站标识码|網站標識碼|"
    r"联系电话|聯絡電話|联系地址|聯絡地址|地址|通讯地址|邮编|郵遞區號|电子邮箱|服務時間|服务时间)\s*[:：]"
    r"|(?:^|\s)(?:地址|電話|电话|傳真|传真|联系电话|聯絡電話)\s*[:：]\s*\S*\d"
    r"|分辨率|解析度|最佳瀏覽|最佳浏览|建议使用.{0,12}浏览器|建議使用.{0,12}瀏覽器"
)


@line_rule("site_footer")
def site_footer(line: str) -> bool:
    """The site's footer: owner, maintainer, address, screen-resolution advice.

    >>> site_footer("主办单位：莲都区人民政府办公室  承办单位：莲都区大数据发展中心")
    True
    >>> site_footer("建议使用1366×768分辨率浏览本站")
    True

    Left alone: prose mentioning an address or a host (``会议地址设在县委党校。``).

    >>> site_footer("会议地址设在县委党校。")
    False
    """
    return len(line) <= 150 and bool(_SITE_FOOTER.search(line))


_RELATED_WORDS = (
    r"相关推荐|相關推薦|相关文章|相關文章|相关阅读|相關閱讀|猜你喜欢|猜你喜歡|热门文章|熱門文章|热门推荐|"
    r"熱門推薦|推荐阅读|推薦閱讀|延伸阅读|延伸閱讀|精彩推荐|精彩推薦|更多推荐|最新文章|热门范文|相关范文|"
    r"相关内容|相關內容|相关链接|相關連結|相关新闻|相關新聞|其他人还看了|推荐文章|推薦文章|热点新闻|"
    r"熱點新聞|熱門新聞|最新动态|最新動態|热点推荐|熱點推薦|相关专题|相關專題|往期回顾|往期回顧|往期推荐|"
    r"相關文件|相关文件|全站熱搜|全站热搜|延伸閱讀|相關連結|本文目录一览|本文目錄一覽"
)
_RELATED = re.compile(
    r"^[↓↑→▼▲◆●■\s]*(?:更多)?(?:[“\"【《]?[^。！？]{0,40}?[”\"】》]?)?\s*(?:"
    + _RELATED_WORDS
    + r")\s*[↓↑▼▲\s]*[:：]?[↓↑▼▲\s]*$"
)


@line_rule("related_links")
def related_links(line: str) -> bool:
    """The heading of a list of links to other articles.

    >>> related_links("相关推荐："), related_links("【机关作风建设学习心得体会】相关文章：")
    (True, True)
    >>> related_links("↓↓↓更多“志愿服务心得”相关文章↓↓↓"), related_links("推荐文章")
    (True, True)

    Left alone: the words inside a sentence (``相关文章已转发各单位。``).

    >>> related_links("相关文章已转发各单位。")
    False
    """
    return bool(_RELATED.match(line))


@line_rule("permalink")
def permalink(line: str) -> bool:
    """A line giving the page's own address.

    >>> permalink("本文链接：https://www.example.com/xinde/123.html")
    True
    >>> permalink("https://www.example.com/xinde/123.html")
    True

    Left alone: prose citing a web address inside a sentence.

    >>> permalink("详情请登录县政府网站https://www.example.gov.cn查询。")
    False
    """
    return bool(
        re.match(
            r"^(?:本文链接|本文地址|原文链接|原文地址|文章链接|本文網址|原文網址)\s*[:：]", line
        )
        or re.fullmatch(r"\s*(?:https?://|www\.)\S+\s*", line)
    )


_PAPER = re.compile(
    r"^(?:论文部分内容阅读|論文部分內容閱讀)"
    r"|^【?(?:中图分类号|中圖分類號|文献标识码|文獻標識碼|文章编号|文章編號|"
    r"关键词|關鍵詞|关键字|關鍵字|Key ?words?|DOI|基金项目|基金項目|作者简介|作者簡介|收稿日期)"
    r"\s*(?:】|[:：])|^【?(?:英文摘要|Abstract|ABSTRACT|關鍵詞|关键词|文章標籤|文章标签)】?$"
)
_AFFILIATION = re.compile(
    r"^[(（][^()（）]*(?:大学|大學|学院|學院|研究所|研究院|学校|學校|党校|黨校|研究中心)[^()（）]*"
    r"\d{6}[)）]$"
)
_JOURNAL_ISSUE = re.compile(r"^\S{2,20}\s*(?:19|20)\d\d\s*年\s*(?:第\s*)?\d{1,2}\s*期$")


@line_rule("paper_metadata")
def paper_metadata(line: str) -> bool:
    """Journal and paper-preview furniture: labels, keywords, affiliations, issue.

    >>> paper_metadata("论文部分内容阅读"), paper_metadata("关键词:官僚主义作风群众")
    (True, True)
    >>> paper_metadata("(华东师范大学马克思主义学院,上海 普陀 200241)")
    True
    >>> paper_metadata("中共中央党校学报 2019年5期")
    True

    Left alone: the same words opening a sentence, with no label colon.

    >>> paper_metadata("关键词要准确,这是写好公文标题的第一步。")
    False
    """
    return len(line) <= 200 and bool(
        _PAPER.match(line) or _AFFILIATION.match(line) or _JOURNAL_ISSUE.match(line)
    )


@line_rule("english_translation")
def english_translation(line: str) -> bool:
    """A paragraph in English (machine translation appended to the Chinese).

    >>> english_translation("Service-oriented government is a model of government reform "
    ...                     "proposed by our government to adapt to the new environment.")
    True

    Left alone: Chinese text quoting English names (``经济合作暨发展组织(OECD)``).

    >>> english_translation("经济合作暨发展组织(Organization for Economic Co-operation, OECD)致力于")
    False
    """
    latin = len(re.findall(r"[A-Za-z]", line))
    return latin >= 40 and cjk_count(line) * 10 < latin and not _CODE.search(line)


_PHOTO_CAPTION = re.compile(
    r"^[▲△▼◆●]?\s*[(（]?\s*(?:图为|圖為|图片为|圖片為|上图|下图|左图|右图|图片来源|圖片來源)"
    r"|[(（]\s*(?:摄影|攝影|摄|攝|图|圖|图片|圖片)\s*[:：/／][^()（）]{1,20}[)）]$"
)


@line_rule("photo_caption")
def photo_caption(line: str) -> bool:
    """A photo caption: ``图为…`` or a line ending in a photographer credit.

    >>> photo_caption("图为县政务服务中心窗口工作人员为群众办理业务。（摄影：李某）")
    True
    >>> photo_caption("（摄影：李某）"), photo_caption("圖為同仁參訪情形")
    (True, True)

    Left alone: long paragraphs and prose that mentions photos
    (``要善于用图片和视频讲好故事。``).

    >>> photo_caption("要善于用图片和视频讲好故事。")
    False
    """
    if re.match(r"^[▲△]\s*\S", line) and len(line) <= 50 and "。" not in line[:-1]:
        return True  # "▲城南街道网格员入户走访": a caption under a photo
    return len(line) <= 100 and bool(_PHOTO_CAPTION.search(line))


_FORUM = re.compile(
    r"^(?:楼主|沙发|板凳|地板|\d{1,4}\s*楼|#\d{1,4})$|只看该作者|只看該作者|倒序浏览|倒序瀏覽|阅读模式|閱讀模式|"
    r"本帖最后由.{1,40}编辑|本帖最後由.{1,40}編輯|^查看[:：]\s*[\d,]+\s*\|\s*回复[:：]|^\[复制链接\]$"
)


@line_rule("forum_furniture")
def forum_furniture(line: str) -> bool:
    """Forum thread furniture: post numbers, view/reply counts, edit notes, view modes.

    >>> forum_furniture("发表于 2019-5-8 10:22 | 只看该作者 | 倒序浏览 | 阅读模式")
    True
    >>> forum_furniture("楼主"), forum_furniture("本帖最后由 lw_2019 于 2019-5-8 10:25 编辑")
    (True, True)

    Left alone: prose about forums (``在楼主的帖子下面回复``).

    >>> forum_furniture("我在楼主的帖子下面回复了自己的看法。")
    False
    """
    return len(line) <= 120 and bool(_FORUM.search(line))


@line_rule("end_mark")
def end_mark(line: str) -> bool:
    """A news item's end mark or release time: ``（完）``, ``完``, ``香港時間16時30分``.

    >>> end_mark("（完）"), end_mark("完"), end_mark("香港時間16時30分")
    (True, True, True)

    Left alone: words ending a sentence (``任务已经完成。``).

    >>> end_mark("任务已经完成。")
    False
    """
    return bool(
        re.fullmatch(r"[(（]?\s*(?:完|全文完|本文完|END|end|NNNN|-{3,}|—{2,})\s*[)）]?", line)
        or re.fullmatch(
            r"(?:香港|北京|臺北|台北)?[時时]間\s*\d{1,2}\s*[時时点點]\s*\d{1,2}\s*分", line
        )
    )


@line_rule("references")
def references(line: str) -> bool:
    """The reference list of a paper: its heading and its ``[n]`` entries.

    >>> references("参考文献："), references("[1]王某.论机关效能建设[J].行政论坛,2019(3):12-15.")
    (True, True)

    Left alone: prose citing a reference inside a sentence.

    >>> references("正如文献[1]所说,效能建设需要长期坚持。")
    False
    """
    return bool(
        re.fullmatch(r"【?(?:参考文献|參考文獻|注释|註釋|References)】?\s*[:：]?", line)
        or re.match(r"^\[\d{1,3}\]\s*\S.{0,200}\[(?:J|M|N|D|C|EB/OL|R|S|Z|A|G|P)\]", line)
    )


@line_rule("garbled_text")
def garbled_text(line: str) -> bool:
    """A line of the classic mojibake markers (``锟斤拷``, ``烫烫烫``, ``屯屯屯``).

    >>> garbled_text("锟斤拷锟斤拷锟斤拷锟斤拷"), garbled_text("烫烫烫烫烫烫")
    (True, True)

    Left alone: a line that merely contains one such character in a word.
    """
    return (
        bool(re.search(r"(?:锟斤拷|烫烫烫|屯屯屯)", line))
        and cjk_count(re.sub(r"锟斤拷|烫|屯", "", line)) < 5
    )


_CODE = re.compile(
    r"\bvar\s+\w+\s*=|\bfunction\s*\(|\bdocument\.\w+|\bwindow\.\w+|\bjQuery\b|\$\(\s*[\"'#.]|"
    r"</?script|\}\s*\)\s*\(\s*\)\s*;|@media\b|\{[^{}]*:[^{}]*;\s*\}"
)


@line_rule("code_debris")
def code_debris(line: str) -> bool:
    """Script or style code that leaked into the page text (analytics snippets, CSS).

    >>> code_debris('var _hmt = _hmt || [];(function() {var hm = document.createElement("script");})();')
    True
    >>> code_debris("p { margin: 0; }")
    True

    Left alone: prose, even prose mentioning a function or a window.

    >>> code_debris("要充分发挥党支部的战斗堡垒作用(function)。")
    False
    """
    return bool(_CODE.search(line)) and cjk_count(line) * 4 < len(line)


_WIRE_DATELINE = re.compile(
    r"^[(（]?(?:[\u4e00-\u9fff]{2,12}\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|電|讯|訊)[)）]?$"
)


@line_rule("dateline")
def dateline(line: str) -> bool:
    """A wire-service dateline on its own line (``新华社北京3月15日电``).

    >>> dateline("新华社北京3月15日电"), dateline("本报讯")
    (True, False)

    Left alone: a dateline opening a paragraph with text after it (the
    ``lead_dateline`` body rule cuts it there) and dates in sentences.
    """
    return bool(_WIRE_DATELINE.match(line))


# --- rules for page headers and footers only -----------------------------------

# A diary entry's own heading: "2021年3月5日 星期五 晴" (weekday and weather).
DIARY_DATE = re.compile(r"星期[一二三四五六日天]\s*(?:晴|阴|陰|雨|雪|多云|多雲|雷|小雨|大雨)")
DATE_LABEL = re.compile(
    r"【?[\u4e00-\u9fff]{0,6}(?:时间|時間|日期)\s*(?:[:：]|】|\s+(?=[\d０-９]|中華民國|民國))"
)


@line_rule("date_line", scope="edge")
def date_line(line: str) -> bool:
    """A line of page metadata carrying the date (label, time, source, counters).

    >>> date_line("时间:2022-06-25 09:54:00"), date_line("2024-10-18 来源:威能网")
    (True, True)
    >>> date_line("• 最後更新日期:112-06-08"), date_line("發布日期:")
    (True, True)
    >>> date_line("2019-01-26 21:41丁晓强"), date_line("博客分類1   2023-03-24 15:36   18   0")
    (True, True)
    >>> date_line("(2020年5月21日)"), date_line("原创 清风莲都 2022-04-18 08:30 发表于浙江")
    (True, True)

    Left alone: sentences that contain a date (``2022年3月17日,学院召开了述职会。``).

    >>> date_line("2022年3月17日,学院召开了2021年度支部书记抓党建工作述职评议会。")
    False
    >>> date_line("2021年3月5日 星期五 晴")
    False
    """
    line = strip_bullet(line)
    if DIARY_DATE.search(line):
        return False  # a diary entry's own heading: "2021年3月5日 星期五 晴"
    if DATE_LABEL.match(line) and len(line) <= 60:
        return True
    if (
        len(line) <= 80
        and re.search(r"(?:^|\s|[|｜])\S{0,6}(?:时间|時間|日期)\s*[:：]\s*\S*\d", line)
        and (find_date(line) or find_date(line, roc=True))
    ):
        return True  # "发布者:系统管理员  发布时间:2021-03-02", "上传人:… | 上传时间:…"
    if not (find_date(line) or find_date(line, roc=True)) or len(line) > 80:
        return False
    if SENTENCE_PUNCT.search(line.replace(",", "")):
        return False
    if re.search(r"\d{1,2}[:：]\d{2}", line) and len(line) <= 50:
        return True  # a timestamp with an account or author: "原创 某某 2022-04-18 08:30"
    rest = strip_dates(line)
    rest = re.sub(r"(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯)\s*[:：].*$", "", rest)
    rest = re.sub(r"[\s\d()（）:：|,，]", "", rest)
    return cjk_count(rest) <= 5


_INFO_FIELDS = re.compile(
    r"^(?:索引号|索引號|主题分类|主題分類|发布机构|發布機構|发文机关|發文機關|成文日期|发文字号|發文字號|文号|文號|"
    r"公开方式|公開方式|公开范围|有效性|信息来源|所属机构|所屬機構|所属主题|公开时限|生效日期|废止日期|"
    r"信息分类|信息分類|发布单位|發布單位|發佈單位|是否有效|提案号|提案號|办理单位|辦理單位|办理状态|"
    r"辦理狀態|名\s*称|名\s*稱|分类|分類|体裁|體裁|文种|文種|生成日期)\s*[:：]"
)


@line_rule("info_fields", scope="edge")
def info_fields(line: str) -> bool:
    """The field table of a government information-disclosure page.

    >>> info_fields("索引号：11340800/2023-00123"), info_fields("发布机构：临江市人民政府办公室")
    (True, True)

    Left alone: the same words in a sentence (``文号要规范。`` has no field form).

    >>> info_fields("文号要规范,格式要统一。")
    False
    """
    return len(line) <= 80 and bool(_INFO_FIELDS.match(line))


_BYLINE = re.compile(
    r"(?:作者|编辑|編輯|责任编辑|責任編輯|责编|責編|审核|審核|审校|記者|记者|通讯员|通訊員|供稿|撰稿|摄影|攝影|"
    r"来源|來源|出处|出處|文\s*/|文／|监制|監製|校对|校對|排版|美编|美編|责编|責編|终审|終審|初审|初審|"
    r"复审|複審|供稿|攝影|图片|圖片)\s*(?:[】\]]?\s*[:：/／]|】)|^[（(]作者(?:单位|單位|系|為|为|是)"
)


@line_rule("byline", scope="edge")
def byline(line: str) -> bool:
    """Author, editor, reviewer and source credits.

    >>> byline("白雲飄飄範文網 編輯:小景"), byline("(审核:张何 陈镇 柳芊)")
    (True, True)
    >>> byline("来源:人民网-人民日报")
    True

    Left alone: long lines (a credit is short) and sentences.
    """
    return len(line) <= 60 and bool(_BYLINE.search(line)) and "。" not in line


_TAGS = re.compile(r"(?:标签|標籤|Tags?|TAG|关键字|關鍵字)\s*[:：]|^文章(?:標籤|标签)$")


@line_rule("tag_list", scope="edge")
def tag_list(line: str) -> bool:
    """The footer's tag list: ``title 標籤:為人民服務 兩會學習``.

    >>> tag_list("創建學習型、服務型、創新型機關重塑公僕形象 標籤:為人民服務 兩會學習 黨章學習 外出學習")
    True

    Left alone: prose about labels (``不要给群众贴标签。`` has no colon).
    """
    return len(line) <= 200 and bool(_TAGS.search(line))


_SEO = re.compile(
    r"小编|小編|为大家整理|為大家整理|为大家收集|為大家收集|为大家带来|为大家分享|供大家参考|供大家參考|仅供参考|僅供參考|"
    r"希望能给你带来|希望能給你帶來|希望对你有|希望對你有|希望对大家有|希望對大家有|欢迎阅读|歡迎閱讀|欢迎借鉴|"
    r"以下是.{0,20}(?:整理|分享|收集|推荐|推薦)的|下面是.{0,20}(?:整理|分享|收集)的|精心整理|精选推荐|精選推薦|"
    r"以上就是|请(?:持续|继续)?关注.{0,20}(?:栏目|频道|网|網)|請(?:持續|繼續)?關注.{0,20}(?:欄目|頻道|網)|"
    r"本站小编|为你精心|為你精心|为您精心|為您精心|请(?:持续|继续)?关注本站|請(?:持續|繼續)?關注本站|网友投稿|網友投稿"
)
# The part of the list that never occurs in essay prose, for cutting phrases out
# of body paragraphs ("供大家参考" and "欢迎阅读" are also things speakers say).
_SEO_STRONG = re.compile(
    r"小编|小編|小[为為]大家|[为為]大家(?:整理|收集|精选|精選)|精心整理|精选推荐|精選推薦|以上就是|"
    r"以下是.{0,20}(?:整理|收集)的|下面是.{0,20}(?:整理|收集)的|"
    r"请(?:持续|继续)?关注.{0,20}(?:栏目|频道|网|網)|請(?:持續|繼續)?關注.{0,20}(?:欄目|頻道|網)|"
    r"(?:请|請)(?:持续|继续|持續|繼續)?(?:关注|關注)本站|想要了解更多|由.{0,16}(?:网友|網友)投稿"
)


@line_rule("seo_intro", scope="edge")
def seo_intro(line: str) -> bool:
    """A content-farm template intro (``以下是小编精心整理的…仅供参考``).

    >>> seo_intro("下面是小编为大家整理的写工作总结作用【精选推荐】,供大家参考。")
    True

    Left alone: a line with a real paragraph around the phrase (``作风建设是…,
    下面小编为大家简单介绍。通过这次学习…``): the ``seo_phrase`` text rule
    cuts the phrase instead, so the rest of the paragraph survives.

    >>> seo_intro("作风建设是党的建设的重要内容,下面小编为大家简单介绍。通过这次集中学习,"
    ...           "我对作风建设的重要性有了更加深刻的认识。")
    False
    """
    if len(line) > 300 or not _SEO.search(line):
        return False
    if not SENTENCE_PUNCT.search(line) and len(line) <= 40:
        return False  # a title carrying a tag ("…工作总结【精选推荐】"): clean_title
    if re.match(r"^(?:导语|導語|引言|编者按|編者按)\s*[:：]", line):
        return True  # the site's lead-in, wrapped around its template phrase
    sentences = [x for x in re.split(r"(?<=[。！？!?])", line) if x.strip()]
    if sentences and _LIST_INTRO.search(sentences[-1]) and _SEO_STRONG.search(sentences[-1]):
        return True  # "…是时候写一份述职报告了。以下是小编精心整理的…": all template
    from zh_gov_essays.repair.inline import seo_phrase

    return cjk_count(seo_phrase(line)) < 15


# Phrases that announce a compiled list of essays: the sentence before them on
# the same line is the template's lead-in, not the essay.
_LIST_INTRO = re.compile(
    r"以下是|以下為|以下为|下面是|精心整理|精心準備|精心准备|欢迎阅读|歡迎閱讀|供大家参考|供大家參考|仅供参考|"
    r"僅供參考|希望对|希望對|希望能"
)


def seo_marker(text: str, *, strong: bool = False) -> re.Match[str] | None:
    """The first SEO template phrase in ``text``; ``strong`` ones only for body text."""
    return (_SEO_STRONG if strong else _SEO).search(text)
