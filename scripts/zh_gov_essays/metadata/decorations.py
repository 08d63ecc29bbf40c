"""A title without its decorations: category, site, author and release-tag prefixes and suffixes.

Every function here reads what the page prints; the names of particular
sites live in ``data/sites.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zh_gov_essays.metadata.names import known_or_site, named
from zh_gov_essays.vocab.chars import (
    CLOSING_BRACKETS,
    HAN,
    OPENING_BRACKETS,
    strip_bullet,
)
from zh_gov_essays.vocab.chars import cjk_count as _cjk_count
from zh_gov_essays.vocab.labels import COLUMN_WORDS, FILE_EXTENSIONS, GENRE_WORDS, SURNAMES
from zh_gov_essays.vocab.sites import looks_like_org_name

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
    r"原创|原創|转载|轉載|热荐|熱薦|必看|精彩|定稿|终稿|終稿|修订稿|修訂稿|修改稿"
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
    r"动态|動態|聚焦|"
    # an op-ed page's columns: 投書／… 觀點／… 民意論壇：…
    r"投书|投書|观点|觀點|论坛|論壇|来信|來信"
)

_COLUMN_PREFIX = re.compile(
    rf"^[{HAN}]{{0,4}}(?:" + _COLUMN_WORD + r")\s*[:：/／|｜]\s*"
    # or the label of a title field: 标题：…  題目：…
    r"|^(?:文章|文件)?(?:标题|標題|题目|題目|篇名|名称|名稱)\s*[:：]\s*"
    # or a short column tag before a full-width bar: 图解｜…  快讯｜…
    rf"|^[{HAN}]{{2,6}}\s*｜\s*(?=\S{{4,}})"
)

# An author before a title of a personal genre: ``李建明:學習黨章心得體會``.
_SURNAMES = SURNAMES

_PLACE_END = "州市县縣区區省镇鎮乡鄉村旗盟都城港岛島湾灣山江河湖口门門川泉溪"

_AUTHOR_PREFIX = re.compile(
    r"^[" + _SURNAMES + rf"][{HAN}]?[^\W\d_" + _PLACE_END + r"]\s*[:：/／]\s*"
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

_FILE_EXT = re.compile(rf"\.(?:{FILE_EXTENSIONS})$", re.IGNORECASE)


def _bracket_depth(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in OPENING_BRACKETS:
            depth += 1
        elif ch in CLOSING_BRACKETS and depth:
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
    if _cjk_count(head) < 2 or known_or_site(head) or looks_like_org_name(head):
        return title  # "笔杆范文网 - 专注于优质范文分享": a site header, not a title
    if "—" in sep:
        # "——" mostly opens a subtitle ("——记…", "——走进…网"): only a site goes.
        return head if named(tail) and not _SUBTITLE_START.match(tail) else title
    if named(tail):
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


# Decorations at the edges of a title, by kind: symbols framing it ("○ … ○"),
# the page of a flipbook ("Page 13 - …"), a page counter ("…(9)"), a volume's
# part ("…上册第一篇"), a note on the language of the page ("…(只有中文)"), a
# 范文 site's column glued to the genre word ("…的讲话政府政务"), an author
# before a bar ("张璋 | …").
_FRAME = re.compile(r"^[○●◎◆◇■□★☆※▲△▼▽►◄♦\s]+|[\s○●◎◆◇■□★☆※▲△▼▽►◄♦]+$")
_PAGE_PREFIX = re.compile(r"^(?:Page|PAGE|P\.)\s*\d{1,4}\s*[-–—:：]\s*")
_PAGE_COUNTER = re.compile(r"\s*[(（]\d{1,4}\s*(?:[页頁](?:珍藏版)?)?[)）]$")
_VOLUME_PART = re.compile(r"\s*(?:[上中下]册|[上中下]冊)?第[一二三四五六七八九十\d]{1,3}[篇章]$")
_LANGUAGE_NOTE = re.compile(
    r"\s*[(（](?:只有中文|只有英文|中文版|英文版|只有中文版|中英對照|中英对照|附圖片?|附图片?|附視頻|附视频)[)）]$"
)
_GLUED_COLUMN = re.compile(f"(?<=(?:{GENRE_WORDS}))(?:{COLUMN_WORDS})$")
_AUTHOR_BAR = re.compile(r"^[" + _SURNAMES + rf"][{HAN}]{{1,2}}\s*[|｜]\s*(?=\S{{6,}})")


def _strip_edges(title: str) -> str:
    """``title`` without the edge decorations above (each kind at most once).

    >>> _strip_edges("○  在全市会上的讲话政府政务  ○"), _strip_edges("Page 13 - 第一屆評獎紀實")
    ('在全市会上的讲话', '第一屆評獎紀實')
    >>> _strip_edges("一季度精神文明创建总结(9)"), _strip_edges("社会调查报告上册第一篇")
    ('一季度精神文明创建总结', '社会调查报告')
    >>> _strip_edges("张璋 | 政策执行中的一刀切现象"), _strip_edges("局长致辞全文(只有中文)")
    ('政策执行中的一刀切现象', '局长致辞全文')

    Left alone: counts and ranges that describe the page (``(13篇)``,
    ``（2023 - 2025年）``), dates in brackets (``(100.4.28)``), a part that is
    the whole title (``第一章``), and names before a bar that are not a person's.

    >>> _strip_edges("2022年述职报告（精选5篇）"), _strip_edges("问答辑(100.4.28)")
    ('2022年述职报告（精选5篇）', '问答辑(100.4.28)')
    >>> _strip_edges("第一章"), _strip_edges("文档库 | 公文写作规范")
    ('第一章', '文档库 | 公文写作规范')
    """
    for pattern in (_FRAME, _PAGE_PREFIX, _AUTHOR_BAR):
        shorter = pattern.sub("", title)
        if _cjk_count(shorter) >= 4:
            title = shorter
    for pattern in (_PAGE_COUNTER, _VOLUME_PART, _LANGUAGE_NOTE, _GLUED_COLUMN):
        m = pattern.search(title)
        if m and _cjk_count(title[: m.start()]) >= 4:
            title = title[: m.start()].rstrip()
    return title


# Forum thread tags around a title: "[转帖]…", "… [复制链接]".
_FORUM_TAGS = re.compile(
    r"^#[^\s#]{1,8}\s+|\s*\[(?:跳转到指定楼层|跳轉到指定樓層|复制链接|複製鏈接|打印|收藏)\]$|"
    r"^(?:標題|标题)?\s*\[(?:转帖|轉帖|转载|轉載|原创|原創|分享|推荐|推薦|求助|讨论|討論|心得|問卦|问卦|"
    r"新聞|新闻|情報|情报|經驗|经验|請益|请益)\]\s*|\s*\[(?:复制链接|複製鏈接)\]$"
)


# Pure functions of a line, asked of every header line and again of the title
# and its repeats: each line is cleaned once per process.
@lru_cache(maxsize=8192)
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
    >>> clean_title("投書／我在鄉公所做社工的三年")
    '我在鄉公所做社工的三年'
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
    title = _strip_edges(title)
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


@lru_cache(maxsize=8192)
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


def may_have_key(text: str, key: str) -> bool:
    """A quick test that ``title_key(text) == key`` is possible, for a non-empty ``key``.

    A title key is its text with parts deleted (decorations, spaces,
    punctuation: every step of :func:`clean_title` and :func:`title_key`
    strips, slices or substitutes ``""``), so its characters are in the
    text, in the same order: most body paragraphs fail this test, and then
    nobody cleans them as titles.

    >>> may_have_key("机关作风建设学习心得体会_笔杆范文网", "机关作风建设学习心得体会")
    True
    >>> may_have_key("今年以来，我们认真落实各项工作。", "机关作风建设学习心得体会")
    False
    >>> may_have_key("机关干部要把作风建设的心得体会写进学习笔记。", "机关作风建设学习心得体会")
    False
    """
    if not key or len(key) > len(text) or key[0] not in text or key[-1] not in text:
        return False
    at = 0
    for ch in key:
        at = text.find(ch, at) + 1
        if not at:
            return False
    return True


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
    if _cjk_count(head) < 2 or named(head) or ("—" in sep and _SUBTITLE_START.match(tail)):
        return None
    return named(tail)
