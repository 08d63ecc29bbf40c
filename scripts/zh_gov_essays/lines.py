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

from zh_gov_essays.dates import DATE_TIME_SPAN, find_date
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
    無障礙 无障碍 友善列印 轉寄 转发 微信 微博 QQ空间 复制链接 点赞 收藏 评论 举报 纠错""".split()
)


@line_rule("navigation")
def navigation(line: str) -> bool:
    """A bar of navigation links: every token is a known link word, or a pipe menu.

    >>> navigation("设为首页 加入收藏"), navigation("按Enter到主內容區"), navigation("▲開啟 ▼關閉")
    (True, True, True)
    >>> navigation("文秘之友|原创|范文|素材|写作|PPT|")
    True
    >>> navigation("法務部行政執行署士林分署:回首頁")
    True

    Left alone: prose that mentions such words (``请关闭电源``) and pipes in text.

    >>> navigation("要加强导航系统建设"), navigation("甲|乙两方面的问题都要认真研究解决")
    (False, False)
    """
    tokens = [t for t in re.split(r"[\s|｜·•/]+", line) if t]
    if tokens and all(t in _NAV_WORDS for t in tokens):
        return True
    if re.search(r"[:：]\s*(?:回首頁|回首页|返回首页|首页|首頁)$", line) and len(line) <= 30:
        return True
    parts = [p.strip() for p in re.split(r"[|｜]", line) if p.strip()]
    return ("|" in line or "｜" in line) and len(parts) >= 3 and all(len(p) <= 6 for p in parts)


_HOME = r"(?:首页|主页|首頁|主頁|网站首页|網站首頁|Home|HOME)"
_CRUMB_LABEL = re.compile(
    r"^(?:您的当前位置|您当前的位置|您现在的位置|你的位置|您的位置|当前位置|所在位置|位置|目前位置|"
    r"您的當前位置|當前位置|目前位置)\s*[:：]"
)
CRUMB_SEP = re.compile(r"\s*(?:>>|>|›|»|＞|→|/)\s*")


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

    >>> counter("加强阅读量的积累,提高阅读能力。")
    False
    """
    m = _COUNTER.search(line)
    if not m or SENTENCE_PUNCT.search(line.replace(",", "")):
        return False
    rest = DATE_TIME_SPAN.sub("", line[: m.start()] + line[m.end() :])
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
            r"(?:上一篇|下一篇|上一页|下一页|上篇|下篇|上一則|下一則|上一條|下一條|上一页)\s*[:：]",
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
    r"版权所有|版權所有|Copyright|©|转载请注明|轉載請註明|不代表本站|来源于网友上传|來源于網友上傳|"
    r"來源於網友上傳|免责声明|免責聲明|ICP备|ICP備|收集整理|若需要原创文章|侵权请联系|如有侵权"
)


@line_rule("site_notice")
def site_notice(line: str) -> bool:
    """Copyright, provenance and disclaimer notices of the hosting site.

    >>> site_notice("本文 由第一公 文 网 收集整理公文")
    True
    >>> site_notice("导语:开创政府办公部门工作的新局面一文来源于网友上传,不代表本站观点,欢迎参考。")
    True

    Left alone: long prose paragraphs that happen to contain one of the words.
    """
    return len(line) <= 200 and bool(_NOTICE.search(re.sub(r"\s+", "", line)))


_TRUNCATION = re.compile(
    r"因篇幅|查看更多更全|省略\d+字|正式会员可完整阅读|正式會員可完整閱讀|全文共\d+字|当前仅显示|"
    r"當前僅顯示|点此查看全文|点击查看全文|阅读全文|閱讀全文|下载全文|下載全文|未完待续|未完,"
)


@line_rule("truncation_notice")
def truncation_notice(line: str) -> bool:
    """A notice that the page shows only part of the essay (sets ``truncated``).

    >>> truncation_notice("因篇幅问题不能全部显示,请点此查看更多更全内容")
    True
    >>> truncation_notice("……(新文秘网https://www.wm114.cn省略854字,正式会员可完整阅读)")
    True

    Left alone: prose that talks about length (``篇幅不长,内容却十分丰富。``).
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
    r"^[-•·]?\s*(?:文档编号|文檔編號|上传时间|上傳時間|格式|页数|頁數|大小|文件大小|下载次数|下載次數|"
    r"上传者|上傳者|贡献者|貢獻者|文档格式)\s*[:：]"
    r"|由会员分享|由會員分享|可在线阅读|可在線閱讀|请在.{1,12}上搜索|請在.{1,12}上搜索|\d+页珍藏版"
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


_PAPER = re.compile(
    r"^(?:论文部分内容阅读|論文部分內容閱讀|中图分类号|中圖分類號|文献标识码|文獻標識碼|文章编号|文章編號|"
    r"关键词|關鍵詞|关键字|關鍵字|Key ?words?|DOI|基金项目|基金項目|作者简介|作者簡介|收稿日期)\s*[:：]?"
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

    Left alone: prose about keywords (``关键词是服务。``) is short of the label form only
    when written as a sentence; body text never starts with these labels.
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
    return latin >= 40 and cjk_count(line) * 10 < latin


_PHOTO_CAPTION = re.compile(
    r"^(?:图为|圖為|图片为|圖片為|上图|下图|左图|右图|图片来源|圖片來源)"
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
    return len(line) <= 100 and bool(_PHOTO_CAPTION.search(line))


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

DATE_LABEL = re.compile(
    r"(?:发布|發布|發佈|更新|最後更新|最后更新|資料更新|资料更新|上传|上傳|修改|发表|發表|刊登|出版)?"
    r"(?:时间|時間|日期)\s*[:：]"
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
    >>> date_line("(2020年5月21日)")
    True

    Left alone: sentences that contain a date (``2022年3月17日,学院召开了述职会。``).

    >>> date_line("2022年3月17日,学院召开了2021年度支部书记抓党建工作述职评议会。")
    False
    """
    line = strip_bullet(line)
    if DATE_LABEL.match(line) and len(line) <= 60:
        return True
    if not (find_date(line) or find_date(line, roc=True)) or len(line) > 80:
        return False
    rest = DATE_TIME_SPAN.sub("", line)
    rest = re.sub(r"(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯)\s*[:：].*$", "", rest)
    rest = re.sub(r"[\s\d()（）:：|,，]", "", rest)
    return cjk_count(rest) <= 5 and not SENTENCE_PUNCT.search(line.replace(",", ""))


_BYLINE = re.compile(
    r"(?:作者|编辑|編輯|责任编辑|責任編輯|责编|責編|审核|審核|审校|記者|记者|通讯员|通訊員|供稿|撰稿|摄影|攝影|"
    r"来源|來源|出处|出處|文\s*/|文／)\s*[:：/／]"
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


_TAGS = re.compile(r"(?:标签|標籤|Tags?|TAG|关键字|關鍵字)\s*[:：]")


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
    r"以下是.{0,20}(?:整理|分享|收集|推荐|推薦)的|下面是.{0,20}(?:整理|分享|收集)的|精心整理|精选推荐|精選推薦"
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
    from zh_gov_essays.repair.inline import seo_phrase

    return cjk_count(seo_phrase(line)) < 15


def seo_marker(text: str) -> re.Match[str] | None:
    """The first SEO template phrase in ``text`` (used by the ``seo_phrase`` rule)."""
    return _SEO.search(text)
