"""Which site or agency a line names: the site table first, then the shapes of names.

Every function here reads one line of what the page prints (a header, a
notice, a copyright or ``来源`` line); the page-level choice among them is
:mod:`~zh_gov_essays.metadata.source`'s.  Credits to other publishers and
placeholders (``本站原创``, ``互联网``) name nobody.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zh_gov_essays.vocab.chars import HAN, join_letter_spacing, strip_bullet
from zh_gov_essays.vocab.chars import cjk_count as _cjk_count
from zh_gov_essays.vocab.labels import BACK_HOME, COPYRIGHT, CRUMB_ARROWS, GENRE_WORDS, SOURCE_WORDS
from zh_gov_essays.vocab.seo import SLOGAN, WELCOME_GREETING, WELCOME_VERBS
from zh_gov_essays.vocab.sites import (
    NOT_NAMES,
    SITE_NAME,
    WIRE_CREDITS,
    ends_like_org,
    load_sites,
    looks_like_org_name,
    looks_like_site_name,
)


def known_or_site(name: str) -> str | None:
    """``name`` as a site (table spelling first) if it has a site's shape."""
    known = load_sites().canonical(name)
    if known:
        return known
    return name if looks_like_site_name(name) else None


# "某某网手机版": the site's mobile edition is the same site.
_EDITION = re.compile(
    r"(?:手机版|手機版|移动版|移動版|触屏版|觸屏版|电脑版|電腦版|[Ww][Aa][Pp]版)$"
)


def named(name: str) -> str | None:
    """``name`` if it names a site or an agency (known, site- or agency-shaped)."""
    name = _EDITION.sub("", name.strip())
    if not name or name in NOT_NAMES:
        return None
    return known_or_site(name) or (name if looks_like_org_name(name) else None)


_SOURCE_LABEL = re.compile(
    rf"(?:(?:{SOURCE_WORDS})\s*[:：]|[【\[](?:{SOURCE_WORDS})[】\]])\s*([^\s【】\[\]]+)"
)

_SITE_SHAPED = SITE_NAME.pattern


def site_from_source_label(line: str) -> str | None:
    """The site a ``来源:`` line names, if it names the hosting site itself.

    A credit to another publisher (``人民網-人民日報``, ``新华社``) is not
    the site, and neither is a placeholder (``互联网``, ``本站原创``).

    >>> site_from_source_label("2024-10-18 来源:威能网")
    '威能网'
    >>> site_from_source_label("2018-03-16 01:34:12 来源: 新华网")
    '新华网'

    Left alone: credits and placeholders give None.

    >>> site_from_source_label("2020年05月28日07:11    來源:人民網-人民日報") is None
    True
    >>> site_from_source_label("来源：互联网  作者：佚名"), site_from_source_label("【来源】本站原创")
    (None, None)
    """
    m = _SOURCE_LABEL.search(line)
    if not m:
        return None
    value = m.group(1).strip("“”\"'「」《》()（）")
    if value in NOT_NAMES or WIRE_CREDITS.search(value) or re.search(r"[-—–－/]", value):
        return None
    return known_or_site(value)


# Lines that credit another publisher: the name in them is not the host.
_CREDIT = re.compile(
    r"转载自|轉載自|转自|轉自|摘自|选自|選自|摘编自|摘編自|公众号|公眾號|微信号|微信號"
)

_COPYRIGHT = re.compile(
    rf"{COPYRIGHT}|著作权|著作權|版权归|版權歸|Copyright|All Rights Reserved|©|\([cC]\)|（[cC]）",
    re.IGNORECASE,
)

_COPYRIGHT_WORDS = re.compile(
    rf"{COPYRIGHT}|(?:本网站|本網站|本站|本网|本網)?(?:著作权|著作權|版权|版權)(?:属于|屬於|归|歸)?|"
    r"所有|保留|联系|聯繫|聯絡|备案|備案|ICP备|ICP備"
)

_WECHAT = (
    # 原创 [作者] 清风莲都 2022-04-18 08:30 [发表于浙江]
    re.compile(
        r"^(?:原创|原創)\s+(?:\S{1,12}\s+)?(?P<site>[^\s\d]{2,16})\s+\d{4}-\d{1,2}-\d{1,2}"
        r"(?:\s+\d{1,2}:\d{2})?(?:\s*(?:发表于|發表於)\S{1,8})?$"
    ),
    re.compile(
        r"^(?:\S{1,12}\s+)?(?P<site>[^\s\d]{2,16})\s+\d{4}-\d{1,2}-\d{1,2}"
        r"(?:\s+\d{1,2}:\d{2})?\s*(?:发表于|發表於)\S{1,8}$"
    ),
)


# A name's English form after it: "聖道中學 St. Tao Secondary School".
_LATIN_NAME = re.compile(r"\s+[A-Za-z][A-Za-z .'&-]*$")
# A website's own name: a few ideographs ending in 网 (the shape no title has).
_WEBSITE = re.compile(rf"[{HAN}]{{2,14}}(?:网|網|网站|網站)")

# The owner's name where a copyright line prints it, whatever its shape: right
# after "©2016" or "Copyright 2012-2023", or right before "All Rights Reserved",
# a domain or 版权所有 ("©2016 新福建 fjdaily.com", "後 備 軍 友 俱 樂 部 All Rights Reserved").
_OWNER = re.compile(
    rf"(?:©|\([cC]\)|Copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?\s*"
    rf"(?P<after>[{HAN}]{{2,12}})(?![{HAN}])"
    rf"|(?<![{HAN}])(?P<before>[{HAN}]{{2,12}})\s*(?:All Rights Reserved|(?:www\.)?[a-z0-9-]+\.(?:com|cn|net|org)|{COPYRIGHT})",
    re.IGNORECASE,
)


# "© 本文版权归作者 晚风里 所有": the rights stay with the writer, no site is named.
_AUTHOR_RIGHTS = re.compile(
    r"(?:版权|版權|著作权|著作權)\s*(?:归|歸|属于|屬於|为|為)\s*(?:原)?(?:作者|作者本人|原作者|撰稿人)"
)


def _site_from_copyright(line: str) -> str | None:
    """The first site or agency name on a copyright line; else the owner it prints."""
    if not _COPYRIGHT.search(line) or _CREDIT.search(line) or _AUTHOR_RIGHTS.search(line):
        return None
    line = join_letter_spacing(line)
    for run in re.findall(rf"[{HAN}]+", line):
        for piece in _COPYRIGHT_WORDS.split(run):
            name = named(piece)
            if name:
                return name
    for m in _OWNER.finditer(line):
        name = m.group("after") or m.group("before")
        if name not in NOT_NAMES and not _COPYRIGHT_WORDS.fullmatch(name):
            return name
    return None


def account_from_byline(line: str) -> str | None:
    """The account a self-media byline names: a WeChat article's or a platform's.

    >>> account_from_byline("原创 清风莲都 2022-04-18 08:30 发表于浙江")
    '清风莲都'
    >>> account_from_byline("公文派 · 2023-03-21 · 阅读 2.6k")
    '公文派'

    Left alone: lines without such a byline's shape.

    >>> account_from_byline("作者：李明 2022-04-18") is None
    True
    """
    return _site_from_wechat(line) or _site_from_dotted_byline(line)


# "公文派 · 2023-03-21 · 阅读 2.6k": an account, a date and a counter, dotted.
_DOTTED_BYLINE = re.compile(
    rf"^(?P<site>[{HAN}A-Za-z0-9]{{2,16}})\s*[·•]\s*(?:19|20)\d\d[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}"
)


def _site_from_dotted_byline(line: str) -> str | None:
    m = _DOTTED_BYLINE.match(line.strip())
    name = m.group("site") if m else ""
    if _cjk_count(name) >= 2 and name not in NOT_NAMES and not _MEMBERSHIP.search(name):
        return name
    return None


# "VIP专享文档 · 2023-01-06": a document's access level, not an account.
_MEMBERSHIP = re.compile(r"VIP|专享|專享|会员|會員|付费|付費|免费|免費", re.IGNORECASE)


def _site_from_wechat(line: str) -> str | None:
    """The account name on a WeChat article's byline."""
    for pattern in _WECHAT:
        m = pattern.match(line)
        if m and _cjk_count(m.group("site")) >= 2 and m.group("site") not in NOT_NAMES:
            return m.group("site")
    return None


_SITE_PATTERNS = (
    # "欢迎光临听雨文学社！": the site names itself in its welcome.
    re.compile(
        rf"^{WELCOME_GREETING}(?:欢迎|歡迎)(?:{WELCOME_VERBS})\s*(?P<site>[^\s!！,，。:：]{{2,20}}?)\s*(?:[!！,，。]|$)"
    ),
    # "原创力文档(book118)网站文档一经付费": a name, its Latin handle, the word 网站.
    re.compile(rf"(?P<site>[{HAN}]{{2,10}})\s*[(（][A-Za-z0-9.\-]{{2,24}}[)）]\s*(?:网站|網站)"),
    re.compile(r"本文由\s*(?P<site>.+?)\s*(?:收集整理|整理|提供|发布|發布)"),
    re.compile(
        r"(?:本文|文章|本篇)(?:来自|來自)[:：]?\s*[“\"「《]?(?P<site>" + _SITE_SHAPED + r")"
    ),
    re.compile(r"(?:请在|請在)\s*(?P<site>" + _SITE_SHAPED + r")\s*上搜索"),
    re.compile(r"(?P<site>" + _SITE_SHAPED + r")\s*https?://"),
    re.compile(rf"^(?P<site>[^\s:：]{{2,20}})\s*[:：]\s*(?:{BACK_HOME})$"),
    re.compile(r"^(?P<site>" + _SITE_SHAPED + r")\s+(?:编辑|編輯|作者|责任编辑|責任編輯)\s*[:：]"),
    re.compile(rf"(?:{COPYRIGHT})\s*[:：©]?\s*(?P<site>" + _SITE_SHAPED + r")"),
    re.compile(r"(?P<site>" + _SITE_SHAPED + rf")\s*(?:{COPYRIGHT})"),
)

_URL = re.compile(r"\s*(?:https?://)?(?:[\w-]+\.)+[a-zA-Z]{2,}(?:/\S*)?\s*$")

# What ends the first field of a header line: a menu bar, a crumb arrow, a slogan.
_HEAD_SEP = re.compile(rf"\s*(?:>>|{CRUMB_ARROWS}|\||｜)\s*|\s+[-–—]+\s+|——")


# Pure functions of a line, asked of a site's header and footer lines on
# every page it prints them on: each line is read once per process.
@lru_cache(maxsize=8192)
def site_from_line(line: str) -> str | None:
    """The hosting site named by a header, notice, nav, copyright or breadcrumb line.

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
    >>> site_from_line("Copyright © 2012-2023 www.bigan8.com 笔杆范文网 All Rights Reserved")
    '笔杆范文网'
    >>> site_from_line("© 2023 演讲稿之家 www.yjg8.com 联系QQ：123456789")
    '演讲稿之家'
    >>> site_from_line("臺中市政府勞工局 版權所有 © 2021 All Rights Reserved.")
    '臺中市政府勞工局'
    >>> site_from_line("本網站著作權屬於桃園市政府人事處")
    '桃園市政府人事處'
    >>> site_from_line("本文来自公文素材库，转载请注明出处。")
    '公文素材库'
    >>> site_from_line("笔杆范文网 - 专注于优质范文分享"), site_from_line("中国政府网 www.gov.cn")
    ('笔杆范文网', '中国政府网')

    Left alone: lines that name no site (``位置:首页 > 汇报体会``), credits to
    the original publisher (``本文转载自…``), placeholders, and agency names
    outside a copyright line (a signature, a ``主办`` line): those are for
    :func:`site_from_header_line`, which callers use on header lines only.

    >>> site_from_line("位置:首页 > 汇报体会 > 工作汇报") is None
    True
    >>> site_from_line("本文转载自“公文写作指南”公众号，版权归原作者所有。") is None
    True
    >>> site_from_line("© 本文版权归作者 晚风里 所有，任何形式转载请联系作者。") is None
    True
    >>> site_from_line("本文来自互联网"), site_from_line("临江县人民政府办公室")
    (None, None)
    """
    line = strip_bullet(line.strip())
    squeezed = re.sub(r"\s+", "", line)
    for pattern in _SITE_PATTERNS:
        m = pattern.search(squeezed) or pattern.search(line)
        if m:
            site = m.group("site")
            if site in NOT_NAMES or _CREDIT.search(site):
                return None
            return load_sites().canonical(site) or site
    m = re.match(r"^[^:：>|｜]*?位置(?:是)?\s*[:：]", line)
    head = _HEAD_SEP.split(line[m.end() :] if m else line)[0]
    head = _URL.sub("", head).strip()  # "某某网 www.example.com"
    credited = WIRE_CREDITS.search(line) and not re.search(CRUMB_ARROWS, line)
    if head and not credited and known_or_site(head):
        return known_or_site(head)
    tokens = head.split()
    if len(tokens) > 1 and not credited and _WEBSITE.fullmatch(tokens[0]):
        # "人人范文网 范文大全": the site's name, then its columns; but several
        # websites in a row are a bar of links to other sites.
        if not any(_WEBSITE.fullmatch(t) for t in tokens[1:]):
            return load_sites().canonical(tokens[0]) or tokens[0]
    site = _site_from_copyright(line)
    if site:
        return site
    if "版权" in squeezed or "版權" in squeezed or "Copyright" in line:
        return load_sites().find_in(line)
    return None


@lru_cache(maxsize=8192)
def site_from_header_line(line: str) -> str | None:
    """The site or agency a page-header line names (only for lines before the body).

    Everything :func:`site_from_line` finds, plus an agency's name standing
    alone or before a slogan, as government portals print it at the top.

    >>> site_from_header_line("莲都区人民政府"), site_from_header_line("臺中市政府勞工局")
    ('莲都区人民政府', '臺中市政府勞工局')
    >>> site_from_header_line("公文写作网"), site_from_header_line("文档库 | 道远文档网")
    ('公文写作网', '道远文档网')

    Left alone: titles, menus and dates.

    >>> site_from_header_line("区发展改革局召开机关党建与业务融合推进会") is None
    True
    >>> site_from_header_line("首页 政务公开 政务服务 互动交流 走进莲都") is None
    True
    """
    site = site_from_line(line)
    if site:
        return site
    text = strip_bullet(line.strip())
    # Every field of "文档库 | 道远文档网" or "政策解读 - 某市人力资源和社会保障局".
    for field in _HEAD_SEP.split(text)[:4]:
        head = _LATIN_NAME.sub(
            "", _URL.sub("", field)
        ).strip()  # "聖道中學 St. Tao Secondary School"
        if looks_like_org_name(head) or looks_like_site_name(head):
            return load_sites().canonical(head) or head
        # "香港特別行政區政府　社區服務統籌處": a government, then its department.
        tokens = head.split()
        if len(tokens) > 1 and all(ends_like_org(t) for t in tokens):
            return tokens[-1]
    return _name_before_slogan(text)


_GENRE_END = re.compile(f"(?:{GENRE_WORDS})$")
# A slogan is a short phrase: no quotes, dashes or commas, which a title's
# second half has ("党建引领 让“一站式”服务更有温度——…").
_NAME_AND_SLOGAN = re.compile(
    rf"([{HAN}]{{2,8}})(?:\s+[-–—]+\s+|\s+)([^\s“”‘’「」『』\"—，,]{{3,16}})"
)


def _name_before_slogan(text: str) -> str | None:
    """A masthead: the site's name, then its slogan.

    >>> _name_before_slogan("文稿素材苑 — 免费公文范文与写作素材")
    '文稿素材苑'

    Left alone: a name without a slogan word after it, and titles.

    >>> _name_before_slogan("机关党建 服务群众"), _name_before_slogan("关于 免费体检的通知")
    (None, None)
    >>> _name_before_slogan("党建引领 让“一站式”服务更有温度——门诊党支部工作经验交流") is None
    True
    """
    m = _NAME_AND_SLOGAN.fullmatch(text)
    if m is None or not SLOGAN.search(m[2]) or _GENRE_END.search(m[1]):
        return None
    return None if m[1].startswith(("关于", "關於")) else m[1]
