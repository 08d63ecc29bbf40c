"""Document metadata from the lines the classifier removed: title, source, category…

Every function here reads what the page prints; when the page does not say,
the answer is ``None`` (never a guess).
"""

from __future__ import annotations

import re

from zh_gov_essays.lines import CRUMB_SEP, strip_bullet
from zh_gov_essays.sites import SITE_NAME, WIRE_CREDITS, load_sites, looks_like_site_name

# --- title ------------------------------------------------------------------------

# A category or site appended after a spaced separator (`` - 行政论文``,
# `` _ 机关工作总结``, `` | 某某网``); Chinese subtitles use ``——`` instead.
_TITLE_SUFFIX = re.compile(r"\s+[-_|–]+\s*[^\s\-_|–]{1,15}$|篇[一二三四五六七八九十]+$")
_TITLE_PREFIX = re.compile(
    r"^(?:[(（【\[][^()（）【】\[\]]{1,12}[)）】\]]\s*(?=.{4,}))"  # (两会受权发布) 【类别】
    r"|^[\u4e00-\u9fff]{2,5}\s*[:：/／]\s*(?=.{4,})"  # 申論范文: 社論/ 李建明:
)
_FILE_EXT = re.compile(r"\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)$", re.IGNORECASE)


def clean_title(line: str) -> str:
    """The essay title without category, author or release-tag decorations.

    >>> clean_title("论机关效能建设 - 行政论文")
    '论机关效能建设'
    >>> clean_title("申論范文:民之樂 憂民之憂——譜好服務型政府“三重奏”")
    '民之樂 憂民之憂——譜好服務型政府“三重奏”'
    >>> clean_title("(两会受权发布)中国人民政治协商会议全国委员会常务委员会工作报告")
    '中国人民政治协商会议全国委员会常务委员会工作报告'
    >>> clean_title("【公務員廉政倫理規範】公務員廉政倫理規範問答輯(100.4.28)")
    '公務員廉政倫理規範問答輯(100.4.28)'
    >>> clean_title("审计厅党政机关公文的格式区别及常见错误讲稿.docx")
    '审计厅党政机关公文的格式区别及常见错误讲稿'
    >>> clean_title("最优政府会议心得体会范文(13篇)篇一")
    '最优政府会议心得体会范文(13篇)'

    Left alone: colons that belong to the title itself after a longer lead
    (``2011年国家公务员考试申论热点:服务型政府``) and spaces between phrases.

    >>> clean_title("2011年国家公务员考试申论热点:服务型政府")
    '2011年国家公务员考试申论热点:服务型政府'
    >>> clean_title("强化自身建设 提升服务水平")
    '强化自身建设 提升服务水平'
    """
    title = strip_bullet(line.strip())
    title = _FILE_EXT.sub("", title)
    title = _TITLE_SUFFIX.sub("", title)
    title = _TITLE_PREFIX.sub("", title, count=1)
    return title.strip()


def title_key(text: str) -> str:
    """A comparison key for spotting a title printed again."""
    return re.sub(r"[\s\W_]+", "", clean_title(text))


# --- category, tags, editor -----------------------------------------------------

_HOME_WORDS = {
    "首页",
    "主页",
    "首頁",
    "主頁",
    "网站首页",
    "網站首頁",
    "home",
    "正文",
    "详细内容",
    "詳細內容",
    "内容",
    "內容",
}
_CRUMB_LABEL = re.compile(r"^[^:：]{0,10}(?:位置|位置)\s*[:：]")


def breadcrumb_parts(line: str) -> list[str]:
    """The levels of a breadcrumb, without its label.

    >>> breadcrumb_parts("首頁>心得體會>工作體會>創建學習型機關")
    ['首頁', '心得體會', '工作體會', '創建學習型機關']
    >>> breadcrumb_parts("主页 > 论文知识 > 最新论文资料 > 行政 > > 详细内容")
    ['主页', '论文知识', '最新论文资料', '行政', '详细内容']
    """
    line = _CRUMB_LABEL.sub("", line.strip())
    if re.search(r">|›|»|＞|→", line):
        parts = CRUMB_SEP.split(line)
    else:
        parts = re.split(r"\s+[-–—]\s+", line)
    return [p.strip() for p in parts if p.strip()]


def category_from_breadcrumb(line: str, title: str | None) -> list[str]:
    """The category levels of a breadcrumb: no home, site, page or title level.

    >>> category_from_breadcrumb("首頁>心得體會>工作體會>創建學習型機關", "創建學習型機關")
    ['心得體會', '工作體會']
    >>> category_from_breadcrumb("您的当前位置:首页正文", None)
    []
    >>> category_from_breadcrumb("中國共產黨新聞網>>高層動態", None)
    ['高層動態']
    """
    parts = breadcrumb_parts(line)
    out = []
    tkey = title_key(title) if title else None
    for part in parts:
        low = part.lower()
        if low in _HOME_WORDS or re.fullmatch(r"(?:首页|首頁|主页)\S{0,4}", part):
            continue
        if looks_like_site_name(part) or load_sites().canonical(part):
            continue
        if tkey and title_key(part) == tkey:
            continue
        out.append(part)
    return out


_TAG_LABEL = re.compile(r"(?:标签|標籤|Tags?|TAG|关键字|關鍵字|关键词|關鍵詞)\s*[:：]\s*")


def tags_from_line(line: str) -> list[str]:
    """The tags listed after a ``标签:`` label.

    >>> tags_from_line("創建學習型機關 標籤:為人民服務 兩會學習 黨章學習 外出學習")
    ['為人民服務', '兩會學習', '黨章學習', '外出學習']
    >>> tags_from_line("关键词:官僚主义;作风;群众")
    ['官僚主义', '作风', '群众']
    """
    m = _TAG_LABEL.search(line)
    if not m:
        return []
    rest = line[m.end() :]
    return [t for t in re.split(r"[\s,，;；、|]+", rest) if t]


_EDITOR = re.compile(
    r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編|作者)\s*[:：]\s*([^\s:：|,，]{1,12})"
)


def editor_from_line(line: str) -> str | None:
    """The editor or author named on a byline.

    >>> editor_from_line("白雲飄飄範文網 編輯:小景")
    '小景'
    >>> editor_from_line("(审核:张何 陈镇 柳芊)") is None
    True
    """
    m = _EDITOR.search(line)
    name = m.group(1).rstrip(")）") if m else None
    return None if name in _ANONYMOUS else name


# Bylines that name nobody.
_ANONYMOUS = {"佚名", "匿名", "未知", "admin", "管理员", "本站", "网友", "網友"}


# --- source -------------------------------------------------------------------------

_SOURCE_LABEL = re.compile(r"(?:来源|來源|出处|出處)\s*[:：]\s*(\S+)")
_SITE_SHAPED = SITE_NAME.pattern


def site_from_source_label(line: str) -> str | None:
    """The site a ``来源:`` line names, if it names the hosting site itself.

    A credit to another publisher (``人民網-人民日報``, ``新华社``) is not
    the site.

    >>> site_from_source_label("2024-10-18 来源:威能网")
    '威能网'
    >>> site_from_source_label("2018-03-16 01:34:12 来源: 新华网")
    '新华网'
    >>> site_from_source_label("2020年05月28日07:11    來源:人民網-人民日報") is None
    True
    """
    m = _SOURCE_LABEL.search(line)
    if not m:
        return None
    value = m.group(1)
    if WIRE_CREDITS.search(value) or re.search(r"[-—–/]", value):
        return None
    known = load_sites().canonical(value)
    if known:
        return known
    return value if looks_like_site_name(value) else None


_SITE_PATTERNS = (
    re.compile(r"本文由\s*(?P<site>.+?)\s*(?:收集整理|整理|提供|发布|發布)"),
    re.compile(r"(?:请在|請在)\s*(?P<site>" + _SITE_SHAPED + r")\s*上搜索"),
    re.compile(r"(?P<site>" + _SITE_SHAPED + r")\s*https?://"),
    re.compile(r"^(?P<site>[^\s:：]{2,20})\s*[:：]\s*(?:回首頁|回首页|返回首页|首页|首頁)$"),
    re.compile(r"^(?P<site>" + _SITE_SHAPED + r")\s+(?:编辑|編輯|作者|责任编辑|責任編輯)\s*[:：]"),
    re.compile(r"(?:版权所有|版權所有)\s*[:：©]?\s*(?P<site>" + _SITE_SHAPED + r")"),
    re.compile(r"(?P<site>" + _SITE_SHAPED + r")\s*(?:版权所有|版權所有)"),
)


def site_from_line(line: str) -> str | None:
    """The hosting site named by a header, notice, nav or breadcrumb line.

    >>> site_from_line("本文 由第一公 文 网 收集整理公文")
    '第一公文网'
    >>> site_from_line("法務部行政執行署士林分署:回首頁")
    '法務部行政執行署士林分署'
    >>> site_from_line("《讲稿.docx》由会员分享,可在线阅读,更多相关《讲稿.docx》请在冰豆网上搜索。")
    '冰豆网'
    >>> site_from_line("……(新文秘网https://www.wm114.cn省略854字,正式会员可完整阅读)")
    '新文秘网'
    >>> site_from_line("学海荡舟手机网"), site_from_line("文秘之友|原创|范文|素材|写作|PPT|")
    ('学海荡舟手机网', '文秘之友')
    >>> site_from_line("中國共產黨新聞網>>高層動態")
    '中國共產黨新聞網'

    Left alone: lines that name no site (``位置:首页 > 汇报体会``) give None.

    >>> site_from_line("位置:首页 > 汇报体会 > 工作汇报") is None
    True
    """
    line = strip_bullet(line.strip())
    squeezed = re.sub(r"\s+", "", line)
    for pattern in _SITE_PATTERNS:
        m = pattern.search(squeezed) or pattern.search(line)
        if m:
            site = m.group("site")
            return load_sites().canonical(site) or site
    m = re.match(r"^[^:：>|｜]*?(?:位置)\s*[:：]", line)
    head = re.split(r"\s*(?:>>|>|›|»|＞|\||｜)\s*", line[m.end() :] if m else line)[0].strip()
    if head and (looks_like_site_name(head) or load_sites().canonical(head)):
        return load_sites().canonical(head) or head
    if "版权" in squeezed or "版權" in squeezed or "Copyright" in line:
        return load_sites().find_in(line)
    return None
