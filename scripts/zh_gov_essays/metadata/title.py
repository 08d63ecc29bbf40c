"""The title a page prints, chosen among its header lines by evidence."""

from __future__ import annotations

import re
from functools import lru_cache

from zh_gov_essays.furniture import bookmark_widget, comment_widget
from zh_gov_essays.furniture.page_meta import DIARY_DATE
from zh_gov_essays.layout import CRUMBS, MEETING_FIELD, PAGE_META, SITE_HEADER, first_header_body
from zh_gov_essays.metadata.decorations import (
    clean_title,
    may_have_key,
    site_from_title_suffix,
    title_key,
)
from zh_gov_essays.metadata.names import site_from_header_line
from zh_gov_essays.records import Label, Line
from zh_gov_essays.vocab.chars import HAN, SENTENCE_PUNCT, cjk_count
from zh_gov_essays.vocab.dates import find_date, strip_dates
from zh_gov_essays.vocab.headings import heading_level
from zh_gov_essays.vocab.labels import (
    DATE_WORDS,
    FILE_EXTENSIONS,
    GENRE_WORDS,
    HOME_WORDS,
    PUBLISH_WORDS,
)
from zh_gov_essays.vocab.seo import PROMO, WELCOME
from zh_gov_essays.vocab.sites import ends_like_org, looks_like_org_name, looks_like_site_name

TITLE = Label("title", "The title line, kept as the document's title.")
TITLE_REPEAT = Label(
    "title_repeat", "The title printed again (page title and article title, or re-injected)."
)
HEADER_DEBRIS = Label(
    "header_debris", "Other page furniture between the title and the first paragraph."
)

# Title candidates shorter than this (in CJK characters) are section names
# or page furniture (``政風室``), not essay titles.
MIN_TITLE_CJK = 5
MAX_TITLE_CHARS = 80

_GENRE_END = re.compile(f"(?:{GENRE_WORDS})$")

_FIELD_LABEL = re.compile(
    r"^[^\s:：]{0,6}(?:单位|單位|机构|機構|机关|機關|分类|分類|状态|狀態|号|號|名称|名稱|日期|类别|類別|来源|來源|"
    r"作者|时间|時間|人员|人員|地点|地點|部门|部門|领导|領導|主办|主辦|者|专业|專業|学科|學科|学位|學位|"
    r"导师|導師|院系|年级|年級|文件夹|文件夾|栏目|欄目|板块|版块|版塊)\s*[:：]"
)


# How a line ends or starts when it is a sentence, a clause, a salutation, a
# question of an interview or a field, and never a title: "县委、县政府：",
# "咬定青山不放松，", "光阴似箭，又是一年。", "问：为什么选择到村里任职？".
_NOT_A_TITLE_END = re.compile(r"[，,、：:；;。]$")
_INTERVIEW = re.compile(r"^(?:问|答|問|Q|A)\s*[:：]")


# A journal's volume and issue ("文官發展季刊 第27卷第2期 頁45-72"), and a list of
# authors with their romanised names ("林佩萱 Pei-Hsuan Lin;郭振宇 Chen-Yu Kuo").
_JOURNAL_ISSUE = re.compile(
    r"第\s*\d{1,3}\s*[卷期]|\d{4}\s*年\s*第\s*\d{1,2}\s*期|[頁页]\s*\d+\s*[-–]\s*\d+"
)
_AUTHOR_LIST = re.compile(
    rf"(?:[{HAN}]{{2,4}}\s+[A-Z][A-Za-z.\-]+(?:\s[A-Z][A-Za-z.\-]+)*\s*[;；、,，]?\s*){{1,8}}"
)
# A document-sharing page's rating and download counts: "★★★★☆ 4.5分(23人评价)".
_RATING = re.compile(r"★★|\d(?:\.\d)?\s*分\s*[(（]\s*\d+\s*人|\d+\s*人(?:评价|評價|已下载|已下載)")
# Widgets and credits a page prints near its title: a loading notice, the font
# size switch, a price with its buy button, a breadcrumb with spaced arrows, a
# "文/作者" credit.
_WIDGET_TEXT = re.compile(
    r"载入|載入|加载|加載|处理中|處理中|[Ll]oading|字[号號體体]\s*[:：\[〔（(]?\s*[大中小]|"
    r"[¥￥]\s*\d|立即购买|立即購買|加入购物车|加入購物車|\s[>»›]\s|^文\s*[/／]"
)
# A field and its value, or several of them: "研究生：許庭瑄", "博客等级：12 博客积分：1386".
_SHORT_FIELD = re.compile(r"^[^\s:：]{2,6}\s*[:：]\s*[^\s:：]{1,6}$")
_FIELD_PAIRS = re.compile(r"(?:[^\s:：]{2,6}\s*[:：]\s*\S+\s*){2,}")
# A menu glued into one line, opening with its home link: "网站首页节日演讲稿爱国…".
_GLUED_MENU = re.compile(f"^(?:{HOME_WORDS})[{HAN}]")
# A line spaced out letter by letter ("首 页 政 务 公 开 网 上 办 事"): a menu or a
# masthead filling a table cell.
_LETTER_SPACED = re.compile(rf"^(?:[{HAN}] ){{5,}}")


# A speaker's or author's line under a title: posts, then the name ("市政协委员、
# 市城建设计研究院副院长　阙丹枫").
_POSTS = (
    "委员|委員|院长|院長|局长|局長|书记|書記|主任|主席|部长|部長|校长|校長|署长|署長|市长|市長|县长|縣長|"
    "镇长|鎮長|乡长|鄉長|区长|區長|会长|會長|处长|處長|科长|科長|厅长|廳長|代表|教授|研究员|研究員|经理|經理"
)
_SPEAKER = re.compile(rf"[^\s，。：:]{{0,36}}(?:{_POSTS})[\s\u3000]+[{HAN}]{{2,4}}")


# Pure functions of a line, asked of the same header lines several times per
# page and of a site's template lines on every page: memoised per process.
@lru_cache(maxsize=8192)
def not_a_title(text: str) -> bool:
    """Whether a line has a shape no title has: a clause, a salutation, a question of an
    interview, a diary heading, a minutes field, a welcome or a promotion.

    >>> not_a_title("县委、县政府："), not_a_title("咬定青山不放松，"), not_a_title("光阴似箭，又是一年。")
    (True, True, True)
    >>> not_a_title("问：当初为什么选择到村里任职？"), not_a_title("2021年3月5日 星期五 晴")
    (True, True)
    >>> not_a_title("欢迎光临公文写作网"), not_a_title("某某网校上线了！")
    (True, True)
    >>> not_a_title("首 页 政 务 公 开 网 上 办 事")
    True

    A speaker's posts and name under a speech's title:

    >>> not_a_title("市政协委员、市城建设计研究院副院长　阙丹枫"), not_a_title("市审计局局长　房牧之")
    (True, True)

    Left alone: titles with inner punctuation, questions and exclamations.

    >>> not_a_title("纪念马克思诞辰：今天，学一学革命导师如何讲“政治纪律”")
    False
    >>> not_a_title("如何加强机关作风建设？"), not_a_title("延安，延安")
    (False, False)
    >>> not_a_title("学习贯彻全会文件"), not_a_title("做一名合格的共产党员")
    (False, False)
    """
    return bool(
        _SPEAKER.fullmatch(text.strip())
        or _LETTER_SPACED.search(text)
        or _SHORT_FIELD.match(text)
        or _FIELD_PAIRS.fullmatch(text)
        or _GLUED_MENU.match(text)
        or _WIDGET_TEXT.search(text)
        or _RATING.search(text)
        or _JOURNAL_ISSUE.search(text)
        or _AUTHOR_LIST.fullmatch(text)
        or _NOT_A_TITLE_END.search(text)
        or _INTERVIEW.match(text)
        or DIARY_DATE.search(text)
        or MEETING_FIELD.match(text)
        or WELCOME.match(text)
        or PROMO.search(text)
    )


def _title_length(text: str) -> bool:
    """Whether a header line is no longer than a title (what :func:`_title_usable` and
    :func:`_short_title` ask first)."""
    return len(text) <= MAX_TITLE_CHARS


@lru_cache(maxsize=8192)
def _title_usable(text: str) -> bool:
    """Whether a header line can be an essay title."""
    if not _title_length(text) or text.startswith(("——", "—", "(", "（")):
        return False
    if not_a_title(text):
        return False
    if looks_like_site_name(text) or looks_like_org_name(text):
        return False
    if text.startswith(("|", "｜")) or _FIELD_LABEL.match(text):
        return False  # a table row or a "发布机构：…" field, not a title
    if site_from_header_line(text) and not site_from_title_suffix(text):
        return False  # "某某网 - 专注于优质范文分享", "莲都区人民政府": the site's header
    cjk = cjk_count(text)
    return cjk >= MIN_TITLE_CJK or (cjk >= 2 and bool(_GENRE_END.search(text)))


@lru_cache(maxsize=8192)
def _short_title(text: str) -> bool:
    """A header line too short to be a title on its own evidence, but shaped like one."""
    return (
        _title_length(text)
        and not not_a_title(text)
        and not _FIELD_LABEL.match(text)
        and not looks_like_site_name(text)
        and not looks_like_org_name(text)
        and site_from_header_line(text) is None
    )


_TITLE_FIELD = re.compile(
    r"^[|｜]?\s*(?:本文标题|本文標題|标\s*题|標\s*題|(?:论文|論文|文章|文件|文档|文檔)?名\s*称|"
    r"(?:论文|論文|文章|文件|文档|文檔)?名\s*稱|题\s*目|題\s*目|题\s*名|題\s*名)"
    r"(?:\s*[:：]|\s*[|｜]|\s+(?=\S))\s*"
    r"([^|｜\s].{1,80}?)\s*[|｜]?$"
)


_FILE_TITLE = re.compile(rf"[^\s|｜]{{4,80}}\.(?:{FILE_EXTENSIONS})", re.IGNORECASE)
# A blog post's title with its time in brackets: "驻村日记:冬天的第一场雪 (2016-12-08 21:37:15)".
_TITLE_AND_TIME = re.compile(
    r"^(?P<title>[^()（）]{4,60}?)\s*[(（]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[)）]$"
)
_SHARED_FILE = re.compile(rf"《([^《》]{{2,80}}?)\.(?:{FILE_EXTENSIONS})》", re.IGNORECASE)


_WEEKDAY_OR_TIME = re.compile(r"星期.|週.|周.|[上下]午|[一二三四五六七八九十]{1,2}月")


def _bare_date(text: str) -> bool:
    """A line that is a date alone, with its weekday or time: a blog's day heading.

    >>> _bare_date("2019年6月3日 星期一"), _bare_date("2021 五月 12 週三 10:25")
    (True, True)
    >>> _bare_date("发布时间：2022-06-25"), _bare_date("作者：李明 2022-04-18")
    (False, False)
    """
    return cjk_count(_WEEKDAY_OR_TIME.sub("", strip_dates(text))) == 0 and bool(
        find_date(text)
        or re.search(r"(?:19|20)\d\d\s+[一二三四五六七八九十]{1,2}月\s+\d{1,2}", text)
    )


def _site_line_follows(lines: list[Line], index: int, start: int) -> bool:
    """Whether the line after ``index`` names the site: the page prints its title first."""
    nxt = next((ln for ln in lines[index + 1 : start] if ln.text), None)
    if nxt is None or nxt.label not in (None, SITE_HEADER):
        return False  # a menu under the first line: that line is the site's name
    # The site's name alone, an agency's, or a masthead ("文稿素材苑 — 免费公文范文与写作素材").
    return (
        site_from_header_line(nxt.text) is not None
        or looks_like_org_name(nxt.text)
        or looks_like_site_name(nxt.text)
    )


_PERSON_OR_ACCOUNT = re.compile(rf"[{HAN}A-Za-z0-9_]{{2,8}}")


def _author_under_title(lines: list[Line], title: int, below: int) -> bool:
    """Whether ``below`` is the author's name printed between a title and its time.

    A self-media post prints ``机关干部如何写好调研报告?…`` / ``笔杆子老周`` /
    ``2022-04-11 07:35``: the name is short, has no punctuation, and sits right
    under a much longer line.
    """
    if any(ln.text for ln in lines[title + 1 : below]):
        return False
    name, head = lines[below].text.strip(), lines[title].text
    return bool(_PERSON_OR_ACCOUNT.fullmatch(name)) and cjk_count(head) >= cjk_count(name) + 8


def _block_start(lines: list[Line], metas: list[int]) -> int:
    """The first line of the page-metadata block nearest the body.

    The block runs back from the last metadata line over blank lines and
    other furniture (share buttons, counters) to the first unlabelled line.
    """
    start = metas[-1]
    for i in range(metas[-1] - 1, -1, -1):
        if lines[i].text and lines[i].label is None:
            break
        if lines[i].label in PAGE_META:
            start = i
    return start


def choose_title(lines: list[Line], start: int) -> tuple[int | None, str | None]:
    """Index and text of the title among the header lines, if the page prints one.

    In order of evidence: a line the page prints twice; the line just above
    the page's date, counter or byline; the first line after the breadcrumb
    or navigation; the first line that can be a title at all.
    """
    for i in range(min(start, len(lines))):
        m = _TITLE_FIELD.match(lines[i].text)
        if m and cjk_count(m.group(1)) >= 2:
            return i, clean_title(m.group(1))  # a disclosure page's "名称：…" field
    header = [i for i in range(min(start, len(lines))) if lines[i].text and lines[i].label is None]
    usable = [i for i in header if _title_usable(lines[i].text)]
    furniture = [i for i in range(start) if lines[i].label in CRUMBS]
    # Where each header line's key is printed (only lines that may carry one are keyed).
    # A header line longer than a title is never taken below (neither usable
    # nor a short title), so its key is not wanted.
    wanted = {
        key
        for key in (title_key(lines[i].text) for i in header if _title_length(lines[i].text))
        if key
    }
    keys: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.text and any(may_have_key(line.text, key) for key in wanted):
            keys.setdefault(title_key(line.text), []).append(i)
    # A line the page prints twice is the title even when short ("延安，延安");
    # of its printings above the body, the fullest one is taken.
    for i in header:
        text = lines[i].text
        if not _title_length(text):
            continue
        key = title_key(text)
        if not key or len(keys.get(key, [])) < 2 or cjk_count(key) < 2:
            continue
        short_ok = _short_title(text) and all(j < start for j in keys[key])
        if not (i in usable or short_ok):
            continue  # a short name printed at the top and the bottom is the site's
        printings = [
            j for j in keys[key] if j in header and (j in usable or _short_title(lines[j].text))
        ]
        best = max(printings, key=lambda j: (len(clean_title(lines[j].text)), -j))
        return best, clean_title(lines[best].text)
    for i in range(min(start, len(lines))):
        m = _TITLE_AND_TIME.match(lines[i].text) if lines[i].label in PAGE_META else None
        if m and _title_usable(m["title"]) and not _DATE_LABEL.search(m["title"]):
            return i, clean_title(m["title"])  # a blog post's title with its time
    metas = [
        i
        for i, line in enumerate(lines[:start])
        if line.label in PAGE_META and not re.fullmatch(r"[(（][^()（）]*[)）]", line.text)
    ]
    if metas and _bare_date(lines[metas[-1]].text):
        # A blog prints the day, then the post's title: "2019年6月3日 星期一" / title.
        after = [j for j in range(metas[-1] + 1, min(start + 1, len(lines))) if lines[j].text]
        if (
            after
            and lines[after[0]].label is None
            and _short_title(lines[after[0]].text)
            and not ends_like_org(lines[after[0]].text)  # "行政公職局": the department's name
        ):
            if cjk_count(lines[after[0]].text) >= MIN_TITLE_CJK or after[0] == start:
                return after[0], clean_title(lines[after[0]].text)
    if metas:
        # The page's metadata block nearest the body is the essay's own (a
        # book's credits may come first); the title stands right above it.
        i = _block_start(lines, metas)
        crumbs = [f for f in furniture if f < i]
        above = [j for j in usable if j < i and (not crumbs or j > crumbs[-1])]
        if above:
            pick = above[-1]
            if len(above) > 1 and _author_under_title(lines, above[-2], pick):
                pick = above[-2]
            return pick, clean_title(lines[pick].text)
        first = next((j for j, ln in enumerate(lines) if ln.text), None)
        before = [j for j in range(i) if lines[j].text]
        below = [j for j in usable if j > metas[-1]]
        if before and before[-1] == first and not below and _short_title(lines[first].text):
            return first, clean_title(lines[first].text)  # "培训记" over its byline
    first = next((j for j, ln in enumerate(lines[:start]) if ln.text), None)
    if first is not None and first in usable and _site_line_follows(lines, first, start):
        return first, clean_title(lines[first].text)  # the title, then the site's header
    if furniture:
        # Above the breadcrumb or menu sit the site's name and slogans, and a
        # title only when it carries the site's name ("标题_栏目_站名").
        usable = [j for j in usable if j > furniture[-1] or site_from_title_suffix(lines[j].text)]
    if usable:
        return usable[0], clean_title(lines[usable[0]].text)
    # A title that only a widget still carries: 本文标题：…, 收藏《…》, 网友评论《…》.
    for line in lines:
        m = _TITLE_FIELD.match(line.text) if line.label else None
        if m and cjk_count(m.group(1)) >= 2:
            return None, clean_title(m.group(1))
    for line in lines:
        if line.label in (bookmark_widget.label, comment_widget.label):
            m = re.search(r"《([^》]{2,80})》", line.text)
            if m:
                return None, clean_title(m.group(1))
    # A document-sharing page names the file: "在全县大会上的讲话(定稿).pdf".
    for line in lines[:start]:
        if (
            line.label is not None
            and _FILE_TITLE.fullmatch(line.text)
            and not _FIELD_LABEL.match(line.text)  # "文件名：材料.doc" is a field
        ):
            return line.number, clean_title(line.text)
    # A document-sharing notice naming the file: 《某某工作总结.docx》由会员分享….
    for line in lines:
        m = _SHARED_FILE.search(line.text) if line.label else None
        if m and cjk_count(m.group(1)) >= 4:
            return None, clean_title(m.group(1))
    return None, None


_ABOUT = re.compile(r"关于|關於")
_DATE_LABEL = re.compile(f"{DATE_WORDS}|{PUBLISH_WORDS}")
# How the first half of a title printed on two lines ends: "驻村这一年：".
_OPEN_END = re.compile(r"^[^:：|｜>_\s]{2,28}[:：—]$")
# What only a single line of a title holds: separators, crumbs, a subtitle's dash.
_NOT_HALF = re.compile(r"[|｜_>»›]|^[—(（]|\s[-–]\s")


def _title_printed_on_two_lines(
    lines: list[Line], index: int | None, start: int
) -> tuple[int, str] | None:
    """The other line and the whole title, when the chosen line is half of a title.

    Halves sit on adjacent lines: the first ends with a colon or a dash
    (``驻村这一年：`` / ``我在石门村的三本笔记``), or the second completes the
    genre the first leaves open (``…人民代表大会`` / ``常务委员会…办法``).
    """
    if index is None:
        return None
    prev, nxt = index - 1, index + 1
    text = lines[index].text
    if prev >= 0 and lines[prev].label in (None, SITE_HEADER) and lines[prev].text:
        head = lines[prev].text
        if lines[prev].label is None and _OPEN_END.match(head) and cjk_count(head) >= 2:
            return prev, clean_title(head + text)
        if ends_like_org(head) and _ABOUT.match(text):
            # "临澜市人民政府" / "关于…的报告": the issuing agency opens a 公文's title.
            return prev, clean_title(head + text)
    if nxt < min(start, len(lines)) and lines[nxt].label is None and lines[nxt].text:
        tail = lines[nxt].text
        if (
            not SENTENCE_PUNCT.search(text + tail)
            and not _NOT_HALF.search(text)
            and not _NOT_HALF.search(tail)
            and not _GENRE_END.search(text)
            and _GENRE_END.search(tail)
            and len(text + tail) <= MAX_TITLE_CHARS
            and heading_level(tail) is None
        ):
            return nxt, clean_title(text + tail)
    return None


def label_header(lines: list[Line], start: int) -> str | None:
    """Choose the title and label the header's lines; return the title as printed.

    The title line becomes ``title``, the title printed again anywhere
    ``title_repeat``, and the other unlabelled lines above the body
    ``site_header`` when they name the site, else ``header_debris``.
    """
    title_index, title = choose_title(lines, start)
    joined = _title_printed_on_two_lines(lines, title_index, start)
    if joined is not None:
        other, title = joined
        lines[other].label = TITLE
    tkey = title_key(title) if title else None
    first_body = first_header_body(lines, start, title_index)
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if i == title_index:
            if line.label not in PAGE_META:  # "标题 (2016-12-08 21:37)" still dates the page
                line.label = TITLE
        elif (
            tkey
            and line.label is None
            and may_have_key(line.text, tkey)
            and title_key(line.text) == tkey
        ):
            line.label = TITLE_REPEAT
        elif line.label is None and i < first_body:
            named = site_from_header_line(line.text) is not None
            line.label = SITE_HEADER if named else HEADER_DEBRIS
    return title
