"""Document metadata from the lines the classifier removed: title, source, category…

Every function here reads what the page prints; when the page does not say,
the answer is ``None`` (never a guess).  The rules describe kinds of page
furniture (a site appended to a title, a copyright line, a breadcrumb); the
names of particular sites live in ``data/sites.toml``.
"""

from __future__ import annotations

import re

from zh_gov_essays.lines import strip_bullet
from zh_gov_essays.sites import (
    NOT_NAMES,
    SITE_NAME,
    WIRE_CREDITS,
    load_sites,
    looks_like_org_name,
    looks_like_site_name,
)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def _known_or_site(name: str) -> str | None:
    """``name`` as a site (table spelling first) if it has a site's shape."""
    known = load_sites().canonical(name)
    if known:
        return known
    return name if looks_like_site_name(name) else None


# "某某网手机版": the site's mobile edition is the same site.
_EDITION = re.compile(
    r"(?:手机版|手機版|移动版|移動版|触屏版|觸屏版|电脑版|電腦版|[Ww][Aa][Pp]版)$"
)


def _named(name: str) -> str | None:
    """``name`` if it names a site or an agency (known, site- or agency-shaped)."""
    name = _EDITION.sub("", name.strip())
    if not name or name in NOT_NAMES:
        return None
    return _known_or_site(name) or (name if looks_like_org_name(name) else None)


# --- title ------------------------------------------------------------------------

_OPENERS = "(（【[［《「『〔“‘"
_CLOSERS = ")）】]］》」』〕”’"

# Where a title may carry a decoration at its end.  Spaced separators and
# ``_``/``|`` (which never join words in a Chinese title) mark any short
# category or site label; ``——`` (subtitles), ``-`` (year ranges) only a name.
_SEP = re.compile(r"\s+(?:[-–—_|｜]+)\s+|\s*(?:[_|｜]+|——|—|--?|–)\s*")
_LABEL_MAX = 15
# SEO badges that content farms append in brackets: 【精选推荐】 (精选) 【最新】.
# Counts (``(13篇)``, ``（精选5篇）``) describe the page and are kept.
_SEO_WORD = (
    r"精选|精選|推荐|推薦|最新|热门|熱門|优秀|優秀|经典|經典|必备|必備|通用|范文|範文|大全|合集|"
    r"汇总|彙總|匯總|精华|精華|精编|精編|荐|薦|热|熱|新|完整版|通用版|最新版|精编版|精編版|word版|"
    r"可编辑|可編輯|免费|免費|下载|下載|收藏|参考|參考|模板|范本|範本|多篇|优质|優質|值得一看|值得收藏|"
    r"原创|原創|转载|轉載|热荐|熱薦|必看"
)
_SEO_BADGE = re.compile(
    r"\s*[(（【\[［](?:" + _SEO_WORD + r"|[、,，/\s])+[)）】\]］]$", re.IGNORECASE
)
# The part marker of a compilation page: ``…篇一``, ``…篇2``, ``…【篇三】``.
_PART_MARK = re.compile(r"\s*[(（【\[]?篇(?:[一二三四五六七八九十]+|\d{1,2})[)）】\]]?$")
_BRACKET_PREFIX = re.compile(r"^[(（【\[][^()（）【】\[\]]{1,12}[)）】\]]\s*(?=.{4,})")
# A column or genre label before ``:``/``/``: 申論范文: 社論/ 公文范文: 工作动态：
_COLUMN_WORD = (
    r"范文|範文|社论|社論|评论|評論|时评|時評|短评|短評|述评|述評|社评|社評|专栏|專欄|论文|論文|"
    r"申论|申論|公文|文摘|原创|原創|转载|轉載|推荐|推薦|精选|精選|专题|專題|要闻|要聞|快讯|快訊|"
    r"头条|頭條|视点|視點|言论|言論|杂谈|雜談|随笔|隨筆|综述|綜述|特稿|来稿|來稿|投稿|博文|资讯|資訊|"
    r"动态|動態|聚焦"
)
_COLUMN_PREFIX = re.compile(
    r"^[\u4e00-\u9fff]{0,4}(?:" + _COLUMN_WORD + r")\s*[:：/／|｜]\s*"
    # or the label of a title field: 标题：…  題目：…
    r"|^(?:文章|文件)?(?:标题|標題|题目|題目|篇名|名称|名稱)\s*[:：]\s*"
    # or a short column tag before a full-width bar: 图解｜…  快讯｜…
    r"|^[\u4e00-\u9fff]{2,4}\s*｜\s*(?=\S{4,})"
)
# An author before a title of a personal genre: ``李建明:學習黨章心得體會``.
_SURNAMES = (
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈"
    "夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵钱錢严嚴覃武戴莫孔汤湯"
    "施牛樊葛邢齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿兰蘭焦俞左柳甘祝包宁寧尚符舒"
    "阮柯纪紀梅童凌毕畢单單季裴霍涂苗谷盛曲翁冉骆駱蓝藍游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟"
    "艾尤阳陽穆农農卓古吉缪繆简簡车車项項芦蘆麦麥褚娄婁窦竇戚岑景宫宮费費卜冷晏席卫衛米柏宗瞿桂"
    "佟应應臧闵閔苟邬鄔边邊卞姬师師仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏佘池查麻苑迟遲邝鄺"
)
_PLACE_END = "州市县縣区區省镇鎮乡鄉村旗盟都城港岛島湾灣山江河湖口门門川泉溪"
_AUTHOR_PREFIX = re.compile(
    r"^[" + _SURNAMES + r"][\u4e00-\u9fff]?[^\W\d_" + _PLACE_END + r"]\s*[:：/／]\s*"
)
_PERSONAL_GENRE = re.compile(
    r"(?:心得|体会|體會|感想|感悟|总结|總結|讲话|講話|讲稿|講稿|发言|發言|报告|報告|方案|意见|意見|"
    r"通知|汇报|匯報|述职|述職|计划|計劃|规划|規劃|致辞|致詞|倡议书|倡議書|演讲稿|演講稿|札记|札記|"
    r"读后感|讀後感|材料|范文|範文)(?:[(（][^()（）]{1,12}[)）])?$"
)
# How a subtitle after "——" starts: a verb or preposition, never a site's name.
_SUBTITLE_START = re.compile(
    r"(?:记|記|访|訪|谈|談|论|論|致|献给|獻給|写在|寫在|走进|走進|学习|學習|读|讀|看|从|從|以|在|为|為|"
    r"做|当|當|争做|爭做|关于|關於|对|對|浅谈|淺談|兼论|兼論|再论|再論)"
)
_FILE_EXT = re.compile(r"\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)$", re.IGNORECASE)


def _bracket_depth(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth


def _last_decoration(title: str) -> tuple[str, str, str] | None:
    """``(head, separator, tail)`` at the title's last separator outside brackets."""
    for m in reversed(list(_SEP.finditer(title))):
        head, tail = title[: m.start()], title[m.end() :]
        if head.strip() and tail.strip() and _bracket_depth(head) == 0:
            return head.rstrip(), m.group(), tail.strip()
    return None


def _strip_suffix_once(title: str) -> str:
    for pattern in (_SEO_BADGE, _PART_MARK):
        m = pattern.search(title)
        if m and _cjk_count(title[: m.start()]) >= 2:
            return title[: m.start()].rstrip()
    found = _last_decoration(title)
    if not found:
        return title
    head, sep, tail = found
    if _cjk_count(head) < 2 or _known_or_site(head) or looks_like_org_name(head):
        return title  # "笔杆范文网 - 专注于优质范文分享": a site header, not a title
    if "—" in sep:
        # "——" mostly opens a subtitle ("——记…", "——走进…网"): only a site goes.
        return head if _named(tail) and not _SUBTITLE_START.match(tail) else title
    if _named(tail):
        return head
    spaced = sep[:1].isspace() and sep[-1:].isspace()
    if not spaced and sep.strip() in ("-", "--", "–"):
        return title  # "2021-2025年规划": a range, not a separator
    if (
        len(tail) > _LABEL_MAX
        or len(tail) > len(head)
        or _cjk_count(head) < 4
        or re.search(r"\s|[。，,；;！？!?]", tail)
        or (head[-1:].isdigit() and tail[:1].isdigit())
    ):
        return title
    return head


# Forum thread tags around a title: "[转帖]…", "… [复制链接]".
_FORUM_TAGS = re.compile(
    r"^\[(?:转帖|轉帖|转载|轉載|原创|原創|分享|推荐|推薦|求助|讨论|討論)\]\s*|\s*\[(?:复制链接|複製鏈接)\]$"
)


def clean_title(line: str) -> str:
    """The essay title without category, site, author or release-tag decorations.

    Suffixes go repeatedly: a site or category appended after `` - ``, ``_``
    or ``|`` (spaced or not), a site after ``——``, SEO badges in brackets,
    a compilation's ``篇一``.  Prefixes: one bracketed tag, a column label
    before ``:``/``/``, or an author's name before a personal genre
    (心得体会, 讲话, 总结…).

    >>> clean_title("论机关效能建设 - 行政论文")
    '论机关效能建设'
    >>> clean_title("机关作风建设学习心得体会_笔杆范文网")
    '机关作风建设学习心得体会'
    >>> clean_title("关于加强机关效能建设的调研报告 - 调研报告 - 公文素材库")
    '关于加强机关效能建设的调研报告'
    >>> clean_title("2023年党支部工作总结【精选推荐】")
    '2023年党支部工作总结'
    >>> clean_title("申論范文:民之樂 憂民之憂——譜好服務型政府“三重奏”")
    '民之樂 憂民之憂——譜好服務型政府“三重奏”'
    >>> clean_title("社論/提升公務人員為民服務品質"), clean_title("李建明:學習黨章心得體會")
    ('提升公務人員為民服務品質', '學習黨章心得體會')
    >>> clean_title("标题：关于开展机关效能提升年活动的通知")
    '关于开展机关效能提升年活动的通知'

    >>> clean_title("(两会受权发布)中国人民政治协商会议全国委员会常务委员会工作报告")
    '中国人民政治协商会议全国委员会常务委员会工作报告'
    >>> clean_title("【公務員廉政倫理規範】公務員廉政倫理規範問答輯(100.4.28)")
    '公務員廉政倫理規範問答輯(100.4.28)'
    >>> clean_title("审计厅党政机关公文的格式区别及常见错误讲稿.docx")
    '审计厅党政机关公文的格式区别及常见错误讲稿'
    >>> clean_title("最优政府会议心得体会范文(13篇)篇一")
    '最优政府会议心得体会范文(13篇)'

    Left alone: separators inside brackets, subtitles after ``——``, year
    ranges, counts in brackets, a place before a colon (``莲都：``), colons
    after a longer lead, and spaces between phrases.

    >>> clean_title("临江市机关效能建设三年行动计划（2023 - 2025年）")
    '临江市机关效能建设三年行动计划（2023 - 2025年）'
    >>> clean_title("厉行节约 反对浪费——致全市机关干部职工的倡议书")
    '厉行节约 反对浪费——致全市机关干部职工的倡议书'
    >>> clean_title("莲都：“红色代办”跑出政务服务加速度")
    '莲都：“红色代办”跑出政务服务加速度'
    >>> clean_title("2011年国家公务员考试申论热点:服务型政府")
    '2011年国家公务员考试申论热点:服务型政府'
    >>> clean_title("2022年个人述职述廉报告（精选5篇）")
    '2022年个人述职述廉报告（精选5篇）'
    >>> clean_title("强化自身建设 提升服务水平")
    '强化自身建设 提升服务水平'
    """
    title = strip_bullet(line.strip())
    title = _FILE_EXT.sub("", title).strip()
    title = _FORUM_TAGS.sub("", title).strip()
    title = re.sub(r"\s*[-_|｜–]+$", "", title)  # a separator left dangling at the end
    while True:
        shorter = _strip_suffix_once(title)
        if shorter == title:
            break
        title = shorter
    m = _BRACKET_PREFIX.match(title) or _COLUMN_PREFIX.match(title)
    if m and _cjk_count(title[m.end() :]) >= 4:
        title = title[m.end() :]
    else:
        m = _AUTHOR_PREFIX.match(title)
        if m and _PERSONAL_GENRE.search(title) and _cjk_count(title[m.end() :]) >= 4:
            title = title[m.end() :]
    return title.strip()


# A compilation's count of pieces: (13篇) （精选5篇）.
_COUNT_BADGE = re.compile(
    r"[(（【\[](?:" + _SEO_WORD + r")*\s*\d{1,3}\s*(?:篇|则|則|份|个|個)\s*[)）】\]]"
)


def title_key(text: str) -> str:
    """A comparison key for spotting a title printed again.

    Decorations, punctuation, a compilation's count and part marker do not
    count: ``X（精选5篇）`` heads the page, ``X 篇1`` heads its first piece.

    >>> title_key("机关作风建设学习心得体会_笔杆范文网") == title_key("机关作风建设 学习心得体会")
    True
    >>> title_key("2022年述职报告（精选5篇）") == title_key("2022年述职报告 篇1")
    True

    Left alone: any difference in the words themselves.

    >>> title_key("2022年述职报告") == title_key("2021年述职报告")
    False
    """
    return re.sub(r"[\s\W_]+", "", _COUNT_BADGE.sub("", clean_title(text)))


def site_from_title_suffix(line: str) -> str | None:
    """The site or agency a title line carries as a suffix, as in a page's ``<title>``.

    >>> site_from_title_suffix("在全县机关作风建设大会上的讲话_笔杆范文网")
    '笔杆范文网'
    >>> site_from_title_suffix("关于加强机关效能建设的调研报告 - 调研报告 - 公文素材库")
    '公文素材库'
    >>> site_from_title_suffix("区发展改革局召开推进会 | 莲都区人民政府")
    '莲都区人民政府'

    Left alone: category suffixes, subtitles, and a site's header with its
    slogan (the site is the head there, see :func:`site_from_header_line`).

    >>> site_from_title_suffix("论机关效能建设 - 行政论文") is None
    True
    >>> site_from_title_suffix("笔杆范文网 - 专注于优质范文分享") is None
    True
    """
    title = _FILE_EXT.sub("", strip_bullet(line.strip())).strip()
    found = _last_decoration(title)
    if not found:
        return None
    head, sep, tail = found
    if _cjk_count(head) < 2 or _named(head) or ("—" in sep and _SUBTITLE_START.match(tail)):
        return None
    return _named(tail)


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
# "当前位置:", "您现在的位置是：", "現在位置：" — the label before a breadcrumb.
_CRUMB_LABEL = re.compile(r"^[^:：]{0,10}位置(?:是)?\s*[:：]")
_CRUMB_ARROW = re.compile(r"\s*(?:[-—–=]+>|>>|[>›»＞→⇒➤▶])\s*")
_CRUMB_SLASH = re.compile(r"\s*[/／]\s*")
_CRUMB_DASH = re.compile(r"\s+[-–—]\s+|(?<=[\u4e00-\u9fff])[-–—](?=[\u4e00-\u9fff])")


def breadcrumb_parts(line: str) -> list[str]:
    """The levels of a breadcrumb, without its label.

    Call it on lines already known to be breadcrumbs: with no arrow in the
    line, ``/`` and spaced dashes are taken as separators too.

    >>> breadcrumb_parts("首頁>心得體會>工作體會>創建學習型機關")
    ['首頁', '心得體會', '工作體會', '創建學習型機關']
    >>> breadcrumb_parts("主页 > 论文知识 > 最新论文资料 > 行政 > > 详细内容")
    ['主页', '论文知识', '最新论文资料', '行政', '详细内容']
    >>> breadcrumb_parts("首页 -> 理论文章 -> 作风建设")
    ['首页', '理论文章', '作风建设']
    >>> breadcrumb_parts("您现在的位置是：首页 → 政务公开 → 部门动态")
    ['首页', '政务公开', '部门动态']
    >>> breadcrumb_parts("首頁 / 訊息公告 / 機關新聞")
    ['首頁', '訊息公告', '機關新聞']
    >>> breadcrumb_parts("首页》工作总结》年度总结"), breadcrumb_parts("首页-工作总结")
    (['首页', '工作总结', '年度总结'], ['首页', '工作总结'])

    Left alone: ``/`` inside a level when the line has arrows.

    >>> breadcrumb_parts("首页 > 党建/廉政 > 学习心得")
    ['首页', '党建/廉政', '学习心得']
    >>> breadcrumb_parts("首页 > 读《论语》札记")
    ['首页', '读《论语》札记']
    """
    line = _CRUMB_LABEL.sub("", strip_bullet(line.strip()))
    if _CRUMB_ARROW.search(line):
        parts = _CRUMB_ARROW.split(line)
    elif "》" in line and "《" not in line:
        parts = line.split("》")  # 首页 》 工作总结 (no book title in the line)
    elif _CRUMB_SLASH.search(line):
        parts = _CRUMB_SLASH.split(line)
    else:
        parts = _CRUMB_DASH.split(line)
    return [p.strip() for p in parts if p.strip()]


def category_from_breadcrumb(line: str, title: str | None) -> list[str]:
    """The category levels of a breadcrumb: no home, site, page or title level.

    >>> category_from_breadcrumb("首頁>心得體會>工作體會>創建學習型機關", "創建學習型機關")
    ['心得體會', '工作體會']
    >>> category_from_breadcrumb("首页 -> 理论文章 -> 作风建设", None)
    ['理论文章', '作风建设']
    >>> category_from_breadcrumb("中國共產黨新聞網>>高層動態", None)
    ['高層動態']

    Left alone (no category): a breadcrumb that only points home.

    >>> category_from_breadcrumb("您的当前位置:首页正文", None)
    []
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

    Left alone: lines without a tag label give ``[]``.
    """
    m = _TAG_LABEL.search(line)
    if not m:
        return []
    rest = line[m.end() :]
    return [t for t in re.split(r"[\s,，;；、|]+", rest) if t]


_EDITOR_WORD = r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編|作者)"
_NAME_CHARS = r"[^\s:：|｜,，;；、【】\[\]()（）<>《》]"
_EDITOR = re.compile(
    r"(?:"
    + _EDITOR_WORD
    + r"\s*[:：]|[【\[]"
    + _EDITOR_WORD
    + r"[】\]])\s*("
    + _NAME_CHARS
    + r"{0,12})"
)


# Words that end an office or a rank, never a person's name.
_UNIT_END = re.compile(r"(?:科|處|处|局|室|部|股|中心|办|辦|委|院|所|组|組|队|隊|站|厅|廳|署)$")
_RANK_END = re.compile(r"(?:员|員|长|長|主任|书记|書記|师|師|干部|幹部)$")


def editor_from_line(line: str) -> str | None:
    """The editor or author named on a byline.

    >>> editor_from_line("白雲飄飄範文網 編輯:小景")
    '小景'
    >>> editor_from_line("【编辑：小林】"), editor_from_line("【发布时间】2019年12月3日  【作者】刘洋")
    ('小林', '刘洋')
    >>> editor_from_line("作者：人事處綜合規劃科 科員 李怡君")
    '李怡君'

    Left alone: empty slots, placeholders (佚名, admin) and other roles.

    >>> editor_from_line("【编辑：】") is None, editor_from_line("作者：佚名") is None
    (True, True)
    >>> editor_from_line("(审核:张何 陈镇 柳芊)") is None
    True
    """
    m = _EDITOR.search(line)
    if not m:
        return None
    name = m.group(1)
    if _UNIT_END.search(name):
        # "作者：人事處綜合規劃科 科員 李怡君": the unit and rank come first.
        rest = re.split(r"\s+", line[m.end() :].strip())
        people = [t for t in rest if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", t)]
        people = [t for t in people if not _UNIT_END.search(t) and not _RANK_END.search(t)]
        name = people[0] if people else name
    return name if name and name not in NOT_NAMES else None


# --- source -------------------------------------------------------------------------

_SOURCE_LABEL = re.compile(
    r"(?:(?:来源|來源|出处|出處)\s*[:：]|[【\[](?:来源|來源|出处|出處)[】\]])\s*([^\s【】\[\]]+)"
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
    return _known_or_site(value)


# Lines that credit another publisher: the name in them is not the host.
_CREDIT = re.compile(
    r"转载自|轉載自|转自|轉自|摘自|选自|選自|摘编自|摘編自|公众号|公眾號|微信号|微信號"
)
_COPYRIGHT = re.compile(
    r"版权所有|版權所有|著作权|著作權|版权归|版權歸|Copyright|©|\([cC]\)|（[cC]）", re.IGNORECASE
)
_COPYRIGHT_WORDS = re.compile(
    r"版权所有|版權所有|(?:本网站|本網站|本站|本网|本網)?(?:著作权|著作權|版权|版權)(?:属于|屬於|归|歸)?|"
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


def _site_from_copyright(line: str) -> str | None:
    """The first site or agency name on a copyright line."""
    if not _COPYRIGHT.search(line) or _CREDIT.search(line):
        return None
    for run in re.findall(r"[\u4e00-\u9fff]+", line):
        for piece in _COPYRIGHT_WORDS.split(run):
            name = _named(piece)
            if name:
                return name
    return None


def _site_from_wechat(line: str) -> str | None:
    """The account name on a WeChat article's byline."""
    for pattern in _WECHAT:
        m = pattern.match(line)
        if m and _cjk_count(m.group("site")) >= 2 and m.group("site") not in NOT_NAMES:
            return m.group("site")
    return None


_SITE_PATTERNS = (
    re.compile(r"本文由\s*(?P<site>.+?)\s*(?:收集整理|整理|提供|发布|發布)"),
    re.compile(
        r"(?:本文|文章|本篇)(?:来自|來自)[:：]?\s*[“\"「《]?(?P<site>" + _SITE_SHAPED + r")"
    ),
    re.compile(r"(?:请在|請在)\s*(?P<site>" + _SITE_SHAPED + r")\s*上搜索"),
    re.compile(r"(?P<site>" + _SITE_SHAPED + r")\s*https?://"),
    re.compile(r"^(?P<site>[^\s:：]{2,20})\s*[:：]\s*(?:回首頁|回首页|返回首页|首页|首頁)$"),
    re.compile(r"^(?P<site>" + _SITE_SHAPED + r")\s+(?:编辑|編輯|作者|责任编辑|責任編輯)\s*[:：]"),
    re.compile(r"(?:版权所有|版權所有)\s*[:：©]?\s*(?P<site>" + _SITE_SHAPED + r")"),
    re.compile(r"(?P<site>" + _SITE_SHAPED + r")\s*(?:版权所有|版權所有)"),
)
_URL = re.compile(r"\s*(?:https?://)?(?:[\w-]+\.)+[a-zA-Z]{2,}(?:/\S*)?\s*$")
# What ends the first field of a header line: a menu bar, a crumb arrow, a slogan.
_HEAD_SEP = re.compile(r"\s*(?:>>|>|›|»|＞|→|\||｜)\s*|\s+[-–—]+\s+|——")


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
    >>> site_from_line("原创 清风莲都 2022-04-18 08:30 发表于浙江")
    '清风莲都'
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
    site = _site_from_wechat(line)
    if site:
        return site
    m = re.match(r"^[^:：>|｜]*?位置(?:是)?\s*[:：]", line)
    head = _HEAD_SEP.split(line[m.end() :] if m else line)[0]
    head = _URL.sub("", head).strip()  # "某某网 www.example.com"
    credited = WIRE_CREDITS.search(line) and not re.search(r">|›|»|＞|→", line)
    if head and not credited and _known_or_site(head):
        return _known_or_site(head)
    site = _site_from_copyright(line)
    if site:
        return site
    if "版权" in squeezed or "版權" in squeezed or "Copyright" in line:
        return load_sites().find_in(line)
    return None


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
        head = _URL.sub("", field).strip()
        if looks_like_org_name(head) or looks_like_site_name(head):
            return load_sites().canonical(head) or head
    return None
